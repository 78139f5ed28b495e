"""The PII scan, off the event loop: every field an ``ask`` forwards, in a bounded worker pool.

Chosen on measurement (bench/routing_pii_load.py, 1 MB pasted log, shared 2-core machine): the
scan is pure Python (libphonenumber, regexes, the name rules) and holds the GIL, so in a thread
it still stalls the loop: /healthz p99 58 ms (max 550 ms), another client's classify p99 154 ms.
In a worker process at a lower CPU priority: /healthz p99 32 ms, classify p50 as on the idle
server (p99 69 ms against 48 ms idle). So short texts (nearly every prompt: milliseconds) run
in a small thread pool, and texts from ``process_from`` characters in niced worker processes
(at most ``processes``) that build their own scanner once. Both are bounded; callers beyond
them wait their turn on a semaphore. A request whose texts are tiny together
(``inline_chars``, a chat prompt: a fraction of a millisecond) is scanned on the event loop
itself: a thread would hold the GIL just as long, and the hop there and back costs more CPU and
latency than the scan.

With a ``ScannerConfig`` instead of a scanner (the served default, ``ROUTING_PII_SCAN=process``)
every scan runs in a worker process and the server process never builds the scanner: short
texts in one worker at the server's own priority (so another client's prompt never waits behind
a pasted log), long ones in the niced workers as above. The short worker starts when the scanner
is first needed. Every worker is spoken to over a pipe from the event loop itself (the request
written, the answer awaited with the loop's own reader): a process pool would add two threads to
every scan (its manager and its queue feeder) and their wake-ups, on the path of every prompt's
first token. Workers start as ``python -m routing_mcp.pii_worker`` (≈ 31 MiB each), not through
multiprocessing's spawn, which would run the server's main script again in each of them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routing_mcp.pii_worker import FieldScan, Finding, scan_with

if TYPE_CHECKING:  # imported with the scanner, on the first scan
    from routing_mcp.pii import ContextMode, PiiScanner

__all__ = ["FieldScan", "Finding", "ScanOptions", "ScanPool", "ScannerConfig"]


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
    # Worker processes (each holds its own scanner, ~31 MiB) end after this long without a
    # scan; the next scan starts one again (seconds, once).
    worker_idle: float = 600.0


@dataclass(frozen=True)
class ScannerConfig:
    """What a scan worker needs to build its scanner; holding it imports nothing."""

    threshold: float
    regions: tuple[str, ...]
    ner_model: Path | None = None
    context: ContextMode = "balanced"  # the whole-text model (routing_mcp.pii_context)


def config_of(scanner: PiiScanner | ScannerConfig) -> ScannerConfig:
    if isinstance(scanner, ScannerConfig):
        return scanner
    return ScannerConfig(
        scanner.threshold, scanner.regions, scanner.ner_model, scanner.context_mode
    )


# Texts from this many characters are written to a worker from a thread: a socket pair holds
# about 200 KB, and the loop would wait while a (niced, busy) worker reads the rest.
_SEND_INLINE = 64_000


class _PipeWorker:
    """One scan process and the pipe to it; one scan at a time, each finished even when its
    caller leaves (an answer left in the pipe would be read as the next caller's).

    Started as ``python -m routing_mcp.pii_worker FD``, not through multiprocessing's spawn:
    spawn runs the parent's main script again in the child (the gateway's console script
    imports every server: +54 MiB in the worker for nothing it uses)."""

    def __init__(self, config: ScannerConfig, niceness: int = 0) -> None:
        self._conn, theirs = multiprocessing.Pipe()
        fd = theirs.fileno()
        self._process = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed module
            [sys.executable, "-m", "routing_mcp.pii_worker", str(fd)],
            pass_fds=(fd,),
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        # the worker reads its scanner's settings first (it is waiting: no blocking)
        self._conn.send(
            (config.threshold, config.regions, config.ner_model, config.context, niceness)
        )
        self._ready = False
        self._lock = asyncio.Lock()

    @property
    def pid(self) -> int:
        return self._process.pid

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
            if len(text) < _SEND_INLINE:
                self._conn.send((text, redact))  # the worker is waiting for it: no blocking
            else:  # more than the pipe holds: written while the worker reads, off the loop
                await asyncio.to_thread(self._conn.send, (text, redact))
            answer = await self._answer()
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def scan(self, text: str, redact: bool) -> FieldScan:
        return await asyncio.shield(asyncio.ensure_future(self._exchange(text, redact)))

    def close(self) -> None:
        self._conn.close()  # the worker reads the end of the pipe and exits
        if self._process.poll() is None:
            # reaped when it has finished (a scan it is in the middle of, then the pipe's end),
            # by a thread that lives only that long: the event loop never waits for it
            threading.Thread(target=self._process.wait, name="pii-scan-reaper", daemon=True).start()


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
        self._thread_slots = asyncio.Semaphore(self.options.threads)
        self._process_slots = asyncio.Semaphore(self.options.processes)
        self._short_slots = asyncio.Semaphore(self.options.threads)
        self._busy = 0
        self._idle_timer: asyncio.TimerHandle | None = None
        self._short: _PipeWorker | None = None  # the short-text worker (no scanner here)
        self._long: list[_PipeWorker] = []  # idle long-text workers (niced)
        self._long_running: set[_PipeWorker] = set()

    async def _in_process(self, long: bool, text: str, redact: bool) -> FieldScan:
        self._busy += 1
        try:
            if long:
                return await self._long_scan(text, redact)
            return await self._short_scan(text, redact)
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
        for worker in [*self._long, *self._long_running]:
            worker.close()
        self._long.clear()
        self._long_running.clear()
        if self._short is not None:
            self._short.close()
            self._short = None

    @property
    def workers_running(self) -> bool:
        return bool(self._long or self._long_running) or self._short is not None

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

    async def _long_scan(self, text: str, redact: bool) -> FieldScan:
        """A long text in an idle long-text worker, or a new one (at most ``processes`` run:
        the caller holds a slot); a worker that died is replaced once for the same text."""
        for attempt in range(2):
            worker = self._long.pop() if self._long else None
            if worker is None:
                worker = _PipeWorker(self.config, self.options.niceness)
            self._long_running.add(worker)
            try:
                found = await worker.scan(text, redact)
            except (EOFError, OSError):
                worker.close()
                if attempt:
                    raise
                continue
            finally:
                self._long_running.discard(worker)
            self._long.append(worker)
            return found
        raise AssertionError("unreachable")

    def scans_inline(self, chars: int) -> bool:
        """Whether a request of ``chars`` characters in all is scanned by ``scan_now``."""
        return self._local is not None and chars <= self.options.inline_chars

    def scan_now(self, text: str, *, redact: bool = False) -> FieldScan:
        """Scan on the caller's thread (the event loop): only what ``scans_inline`` allows."""
        if self._local is None:
            raise RuntimeError("no scanner in this process: scans run in the worker")
        return scan_with(self._local, text, redact)

    async def scan(self, text: str, *, redact: bool = False) -> FieldScan:
        if len(text) >= self.options.process_from:
            async with self._process_slots:
                return await self._in_process(True, text, redact)
        if self._local is None:
            async with self._short_slots:
                return await self._in_process(False, text, redact)
        loop = asyncio.get_running_loop()
        async with self._thread_slots:
            return await loop.run_in_executor(self._threads, scan_with, self._local, text, redact)

    def close(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._stop_workers()
