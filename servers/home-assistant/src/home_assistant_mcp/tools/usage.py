"""Search inside configuration: which automations, scripts, scenes and groups use an entity
(Home Assistant's ``search/related``, which follows devices, areas and groups too), and which of
them turn it on or off (their actions' targets expanded like a call's: areas, devices, labels,
groups; a script that does it counts for the automations that run the script)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.config_walk import actions_of, data_of, service_of, steps, target_of
from home_assistant_mcp.entities import domain_of, friendly_name
from home_assistant_mcp.models_config import Usage
from home_assistant_mcp.targets import data_references, normal_target, reach
from home_assistant_mcp.tools import Deps, IdItem
from homelab_shared.errors import UpstreamError
from homelab_shared.output import Page, paginate
from homelab_shared.toolbox import Toolbox

Effect = Annotated[Literal["any", "turns_on", "turns_off"], Field(description="Which uses")]
Entity = Annotated[IdItem, Field(description="e.g. light.porch")]
Few = Annotated[int, Field(ge=1, le=200)]  # undescribed like the shared Limit and Offset
Skip = Annotated[int, Field(ge=0)]
TURNS: dict[str, frozenset[str]] = {
    "turns_on": frozenset(
        {"turn_on", "toggle", "open_cover", "set_cover_position", "open_cover_tilt", "unlock"}
        | {"open", "media_play", "media_play_pause", "open_valve", "start", "alarm_disarm"}
    ),
    "turns_off": frozenset(
        {"turn_off", "toggle", "close_cover", "close_cover_tilt", "lock", "media_pause"}
        | {"media_stop", "media_play_pause", "close_valve", "stop", "return_to_base"}
        | {"alarm_arm_away", "alarm_arm_home", "alarm_arm_night", "alarm_arm_vacation"}
    ),
}
SCENE_STATES = {
    "turns_on": {"on", "open", "unlocked", "playing", "disarmed"},
    "turns_off": {"off", "closed", "locked", "paused", "idle", "standby"},
}
Configs = dict[str, dict[str, Any]]


async def _configs(ha: HAClient, states: Mapping[str, Any]) -> Configs:
    """Every automation's and script's config, by entity id (unreadable ones left out)."""
    wanted = [e for e in states if domain_of(e) in ("automation", "script")]

    async def one(entity_id: str) -> dict[str, Any]:
        try:
            result = await ha.ws.command(f"{domain_of(entity_id)}/config", entity_id=entity_id)
        except UpstreamError:
            return {}
        return (result or {}).get("config") or {}

    found = await asyncio.gather(*(one(e) for e in wanted))
    return {e: c for e, c in zip(wanted, found, strict=True) if c}


def _hits(
    config: Mapping[str, Any],
    kind: str,
    wanted: str,
    services: frozenset[str],
    states: Mapping[str, Any],
    catalog: Catalog,
) -> list[str]:
    """How the config's actions switch ``wanted``: "actions[0]: light.turn_on (through area x)"."""
    key, actions = actions_of(kind, config)
    hits = []
    for path, step in steps(actions, key):
        service = service_of(step)
        if service is None or service.partition(".")[2] not in services:
            continue
        domain, _, name = service.partition(".")
        try:
            target = normal_target(target_of(step))
            in_data = data_references(data_of(step))
        except ToolError:  # a template or malformed id: what it reaches is not known
            continue
        for effect in reach(domain, name, target, states, catalog, in_data):
            if effect.entity_id == wanted:
                via = f" (through {effect.via})" if effect.via else ""
                hits.append(f"{path}: {service}{via}")
    return hits


def _runs_script(config: Mapping[str, Any], kind: str, script: str) -> str | None:
    key, actions = actions_of(kind, config)
    for path, step in steps(actions, key):
        service = service_of(step) or ""
        targets = target_of(step).get("entity_id")
        named = targets if isinstance(targets, list) else [targets]
        if service == script or (
            service in ("script.turn_on", "script.toggle") and script in named
        ):
            return path
    return None


async def switching(ha: HAClient, entity_id: str, effect: str) -> list[Usage]:
    states = {s["entity_id"]: s for s in await ha.states()}
    catalog = await Catalog.load(ha)
    configs = await _configs(ha, states)
    found: dict[str, Usage] = {}
    for owner, config in configs.items():
        hits = _hits(config, domain_of(owner), entity_id, TURNS[effect], states, catalog)
        if hits:
            name = friendly_name(states[owner])
            found[owner] = Usage(entity_id=owner, name=name, how="; ".join(hits[:3]))
    for script in [s for s in found if domain_of(s) == "script"]:
        for owner, config in configs.items():
            path = _runs_script(config, domain_of(owner), script)
            if path and owner not in found:
                how = f"{path}: runs {script}, which does it"
                found[owner] = Usage(entity_id=owner, name=friendly_name(states[owner]), how=how)
    for scene, state in states.items():
        members = state.get("attributes", {}).get("entity_id") or []
        if domain_of(scene) != "scene" or entity_id not in members:
            continue
        stored = await _scene_state(ha, state, entity_id)
        if stored is None or stored in SCENE_STATES[effect]:
            how = f"sets it to {stored}" if stored else "sets it (stored state not readable)"
            found[scene] = Usage(entity_id=scene, name=friendly_name(state), how=how)
    return list(found.values())


async def _scene_state(ha: HAClient, scene: Mapping[str, Any], entity_id: str) -> str | None:
    """The state a scene stores for the entity (UI scenes; YAML ones are not readable)."""
    scene_id = scene.get("attributes", {}).get("id")
    if not scene_id:
        return None
    try:
        config = await ha.http.get_json(
            f"/api/config/scene/config/{ha.http.segment(str(scene_id), 'scene id')}"
        )
    except UpstreamError:
        return None
    value = (config.get("entities") or {}).get(entity_id)
    state = value.get("state") if isinstance(value, Mapping) else value
    return None if state is None else str(state)


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def find_usage(
        entity_id: Entity, effect: Effect = "any", limit: Few = 50, offset: Skip = 0
    ) -> Page[Usage]:
        """Automations, scripts, scenes and groups that use an entity (or turn it on/off)."""
        ha = deps.ha()
        await ha.state(entity_id)  # a clear error for an unknown id
        if effect != "any":
            return paginate(await switching(ha, entity_id, effect), limit, offset)
        related = await ha.ws.command("search/related", item_type="entity", item_id=entity_id)
        states = {s["entity_id"]: s for s in await ha.states()}
        items = [
            Usage(entity_id=e, name=friendly_name(states[e]) if e in states else None)
            for key in ("automation", "script", "scene", "group")
            for e in (related or {}).get(key, [])
            if e != entity_id
        ]
        return paginate(items, limit, offset)
