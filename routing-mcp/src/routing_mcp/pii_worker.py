"""What runs in a PII scan worker process: the scanner built once, and the scan of one field.

Kept apart from :mod:`routing_mcp.pii_pool` (asyncio, the pools) so that a worker, started as
``python -m routing_mcp.pii_worker FD``, imports only this, the scanner and what it needs: no
event loop, no SSL, no MCP.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from homelab_shared.memory import release_freed_memory

if TYPE_CHECKING:  # imported with the scanner, on the first scan
    from routing_mcp.pii import PiiScanner


@dataclass(frozen=True)
class Finding:
    """One span of personal data. Defined here, not with the scanner, so that a worker's
    findings unpickle in the server process without building a scanner there."""

    entity: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class FieldScan:
    findings: list[Finding]
    redacted: str | None  # the text with each finding replaced, when asked for
    unsure: bool  # a kind read from words (a name, ...): cannot be redacted with confidence

    @property
    def types(self) -> list[str]:
        return sorted({f.entity for f in self.findings})


def scan_with(scanner: PiiScanner, text: str, redact: bool) -> FieldScan:
    findings = scanner.scan(text)
    redacted = scanner.redact(text, findings) if redact and findings else None
    return FieldScan(findings, redacted, scanner.keeps_local(findings))


def serve(conn: Connection) -> None:
    """A worker: reads its scanner's settings, builds the scanner, says so, then answers one
    scan at a time until the server closes the pipe."""
    try:
        threshold, regions, ner, context, niceness = conn.recv()
        # A long scan is batch work: the server's own process (health checks, other clients'
        # calls) gets the CPU first when both want it.
        os.nice(niceness)
        from routing_mcp.pii import PiiScanner

        scanner = PiiScanner(threshold, regions, ner, context)
        release_freed_memory()  # what building the word lists allocated and let go
        conn.send("ready")
        first = True
        while True:
            text, redact = conn.recv()
            try:
                answer: FieldScan | Exception = scan_with(scanner, text, redact)
            except Exception as err:  # the type only: a message could quote the text
                answer = RuntimeError(f"the scan failed in the worker ({type(err).__name__})")
            conn.send(answer)
            if first:  # what the first scan's lazy compiles let go (regexes, the health table)
                release_freed_memory()
                first = False
    except (EOFError, BrokenPipeError):  # the server closed the pipe, or is gone: end quietly
        return


if __name__ == "__main__":  # python -m routing_mcp.pii_worker FD (routing_mcp.pii_pool)
    # this module's classes by their importable name, so that the server can unpickle answers
    from routing_mcp.pii_worker import serve as _serve

    _serve(Connection(int(sys.argv[1])))
