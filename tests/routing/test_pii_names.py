"""The detector on the hand-written corpus (tuning half only) and on the issue's own examples.

The held-out half is never asserted here: its numbers are the bench's (bench/routing_pii.py).
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import false_positives, load, score_personal


def _scan(scanner: PiiScanner):  # type: ignore[no-untyped-def]
    def scan(text: str) -> tuple[list, bool]:  # type: ignore[type-arg]
        found = scanner.scan(text)
        return found, scanner.keeps_local(found)

    return scan


def test_tuning_half_recall_and_false_positives(scanner: PiiScanner) -> None:
    personal, clean = load("personal", "tune"), load("clean", "tune")
    assert len(personal) > 150 and len(clean) > 150  # the split is fixed by the ids' hashes
    score = score_personal(personal, _scan(scanner))
    assert score.flagged / score.prompts >= 0.98, score.misses
    assert score.protected / score.prompts >= 0.97, score.misses
    wrong = false_positives(clean, _scan(scanner))
    assert len(wrong) / len(clean) <= 0.02, [s.id for s in wrong]


@pytest.mark.parametrize(
    ("prompt", "name"),
    [
        ("Write to Sarah O'Connor about the invoice", "Sarah O'Connor"),
        ("my colleague maria garcia needs a cover letter", "maria garcia"),
        ("Anna Müller needs a birthday poem", "Anna Müller"),
        ("Please write a note for José about the meeting", "José"),
        ("Plan a weekend with Kowalski and Priya", "Priya"),
        ("Hi Sarah,\nthe backup failed again.", "Sarah"),
        ("Thanks for the help.\nCheers,\nTom", "Tom"),
        ("the disks are in, cheers, Tom", "Tom"),
        ("A toast for Jean-Luc Picard-Dubois", "Jean-Luc Picard-Dubois"),
        ("Will Harper keeps rebooting the NAS, write him a note", "Will Harper"),
        ("mein Kollege stefan hoffmann braucht ein Anschreiben", "stefan hoffmann"),
        ("Écris un mot pour Élodie Lefèvre", "Élodie Lefèvre"),
        ("Escribe a don Manuel Herrera que el técnico viene", "Manuel Herrera"),
    ],
)
def test_names_in_any_phrasing(scanner: PiiScanner, prompt: str, name: str) -> None:
    found = [f for f in scanner.scan(prompt) if f.entity == "PERSON"]
    start = prompt.index(name)
    assert any(f.start <= start and f.end >= start + len(name) for f in found), found


@pytest.mark.parametrize(
    "prompt",
    [
        "I will migrate the NAS in May; may I keep the old disks?",
        "Mark the failed disk offline and bill the hours to the grace period",
        "Plant a rose and hope for summer; the jack on the back is line out",
        "Write a Julia function and a Kafka consumer; talk to Alexa about Jenkins",
        "Translate this into German and French",
        "Drive from Charlotte to Paris via Florence",
        "def get_user(user_id): return USERS[user_id]  # jack = Jack()",
    ],
)
def test_common_words_products_and_places_are_not_names(scanner: PiiScanner, prompt: str) -> None:
    assert [f for f in scanner.scan(prompt) if f.entity == "PERSON"] == []


@pytest.mark.parametrize(
    ("prompt", "is_ip"),
    [
        ("My router firmware is 1.2.3.4, is there a newer release?", False),
        ("Upgrade from version 2.14.1.3 to 2.15.0.1 broke Zigbee", False),
        ("Windows 10.0.19045.3803 breaks the NIC driver", False),
        ("The NAS at 192.168.1.20 is slow; Pi-hole on 10.0.0.53", False),
        ("my server is at 203.0.113.7, write an abuse report", True),
        ("Accepted publickey for root from 92.40.175.12 port 51122", True),
        ("My public IPv6 is 2a02:8070:a284:5e00:d1c4:9a2f:1c3e:7b10", True),
    ],
)
def test_ip_addresses_by_policy(scanner: PiiScanner, prompt: str, is_ip: bool) -> None:
    assert any(f.entity == "IP_ADDRESS" for f in scanner.scan(prompt)) is is_ip


def test_redact_replaces_whole_names(scanner: PiiScanner) -> None:
    text = "Write to Sarah O'Connor and my colleague maria garcia"
    assert scanner.redact(text) == "Write to <PERSON> and my colleague <PERSON>"
