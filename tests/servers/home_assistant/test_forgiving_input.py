"""Forgiving input against the real Home Assistant: one id where a list is expected, and friendly
names instead of ids, resolved only when exactly one entity carries the name (never a guess)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer


def state_of(peer: HomeAssistantPeer, entity_id: str) -> str:
    response = httpx.get(f"{peer.url}/api/states/{entity_id}", headers=peer.headers, timeout=10)
    response.raise_for_status()
    return response.json()["state"]


def set_light(peer: HomeAssistantPeer, entity_id: str, on: bool) -> None:
    service = "turn_on" if on else "turn_off"
    peer.ws_command(
        {
            "type": "call_service",
            "domain": "light",
            "service": service,
            "service_data": {"entity_id": entity_id},
        }
    )


@pytest.fixture
def bed_light_restored(ha_peer: HomeAssistantPeer) -> Iterator[None]:
    yield
    set_light(ha_peer, "light.bed_light", False)


@pytest.fixture
def two_kitchen_lights(ha_peer: HomeAssistantPeer) -> Iterator[None]:
    """The bed light renamed 'Kitchen Lights' in the entity registry: the name is now ambiguous."""
    ha_peer.ws_command(
        {
            "type": "config/entity_registry/update",
            "entity_id": "light.bed_light",
            "name": "Kitchen Lights",
        }
    )
    yield
    ha_peer.ws_command(
        {"type": "config/entity_registry/update", "entity_id": "light.bed_light", "name": None}
    )


async def test_every_list_of_entity_ids_also_takes_one_string(rw_ha: Client[Any]) -> None:
    """The class, not examples: every tool parameter named entity_ids publishes string or list."""
    found = 0
    for tool in await rw_ha.list_tools():
        schema = tool.input_schema.get("properties", {}).get("entity_ids")
        if schema is None:
            continue
        found += 1
        kinds = schema.get("type")
        assert isinstance(kinds, list) and {"array", "string"} <= set(kinds), (tool.name, schema)
    assert found >= 4  # turn_on, turn_off, toggle, call_service, get_history, ...


async def test_one_id_string_where_a_list_is_expected(
    write_only: Client[Any], ha_peer: HomeAssistantPeer, bed_light_restored: None
) -> None:
    result = await call(write_only, "turn_on", entity_ids="light.bed_light")
    assert [s["entity_id"] for s in result["states"]] == ["light.bed_light"]
    assert state_of(ha_peer, "light.bed_light") == "on"
    history = await call(write_only, "get_history", entity_ids="light.bed_light", start="-1h")
    assert [e["entity_id"] for e in history["entities"]] == ["light.bed_light"]


async def test_a_friendly_name_resolves_when_exactly_one_entity_has_it(
    write_only: Client[Any], ha_peer: HomeAssistantPeer, bed_light_restored: None
) -> None:
    entity = await call(write_only, "get_entity", entity_id="Kitchen Lights")
    assert entity["entity_id"] == "light.kitchen_lights"
    lower = await call(write_only, "get_entity", entity_id="  kitchen   lights ")
    assert lower["entity_id"] == "light.kitchen_lights"
    result = await call(write_only, "turn_on", entity_ids=["Bed Light"])
    assert [s["entity_id"] for s in result["states"]] == ["light.bed_light"]
    assert state_of(ha_peer, "light.bed_light") == "on"


async def test_an_ambiguous_name_lists_the_candidates_and_changes_nothing(
    write_only: Client[Any], ha_peer: HomeAssistantPeer, two_kitchen_lights: None
) -> None:
    set_light(ha_peer, "light.kitchen_lights", True)
    with pytest.raises(ToolError) as read_err:
        await write_only.call_tool("get_entity", {"entity_id": "Kitchen Lights"})
    for text in (read_err.value.args[0],):
        assert "light.bed_light" in text and "light.kitchen_lights" in text
    with pytest.raises(ToolError, match=r"light\.bed_light.*light\.kitchen_lights"):
        await write_only.call_tool("turn_off", {"entity_ids": "Kitchen Lights"})
    assert state_of(ha_peer, "light.kitchen_lights") == "on"
    assert state_of(ha_peer, "light.bed_light") == "off"


async def test_a_near_miss_is_never_guessed_but_suggested(
    write_only: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    with pytest.raises(
        ToolError, match=r"No entity is named 'Kitchn Lihgts'.*light\.kitchen_lights"
    ):
        await write_only.call_tool("turn_off", {"entity_ids": ["Kitchn Lihgts"]})
    assert state_of(ha_peer, "light.kitchen_lights") == "on"
    with pytest.raises(ToolError, match="No entity is named"):
        await write_only.call_tool("get_entity", {"entity_id": "Kitchn Lihgts"})


async def test_names_resolve_for_destructive_tools_and_the_token_binds_the_id(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    preview = await call(rw_ha, "unlock", entity_id="Front Door")
    assert preview["status"] == "confirmation_required"
    assert "lock.front_door" in preview["preview"]
    assert state_of(ha_peer, "lock.front_door") == "locked"


async def test_ids_stay_strict(write_only: Client[Any]) -> None:
    """Something shaped like an id is never rewritten (upper case, lists in one string)."""
    for bad in ("Light.Bed_Light", "light.bed_light,light.kitchen_lights"):
        with pytest.raises(ToolError):
            await write_only.call_tool("turn_on", {"entity_ids": bad})
