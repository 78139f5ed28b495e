"""Log lines written in batches by a thread of their own, so a tool call pays almost nothing.

Measured in a served server's conditions (an event loop that waits on I/O between records, so the
logging code is cold each time): handing a record to a thread that wakes per record (a
``QueueHandler`` + ``QueueListener``) cost as much CPU as formatting and writing it in place
(≈ 150 µs a line on the 2-core dev machine), and merely making the ``LogRecord`` cost ≈ 65 µs;
appending a tuple to a deque costs nothing measurable (``bench/README.md``, "Call log cost"). So:

* :class:`BatchWriter` is the root handler ``configure_logging`` installs: it keeps each record
  in a deque and wakes its thread once per batch; the thread waits ``FLUSH_S`` for more, then
  formats (and scrubs) and writes them all. WARNING and above are written at once.
* :meth:`BatchWriter.defer` takes a function that makes the record later, on the writer thread:
  the call log uses it, so a tool call only appends its fields (``observability.log_call``).
  Called in an event loop (a tool call), it does not wake the thread either: a timer of that
  loop does, ``FLUSH_S`` later, once the call has answered. Waking a thread in the middle of a
  call let the OS run it, and on a loaded machine other processes too, ahead of the call: the
  first call after an idle spell spent 6-17 ms in that wake-up (``bench.first_call --profile``).

Lines reach stderr at most ``FLUSH_S`` late, stamped with the time they were logged; what is
pending is written at exit (``atexit``) and when logging is configured again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable

FLUSH_S = 0.2
# A writer that cannot keep up (stderr blocked by a reader that stopped reading) must not grow
# the process without bound: past this many pending items, INFO lines are dropped and counted.
MAX_PENDING = 100_000

Item = logging.LogRecord | Callable[[], None]


class BatchWriter(logging.Handler):
    def __init__(self, target: logging.Handler, delay: float = FLUSH_S) -> None:
        super().__init__()
        self.target = target
        self.delay = delay
        self.dropped = 0
        self._pending: deque[Item] = deque()
        self._wake = threading.Event()  # something is pending
        self._now = threading.Event()  # write without waiting for more (urgent, or stopping)
        self._armed = False  # woken (or a loop's timer will wake it) for what is pending
        self._timer_loop: asyncio.AbstractEventLoop | None = None  # the loop of that timer
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="homelab-log-writer", daemon=True)
        self._thread.start()

    def handle(self, record: logging.LogRecord) -> bool:  # type: ignore[override]
        # No handler lock: deque.append is atomic, and only the writer thread formats.
        if threading.get_ident() == self._thread.ident:  # made by a deferred function: write it
            return bool(self.target.handle(record))
        if not self.filter(record):
            return False
        self._put(record, urgent=record.levelno >= logging.WARNING)
        return True

    def emit(self, record: logging.LogRecord) -> None:
        self.handle(record)

    def defer(self, make: Callable[[], None]) -> None:
        """Run ``make`` (which logs a record) on the writer thread with the next batch; in an
        event loop, the thread is woken by a timer of the loop (module doc)."""
        if self._armed and not self._timer_stuck():
            self._put(make, urgent=False)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._put(make, urgent=False)
            return
        if len(self._pending) >= MAX_PENDING:
            self.dropped += 1
            return
        self._pending.append(make)
        self._armed, self._timer_loop = True, loop
        loop.call_later(self.delay, self._kick)

    def _kick(self) -> None:
        self._now.set()  # the batch has gathered on the loop's timer: write without waiting
        self._wake.set()

    def _timer_stuck(self) -> bool:
        """A timer's loop that stopped before the timer fired: it never will."""
        loop = self._timer_loop
        return loop is not None and (loop.is_closed() or not loop.is_running())

    def _put(self, item: Item, *, urgent: bool) -> None:
        if not urgent and len(self._pending) >= MAX_PENDING:
            self.dropped += 1
            return
        self._pending.append(item)
        if urgent:
            self._now.set()
            self._wake.set()  # also when a loop's timer was to wake the thread
        elif not self._armed or self._timer_stuck():
            self._armed, self._timer_loop = True, None
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            self._now.wait(self.delay)  # gather a batch; an urgent record cuts the wait short
            self._now.clear()
            # Disarm before draining: whatever is appended from here on wakes the next round.
            self._armed, self._timer_loop = False, None
            self._drain()
            if self._stopping:
                return

    def _drain(self) -> None:
        while self._pending:
            item = self._pending.popleft()
            try:
                if isinstance(item, logging.LogRecord):
                    self.target.handle(item)
                else:
                    item()
            except Exception:  # a broken record must not stop the writer
                self.handleError(item if isinstance(item, logging.LogRecord) else _NO_RECORD)
        if self.dropped:
            dropped, self.dropped = self.dropped, 0
            note = logging.LogRecord(
                "homelab.logs", logging.WARNING, __file__, 0, "%d log lines dropped: the writer "
                "could not keep up (is stderr read?)", (dropped,), None
            )  # fmt: skip
            self.target.handle(note)
        # The stream may be gone (closed before exit): nothing left to do then.
        with contextlib.suppress(OSError, ValueError):
            self.target.flush()

    def close(self) -> None:
        """Write everything pending, then stop the thread."""
        self._stopping = True
        self._wake.set()
        self._now.set()
        self._thread.join(timeout=5)
        self._drain()  # anything the thread did not get to
        super().close()


_NO_RECORD = logging.LogRecord("homelab.logs", logging.ERROR, __file__, 0, "", (), None)
