"""Answer size of the config tools (issue 18: traces, usage search) against the raw WebSocket
payloads a naive server would pass on. Used by ``bench/home_assistant_size.py`` (same peer, same
table): an automation with a condition and a failing step is saved through the config API and run
twice, then

* "why did it (not) run?": ``get_traces`` against ``trace/list`` plus ``trace/get`` of each run;
* "what turns on the bed light?": ``find_usage(effect=turns_on)`` against the configs of every
  automation and script (``automation/config``, ``script/config``), which is what a model would
  have to read to answer it without the tool. The demo has four; the bench adds a household's
  twelve automations and three scripts (``HOUSE_*``) before asking.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
from fastmcp import Client

from tests.peers.homeassistant import HomeAssistantPeer

AUTOMATION = {
    "alias": "Bench guarded",
    "triggers": [{"trigger": "state", "entity_id": "input_boolean.guest_mode"}],
    "conditions": [{"condition": "state", "entity_id": "light.bed_light", "state": "off"}],
    "actions": [
        {"action": "light.turn_on", "target": {"entity_id": "light.bed_light"}},
        {"action": "light.turn_off", "target": {"entity_id": "light.bed_light"}},
    ],
}


# A household's automations and scripts besides the demo's four: the question "what turns on the
# bed light?" is asked in a home with dozens of them, where reading every config is what the tool
# saves. Written as a home would have them (not shaped to the tool); two of them, and one script an
# automation runs, turn the bed light on.
HOUSE_AUTOMATIONS: dict[str, dict[str, Any]] = {
    "wake_up_light": {
        "alias": "Wake-up light",
        "triggers": [{"trigger": "time", "at": "06:45:00"}],
        "conditions": [{"condition": "time", "weekday": ["mon", "tue", "wed", "thu", "fri"]}],
        "actions": [
            {
                "action": "light.turn_on",
                "target": {"entity_id": "light.bed_light"},
                "data": {"brightness_pct": 30, "transition": 600},
            }
        ],
    },
    "bedtime": {
        "alias": "Bedtime at 22:30",
        "triggers": [{"trigger": "time", "at": "22:30:00"}],
        "actions": [{"action": "script.bedtime"}],
    },
    "kitchen_motion": {
        "alias": "Kitchen lights on motion",
        "triggers": [
            {"trigger": "state", "entity_id": "binary_sensor.movement_backyard", "to": "on"}
        ],
        "conditions": [{"condition": "sun", "after": "sunset", "before": "sunrise"}],
        "actions": [
            {"action": "light.turn_on", "target": {"entity_id": "light.kitchen_lights"}},
            {"delay": {"minutes": 5}},
            {"action": "light.turn_off", "target": {"entity_id": "light.kitchen_lights"}},
        ],
    },
    "sunset_lights": {
        "alias": "Living room at sunset",
        "triggers": [{"trigger": "sun", "event": "sunset", "offset": "-00:30:00"}],
        "actions": [
            {
                "action": "light.turn_on",
                "target": {"entity_id": ["light.living_room_rgbww_lights", "light.ceiling_lights"]},
                "data": {"brightness_pct": 70},
            }
        ],
    },
    "all_off_at_night": {
        "alias": "Everything off at 1 am",
        "triggers": [{"trigger": "time", "at": "01:00:00"}],
        "actions": [
            {
                "action": "light.turn_off",
                "target": {
                    "entity_id": [
                        "light.bed_light",
                        "light.ceiling_lights",
                        "light.kitchen_lights",
                        "light.office_rgbw_lights",
                    ]
                },
            },
            {"action": "switch.turn_off", "target": {"entity_id": "switch.decorative_lights"}},
        ],
    },
    "hot_day_cooling": {
        "alias": "Cool down on hot days",
        "triggers": [
            {"trigger": "numeric_state", "entity_id": "sensor.outside_temperature", "above": 28}
        ],
        "actions": [
            {
                "action": "climate.set_temperature",
                "target": {"entity_id": "climate.hvac"},
                "data": {"temperature": 23},
            },
            {"action": "cover.close_cover", "target": {"entity_id": "cover.kitchen_window"}},
        ],
    },
    "morning_blinds": {
        "alias": "Open the blinds in the morning",
        "triggers": [{"trigger": "sun", "event": "sunrise"}],
        "actions": [
            {"action": "cover.open_cover", "target": {"entity_id": "cover.hall_window"}},
            {"action": "cover.open_cover", "target": {"entity_id": "cover.kitchen_window"}},
        ],
    },
    "movie_mode": {
        "alias": "Dim lights when a movie starts",
        "triggers": [
            {"trigger": "state", "entity_id": "media_player.living_room", "to": "playing"}
        ],
        "actions": [
            {
                "action": "light.turn_on",
                "target": {"entity_id": "light.living_room_rgbww_lights"},
                "data": {"brightness_pct": 10},
            },
            {"action": "light.turn_off", "target": {"entity_id": "light.ceiling_lights"}},
        ],
    },
    "fan_when_warm": {
        "alias": "Fan on when the living room is warm",
        "triggers": [
            {"trigger": "numeric_state", "entity_id": "sensor.outside_temperature", "above": 25}
        ],
        "actions": [
            {"action": "fan.turn_on", "target": {"entity_id": "fan.living_room_fan"}},
            {
                "action": "fan.set_percentage",
                "target": {"entity_id": "fan.living_room_fan"},
                "data": {"percentage": 66},
            },
        ],
    },
    "office_focus": {
        "alias": "Office light for work",
        "triggers": [{"trigger": "time", "at": "08:30:00"}],
        "conditions": [
            {"condition": "state", "entity_id": "input_boolean.guest_mode", "state": "off"}
        ],
        "actions": [
            {
                "action": "light.turn_on",
                "target": {"entity_id": "light.office_rgbw_lights"},
                "data": {"color_temp_kelvin": 5000, "brightness_pct": 100},
            }
        ],
    },
    "decorations": {
        "alias": "Decorative lights in the evening",
        "triggers": [{"trigger": "time", "at": "18:00:00"}],
        "actions": [
            {"action": "switch.turn_on", "target": {"entity_id": "switch.decorative_lights"}}
        ],
    },
    "ac_off_when_away": {
        "alias": "AC off when nobody is home",
        "triggers": [{"trigger": "state", "entity_id": "input_boolean.guest_mode", "to": "off"}],
        "actions": [{"action": "switch.turn_off", "target": {"entity_id": "switch.ac"}}],
    },
}
HOUSE_SCRIPTS: dict[str, dict[str, Any]] = {
    "bedtime": {
        "alias": "Bedtime",
        "sequence": [
            {
                "action": "light.turn_off",
                "target": {
                    "entity_id": [
                        "light.ceiling_lights",
                        "light.kitchen_lights",
                        "light.living_room_rgbww_lights",
                    ]
                },
            },
            {
                "action": "light.turn_on",
                "target": {"entity_id": "light.bed_light"},
                "data": {"brightness_pct": 15},
            },
            {"action": "cover.close_cover", "target": {"entity_id": "cover.hall_window"}},
        ],
    },
    "good_morning": {
        "alias": "Good morning",
        "sequence": [
            {"action": "cover.open_cover", "target": {"entity_id": "cover.hall_window"}},
            {"action": "light.turn_on", "target": {"entity_id": "light.kitchen_lights"}},
            {
                "action": "media_player.play_media",
                "target": {"entity_id": "media_player.living_room"},
                "data": {"media_content_id": "morning news", "media_content_type": "music"},
            },
        ],
    },
    "leave_home": {
        "alias": "Leaving home",
        "sequence": [
            {"action": "light.turn_off", "target": {"entity_id": "all"}},
            {"action": "switch.turn_off", "target": {"entity_id": "switch.ac"}},
            {"action": "fan.turn_off", "target": {"entity_id": "fan.living_room_fan"}},
        ],
    },
}


def _size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def _until(condition: Any, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bench setup: timed out waiting for {what}")
        time.sleep(0.1)


def _arrange(peer: HomeAssistantPeer) -> list[dict[str, Any]]:
    """Save the automation, run it twice (guest mode on, off); return its trace summaries."""
    with httpx.Client(base_url=peer.url, headers=peer.headers, timeout=20) as http:
        http.post("/api/config/automation/config/bench_guarded", json=AUTOMATION)
        _until(lambda: http.get("/api/states/automation.bench_guarded").is_success, "automation")
        for key, script in HOUSE_SCRIPTS.items():
            http.post(f"/api/config/script/config/{key}", json=script).raise_for_status()
        for key, automation in HOUSE_AUTOMATIONS.items():
            http.post(f"/api/config/automation/config/{key}", json=automation).raise_for_status()
        wanted = len(HOUSE_AUTOMATIONS) + len(HOUSE_SCRIPTS) + 1

        def loaded() -> bool:
            ids = [s["entity_id"] for s in http.get("/api/states").json()]
            ours = [i for i in ids if i.startswith(("automation.", "script."))]
            return len(ours) >= wanted

        _until(loaded, "the household's automations and scripts")
    for service in ("turn_on", "turn_off"):
        peer.ws_command(
            {
                "type": "call_service",
                "domain": "input_boolean",
                "service": service,
                "target": {"entity_id": "input_boolean.guest_mode"},
            }
        )
    query = {"type": "trace/list", "domain": "automation", "item_id": "bench_guarded"}
    _until(lambda: len(peer.ws_command(query)) == 2, "two traces")
    return peer.ws_command(query)


def _row(question: str, call: str, ours: int, raw_all: int, raw_matching: int) -> dict[str, Any]:
    return {
        "question": question,
        "call": call,
        "ours": ours,
        "raw_all": raw_all,
        "raw_matching": raw_matching,
        "ratio_all": raw_all / ours,
        "ratio_matching": raw_matching / ours,
    }


async def config_answers(peer: HomeAssistantPeer, client: Client[Any]) -> list[dict[str, Any]]:
    listed = _arrange(peer)
    fulls = [
        peer.ws_command(
            {
                "type": "trace/get",
                "domain": "automation",
                "item_id": "bench_guarded",
                "run_id": t["run_id"],
            }
        )
        for t in listed
    ]
    traces = await client.call_tool(
        "get_traces", {"entity_id": "automation.bench_guarded", "runs": 2}
    )
    raw_traces = _size(listed) + _size(fulls)

    states = peer.ws_command({"type": "get_states"})
    configs = {}
    for state in states:
        domain = state["entity_id"].split(".")[0]
        if domain in ("automation", "script"):
            configs[state["entity_id"]] = peer.ws_command(
                {"type": f"{domain}/config", "entity_id": state["entity_id"]}
            )
    usage = await client.call_tool(
        "find_usage", {"entity_id": "light.bed_light", "effect": "turns_on"}
    )
    found = {u["entity_id"] for u in (usage.structured_content or {}).get("items", [])}
    matching = {e: c for e, c in configs.items() if e in found}
    return [
        _row(
            "why did it (not) run? (2 runs)",
            "get_traces(entity_id='automation.bench_guarded', runs=2)",
            _size(traces.structured_content),
            raw_traces,
            _size(fulls),
        ),
        _row(
            "what turns on the bed light?",
            "find_usage(entity_id='light.bed_light', effect='turns_on')",
            _size(usage.structured_content),
            _size(configs),
            _size(matching),
        ),
    ]
