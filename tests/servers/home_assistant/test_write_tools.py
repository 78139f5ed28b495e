"""Write tools against the real Home Assistant: hidden unless enabled, validated, read back,
refused (with the destructive tool named) when a call is sensitive. Every test restores state."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from tests.harness import until
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call, mcp_client

pytestmark = pytest.mark.peer


def state_of(peer: HomeAssistantPeer, entity_id: str) -> dict[str, Any]:
    response = httpx.get(f"{peer.url}/api/states/{entity_id}", headers=peer.headers)
    response.raise_for_status()
    return response.json()


def service(peer: HomeAssistantPeer, domain: str, name: str, **data: Any) -> None:
    """Set the peer's state directly (arrange and restore), not through the server under test."""
    response = httpx.post(
        f"{peer.url}/api/services/{domain}/{name}", headers=peer.headers, json=data, timeout=15
    )
    response.raise_for_status()


@pytest.fixture
def restore_bed_light(ha_peer: HomeAssistantPeer) -> Iterator[None]:
    yield
    service(ha_peer, "light", "turn_off", entity_id="light.bed_light")


async def test_writes_are_hidden_and_refused_unless_enabled(
    ro_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    names = {t.name for t in await ro_ha.list_tools()}
    assert not names & {"turn_on", "call_service", "unlock", "speak", "set_tasmota_power"}
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE=true"):
        await ro_ha.call_tool("turn_on", {"entity_ids": ["light.bed_light"]})
    assert state_of(ha_peer, "light.bed_light")["state"] == "off"


async def test_write_enabled_shows_writes_but_not_destructive(write_only: Client[Any]) -> None:
    tools = {t.name: t for t in await write_only.list_tools()}
    assert {"turn_on", "turn_off", "toggle", "call_service", "control_media"} <= set(tools)
    assert not set(tools) & {"unlock", "disarm_alarm", "open_cover", "restart_home_assistant"}
    # their effect is not confined to a target: destructive (confirmed) since default-deny
    assert not set(tools) & {"run_script", "activate_scene", "trigger_automation"}
    turn_on = tools["turn_on"].annotations
    assert turn_on and turn_on.read_only_hint is False and turn_on.destructive_hint is False
    with pytest.raises(ToolError, match="HA_ALLOW_DESTRUCTIVE=true"):
        await write_only.call_tool("unlock", {"entity_id": "lock.front_door"})


async def test_switch_a_light_and_read_it_back(
    write_only: Client[Any],
    ha_peer: HomeAssistantPeer,
    restore_bed_light: None,
    runtime: RuntimeSettings,
) -> None:
    result = await call(
        write_only, "turn_on", entity_ids=["light.bed_light"], data={"brightness_pct": 40}
    )
    assert result["service"] == "light.turn_on"
    [light] = result["states"]
    assert light["state"] == "on" and light["attributes"]["brightness"] == 102
    entity = await call(write_only, "get_entity", entity_id="light.bed_light")
    assert entity["state"] == "on"
    assert state_of(ha_peer, "light.bed_light")["state"] == "on"
    off = await call(write_only, "turn_off", entity_ids=["light.bed_light"])
    assert off["states"][0]["state"] == "off"
    generic = await call(
        write_only,
        "call_service",
        domain="homeassistant",
        service="turn_on",
        entity_ids=["light.bed_light"],
        data={"brightness_pct": 20},  # passed on to light.turn_on
    )
    assert generic["states"][0]["attributes"]["brightness"] == 51
    audit = [json.loads(line) for line in runtime.audit_path().read_text().splitlines()]
    assert [(a["tool"], a["outcome"]) for a in audit] == [
        ("turn_on", "ok"),
        ("turn_off", "ok"),
        ("call_service", "ok"),
    ]


async def test_history_and_logbook_after_a_change(
    write_only: Client[Any], ha_peer: HomeAssistantPeer, restore_bed_light: None
) -> None:
    service(ha_peer, "light", "turn_off", entity_id="light.bed_light")
    since = state_of(ha_peer, "light.bed_light")["last_changed"]
    await call(write_only, "toggle", entity_ids=["light.bed_light"])
    await call(write_only, "toggle", entity_ids=["light.bed_light"])
    history: dict[str, Any] = {}
    for _ in range(40):  # the recorder commits every second: wait for our own two changes
        report = await call(write_only, "get_history", entity_ids=["light.bed_light"], start=since)
        history = report["entities"][0]
        recent = [c["state"] for c in history["recent"][-2:]]
        if history["changes"] >= 2 and recent == ["on", "off"]:
            break
        await asyncio.sleep(0.25)
    assert [c["state"] for c in history["recent"][-2:]] == ["on", "off"]
    assert set(history["time_in_state"]) == {"on", "off"}
    log: dict[str, Any] = {}
    for _ in range(40):  # the logbook reads the recorder, which may lack the last change yet
        log = await call(write_only, "get_logbook", entity_id="light.bed_light", start="-5m")
        if log["items"] and log["items"][0]["state"] == "off":
            break
        await asyncio.sleep(0.25)
    assert log["items"][0]["state"] == "off"
    assert log["items"][0]["cause"].startswith("service light.")


async def test_call_service_is_validated_against_home_assistant(write_only: Client[Any]) -> None:
    cases = [
        ({"domain": "light", "service": "turn_on", "data": {"bogus": 1}}, "has no field bogus"),
        ({"domain": "light", "service": "explode"}, "light has no service 'explode'"),
        ({"domain": "nodomain", "service": "x"}, "no service domain 'nodomain'"),
        (
            {"domain": "input_number", "service": "set_value", "entity_ids": ["input_number.x"]},
            "requires value",
        ),
        ({"domain": "light", "service": "turn_on", "entity_ids": ["switch.ac"]}, "not switch.ac"),
        ({"domain": "light", "service": "turn_on", "entity_ids": ["light.nope"]}, "No entity"),
        (
            {
                "domain": "alarm_control_panel",
                "service": "alarm_arm_away",
                "entity_ids": ["alarm_control_panel.security"],
            },
            "Arming requires a code",
        ),
    ]
    for arguments, message in cases:
        with pytest.raises(ToolError, match=message):
            await write_only.call_tool("call_service", arguments)


async def test_sensitive_calls_are_refused_and_name_the_tool(
    write_only: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    cases = [
        ("turn_off", {"entity_ids": ["lock.front_door"]}, "unlocks Front Door.*unlock tool"),
        ("toggle", {"entity_ids": ["lock.front_door"]}, "unlock tool"),
        ("toggle", {"entity_ids": ["cover.garage_door"]}, "opens Garage Door.*open_cover tool"),
        ("turn_on", {"entity_ids": ["cover.garage_door"]}, "open_cover tool"),
        (
            "call_service",
            {"domain": "lock", "service": "unlock", "entity_ids": ["lock.front_door"]},
            "unlock tool",
        ),
        (
            "call_service",
            {"domain": "homeassistant", "service": "toggle", "entity_ids": ["cover.garage_door"]},
            "open_cover tool",
        ),
        (
            "call_service",
            {
                "domain": "cover",
                "service": "set_cover_position",
                "entity_ids": ["cover.garage_door"],
                "data": {"position": 30},
            },
            "open_cover tool",
        ),
        (
            "call_service",
            {"domain": "homeassistant", "service": "restart"},
            "restart_home_assistant",
        ),
        ("turn_off", {"entity_ids": ["alarm_control_panel.security"]}, "disarm_alarm tool"),
    ]
    for tool, arguments, message in cases:
        with pytest.raises(ToolError, match=f"was not run: .*{message}"):
            await write_only.call_tool(tool, arguments)
    assert state_of(ha_peer, "lock.front_door")["state"] == "locked"
    assert state_of(ha_peer, "cover.garage_door")["state"] == "closed"


async def test_area_targets_are_expanded_before_the_check(
    write_only: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    update = {"type": "config/entity_registry/update", "entity_id": "cover.garage_door"}
    ha_peer.ws_command({**update, "area_id": "kitchen"})
    try:
        with pytest.raises(ToolError, match="opens Garage Door"):
            await write_only.call_tool(
                "call_service",
                {"domain": "cover", "service": "open_cover", "area_ids": ["kitchen"]},
            )
    finally:
        ha_peer.ws_command({**update, "area_id": None})
    assert state_of(ha_peer, "cover.garage_door")["state"] == "closed"


async def test_operator_lists_make_calls_sensitive_or_safe(
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
    ha_peer: HomeAssistantPeer,
    restore_bed_light: None,
) -> None:
    run_bed_light = {
        "domain": "script",
        "service": "turn_on",
        "entity_ids": ["script.bed_light_on"],
    }
    settings = ha_settings(allow_write=True, sensitive_services="input_boolean.toggle")
    async with mcp_client(build_server(settings, runtime)) as client:
        with pytest.raises(ToolError, match=r"sensitive list.*call_sensitive_service"):
            await client.call_tool(
                "call_service",
                {
                    "domain": "input_boolean",
                    "service": "toggle",
                    "entity_ids": ["input_boolean.vacation_mode"],
                },
            )
        with pytest.raises(ToolError, match=r"not on the list.*HA_SAFE_SERVICES.*run_script tool"):
            await client.call_tool("call_service", run_bed_light)
    assert state_of(ha_peer, "input_boolean.vacation_mode")["state"] == "on"
    assert state_of(ha_peer, "light.bed_light")["state"] == "off"

    settings = ha_settings(allow_write=True, safe_services="script.bed_light_on")
    async with mcp_client(build_server(settings, runtime)) as client:
        await call(client, "call_service", **run_bed_light)
        await until(lambda: state_of(ha_peer, "light.bed_light")["state"] == "on", 5)


async def confirmed(client: Client[Any], tool: str, **arguments: Any) -> dict[str, Any]:
    """A destructive tool: the preview, then the same call with its token."""
    first = await call(client, tool, **arguments)
    assert first["status"] == "confirmation_required"
    return await call(client, tool, **arguments, confirm_token=first["confirm_token"])


async def test_script_scene_and_automation(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer, restore_bed_light: None
) -> None:
    await confirmed(rw_ha, "run_script", entity_id="script.bed_light_on")
    await until(lambda: state_of(ha_peer, "light.bed_light")["state"] == "on", 5)

    first = await call(rw_ha, "activate_scene", entity_id="scene.movie_night")
    assert "Bed Light (light.bed_light) now on through scene scene.movie_night" in first["preview"]
    assert "Ceiling Lights (light.ceiling_lights) now on" in first["preview"]
    scene = await call(
        rw_ha, "activate_scene", entity_id="scene.movie_night", confirm_token=first["confirm_token"]
    )
    by_id = {s["entity_id"]: s for s in scene["states"]}
    assert by_id["light.bed_light"]["state"] == "off"
    assert by_id["light.ceiling_lights"]["attributes"]["brightness"] == 77
    service(ha_peer, "light", "turn_on", entity_id="light.ceiling_lights", brightness=180)

    service(ha_peer, "light", "turn_off", entity_id="light.kitchen_lights")
    try:
        await confirmed(rw_ha, "trigger_automation", entity_id="automation.guest_mode_lights")
        assert state_of(ha_peer, "light.kitchen_lights")["state"] == "on"
    finally:
        service(ha_peer, "light", "turn_on", entity_id="light.kitchen_lights")

    off = await confirmed(
        rw_ha, "set_automation_enabled", entity_id="automation.guest_mode_lights", enabled=False
    )
    try:
        assert off["states"][0]["state"] == "off"
    finally:
        service(ha_peer, "automation", "turn_on", entity_id="automation.guest_mode_lights")
    with pytest.raises(ToolError, match="takes a scene"):
        await rw_ha.call_tool("activate_scene", {"entity_id": "light.bed_light"})


async def test_control_media(write_only: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    try:
        paused = await call(
            write_only, "control_media", entity_id="media_player.walkman", action="pause"
        )
        assert paused["states"][0]["state"] == "paused"
        with pytest.raises(ToolError, match="volume_set needs volume"):
            await write_only.call_tool(
                "control_media", {"entity_id": "media_player.walkman", "action": "volume_set"}
            )
    finally:
        service(ha_peer, "media_player", "media_play", entity_id="media_player.walkman")
