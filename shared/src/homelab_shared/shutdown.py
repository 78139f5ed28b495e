"""Stopping cleanly: SIGINT and SIGTERM end every transport the normal way (lifespans close their
upstream clients) and the process exits 0 without a traceback."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Callable

log = logging.getLogger("homelab.runner")


class ClosableStdin:
    """stdin behind a pipe that a signal can close.

    The stdio transport reads stdin in a worker thread that a cancellation cannot interrupt, so
    Ctrl-C (or SIGTERM from the client) would hang until the next line arrives. Copying the real
    stdin through a pipe lets a signal end it with EOF: the session then ends the normal way and
    the lifespans close their upstream clients.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._source = os.dup(0)
        read_end, self._sink = os.pipe()
        os.dup2(read_end, 0)
        os.close(read_end)
        self._open = True
        threading.Thread(target=self._pump, name="stdin-pump", daemon=True).start()

    def _pump(self) -> None:
        try:
            while chunk := os.read(self._source, 65536):
                with self._lock:
                    if not self._open:
                        return
                    os.write(self._sink, chunk)
        except OSError:
            pass  # the client went away; close() below sends EOF
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._open:
                self._open = False
                os.close(self._sink)


def stop_stdio_on_signals(end_input: Callable[[], object]) -> None:
    """First SIGINT/SIGTERM: ``end_input`` (EOF on stdin: the session ends the normal way and
    the lifespans close their upstream clients); a second one: stop at once."""

    def handler(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        log.info("stopping")
        end_input()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)


def stop_on_sigterm() -> None:
    """SIGTERM takes the SIGINT path: lifespans close their clients, then exit 0."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def run_quietly(run: Callable[[], None]) -> None:
    """Run until a signal stops it; a shutdown is not an error and prints no traceback."""
    try:
        run()
    except KeyboardInterrupt:
        log.info("stopped")
    except BaseExceptionGroup as group:  # anyio task groups wrap the cancellation
        rest = group.split((KeyboardInterrupt, asyncio.CancelledError))[1]
        if rest is not None:
            raise rest from None
        log.info("stopped")
    except asyncio.CancelledError:
        log.info("stopped")
