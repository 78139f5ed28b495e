"""Calendars (events in a window; create an event) and to-do lists (items; add, complete, remove).

Reads use REST (``/api/calendars``) and response-only services (``todo.get_items``). Writes are
ordinary service calls (``calendar.create_event``, ``todo.*``) through ``prepare``: judged like
call_service, including the automations they start (a calendar trigger that unlocks a door makes
creating an event on that calendar destructive, and it is refused).
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import AfterValidator, Field

from home_assistant_mcp import data_client
from home_assistant_mcp.calls import execute, prepare, refuse_if_sensitive
from home_assistant_mcp.entities import domain_of
from home_assistant_mcp.models import ServiceResult
from home_assistant_mcp.models_data import (
    CalendarEvent,
    CalendarEvents,
    CalendarInfo,
    TodoItem,
    TodoItems,
)
from home_assistant_mcp.summaries import parse_time, short
from home_assistant_mcp.tools import Deps, strict_id
from homelab_shared.toolbox import Toolbox

MAX_WINDOW = timedelta(days=366)
_AHEAD = re.compile(r"^\+(\d+(?:\.\d+)?)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
TEXT = 300  # descriptions are cut here: a calendar invite can hold pages

When = Annotated[str | None, Field(description="ISO, -2h or +1d; default now")]
Until = Annotated[str | None, Field(description="ISO or +7d; default start+7d")]
Item = Annotated[str, Field(min_length=1, max_length=255, description="Text or uid")]
ListLimit = Annotated[int, Field(ge=1, le=100, description="At most")]
CalendarId = Annotated[str, AfterValidator(strict_id), Field(description="calendar.* id or name")]
TodoId = Annotated[str, AfterValidator(strict_id), Field(description="todo.* id or name")]


def moment(text: str | None, default: datetime) -> datetime:
    """parse_time, plus ``+7d`` for times ahead (calendars look forward)."""
    now = datetime.now(UTC)
    ahead = _AHEAD.match(text.strip()) if text else None
    if ahead:
        return now + timedelta(**{_UNITS[ahead.group(2)]: float(ahead.group(1))})
    try:
        return parse_time(text, default, now)
    except ValueError as err:
        raise ToolError(str(err)) from None


def _when(value: dict[str, Any] | str | None) -> tuple[str, bool]:
    if isinstance(value, dict):
        if "dateTime" in value:
            return short(datetime.fromisoformat(value["dateTime"])), False
        return str(value.get("date", "")), True
    return str(value or ""), False


def _event(calendar: str, raw: dict[str, Any]) -> CalendarEvent:
    start, all_day = _when(raw.get("start"))
    end, _ = _when(raw.get("end"))
    text = raw.get("description") or None
    return CalendarEvent(
        calendar=calendar,
        summary=str(raw.get("summary") or ""),
        start=start,
        end=end,
        all_day=all_day or None,
        location=raw.get("location") or None,
        description=text[:TEXT] + " …" if text and len(text) > TEXT else text,
        uid=raw.get("uid") or None,
        recurring=True if raw.get("rrule") or raw.get("recurrence_id") else None,
    )


def _event_fields(start: str, end: str) -> dict[str, str]:
    """calendar.create_event takes dates for all-day events and date-times otherwise."""
    try:
        if len(start) == 10 and len(end) == 10:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
            fields = {"start_date": start, "end_date": end}
        else:
            first = parse_time(start, datetime.now(UTC))
            last = parse_time(end, datetime.now(UTC))
            fields = {"start_date_time": first.isoformat(), "end_date_time": last.isoformat()}
    except ValueError as err:
        raise ToolError(f"{err}. Use ISO dates (2026-12-24) or date-times.") from None
    if last <= first:  # type: ignore[operator]
        raise ToolError("end must be after start (an all-day event ends the day after).")
    return fields


def _require(entity_id: str, domain: str) -> None:
    if domain_of(entity_id) != domain:
        raise ToolError(f"This tool takes a {domain}.* entity, not {entity_id}.")


def _items(entity_id: str, raw: list[dict[str, Any]], limit: int) -> TodoItems:
    items = [
        TodoItem(
            summary=str(i.get("summary") or ""),
            status=str(i.get("status") or "needs_action"),
            due=i.get("due") or None,
            description=(i.get("description") or "")[:TEXT] or None,
            uid=i.get("uid") or None,
        )
        for i in raw
    ]
    return TodoItems(
        entity_id=entity_id,
        items=items[:limit],
        total=len(items),
        open=sum(1 for i in items if i.status == "needs_action"),
        truncated=len(items) > limit,
    )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_calendars() -> list[CalendarInfo]:
        """Calendars in Home Assistant and whether an event is on now."""
        ha = deps.ha()
        found, states = await asyncio.gather(data_client.calendars(ha), ha.states())
        now = {s["entity_id"]: s.get("state") for s in states}
        return [
            CalendarInfo(
                entity_id=c["entity_id"], name=c.get("name"), busy=now.get(c["entity_id"]) == "on"
            )
            for c in found
        ]

    @box.read
    async def get_calendar_events(
        entity_id: Annotated[str | None, Field(description="Calendar; default: all")] = None,
        start: When = None,
        end: Until = None,
        limit: ListLimit = 30,
    ) -> CalendarEvents:
        """Calendar events in a window (default: the next 7 days), soonest first."""
        ha = deps.ha()
        since = moment(start, datetime.now(UTC))
        until = moment(end, since + timedelta(days=7))
        if until <= since or until - since > MAX_WINDOW:
            raise ToolError("end must be after start, and the window at most 366 days.")
        if entity_id:
            _require(entity_id, "calendar")
            ids = [entity_id]
        else:
            ids = [c["entity_id"] for c in await data_client.calendars(ha)]
        found = await asyncio.gather(
            *(data_client.calendar_events(ha, c, since, until) for c in ids)
        )
        events = [_event(c, e) for c, raw in zip(ids, found, strict=True) for e in raw]
        events.sort(key=lambda e: (e.start, e.calendar))
        return CalendarEvents(
            start=short(since),
            end=short(until),
            events=events[:limit],
            total=len(events),
            truncated=len(events) > limit,
        )

    @box.write()
    async def create_calendar_event(
        entity_id: CalendarId,
        summary: Annotated[str, Field(max_length=255, description="Title")],
        start: Annotated[str, Field(description="ISO date (all day) or date-time")],
        end: Annotated[str, Field(description="Same form; all day: the day after")],
        description: Annotated[str | None, Field(description="Notes")] = None,
        location: Annotated[str | None, Field(description="Where")] = None,
    ) -> ServiceResult:
        """Add an event to a calendar (one that allows it, like Local Calendar)."""
        _require(entity_id, "calendar")
        data: dict[str, Any] = {"summary": summary, **_event_fields(start, end)}
        data.update({k: v for k, v in (("description", description), ("location", location)) if v})
        ha = deps.ha()
        call = await prepare(ha, "calendar", "create_event", entity_ids=[entity_id], data=data)
        await refuse_if_sensitive(ha, call, deps.policy, f"a new event on {entity_id}")
        return await execute(ha, call)

    @box.read
    async def get_todo_items(
        entity_id: TodoId,
        status: Literal["open", "completed", "all"] = "open",
        limit: ListLimit = 50,
    ) -> TodoItems:
        """Items of a to-do list, open ones by default."""
        _require(entity_id, "todo")
        wanted = {"open": ["needs_action"], "completed": ["completed"], "all": None}[status]
        raw = await data_client.todo_items(deps.ha(), entity_id, wanted)
        return _items(entity_id, raw, limit)

    async def change(entity_id: str, service: str, data: dict[str, Any]) -> TodoItems:
        _require(entity_id, "todo")
        ha = deps.ha()
        call = await prepare(ha, "todo", service, entity_ids=[entity_id], data=data)
        await refuse_if_sensitive(ha, call, deps.policy, f"todo.{service} on {entity_id}")
        await execute(ha, call)
        return _items(entity_id, await data_client.todo_items(ha, entity_id, ["needs_action"]), 50)

    @box.write()
    async def add_todo_item(
        entity_id: TodoId,
        item: Annotated[str, Field(min_length=1, max_length=255, description="Text")],
        due_date: Annotated[str | None, Field(description="ISO date")] = None,
        description: Annotated[str | None, Field(description="Notes")] = None,
    ) -> TodoItems:
        """Add an item to a to-do list; returns the open items."""
        data: dict[str, Any] = {"item": item}
        data.update({k: v for k, v in (("due_date", due_date), ("description", description)) if v})
        return await change(entity_id, "add_item", data)

    @box.write(idempotent=True)
    async def complete_todo_item(
        entity_id: TodoId,
        item: Item,
        completed: Annotated[bool, Field(description="false: open again")] = True,
    ) -> TodoItems:
        """Mark a to-do item done (or open again); returns the open items."""
        status = "completed" if completed else "needs_action"
        return await change(entity_id, "update_item", {"item": item, "status": status})

    @box.write()
    async def remove_todo_item(entity_id: TodoId, item: Item) -> TodoItems:
        """Delete an item from a to-do list; returns the open items."""
        return await change(entity_id, "remove_item", {"item": [item]})
