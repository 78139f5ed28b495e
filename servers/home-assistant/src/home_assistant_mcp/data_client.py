"""Home Assistant I/O for calendars, to-do lists, cameras, energy, weather and notifications.

Beside :class:`~home_assistant_mcp.client.HAClient` (which it uses) rather than inside it, so the
client stays the size it is; like it, this imports nothing from MCP and raises only the shared
upstream errors.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from home_assistant_mcp.client import ENTITY_ID, HAClient, iso
from home_assistant_mcp.websocket import SERVICE
from homelab_shared.errors import BadRequest, BadResponse, NotFound


def _path_id(entity_id: str) -> str:
    if not ENTITY_ID.fullmatch(entity_id):  # an id never chooses another endpoint
        raise BadRequest(SERVICE, f"{entity_id!r} is not an entity id")
    return quote(entity_id, safe="")


async def calendars(ha: HAClient) -> list[dict[str, Any]]:
    """``/api/calendars``: ``[{"entity_id", "name"}]``."""
    data = await ha.http.get_json("/api/calendars")
    if not isinstance(data, list):
        raise BadResponse(SERVICE, "/api/calendars did not return a list")
    return data


async def calendar_events(
    ha: HAClient, entity_id: str, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """Events of one calendar overlapping ``start``..``end`` (REST, as the UI reads them)."""
    try:
        data = await ha.http.get_json(
            f"/api/calendars/{_path_id(entity_id)}",
            params={"start": iso(start), "end": iso(end)},
        )
    except NotFound:
        raise NotFound(
            SERVICE, f"no calendar {entity_id}", hint="list_calendars shows them"
        ) from None
    if not isinstance(data, list):
        raise BadResponse(SERVICE, "the calendar did not return a list of events")
    return data


async def todo_items(
    ha: HAClient, entity_id: str, status: list[str] | None = None
) -> list[dict[str, Any]]:
    """``todo.get_items`` (a response-only service: it changes nothing)."""
    data = {"status": status} if status else None
    response = await ha.call_service(
        "todo", "get_items", data, {"entity_id": [entity_id]}, return_response=True
    )
    return ((response or {}).get(entity_id) or {}).get("items") or []


async def forecasts(ha: HAClient, entity_id: str, kind: str) -> list[dict[str, Any]]:
    """``weather.get_forecasts`` (response-only) for one weather entity."""
    response = await ha.call_service(
        "weather", "get_forecasts", {"type": kind}, {"entity_id": [entity_id]}, return_response=True
    )
    return ((response or {}).get(entity_id) or {}).get("forecast") or []


async def camera_image(ha: HAClient, entity_id: str) -> tuple[bytes, str]:
    """The camera's current image and its content type (``/api/camera_proxy``)."""
    try:
        response = await ha.http.request("GET", f"/api/camera_proxy/{_path_id(entity_id)}")
    except NotFound:
        raise NotFound(
            SERVICE, f"no camera {entity_id}", hint="search_entities(domain='camera') lists them"
        ) from None
    return response.content, response.headers.get("content-type", "")


async def energy_prefs(ha: HAClient) -> dict[str, Any] | None:
    """The energy dashboard's configuration, or None when it was never saved."""
    try:
        return await ha.ws.command("energy/get_prefs")
    except NotFound:  # Home Assistant answers not_found "No prefs" until the dashboard is set up
        return None


async def statistic_change(
    ha: HAClient, statistic_id: str, start: datetime, end: datetime
) -> float | None:
    """How much a counter statistic grew over ``start``..``end`` (None: no statistics)."""
    result = await ha.ws.command(
        "recorder/statistic_during_period",
        statistic_id=statistic_id,
        fixed_period={"start_time": iso(start), "end_time": iso(end)},
        types=["change"],
    )
    change = (result or {}).get("change")
    return float(change) if isinstance(change, int | float) else None


async def statistic_units(ha: HAClient, statistic_ids: list[str]) -> dict[str, str | None]:
    if not statistic_ids:
        return {}
    found = await ha.ws.command("recorder/get_statistics_metadata", statistic_ids=statistic_ids)
    return {m["statistic_id"]: m.get("statistics_unit_of_measurement") for m in found or []}


async def notifications(ha: HAClient) -> list[dict[str, Any]]:
    """Persistent notifications (``persistent_notification/get``)."""
    data = await ha.ws.command("persistent_notification/get")
    return list(data or [])
