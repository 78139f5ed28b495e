"""Common mistakes in an automation, script, scene or group, found before it is saved.

Home Assistant's own validation (the config API on save, and ``validate_config`` for triggers,
conditions and actions) accepts configs that fail only when they run: a service that does not
exist, an entity id with a typo. It also accepts syntax it has replaced: ``service:`` (now
``action:``, 2024.8), ``platform:`` in triggers (now ``trigger:``, 2024.10), singular
``trigger``/``condition``/``action`` keys (now plural), ``data_template``. These are reported
with where they are; errors block a save, warnings are returned with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.config_walk import actions_of, as_list, service_of, steps, templated
from home_assistant_mcp.models_config import Issue
from home_assistant_mcp.targets import MATCH_ALL, MATCH_NONE
from homelab_shared.errors import UpstreamError

SERVICE_RE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")


def _warn(path: str, problem: str) -> Issue:
    return Issue(path=path, problem=problem, severity="warning")


def _error(path: str, problem: str) -> Issue:
    return Issue(path=path, problem=problem, severity="error")


def deprecated(kind: str, config: Mapping[str, Any]) -> list[Issue]:
    issues: list[Issue] = []
    if kind == "automation":
        for old in ("trigger", "condition", "action"):
            if old in config:
                issues.append(_warn(old, f"old syntax: use {old}s (Home Assistant 2024.10+)"))
        key = "triggers" if "triggers" in config else "trigger"
        for i, trigger in enumerate(as_list(config.get(key))):
            if isinstance(trigger, Mapping) and "platform" in trigger and "trigger" not in trigger:
                issues.append(_warn(f"{key}[{i}].platform", "old syntax: use trigger: (2024.10+)"))
    key, actions = actions_of(kind, config)
    for path, step in steps(actions, key):
        if "service" in step:
            issues.append(_warn(f"{path}.service", "old syntax: use action: (2024.8+)"))
        if "service_template" in step:
            issues.append(_warn(f"{path}.service_template", "old syntax: use action: "))
        if "data_template" in step:
            issues.append(_warn(f"{path}.data_template", "old syntax: use data: (templates work)"))
    return issues


def _entity_refs(value: Any, path: str) -> list[tuple[str, str]]:
    """(path, entity id) for every ``entity_id`` value anywhere (templates skipped)."""
    found: list[tuple[str, str]] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key == "entity_id" and not templated(item):
                for raw in as_list(item):
                    for part in str(raw).split(","):
                        if part.strip() not in (MATCH_ALL, MATCH_NONE, ""):
                            found.append((where, part.strip()))
            else:
                found.extend(_entity_refs(item, where))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_entity_refs(item, f"{path}[{i}]"))
    return found


def entity_refs(kind: str, config: Mapping[str, Any]) -> list[tuple[str, str]]:
    if kind == "scene":
        return [(f"entities.{e}", e) for e in (config.get("entities") or {})]
    if kind == "group":
        return [(f"entities[{i}]", e) for i, e in enumerate(as_list(config.get("entities")))]
    return _entity_refs(config, "")


def unknown_names(
    kind: str,
    config: Mapping[str, Any],
    states: Mapping[str, Any],
    services: Mapping[str, Mapping[str, Any]],
) -> list[Issue]:
    issues = [
        _error(path, f"no entity {entity_id} in Home Assistant (search_entities finds ids)")
        for path, entity_id in entity_refs(kind, config)
        if entity_id not in states
    ]
    key, actions = actions_of(kind, config)
    for path, step in steps(actions, key):
        if "_invalid" in step:
            issues.append(_error(path, "a step must be a mapping"))
            continue
        service = service_of(step)
        if service is None or templated(service) or "scene" in step:
            continue
        domain, _, name = service.partition(".")
        if not SERVICE_RE.fullmatch(service) or name not in services.get(domain, {}):
            issues.append(_error(path, f"no action (service) {service} in Home Assistant"))
    return issues


async def validated(ha: HAClient, kind: str, config: Mapping[str, Any]) -> list[Issue]:
    """Home Assistant's own check of triggers, conditions and actions (``validate_config``)."""
    if kind not in ("automation", "script"):
        return []
    parts: dict[str, Any] = {}
    if kind == "automation":
        for key in ("triggers", "conditions", "actions"):
            value = config.get(key, config.get(key.removesuffix("s")))
            if value is not None:
                parts[key] = value
    elif config.get("sequence") is not None:
        parts["actions"] = config["sequence"]
    if not parts:
        return []
    try:
        result = await ha.ws.command("validate_config", **parts)
    except UpstreamError as err:
        return [_error("config", f"Home Assistant could not validate it: {err}")]
    where = {"actions": "sequence"} if kind == "script" else {}
    return [
        _error(where.get(key) or key, str(outcome.get("error")))
        for key, outcome in (result or {}).items()
        if isinstance(outcome, Mapping) and not outcome.get("valid", True)
    ]


async def check(ha: HAClient, kind: str, config: Mapping[str, Any]) -> list[Issue]:
    """Every issue found: Home Assistant's validation, unknown names, old syntax."""
    states = {s["entity_id"]: s for s in await ha.states()}
    services = await ha.services(fresh=True)
    issues = await validated(ha, kind, config)
    issues += unknown_names(kind, config, states, services)
    issues += deprecated(kind, config)
    return issues
