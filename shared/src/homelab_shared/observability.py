"""Structured logs (never secrets or payloads) and Prometheus metrics per tool."""

from __future__ import annotations

import atexit
import json
import logging
import sys
import time
from datetime import UTC, datetime
from functools import partial
from typing import Any

from homelab_shared import metrics
from homelab_shared.logwriter import BatchWriter
from homelab_shared.redact import redact, scrub

TOOL_CALLS = metrics.counter("mcp_tool_calls_total", "Tool calls", ["server", "tool"])
TOOL_ERRORS = metrics.counter(
    "mcp_tool_errors_total",
    "Tool calls that failed, by error class",
    ["server", "tool", "error_class"],
)
TOOL_LATENCY = metrics.histogram(
    "mcp_tool_duration_seconds",
    "Tool call latency",
    ["server", "tool"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)


def __getattr__(name: str) -> Any:
    # ``REGISTRY`` is made (prometheus_client imported) by the first one who asks for it.
    if name == "REGISTRY":
        return metrics.registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


# One encoder for every line: json.dumps(..., default=str) builds a new one per call.
_ENCODE = json.JSONEncoder(default=str).encode


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, then the record's extra fields.

    It runs on every tool call (the call log), so it avoids per-line work that can be shared:
    the time prefix is formatted once per second and the encoder is reused.
    """

    _second = -1
    _prefix = ""

    def _time(self, created: float) -> str:
        second = int(created)
        if second != self._second:
            self._prefix = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
            self._second = second
        return f"{self._prefix}.{int((created - second) * 1000):03d}+00:00"

    def format(self, record: logging.LogRecord) -> str:
        fields = record.__dict__
        entry: dict[str, Any] = {
            "time": self._time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for key, value in fields.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = redact(value)
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
        return _ENCODE(entry)


class ScrubFilter(logging.Filter):
    """Removes registered secrets from text logs (third-party loggers included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            # A traceback ends with the exception's message, which may quote a secret: format it
            # here, scrubbed; the Formatter reuses exc_text instead of formatting it again.
            record.exc_text = scrub(_TRACEBACK.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


_TRACEBACK = logging.Formatter()


_writer: BatchWriter | None = None


def _stop_writer() -> None:
    """Write what is pending, then stop the writer thread (at exit, or before reconfiguring)."""
    global _writer
    if _writer is not None:
        _writer.close()
        _writer = None


atexit.register(_stop_writer)


CALLS = logging.getLogger("homelab.calls")


def log_call(
    server: str, tool: str, client_id: str, elapsed: float, outcome: str, error: str | None
) -> None:
    """The call log line (no arguments, no payload). Served (``configure_logging``'s writer is
    the only root handler), the call appends the fields to the writer's deque and the writer
    thread makes the record;
    otherwise (tests' ``caplog``, an embedding application's handlers) it logs at once."""
    if not CALLS.isEnabledFor(logging.INFO):
        return
    fields = {
        "server": server,
        "tool": tool,
        "client_id": client_id,
        "duration_ms": round(elapsed * 1000, 2),
        "outcome": outcome,
        "error_class": error,
    }
    writer = _writer
    handlers = logging.root.handlers
    if writer is None or len(handlers) != 1 or handlers[0] is not writer:
        CALLS.info("tool call", extra=fields)
        return
    writer.defer(partial(_make_call_record, time.time(), fields))


def _make_call_record(created: float, fields: dict[str, Any]) -> None:
    record = CALLS.makeRecord(CALLS.name, logging.INFO, __file__, 0, "tool call", (), None)
    record.__dict__.update(fields)
    # Stamped when the call ended, not when the writer got to it.
    record.created, record.msecs = created, int(created * 1000) % 1000
    CALLS.handle(record)


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """Log to stderr (stdout belongs to the stdio transport), written in batches by a thread of
    its own (:mod:`homelab_shared.logwriter`)."""
    global _writer
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())  # scrubs as it formats
    else:
        handler.addFilter(ScrubFilter())
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _stop_writer()
    _writer = BatchWriter(handler)
    root = logging.getLogger()
    root.handlers[:] = [_writer]
    root.setLevel(level)
    noisy_loggers = ("httpx", "httpcore", "httpx2", "mcp", "uvicorn.access")
    for noisy in noisy_loggers:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # FastMCP and uvicorn bring their own (rich, plain-text) handlers: one format for everything.
    for name in ("fastmcp", "uvicorn", "uvicorn.error", "uvicorn.access"):
        third_party = logging.getLogger(name)
        third_party.handlers[:] = []
        third_party.propagate = True
