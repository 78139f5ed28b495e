"""The PII scan, off the event loop: every field an ``ask`` forwards, in a bounded worker pool.

Measured here (bench/routing_pii_load.py): the scan is pure Python (libphonenumber, regexes,
the name rules) and holds the GIL, so a megabyte scanned in a thread still stalls the loop
for tens of milliseconds at a time. Short texts (nearly every prompt: a few milliseconds) run
in a small thread pool; texts from ``process_from`` characters on run in a process pool whose
workers hold their own scanner, so ``/healthz`` and other clients' calls keep their latency.
Both pools are bounded; callers beyond them wait their turn on a semaphore.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

from routing_mcp.pii import Finding, PiiScanner


@dataclass(frozen=True)
class ScanOptions:
    max_chars: int = 1_000_000  # all fields together; past it the request is refused
    process_from: int = 100_000  # characters from which a field is scanned in a process
    processes: int = 1
    threads: int = 2


@dataclass(frozen=True)
class FieldScan:
    findings: list[Finding]
    redacted: str | None  # the text with each finding replaced, when asked for
    unsure: bool  # a possible name that cannot be redacted with confidence

    @property
    def types(self) -> list[str]:
        return sorted({f.entity for f in self.findings})


_worker: PiiScanner | None = None


def _start_worker(threshold: float, regions: tuple[str, ...]) -> None:
    global _worker  # one scanner per worker process, built once
    _worker = PiiScanner(threshold, regions)


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
                initargs=(self.scanner.threshold, self.scanner.regions),
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
