"""Destructive tools on the real Home Assistant: preview -> confirm_token -> done; tokens are
single-use and bound to the arguments. Every test leaves the demo as it found it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.toolbox import ConfirmationRequired
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call, mcp_client
from tests.servers.home_assistant.test_write_tools import service, state_of

pytestmark = pytest.mark.peer


async def preview(client: Client[Any], tool: str, **arguments: Any) -> ConfirmationRequired:
    return ConfirmationRequired.model_validate(await call(client, tool, **arguments))


async def test_unlocking_the_front_door_needs_a_confirmation(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    tools = {t.name: t for t in await rw_ha.list_tools()}
    unlock = tools["unlock"]
    assert unlock.annotations and unlock.annotations.destructive_hint is True
    assert "confirm_token" in unlock.input_schema["properties"]

    first = await preview(rw_ha, "unlock", entity_id="lock.front_door")
    assert first.preview.startswith("Unlock Front Door (lock.front_door), now locked")
    assert state_of(ha_peer, "lock.front_door")["state"] == "locked"

    with pytest.raises(ToolError, match="does not match"):
        await rw_ha.call_tool(
            "unlock", {"entity_id": "lock.openable_lock", "confirm_token": first.confirm_token}
        )
    assert state_of(ha_peer, "lock.openable_lock")["state"] == "locked"

    args = {"entity_id": "lock.front_door", "confirm_token": first.confirm_token}
    try:
        done = await call(rw_ha, "unlock", **args)
        assert done["service"] == "lock.unlock"
        assert done["states"][0]["state"] == "unlocked"
        assert state_of(ha_peer, "lock.front_door")["state"] == "unlocked"
        with pytest.raises(ToolError, match="already used"):
            await rw_ha.call_tool("unlock", args)
    finally:
        service(ha_peer, "lock", "lock", entity_id="lock.front_door")
    assert state_of(ha_peer, "lock.front_door")["state"] == "locked"


async def test_open_the_garage_door_with_confirmation(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    first = await preview(rw_ha, "open_cover", entity_id="cover.garage_door")
    assert first.preview == "Open Garage Door (cover.garage_door), now closed fully."
    try:
        done = await call(
            rw_ha, "open_cover", entity_id="cover.garage_door", confirm_token=first.confirm_token
        )
        assert done["states"][0]["state"] == "open"
    finally:
        service(ha_peer, "cover", "close_cover", entity_id="cover.garage_door")
    with pytest.raises(ToolError, match="takes a cover"):
        await rw_ha.call_tool("open_cover", {"entity_id": "lock.front_door"})


async def test_disarm_preview_and_the_alarm_code_error(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    first = await preview(
        rw_ha, "disarm_alarm", entity_id="alarm_control_panel.security", code="0000"
    )
    assert first.preview.startswith("Disarm Security (alarm_control_panel.security), now disarmed")
    assert "0000" not in first.preview
    with pytest.raises(ToolError, match="Invalid alarm code"):
        await rw_ha.call_tool(
            "disarm_alarm",
            {
                "entity_id": "alarm_control_panel.security",
                "code": "0000",
                "confirm_token": first.confirm_token,
            },
        )
    assert state_of(ha_peer, "alarm_control_panel.security")["state"] == "disarmed"


async def test_restart_preview_changes_nothing(rw_ha: Client[Any]) -> None:
    first = await preview(rw_ha, "restart_home_assistant")
    assert first.preview.startswith("Restart Home Assistant 2025.4.4 (Homelab Test)")
    stop = await preview(rw_ha, "restart_home_assistant", action="stop")
    assert "stays down" in stop.preview
    with pytest.raises(ToolError, match="restart_home_assistant"):
        await rw_ha.call_tool(
            "call_sensitive_service", {"domain": "homeassistant", "service": "restart"}
        )


async def test_operator_listed_service_through_call_sensitive_service(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings, ha_peer: HomeAssistantPeer
) -> None:
    settings = ha_settings(
        allow_write=True, allow_destructive=True, sensitive_services=["input_boolean.*"]
    )
    arguments = {
        "domain": "input_boolean",
        "service": "turn_on",
        "entity_ids": ["input_boolean.guest_mode"],
    }
    async with mcp_client(build_server(settings, runtime)) as client:
        with pytest.raises(ToolError, match="call_sensitive_service"):
            await client.call_tool("call_service", arguments)
        first = await preview(client, "call_sensitive_service", **arguments)
        assert "Guest mode (input_boolean.guest_mode) now off" in first.preview
        assert "operator's sensitive list (input_boolean.*)" in first.preview
        try:
            done = await call(
                client, "call_sensitive_service", **arguments, confirm_token=first.confirm_token
            )
            assert done["states"][0]["state"] == "on"
        finally:
            service(ha_peer, "input_boolean", "turn_off", entity_id="input_boolean.guest_mode")
            service(ha_peer, "light", "turn_on", entity_id="light.kitchen_lights")
