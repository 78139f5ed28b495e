"""The PII scan, off the event loop: every field an ``ask`` forwards, in a bounded worker pool.

Chosen on measurement (bench/routing_pii_load.py, 1 MB pasted log, shared 2-core machine): the
scan is pure Python (libphonenumber, regexes, the name rules) and holds the GIL, so in a thread
it still stalls the loop: /healthz p99 58 ms (max 550 ms), another client's classify p99 154 ms.
In a worker process at a lower CPU priority: /healthz p99 32 ms, classify p50 as on the idle
server (p99 69 ms against 48 ms idle). So short texts (nearly every prompt: milliseconds) run
in a small thread pool, and texts from ``process_from`` characters in a process pool whose
workers build their own scanner once. Both pools are bounded; callers beyond them wait their
turn on a semaphore. A request whose texts are tiny together (``inline_chars``, a chat prompt:
a fraction of a millisecond) is scanned on the event loop itself: a thread would hold the GIL
just as long, and the hop there and back costs more CPU and latency than the scan.

With a ``ScannerConfig`` instead of a scanner (the served default, ``ROUTING_PII_SCAN=process``)
every scan runs in a worker process and the server process never imports Presidio or spaCy
(+75 MiB in a gateway that routes one prompt): short texts in one worker at the server's own
priority (so another client's prompt never waits behind a pasted log), long ones in the niced
pool as above. The short worker starts when the scanner is first needed. It is spoken to over
a pipe from the event loop itself (the request written, the answer awaited with the loop's own
reader): a process pool would add two threads to every scan (its manager and its queue feeder)
and their wake-ups, on the path of every prompt's first token.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Presidio: imported with the scanner, on the first scan or in the warm-up
    from routing_mcp.pii import PiiScanner


@dataclass(frozen=True)
class ScanOptions:
    max_chars: int = 1_000_000  # all fields together; past it the request is refused
    process_from: int = 100_000  # characters from which a field is scanned in a process
    processes: int = 1
    threads: int = 2
    # All the fields of one request together up to this many characters are scanned inline,
    # when the server process has the scanner (~1.5 µs a character: ≤ ~1.5 ms on the loop).
    inline_chars: int = 1_000
    niceness: int = 10  # added to the scan processes' nice value
    # Worker processes (each holds its own Presidio, ~160 MiB) end after this long without a
    # scan; the next scan starts one again (seconds, once).
    worker_idle: float = 600.0


@dataclass(frozen=True)
class Finding:
    """One span of personal data. Defined here, not with the scanner, so that a worker's
    findings unpickle in the server process without importing Presidio."""

    entity: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class ScannerConfig:
    """What a scan worker needs to build its scanner; holding it imports nothing."""

    threshold: float
    regions: tuple[str, ...]
    ner_model: Path | None = None


def config_of(scanner: PiiScanner | ScannerConfig) -> ScannerConfig:
    if isinstance(scanner, ScannerConfig):
        return scanner
    return ScannerConfig(scanner.threshold, scanner.regions, scanner.ner_model)


@dataclass(frozen=True)
class FieldScan:
    findings: list[Finding]
    redacted: str | None  # the text with each finding replaced, when asked for
    unsure: bool  # a kind read from words (a name, ...): cannot be redacted with confidence

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


def _serve(conn: Connection, threshold: float, regions: tuple[str, ...], ner: Path | None) -> None:
    """The short-text worker: builds its scanner, says so, then answers one scan at a time
    until the server closes the pipe."""
    from routing_mcp.pii import PiiScanner

    scanner = PiiScanner(threshold, regions, ner)
    try:
        conn.send("ready")
        while True:
            text, redact = conn.recv()
            try:
                answer: FieldScan | Exception = _scan_with(scanner, text, redact)
            except Exception as err:  # the type only: a message could quote the text
                answer = RuntimeError(f"the scan failed in the worker ({type(err).__name__})")
            conn.send(answer)
    except (EOFError, BrokenPipeError):  # the server closed the pipe, or is gone: end quietly
        return


class _PipeWorker:
    """One scan process and the pipe to it; one scan at a time, each finished even when its
    caller leaves (an answer left in the pipe would be read as the next caller's)."""

    def __init__(self, config: ScannerConfig) -> None:
        context = multiprocessing.get_context("spawn")  # not fork: the server has threads
        self._conn, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(theirs, config.threshold, config.regions, config.ner_model),
            name="pii-scan",
            daemon=True,
        )
        self._process.start()
        theirs.close()
        self._ready = False
        self._lock = asyncio.Lock()

    async def _answer(self) -> Any:
        """The worker's next message, read once the loop sees it arrive (EOFError if the
        worker died)."""
        loop = asyncio.get_running_loop()
        fd = self._conn.fileno()
        arrived = loop.create_future()
        loop.add_reader(fd, lambda: arrived.done() or arrived.set_result(None))
        try:
            await arrived
        finally:
            loop.remove_reader(fd)
        return self._conn.recv()

    async def _exchange(self, text: str, redact: bool) -> FieldScan:
        async with self._lock:
            if not self._ready:
                if await self._answer() != "ready":
                    raise EOFError("the scan worker did not start")
                self._ready = True
            self._conn.send((text, redact))  # the worker is waiting for it: no blocking
            answer = await self._answer()
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def scan(self, text: str, redact: bool) -> FieldScan:
        return await asyncio.shield(asyncio.ensure_future(self._exchange(text, redact)))

    def close(self) -> None:
        self._conn.close()  # the worker reads the end of the pipe and exits
        self._process.join(0)


