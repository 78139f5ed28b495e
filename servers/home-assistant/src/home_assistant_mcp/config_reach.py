"""Whether saving a configuration could reach a lock, alarm, door or Home Assistant's restart.

An automation or script is judged step by step like a service call (:mod:`targets` expands areas,
devices, floors, labels, groups and scenes from fresh data; :mod:`safety` applies the allow-list),
and then what its steps change is followed into the automations those changes start
(:mod:`chains`). Whatever cannot be checked is destructive (default-deny): a service or target
chosen by a template, a device action, a fired event, a step this server does not know. A scene
is destructive when it stores a state for a lock, alarm or door-like cover other than a secured
one; a group when a member is one (the group forwards calls to it); a helper when changing it
could start such an automation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.chains import started
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.config_walk import (
    actions_of,
    as_list,
    data_of,
    service_of,
    steps,
    target_of,
    templated,
)
from home_assistant_mcp.safety import Policy, guarded, judge, label
from home_assistant_mcp.targets import data_references, normal_target, reach
from homelab_shared.errors import UpstreamError

# Steps that act on nothing themselves (blocks are walked into by config_walk.steps).
INERT = frozenset(
    {
        *("delay", "wait_template", "wait_for_trigger", "condition", "variables", "stop"),
        *("set_conversation_response", "choose", "if", "repeat", "parallel", "sequence"),
    }
)
SECURED_STATES = frozenset(
    {"locked", "closed", "armed_away", "armed_home", "armed_night", "armed_vacation"}
    | {"armed_custom_bypass"}
)
State = Mapping[str, Mapping[str, Any]]


class _Steps:
    """Judges the steps of one config, loading the registries once, only if a step needs them."""

    def __init__(self, ha: HAClient, states: State, policy: Policy) -> None:
        self.ha = ha
        self.states = states
        self.policy = policy
        self.catalog: Catalog | None = None
        self.unresolved = False
        self.changed: list[str] = []

    async def _catalog(self) -> Catalog | None:
        if self.catalog is None and not self.unresolved:
            try:
                self.catalog = await Catalog.load(self.ha, fresh=True)
            except UpstreamError:
                self.unresolved = True
        return self.catalog

    async def call(self, path: str, service: str, step: Mapping[str, Any]) -> str | None:
        target, data = target_of(step), data_of(step)
        if templated(service):
            return f"{path} calls an action chosen by a template, which cannot be checked"
        if templated(target) or templated(data):
            return (
                f"{path} ({service}) has a template in its target or data, which cannot be checked"
            )
        domain, _, name = service.partition(".")
        try:
            normal = normal_target(target)
            in_data = data_references(data)
        except ToolError as err:
            return f"{path} ({service}): {err}"
        catalog = await self._catalog() if any(k != "entity_id" for k in normal) else None
        effects = reach(domain, name, normal, self.states, catalog, in_data)
        sensitive = judge(
            service, data, effects, self.states, self.policy, unresolved=self.unresolved
        )
        if sensitive is not None:
            return f"{path} {sensitive.reason}"
        self.changed += [e.entity_id for e in effects]
        return None

    async def step(self, path: str, step: Mapping[str, Any]) -> str | None:
        service = service_of(step)
        if service is not None:
            return await self.call(path, service, step)
        if "device_id" in step and "type" in step:
            what = f"{step.get('domain')} {step.get('type')}"
            return f"{path} is a device action ({what}), which cannot be checked"
        if "event" in step:
            event = step.get("event")
            return f"{path} fires event {event}, which may start automations not followed here"
        if "_invalid" in step or not INERT & set(step):
            return f"{path} is a step this server does not know, so it cannot be checked"
        return None


async def _actions(
    ha: HAClient, kind: str, config: Mapping[str, Any], states: State, policy: Policy
) -> str | None:
    judge_steps = _Steps(ha, states, policy)
    key, actions = actions_of(kind, config)
    for path, step in steps(actions, key):
        reason = await judge_steps.step(path, step)
        if reason is not None:
            return reason
    chain = await started(ha, sorted(set(judge_steps.changed)), policy)
    return f"its actions {chain.reason}" if chain else None


def _scene(config: Mapping[str, Any], states: State) -> str | None:
    stored = config.get("entities") or {}
    if not isinstance(stored, Mapping):
        return None
    members = {e: "the scene" for e in stored}
    for effect in reach("scene", "apply", {}, states, None, members):
        if not guarded(effect.entity_id, states):
            continue
        value = stored.get(effect.entity_id)
        state = value.get("state") if isinstance(value, Mapping) else value
        if effect.via == "the scene" and str(state) in SECURED_STATES:
            continue
        via = f" through {effect.via}" if effect.via and effect.via != "the scene" else ""
        return f"it sets {label(effect.entity_id, states)}{via} to {state or 'a stored state'}"
    return None


def _group(config: Mapping[str, Any], states: State) -> str | None:
    members = {str(e): "the group" for e in as_list(config.get("entities"))}
    for effect in reach("group", "apply", {}, states, None, members):
        if guarded(effect.entity_id, states):
            return (
                f"its members include {label(effect.entity_id, states)}, and a call on the "
                "group acts on its members"
            )
    return None


async def sensitivity(
    ha: HAClient, kind: str, config: Mapping[str, Any], policy: Policy, entity_id: str | None
) -> str | None:
    """Why saving this config is destructive, or None when it is a plain write."""
    states = {s["entity_id"]: s for s in await ha.states()}
    if kind in ("automation", "script"):
        return await _actions(ha, kind, config, states, policy)
    reason = _scene(config, states) if kind == "scene" else None
    if kind == "group":
        reason = _group(config, states)
    if reason is None and entity_id and kind != "scene":
        chain = await started(ha, [entity_id], policy)  # a changed helper or group may start them
        reason = f"changing it {chain.reason}" if chain else None
    return reason
