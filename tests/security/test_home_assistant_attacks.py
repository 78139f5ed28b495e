"""The Home Assistant server under attack, against a real Home Assistant (2025.4.4 demo).

Each case of home_assistant_cases.ATTACKS runs through a real MCP client with writes on and
destructive tools off (or on, without a token). Two independent witnesses say nothing happened:
Home Assistant's own ``call_service`` events (subscribed on a separate connection and synchronised
by a marker call, so "no event" is a fact, not a wait) must show no service call from a refused
step and no call touching a guarded entity; and the state of every lock, alarm panel, cover,
valve, automation and camera, read from Home Assistant directly, must be unchanged. A control
test shows both witnesses do see a real change. One Home Assistant serves the whole module.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client, FastMCP
from fastmcp.exceptions import ToolError
from websockets.asyncio.client import ClientConnection, connect

from home_assistant_mcp.safety import guarded
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client, structured
from tests.peers.homeassistant import HomeAssistantPeer, require_homeassistant
from tests.security.home_assistant_cases import ATTACKS, Attack, Direct, Step

pytestmark = pytest.mark.peer

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


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peer]:
    hass = require_homeassistant()
    ha = HomeAssistantPeer(tmp_path_factory.mktemp("ha-attacks"), hass=hass)
    try:
        ha.start()
        arranged = Peer(ha)
        arranged.arrange()
        yield arranged
    finally:
        ha.stop()


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


def fill(value: Any, refs: dict[str, str]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return refs[value[1:]]
    if isinstance(value, dict):
        return {k: fill(v, refs) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, refs) for v in value]
    return value


async def run_step(client: Client[Any], step: Step, refs: dict[str, str]) -> str:
    """Run one step; return the refusal or preview text (fails the test on anything else)."""
    arguments = fill(step.args, refs)
    if step.expect == "refused":
        with pytest.raises(ToolError) as refused:
            await client.call_tool(step.tool, arguments)
        return str(refused.value)
    answer = structured(await client.call_tool(step.tool, arguments))
    answer = answer["result"] if set(answer) == {"result"} else answer
    if step.expect == "preview":
        assert answer.get("status") == "confirmation_required", answer
        return answer["preview"]
    return json.dumps(answer)


def named_entities(event: dict[str, Any]) -> set[str]:
    data = event.get("service_data") or {}
    found = data.get("entity_id") or []
    return {found} if isinstance(found, str) else set(found)


class Servers:
    """The server with writes on, without and with destructive tools, and with an attack's
    operator lists (each built once: building registers 80 tools; each test still opens its
    own client and Home Assistant connection). All share one state dir and audit log."""

    def __init__(self, peer: Peer, runtime: RuntimeSettings) -> None:
        self.peer = peer
        self.runtime = runtime
        self.built: dict[str, FastMCP[Any]] = {}

    def __call__(self, destructive: bool, **settings: Any) -> FastMCP[Any]:
        key = json.dumps([destructive, settings], sort_keys=True)
        if key not in self.built:
            values = load_settings(
                HASettings,
                url=self.peer.ha.url,
                token=self.peer.ha.token,
                allow_write=True,
                allow_destructive=destructive,
                **settings,
            )
            self.built[key] = build_server(values, self.runtime)
        return self.built[key]

    def __getitem__(self, destructive: bool) -> FastMCP[Any]:
        return self(destructive)

    def audit(self) -> list[dict[str, Any]]:
        path = self.runtime.audit_path()
        return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def servers(peer: Peer, tmp_path_factory: pytest.TempPathFactory) -> Servers:
    return Servers(peer, load_settings(RuntimeSettings, state_dir=tmp_path_factory.mktemp("state")))


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
async def test_attack_changes_nothing(attack: Attack, peer: Peer, servers: Servers) -> None:
    states = peer.states()
    before = watched(states)
    try:
        async with (
            service_calls(peer.ha) as calls,
            mcp_client(servers(attack.mode == "destructive", **attack.settings)) as client,
        ):
            for step in attack.steps:
                if isinstance(step, Direct):
                    peer.ha.ws_command(step.message)
                    await calls.settle()
                    continue
                registry = peer.registry()
                text = await run_step(client, step, peer.refs)
                if step.match:
                    assert re.search(step.match, text), f"{step.tool}: {text}"
                events = await calls.settle()
                if step.expect != "ok":
                    assert events == [], f"{step.tool} reached Home Assistant: {events}"
                touched = {e for ev in events for e in named_entities(ev) if guarded(e, states)}
                assert not touched, f"{step.tool} acted on {touched}"
                if step.expect != "ok":
                    assert peer.registry() == registry, f"{step.tool} changed a registry"
        assert peer.watched() == before
    finally:
        for undo in attack.undo:
            peer.ha.ws_command(undo.message)


async def test_the_witnesses_see_a_real_change(peer: Peer, servers: Servers) -> None:
    """Control: the same free-text attack, confirmed with a token, does open the garage, and
    both witnesses report it (so their silence in the cases above means something)."""
    arguments = {
        "domain": "conversation",
        "service": "process",
        "data": {"text": "open the garage door"},
    }
    before = peer.watched()
    try:
        async with (
            service_calls(peer.ha) as calls,
            mcp_client(servers[True]) as client,
        ):
            first = structured(await client.call_tool("call_sensitive_service", arguments))
            first = first["result"] if set(first) == {"result"} else first
            assert await calls.settle() == []
            token = {"confirm_token": first["confirm_token"]}
            await client.call_tool("call_sensitive_service", {**arguments, **token})
            events = await calls.settle()
        assert ("conversation", "process") in {(e["domain"], e["service"]) for e in events}
        changed = {e for e, s in peer.watched().items() if before.get(e) != s}
        assert GARAGE in changed
    finally:
        peer.service("cover", "close_cover", entity_id=GARAGE)
        peer.until(GARAGE, "closed")


async def test_a_confirmed_call_cannot_reach_more_than_its_preview(
    peer: Peer, servers: Servers
) -> None:
    """The user confirms a harmless scene; before the token comes back, the scene is re-created
    with the front door unlocked. The token still matches the arguments, but not what they reach."""
    peer.service("scene", "create", scene_id="calm", entities={"light.bed_light": "off"})
    before = peer.watched()
    async with service_calls(peer.ha) as calls, mcp_client(servers[True]) as client:
        first = structured(await client.call_tool("activate_scene", {"entity_id": "scene.calm"}))
        first = first["result"] if set(first) == {"result"} else first
        assert FRONT not in first["preview"]
        calm = {"light.bed_light": "off", FRONT: "unlocked"}
        peer.service("scene", "create", scene_id="calm", entities=calm)
        await calls.settle()
        confirm = {"entity_id": "scene.calm", "confirm_token": first["confirm_token"]}
        with pytest.raises(ToolError, match=r"since the preview, this call also reaches lock"):
            await client.call_tool("activate_scene", confirm)
        assert await calls.settle() == []
    assert peer.watched() == before


async def test_refusals_are_audited_apart_from_mistakes(peer: Peer, servers: Servers) -> None:
    """A write the safety model refuses is ``refused:sensitive`` in the audit log (and the
    metrics); a typo stays ``error:tool_error``: an attack is told apart from a mistake."""
    attempts = [
        ("call_service", {"domain": "lock", "service": "unlock", "entity_ids": [FRONT]}),
        ("update_entity", {"entity_id": FRONT, "expose": True}),
        ("call_service", {"domain": "lock", "service": "unlok", "entity_ids": [FRONT]}),
    ]
    async with mcp_client(servers[False]) as client:
        for tool, arguments in attempts:
            with pytest.raises(ToolError):
                await client.call_tool(tool, arguments)
    outcomes = [(line["tool"], line["outcome"]) for line in servers.audit()[-3:]]
    assert outcomes == [
        ("call_service", "refused:sensitive"),
        ("update_entity", "refused:sensitive"),
        ("call_service", "error:tool_error"),
    ]


async def test_a_preview_shows_every_entity_it_reaches(peer: Peer, servers: Servers) -> None:
    """``entity_id: all`` on the generic service reaches every entity Home Assistant has (over
    100 in the demo): the preview the person confirms names each one of them."""
    arguments = {"domain": "homeassistant", "service": "turn_off", "data": {"entity_id": "all"}}
    async with mcp_client(servers[True]) as client:
        first = structured(await client.call_tool("call_sensitive_service", arguments))
    preview = (first["result"] if set(first) == {"result"} else first)["preview"]
    everything = set(peer.states())
    assert len(everything) > 100
    shown = set(re.findall(r"[a-z0-9_]+\.[a-z0-9_]+", preview))
    assert everything - shown == set()