class ScanPool:
    def __init__(
        self, scanner: PiiScanner | ScannerConfig, options: ScanOptions | None = None
    ) -> None:
        self.scanner = scanner
        self.config = config_of(scanner)
        # None: every scan in a worker process (the server process has no scanner)
        self._local = None if isinstance(scanner, ScannerConfig) else scanner
        self.options = options or ScanOptions()
        self._threads = ThreadPoolExecutor(self.options.threads, thread_name_prefix="pii-scan")
        self._pools: dict[bool, Executor] = {}  # long text? -> its process pool
        self._thread_slots = asyncio.Semaphore(self.options.threads)
        self._process_slots = asyncio.Semaphore(self.options.processes)
        self._short_slots = asyncio.Semaphore(self.options.threads)
        self._busy = 0
        self._idle_timer: asyncio.TimerHandle | None = None
        self._short: _PipeWorker | None = None  # the short-text worker (no scanner here)

    def _process_pool(self, long: bool) -> Executor:
        if long not in self._pools:
            config = self.config
            # spawn, not fork: the server process has threads (event loop, thread pool)
            self._pools[long] = ProcessPoolExecutor(
                self.options.processes if long else 1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(
                    config.threshold,
                    config.regions,
                    config.ner_model,
                    self.options.niceness if long else 0,
                ),
            )
        return self._pools[long]

    async def _in_process(self, long: bool, text: str, redact: bool) -> FieldScan:
        self._busy += 1
        try:
            return await self._run_in_process(long, text, redact)
        finally:
            self._busy -= 1
            if self._idle_timer is not None:
                self._idle_timer.cancel()
            loop = asyncio.get_running_loop()
            self._idle_timer = loop.call_later(self.options.worker_idle, self._retire)

    def _retire(self) -> None:
        """Idle long enough: end the worker processes and give their memory back."""
        if self._busy:
            return  # a scan is running; its end sets the timer again
        self._stop_workers()

    def _stop_workers(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        self._pools.clear()
        if self._short is not None:
            self._short.close()
            self._short = None

    @property
    def workers_running(self) -> bool:
        return bool(self._pools) or self._short is not None

    async def _short_scan(self, text: str, redact: bool) -> FieldScan:
        for attempt in range(2):
            if self._short is None:
                self._short = _PipeWorker(self.config)
            worker = self._short
            try:
                return await worker.scan(text, redact)
            except (EOFError, OSError):
                # The worker died (killed, out of memory): start a fresh one and try once more.
                worker.close()
                if self._short is worker:
                    self._short = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _run_in_process(self, long: bool, text: str, redact: bool) -> FieldScan:
        if not long:
            return await self._short_scan(text, redact)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._process_pool(long), _scan_in_worker, text, redact
            )
        except BrokenProcessPool:
            # A worker died (killed, out of memory): start a fresh one and try once more.
            self._pools.pop(long).shutdown(wait=False, cancel_futures=True)
            return await loop.run_in_executor(
                self._process_pool(long), _scan_in_worker, text, redact
            )

    def scans_inline(self, chars: int) -> bool:
        """Whether a request of ``chars`` characters in all is scanned by ``scan_now``."""
        return self._local is not None and chars <= self.options.inline_chars

    def scan_now(self, text: str, *, redact: bool = False) -> FieldScan:
        """Scan on the caller's thread (the event loop): only what ``scans_inline`` allows."""
        if self._local is None:
            raise RuntimeError("no scanner in this process: scans run in the worker")
        return _scan_with(self._local, text, redact)

    async def scan(self, text: str, *, redact: bool = False) -> FieldScan:
        if len(text) >= self.options.process_from:
            async with self._process_slots:
                return await self._in_process(True, text, redact)
        if self._local is None:
            async with self._short_slots:
                return await self._in_process(False, text, redact)
        loop = asyncio.get_running_loop()
        async with self._thread_slots:
            return await loop.run_in_executor(self._threads, _scan_with, self._local, text, redact)

    def close(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._stop_workers()
