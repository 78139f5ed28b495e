"""Every read tool against the real Home Assistant (demo integration), through an MCP client."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer

READ_TOOLS = {
    "search_entities",
    "get_entity",
    "overview",
    "get_config",
    "render_template",
    "get_error_log",
    "wait_for_state",
    "get_history",
    "get_logbook",
    "get_statistics",
    "list_areas",
    "list_devices",
    "list_automations",
    "list_scripts",
    "list_scenes",
    "list_services",
    "list_cast_devices",
    "list_tasmota_devices",
    "get_tasmota_status",
    *("get_config_item", "check_config_item", "get_traces", "find_usage"),  # issue 18
}
READ_TOOLS |= {  # registries and system care
    *("list_floors", "list_labels", "system_health", "list_repairs", "list_integrations"),
    *("list_updates", "list_backups", "list_addons"),
}
READ_TOOLS |= {  # calendars, to-do, camera, energy, weather, notifications
    "list_calendars",
    "get_calendar_events",
    "get_todo_items",
    "get_camera_snapshot",
    "get_energy_summary",
    "get_weather_forecast",
    "list_notifications",
}


@pytest.fixture
def bed_light_in_bedroom(ha_peer: HomeAssistantPeer) -> Iterator[None]:
    """Put light.bed_light in the Bedroom area (the demo assigns no areas); restore after."""
    update = {"type": "config/entity_registry/update", "entity_id": "light.bed_light"}
    ha_peer.ws_command({**update, "area_id": "bedroom"})
    yield
    ha_peer.ws_command({**update, "area_id": None})


async def test_read_only_server_lists_only_described_read_tools(ro_ha: Client[Any]) -> None:
    tools = await ro_ha.list_tools()
    assert {t.name for t in tools} == READ_TOOLS
    for tool in tools:
        assert tool.description and len(tool.description) > 20, tool.name
        assert tool.annotations and tool.annotations.read_only_hint is True
        # an image has no structured form: the snapshot is image content plus a caption
        assert tool.output_schema is not None or tool.name == "get_camera_snapshot", tool.name
        for name, prop in tool.input_schema.get("properties", {}).items():
            described = "description" in prop or prop.get("$ref") or "enum" in prop
            assert described or name in ("limit", "offset"), f"{tool.name}.{name}"


async def test_search_is_fuzzy_and_lean(ro_ha: Client[Any]) -> None:
    page = await call(ro_ha, "search_entities", query="bed lite")
    assert page["items"][0] == {"entity_id": "light.bed_light", "name": "Bed Light", "state": "off"}
    by_id = await call(ro_ha, "search_entities", query="lock.front_door")
    assert by_id["items"][0]["entity_id"] == "lock.front_door"


async def test_search_by_domain_and_state_with_key_attributes(ro_ha: Client[Any]) -> None:
    page = await call(ro_ha, "search_entities", domain="light", state="on")
    ids = [e["entity_id"] for e in page["items"]]
    assert "light.ceiling_lights" in ids and "light.bed_light" not in ids
    assert page["total"] == len(ids) == 5
    ceiling = next(e for e in page["items"] if e["entity_id"] == "light.ceiling_lights")
    assert ceiling["attributes"]["brightness"] == 180
    assert "min_mireds" not in ceiling["attributes"]  # not a key attribute


async def test_search_pages(ro_ha: Client[Any]) -> None:
    first = await call(ro_ha, "search_entities", domain="sensor", limit=5)
    assert first["truncated"] is True and first["next_offset"] == 5
    second = await call(ro_ha, "search_entities", domain="sensor", limit=5, offset=5)
    assert {e["entity_id"] for e in first["items"]}.isdisjoint(
        e["entity_id"] for e in second["items"]
    )


async def test_search_and_list_areas_use_the_registries(
    ro_ha: Client[Any], bed_light_in_bedroom: None
) -> None:
    page = await call(ro_ha, "search_entities", area="Bedroom")
    assert [(e["entity_id"], e["area"]) for e in page["items"]] == [("light.bed_light", "Bedroom")]
    areas = {a["area_id"]: a for a in (await call(ro_ha, "list_areas"))["items"]}
    assert set(areas) == {"bedroom", "kitchen", "living_room"}
    assert areas["bedroom"]["entities"] == 1
    with pytest.raises(ToolError, match=r"no area .attic.*Known: Bedroom, Kitchen, Living Room"):
        await ro_ha.call_tool("search_entities", {"area": "attic"})


async def test_get_entity_summary_and_full(ro_ha: Client[Any]) -> None:
    summary = await call(ro_ha, "get_entity", entity_id="light.ceiling_lights")
    assert summary["state"] == "on"
    assert summary["platform"] == "demo"
    assert summary["device"] == "Ceiling Lights"
    assert set(summary["services"]) >= {"turn_on", "turn_off", "toggle"}
    assert "supported_color_modes" not in summary["attributes"]
    full = await call(ro_ha, "get_entity", entity_id="light.ceiling_lights", detail="full")
    assert full["attributes"]["supported_color_modes"] == ["color_temp", "hs"]
    player = await call(ro_ha, "get_entity", entity_id="media_player.walkman", detail="full")
    assert "token=" not in player["attributes"]["entity_picture"]


async def test_unknown_entity_says_how_to_find_it(ro_ha: Client[Any]) -> None:
    with pytest.raises(ToolError, match=r"not found \(no entity light.nope\).*search_entities"):
        await ro_ha.call_tool("get_entity", {"entity_id": "light.nope"})


async def test_overview(ro_ha: Client[Any]) -> None:
    data = await call(ro_ha, "overview")
    assert data["version"] == "2025.4.4"
    assert data["state"] == "RUNNING"
    assert data["entities"] >= 100
    assert data["domains"]["light"] == 6
    assert sum(data["areas"].values()) == data["entities"]
    assert any(p.startswith("low battery: Outside Temperature") for p in data["problems"])
    assert any(p.startswith("update available:") for p in data["problems"])


async def test_get_config(ro_ha: Client[Any]) -> None:
    data = await call(ro_ha, "get_config")
    assert data["version"] == "2025.4.4"
    assert data["location_name"] == "Homelab Test"
    assert data["units"]["temperature"] == "°C"
    assert "demo" in data["integrations"] and "cast" not in data["integrations"]


async def test_render_template(ro_ha: Client[Any]) -> None:
    data = await call(ro_ha, "render_template", template="{{ states('input_select.house_mode') }}")
    assert data == {"rendered": "Home"}
    with pytest.raises(ToolError, match="TemplateSyntaxError"):
        await ro_ha.call_tool("render_template", {"template": "{{ 1 + }}"})


async def test_error_log_tail_and_filter(ro_ha: Client[Any]) -> None:
    data = await call(ro_ha, "get_error_log", level="all", contains="pip")
    assert data["matched"] >= 1
    assert all("pip" in r.lower() for r in data["records"])
    errors = await call(ro_ha, "get_error_log", level="error", records=5)
    assert len(errors["records"]) <= 5


async def test_list_devices(ro_ha: Client[Any]) -> None:
    page = await call(ro_ha, "list_devices", query="bed light")
    first = page["items"][0]
    assert first["name"] == "Bed Light" and first["entities"] == ["light.bed_light"]
    assert (await call(ro_ha, "list_devices", limit=1))["total"] >= 40


async def test_automations_scripts_scenes(ro_ha: Client[Any]) -> None:
    [auto] = (await call(ro_ha, "list_automations"))["items"]
    assert auto["entity_id"] == "automation.guest_mode_lights"
    assert (auto["name"], auto["state"], auto["id"]) == (
        "Guest mode lights",
        "on",
        "guest_mode_lights",
    )
    scripts = await call(ro_ha, "list_scripts", query="bed")
    assert scripts["items"][0]["entity_id"] == "script.bed_light_on"
    scenes = await call(ro_ha, "list_scenes")
    assert scenes["items"][0]["entities"] == ["light.bed_light", "light.ceiling_lights"]


async def test_list_services(ro_ha: Client[Any]) -> None:
    everything = await call(ro_ha, "list_services")
    domains = {d["domain"]: d["services"] for d in everything["domains"]}
    assert "unlock" in domains["lock"]
    lock = await call(ro_ha, "list_services", domain="lock")
    unlock = next(s for s in lock["services"] if s["service"] == "lock.unlock")
    assert unlock["target"] is True and "code" in unlock["fields"]
    weather = await call(ro_ha, "list_services", domain="weather")
    assert weather["services"][0]["response"] == "only"


async def test_logbook(ro_ha: Client[Any]) -> None:
    page = await call(ro_ha, "get_logbook", start="-2h", limit=200)
    assert any(e.get("message") == "started" for e in page["items"])
    whens = [e["when"] for e in page["items"]]
    assert whens == sorted(whens, reverse=True)


async def test_history_of_a_numeric_sensor(ro_ha: Client[Any]) -> None:
    data = await call(ro_ha, "get_history", entity_ids=["sensor.outside_temperature"], start="-1h")
    [sensor] = data["entities"]
    assert sensor["unit"] == "°C"
    assert sensor["min"] == sensor["max"] == sensor["mean"] == 15.6
    with pytest.raises(ToolError, match="31 days"):
        await ro_ha.call_tool(
            "get_history", {"entity_ids": ["sensor.outside_temperature"], "start": "-40d"}
        )


async def test_statistics(ro_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    rows = [
        {"start": (hour - timedelta(hours=3)).isoformat(), "mean": 14.0, "min": 13.0, "max": 15.0},
        {"start": (hour - timedelta(hours=2)).isoformat(), "mean": 16.0, "min": 15.0, "max": 17.5},
    ]
    ha_peer.ws_command(
        {
            "type": "recorder/import_statistics",
            "metadata": {
                "has_mean": True,
                "has_sum": False,
                "name": None,
                "source": "recorder",
                "statistic_id": "sensor.outside_humidity",
                "unit_of_measurement": "%",
            },
            "stats": rows,
        }
    )
    # Only the two imported hours: the recorder compiles its own row for the last full hour
    # (hour - 1) as soon as an hour begins, and that row must not depend on when the test runs.
    window = {
        "start": (hour - timedelta(hours=3)).isoformat(),
        "end": (hour - timedelta(hours=1)).isoformat(),
    }
    ids = ["sensor.outside_humidity", "sensor.nope"]
    data: dict[str, Any] = {}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the recorder imports in its own thread
        data = await call(ro_ha, "get_statistics", statistic_ids=ids, **window)
        if data["series"] and data["series"][0]["total_rows"] == len(rows):
            break
        await asyncio.sleep(0.1)
    [series] = data["series"]
    assert series["unit"] == "%"
    assert series["total_rows"] == 2
    assert (series["min"], series["max"], series["mean"]) == (13.0, 17.5, 15.0)
    assert data["missing"] == ["sensor.nope"]


async def test_wait_for_state(ro_ha: Client[Any]) -> None:
    now = await call(ro_ha, "wait_for_state", entity_id="lock.front_door", state="locked")
    assert now["reached"] is True and now["waited_seconds"] < 1
    later = await call(
        ro_ha, "wait_for_state", entity_id="switch.ac", state="on", timeout_seconds=1
    )
    assert later == {
        "entity_id": "switch.ac",
        "state": "off",
        "reached": False,
        "waited_seconds": later["waited_seconds"],
    }
