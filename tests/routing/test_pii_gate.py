"""PII never reaches a cloud model: a corpus of prompts with personal data, asserted on the wire."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from routing_mcp.pii import PiiScanner
from tests.harness import structured
from tests.routing.conftest import Upstreams

# Each prompt would go to a cloud model by its class; each carries personal data.
PII_CORPUS = [
    ("Write a friendly email to jane.doe@gmail.com about the party", "EMAIL_ADDRESS"),
    ("Call me back on +1 415-555-0132 to review the architecture", "PHONE_NUMBER"),
    ("Analyse the spending on card 4111 1111 1111 1111 last month in depth", "CREDIT_CARD"),
    ("Wire the rent to IBAN DE89 3704 0044 0532 0130 00 and draft a note", "IBAN_CODE"),
    ("My SSN is 536-22-8726, help me write a cover letter", "US_SSN"),
    ("Our VPN exit is 81.2.69.160, write a story about it", "IP_ADDRESS"),
    ("My name is Jane Doe and I need a poem for my wedding", "PERSON"),
    ("Plan a roadmap for moving to 42 Maple Street next spring", "LOCATION"),
    ("Dr. Alice Smith asked me to compare the two treatments in depth", "PERSON"),
    ("I was born on 1984-03-12; write a creative birthday slogan", "DATE_OF_BIRTH"),
    (
        "Review this code:\n```python\nEMAIL = 'ops.team@proton.me'\nsend(EMAIL)\n```",
        "EMAIL_ADDRESS",
    ),
    ("Compare UK NHS number 943 476 5919 records for my dad in depth", "UK_NHS"),
    ("Meine Adresse ist Hauptstraße 12, plan den Umzug step by step", "LOCATION"),
    ("Send 0.5 BTC to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT and write a song", "CRYPTO"),
    ("Numbers: +49 30 901820 +44 20 7946 0958, write a limerick", "PHONE_NUMBER"),
]
CLEAN = [
    "What is the capital of France?",
    "Write a python function that reverses a list",
    "Compare Proxmox and TrueNAS SCALE for a small homelab in depth",
    "Plan the steps to migrate my Docker containers to Kubernetes",
    "Write a haiku about the autumn rain",
    "Version 2.14.1 fixed the bug in build 20231105",
]


def test_scanner_finds_each_kind(scanner: PiiScanner) -> None:
    for prompt, kind in PII_CORPUS:
        found = {f.entity for f in scanner.scan(prompt)}
        assert kind in found, (prompt, found)


def test_numbers_written_back_to_back_are_each_found(scanner: PiiScanner) -> None:
    text = "Call +49 30 901820 +44 20 7946 0958 or 415-555-0132/415-555-0199 today"
    phones = [text[f.start : f.end] for f in scanner.scan(text) if f.entity == "PHONE_NUMBER"]
    assert len(phones) == 4, phones


def test_scanner_leaves_clean_prompts_alone(scanner: PiiScanner) -> None:
    for prompt in CLEAN:
        assert scanner.scan(prompt) == [], prompt


def test_scanner_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"the PII scanner reached for the network: {args[:2]}")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    fresh = PiiScanner()
    assert {f.entity for f in fresh.scan("mail bob.smith@outlook.com")} == {"EMAIL_ADDRESS"}


async def test_pii_corpus_never_reaches_a_cloud_route(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    for prompt, _ in PII_CORPUS:
        result = structured(await routing.call_tool("ask", {"prompt": prompt}))
        assert result["model"] in ("local-qwen", "local-llama"), prompt
        assert result["pii_found"] is True
        assert result["task_class"] == "pii_sensitive"
    assert upstreams.gemini.call_count == 0
    assert upstreams.anthropic.call_count == 0
    assert upstreams.openai.call_count == 0
    assert upstreams.ollama.call_count == len(PII_CORPUS)


async def test_explicit_task_class_cannot_send_pii_to_the_cloud(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    result = structured(
        await routing.call_tool(
            "ask",
            {"prompt": "Review jane.doe@gmail.com's code", "task_class": "premium_code_review"},
        )
    )
    assert result["model"] == "local-qwen"
    assert upstreams.cloud_calls() == 0


async def test_pii_with_local_models_down_is_refused(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.tags.mock(side_effect=httpx.ConnectError("Connection refused"))
    for prompt, _ in PII_CORPUS[:5]:
        with pytest.raises(
            ToolError, match=r"personal data.*none is healthy.*not sent to any cloud"
        ):
            await routing.call_tool("ask", {"prompt": prompt})
    decision = structured(await routing.call_tool("route", {"prompt": PII_CORPUS[0][0]}))
    assert decision["model"] is None
    assert upstreams.cloud_calls() == 0


async def test_pii_with_local_model_failing_mid_call_is_refused_not_escalated(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.ollama.mock(side_effect=httpx.ConnectError("Connection refused"))
    with pytest.raises(ToolError, match="Refused"):
        await routing.call_tool("ask", {"prompt": PII_CORPUS[0][0]})
    assert upstreams.cloud_calls() == 0


async def test_redact_mode_escalates_only_redacted_text(
    make_routing: Any, upstreams: Upstreams
) -> None:
    mcp, rt = make_routing(pii_mode="redact")
    async with Client(mcp) as client:
        result = structured(
            await client.call_tool(
                "ask", {"prompt": "Write a friendly email to jane.doe@gmail.com about the party"}
            )
        )
    await rt.aclose()
    assert result["model"] == "gemini-flash"
    sent = json.loads(upstreams.gemini.calls.last.request.content)["contents"][0]["parts"][0][
        "text"
    ]
    assert "jane.doe@gmail.com" not in sent
    assert "<EMAIL_ADDRESS>" in sent


async def test_scan_pii_tool_reports_types_and_positions(routing: Client[Any]) -> None:
    text = "Mail jane.doe@gmail.com"
    scan = structured(await routing.call_tool("scan_pii", {"prompt": text, "redact": True}))
    assert scan["found"] is True
    [entity] = scan["entities"]
    assert (entity["type"], text[entity["start"] : entity["end"]]) == (
        "EMAIL_ADDRESS",
        "jane.doe@gmail.com",
    )
    assert scan["redacted"] == "Mail <EMAIL_ADDRESS>"
