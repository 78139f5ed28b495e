"""Response shaping through a real MCP client against the real Home Assistant: state counts in
the overview, field selection, the error log of one integration, resources and prompts."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest
from fastmcp import Client
from mcp.shared.exceptions import MCPError
from mcp_types import TextResourceContents

from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer


async def test_overview_counts_states_per_domain(ro_ha: Client[Any]) -> None:
    overview = await call(ro_ha, "overview")
    counts = overview["states"]
    assert sum(counts["light"].values()) == overview["domains"]["light"]
    assert counts["light"]["off"] >= 1 and counts["lock"]["locked"] >= 1
    assert "sensor" not in counts  # readings are not counted as states
    assert all(len(by_state) <= 6 for by_state in counts.values())


async def test_fields_select_what_comes_back(ro_ha: Client[Any]) -> None:
    light = await call(
        ro_ha, "get_entity", entity_id="light.kitchen_lights", fields=["hs_color", "area"]
    )
    assert set(light) <= {"entity_id", "state", "area", "attributes"}
    assert set(light["attributes"]) == {"hs_color"}  # not a key attribute: read from all of them
    found = await call(ro_ha, "search_entities", domain="light", fields=["brightness"], limit=50)
    assert found["total"] >= 6
    for item in found["items"]:
        assert set(item) <= {"entity_id", "state", "attributes"}
        assert set(item.get("attributes", {})) <= {"brightness"}
    assert any(item.get("attributes", {}).get("brightness") for item in found["items"])
    plain = await call(ro_ha, "search_entities", domain="light", limit=50)
    assert len(json.dumps(found)) < len(json.dumps(plain))


def _log(peer: HomeAssistantPeer, logger: str, message: str) -> None:
    peer.ws_command(
        {
            "type": "call_service",
            "domain": "system_log",
            "service": "write",
            "service_data": {"message": message, "level": "error", "logger": logger},
        }
    )


async def test_error_log_of_one_integration(ro_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    mark = uuid.uuid4().hex[:8]
    _log(ha_peer, "homeassistant.components.demo.sensor", f"demo broke {mark}")
    _log(ha_peer, "homeassistant.components.demonstration", f"another {mark}")
    _log(ha_peer, "custom_components.demo_extra", f"custom {mark}")
    deadline = time.monotonic() + 15
    while True:  # the log file is written by a handler thread: poll for the last record
        log = await call(ro_ha, "get_error_log", contains=mark, records=10)
        if log["matched"] >= 3 or time.monotonic() > deadline:
            break
    assert log["matched"] == 3
    demo = await call(ro_ha, "get_error_log", integration="demo", contains=mark)
    assert demo["matched"] == 1 and f"demo broke {mark}" in demo["records"][0]
    extra = await call(ro_ha, "get_error_log", integration="demo_extra", contains=mark)
    assert [f"custom {mark}" in r for r in extra["records"]] == [True]


async def test_entity_and_area_resources(ro_ha: Client[Any]) -> None:
    templates = {t.uri_template for t in await ro_ha.list_resource_templates()}
    assert {"ha://entity/{entity_id}", "ha://area/{area}"} <= templates
    [content] = await ro_ha.read_resource("ha://entity/light.kitchen_lights")
    assert isinstance(content, TextResourceContents)
    entity = json.loads(content.text)
    assert entity["entity_id"] == "light.kitchen_lights" and entity["name"] == "Kitchen Lights"
    [content] = await ro_ha.read_resource("ha://area/Kitchen")
    assert isinstance(content, TextResourceContents)
    area = json.loads(content.text)
    assert area["area_id"] == "kitchen" and area["entity_count"] == len(area["entities"])
    with pytest.raises(MCPError, match=r"no entity light\.nope"):
        await ro_ha.read_resource("ha://entity/light.nope")
    with pytest.raises(MCPError, match="no area 'attic'"):
        await ro_ha.read_resource("ha://area/attic")


async def test_area_resource_lists_the_entities_placed_there(
    ro_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    move = {"type": "config/entity_registry/update", "entity_id": "light.ceiling_lights"}
    ha_peer.ws_command({**move, "area_id": "bedroom"})
    try:
        [content] = await ro_ha.read_resource("ha://area/bedroom")
        assert isinstance(content, TextResourceContents)
        area = json.loads(content.text)
        assert "light.ceiling_lights" in {e["entity_id"] for e in area["entities"]}
    finally:
        ha_peer.ws_command({**move, "area_id": None})


async def test_prompts_for_common_tasks(ro_ha: Client[Any]) -> None:
    names = {p.name for p in await ro_ha.list_prompts()}
    assert {"create_automation", "find_energy_hogs", "tidy_naming", "troubleshoot_entity"} <= names
    tools = {t.name for t in await ro_ha.list_tools()}
    checks = {
        "create_automation": ({"goal": "porch light on at sunset"}, "porch light on at sunset"),
        "find_energy_hogs": ({"period": "-30d"}, "start=-30d"),
        "tidy_naming": ({"area": "Kitchen"}, "in the area Kitchen"),
        "troubleshoot_entity": ({"entity_id": "light.bed_light"}, "light.bed_light"),
    }
    for name, (args, expected) in checks.items():
        result = await ro_ha.get_prompt(name, args)
        text = result.messages[0].content.text  # type: ignore[union-attr]
        assert expected in text
        # every tool a prompt names exists on this server (read tools: the default mode)
        named = {w.strip("(.,;:'") for w in text.replace("(", " ").split() if "_" in w}
        assert {w for w in named if w in tools or w.startswith(("get_", "list_", "search_"))} <= (
            tools
        ), name
    with pytest.raises(MCPError):  # an id in the wrong form is refused, as in the tools
        await ro_ha.get_prompt("troubleshoot_entity", {"entity_id": "Bed Light"})
