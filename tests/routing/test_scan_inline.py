"""Where the PII gate scans (routing_mcp/pii_pool.py): a chat-sized request on the event loop
itself (a thread hop costs more than the scan), anything larger in the scan threads, and nothing
in the server process when the scanner lives in a worker. Through the MCP ``route`` tool, with
the real scanner; the only addition is a note of the thread each scan ran on."""

from __future__ import annotations

import threading
from typing import Any, cast

from routing_mcp.pii import PiiScanner
from routing_mcp.pii_pool import Finding, ScannerConfig, ScanOptions, ScanPool
from tests.harness import mcp_client, structured
from tests.routing.conftest import Upstreams

EMAIL = "Write to jane.doe@posteo.de about the invoice for the roof repair."
FILLER = "Summarise the maintenance notes below for the house log, one line per item. "


class WhereScanned:
    """The real scanner, noting the name of each thread it scans on."""

    def __init__(self, scanner: PiiScanner) -> None:
        self._scanner = scanner
        self.threads: list[str] = []

    def scan(self, text: str) -> list[Finding]:
        self.threads.append(threading.current_thread().name)
        return self._scanner.scan(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._scanner, name)


async def _route(make_routing: Any, spy: WhereScanned, prompt: str) -> dict[str, Any]:
    mcp, rt = make_routing()
    rt.router.scanner = cast("PiiScanner", spy)
    rt._scanner._scanner = spy  # what ensure_scanner hands the router on each call
    try:
        async with mcp_client(mcp) as client:
            return structured(await client.call_tool("route", {"prompt": prompt}))
    finally:
        await rt.aclose()


async def test_a_chat_prompt_is_scanned_on_the_event_loop(
    make_routing: Any, upstreams: Upstreams, scanner: PiiScanner
) -> None:
    spy = WhereScanned(scanner)
    decision = await _route(make_routing, spy, EMAIL)
    assert decision["pii_found"] and decision["pii_types"] == ["EMAIL_ADDRESS"], decision
    assert decision["task_class"] == "pii_sensitive"
    assert spy.threads == [threading.current_thread().name]  # the loop's thread: no hop
    assert upstreams.cloud_calls() == 0


async def test_a_larger_request_is_scanned_in_the_scan_threads(
    make_routing: Any, upstreams: Upstreams, scanner: PiiScanner
) -> None:
    spy = WhereScanned(scanner)
    prompt = FILLER * 20 + EMAIL  # ~1,600 characters: over ScanOptions.inline_chars
    assert len(prompt) > ScanOptions().inline_chars
    decision = await _route(make_routing, spy, prompt)
    assert decision["pii_found"] and decision["pii_types"] == ["EMAIL_ADDRESS"], decision
    assert len(spy.threads) == 1 and spy.threads[0].startswith("pii-scan"), spy.threads
    assert upstreams.cloud_calls() == 0


def test_the_inline_budget_counts_every_field_and_needs_a_local_scanner(
    scanner: PiiScanner,
) -> None:
    local = ScanPool(scanner, ScanOptions(inline_chars=1_000))
    assert local.scans_inline(1_000) and not local.scans_inline(1_001)
    worker = ScanPool(ScannerConfig(0.4, ("US",)), ScanOptions(inline_chars=1_000))
    assert not worker.scans_inline(10)  # the server process has no scanner: never inline
    local.close()
    worker.close()
