"""The PII scan, off the event loop: every field an ``ask`` forwards, in a bounded worker pool.

Chosen on measurement (bench/routing_pii_load.py, 1 MB pasted log, shared 2-core machine): the
scan is pure Python (libphonenumber, regexes, the name rules) and holds the GIL, so in a thread
it still stalls the loop: /healthz p99 58 ms (max 550 ms), another client's classify p99 154 ms.
In a worker process at a lower CPU priority: /healthz p99 32 ms, classify p50 as on the idle
server (p99 69 ms against 48 ms idle). So short texts (nearly every prompt: milliseconds) run
in a small thread pool, and texts from ``process_from`` characters in a process pool whose
workers build their own scanner once. Both pools are bounded; callers beyond them wait their
turn on a semaphore.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Presidio: imported with the scanner, on the first scan or in the warm-up
    from routing_mcp.pii import Finding, PiiScanner


@dataclass(frozen=True)
class ScanOptions:
    max_chars: int = 1_000_000  # all fields together; past it the request is refused
    process_from: int = 100_000  # characters from which a field is scanned in a process
    processes: int = 1
    threads: int = 2
    niceness: int = 10  # added to the scan processes' nice value


@dataclass(frozen=True)
class FieldScan:
    findings: list[Finding]
    redacted: str | None  # the text with each finding replaced, when asked for
    unsure: bool  # a possible name that cannot be redacted with confidence

    @property
    def types(self) -> list[str]:
        return sorted({f.entity for f in self.findings})


_worker: PiiScanner | None = None


def _start_worker(
    threshold: float, regions: tuple[str, ...], ner_model: Path | None, niceness: int
) -> None:
    global _worker  # one scanner per worker process, built once
    # A long scan is batch work: the server's own process (health checks, other clients'
    # calls) gets the CPU first when both want it.
    os.nice(niceness)
    from routing_mcp.pii import PiiScanner

    _worker = PiiScanner(threshold, regions, ner_model)


def _scan_with(scanner: PiiScanner, text: str, redact: bool) -> FieldScan:
    findings = scanner.scan(text)
    redacted = scanner.redact(text, findings) if redact and findings else None
    return FieldScan(findings, redacted, scanner.keeps_local(findings))


def _scan_in_worker(text: str, redact: bool) -> FieldScan:
    if _worker is None:
        raise RuntimeError("scan worker started without its scanner")
    return _scan_with(_worker, text, redact)


class ScanPool:
    def __init__(self, scanner: PiiScanner, options: ScanOptions | None = None) -> None:
        self.scanner = scanner
        self.options = options or ScanOptions()
        self._threads = ThreadPoolExecutor(self.options.threads, thread_name_prefix="pii-scan")
        self._processes: Executor | None = None
        self._thread_slots = asyncio.Semaphore(self.options.threads)
        self._process_slots = asyncio.Semaphore(self.options.processes)

    def _process_pool(self) -> Executor:
        if self._processes is None:
            # spawn, not fork: the server process has threads (event loop, thread pool)
            self._processes = ProcessPoolExecutor(
                self.options.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(
                    self.scanner.threshold,
                    self.scanner.regions,
                    self.scanner.ner_model,
                    self.options.niceness,
                ),
            )
        return self._processes

    async def scan(self, text: str, *, redact: bool = False) -> FieldScan:
        loop = asyncio.get_running_loop()
        if len(text) >= self.options.process_from:
            async with self._process_slots:
                return await loop.run_in_executor(
                    self._process_pool(), _scan_in_worker, text, redact
                )
        async with self._thread_slots:
            return await loop.run_in_executor(self._threads, _scan_with, self.scanner, text, redact)

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._processes is not None:
            self._processes.shutdown(wait=False, cancel_futures=True)
