"""The Home Assistant the attack suite runs against (test_home_assistant_attacks.py): the demo
arranged with what the attacks aim at (groups, scenes, helper groups, areas, labels, a floor, the
owner's automations), and the two witnesses: the states it reports and its own call_service
events, synchronised by a marker call."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from tests.peers.homeassistant import HomeAssistantPeer

WATCHED = ("lock", "alarm_control_panel", "cover", "valve", "automation", "camera", "update")


def watched(states: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {e: s["state"] for e, s in states.items() if e.split(".")[0] in WATCHED}


class Peer:
    """The module's Home Assistant, arranged with the objects the attacks aim at."""

    def __init__(self, ha: HomeAssistantPeer) -> None:
        self.ha = ha
        self.refs: dict[str, str] = {}

    def states(self) -> dict[str, dict[str, Any]]:
        response = httpx.get(f"{self.ha.url}/api/states", headers=self.ha.headers, timeout=10)
        response.raise_for_status()
        return {s["entity_id"]: s for s in response.json()}

    def watched(self) -> dict[str, str]:
        return watched(self.states())

    def registry(self) -> Any:
        """What decides which calls reach an entity and what voice assistants may use: the
        entity, device and area registries and the exposure settings (must not change either)."""
        ws = self.ha.ws_command
        return [
            ws({"type": kind})
            for kind in (
                "config/entity_registry/list",
                "config/device_registry/list",
                "config/area_registry/list",
                "homeassistant/expose_entity/list",
            )
        ]

    def service(self, domain: str, service: str, **data: Any) -> None:
        self.ha.ws_command(
            {"type": "call_service", "domain": domain, "service": service, "service_data": data}
        )

    def until(self, entity_id: str, wanted: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while self.states().get(entity_id, {}).get("state") != wanted:
            assert time.monotonic() < deadline, f"{entity_id} never became {wanted}"
            time.sleep(0.1)

    def helper_group(self, kind: str, name: str, members: list[str]) -> None:
        """A platform group helper (cover, lock, light...) made through the config flow."""
        base = f"{self.ha.url}/api/config/config_entries/flow"
        with httpx.Client(headers=self.ha.headers, timeout=10) as http:
            flow = http.post(base, json={"handler": "group"}).json()
            http.post(f"{base}/{flow['flow_id']}", json={"next_step_id": kind}).raise_for_status()
            done = http.post(
                f"{base}/{flow['flow_id']}",
                json={"name": name, "entities": members, "hide_members": False},
            )
            done.raise_for_status()

    def config_flow(self, handler: str) -> None:
        """An integration set up as the UI does it (one step, no options)."""
        base = f"{self.ha.url}/api/config/config_entries/flow"
        with httpx.Client(headers=self.ha.headers, timeout=20) as http:
            body = http.post(base, json={"handler": handler}).json()
            if body.get("type") == "form":
                body = http.post(f"{base}/{body['flow_id']}", json={}).json()
            assert body.get("type") == "create_entry", body

    def arrange(self) -> None:
        ws = self.ha.ws_command
        self.service("alarm_control_panel", "alarm_arm_home", entity_id=ALARM, code="1234")
        label = ws({"type": "config/label_registry/create", "name": "Outside"})
        for entity_id in (ALARM, GARAGE):  # the demo's locks are in no registry
            labels = [label["label_id"]]
            ws({"type": "config/entity_registry/update", "entity_id": entity_id, "labels": labels})
        floor = ws({"type": "config/floor_registry/create", "name": "Ground", "level": 0})
        ws(
            {
                "type": "config/area_registry/update",
                "area_id": "living_room",
                "floor_id": floor["floor_id"],
            }
        )
        ws({"type": "config/entity_registry/update", "entity_id": GARAGE, "area_id": "living_room"})
        garage = ws({"type": "config/entity_registry/get", "entity_id": GARAGE})
        self.refs["garage_device"] = garage["device_id"]
        entries = ws({"type": "config_entries/get", "domain": "demo"})
        self.refs["demo_entry"] = entries[0]["entry_id"]
        self.service("group", "set", object_id="garage_only", entities=[GARAGE])
        house = ["group.garage_only", FRONT, "light.bed_light"]
        self.service("group", "set", object_id="house", entities=house)
        evil = {FRONT: "unlocked", GARAGE: "open"}
        self.service("scene", "create", scene_id="evil", entities=evil)
        self.helper_group("cover", "All covers", [GARAGE, "cover.kitchen_window"])
        self.helper_group("lock", "All locks", [FRONT, "lock.openable_lock"])
        self.config_flow("shopping_list")
        with (self.ha.config_dir / "configuration.yaml").open("a") as config:
            config.write(AUTOMATIONS)
        self.service("automation", "reload")
        ws({"type": "input_button/create", "name": "Doorbell"})
        ws({"type": "timer/create", "name": "Laundry", "duration": "00:10:00"})
        for entity_id in (
            "automation.vacation_off_unlocks",
            "automation.office_off_ends_vacation",
            "automation.backup_unlocks",
            "automation.calendar_unlocks",
            "automation.walkman_paused_unlocks",
            "automation.shopping_list_unlocks",
            "todo.shopping_list",
            "cover.all_covers",
            "lock.all_locks",
            "input_button.doorbell",
            "timer.laundry",
        ):
            deadline = time.monotonic() + 10
            while entity_id not in self.states():
                assert time.monotonic() < deadline, f"{entity_id} was not created"
                time.sleep(0.1)
        self.until(ALARM, "armed_home")  # the demo alarm takes 5 s to arm


FRONT, GARAGE, ALARM = "lock.front_door", "cover.garage_door", "alarm_control_panel.security"
# The owner's automations: a write that starts them reaches what they do (two hops here).
AUTOMATIONS = """
automation attack:
  - id: vacation_off_unlocks
    alias: Vacation off unlocks
    triggers:
      - trigger: state
        entity_id: input_boolean.vacation_mode
        to: "off"
    actions:
      - action: lock.unlock
        target:
          entity_id: lock.front_door
  - id: office_off_ends_vacation
    alias: Office off ends vacation
    triggers:
      - trigger: template
        value_template: "{{ is_state('light.office_rgbw_lights', 'off') }}"
    actions:
      - action: input_boolean.turn_off
        target:
          entity_id: input_boolean.vacation_mode
  - id: backup_unlocks
    alias: Backup unlocks
    triggers:
      - trigger: state
        entity_id: sensor.backup_backup_manager_state
        to: create_backup
    actions:
      - action: lock.unlock
        target:
          entity_id: lock.front_door
"""


def guarded_unlock(key: str, alias: str, *trigger: str) -> str:
    """An owner's automation that would unlock the front door on ``trigger``, behind a condition
    that is never true (a demo event or a state change during the run must not unlock for real;
    the server's scan judges the actions, conditions aside)."""
    lines = "\n".join(f"        {line}" for line in trigger)
    return f"""  - id: {key}
    alias: {alias}
    triggers:
      - {lines.lstrip()}
    conditions:
      - condition: state
        entity_id: input_select.house_mode
        state: Never
    actions:
      - action: lock.unlock
        target:
          entity_id: lock.front_door
"""


AUTOMATIONS += "".join(
    [
        guarded_unlock(
            "calendar_unlocks",
            "Calendar unlocks",
            "trigger: calendar",
            "event: start",
            "entity_id: calendar.calendar_1",
        ),
        guarded_unlock(
            "walkman_paused_unlocks",
            "Walkman paused unlocks",
            "trigger: state",
            "entity_id: media_player.walkman",
            "to: paused",
        ),
        guarded_unlock(
            "shopping_list_unlocks",
            "Shopping list unlocks",
            "trigger: state",
            "entity_id: todo.shopping_list",
        ),
    ]
)


class ServiceCalls:
    """Home Assistant's call_service events, on a connection of our own. ``settle()`` returns
    the events since the last settle, after a marker call has come back through the same stream
    (events are delivered in order, so nothing of what came before is still in flight)."""

    def __init__(self, conn: ClientConnection) -> None:
        self.conn = conn
        self.events: list[dict[str, Any]] = []
        self.seen = 0
        self.ids = iter(range(2, 1_000_000))

    async def read(self) -> None:
        async for raw in self.conn:
            message = json.loads(raw)
            if message.get("type") == "event":
                self.events.append(message["event"]["data"])

    async def settle(self) -> list[dict[str, Any]]:
        marker = f"marker-{next(self.ids)}"
        await self.conn.send(
            json.dumps(
                {
                    "id": next(self.ids),
                    "type": "call_service",
                    "domain": "logbook",
                    "service": "log",
                    "service_data": {"name": "attack-suite", "message": marker},
                }
            )
        )
        deadline = time.monotonic() + 10
        while not any(e.get("service_data", {}).get("message") == marker for e in self.events):
            assert time.monotonic() < deadline, "the marker call never came back"
            await asyncio.sleep(0.01)
        new = [e for e in self.events[self.seen :] if e.get("domain") != "logbook"]
        self.seen = len(self.events)
        return new


@contextlib.asynccontextmanager
async def service_calls(ha: HomeAssistantPeer) -> AsyncIterator[ServiceCalls]:
    async with connect(ha.ws_url) as conn:
        await conn.recv()
        await conn.send(json.dumps({"type": "auth", "access_token": ha.token}))
        assert json.loads(await conn.recv())["type"] == "auth_ok"
        await conn.send(
            json.dumps({"id": 1, "type": "subscribe_events", "event_type": "call_service"})
        )
        assert json.loads(await conn.recv())["success"] is True
        calls = ServiceCalls(conn)
        reader = asyncio.create_task(calls.read())
        try:
            await calls.settle()
            yield calls
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
