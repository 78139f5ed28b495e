"""Attack cases on config authoring (the runner is test_home_assistant_attacks.py): a saved
automation, script, scene or group that could unlock, disarm or open later, through any of the
paths of home_assistant_cases.py, is not saved by the write tool."""

from __future__ import annotations

from tests.security.home_assistant_cases import (
    ALARM,
    FRONT,
    GARAGE,
    NOT_CONFINED,
    Attack,
    Step,
    act,
    automation,
    save,
)

AUTHORING: list[Attack] = [
    # 14. config authoring: a saved automation, script, scene or group that could unlock,
    # disarm or open later (through any of the paths above) is not saved by the write tool
    Attack(
        "an automation that activates a scene which unlocks",
        (
            save(
                "automation",
                automation("Evil scene", act("scene.turn_on", entity_id="scene.evil")),
                NOT_CONFINED,
            ),
            save("automation", automation("Evil shorthand", {"scene": "scene.evil"}), NOT_CONFINED),
        ),
    ),
    Attack(
        "an automation that reaches a lock through an old-style group",
        (
            save(
                "automation",
                automation("Evil group", act("homeassistant.turn_on", entity_id="group.house")),
                "Garage Door|Front Door",
            ),
        ),
    ),
    Attack(
        "an automation that opens the garage through an area, floor, label or device",
        tuple(
            save(
                "automation",
                automation(f"Evil {key}", act("cover.open_cover", **{key: value})),
                "opens Garage Door",
            )
            for key, value in (
                ("area_id", "living_room"),
                ("floor_id", "ground"),
                ("label_id", "outside"),
                ("device_id", "$garage_device"),
            )
        ),
    ),
    Attack(
        "an automation that unlocks or opens through a group helper",
        (
            save(
                "automation",
                automation("Evil locks", act("lock.unlock", entity_id="lock.all_locks")),
                "unlocks",
            ),
            save(
                "automation",
                automation("Evil covers", act("cover.open_cover", entity_id="cover.all_covers")),
                "opens Garage Door",
            ),
        ),
    ),
    Attack(
        "an automation whose branch opens the garage",
        (
            save(
                "automation",
                automation(
                    "Evil branch",
                    {
                        "choose": [
                            {
                                "conditions": [],
                                "sequence": [
                                    {"delay": 1},
                                    act("cover.open_cover", entity_id=GARAGE),
                                ],
                            }
                        ]
                    },
                ),
                r"choose\[0\]\.sequence\[1\] opens Garage Door",
            ),
        ),
    ),
    Attack(
        "an automation whose service or target is a template",
        (
            save(
                "automation",
                automation(
                    "Evil template",
                    {"action": "lock.{{ 'un' }}lock", "target": {"entity_id": FRONT}},
                ),
                "template",
            ),
            save(
                "automation",
                automation(
                    "Evil target", act("light.turn_on", entity_id="{{ 'lock.front_door' }}")
                ),
                "template",
            ),
        ),
    ),
    Attack(
        "an automation with a device action, an event or a restart",
        (
            save(
                "automation",
                automation(
                    "Evil device",
                    {
                        "device_id": "$garage_device",
                        "domain": "cover",
                        "entity_id": GARAGE,
                        "type": "open",
                    },
                ),
                "device action",
            ),
            save("automation", automation("Evil event", {"event": "open_sesame"}), "fires event"),
            save(
                "automation",
                automation("Evil restart", {"action": "homeassistant.restart"}),
                "restarts Home Assistant",
            ),
        ),
    ),
    Attack(
        "an automation that starts the owner's unlocking automation",
        (
            save(
                "automation",
                automation(
                    "Evil chain",
                    act("input_boolean.turn_off", entity_id="input_boolean.vacation_mode"),
                ),
                "starts Vacation off unlocks",
            ),
        ),
    ),
    Attack(
        "a script that disarms",
        (
            save(
                "script",
                {
                    "alias": "Evil script",
                    "sequence": [
                        {
                            "action": "alarm_control_panel.alarm_disarm",
                            "target": {"entity_id": ALARM},
                            "data": {"code": "1234"},
                        }
                    ],
                },
                "disarms",
            ),
        ),
    ),
    Attack(
        "a scene that stores an unlocked door or an open garage (also through a group)",
        (
            save(
                "scene", {"name": "Evil stored", "entities": {FRONT: "unlocked"}}, "sets Front Door"
            ),
            save(
                "scene",
                {"name": "Evil stored group", "entities": {"group.garage_only": "open"}},
                "Garage Door",
            ),
        ),
    ),
    Attack(
        "a group helper with a lock in it",
        (
            save(
                "group",
                {"group_type": "lock", "name": "Evil locks", "entities": [FRONT]},
                "members include Front Door",
            ),
        ),
    ),
    Attack(
        "config authoring with destructive tools on, no token",
        (
            Step(
                "save_sensitive_config_item",
                {
                    "kind": "automation",
                    "config": automation("Evil confirmed", act("lock.unlock", entity_id=FRONT)),
                },
                "preview",
                "unlocks Front Door",
            ),
            Step(
                "delete_config_item",
                {"kind": "automation", "id": "automation.vacation_off_unlocks"},
                match="YAML",
            ),
        ),
        mode="destructive",
    ),
]
