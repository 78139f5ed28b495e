"""The safety rules without Home Assistant: target expansion (groups, scenes, areas, floors,
labels, ids inside data), id validation, and the default-deny judgement. The states and registry
records are in Home Assistant's shapes; the end-to-end proof is tests/security against the peer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastmcp.exceptions import ToolError

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.chains import _risk
from home_assistant_mcp.safety import Policy, judge
from home_assistant_mcp.targets import data_references, normal_target, reach

STATES: dict[str, dict[str, Any]] = {
    "lock.front_door": {"state": "locked", "attributes": {"friendly_name": "Front Door"}},
    "alarm_control_panel.security": {"state": "armed_away", "attributes": {}},
    "cover.garage_door": {"state": "closed", "attributes": {"device_class": "garage"}},
    "cover.blind": {"state": "closed", "attributes": {"device_class": "blind"}},
    "cover.unclassified": {"state": "closed", "attributes": {}},
    "light.bed": {"state": "off", "attributes": {}},
    "light.desk": {"state": "off", "attributes": {}},
    "light.all": {"state": "off", "attributes": {"entity_id": ["light.bed", "light.desk"]}},
    "cover.blinds": {"state": "closed", "attributes": {"entity_id": ["cover.blind"]}},
    "cover.all": {
        "state": "closed",
        "attributes": {"entity_id": ["cover.blind", "cover.garage_door"]},
    },
    "group.innocent": {"state": "off", "attributes": {"entity_id": ["light.bed", "group.inner"]}},
    "group.inner": {"state": "closed", "attributes": {"entity_id": ["cover.garage_door"]}},
    "scene.evening": {
        "state": "unknown",
        "attributes": {"entity_id": ["light.bed", "lock.front_door"]},
    },
    "scene.lights": {"state": "unknown", "attributes": {"entity_id": ["light.bed"]}},
    "script.bed": {"state": "off", "attributes": {}},
    "switch.relay": {"state": "off", "attributes": {}},
}
CATALOG = Catalog(
    areas={
        "hall": {"area_id": "hall", "floor_id": "ground", "labels": []},
        "attic": {"area_id": "attic", "floor_id": "top", "labels": ["night"]},
    },
    floors={"ground": {"floor_id": "ground"}, "top": {"floor_id": "top"}},
    labels={"night": {"label_id": "night"}, "outside": {"label_id": "outside"}},
    devices={"d1": {"id": "d1", "area_id": "hall", "labels": []}},
    entities={
        "cover.garage_door": {"entity_id": "cover.garage_door", "device_id": "d1"},
        "light.bed": {"entity_id": "light.bed", "area_id": "attic"},
        "lock.front_door": {"entity_id": "lock.front_door", "labels": ["outside"]},
    },
)


NO_LISTS = Policy()


def verdict(
    domain: str,
    service: str,
    target: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    policy: Policy = NO_LISTS,
) -> str | None:
    """The destructive tool the call is sent to, or None for a plain write."""
    normal = normal_target(target or {})
    in_data = data_references(data or {})
    effects = reach(domain, service, normal, STATES, CATALOG, in_data)
    found = judge(f"{domain}.{service}", data or {}, effects, STATES, policy)
    return found.tool if found else None


@pytest.mark.parametrize(
    ("domain", "service", "target", "data", "tool"),
    [
        # direct, as before
        ("lock", "unlock", {"entity_id": "lock.front_door"}, None, "unlock"),
        ("lock", "lock", {"entity_id": "lock.front_door"}, None, None),
        ("cover", "open_cover", {"entity_id": "cover.garage_door"}, None, "open_cover"),
        ("cover", "open_cover", {"entity_id": "cover.blind"}, None, None),
        ("cover", "open_cover", {"entity_id": "cover.unclassified"}, None, "open_cover"),
        ("cover", "set_cover_position", {"entity_id": "cover.garage_door"}, {"position": 0}, None),
        (
            "cover",
            "set_cover_position",
            {"entity_id": "cover.garage_door"},
            {"position": 5},
            "open_cover",
        ),
        ("light", "turn_on", {"entity_id": ["light.bed"]}, None, None),
        ("homeassistant", "turn_on", {"entity_id": ["light.bed"]}, None, None),
        # groups: old-style (nested) and platform groups forward to their members
        ("homeassistant", "toggle", {"entity_id": "group.innocent"}, None, "open_cover"),
        ("cover", "open_cover", {"entity_id": "cover.all"}, None, "open_cover"),
        ("cover", "close_cover", {"entity_id": "cover.all"}, None, None),
        ("cover", "open_cover", {"entity_id": "cover.blinds"}, None, None),
        ("light", "turn_on", {"entity_id": "light.all"}, None, None),
        ("light", "turn_on", {"entity_id": "group.innocent"}, None, None),  # HA skips non-lights
        # scenes, scripts, automations, free text: not confined, so destructive
        ("scene", "turn_on", {"entity_id": "scene.lights"}, None, "activate_scene"),
        (
            "homeassistant",
            "turn_on",
            {"entity_id": "scene.evening"},
            None,
            "activate_scene",
        ),
        ("homeassistant", "turn_on", {"entity_id": "script.bed"}, None, "run_script"),
        (
            "scene",
            "apply",
            None,
            {"entities": {"lock.front_door": "unlocked"}},
            "call_sensitive_service",
        ),
        ("conversation", "process", None, {"text": "open the garage"}, "call_sensitive_service"),
        ("button", "press", {"entity_id": "switch.relay"}, None, "call_sensitive_service"),
        (
            "group",
            "set",
            None,
            {"object_id": "x", "entities": ["cover.garage_door"]},
            "call_sensitive_service",
        ),
        ("automation", "trigger", None, None, "trigger_automation"),
        ("made_up", "thing", None, None, "call_sensitive_service"),
        # areas, devices, floors, labels (fresh registries), and "all"
        ("cover", "open_cover", {"area_id": "hall"}, None, "open_cover"),
        ("cover", "open_cover", {"floor_id": "ground"}, None, "open_cover"),
        ("light", "turn_on", {"area_id": "hall"}, None, None),
        ("homeassistant", "toggle", {"device_id": "d1"}, None, "open_cover"),
        ("homeassistant", "turn_off", {"label_id": "outside"}, None, "call_sensitive_service"),
        ("light", "turn_on", {"label_id": "night"}, None, None),
        ("cover", "open_cover", {"entity_id": "all"}, None, "open_cover"),
        (
            "alarm_control_panel",
            "alarm_trigger",
            {"entity_id": "alarm_control_panel.security"},
            None,
            "call_sensitive_service",
        ),
    ],
)
def test_judgement(
    domain: str,
    service: str,
    target: dict[str, Any] | None,
    data: dict[str, Any] | None,
    tool: str | None,
) -> None:
    assert verdict(domain, service, target, data) == tool


def test_the_operator_lists() -> None:
    safe = Policy(safe=("script.bed", "scene.turn_on", "button.*"))
    assert verdict("script", "turn_on", {"entity_id": "script.bed"}, policy=safe) is None
    assert verdict("scene", "turn_on", {"entity_id": "scene.lights"}, policy=safe) is None
    # vouching for a service never lets it reach a lock, alarm or door
    assert verdict("scene", "turn_on", {"entity_id": "scene.evening"}, policy=safe)
    assert verdict("lock", "unlock", {"entity_id": "lock.front_door"}, policy=safe) == "unlock"
    sensitive = Policy(sensitive=("switch.relay", "input_boolean.*"))
    assert verdict("switch", "turn_on", {"entity_id": "switch.relay"}, policy=sensitive)
    assert verdict("homeassistant", "turn_on", {"entity_id": "switch.relay"}, policy=sensitive)
    assert verdict("input_boolean", "turn_on", None, policy=sensitive)


def test_unresolved_targets_are_destructive() -> None:
    found = judge("light.turn_on", {}, [], STATES, Policy(), unresolved=True)
    assert found and "could not be expanded" in found.reason


def test_the_preview_path_names_how_an_entity_is_reached() -> None:
    effects = reach("homeassistant", "toggle", {"entity_id": ["group.innocent"]}, STATES, None)
    by_id = {e.entity_id: e for e in effects}
    assert by_id["cover.garage_door"].via == "group group.inner"
    assert by_id["cover.garage_door"].service == "cover.toggle"
    found = judge("homeassistant.toggle", {}, effects, STATES, Policy())
    assert found and found.reason == "opens cover.garage_door (through group group.inner)"


@pytest.mark.parametrize(
    "target",
    [
        {"entity_id": "light.bed/../../error_log"},
        {"entity_id": "light.bed,lock.front_door"},
        {"entity_id": "LOCK.FRONT_DOOR"},
        {"entity_id": " lock.front_door"},
        {"entity_id": "lock.front_door\n"},
        {"entity_id": []},
        {"area_id": "../hall"},
        {"device_id": {"id": "d1"}},
    ],
)
def test_malformed_ids_are_refused(target: dict[str, Any]) -> None:
    with pytest.raises(ToolError, match=r"not an|must be"):
        normal_target(target)


@pytest.mark.parametrize(
    "data",
    [
        {"variables": {"entity_id": "lock.front_door/../x"}},
        {"entities": {"Lock.Front_Door": "unlocked"}},
        {"snapshot_entities": ["lock.front_door", "x"]},
        {"media_player_entity_id": "media_player.a,lock.front_door"},
        {"message": "{{ states('lock.front_door') }}"},
        {"nested": [{"text": "{% if true %}x{% endif %}"}]},
    ],
)
def test_ids_and_templates_inside_data_are_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ToolError):
        data_references(data)


def test_ids_inside_data_are_reached() -> None:
    refs = data_references({"entities": {"lock.front_door": {"state": "unlocked"}}, "x": 1})
    assert refs == {"lock.front_door": "data.entities"}
    effects = reach("scene", "apply", {}, STATES, None, refs)
    found = judge("scene.apply", {}, effects, STATES, Policy(safe=("scene.apply",)))
    assert found and "Front Door (lock.front_door) (through data.entities)" in found.reason


SERVICES = {"lock": {"unlock": {}, "lock": {}}, "light": {"turn_on": {}}, "script": {"bed": {}}}


@pytest.mark.parametrize(
    ("actions", "risk"),
    [
        ([{"action": "light.turn_on", "target": {"entity_id": "light.bed"}}], None),
        # naming a lock at all counts: the text does not say what is done to it
        ([{"action": "lock.lock", "target": {"entity_id": "lock.front_door"}}], "acts on"),
        ([{"action": "lock.unlock", "target": {"entity_id": "light.bed"}}], "runs lock.unlock"),
        ([{"service": "script.bed"}], "runs script.bed"),
        ([{"action": "light.turn_on", "data": {"x": "cover.garage_door"}}], "acts on"),
        (
            [{"if": [], "then": [{"device_id": "abc", "domain": "lock", "type": "unlock"}]}],
            "device",
        ),
        ([{"action": "light.{{ 'turn_on' }}"}], "template"),
    ],
)
def test_what_an_automation_does(actions: list[dict[str, Any]], risk: str | None) -> None:
    found = _risk(json.dumps(actions), STATES, SERVICES, NO_LISTS)
    if risk is None:
        assert found is None
    else:
        assert found is not None and risk in found
