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

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastmcp import Client, FastMCP
from fastmcp.exceptions import ToolError

from home_assistant_mcp.safety import guarded
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client, structured
from tests.peers.homeassistant import HomeAssistantPeer, require_homeassistant
from tests.security.home_assistant_authoring_cases import AUTHORING
from tests.security.home_assistant_cases import ATTACKS as PATHS
from tests.security.home_assistant_cases import Attack, Direct, Step
from tests.security.home_assistant_lab import (
    FRONT,
    GARAGE,
    Peer,
    service_calls,
    watched,
)

pytestmark = pytest.mark.peer
ATTACKS = [*PATHS, *AUTHORING]


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
