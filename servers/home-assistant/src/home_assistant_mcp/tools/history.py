"""What happened: summarised history, the logbook and long-term statistics."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import AfterValidator, Field

from home_assistant_mcp.models import HistoryReport, LogbookEntry, Statistics
from home_assistant_mcp.summaries import parse_time, short, summarize_history, summarize_statistics
from home_assistant_mcp.tools import Deps, IdItem, IdList, Since, Until
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

MAX_WINDOW = timedelta(days=31)

HistoryIds = Annotated[list[IdItem], IdList(20, "Entity ids or names, e.g. ['sensor.temperature']")]
STATISTIC_ID = re.compile(r"^[a-z0-9_]+[.:][a-z0-9_]+$")


def statistic_id(value: str) -> str:
    if not STATISTIC_ID.fullmatch(value):
        raise ValueError(f"{value!r} is not a statistic id (sensor.energy or source:name)")
    return value


StatisticIds = Annotated[
    list[Annotated[str, AfterValidator(statistic_id)]],
    Field(
        min_length=1,
        max_length=10,
        description="Sensor or external ids ('demo:energy')",
    ),
]


def window(
    start: str | None, end: str | None, longest: timedelta = MAX_WINDOW
) -> tuple[datetime, datetime]:
    now = datetime.now(UTC)
    try:
        until = parse_time(end, now, now)
        since = parse_time(start, until - timedelta(days=1), now)
    except ValueError as err:
        raise ToolError(str(err)) from None
    if since >= until:
        raise ToolError("start must be before end.")
    if until - since > longest:
        if longest == MAX_WINDOW:
            raise ToolError(
                "The window is longer than 31 days; use get_statistics for long periods."
            )
        raise ToolError(f"The period is longer than {longest.days} days.")
    return since, until


def cause(entry: dict[str, Any]) -> str | None:
    if entry.get("context_entity_id"):
        source = entry.get("context_entity_id_name") or entry["context_entity_id"]
        return f"{entry.get('context_event_type') or 'change'} of {source}"
    if entry.get("context_service"):
        return f"service {entry.get('context_domain')}.{entry['context_service']}"
    if entry.get("context_user_id"):
        return "a user"
    return None


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def get_history(
        entity_ids: HistoryIds,
        start: Since = "-24h",
        end: Until = None,
        recent: Annotated[int, Field(ge=0, le=100, description="Latest changes to list")] = 10,
    ) -> HistoryReport:
        """How entities changed over a window: first/last state, min/max/mean or time per
        state, latest changes."""
        since, until = window(start, end)
        ha = deps.ha()
        series = await ha.history(entity_ids, since, until)
        current = {s["entity_id"]: s for s in await ha.states_of(entity_ids, live=True)}
        by_id = {points[0]["entity_id"]: points for points in series if points}
        summaries = []
        for entity_id in entity_ids:
            unit = current.get(entity_id, {}).get("attributes", {}).get("unit_of_measurement")
            points = by_id.get(entity_id, [])
            summaries.append(
                summarize_history(entity_id, points, since, until, recent=recent, unit=unit)
            )
        return HistoryReport(start=short(since), end=short(until), entities=summaries)

    @box.read
    async def get_logbook(
        start: Since = "-24h",
        end: Until = None,
        entity_id: Annotated[IdItem | None, Field(description="Only this one")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[LogbookEntry]:
        """Logbook, newest first: changes, automations fired, who or what caused them."""
        since, until = window(start, end)
        raw = await deps.ha().logbook(since, until, entity_id)
        entries = [
            LogbookEntry(
                when=short(datetime.fromisoformat(e["when"])),
                name=e.get("name"),
                entity_id=e.get("entity_id"),
                state=e.get("state"),
                message=e.get("message"),
                domain=e.get("domain"),
                cause=cause(e),
            )
            for e in reversed(raw)
        ]
        return paginate(entries, limit, offset)

    @box.read
    async def get_statistics(
        statistic_ids: StatisticIds,
        start: Since = "-24h",
        end: Until = None,
        period: Literal["5minute", "hour", "day", "week", "month"] = "hour",
        max_rows: Annotated[int, Field(ge=0, le=500, description="Newest rows per statistic")] = 24,
    ) -> Statistics:
        """Long-term statistics per period: mean/min/max, or sum for meters like energy
        (months back)."""
        now = datetime.now(UTC)
        try:
            until = parse_time(end, now, now)
            since = parse_time(start, until - timedelta(days=1), now)
        except ValueError as err:
            raise ToolError(str(err)) from None
        ha = deps.ha()
        known = {s["statistic_id"]: s for s in await ha.statistic_ids()}
        wanted = [i for i in statistic_ids if i in known]
        rows = await ha.statistics(wanted, since, until, period) if wanted else {}
        series = [
            summarize_statistics(
                i, rows[i], known[i].get("statistics_unit_of_measurement"), max_rows
            )
            for i in wanted
            if rows.get(i)
        ]
        missing = [i for i in statistic_ids if not rows.get(i)]
        return Statistics(period=period, series=series, missing=missing)
