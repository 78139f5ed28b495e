"""Camera snapshots (an MCP image, size-capped), the energy summary and weather forecasts."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastmcp.exceptions import ToolError
from fastmcp.tools.base import ToolResult
from mcp_types import TextContent
from pydantic import Field

from home_assistant_mcp import data_client
from home_assistant_mcp.entities import domain_of, friendly_name
from home_assistant_mcp.images import Snapshot, shrink
from home_assistant_mcp.models_data import EnergyFlow, EnergySummary, Forecast, WeatherForecast
from home_assistant_mcp.summaries import short
from home_assistant_mcp.tools import Deps, EntityId
from home_assistant_mcp.tools.history import window
from homelab_shared.errors import BadRequest
from homelab_shared.toolbox import Toolbox

MAX_ENERGY_WINDOW = timedelta(days=366)
NOT_CONFIGURED = (
    "Energy is not configured in Home Assistant: add the grid, solar, gas or device sources on "
    "Settings > Dashboards > Energy, then ask again."
)
NOT_LOADED = (
    "The energy integration is not loaded in this Home Assistant (it comes with default_config:, "
    "or add energy: to configuration.yaml), so there is no energy summary."
)
# Each energy source in the dashboard's preferences: (its type, key, the flow it measures).
SOURCE_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "grid": (("stat_energy_from", "grid_import"), ("stat_energy_to", "grid_export")),
    "solar": (("stat_energy_from", "solar"),),
    "battery": (("stat_energy_from", "battery_out"), ("stat_energy_to", "battery_in")),
    "gas": (("stat_energy_from", "gas"),),
    "water": (("stat_energy_from", "water"),),
}


def energy_flows(prefs: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(kind, statistic id) of every source, and of every individual device."""
    sources: list[tuple[str, str]] = []
    for source in prefs.get("energy_sources") or []:
        kind = source.get("type")
        # A grid source lists its meters under flow_from / flow_to; the others hold them directly.
        parts = [*(source.get("flow_from") or []), *(source.get("flow_to") or [])] or [source]
        for part in parts:
            for key, flow in SOURCE_KEYS.get(kind, ()):
                if part.get(key):
                    sources.append((flow, part[key]))
    devices = [
        ("device", d["stat_consumption"])
        for d in prefs.get("device_consumption") or []
        if d.get("stat_consumption")
    ]
    return sources, devices


def _forecast(raw: dict[str, Any]) -> Forecast:
    def num(key: str) -> float | None:
        value = raw.get(key)
        return float(value) if isinstance(value, int | float) else None

    at = raw.get("datetime")
    return Forecast(
        at=short(datetime.fromisoformat(at)) if isinstance(at, str) else str(at),
        condition=raw.get("condition"),
        temperature=num("temperature"),
        templow=num("templow"),
        precipitation=num("precipitation"),
        precipitation_probability=num("precipitation_probability"),
        wind_speed=num("wind_speed"),
        humidity=num("humidity"),
    )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def get_camera_snapshot(
        entity_id: EntityId,
        max_width: Annotated[
            int, Field(ge=64, le=1920, description="Downscale to at most this width (px)")
        ] = 640,
    ) -> ToolResult:
        """A camera's current picture as an image (downscaled and recompressed to stay small)."""
        if domain_of(entity_id) != "camera":
            raise ToolError(f"get_camera_snapshot takes a camera.* entity, not {entity_id}.")
        raw, content_type = await data_client.camera_image(deps.ha(), entity_id)
        snap: Snapshot = await anyio.to_thread.run_sync(shrink, raw, content_type, max_width)
        note = f"{entity_id}: {snap.describe()}"
        return ToolResult(content=[snap.image.to_image_content(), TextContent(text=note)])

    @box.read
    async def get_energy_summary(
        start: Annotated[str, Field(description="ISO or relative, e.g. -30d")] = "-24h",
        end: Annotated[str | None, Field(description="Default now")] = None,
        devices: Annotated[int, Field(ge=0, le=50, description="Largest devices to list")] = 10,
    ) -> EnergySummary:
        """Energy over a period per Energy dashboard source (grid, solar, battery, gas, water)
        and the largest devices."""
        ha = deps.ha()
        since, until = window(start, end, MAX_ENERGY_WINDOW)
        try:
            prefs = await data_client.energy_prefs(ha)
        except BadRequest as err:
            if "not a command" in str(err):
                raise ToolError(NOT_LOADED) from None
            raise
        sources, consumers = energy_flows(prefs or {})
        if not sources and not consumers:
            raise ToolError(NOT_CONFIGURED)
        ids = list(dict.fromkeys(s for _, s in [*sources, *consumers]))
        totals, units, states = await asyncio.gather(
            asyncio.gather(*(data_client.statistic_change(ha, s, since, until) for s in ids)),
            data_client.statistic_units(ha, ids),
            ha.states(),
        )
        change = dict(zip(ids, totals, strict=True))
        names = {s["entity_id"]: friendly_name(s) for s in states}

        def flow(kind: str, statistic_id: str) -> EnergyFlow:
            total = change.get(statistic_id)
            return EnergyFlow(
                kind=kind,
                statistic_id=statistic_id,
                name=names.get(statistic_id),
                total=round(total, 3) if total is not None else None,
                unit=units.get(statistic_id),
            )

        used = sorted((flow(k, s) for k, s in consumers), key=lambda f: -(f.total or 0))
        missing = [s for s in ids if change.get(s) is None]
        message = (
            f"No statistics in this period for {', '.join(missing)} (recorded hourly; "
            "a new sensor has none yet)."
            if missing
            else None
        )
        return EnergySummary(
            start=short(since),
            end=short(until),
            sources=[flow(k, s) for k, s in sources],
            devices=used[:devices],
            devices_total=len(used),
            message=message,
        )

    @box.read
    async def get_weather_forecast(
        entity_id: Annotated[
            str | None, Field(description="A weather entity (or its name); default: the first")
        ] = None,
        kind: Literal["daily", "hourly", "twice_daily"] = "daily",
        limit: Annotated[int, Field(ge=1, le=48, description="At most this many periods")] = 7,
    ) -> WeatherForecast:
        """The weather forecast of a weather entity, daily or hourly."""
        ha = deps.ha()
        states = {s["entity_id"]: s for s in await ha.states()}
        found = sorted(e for e in states if domain_of(e) == "weather")
        if entity_id is None and not found:
            raise ToolError("Home Assistant has no weather entity (add a weather integration).")
        chosen = entity_id or found[0]
        if chosen not in found:
            raise ToolError(f"No weather entity {chosen}; search_entities(domain='weather').")
        raw = await data_client.forecasts(ha, chosen, kind)
        attrs = states[chosen].get("attributes", {})
        units = {
            k: str(attrs[f"{k}_unit"])
            for k in ("temperature", "wind_speed", "precipitation")
            if attrs.get(f"{k}_unit")
        }
        return WeatherForecast(
            entity_id=chosen,
            kind=kind,
            units=units or None,
            forecast=[_forecast(f) for f in raw[:limit]],
        )
