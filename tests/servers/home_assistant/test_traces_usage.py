"""Traces ("why did it (not) run?") and usage search ("what turns on the bed light?") on the
real Home Assistant, with automations and a script saved through its config API for the test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.config_helpers import remove, rest, states, until
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer

BED = "light.bed_light"
GUEST = "input_boolean.guest_mode"
GUARDED = {
    "alias": "Trace guarded",
    "triggers": [{"trigger": "state", "entity_id": "input_boolean.guest_mode", "to": "on"}],
    "conditions": [{"condition": "state", "entity_id": BED, "state": "on"}],
    "actions": [
        {"action": "light.turn_on", "target": {"entity_id": BED}},
        {
            "action": "input_number.set_value",
            "target": {"entity_id": "input_number.target_brightness"},
            "data": {"value": 1000},  # above its max of 100: this step fails
        },
    ],
}


def save(peer: HomeAssistantPeer, kind: str, item_id: str, config: dict[str, Any]) -> None:
    assert rest(peer, "POST", f"/api/config/{kind}/config/{item_id}", config).is_success
    if kind == "script":
        until(lambda: f"script.{item_id}" in states(peer), f"script.{item_id}")
    else:
        until(
            lambda: any(s["attributes"].get("id") == item_id for s in states(peer).values()),
            f"{kind} {item_id}",
        )


def runs(peer: HomeAssistantPeer, item_id: str) -> int:
    listed = peer.ws_command({"type": "trace/list", "domain": "automation", "item_id": item_id})
    return len(listed)


def switch(peer: HomeAssistantPeer, entity_id: str, service: str) -> None:
    domain = entity_id.split(".")[0]
    peer.ws_command(
        {
            "type": "call_service",
            "domain": domain,
            "service": service,
            "target": {"entity_id": entity_id},
        }
    )
    wanted = service.removeprefix("turn_")
    until(lambda: states(peer)[entity_id]["state"] == wanted, f"{entity_id} {wanted}")


def trigger(peer: HomeAssistantPeer) -> None:
    """Guest mode on (the automation's trigger), then off again as the demo has it (off first:
    another test may have left it on, and then turning it on would trigger nothing)."""
    switch(peer, GUEST, "turn_off")
    switch(peer, GUEST, "turn_on")
    switch(peer, GUEST, "turn_off")


@pytest.fixture
def guarded(ha_peer: HomeAssistantPeer) -> Iterator[str]:
    save(ha_peer, "automation", "trace_guarded", GUARDED)
    try:
        yield "automation.trace_guarded"
    finally:
        remove(ha_peer, "automation", "trace_guarded")
        switch(ha_peer, BED, "turn_off")


async def test_traces_say_which_condition_failed_and_which_step(
    ro_ha: Client[Any], ha_peer: HomeAssistantPeer, guarded: str
) -> None:
    assert states(ha_peer)[BED]["state"] == "off"
    trigger(ha_peer)  # the bed light is off: the condition fails
    until(lambda: runs(ha_peer, "trace_guarded") == 1, "the first trace")
    switch(ha_peer, BED, "turn_on")
    trigger(ha_peer)  # the condition passes; the second action fails
    until(lambda: runs(ha_peer, "trace_guarded") == 2, "the second trace")

    traces = await call(ro_ha, "get_traces", entity_id=guarded, runs=5)
    assert traces["stored"] == 2
    latest, first = traces["runs"]
    assert first["outcome"] == "failed_conditions"
    assert first["conditions"] == [
        {"path": "condition/0", "passed": False, "detail": "state=off, wanted_state=on"}
    ]
    assert "failed_step" not in first and "error" not in first
    assert latest["outcome"] == "error"
    assert latest["conditions"][0]["passed"] is True
    assert latest["failed_step"] == "action/1"
    assert "1000" in latest["error"] or "maximum" in latest["error"].lower()
    assert latest["started"] >= first["started"]
    assert latest["trigger"] == first["trigger"] == "state of input_boolean.guest_mode"

    only = await call(ro_ha, "get_traces", entity_id=guarded, runs=1)
    assert [r["run_id"] for r in only["runs"]] == [latest["run_id"]]


async def test_script_traces(ro_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    """A script from YAML (the key is its object id) run once: a finished run with its step."""

    def script_runs() -> int:
        query = {"type": "trace/list", "domain": "script", "item_id": "bed_light_on"}
        return len(ha_peer.ws_command(query))

    before = script_runs()
    ha_peer.ws_command({"type": "call_service", "domain": "script", "service": "bed_light_on"})
    try:
        until(lambda: script_runs() == before + 1, "the script's trace")
        traces = await call(ro_ha, "get_traces", entity_id="script.bed_light_on", runs=1)
        run = traces["runs"][0]
        assert traces["stored"] == before + 1
        assert run["outcome"] == "finished" and run["steps"] == 1
        assert run["last_step"] == "sequence/0"
        assert run["trigger"].startswith("started by a service call")
    finally:
        switch(ha_peer, BED, "turn_off")


async def test_traces_need_an_automation_or_script(ro_ha: Client[Any]) -> None:
    with pytest.raises(ToolError, match=r"automation\.\* or script\.\* entity"):
        await ro_ha.call_tool("get_traces", {"entity_id": BED})


async def test_what_turns_on_the_bed_light(ro_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    on_by_area = {
        "alias": "Use area on",
        "triggers": [{"trigger": "state", "entity_id": "input_boolean.guest_mode", "to": "on"}],
        "actions": [{"action": "light.turn_on", "target": {"area_id": "bedroom"}}],
    }
    off = {
        **on_by_area,
        "alias": "Use off",
        "actions": [{"action": "light.turn_off", "target": {"entity_id": BED}}],
    }
    toggle_script = {
        "alias": "Use toggle",
        "sequence": [{"action": "light.toggle", "data": {"entity_id": BED}}],
    }
    runs_script = {
        **on_by_area,
        "alias": "Use runs script",
        "actions": [{"action": "script.use_toggle"}],
    }
    area = ha_peer.ws_command({"type": "config/entity_registry/get", "entity_id": BED})["area_id"]
    ha_peer.ws_command(
        {"type": "config/entity_registry/update", "entity_id": BED, "area_id": "bedroom"}
    )
    try:
        save(ha_peer, "automation", "use_area_on", on_by_area)
        save(ha_peer, "automation", "use_off", off)
        save(ha_peer, "script", "use_toggle", toggle_script)
        save(ha_peer, "automation", "use_runs_script", runs_script)

        turns_on = await call(ro_ha, "find_usage", entity_id=BED, effect="turns_on")
        how = {u["entity_id"]: u.get("how") for u in turns_on["items"]}
        assert how["automation.use_area_on"] == "actions[0]: light.turn_on (through area bedroom)"
        assert how["script.use_toggle"] == "sequence[0]: light.toggle"
        assert (
            how["automation.use_runs_script"] == "actions[0]: runs script.use_toggle, which does it"
        )
        assert how["script.bed_light_on"] == "sequence[0]: light.turn_on"  # from YAML
        assert "automation.use_off" not in how
        assert how["scene.movie_night"] == "sets it (stored state not readable)"

        turns_off = await call(ro_ha, "find_usage", entity_id=BED, effect="turns_off")
        off_names = {u["entity_id"] for u in turns_off["items"]}
        assert {"automation.use_off", "script.use_toggle"} <= off_names
        assert "automation.use_area_on" not in off_names

        used = await call(ro_ha, "find_usage", entity_id=BED, limit=2)
        everything = await call(ro_ha, "find_usage", entity_id=BED, limit=50)
        names = {u["entity_id"] for u in everything["items"]}
        assert {"automation.use_off", "script.use_toggle", "scene.movie_night"} <= names
        assert used["total"] == everything["total"] and used["truncated"] is True
    finally:
        ha_peer.ws_command(
            {"type": "config/entity_registry/update", "entity_id": BED, "area_id": area}
        )
        for kind, item_id in (
            ("automation", "use_area_on"),
            ("automation", "use_off"),
            ("automation", "use_runs_script"),
            ("script", "use_toggle"),
        ):
            remove(ha_peer, kind, item_id)
