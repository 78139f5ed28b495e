"""The quota store interface shared by the SQLite and Redis backends.

Admission reserves atomically against the daily and weekly request counts and spend (what is
used plus what other in-flight calls have reserved). After the call the reservation is settled to
the actual cost, or released on failure. Reservations expire, so a crash cannot leak them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Window:
    day: str  # 2026-11-26
    week: str  # 2026-W48

    @classmethod
    def at(cls, now: float, zone: ZoneInfo) -> Window:
        moment = datetime.fromtimestamp(now, zone)
        year, week, _ = moment.isocalendar()
        return cls(moment.date().isoformat(), f"{year}-W{week:02d}")


def seconds_to_reset(now: float, zone: ZoneInfo, *, weekly: bool) -> float:
    """Seconds from ``now`` until the next day (or ISO week) starts in ``zone``."""
    moment = datetime.fromtimestamp(now, zone)
    days = 7 - moment.weekday() if weekly else 1
    start = datetime.combine(moment.date() + timedelta(days=days), time(), zone)
    return max(1.0, math.ceil(start.timestamp() - now))


@dataclass(frozen=True)
class Limits:
    daily_requests: int | None = None
    weekly_requests: int | None = None
    daily_budget_usd: float | None = None
    weekly_budget_usd: float | None = None

    def unlimited(self) -> bool:
        return all(
            v is None
            for v in (
                self.daily_requests,
                self.weekly_requests,
                self.daily_budget_usd,
                self.weekly_budget_usd,
            )
        )


@dataclass(frozen=True)
class Usage:
    """Settled use plus live reservations in one window."""

    requests: int = 0
    cost: float = 0.0
    tokens_in: int = 0
    tokens_out: int = 0
    reserved: int = 0
    reserved_cost: float = 0.0


@dataclass(frozen=True)
class Reservation:
    id: str
    model: str
    window: Window
    cost: float


@dataclass(frozen=True)
class Admission:
    reservation: Reservation | None
    refused_by: str | None  # "daily_requests" | "weekly_requests" | "daily_budget" | ...
    day: Usage
    week: Usage

    @property
    def ok(self) -> bool:
        return self.reservation is not None


def refusal(limits: Limits, day: Usage, week: Usage, cost: float) -> str | None:
    """Which limit one more request of ``cost`` would break, given use plus reservations."""
    if (
        limits.daily_requests is not None
        and day.requests + day.reserved + 1 > limits.daily_requests
    ):
        return "daily_requests"
    if limits.weekly_requests is not None and (
        week.requests + week.reserved + 1 > limits.weekly_requests
    ):
        return "weekly_requests"
    if limits.daily_budget_usd is not None and (
        day.cost + day.reserved_cost + cost > limits.daily_budget_usd + 1e-12
    ):
        return "daily_budget"
    if limits.weekly_budget_usd is not None and (
        week.cost + week.reserved_cost + cost > limits.weekly_budget_usd + 1e-12
    ):
        return "weekly_budget"
    return None


class QuotaStore(Protocol):
    backend: str

    async def reserve(
        self, model: str, window: Window, limits: Limits, cost: float, now: float, ttl: float
    ) -> Admission: ...

    async def settle(
        self, reservation: Reservation, tokens_in: int, tokens_out: int, cost: float
    ) -> tuple[Usage, Usage]: ...

    async def release(self, reservation: Reservation) -> None: ...

    async def usage(self, model: str, window: Window, now: float) -> tuple[Usage, Usage]: ...

    async def daily(self, model: str, day: str) -> Usage: ...

    async def reset(self, model: str, window: Window, which: str) -> None: ...

    async def first_alert(self, key: str) -> bool: ...

    async def limit_overrides(self) -> dict[str, dict[str, float | None]]: ...

    async def set_limit(self, model: str, field: str, value: float | None) -> None: ...

    async def live_reservations(self, now: float) -> int: ...

    async def aclose(self) -> None: ...
