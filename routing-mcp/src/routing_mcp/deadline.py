"""One overall deadline per ``ask``, and the time each attempt may take within it.

A model call is bounded twice: by the read timeout of its HTTP client (no byte for that long) and
by a wall-clock cap of connect + read timeout (a provider that trickles bytes never trips the
read timeout), both clipped to what is left of the ask's deadline. So a hung provider costs at
most one read timeout before the fallback, and the whole chain ends by the deadline.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


class DeadlineExceeded(Exception):
    """The ask's deadline passed before a model answered."""


@dataclass
class Deadline:
    seconds: float
    started: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def cap(self, limit: float) -> float:
        """``limit``, clipped to the time left; raise if none is left."""
        left = self.left()
        if left <= 0:
            raise DeadlineExceeded
        return min(limit, left)

    def elapsed(self) -> float:
        return time.monotonic() - self.started
