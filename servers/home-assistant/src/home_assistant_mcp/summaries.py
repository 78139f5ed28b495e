"""Turning long series into a few numbers: history, statistics and the error log."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from home_assistant_mcp.models import (
    Change,
    HistorySummary,
    StatisticsRow,
    StatisticsSeries,
)

MISSING_STATES = frozenset({"unavailable", "unknown", "", "None"})
_RELATIVE = re.compile(r"^-?(\d+(?:\.\d+)?)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_time(text: str | None, default: datetime, now: datetime | None = None) -> datetime:
    """ISO 8601 (naive = UTC) or relative like ``-24h``, ``90m``, ``7d``; None gives ``default``."""
    now = now or datetime.now(UTC)
    if not text:
        return default
    match = _RELATIVE.match(text.strip())
    if match:
        amount, unit = float(match.group(1)), match.group(2)
        return now - timedelta(**{_UNITS[unit]: amount})
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as err:
        raise ValueError(f"{text!r} is not an ISO time or a relative time like -24h") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def ts(value: str | float | int) -> datetime:
    if isinstance(value, int | float):  # statistics use epoch milliseconds
        return datetime.fromtimestamp(value / 1000, UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def short(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(state: str) -> float | None:
    try:
        value = float(state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def summarize_history(
    entity_id: str,
    points: Sequence[dict[str, Any]],
    start: datetime,
    end: datetime,
    *,
    recent: int = 10,
    unit: str | None = None,
) -> HistorySummary:
    series = [(max(ts(p["last_changed"]), start), str(p.get("state"))) for p in points]
    series.sort(key=lambda p: p[0])
    durations: dict[str, float] = defaultdict(float)
    for (moment, state), nxt in zip(series, [*series[1:], (end, "")], strict=True):
        durations[state] += max((nxt[0] - moment).total_seconds(), 0.0)
    values = [(n, d) for s, d in durations.items() if (n := _number(s)) is not None]
    known = [s for _, s in series if s not in MISSING_STATES]
    numeric = bool(values) and all(_number(s) is not None for s in known)
    summary = HistorySummary(
        entity_id=entity_id,
        unit=unit,
        changes=max(len(series) - 1, 0),
        first=series[0][1] if series else None,
        last=series[-1][1] if series else None,
        recent=[Change(state=s, at=short(m)) for m, s in series[1:][-recent:]] if recent else [],
    )
    if numeric:
        numbers = [n for n in (_number(s) for _, s in series) if n is not None]
        weight = sum(d for _, d in values)
        summary.min = _round(min(numbers))
        summary.max = _round(max(numbers))
        mean = sum(n * d for n, d in values) / weight if weight else sum(numbers) / len(numbers)
        summary.mean = _round(mean)
    elif series:
        summary.time_in_state = {
            s: round(d, 1) for s, d in sorted(durations.items(), key=lambda i: -i[1])
        }
    return summary


def summarize_statistics(
    statistic_id: str, rows: Sequence[dict[str, Any]], unit: str | None, max_rows: int
) -> StatisticsSeries:
    parsed = [
        StatisticsRow(
            start=short(ts(r["start"])),
            **{k: _round(r.get(k)) for k in ("mean", "min", "max", "sum", "state", "change")},
        )
        for r in rows
    ]
    means = [r.mean for r in parsed if r.mean is not None]
    mins = [r.min for r in parsed if r.min is not None]
    maxes = [r.max for r in parsed if r.max is not None]
    changes = [r.change for r in parsed if r.change is not None]
    return StatisticsSeries(
        statistic_id=statistic_id,
        unit=unit,
        rows=parsed[-max_rows:] if max_rows else [],
        total_rows=len(parsed),
        min=min(mins) if mins else None,
        max=max(maxes) if maxes else None,
        mean=_round(sum(means) / len(means)) if means else None,
        change=_round(sum(changes)) if changes else None,
    )


# --- error log ------------------------------------------------------------------------------

_RECORD_START = re.compile(
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? (DEBUG|INFO|WARNING|ERROR|CRITICAL) "
)
LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}


def log_records(text: str) -> list[tuple[str, str]]:
    """(level, record) pairs; continuation lines (tracebacks) belong to the record above."""
    records: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        match = _RECORD_START.match(line)
        if match or not records:
            records.append((match.group(1) if match else "INFO", [line]))
        else:
            records[-1][1].append(line)
    return [(level, "\n".join(lines)) for level, lines in records if any(lines)]


def filter_records(records: Sequence[tuple[str, str]], level: str, text: str | None) -> list[str]:
    floor = LEVELS.get(level.upper(), 0)
    wanted = text.casefold() if text else None
    return [
        record
        for lvl, record in records
        if LEVELS.get(lvl, 20) >= floor and (wanted is None or wanted in record.casefold())
    ]
