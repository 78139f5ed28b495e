"""Registry writes on the real Home Assistant: rename, area, labels, floor, enable/disable and
voice exposure. Plain changes are writes; those that concern a lock, alarm or door, expose what
a voice command could misuse, or rename an id in use need the confirmed twin. Each test checks
the registry on Home Assistant itself and puts back what it changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from homelab_shared.toolbox import ConfirmationRequired
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer

GARAGE = "cover.garage_door"


def entry(peer: HomeAssistantPeer, entity_id: str) -> dict[str, Any]:
    return peer.ws_command({"type": "config/entity_registry/get", "entity_id": entity_id})


def exposed(peer: HomeAssistantPeer, entity_id: str) -> dict[str, bool]:
    found = peer.ws_command({"type": "homeassistant/expose_entity/list"})["exposed_entities"]
    return found.get(entity_id, {})


@pytest.fixture
def tidy(ha_peer: HomeAssistantPeer) -> Iterator[None]:
    """Remove the labels and floors a test made, and the kitchen's floor."""
    yield
    ws = ha_peer.ws_command
    ws({"type": "config/area_registry/update", "area_id": "kitchen", "floor_id": None})
    for label in ws({"type": "config/label_registry/list"}):
        ws({"type": "config/label_registry/delete", "label_id": label["label_id"]})
    for floor in ws({"type": "config/floor_registry/list"}):
        ws({"type": "config/floor_registry/delete", "floor_id": floor["floor_id"]})


async def test_rename_place_and_label_a_light(
    ha_peer: HomeAssistantPeer, ro_ha: Client[Any], rw_ha: Client[Any], tidy: None
) -> None:
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE"):
        await ro_ha.call_tool("update_entity", {"entity_id": "light.bed_light", "name": "x"})
    try:
        done = await call(
            rw_ha,
            "update_entity",
            entity_id="light.bed_light",
            name="Bed lamp",
            area="Bedroom",
            labels=["Night"],
        )
        assert (done["name"], done["area"], done["labels"]) == ("Bed lamp", "Bedroom", ["Night"])
        stored = entry(ha_peer, "light.bed_light")
        assert (stored["name"], stored["area_id"], stored["labels"]) == (
            "Bed lamp",
            "bedroom",
            ["night"],  # the unknown label was created
        )
        labels = await call(ro_ha, "list_labels")
        assert [(x["name"], x["entities"]) for x in labels["items"]] == [("Night", 1)]
    finally:
        ha_peer.ws_command(
            {
                "type": "config/entity_registry/update",
                "entity_id": "light.bed_light",
                "name": None,
                "area_id": None,
                "labels": [],
            }
        )
    cleared = await call(rw_ha, "update_entity", entity_id="light.bed_light", name="", area="")
    assert "area" not in cleared and cleared["name"] == "Bed Light"
    with pytest.raises(ToolError, match=r"no area 'Attic'.*Known: Bedroom, Kitchen, Living Room"):
        await rw_ha.call_tool("update_entity", {"entity_id": "light.bed_light", "area": "Attic"})
    with pytest.raises(ToolError, match="Nothing to change"):
        await rw_ha.call_tool("update_entity", {"entity_id": "light.bed_light"})


async def test_a_lock_without_registry_entry_says_why(rw_ha: Client[Any]) -> None:
    with pytest.raises(ToolError, match=r"lock\.front_door has no registry entry"):
        await rw_ha.call_tool("update_entity", {"entity_id": "lock.front_door", "name": "x"})


async def test_moving_the_garage_door_needs_a_confirmation(
    ha_peer: HomeAssistantPeer, rw_ha: Client[Any]
) -> None:
    args = {"entity_id": GARAGE, "area": "Kitchen"}
    with pytest.raises(ToolError, match=r"Garage Door \(cover.garage_door\).*_confirmed"):
        await rw_ha.call_tool("update_entity", args)
    assert entry(ha_peer, GARAGE)["area_id"] is None
    first = ConfirmationRequired.model_validate(
        await call(rw_ha, "update_entity_confirmed", **args)
    )
    assert first.preview.startswith("Change cover.garage_door: area -> 'Kitchen'. It concerns")
    assert entry(ha_peer, GARAGE)["area_id"] is None
    try:
        done = await call(
            rw_ha, "update_entity_confirmed", **args, confirm_token=first.confirm_token
        )
        assert done["area"] == "Kitchen"
        assert entry(ha_peer, GARAGE)["area_id"] == "kitchen"
    finally:
        ha_peer.ws_command(
            {"type": "config/entity_registry/update", "entity_id": GARAGE, "area_id": None}
        )


