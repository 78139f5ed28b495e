"""Automations a write would start, and whether what they do stays a write.

Turning a helper or switch on is confined to that entity, but an automation that triggers on the
change acts inside Home Assistant: "vacation mode off -> unlock the front door". Before a write
runs, the enabled automations are read fresh (``automation/config``); every one whose triggers name
a changed entity (or its device) is followed, and its actions are judged like a call: a lock,
alarm or door they name, a service not on the allow-list (scripts, scenes, other automations),
a device action or a templated service makes the write destructive. Entities its actions change
may start further automations, followed the same way.

The scan reads text, erring towards more: an entity id mentioned anywhere in a trigger counts as
a trigger on it, and anything in the actions as something they may do.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.safety import GENERIC, Policy, Sensitive, guarded, label
from home_assistant_mcp.targets import domain_of
from homelab_shared.errors import UpstreamError

TOKEN = re.compile(r"(?<![a-z0-9_.])([a-z0-9_]+\.[a-z0-9_]+)(?![a-z0-9_])")
TEMPLATED_SERVICE = re.compile(r'"(?:action|service)": "[^"]*\{[{%]')


def _part(config: Mapping[str, Any], plural: str) -> str:
    return json.dumps(config.get(plural, config.get(plural.removesuffix("s"), [])))


def _risk(
    actions: str,
    states: Mapping[str, Mapping[str, Any]],
    services: Mapping[str, Mapping[str, Any]],
    policy: Policy,
) -> str | None:
    """What in an automation's actions is not a plain write, or None."""
    for token in TOKEN.findall(actions):
        if token in states and guarded(token, states):
            return f"acts on {label(token, states)}"
        domain, service = token.split(".", 1)
        if service in services.get(domain, {}) and not policy.is_safe(token):
            return f"runs {token}"
    if '"device_id"' in actions:
        return "uses device actions, which this server cannot check"
    if TEMPLATED_SERVICE.search(actions):
        return "calls a service chosen by a template"
    return None


async def _configs(client: HAClient, automations: list[str]) -> dict[str, dict[str, Any]]:
    found = await asyncio.gather(*(client.automation_config(a) for a in automations))
    return dict(zip(automations, found, strict=True))


async def started(client: HAClient, changed: Iterable[str], policy: Policy) -> Sensitive | None:
    """The reason a write is destructive because of an automation it starts, or None."""
    states = {s["entity_id"]: s for s in await client.states()}
    enabled = sorted(
        e for e, s in states.items() if domain_of(e) == "automation" and s.get("state") == "on"
    )
    if not enabled:
        return None
    try:
        configs = await _configs(client, enabled)
        devices = await _devices(client, configs)
    except UpstreamError as err:
        return Sensitive(
            "may start automations, and their configuration cannot be read to check them "
            f"({err}; the token of an administrator can read them)",
            GENERIC,
        )
    services = await client.services()
    # (entity, how the write reaches it): the path is named in the refusal
    todo = [(e, e) for e in changed]
    seen, fired = {e for e, _ in todo}, set()
    while todo:
        entity_id, path = todo.pop()
        names = {entity_id, devices.get(entity_id) or entity_id}
        for automation, config in configs.items():
            if automation in fired or not names & set(_words(_part(config, "triggers"))):
                continue
            fired.add(automation)
            actions = _part(config, "actions")
            via = f"{path}, which starts {label(automation, states)}"
            risk = _risk(actions, states, services, policy)
            if risk is not None:
                return Sensitive(f"changes {via}; that automation {risk}", GENERIC)
            for token in TOKEN.findall(actions):
                if token in states and token not in seen:
                    seen.add(token)
                    todo.append((token, f"{via}, which changes {token}"))
    return None


def _words(text: str) -> list[str]:
    """Entity ids and device ids (32 hex digits) mentioned in a trigger."""
    return [*TOKEN.findall(text), *re.findall(r"\b[0-9a-f]{32}\b", text)]


async def _devices(client: HAClient, configs: Mapping[str, Any]) -> dict[str, str]:
    """entity id -> device id, only when some trigger is a device trigger."""
    if not any('"device_id"' in _part(c, "triggers") for c in configs.values()):
        return {}
    catalog = await Catalog.load(client, fresh=True)
    return {e: r["device_id"] for e, r in catalog.entities.items() if r.get("device_id")}


def _targets(node: Any, found: dict[str, list[str]]) -> None:
    """Area, device, floor and label ids named anywhere in an action list."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in ("area_id", "device_id", "floor_id", "label_id"):
                values = [value] if isinstance(value, str) else value
                if isinstance(values, list):
                    found.setdefault(key.removesuffix("_id"), []).extend(map(str, values))
            _targets(value, found)
    elif isinstance(node, list):
        for item in node:
            _targets(item, found)


async def acts_on(client: HAClient, entity_id: str) -> str:
    """What a script's or automation's actions name, for its preview: every entity (with its
    state now), area/device/floor/label targets and the services it calls. Read from its
    configuration, so a template or a service chosen at run time is named but not followed."""
    automation = domain_of(entity_id) == "automation"
    try:
        if automation:
            config = await client.automation_config(entity_id)
        else:
            config = await client.script_config(entity_id)
    except UpstreamError as err:
        return f" Its actions could not be read ({err}), so what it acts on is unknown."
    actions = config.get("actions", config.get("action")) if automation else None
    if actions is None:
        actions = config.get("sequence", [])
    text = json.dumps(actions)
    states = {s["entity_id"]: s for s in await client.states()}
    services = await client.services()
    tokens = list(dict.fromkeys(TOKEN.findall(text)))
    named = [t for t in tokens if t in states and t != entity_id]
    called = [t for t in tokens if t.split(".", 1)[1] in services.get(t.split(".", 1)[0], {})]
    parts = [f"{label(e, states)} now {states[e].get('state')}" for e in named]
    found: dict[str, list[str]] = {}
    _targets(actions, found)
    parts += [f"{kind} {', '.join(dict.fromkeys(ids))}" for kind, ids in found.items()]
    what = "; ".join(parts) or "no entity by name"
    calls = f" It calls {', '.join(called)}." if called else ""
    templated = " Some of it is chosen by a template." if "{{" in text or "{%" in text else ""
    return f" Its actions name: {what}.{calls}{templated}"
