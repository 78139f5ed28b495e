"""Every text that leaves the box is scanned: the system instruction too, asserted on the wire.

The providers are respx routes in their real shapes (tests/routing/conftest.py) that record each
request; a test reads back what a cloud provider would have received.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from routing_mcp.pii import PiiScanner
from routing_mcp.pii_pool import ScanOptions
from tests.harness import mcp_client, structured
from tests.routing.conftest import Upstreams

CLEAN_PROMPT = "Write a friendly note to the neighbours about the summer party"
SYSTEMS = {  # a system instruction with personal data -> the kinds the decision must report
    "Reply as the assistant of jane.doe@gmail.com, card 4111 1111 1111 1111": {
        "EMAIL_ADDRESS",
        "CREDIT_CARD",
    },
    "You write on behalf of Sarah O'Connor, call +44 20 7946 0958 for questions": {
        "PERSON",
        "PHONE_NUMBER",
    },
    "Sign every answer as Anna Müller, Hauptstraße 12": {"LOCATION", "PERSON"},
}


def sent_texts(upstreams: Upstreams) -> list[str]:
    """Every text any cloud provider received (prompt, system, messages), as one string each."""
    calls = [*upstreams.gemini.calls, *upstreams.anthropic.calls, *upstreams.openai.calls]
    return [c.request.content.decode() for c in calls]


async def test_pii_in_system_keeps_the_request_local(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    for system, kinds in SYSTEMS.items():
        decision = structured(
            await routing.call_tool("route", {"prompt": CLEAN_PROMPT, "system": system})
        )
        assert decision["pii_found"] is True
        assert decision["pii_fields"] == [{"field": "system", "types": sorted(kinds)}]
        assert decision["model"] in ("local-qwen", "local-llama")
        result = structured(
            await routing.call_tool("ask", {"prompt": CLEAN_PROMPT, "system": system})
        )
        assert result["model"] in ("local-qwen", "local-llama"), system
        assert result["pii_fields"] == [{"field": "system", "types": sorted(kinds)}]
    assert upstreams.cloud_calls() == 0
    assert upstreams.ollama.call_count == len(SYSTEMS)


async def test_clean_system_goes_to_the_cloud_verbatim(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    system = "Answer in British English, in three short paragraphs."
    result = structured(await routing.call_tool("ask", {"prompt": CLEAN_PROMPT, "system": system}))
    assert result["model"] == "gemini-flash"
    assert result["pii_found"] is False and result["pii_fields"] == []
    body = json.loads(upstreams.gemini.calls.last.request.content)
    assert body["systemInstruction"]["parts"][0]["text"] == system


async def test_redact_mode_redacts_every_field(make_routing: Any, upstreams: Upstreams) -> None:
    mcp, rt = make_routing(pii_mode="redact")
    prompt = "Write a friendly email to jane.doe@gmail.com about the party"
    system = "Sign as the assistant of bob.smith@outlook.com; bill card 4111 1111 1111 1111"
    async with mcp_client(mcp) as client:
        result = structured(await client.call_tool("ask", {"prompt": prompt, "system": system}))
    await rt.aclose()
    assert result["model"] == "gemini-flash"
    assert {f["field"] for f in result["pii_fields"]} == {"prompt", "system"}
    [sent] = sent_texts(upstreams)
    for value in ("jane.doe@gmail.com", "bob.smith@outlook.com", "4111 1111 1111 1111"):
        assert value not in sent
    body = json.loads(upstreams.gemini.calls.last.request.content)
    assert "<EMAIL_ADDRESS>" in body["systemInstruction"]["parts"][0]["text"]
    assert "<CREDIT_CARD>" in body["systemInstruction"]["parts"][0]["text"]


async def test_redact_mode_keeps_an_uncertain_name_local(
    make_routing: Any, upstreams: Upstreams
) -> None:
    """ "to Will" may be a person: a redaction that may be wrong would send the name."""
    mcp, rt = make_routing(pii_mode="redact")
    async with mcp_client(mcp) as client:
        result = structured(
            await client.call_tool(
                "ask", {"prompt": "Write a friendly thank-you note to Will for the spare drives"}
            )
        )
    await rt.aclose()
    assert result["model"] in ("local-qwen", "local-llama")
    assert upstreams.cloud_calls() == 0


async def test_redact_mode_keeps_kinds_read_from_words_local(
    make_routing: Any, upstreams: Upstreams
) -> None:
    """A name, a birth date, a health fact, an address: found from the words around them, so
    their spans are judgements; redact mode keeps such a request local (measured on the blind
    corpus, word spans covered every personal string of only 68 % of its prompts). A request
    whose only personal data has a format (an e-mail address) is still redacted and sent."""
    mcp, rt = make_routing(pii_mode="redact")
    worded = [
        "Draft a thank-you card for Imogen Castellanos, who fed our cats all August",
        "Write a note: the party for Leo Hartley (born on 4 May 2012, he has asthma) is at "
        "12 Heron Close, Norwich NR4 7TJ",
        "remind me that my dad's warfarin dose changes next week",
    ]
    async with mcp_client(mcp) as client:
        kept = [structured(await client.call_tool("ask", {"prompt": p})) for p in worded]
        email = "Write a short polite email to q.ostrowski@fastmail.com about the delivery"
        sent_out = structured(await client.call_tool("ask", {"prompt": email}))
    await rt.aclose()
    for result in kept:
        assert result["model"] in ("local-qwen", "local-llama"), result
        assert result["pii_found"]
    assert sent_out["model"] == "gemini-flash"
    [sent] = sent_texts(upstreams)  # only the e-mail request left, redacted
    assert "q.ostrowski@fastmail.com" not in sent and "<EMAIL_ADDRESS>" in sent


@pytest.mark.parametrize("prompt", ["", "   ", "\n\t \n"])
async def test_whitespace_prompt_is_refused_before_any_provider(
    routing: Client[Any], upstreams: Upstreams, prompt: str
) -> None:
    for tool in ("ask", "route"):
        with pytest.raises(ToolError, match=r"empty|at least 1 character"):
            await routing.call_tool(tool, {"prompt": prompt})
    assert upstreams.cloud_calls() == 0
    assert upstreams.ollama.call_count == 0


async def test_size_cap_is_a_clear_error(make_routing: Any, upstreams: Upstreams) -> None:
    mcp, rt = make_routing(max_prompt_chars=1000)
    async with mcp_client(mcp) as client:
        with pytest.raises(ToolError, match=r"1,001 characters.*ROUTING_MAX_PROMPT_CHARS"):
            await client.call_tool("ask", {"prompt": "x" * 900, "system": "y" * 101})
        ok = structured(await client.call_tool("route", {"prompt": "word " * 199}))
    await rt.aclose()
    assert ok["model"] is not None
    assert upstreams.cloud_calls() == 0


async def test_scanning_runs_off_the_event_loop(
    make_routing: Any, upstreams: Upstreams, scanner: PiiScanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a chat prompt's size (ScanOptions.inline_chars, all fields together) the scans run
    in the scan threads; a chat prompt is scanned inline (tests/routing/test_scan_inline.py)."""
    loop_thread = threading.get_ident()
    long_prompt = " ".join([CLEAN_PROMPT] * 20)
    assert len(long_prompt) > ScanOptions().inline_chars
    seen: list[int] = []
    scan = scanner.scan

    def recording_scan(text: str) -> Any:
        seen.append(threading.get_ident())
        return scan(text)

    monkeypatch.setattr(scanner, "scan", recording_scan)
    mcp, rt = make_routing()
    async with mcp_client(mcp) as client:
        await asyncio.gather(
            client.call_tool("route", {"prompt": long_prompt, "system": "Be brief."}),
            client.call_tool("scan_pii", {"prompt": long_prompt + " mail jane.doe@gmail.com"}),
        )
    await rt.aclose()
    assert len(seen) == 3
    assert loop_thread not in seen


async def test_a_cloud_llm_classifier_never_sees_personal_data(
    make_routing: Any, upstreams: Upstreams
) -> None:
    mcp, rt = make_routing(classifier="llm", classifier_model="gemini-flash")
    async with mcp_client(mcp) as client:
        await client.call_tool("classify", {"prompt": "Write to Sarah O'Connor about the invoice"})
        assert upstreams.gemini.call_count == 0
        await client.call_tool("classify", {"prompt": "Compare ZFS and Btrfs for a media NAS"})
    await rt.aclose()
    assert upstreams.gemini.call_count == 1  # the clean prompt did reach the classifier model
