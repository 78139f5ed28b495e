"""Tasmota relays under attack (Home Assistant server's direct Tasmota tools), through a real MCP
client with writes on and destructive tools on (without a token) or off.

The owner guards the garage door opener (a one-relay device, ``tasmota:garage`` in
HA_SENSITIVE_SERVICES) and relay 2 of two multi-relay devices (``"guarded": [2]`` in
HA_TASMOTA_DEVICES); on the rack, a device rule switches relay 2 on whenever relay 1 turns on.
The upstream is the Tasmota fake (answers and rules as the device runs them); the witness is the
fakes' relays and the commands they received: a refused case sends nothing but queries.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import respx
from fastmcp import FastMCP

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client
from tests.security.cases import AttackCase, Call, params, run_case
from tests.servers.home_assistant.tasmota_fake import FakeTasmota

URLS = {
    "garage": "http://192.0.2.20",
    "strip": "http://192.0.2.21",
    "rack": "http://192.0.2.22",
}
DEVICES = json.dumps(
    {
        "garage": URLS["garage"],
        "strip": {"url": URLS["strip"], "guarded": [2]},
        "rack": {"url": URLS["rack"], "guarded": [2]},
    }
)
SERVER = "home-assistant"  # part of its suite (tests/security/test_attack_contract.py)
WRITES = {"allow_write": True}
ALL = {"allow_write": True, "allow_destructive": True}
GUARDED = "which the operator guards"
UNSAFE = "run_tasmota_unsafe_command"


def power(device: str, action: str = "on", relay: int = 1) -> dict[str, Any]:
    return {"device": device, "action": action, "relay": relay}


def command(device: str, text: str) -> dict[str, Any]:
    return {"device": device, "command": text}


CASES = [
    # the guarded garage opener: every relay, whatever the tool or spelling
    AttackCase("power-on-guarded-device", "set_tasmota_power", power("garage"), match=GUARDED),
    AttackCase("toggle-guarded-device", "set_tasmota_power", power("garage", "toggle")),
    *[
        AttackCase(
            f"command-{label}-guarded-device",
            "run_tasmota_command",
            command("garage", text),
            match=rf"{GUARDED}.*{UNSAFE}",
        )
        for label, text in [
            ("power", "Power on"),
            ("power1-numeric", "POWER1 1"),
            ("blink", "Power1 blink"),
            ("dimmer", "Dimmer 40"),  # a light command turns the light's relay on
            ("color", "Color 255,0,0"),
        ]
    ],
    # relay 2 of the strip is guarded; relay 1 is not (see the control test)
    AttackCase("power-guarded-relay", "set_tasmota_power", power("strip", "on", 2), match="2"),
    AttackCase("command-guarded-relay", "run_tasmota_command", command("strip", "Power2 toggle")),
    AttackCase(
        "light-command-may-reach-guarded-relay",
        "run_tasmota_command",
        command("strip", "CT 300"),
        match="may switch any relay.*including relay 2",
    ),
    # an unguarded relay whose rule switches the guarded one
    AttackCase(
        "rule-chains-to-guarded-relay",
        "set_tasmota_power",
        power("rack", "on", 1),
        match="Rule1 is active",
        why="on Power1#State=1 do Power2 on endon",
    ),
    AttackCase("rule-chains-through-command", "run_tasmota_command", command("rack", "Power1 on")),
    # the generic command tool is default-deny: only queries, power and light settings
    *[
        AttackCase(
            f"not-allow-listed-{label}",
            "run_tasmota_command",
            command("strip", text),
            match=UNSAFE,
        )
        for label, text in [
            ("backlog", "Backlog Power2 on"),
            ("power0-all", "Power0 on"),
            ("equals-form", "Power2=on"),
            ("tab-form", "Power2\ton"),
            ("chained", "Power1 on; Power2 on"),
            ("rule-definition", "Rule1 on Power1#State=1 do Power2 on endon"),
            ("rule-enable", "Rule1 1"),
            ("script", "Script >=#power2 1"),
            ("timer", 'Timer1 {"Enable":1,"Time":"00:01","Action":1,"Output":2}'),
            ("webquery", "WebQuery http://192.0.2.21/cm?cmnd=Power2%20on GET"),
            ("websend", "WebSend [192.0.2.21] Power2 on"),
            ("pulsetime", "PulseTime2 1"),
            ("interlock", "Interlock 0"),
            ("poweronstate", "PowerOnState 1"),
            ("upgrade", "Upgrade 1"),
            ("reset", "Reset 1"),
            ("setoption", "SetOption0 1"),
            ("gpio", "GPIO12 225"),
        ]
    ],
    # the destructive path: hidden unless enabled, a preview naming the guarded relay, no forgery
    AttackCase(
        "unsafe-tool-with-writes-only",
        UNSAFE,
        command("garage", "Power on"),
        settings=WRITES,
        match="HA_ALLOW_DESTRUCTIVE",
    ),
    AttackCase(
        "unsafe-tool-without-token-previews",
        UNSAFE,
        command("strip", "Power2 on"),
        settings=ALL,
        expect="confirmation",
        match="switches guarded relay 2",
    ),
    AttackCase(
        "unsafe-tool-with-forged-token",
        UNSAFE,
        {**command("garage", "Power on"), "confirm_token": "c1.9999999999.forged.token"},
        settings=ALL,
    ),
    AttackCase(
        "token-for-another-relay",
        UNSAFE,
        command("strip", "Power2 on"),
        settings=ALL,
        setup=(Call(UNSAFE, command("strip", "Power3 on")),),
        expect="confirmation",
        why="a preview of one relay never authorises another (the attack repeats the preview)",
    ),
]


class Lab:
    def __init__(self) -> None:
        self.fakes = {
            "garage": FakeTasmota(),
            "strip": FakeTasmota(relays=4),
            "rack": FakeTasmota(relays=2, rules={1: "on Power1#State=1 do Power2 on endon"}),
        }

    def relays(self) -> dict[str, list[str]]:
        return {name: list(fake.power) for name, fake in self.fakes.items()}

    def switching(self) -> list[tuple[str, str]]:
        """Every command a device received that is not a query (Status, RuleN reads)."""
        return [
            (name, c)
            for name, fake in self.fakes.items()
            for c in fake.commands
            if not (c.startswith("Status") or c in ("Rule1", "Rule2", "Rule3"))
        ]


@pytest.fixture
def lab() -> Iterator[Lab]:
    built = Lab()
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        for name, url in URLS.items():
            mock.get(url__startswith=f"{url}/cm").mock(side_effect=built.fakes[name])
        yield built


def server(runtime: RuntimeSettings, **overrides: Any) -> FastMCP[Any]:
    values: dict[str, Any] = {
        "url": "http://127.0.0.1:9",  # Home Assistant is not needed for Tasmota
        "token": "unused-token-value",
        "tasmota_devices": DEVICES,
        "sensitive_services": "lock.*, tasmota:garage",
        **overrides,
    }
    return build_server(load_settings(HASettings, **values), runtime)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, FastMCP[Any]]:
    """Writes on, without and with destructive tools (built once: the server has 50 tools)."""
    runtime = load_settings(RuntimeSettings, state_dir=tmp_path_factory.mktemp("state"))
    return {False: server(runtime, **WRITES), True: server(runtime, **ALL)}


def audit(runtime: RuntimeSettings) -> list[tuple[str, str]]:
    path: Path = runtime.audit_path()
    lines = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    return [(line["tool"], line["outcome"]) for line in lines]


@pytest.mark.parametrize("case", params(CASES))
async def test_attack(case: AttackCase, lab: Lab, servers: dict[bool, FastMCP[Any]]) -> None:
    before = lab.relays()
    async with mcp_client(servers[bool(case.settings.get("allow_destructive"))]) as client:
        outcome = await run_case(client, case)
    outcome.check()
    assert lab.switching() == [], f"{case.name}: a device was sent {lab.switching()}"
    assert lab.relays() == before, f"{case.name}: a relay changed"


async def test_refusals_are_audited_apart_from_mistakes(lab: Lab, runtime: RuntimeSettings) -> None:
    async with mcp_client(server(runtime, **WRITES)) as client:
        await run_case(client, CASES[0])
        await run_case(client, AttackCase("typo", "set_tasmota_power", power("garaj")))
    assert audit(runtime) == [
        ("set_tasmota_power", "refused:sensitive"),
        ("set_tasmota_power", "error:not_found"),
    ]


async def test_the_witnesses_see_a_real_switch(lab: Lab, runtime: RuntimeSettings) -> None:
    """Control: an unguarded relay switches as a plain write; a guarded one after a confirmed
    preview; the rack's rule really does switch relay 2 (so the cases above mean something)."""
    async with mcp_client(server(runtime, **ALL)) as client:
        await client.call_tool("set_tasmota_power", power("strip", "on", 1))
        args = command("garage", "Power on")
        first = await client.call_tool(UNSAFE, args)
        token = (first.structured_content or {})["result"]["confirm_token"]
        await client.call_tool(UNSAFE, {**args, "confirm_token": token})
    lab.fakes["rack"]._switch(1, "on")
    assert lab.relays() == {
        "garage": ["ON"],
        "strip": ["ON", "OFF", "OFF", "OFF"],
        "rack": ["ON", "ON"],
    }
    assert lab.switching() == [("garage", "Power on"), ("strip", "Power1 on")]


def test_guards_must_name_a_configured_device() -> None:
    with pytest.raises(Exception, match=r"tasmota:gate.*names no device.*garage"):
        load_settings(
            HASettings,
            url="http://127.0.0.1:9",
            token="unused-token-value",
            tasmota_devices=DEVICES,
            sensitive_services="tasmota:gate/2",
        )
