"""Which relays a Tasmota command switches, and whether that needs a confirmation.

The generic command tool is default-deny already: it sends only the commands on
``tasmota_client``'s allow-list (queries, power and light settings); Backlog, Rule/Script/Timer
definitions, WebQuery/WebSend, Upgrade, Reset and the rest need the destructive tool. Among the
allowed commands, a query (no argument, or ``Status N``) switches nothing; ``Power<N> <action>``
switches relay N; ``LedPower`` drives only the status LED. A light command with an argument
(Dimmer, Color, CT, White, Channel, HSBColor, Fade, Speed, Scheme) turns the light on, and which
relay drives the light depends on the device's template, so it counts as switching every relay.

A relay the operator guards (``tasmota:<device>[/<relay>]`` in HA_SENSITIVE_SERVICES, or
``"guarded"`` in HA_TASMOTA_DEVICES: the relay behind a garage door opener, a door strike, a
server's power) is never switched by a write tool. Neither is any other relay of that device while
one of its rules is active: a rule (``on Power1#State=1 do Power2 on endon``) acts on the device
when a relay changes, like a Home Assistant automation, and this server does not parse rules.
"""

from __future__ import annotations

import re
from typing import Any

from home_assistant_mcp.settings import EVERY_RELAY, HASettings
from home_assistant_mcp.tasmota_client import TasmotaClient
from homelab_shared.errors import SafetyRefusal

EVERY = frozenset(EVERY_RELAY)
RULE_SETS = ("Rule1", "Rule2", "Rule3")
_POWER = re.compile(r"power([0-9]{0,2})")


def switched(command: str) -> frozenset[int]:
    """The relays an allow-listed command may switch (empty: it only reads)."""
    name, _, args = command.strip().partition(" ")
    name, args = name.lower(), args.strip()
    if not args or name == "status":
        return frozenset()
    power = _POWER.fullmatch(name)
    if power:
        relay = int(power.group(1) or 1)
        return EVERY if relay == 0 else frozenset({relay})  # Power0: every relay at once
    if name.startswith("ledpower"):
        return frozenset()
    return EVERY


def _relays(relays: frozenset[int]) -> str:
    if relays >= EVERY:
        return "every relay"
    numbers = sorted(relays)
    return f"relay{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"


def _refusal(command: str, device: str, why: str) -> SafetyRefusal:
    return SafetyRefusal(
        f"{command!r} was not sent to Tasmota {device}: it {why}, which needs a confirmation. "
        f"Use run_tasmota_unsafe_command with the same device and command: it shows a preview "
        "and returns a confirm_token (the operator enables it with HA_ALLOW_DESTRUCTIVE=true)."
    )


async def active_rule(tasmota: TasmotaClient, device: str) -> str | None:
    """The first enabled, non-empty rule set of ``device`` (``Rule1``...), or None."""
    for name in RULE_SETS:
        answer: dict[str, Any] = await tasmota.command(device, name)
        rule = answer.get(name)
        if not isinstance(rule, dict):  # an answer we cannot read might hide a rule
            return name
        if str(rule.get("State", "")).upper() == "ON" and str(rule.get("Rules") or "").strip():
            return name
    return None


async def refuse_if_guarded(
    settings: HASettings, tasmota: TasmotaClient, device: str, command: str
) -> None:
    """Raise a SafetyRefusal if ``command`` may switch a guarded relay of ``device``."""
    guarded = settings.tasmota_guarded(device)
    reached = switched(command)
    if not guarded or not reached:
        return
    hit = reached & guarded
    if hit:
        what = f"switches {_relays(hit)}"
        if reached >= EVERY and hit != reached:  # a light command: its relay is not known here
            what = (
                "may switch any relay (the light's relay is set by the device's template), "
                f"including {_relays(hit)}"
            )
        raise _refusal(command, device, f"{what}, which the operator guards")
    rule = await active_rule(tasmota, device)
    if rule is not None:
        raise _refusal(
            command,
            device,
            f"switches {_relays(reached)}, and the device's {rule} is active: a rule acts on "
            f"the device when a relay changes and may switch its guarded {_relays(guarded)}",
        )


def describe(settings: HASettings, device: str, command: str) -> str:
    """What a confirmed command switches that is guarded, for the destructive preview."""
    hit = switched(command) & settings.tasmota_guarded(device)
    return f" It switches guarded {_relays(hit)}." if hit else ""