async def test_exposing_to_voice(ha_peer: HomeAssistantPeer, rw_ha: Client[Any]) -> None:
    assert exposed(ha_peer, "light.kitchen_lights") == {"conversation": True}
    try:
        hidden = await call(
            rw_ha,
            "update_entity",
            entity_id="light.kitchen_lights",
            expose=False,
            assistants=["conversation"],
        )
        assert "exposed_to" not in hidden
        assert not exposed(ha_peer, "light.kitchen_lights").get("conversation")  # was True
        back = await call(
            rw_ha,
            "update_entity",
            entity_id="light.kitchen_lights",
            expose=True,
            assistants=["conversation"],
        )
        assert back["exposed_to"] == ["conversation"]
    finally:
        ha_peer.ws_command(
            {
                "type": "homeassistant/expose_entity",
                "assistants": ["conversation"],
                "entity_ids": ["light.kitchen_lights"],
                "should_expose": True,
            }
        )
    before = exposed(ha_peer, "lock.front_door")
    with pytest.raises(ToolError, match="could then unlock, disarm or open it"):
        await rw_ha.call_tool("update_entity", {"entity_id": "lock.front_door", "expose": True})
    with pytest.raises(ToolError, match="could then run it"):
        await rw_ha.call_tool("update_entity", {"entity_id": "scene.movie_night", "expose": True})
    assert exposed(ha_peer, "lock.front_door") == before
    first = await call(rw_ha, "update_entity_confirmed", entity_id="lock.front_door", expose=True)
    assert "expose to conversation, cloud.alexa, cloud.google_assistant" in first["preview"]


async def test_a_new_entity_id_in_use_lists_what_breaks(
    ha_peer: HomeAssistantPeer, rw_ha: Client[Any]
) -> None:
    args = {"entity_id": "light.bed_light", "new_entity_id": "light.bed_lamp"}
    with pytest.raises(ToolError) as refused:
        await rw_ha.call_tool("update_entity", args)
    assert "scripts: script.bed_light_on; scenes: scene.movie_night" in str(refused.value)
    first = await call(rw_ha, "update_entity_confirmed", **args)
    assert "used by: scripts: script.bed_light_on; scenes: scene.movie_night" in first["preview"]
    assert entry(ha_peer, "light.bed_light")["entity_id"] == "light.bed_light"
    # an id nothing refers to is a plain write
    try:
        done = await call(
            rw_ha,
            "update_entity",
            entity_id="sensor.outside_humidity",
            new_entity_id="sensor.garden_humidity",
        )
        assert done["id"] == "sensor.garden_humidity"
        assert entry(ha_peer, "sensor.garden_humidity")["unique_id"]
    finally:
        ha_peer.ws_command(
            {
                "type": "config/entity_registry/update",
                "entity_id": "sensor.garden_humidity",
                "new_entity_id": "sensor.outside_humidity",
            }
        )
    assert entry(ha_peer, "sensor.outside_humidity")["entity_id"] == "sensor.outside_humidity"


async def test_devices_and_areas(
    ha_peer: HomeAssistantPeer, ro_ha: Client[Any], rw_ha: Client[Any], tidy: None
) -> None:
    light_device = entry(ha_peer, "light.ceiling_lights")["device_id"]
    garage_device = entry(ha_peer, GARAGE)["device_id"]
    try:
        done = await call(rw_ha, "update_device", device_id=light_device, area="Kitchen")
        assert done["area"] == "Kitchen"
        with pytest.raises(ToolError, match=r"Garage Door.*update_device_confirmed"):
            await rw_ha.call_tool("update_device", {"device_id": garage_device, "area": "Kitchen"})
        placed = await call(rw_ha, "update_area", area="Kitchen", floor="Ground floor")
        assert placed["floor"] == "Ground floor"
        floors = await call(ro_ha, "list_floors")
        assert [(f["name"], f["areas"]) for f in floors["items"]] == [("Ground floor", ["Kitchen"])]
        # once the garage door is in the kitchen, the kitchen's floor decides what reaches it
        ha_peer.ws_command(
            {
                "type": "config/device_registry/update",
                "device_id": garage_device,
                "area_id": "kitchen",
            }
        )
        with pytest.raises(ToolError, match=r"Garage Door.*update_area_confirmed"):
            await rw_ha.call_tool("update_area", {"area": "Kitchen", "floor": ""})
        with pytest.raises(ToolError, match="update_area_confirmed"):  # its name too
            await rw_ha.call_tool("update_area", {"area": "Kitchen", "name": "Garage"})
        areas = ha_peer.ws_command({"type": "config/area_registry/list"})
        assert {a["area_id"]: a["name"] for a in areas}["kitchen"] == "Kitchen"
    finally:
        for device in (light_device, garage_device):
            ha_peer.ws_command(
                {"type": "config/device_registry/update", "device_id": device, "area_id": None}
            )
    with pytest.raises(ToolError, match="No device 'nope'"):
        await rw_ha.call_tool("update_device", {"device_id": "nope", "name": "x"})
