"""Config authoring on the real Home Assistant: create, partial edit, optimistic concurrency,
Home Assistant's own validation, the mistake check, and the destructive class for configs that
could unlock, disarm or open. Every test removes what it created."""

from __future__ import annotations

from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from home_assistant_mcp.config_edit import apply_edits
from homelab_shared.toolbox import ConfirmationRequired
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.config_helpers import (
    remove,
    remove_entry,
    remove_helper,
    rest,
    states,
    stored,
)
from tests.servers.home_assistant.conftest import call

pytestmark = pytest.mark.peer

PORCH = {
    "alias": "Cfg porch",
    "triggers": [{"trigger": "state", "entity_id": "input_boolean.guest_mode", "to": "on"}],
    "conditions": [{"condition": "state", "entity_id": "light.bed_light", "state": "off"}],
    "actions": [{"action": "light.turn_on", "target": {"entity_id": "light.bed_light"}}],
}


async def test_create_then_edit_one_trigger(rw_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    try:
        saved = await call(rw_ha, "save_config_item", kind="automation", config=PORCH)
        assert saved["created"] is True
        assert saved["id"] == "cfg_porch" and saved["entity_id"] == "automation.cfg_porch"
        assert states(ha_peer)["automation.cfg_porch"]["state"] == "on"

        item = await call(rw_ha, "get_config_item", kind="automation", id="automation.cfg_porch")
        assert item["hash"] == saved["hash"]
        assert item["config"]["actions"] == PORCH["actions"]

        edited = await call(
            rw_ha,
            "save_config_item",
            kind="automation",
            id="cfg_porch",
            changes={"triggers[0].to": "off", "conditions": None},
            base_hash=item["hash"],
        )
        assert edited["created"] is False and edited["hash"] != item["hash"]
        now = stored(ha_peer, "automation", "cfg_porch")
        assert now is not None
        assert now["triggers"] == [{**PORCH["triggers"][0], "to": "off"}]
        assert "conditions" not in now
        assert now["actions"] == PORCH["actions"] and now["alias"] == "Cfg porch"
        # Home Assistant runs the new version (reloaded before the tool answered)
        loaded = ha_peer.ws_command(
            {"type": "automation/config", "entity_id": "automation.cfg_porch"}
        )
        assert loaded["config"]["triggers"][0]["to"] == "off"
    finally:
        remove(ha_peer, "automation", "cfg_porch")


async def test_an_edit_made_meanwhile_is_not_overwritten(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    try:
        await call(rw_ha, "save_config_item", kind="automation", id="cfg_race", config=PORCH)
        item = await call(rw_ha, "get_config_item", kind="automation", id="cfg_race")
        # someone edits it in the UI between our read and our update
        theirs = {**item["config"], "description": "edited in the UI"}
        assert rest(ha_peer, "POST", "/api/config/automation/config/cfg_race", theirs).is_success
        with pytest.raises(ToolError, match="changed since it was read"):
            await rw_ha.call_tool(
                "save_config_item",
                {
                    "kind": "automation",
                    "id": "cfg_race",
                    "changes": {"alias": "Mine"},
                    "base_hash": item["hash"],
                },
            )
        with pytest.raises(ToolError, match="pass base_hash"):
            await rw_ha.call_tool(
                "save_config_item", {"kind": "automation", "id": "cfg_race", "config": PORCH}
            )
        kept = stored(ha_peer, "automation", "cfg_race")
        assert kept is not None and kept["description"] == "edited in the UI"
        assert kept["alias"] == "Cfg porch"
    finally:
        remove(ha_peer, "automation", "cfg_race")


async def test_home_assistant_validation_and_the_mistake_check_block_a_save(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    bad_trigger = {**PORCH, "alias": "Cfg bad", "triggers": [{"trigger": "no_such_trigger"}]}
    with pytest.raises(ToolError, match=r"triggers: .*no_such_trigger"):
        await rw_ha.call_tool("save_config_item", {"kind": "automation", "config": bad_trigger})
    typo = {
        **PORCH,
        "alias": "Cfg typo",
        "actions": [
            {"action": "light.turn_on", "target": {"entity_id": "light.bed_lihgt"}},
            {"action": "light.turn_onn", "target": {"entity_id": "light.bed_light"}},
        ],
    }
    with pytest.raises(ToolError) as refused:
        await rw_ha.call_tool("save_config_item", {"kind": "automation", "config": typo})
    text = str(refused.value)
    assert "actions[0].target.entity_id: no entity light.bed_lihgt" in text
    assert "actions[1]: no action (service) light.turn_onn" in text
    assert stored(ha_peer, "automation", "cfg_typo") is None
    assert stored(ha_peer, "automation", "cfg_bad") is None
    # what Home Assistant itself refuses on POST comes back as its message, nothing saved
    bad_mode = {**PORCH, "alias": "Cfg mode", "mode": "sometimes"}
    with pytest.raises(ToolError) as refused:
        await rw_ha.call_tool("save_config_item", {"kind": "automation", "config": bad_mode})
    assert str(refused.value).startswith(
        "Home Assistant rejected this automation, nothing was saved: value must be one of"
    )
    assert "data['mode']" in str(refused.value) and "HTTP 400" not in str(refused.value)
    assert stored(ha_peer, "automation", "cfg_mode") is None
    with pytest.raises(ToolError, match=r"rejected this input_number, nothing was saved.*max"):
        await rw_ha.call_tool(
            "save_config_item", {"kind": "input_number", "config": {"name": "Cfg n", "min": 0}}
        )


async def test_check_reports_old_syntax_with_where(rw_ha: Client[Any]) -> None:
    old = {
        "trigger": [{"platform": "state", "entity_id": "input_boolean.guest_mode"}],
        "action": [
            {"service": "light.turn_on", "data_template": {"entity_id": "light.bed_light"}},
            {"service": "script.no_such_script"},
        ],
    }
    report = await call(rw_ha, "check_config_item", kind="automation", config=old)
    issues = {(i["path"], i["severity"]) for i in report["issues"]}
    assert report["ok"] is False
    assert {
        ("trigger", "warning"),
        ("action", "warning"),
        ("trigger[0].platform", "warning"),
        ("action[0].service", "warning"),
        ("action[0].data_template", "warning"),
        ("action[1]", "error"),
    } <= issues
    assert "script.no_such_script" in report["needs_confirmation"]
    clean = await call(rw_ha, "check_config_item", kind="automation", config=PORCH)
    assert clean == {"ok": True, "issues": []}


async def test_an_automation_that_unlocks_is_destructive(
    rw_ha: Client[Any], ha_peer: HomeAssistantPeer
) -> None:
    unlocking = {
        **PORCH,
        "alias": "Cfg unlock",
        "actions": [
            {
                "if": [{"condition": "state", "entity_id": "light.bed_light", "state": "on"}],
                "then": [{"action": "lock.unlock", "target": {"entity_id": "lock.front_door"}}],
            }
        ],
    }
    args = {"kind": "automation", "config": unlocking}
    with pytest.raises(ToolError, match=r"actions\[0\]\.then\[0\] unlocks Front Door"):
        await rw_ha.call_tool("save_config_item", args)
    assert stored(ha_peer, "automation", "cfg_unlock") is None
    first = ConfirmationRequired.model_validate(
        await call(rw_ha, "save_sensitive_config_item", **args)
    )
    assert "Create automation 'Cfg unlock'" in first.preview and "unlocks" in first.preview
    assert stored(ha_peer, "automation", "cfg_unlock") is None
    try:
        done = await call(
            rw_ha, "save_sensitive_config_item", **args, confirm_token=first.confirm_token
        )
        assert done["entity_id"] == "automation.cfg_unlock"
        assert states(ha_peer)["lock.front_door"]["state"] == "locked"  # saved, not run
        preview = ConfirmationRequired.model_validate(
            await call(rw_ha, "delete_config_item", kind="automation", id="cfg_unlock")
        )
        assert "Delete automation 'Cfg unlock' (automation.cfg_unlock)" in preview.preview
        gone = await call(
            rw_ha,
            "delete_config_item",
            kind="automation",
            id="cfg_unlock",
            confirm_token=preview.confirm_token,
        )
        assert gone["entity_id"] == "automation.cfg_unlock"
        assert stored(ha_peer, "automation", "cfg_unlock") is None
        assert "automation.cfg_unlock" not in states(ha_peer)
    finally:
        remove(ha_peer, "automation", "cfg_unlock")


async def test_scripts_and_scenes(rw_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    script = {
        "alias": "Cfg lights",
        "sequence": [{"action": "light.turn_off", "target": {"entity_id": "light.bed_light"}}],
    }
    scene = {
        "name": "Cfg calm",
        "entities": {"light.bed_light": "off", "lock.front_door": "locked"},
    }
    try:
        s = await call(rw_ha, "save_config_item", kind="script", config=script)
        assert s["entity_id"] == "script.cfg_lights"
        sc = await call(rw_ha, "save_config_item", kind="scene", config=scene)
        assert sc["entity_id"] == "scene.cfg_calm"  # storing a lock as locked is a write
        opening = {**scene, "entities": {"cover.garage_door": "open"}}
        with pytest.raises(ToolError, match=r"sets Garage Door \(cover.garage_door\) to open"):
            await rw_ha.call_tool(
                "save_config_item",
                {"kind": "scene", "id": "cfg_calm", "config": opening, "base_hash": sc["hash"]},
            )
        assert stored(ha_peer, "scene", "cfg_calm")["entities"] == scene["entities"]  # type: ignore[index]
    finally:
        remove(ha_peer, "script", "cfg_lights")
        remove(ha_peer, "scene", "cfg_calm")


async def test_helpers_and_groups(rw_ha: Client[Any], ha_peer: HomeAssistantPeer) -> None:
    created: list[tuple[str, str]] = []
    entry = None
    try:
        made = await call(
            rw_ha,
            "save_config_item",
            kind="input_number",
            config={"name": "Cfg level", "min": 0, "max": 10},
        )
        created.append(("input_number", made["id"]))
        assert made["entity_id"] == "input_number.cfg_level"
        item = await call(
            rw_ha, "get_config_item", kind="input_number", id="input_number.cfg_level"
        )
        await call(
            rw_ha,
            "save_config_item",
            kind="input_number",
            id="input_number.cfg_level",
            changes={"max": 20},
            base_hash=item["hash"],
        )
        listed = ha_peer.ws_command({"type": "input_number/list"})
        mine = next(i for i in listed if i["id"] == made["id"])
        assert mine["max"] == 20 and mine["min"] == 0 and mine["name"] == "Cfg level"

        timer = await call(
            rw_ha,
            "save_config_item",
            kind="timer",
            config={"name": "Cfg tea", "duration": "00:03:00"},
        )
        created.append(("timer", timer["id"]))
        assert states(ha_peer)["timer.cfg_tea"]["attributes"]["duration"] == "0:03:00"

        group = {"group_type": "switch", "name": "Cfg plugs", "entities": ["switch.ac"]}
        g = await call(rw_ha, "save_config_item", kind="group", config=group)
        entry = g["id"]
        assert g["entity_id"] == "switch.cfg_plugs"
        assert states(ha_peer)["switch.cfg_plugs"]["attributes"]["entity_id"] == ["switch.ac"]
        item = await call(rw_ha, "get_config_item", kind="group", id="switch.cfg_plugs")
        await call(
            rw_ha,
            "save_config_item",
            kind="group",
            id="switch.cfg_plugs",
            changes={"entities[1]": "switch.decorative_lights"},
            base_hash=item["hash"],
        )
        members = states(ha_peer)["switch.cfg_plugs"]["attributes"]["entity_id"]
        assert members == ["switch.ac", "switch.decorative_lights"]

        locks = {"group_type": "lock", "name": "Cfg doors", "entities": ["lock.front_door"]}
        with pytest.raises(ToolError, match="members include Front Door"):
            await rw_ha.call_tool("save_config_item", {"kind": "group", "config": locks})
        assert "lock.cfg_doors" not in states(ha_peer)

        preview = ConfirmationRequired.model_validate(
            await call(rw_ha, "delete_config_item", kind="timer", id="timer.cfg_tea")
        )
        await call(
            rw_ha,
            "delete_config_item",
            kind="timer",
            id="timer.cfg_tea",
            confirm_token=preview.confirm_token,
        )
        assert "timer.cfg_tea" not in states(ha_peer)
    finally:
        for kind, item_id in created:
            remove_helper(ha_peer, kind, item_id)
        if entry:
            remove_entry(ha_peer, entry)


async def test_yaml_items_are_read_only_and_writes_need_enabling(
    ro_ha: Client[Any], rw_ha: Client[Any]
) -> None:
    with pytest.raises(ToolError, match="defined in Home Assistant's YAML"):
        await rw_ha.call_tool(
            "get_config_item", {"kind": "automation", "id": "automation.guest_mode_lights"}
        )
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE"):
        await ro_ha.call_tool("save_config_item", {"kind": "automation", "config": PORCH})
    names = {t.name for t in await ro_ha.list_tools()}
    assert {"get_config_item", "check_config_item"} <= names
    assert "save_config_item" not in names


def test_partial_edit_paths() -> None:
    config = {"triggers": [{"to": "on"}, {"to": "off"}], "actions": [1, 2, 3]}
    edited = apply_edits(
        config,
        {"triggers[1].for": "00:01:00", "actions[0]": None, "actions[2]": None, "alias": "x"},
    )
    assert edited == {
        "triggers": [{"to": "on"}, {"to": "off", "for": "00:01:00"}],
        "actions": [2],
        "alias": "x",
    }
    assert config["actions"] == [1, 2, 3]  # the stored copy is untouched
    with pytest.raises(ToolError, match=r"the list has 3 items"):
        apply_edits(config, {"actions[5]": 1})
    with pytest.raises(ToolError, match="not a config path"):
        apply_edits(config, {"actions..x": 1})
