"""Attack cases against the Home Assistant server, as data (the runner is
test_home_assistant_attacks.py). Each case is what an attacker holding an MCP client would try in
order to unlock, disarm or open something without a confirmation: a sequence of tool calls, with
arrangements made directly on Home Assistant in between (what another user or an automation could
have done). A new indirect path is one more entry here.

``$name`` strings in arguments are filled in at run time from the peer (e.g. a device id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Expect = Literal["refused", "preview", "ok"]


@dataclass(frozen=True)
class Step:
    """One MCP tool call and what must come back: a refusal (ToolError), a confirmation preview
    (nothing done), or for a benign call that must stay benign, a normal answer."""

    tool: str
    args: dict[str, Any] = field(default_factory=dict)
    expect: Expect = "refused"
    match: str | None = None  # a regex the refusal or preview must contain


@dataclass(frozen=True)
class Direct:
    """A change made on Home Assistant itself (WebSocket command), not through the server."""

    message: dict[str, Any]


@dataclass(frozen=True)
class Attack:
    name: str
    steps: tuple[Step | Direct, ...]
    # write: HA_ALLOW_WRITE only (what most owners run); destructive: both on, but no token.
    mode: Literal["write", "destructive"] = "write"
    undo: tuple[Direct, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)  # e.g. the operator's lists


def cs(
    domain: str, service: str, expect: Expect = "refused", match: str | None = None, **kw: Any
) -> Step:
    """A call_service step."""
    return Step("call_service", {"domain": domain, "service": service, **kw}, expect, match)


def ws_service(domain: str, service: str, **data: Any) -> Direct:
    return Direct(
        {"type": "call_service", "domain": domain, "service": service, "service_data": data}
    )


def move(entity_id: str, area_id: str | None) -> Direct:
    return Direct(
        {"type": "config/entity_registry/update", "entity_id": entity_id, "area_id": area_id}
    )


def save(kind: str, config: dict[str, Any], match: str | None = None) -> Step:
    """A save_config_item step (config authoring): refused, nothing saved."""
    return Step("save_config_item", {"kind": kind, "config": config}, "refused", match)


def automation(name: str, *actions: dict[str, Any]) -> dict[str, Any]:
    """An automation triggered by guest mode whose actions are ``actions``."""
    trigger = {"trigger": "state", "entity_id": "input_boolean.guest_mode", "to": "on"}
    return {"alias": name, "triggers": [trigger], "actions": list(actions)}


def act(service: str, **target: Any) -> dict[str, Any]:
    return {"action": service, "target": target}


GARAGE = "cover.garage_door"
FRONT = "lock.front_door"
OPENABLE = "lock.openable_lock"
ALARM = "alarm_control_panel.security"
NOT_CONFINED = "not on the list of services"
SAY_OPEN = "Hey Google, open the garage door"

ATTACKS: list[Attack] = [
    # 1. scenes
    Attack(
        "scene.apply unlocks",
        (cs("scene", "apply", data={"entities": {FRONT: "unlocked"}}, match=NOT_CONFINED),),
    ),
    Attack(
        "scene.apply opens the garage", (cs("scene", "apply", data={"entities": {GARAGE: "open"}}),)
    ),
    Attack("scene.apply unlatches", (cs("scene", "apply", data={"entities": {OPENABLE: "open"}}),)),
    Attack("scene.apply disarms", (cs("scene", "apply", data={"entities": {ALARM: "disarmed"}}),)),
    Attack(
        "scene.create then activate it",
        (
            cs("scene", "create", data={"scene_id": "mine", "entities": {FRONT: "unlocked"}}),
            Step("activate_scene", {"entity_id": "scene.evil"}, match="disabled"),
            cs("homeassistant", "turn_on", entity_ids=["scene.evil"], match="changes Front Door"),
            cs("scene", "turn_on", entity_ids=["scene.evil"], match="activate_scene"),
            Step("turn_on", {"entity_ids": ["scene.evil"]}, match="activate_scene"),
        ),
    ),
    Attack(
        "scene preview without a token lists what it sets",
        (
            Step(
                "activate_scene",
                {"entity_id": "scene.evil"},
                "preview",
                r"Front Door \(lock.front_door\) now locked",
            ),
        ),
        mode="destructive",
    ),
    # 2. groups, old-style and platform groups
    Attack(
        "group.set then toggle the group",
        (
            cs(
                "group", "set", data={"object_id": "mine", "entities": [GARAGE]}, match=NOT_CONFINED
            ),
            ws_service("group", "set", object_id="innocent", entities=[GARAGE]),
            cs("homeassistant", "toggle", entity_ids=["group.innocent"], match="opens Garage Door"),
            cs("homeassistant", "turn_on", data={"entity_id": "group.innocent"}),
            Step("toggle", {"entity_ids": ["group.innocent"]}),
            cs("cover", "open_cover", entity_ids=["group.innocent"]),
        ),
        undo=(ws_service("group", "remove", object_id="innocent"),),
    ),
    Attack(
        "nested groups reaching a lock",
        (
            cs(
                "homeassistant",
                "turn_off",
                entity_ids=["group.house"],
                match="through group group.house",
            ),
            cs("homeassistant", "toggle", entity_ids=["group.house"]),
        ),
    ),
    Attack(
        "a group with a light and a lock: the light may change, the lock may not",
        (
            cs("light", "turn_on", "ok", entity_ids=["group.house"]),
            cs("lock", "unlock", entity_ids=["group.house"], match="unlock tool"),
        ),
        undo=(ws_service("light", "turn_off", entity_id="light.bed_light"),),
    ),
    Attack(
        "cover group opens the garage",
        (
            cs(
                "cover",
                "open_cover",
                entity_ids=["cover.all_covers"],
                match="through group cover.all_covers",
            ),
        ),
    ),
    Attack(
        "cover group toggled",
        (Step("toggle", {"entity_ids": ["cover.all_covers"]}, match="open_cover"),),
    ),
    Attack(
        "cover group position",
        (
            cs(
                "cover",
                "set_cover_position",
                entity_ids=["cover.all_covers"],
                data={"position": 100},
            ),
        ),
    ),
    Attack(
        "lock group unlocked",
        (
            cs("lock", "unlock", entity_ids=["lock.all_locks"]),
            Step("turn_off", {"entity_ids": ["lock.all_locks"]}),
        ),
    ),
    # 3. free text
    Attack(
        "conversation.process",
        (cs("conversation", "process", data={"text": "open the garage door"}, match=NOT_CONFINED),),
    ),
    Attack(
        "conversation.process unlock",
        (cs("conversation", "process", data={"text": "unlock the front door"}),),
    ),
    Attack(
        "Google text command",
        (
            Step(
                "send_google_assistant_command",
                {"command": "open the garage door"},
                match="disabled",
            ),
        ),
    ),
    Attack(
        "Google text command, destructive on, no token",
        (Step("send_google_assistant_command", {"command": "open the garage door"}, "preview"),),
        mode="destructive",
    ),
    # 4. stale registries: the server has read them, then the garage moves, then the attack
    Attack(
        "garage moved into an area, then the area is opened",
        (
            Step("search_entities", {"area": "kitchen"}, "ok"),
            cs("light", "turn_on", "ok", area_ids=["kitchen"]),
            move(GARAGE, "kitchen"),
            cs("cover", "open_cover", area_ids=["kitchen"], match="opens Garage Door"),
            cs("homeassistant", "toggle", area_ids=["kitchen"]),
            cs("cover", "toggle", data={"area_id": "kitchen"}),
        ),
        undo=(move(GARAGE, "living_room"),),
    ),
    Attack(
        "floor target",
        (cs("cover", "open_cover", data={"floor_id": "ground"}, match="floor ground"),),
    ),
    Attack(
        "label target",
        (cs("homeassistant", "turn_off", data={"label_id": "outside"}, match="label outside"),),
    ),
    Attack(
        "device target",
        (cs("cover", "toggle", data={"device_id": "$garage_device"}, match="opens Garage Door"),),
    ),
    Attack(
        "entity_id all",
        (
            cs("cover", "open_cover", data={"entity_id": "all"}),
            cs("homeassistant", "toggle", data={"entity_id": "all"}),
        ),
    ),
    # 5. identifiers
    Attack(
        "path traversal in call_service",
        (cs("light", "turn_on", entity_ids=["light.bed_light/../../error_log"]),),
    ),
    Attack(
        "path traversal in get_entity",
        (Step("get_entity", {"entity_id": "light.bed_light/../../error_log"}),),
    ),
    Attack(
        "path traversal in data",
        (
            cs(
                "light",
                "turn_on",
                data={"entity_id": "light.bed_light/../../error_log"},
                match="not an entity id",
            ),
        ),
    ),
    Attack("traversal in an area id", (cs("light", "turn_on", area_ids=["../../api/error_log"]),)),
    Attack(
        "encoded traversal",
        (
            Step(
                "wait_for_state",
                {"entity_id": "light.bed_light%2F..%2F..%2Ferror_log", "timeout_seconds": 1},
            ),
        ),
    ),
    Attack(
        "comma-separated ids",
        (
            cs(
                "homeassistant",
                "turn_off",
                data={"entity_id": "light.bed_light,lock.front_door"},
                match="not an entity id",
            ),
        ),
    ),
    Attack(
        "upper-case id",
        (
            cs("lock", "open", data={"entity_id": "LOCK.OPENABLE_LOCK"}),
            cs("lock", "unlock", entity_ids=["Lock.Front_Door"]),
        ),
    ),
    Attack(
        "whitespace around an id",
        (cs("homeassistant", "turn_off", data={"entity_id": [" lock.front_door "]}),),
    ),
    Attack(
        "newline after an id",
        (cs("cover", "open_cover", data={"entity_id": "cover.garage_door\n"}),),
    ),
    Attack(
        "all combined with ids",
        (cs("light", "turn_on", data={"entity_id": ["all", "light.bed_light"]}),),
    ),
    # 6. smuggling through data
    Attack(
        "data.entity_id smuggles the target",
        (
            cs(
                "light",
                "turn_on",
                entity_ids=["light.bed_light"],
                data={"entity_id": FRONT},
                match="acts on light entities",
            ),
        ),
    ),
    Attack(
        "data.entity_id on the generic service",
        (cs("homeassistant", "toggle", data={"entity_id": [GARAGE]}, match="opens Garage Door"),),
    ),
    Attack(
        "nested entity id in script variables",
        (
            cs(
                "script",
                "turn_on",
                entity_ids=["script.bed_light_on"],
                data={"variables": {"entity_id": "lock.front_door/.."}},
            ),
        ),
    ),
    Attack(
        "scene.create snapshot of a lock",
        (cs("scene", "create", data={"scene_id": "snap", "snapshot_entities": [FRONT]}),),
    ),
    Attack(
        "template in data",
        (
            cs(
                "input_text",
                "set_value",
                entity_ids=["input_text.note"],
                data={"value": "{{ states('lock.front_door') }}"},
                match="template",
            ),
        ),
    ),
    Attack(
        "template as an entity id",
        (cs("homeassistant", "turn_off", data={"entity_id": "{{ 'lock.front_door' }}"}),),
    ),
    # 7. scripts, automations, buttons and other services that act elsewhere
    Attack(
        "homeassistant.turn_on a script",
        (cs("homeassistant", "turn_on", entity_ids=["script.bed_light_on"], match="run_script"),),
    ),
    Attack(
        "script.turn_on",
        (
            cs("script", "turn_on", entity_ids=["script.bed_light_on"]),
            Step("run_script", {"entity_id": "script.bed_light_on"}),
        ),
    ),
    Attack("a script as a service", (cs("script", "bed_light_on"),)),
    Attack(
        "automation.trigger",
        (
            cs(
                "automation",
                "trigger",
                entity_ids=["automation.guest_mode_lights"],
                match="trigger_automation",
            ),
            Step("trigger_automation", {"entity_id": "automation.guest_mode_lights"}),
        ),
    ),
    Attack(
        "enable or disable an automation",
        (
            cs("homeassistant", "turn_off", entity_ids=["automation.guest_mode_lights"]),
            Step("turn_off", {"entity_ids": ["automation.guest_mode_lights"]}),
        ),
    ),
    Attack(
        "input_button press",
        (
            Step("turn_on", {"entity_ids": ["input_button.doorbell"]}),
            cs("input_button", "press", entity_ids=["input_button.doorbell"]),
        ),
    ),
    Attack(
        "button press",
        (
            cs("button", "press", entity_ids=["button.push"], match=NOT_CONFINED),
            Step("turn_on", {"entity_ids": ["button.push"]}),
        ),
    ),
    Attack(
        "timer finish fires automations", (cs("timer", "finish", entity_ids=["timer.laundry"]),)
    ),
    Attack(
        "fake presence",
        (cs("device_tracker", "see", data={"dev_id": "demo_paulus", "location_name": "home"}),),
    ),
    Attack("camera off", (cs("camera", "turn_off", entity_ids=["camera.demo_camera"]),)),
    Attack(
        "valve opened",
        (
            cs("valve", "open_valve", entity_ids=["valve.orchard"]),
            cs("homeassistant", "toggle", entity_ids=["valve.orchard"]),
        ),
    ),
    Attack("alarm triggered", (cs("alarm_control_panel", "alarm_trigger", entity_ids=[ALARM]),)),
    Attack(
        "alarm disarmed indirectly",
        (
            cs("homeassistant", "turn_off", entity_ids=[ALARM]),
            Step("turn_off", {"entity_ids": [ALARM]}, match="disarm_alarm"),
        ),
    ),
    Attack(
        "media from any URL",
        (
            cs(
                "media_player",
                "play_media",
                entity_ids=["media_player.kitchen"],
                data={
                    "media_content_id": "http://example.com/x.mp3",
                    "media_content_type": "music",
                },
            ),
        ),
    ),
    Attack(
        "legacy notify",
        (cs("notify", "persistent_notification", data={"message": "command_activity"}),),
    ),
    Attack(
        "logbook forged",
        (cs("logbook", "log", data={"name": "front door", "message": "was locked"}),),
    ),
    Attack(
        "house-keeping services",
        tuple(
            cs(d, s, match=NOT_CONFINED, **kw)
            for d, s, kw in [
                ("recorder", "purge", {"data": {"keep_days": 0}}),
                ("recorder", "disable", {}),
                ("backup", "create", {}),
                ("homeassistant", "reload_all", {}),
                ("homeassistant", "set_location", {"data": {"latitude": 0, "longitude": 0}}),
                ("logger", "set_default_level", {"data": {"level": "critical"}}),
                ("system_log", "clear", {}),
                ("update", "install", {"entity_ids": ["update.demo_add_on"]}),
                ("group", "remove", {"data": {"object_id": "house"}}),
                ("scene", "delete", {"entity_ids": ["scene.evil"]}),
                ("automation", "reload", {}),
                (
                    "input_select",
                    "set_options",
                    {"entity_ids": ["input_select.house_mode"], "data": {"options": ["x"]}},
                ),
                (
                    "counter",
                    "set_value",
                    {"entity_ids": ["counter.test_counter"], "data": {"value": 9}},
                ),
                ("demo", "randomize_device_tracker_data", {}),
                ("ffmpeg", "stop", {}),
            ]
        ),
    ),
    # 8. automations of the owner that a plain write would start
    Attack(
        "a helper change starts an automation that unlocks",
        (
            cs(
                "input_boolean",
                "turn_off",
                entity_ids=["input_boolean.vacation_mode"],
                match="starts Vacation off unlocks",
            ),
            Step("toggle", {"entity_ids": ["input_boolean.vacation_mode"]}, match="lock.unlock"),
        ),
    ),
    Attack(
        "a helper change whose automation only turns on a light stays a write",
        (cs("input_boolean", "turn_on", "ok", entity_ids=["input_boolean.guest_mode"]),),
        undo=(ws_service("input_boolean", "turn_off", entity_id="input_boolean.guest_mode"),),
    ),
    Attack(
        "a light change starts a chain of two automations",
        (
            Step(
                "turn_off",
                {"entity_ids": ["light.office_rgbw_lights"]},
                match="Office off ends vacation",
            ),
        ),
    ),
    # 9. registries and system care: what decides which calls reach a lock, what a voice
    # assistant may use, and what re-creates a lock's state
    Attack(
        "expose the front door to voice",
        (Step("update_entity", {"entity_id": FRONT, "expose": True}, match="could then unlock"),),
    ),
    Attack(
        "expose a scene that unlocks to voice",
        (
            Step(
                "update_entity",
                {"entity_id": "scene.evil", "expose": True},
                match="could then run it",
            ),
        ),
    ),
    # 10. calendars, to-do lists and notifications (plain writes unless they reach further)
    Attack(
        "an event on a calendar whose automation unlocks",
        (
            Step(
                "create_calendar_event",
                {
                    "entity_id": "Calendar 1",  # by name: resolved, then judged the same way
                    "summary": "Open house",
                    "start": "2030-01-01T10:00:00+00:00",
                    "end": "2030-01-01T11:00:00+00:00",
                },
                match="starts Calendar unlocks",
            ),
        ),
    ),
    Attack(
        "move the garage door into another area",
        (
            Step(
                "update_entity",
                {"entity_id": GARAGE, "area": "Kitchen"},
                match="update_entity_confirmed",
            ),
        ),
    ),
    Attack("label the alarm", (Step("update_entity", {"entity_id": ALARM, "labels": ["Lights"]}),)),
    Attack(
        "disable the alarm panel", (Step("update_entity", {"entity_id": ALARM, "enabled": False}),)
    ),
    Attack(
        "move the garage door's device into another area",
        (
            Step(
                "update_device",
                {"device_id": "$garage_device", "area": "Kitchen"},
                match="update_device_confirmed",
            ),
        ),
    ),
    Attack(
        "put the garage's area on another floor",
        (Step("update_area", {"area": "Living Room", "floor": "Upstairs"}, match="Garage Door"),),
    ),
    Attack(
        "rename the helper an unlocking automation watches",
        (
            Step(
                "update_entity",
                {"entity_id": "input_boolean.vacation_mode", "name": "Away"},
                match="Vacation off unlocks",
            ),
            Step(
                "update_entity",
                {"entity_id": "input_boolean.vacation_mode", "enabled": False},
                match="Vacation off unlocks",
            ),
        ),
    ),
    Attack(
        "rename the garage door's entity id",
        (Step("update_entity", {"entity_id": GARAGE, "new_entity_id": "cover.shed"}),),
    ),
    Attack(
        "reload the integration that provides the locks",
        (Step("reload_integration", {"entry_id": "$demo_entry"}, match="re-creates"),),
    ),
    Attack(
        "make a backup that an unlocking automation watches",
        (Step("create_backup", {}, match="which starts Backup unlocks"),),
    ),
    Attack(
        "install an update or restore a backup without the destructive tools",
        (
            Step(
                "install_update", {"entity_id": "update.demo_add_on"}, match="HA_ALLOW_DESTRUCTIVE"
            ),
            Step("restore_backup", {"backup_id": "x"}, match="HA_ALLOW_DESTRUCTIVE"),
            Step("update_entity_confirmed", {"entity_id": FRONT, "expose": True}, match="disabled"),
            Step(
                "update_device_confirmed",
                {"device_id": "$garage_device", "area": "Kitchen"},
                match="disabled",
            ),
            Step("update_area_confirmed", {"area": "Living Room", "floor": "Upstairs"}),
            Step("restart_home_assistant", {"action": "stop"}, match="HA_ALLOW_DESTRUCTIVE"),
        ),
    ),
    Attack(
        "a notification that is a Companion app command",
        (
            Step(
                "send_notification",
                {"message": "command_activity", "target": "persistent_notification"},
                match="Companion app",
            ),
        ),
    ),
    Attack(
        "a notification through a legacy notify service the operator listed",
        (
            Step(
                "send_notification",
                {"message": "Dinner is ready", "target": "persistent_notification"},
                match="operator's sensitive list",
            ),
        ),
        settings={"sensitive_services": "notify.*"},
    ),
    Attack(
        "a plain notification through a legacy notify service stays a write",
        (
            Step(
                "send_notification",
                {"message": "Dinner is ready", "target": "persistent_notification"},
                "ok",
            ),
        ),
    ),
    Attack(
        "an item on a to-do list whose automation unlocks",
        (
            Step(
                "add_todo_item",
                {"entity_id": "todo.shopping_list", "item": "Milk"},
                match="starts Shopping list unlocks",
            ),
            Step("add_todo_item", {"entity_id": FRONT, "item": "unlock"}, match="todo"),
            Step(
                "complete_todo_item",
                {"entity_id": "todo.shopping_list", "item": "Milk"},
                match="starts Shopping list unlocks",
            ),
            Step(
                "remove_todo_item",
                {"entity_id": "todo.shopping_list", "item": "Milk"},
                match="starts Shopping list unlocks",
            ),
        ),
    ),
    Attack(
        "dismiss or ignore what does not exist, or everything",
        (
            Step("dismiss_notification", {"notification_id": "../../api/error_log"}),
            Step("dismiss_notification", {"notification_id": "all"}, match="No notification"),
            Step("ignore_repair", {"domain": "demo", "issue_id": "*"}, match="No repair issue"),
            Step("ignore_repair", {"domain": "../..", "issue_id": "x"}),
        ),
    ),
    # 11. speech and media: a speaker is heard by voice assistants; media controls are confined
    Attack(
        "speech on a speaker a voice assistant may hear",
        (
            Step(
                "speak",
                {"text": SAY_OPEN, "media_player_ids": ["media_player.kitchen"]},
                match="may be heard by a voice assistant",
            ),
            Step("speak", {"text": SAY_OPEN, "media_player_ids": [FRONT]}, match="media_player"),
        ),
    ),
    Attack(
        "speech on the operator's vouched-for speaker is a write",
        # the demo has no text-to-speech entity: the tool says so after the speaker is judged
        (
            Step(
                "speak",
                {"text": SAY_OPEN, "media_player_ids": ["media_player.kitchen"]},
                "ok",
                "no text-to-speech entity",
            ),
        ),
        settings={"safe_services": "media_player.kitchen"},
    ),
    Attack(
        "media control on a player whose automation unlocks",
        (
            Step(
                "control_media",
                {"entity_id": "media_player.walkman", "action": "pause"},
                match="starts Walkman paused unlocks",
            ),
            Step("control_media", {"entity_id": FRONT, "action": "play"}, match="media_player"),
            Step("control_media", {"entity_id": "group.house", "action": "stop"}),
        ),
    ),
    Attack(
        "media control elsewhere stays a write",
        (
            Step(
                "control_media", {"entity_id": "media_player.kitchen", "action": "volume_up"}, "ok"
            ),
        ),
    ),
    # 12. a relay switch that drives a garage door opener: the server cannot know it (a switch
    # is a confined write), so the owner lists it; listed, it needs a confirmation
    Attack(
        "a relay switch the owner did not list stays a write",
        (cs("switch", "turn_on", "ok", entity_ids=["switch.decorative_lights"]),),
        undo=(ws_service("switch", "turn_off", entity_id="switch.decorative_lights"),),
    ),
    Attack(
        "a relay switch the owner listed as the garage opener",
        (
            cs(
                "switch",
                "turn_on",
                entity_ids=["switch.decorative_lights"],
                match="operator's sensitive list",
            ),
            Step("toggle", {"entity_ids": ["switch.decorative_lights"]}, match="sensitive list"),
            Step("turn_on", {"entity_ids": ["Decorative Lights"]}, match="sensitive list"),
        ),
        settings={"sensitive_services": "switch.decorative_lights"},
    ),
    # 13. destructive tools on, no (valid) token: a preview, nothing done
    Attack(
        "destructive tools without a token",
        (
            Step("unlock", {"entity_id": FRONT}, "preview"),
            Step("disarm_alarm", {"entity_id": ALARM, "code": "1234"}, "preview"),
            Step("open_cover", {"entity_id": GARAGE}, "preview"),
            Step("trigger_automation", {"entity_id": "automation.guest_mode_lights"}, "preview"),
            Step(
                "call_sensitive_service",
                {"domain": "homeassistant", "service": "toggle", "entity_ids": ["group.house"]},
                "preview",
                r"Garage Door \(cover.garage_door\) now closed through group group.garage_only",
            ),
            Step(
                "update_entity_confirmed",
                {"entity_id": FRONT, "expose": True},
                "preview",
                "could then unlock",
            ),
            Step(
                "install_update", {"entity_id": "update.demo_add_on"}, "preview", "1.0.0 -> 1.0.1"
            ),
            Step(
                "update_device_confirmed",
                {"device_id": "$garage_device", "area": "Kitchen"},
                "preview",
                "Garage Door",
            ),
            Step(
                "update_area_confirmed",
                {"area": "Living Room", "floor": "Upstairs"},
                "preview",
                "Garage Door",
            ),
            Step("restart_home_assistant", {"action": "stop"}, "preview", "Stop Home Assistant"),
            Step("unlock", {"entity_id": FRONT, "confirm_token": "c1.9999999999.forged.token"}),
        ),
        mode="destructive",
    ),
    Attack(
        "previews of scripts and automations name what their actions act on",
        (
            Step(
                "run_script",
                {"entity_id": "script.bed_light_on"},
                "preview",
                r"Its actions name: Bed Light \(light.bed_light\) now \w+\. It calls light.turn_on",
            ),
            Step(
                "trigger_automation",
                {"entity_id": "automation.vacation_off_unlocks"},
                "preview",
                r"Front Door \(lock.front_door\) now locked\. It calls lock.unlock",
            ),
            Step(
                "call_sensitive_service",
                {"domain": "script", "service": "bed_light_on"},
                "preview",
                r"Its actions name: Bed Light \(light.bed_light\)",
            ),
            Step(
                "set_automation_enabled",
                {"entity_id": "automation.backup_unlocks", "enabled": True},
                "preview",
                r"Front Door \(lock.front_door\)",
            ),
        ),
        mode="destructive",
    ),
]
