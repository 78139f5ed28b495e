"""The served default scans in worker processes: the server process never builds the scanner.

A fresh interpreter builds the routing server from settings as a user runs it (no scanner
injected), answers a routed prompt and a PII scan through an in-memory MCP client, and prints
what it found and which of the heavy modules it imported.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.harness.fresh import clean_env, run_script

SCRIPT = """
import asyncio, json, sys
from fastmcp import Client
from homelab_shared.settings import load_settings
from routing_mcp.server import build_server
from routing_mcp.settings import RoutingSettings

async def main():
    server = build_server(load_settings(RoutingSettings))
    async with Client(server) as client:
        routed = await client.call_tool(
            "route", {"prompt": "Write to jane.doe@posteo.de about the invoice"}
        )
        scan = await client.call_tool(
            "scan_pii", {"prompt": "My card is 4111 1111 1111 1111, call +44 20 7946 0958",
                         "redact": True}
        )
        clean = await client.call_tool("scan_pii", {"prompt": "Sort this list of numbers"})
    heavy = sorted(m for m in sys.modules if m in ("routing_mcp.pii", "regex", "phonenumbers"))
    print(json.dumps({"routed": routed.structured_content, "scan": scan.structured_content,
                      "clean": clean.structured_content, "heavy": heavy}))

asyncio.run(main())
"""


def test_served_scanner_runs_in_a_worker_process(tmp_path: Path) -> None:
    # discard port for Ollama: routing decides without a model
    out = run_script(SCRIPT, tmp_path, {"OLLAMA_HOST": "http://127.0.0.1:9"}, timeout=180)
    assert out["heavy"] == [], "the server process imported the scanner's libraries"
    # the worker's answers are the scanner's: personal data found, redacted, nothing on clean text
    routed = out["routed"]
    assert routed["pii_found"] and routed["pii_types"] == ["EMAIL_ADDRESS"], routed
    scan = out["scan"]
    assert {e["type"] for e in scan["entities"]} >= {"CREDIT_CARD", "PHONE_NUMBER"}, scan
    assert "4111" not in scan["redacted"] and "7946" not in scan["redacted"]
    assert out["clean"]["found"] is False


async def test_idle_workers_end_and_start_again_on_the_next_scan() -> None:
    from routing_mcp.pii_pool import ScannerConfig, ScanOptions, ScanPool

    pool = ScanPool(ScannerConfig(0.4, ("US", "GB")), ScanOptions(worker_idle=0.2))
    try:
        first = await pool.scan("Mail jane.doe@posteo.de")
        assert [f.entity for f in first.findings] == ["EMAIL_ADDRESS"]
        for _ in range(600):  # poll the pool (at most 30 s), do not sleep for the idle time
            if not pool.workers_running:
                break
            await asyncio.sleep(0.05)
        assert not pool.workers_running, "the idle worker was not ended"
        again = await pool.scan("Call +44 20 7946 0958")
        assert [f.entity for f in again.findings] == ["PHONE_NUMBER"]
    finally:
        pool.close()


async def test_a_killed_worker_is_replaced_and_a_cancelled_scan_keeps_its_answer() -> None:
    """The short-text worker is spoken to over a pipe: a worker that died is started again for
    the same scan, and a scan whose caller was cancelled still takes its own answer out of the
    pipe (the next caller gets the answer to its own text)."""

    from routing_mcp.pii_pool import ScannerConfig, ScanPool

    pool = ScanPool(ScannerConfig(0.4, ("US", "GB")))
    try:
        first = await pool.scan("Mail jane.doe@posteo.de")
        assert [f.entity for f in first.findings] == ["EMAIL_ADDRESS"]
        worker = pool._short
        assert worker is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker._process.wait(10)
        again = await pool.scan("Call +44 20 7946 0958")
        assert [f.entity for f in again.findings] == ["PHONE_NUMBER"]
        assert pool._short is not worker

        # ~50,000 characters: tens of ms in the worker, still under the long-text pool's size
        left = asyncio.ensure_future(pool.scan("Card 4111 1111 1111 1111 " * 2000))
        await asyncio.sleep(0.02)  # sent; the caller leaves before the answer
        left.cancel()
        nxt = await pool.scan("Sort this list of numbers")
        assert nxt.findings == [], "the next caller read the answer meant for the one who left"
    finally:
        pool.close()


MAIN = """
import asyncio, json, os
with open(os.environ["MARKER"], "a") as marker:  # every time this file runs, under what name
    marker.write(__name__ + "\\n")
from routing_mcp.pii_pool import ScannerConfig, ScanPool

async def main():
    pool = ScanPool(ScannerConfig(0.4, ("US", "GB")))
    short = await pool.scan("Mail jane.doe@posteo.de")
    long = await pool.scan("Card 4111 1111 1111 1111. " + "x" * 100_000)  # the long-text worker
    pool.close()
    print(json.dumps([[f.entity for f in r.findings] for r in (short, long)]))

if __name__ == "__main__":
    asyncio.run(main())
"""


def test_workers_do_not_run_the_servers_main_script_again(tmp_path: Path) -> None:
    """multiprocessing's spawn runs the parent's main script again in every child (as
    ``__mp_main__``): the gateway's console script would import every server into each scan
    worker. Both workers (short and long texts) start from their own module instead."""
    script, marker = tmp_path / "serve.py", tmp_path / "runs.txt"
    script.write_text(MAIN)
    done = subprocess.run(
        [sys.executable, str(script)],
        env=clean_env(tmp_path, {"MARKER": str(marker)}),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [["EMAIL_ADDRESS"], ["CREDIT_CARD"]]
    assert marker.read_text().split() == ["__main__"]
