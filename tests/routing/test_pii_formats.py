"""The scanner's own e-mail and IP recognizers, the IP policy, and how redaction joins spans.

The e-mail and IP recognizers replaced Presidio's; compared with them on 6,000 generated texts
(IPv4 and IPv6 in every written form, MACs, times, versions; addresses on real, private and
invented domains) they found the same spans. These cases pin the behaviour without Presidio.
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import EmailRecognizer, PiiScanner, redaction_spans
from routing_mcp.pii_rules import IpRecognizer, PolicyIpRecognizer
from routing_mcp.pii_worker import Finding

SCANNER = PiiScanner(0.4, ("US", "GB", "DE", "FR"), context="off")  # the rules (conftest.py)


def found(recognizer: EmailRecognizer | IpRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text)]


@pytest.mark.parametrize(
    ("text", "emails"),
    [
        ("Write to jane.doe@posteo.de today", ["jane.doe@posteo.de"]),
        (
            "cc x+tag@b.co.uk and o'neil@mail.example.museum",
            ["x+tag@b.co.uk", "o'neil@mail.example.museum"],
        ),
        ("IDN: a@example.рф and b@example.xn--p1ai", ["a@example.рф", "b@example.xn--p1ai"]),
        # no public top-level domain: a host on the LAN, an invented name
        ("ssh admin@nas.local or root@localhost, test@x.invalid", []),
        ("the decorator @app.route('/x') and user@", []),
    ],
)
def test_email_needs_a_real_top_level_domain(text: str, emails: list[str]) -> None:
    assert found(EmailRecognizer(), text) == emails
    assert all(r.score == 1.0 for r in EmailRecognizer().analyze(text))


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        ("exit 81.2.69.160, then 10.0.0.1/24", ["81.2.69.160", "10.0.0.1/24"]),
        ("v6 2a02:8070:a184::1 and fe80::1%eth0", ["2a02:8070:a184::1", "fe80::1%eth0"]),
        ("mapped ::ffff:81.2.69.160 here", ["::ffff:81.2.69.160"]),
        (
            "full 2001:0db8:0000:0000:0000:ff00:0042:8329.",
            ["2001:0db8:0000:0000:0000:ff00:0042:8329"],
        ),
        # what only looks like one: a MAC, a time, an octet over 255, a zero-padded octet
        ("mac aa:bb:cc:dd:ee:ff at 12:30:45, 256.1.1.1, 01.2.3.4", []),
    ],
)
def test_ip_candidates_are_what_ipaddress_reads(text: str, addresses: list[str]) -> None:
    assert found(IpRecognizer(), text) == addresses


@pytest.mark.parametrize(
    ("text", "personal"),
    [
        ("My VPS is at 81.2.69.160", ["81.2.69.160"]),
        ("home is 2a02:8070:a184::1", ["2a02:8070:a184::1"]),
        ("router 192.168.1.1, resolver 1.1.1.1, docs 203.0.113.7, link fe80::1", []),
        ("firmware 1.2.3.4 fixed it; Windows 10.0.19045.3803", []),
        # a version list: each one listed after a version is one
        ("sort versions: 1.10.0.2, 1.9.12.0, 1.10.0.10 and 1.2.0.0", []),
        # ...but addresses listed after an address stay addresses
        (
            "the kids' phones got 81.2.69.160, 81.2.69.161 and 81.2.69.162",
            ["81.2.69.160", "81.2.69.161", "81.2.69.162"],
        ),
        # the other side of a security log or question: an attacker, a scanner, a Tor exit, the
        # mirror apt fetched from (round 10)...
        ("fail2ban banned 81.2.69.160, 81.2.69.161 and 81.2.69.162", []),
        ("kernel: [UFW BLOCK] IN=eth0 SRC=81.2.69.160 DST=10.0.0.2 PROTO=TCP", []),
        ("is a tor exit node like 81.2.69.160 worth blocking?", []),
        ("Err:4 https://deb.example/pve bookworm InRelease 401 [IP: 81.2.69.160 443]", []),
        ("Nov 28 03:40:55 vps sshd[2290]: Failed password for root from 81.2.69.160", []),
        # ...unless the address is said to be the writer's or someone's they know
        ("fail2ban banned my own home IP 81.2.69.160, how do I unban it", ["81.2.69.160"]),
        (
            "fail2ban keeps banning people I know:\nNOTICE [sshd] Ban 81.2.69.160\nthat's my "
            "friend Oskar's broadband",
            ["81.2.69.160"],
        ),
        (
            "should I worry?\nFailed password for root from 81.2.69.161 port 5\nAccepted "
            "publickey for deploy from 81.2.69.160 port 51522",
            ["81.2.69.160"],
        ),
        # eight byte pairs: a Zigbee device's IEEE address (ZHA), a certificate serial
        ("ZHA device ieee 00:12:4b:00:1c:a1:b2:c3 dropped off", []),
        ("openssl x509 says serial 4F:2A:91:0C:77:E3:5B:1D", []),
        ("my prefix is 2a02:81:0:1::1", ["2a02:81:0:1::1"]),
    ],
)
def test_only_addresses_that_identify_a_subscriber_count(text: str, personal: list[str]) -> None:
    assert found(PolicyIpRecognizer(), text) == personal


def test_redaction_joins_overlaps_and_keeps_every_character_covered() -> None:
    text = "Call Anna Smith Jones at home"
    findings = [
        Finding("PERSON", 5, 15, 0.85),  # "Anna Smith"
        Finding("LOCATION", 11, 21, 0.6),  # "Smith Jones": overlaps, lower score
        Finding("PERSON", 5, 9, 0.5),  # inside the first
    ]
    assert redaction_spans(text, findings) == [("PERSON", 5, 21)]
    # one kind, apart by spaces only: one placeholder; by a word: two
    two = [Finding("PHONE_NUMBER", 0, 3, 0.4), Finding("PHONE_NUMBER", 5, 8, 0.4)]
    assert redaction_spans("123  456", two) == [("PHONE_NUMBER", 0, 8)]
    assert redaction_spans(
        "123 or 456", [Finding("PHONE_NUMBER", 0, 3, 0.4), Finding("PHONE_NUMBER", 7, 10, 0.4)]
    ) == [
        ("PHONE_NUMBER", 0, 3),
        ("PHONE_NUMBER", 7, 10),
    ]


@pytest.mark.parametrize(
    ("table", "births"),
    [
        (
            "name,dob,city\nLena Hoffmann,03/11/1989,Leeds\nKwame Asante,1992-07-22,Bristol",
            ["03/11/1989", "1992-07-22"],
        ),
        ("| Name | Geburtsdatum |\n|---|---|\n| Uwe | 12.03.1977 |", ["12.03.1977"]),
        ("nom;date de naissance\nAnaïs;4 mars 1990", ["4 mars 1990"]),
        # a date column that is not a birth date; a birth column after the table ended
        ("id,created,updated\n1,2024-01-02,2024-02-03", []),
        ("name,dob\nsee below\n\n2024-01-02 was the deadline", []),
    ],
)
def test_dates_in_a_birth_date_column(table: str, births: list[str]) -> None:
    found = [f for f in SCANNER.scan(table) if f.entity == "DATE_OF_BIRTH"]
    assert [table[f.start : f.end] for f in found] == births
