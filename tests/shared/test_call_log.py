"""The call log as a served server writes it: one JSON line per call, written by the log writer
thread (``homelab_shared.logwriter``) after the call, stamped with the call's time, nothing lost
at exit. (The middleware's tools/call fast path is covered by test_server.py and test_safety.py:
metrics, size cap and safety gate all act through it.)"""

from __future__ import annotations

import io
import json
import logging
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from homelab_shared import observability
from homelab_shared.observability import configure_logging, log_call
from tests.harness import mcp_client


class Stderr(io.StringIO):
    """What configure_logging writes to (it takes ``sys.stderr`` when called)."""

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.getvalue().splitlines() if line]


@pytest.fixture
def served_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stderr]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = Stderr()
    monkeypatch.setattr(sys, "stderr", stream)
    configure_logging("INFO", "json")  # as runner.serve does
    yield stream
    observability._stop_writer()
    root.handlers[:], level = saved
    root.setLevel(level)


def wait_for(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def calls(stream: Stderr) -> list[dict[str, Any]]:
    return [line for line in stream.lines() if line["logger"] == "homelab.calls"]


async def test_served_call_log_line(served_log: Stderr, example_server: Any) -> None:
    async with mcp_client(example_server()) as client:
        before = time.time()
        await client.call_tool("get_item", {"item_id": "item-9"})
        failed = await client.call_tool("get_item", {"item_id": "missing-1"}, raise_on_error=False)
        after = time.time()
    assert failed.is_error
    wait_for(lambda: len(calls(served_log)) == 2)
    ok, error = calls(served_log)
    assert (ok["tool"], ok["outcome"], ok["client_id"], ok["level"]) == (
        "get_item",
        "ok",
        "local",
        "INFO",
    )
    assert (error["outcome"], error["error_class"]) == ("error", "not_found")
    assert ok["duration_ms"] > 0 and ok["message"] == "tool call"
    stamped = datetime.fromisoformat(ok["time"]).timestamp()
    assert before - 0.001 <= stamped <= after + 0.001  # the call's time, not the write's
    assert "item-9" not in served_log.getvalue() and "Widget" not in served_log.getvalue()


async def test_pending_lines_are_written_at_exit(served_log: Stderr) -> None:
    for n in range(500):
        log_call("Bench", f"tool_{n}", "local", 0.001, "ok", None)
    observability._stop_writer()  # what atexit runs
    assert [line["tool"] for line in calls(served_log)] == [f"tool_{n}" for n in range(500)]


async def test_warning_is_not_held_back_and_order_is_kept(served_log: Stderr) -> None:
    log_call("Bench", "first", "local", 0.001, "ok", None)
    logging.getLogger("homelab.runner").warning("upstream not ready")
    wait_for(lambda: "upstream not ready" in served_log.getvalue())
    tools = [line.get("tool") or line["message"] for line in served_log.lines()]
    assert tools == ["first", "upstream not ready"]


async def test_other_handlers_get_the_record_at_once(
    served_log: Stderr, caplog: pytest.LogCaptureFixture
) -> None:
    """With a handler besides the writer (caplog here; an application's own), the line is
    logged during the call, as it was before the writer existed."""
    with caplog.at_level(logging.INFO, logger="homelab.calls"):
        log_call("Bench", "get_payload", "local", 0.001, "ok", None)
        assert [r.__dict__["tool"] for r in caplog.records] == ["get_payload"]
