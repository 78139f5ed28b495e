"""Camera snapshots, energy, weather and notifications against the real Home Assistant demo.

Energy uses statistics imported through the recorder's own WebSocket command and dashboard
preferences saved through the energy integration's, both removed again afterwards.
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError
from mcp_types import ImageContent, TextContent
from PIL import Image

from home_assistant_mcp.images import CAP
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer

GRID, SOLAR, DISHWASHER, OVEN = "test:grid_import", "test:solar", "test:dishwasher", "test:oven"
# (statistic, hourly increments in kWh over the last three full hours)
METERS = {
    GRID: (1.0, 2.0, 0.5),
    SOLAR: (0.0, 1.25, 1.25),
    DISHWASHER: (0.0, 1.0, 0.0),
    OVEN: (2, 0, 0),
}


async def snapshot(client: Client[Any], **args: Any) -> tuple[Image.Image, int, str]:
    result = await client.call_tool("get_camera_snapshot", args)
    image, note = result.content
    assert isinstance(image, ImageContent) and image.mime_type == "image/jpeg"
    assert isinstance(note, TextContent)
    data = base64.b64decode(image.data)
    return Image.open(io.BytesIO(data)), len(data), note.text


async def test_camera_snapshots_are_images_within_the_cap(ro_ha: Client[Any]) -> None:
    picture, size, note = await snapshot(ro_ha, entity_id="camera.demo_camera")
    assert picture.format == "JPEG" and picture.width <= 640 and size <= CAP
    assert note.startswith("camera.demo_camera: ")
    picture, size, note = await snapshot(ro_ha, entity_id="camera.demo_camera_png", max_width=200)
    assert picture.format == "JPEG" and picture.width <= 200 and size <= CAP
    assert "was 2" in note  # recompressed from the demo's ≈ 230 kB PNG
    with pytest.raises(ToolError, match="takes a camera"):
        await ro_ha.call_tool("get_camera_snapshot", {"entity_id": "light.bed_light"})
    with pytest.raises(ToolError, match=r"no camera camera\.nope"):
        await ro_ha.call_tool("get_camera_snapshot", {"entity_id": "camera.nope"})


async def test_weather_forecasts(ro_ha: Client[Any]) -> None:
    daily = await call(ro_ha, "get_weather_forecast", entity_id="weather.demo_weather_south")
    assert daily["kind"] == "daily" and len(daily["forecast"]) == 7
    assert all(f["condition"] and "temperature" in f for f in daily["forecast"])
    assert daily["units"]["temperature"] == "°C"
    hourly = await call(ro_ha, "get_weather_forecast", kind="hourly", limit=3)
    assert hourly["entity_id"] == "weather.demo_weather_north" and len(hourly["forecast"]) == 3
    with pytest.raises(ToolError, match="No weather entity"):
        await ro_ha.call_tool("get_weather_forecast", {"entity_id": "sensor.outside_temperature"})


def _ws(peer: HomeAssistantPeer, message: dict[str, Any]) -> Any:
    return peer.ws_command(message, timeout=20)


@pytest.fixture
def energy(ha_peer: HomeAssistantPeer) -> Iterator[datetime]:
    """Three hours of imported meter readings and an Energy dashboard that uses them."""
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    first = hour - timedelta(hours=3)
    for statistic_id, steps in METERS.items():
        total, stats = 0.0, []
        for n, step in enumerate(steps):
            total += step
            start = (first + timedelta(hours=n)).isoformat()
            stats.append({"start": start, "sum": total, "state": total})
        metadata = {
            "has_mean": False,
            "has_sum": True,
            "name": statistic_id.split(":")[1].title(),
            "source": "test",
            "statistic_id": statistic_id,
            "unit_of_measurement": "kWh",
        }
        _ws(ha_peer, {"type": "recorder/import_statistics", "metadata": metadata, "stats": stats})
    deadline = time.monotonic() + 20
    while (
        len(_ws(ha_peer, {"type": "recorder/get_statistics_metadata", "statistic_ids": [*METERS]}))
        < 4
    ):
        assert time.monotonic() < deadline, "imported statistics never appeared"
        time.sleep(0.1)
    grid = {
        "stat_energy_from": GRID,
        "stat_cost": None,
        "entity_energy_price": None,
        "number_energy_price": None,
    }
    prefs = {
        "energy_sources": [
            {"type": "grid", "flow_from": [grid], "flow_to": [], "cost_adjustment_day": 0},
            {"type": "solar", "stat_energy_from": SOLAR, "config_entry_solar_forecast": None},
        ],
        "device_consumption": [{"stat_consumption": DISHWASHER}, {"stat_consumption": OVEN}],
    }
    _ws(ha_peer, {"type": "energy/save_prefs", **prefs})
    yield first
    _ws(ha_peer, {"type": "energy/save_prefs", "energy_sources": [], "device_consumption": []})
    _ws(ha_peer, {"type": "recorder/clear_statistics", "statistic_ids": [*METERS]})


async def test_energy_not_configured_is_explained(ro_ha: Client[Any]) -> None:
    with pytest.raises(ToolError, match="Energy is not configured in Home Assistant"):
        await ro_ha.call_tool("get_energy_summary", {})


async def test_energy_summary_per_source_and_device(ro_ha: Client[Any], energy: datetime) -> None:
    summary = await call(ro_ha, "get_energy_summary", start=energy.isoformat(), devices=1)
    flows = {f["kind"]: f for f in summary["sources"]}
    assert set(flows) == {"grid_import", "solar"}
    assert flows["grid_import"]["statistic_id"] == GRID and flows["grid_import"]["unit"] == "kWh"
    # each hourly row's sum is the meter at the end of that hour: the period holds every step
    assert flows["grid_import"]["total"] == pytest.approx(3.5)
    assert flows["solar"]["total"] == pytest.approx(2.5)
    assert summary["devices_total"] == 2
    [largest] = summary["devices"]
    assert largest["statistic_id"] == OVEN and largest["total"] == pytest.approx(2.0)
    later = await call(ro_ha, "get_energy_summary", start=(energy + timedelta(hours=1)).isoformat())
    flows = {f["kind"]: f["total"] for f in later["sources"]}
    assert flows == {"grid_import": pytest.approx(2.5), "solar": pytest.approx(2.5)}
    assert [d["statistic_id"] for d in later["devices"]] == [DISHWASHER, OVEN]


async def test_notifications_send_list_dismiss(
    write_only: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    await call(write_only, "send_notification", message="Water softener salt is low", title="Salt")
    await call(
        write_only,
        "send_notification",
        message="via the legacy service",
        target="persistent_notification",
    )
    sent = await call(
        write_only, "send_notification", message="to an entity", target="notify.notifier"
    )
    assert sent["done"] is True
    listed = await call(write_only, "list_notifications")
    mine = [
        n
        for n in listed["items"]
        if n["message"] in ("Water softener salt is low", "via the legacy service")
    ]
    assert (
        len(mine) == 2
        and {"title": "Salt"}.items() <= next(n for n in mine if n.get("title")).items()
    )
    for n in mine:
        await call(write_only, "dismiss_notification", notification_id=n["notification_id"])
    left = await call(write_only, "list_notifications")
    assert not {n["notification_id"] for n in mine} & {n["notification_id"] for n in left["items"]}
    with pytest.raises(ToolError, match="No notification 'nope'"):
        await write_only.call_tool("dismiss_notification", {"notification_id": "nope"})


async def test_companion_app_commands_are_not_sent(write_only: Client[Any]) -> None:
    before = await call(write_only, "list_notifications")
    for message in ("command_dnd", " request_location_update ", "TTS"):
        with pytest.raises(ToolError, match="command word of the Companion app"):
            await write_only.call_tool(
                "send_notification", {"message": message, "target": "persistent_notification"}
            )
    assert (await call(write_only, "list_notifications"))["total"] == before["total"]
    with pytest.raises(ToolError, match="neither a notify"):
        await write_only.call_tool(
            "send_notification", {"message": "hi", "target": "lock.front_door"}
        )
    with pytest.raises(ToolError, match="no service 'nope'"):
        await write_only.call_tool("send_notification", {"message": "hi", "target": "nope"})


async def test_reads_work_read_only_and_writes_need_enabling(ro_ha: Client[Any]) -> None:
    await call(ro_ha, "list_notifications")
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE=true"):
        await ro_ha.call_tool("send_notification", {"message": "hi"})
