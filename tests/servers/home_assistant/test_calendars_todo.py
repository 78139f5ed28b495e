"""Calendars and to-do lists against the real Home Assistant: the demo's two calendars, a Local
Calendar and a Shopping List set up through their config flows (removed again afterwards)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from tests.harness import structured
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer

LOCAL = "calendar.mcp_test_events"
SHOPPING = "todo.shopping_list"


def until_present(peer: HomeAssistantPeer, entity_id: str, present: bool = True) -> None:
    deadline = datetime.now(UTC) + timedelta(seconds=20)
    with httpx.Client(base_url=peer.url, headers=peer.headers, timeout=10) as http:
        while (http.get(f"/api/states/{entity_id}").status_code == 200) != present:
            assert datetime.now(UTC) < deadline, f"{entity_id} present={present} never came"


def config_entry(peer: HomeAssistantPeer, handler: str, step: dict[str, Any]) -> str:
    """Set an integration up through its config flow, as the UI does; returns the entry id."""
    base = "/api/config/config_entries/flow"
    with httpx.Client(base_url=peer.url, headers=peer.headers, timeout=20) as http:
        flow = http.post(base, json={"handler": handler})
        flow.raise_for_status()
        body = flow.json()
        if body.get("type") == "form":
            body = http.post(f"{base}/{body['flow_id']}", json=step).json()
        assert body.get("type") == "create_entry", body
        return body["result"]["entry_id"]


def remove_entry(peer: HomeAssistantPeer, entry_id: str) -> None:
    url = f"{peer.url}/api/config/config_entries/entry/{entry_id}"
    httpx.delete(url, headers=peer.headers, timeout=20).raise_for_status()


@pytest.fixture(scope="module")
def local_calendar(ha_peer: HomeAssistantPeer) -> Iterator[str]:
    entry = config_entry(
        ha_peer, "local_calendar", {"calendar_name": "MCP test events", "import": "create_empty"}
    )
    until_present(ha_peer, LOCAL)
    yield LOCAL
    remove_entry(ha_peer, entry)
    until_present(ha_peer, LOCAL, present=False)


@pytest.fixture(scope="module")
def shopping_list(ha_peer: HomeAssistantPeer) -> Iterator[str]:
    entry = config_entry(ha_peer, "shopping_list", {})
    until_present(ha_peer, SHOPPING)
    yield SHOPPING
    remove_entry(ha_peer, entry)
    until_present(ha_peer, SHOPPING, present=False)


async def test_calendars_and_their_events(ro_ha: Client[Any]) -> None:
    calendars = structured(await ro_ha.call_tool("list_calendars", {}))["result"]
    by_id = {c["entity_id"]: c for c in calendars}
    assert {"calendar.calendar_1", "calendar.calendar_2"} <= set(by_id)
    assert by_id["calendar.calendar_2"]["busy"] is True  # the demo's "Current Event"
    week = await call(ro_ha, "get_calendar_events", start="-1h", end="+7d")
    summaries = {(e["calendar"], e["summary"]) for e in week["events"]}
    assert ("calendar.calendar_1", "Future Event") in summaries
    assert ("calendar.calendar_2", "Current Event") in summaries
    assert [e["start"] for e in week["events"]] == sorted(e["start"] for e in week["events"])
    one = await call(ro_ha, "get_calendar_events", entity_id="Calendar 1", end="+7d", limit=1)
    assert {e["calendar"] for e in one["events"]} == {"calendar.calendar_1"}
    assert one["total"] >= len(one["events"]) == 1


async def test_bad_windows_and_entities_are_explained(ro_ha: Client[Any]) -> None:
    with pytest.raises(ToolError, match="end must be after start"):
        await ro_ha.call_tool("get_calendar_events", {"start": "+2d", "end": "+1d"})
    with pytest.raises(ToolError, match="takes a calendar"):
        await ro_ha.call_tool("get_calendar_events", {"entity_id": "light.bed_light"})
    with pytest.raises(ToolError, match="not an ISO time"):
        await ro_ha.call_tool("get_calendar_events", {"start": "tomorrow-ish"})


async def test_create_an_event_on_a_local_calendar(
    write_only: Client[Any], ro_ha: Client[Any], local_calendar: str
) -> None:
    start = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    args = {
        "entity_id": local_calendar,
        "summary": "Boiler service",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        "location": "Basement",
    }
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE=true"):
        await ro_ha.call_tool("create_calendar_event", args)
    await call(write_only, "create_calendar_event", **args)
    events = await call(write_only, "get_calendar_events", entity_id=local_calendar, end="+3d")
    [event] = events["events"]
    assert event["summary"] == "Boiler service" and event["location"] == "Basement"
    assert event["start"] == start.isoformat().replace("+00:00", "Z")
    day = (datetime.now(UTC) + timedelta(days=1)).date()
    all_day = {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()}
    await call(
        write_only, "create_calendar_event", entity_id=local_calendar, summary="Bins", **all_day
    )
    events = await call(write_only, "get_calendar_events", entity_id=local_calendar, end="+3d")
    assert {"summary": "Bins", "all_day": True}.items() <= events["events"][0].items()


async def test_calendars_that_cannot_take_events_say_so(write_only: Client[Any]) -> None:
    now = datetime.now(UTC)
    args = {"start": now.isoformat(), "end": (now + timedelta(hours=1)).isoformat()}
    with pytest.raises(ToolError, match=r"(?i)support"):
        await write_only.call_tool(
            "create_calendar_event", {"entity_id": "calendar.calendar_1", "summary": "x", **args}
        )
    reverse = {"start": args["end"], "end": args["start"]}
    with pytest.raises(ToolError, match="end must be after start"):
        await write_only.call_tool(
            "create_calendar_event", {"entity_id": "calendar.calendar_1", "summary": "x", **reverse}
        )


async def test_todo_items_add_complete_reopen_remove(
    write_only: Client[Any], shopping_list: str
) -> None:
    added = await call(write_only, "add_todo_item", entity_id=shopping_list, item="Oat milk")
    assert [i["summary"] for i in added["items"]] == ["Oat milk"] and added["open"] == 1
    await call(write_only, "add_todo_item", entity_id="Shopping List", item="Coffee")
    done = await call(write_only, "complete_todo_item", entity_id=shopping_list, item="Oat milk")
    assert [i["summary"] for i in done["items"]] == ["Coffee"]
    completed = await call(
        write_only, "get_todo_items", entity_id=shopping_list, status="completed"
    )
    assert [(i["summary"], i["status"]) for i in completed["items"]] == [("Oat milk", "completed")]
    again = await call(
        write_only, "complete_todo_item", entity_id=shopping_list, item="Oat milk", completed=False
    )
    assert {i["summary"] for i in again["items"]} == {"Coffee", "Oat milk"}
    for item in ("Oat milk", "Coffee"):
        await call(write_only, "remove_todo_item", entity_id=shopping_list, item=item)
    every = await call(write_only, "get_todo_items", entity_id=shopping_list, status="all")
    assert every["total"] == 0


async def test_todo_errors_are_clear(write_only: Client[Any], shopping_list: str) -> None:
    with pytest.raises(ToolError, match=r"(?i)unable to find|not found|no item"):
        await write_only.call_tool(
            "complete_todo_item", {"entity_id": shopping_list, "item": "Never added"}
        )
    with pytest.raises(ToolError, match="takes a todo"):
        await write_only.call_tool("get_todo_items", {"entity_id": "calendar.calendar_1"})
