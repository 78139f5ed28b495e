"""What a service call really reaches, worked out from fresh Home Assistant data.

Home Assistant acts through more than the entity ids a caller names: areas, devices, floors and
labels expand to their entities, old-style ``group.*`` entities to their members, platform groups
(a light or cover group) forward the call to theirs, a scene sets every member, and some services
take entity ids inside their data (``scene.apply``'s ``entities``, ``tts.speak``'s
``media_player_entity_id``). :func:`reach` follows all of these so that the safety rules judge the
entities that would change, not the names in the request. Identifiers are validated here too: an
id that is not ``domain.object_id`` never reaches Home Assistant or a URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.catalog import Catalog

ENTITY_ID_RE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")
REGISTRY_ID_RE = re.compile(r"^[a-z0-9_]+$")
TARGET_KEYS = ("entity_id", "area_id", "device_id", "floor_id", "label_id")
MATCH_ALL, MATCH_NONE = "all", "none"
TEMPLATE_MARKERS = ("{{", "{%", "{#")
MAX_REACH = 5000  # a guard against pathological nesting, far above any real home


def domain_of(entity_id: str) -> str:
    return entity_id.split(".", 1)[0]


def _bad_id(where: str, value: Any) -> ToolError:
    return ToolError(
        f"{where}: {value!r} is not an entity id (domain.object_id, lower case, e.g. "
        "light.kitchen). Pass several ids as a list; search_entities finds them."
    )


def entity_ids(value: Any, where: str, *, keywords: bool = False) -> list[str]:
    """A str or list of entity ids, each checked against the entity-id pattern.

    ``keywords`` admits Home Assistant's ``all`` / ``none`` (only as the whole value). A
    comma-separated string, upper case or surrounding spaces are refused: Home Assistant would
    normalise them, so accepting them would judge one thing and run another.
    """
    if keywords and value in (MATCH_ALL, MATCH_NONE):
        return [value]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise _bad_id(where, value)
    for item in items:
        if not isinstance(item, str) or not ENTITY_ID_RE.fullmatch(item):
            raise _bad_id(where, item)
    return list(items)


def registry_ids(value: Any, where: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise ToolError(f"{where}: {value!r} must be an id or a list of ids.")
    for item in items:
        if not isinstance(item, str) or not REGISTRY_ID_RE.fullmatch(item):
            raise ToolError(
                f"{where}: {item!r} is not an id (lower case letters, digits and _); "
                "list_areas and list_devices show them."
            )
    return list(items)


def normal_target(target: Mapping[str, Any]) -> dict[str, list[str]]:
    """The target with every id validated, each value as a list."""
    normal: dict[str, list[str]] = {}
    for key, value in target.items():
        if key == "entity_id":
            normal[key] = entity_ids(value, key, keywords=True)
        else:
            normal[key] = registry_ids(value, key)
    return normal


def _is_entity_key(key: str) -> bool:
    return key == "entities" or key.endswith(("entity_id", "entity_ids", "_entities"))


def data_references(data: Any, path: str = "data") -> dict[str, str]:
    """Entity ids named anywhere inside service data (nested too), with where they were found.

    Refuses malformed ids and Jinja templates: a template is not rendered by a service call, but
    it must not carry an id past these checks either.
    """
    found: dict[str, str] = {}
    if isinstance(data, str):
        if any(marker in data for marker in TEMPLATE_MARKERS):
            raise ToolError(
                f"{path} contains a template; service data is passed as written. Render it "
                "first with render_template and pass the result."
            )
        return found
    if isinstance(data, list | tuple):
        for i, item in enumerate(data):
            found.update(data_references(item, f"{path}[{i}]"))
        return found
    if not isinstance(data, Mapping):
        return found
    for key, value in data.items():
        where = f"{path}.{key}"
        if not isinstance(key, str):
            raise ToolError(f"{path}: keys must be strings.")
        if _is_entity_key(key):
            names = list(value) if isinstance(value, Mapping) else value
            for entity_id in entity_ids(names, where):
                found.setdefault(entity_id, where)
        found.update(data_references(value, where))
    return found


@dataclass(frozen=True)
class Effect:
    """One entity the call changes, the service applied to it, and how it is reached.

    ``service`` is ``None`` when the entity is set to a state the call carries or stores (scene
    members, ids inside data): only the entity itself can then be judged.
    """

    entity_id: str
    service: str | None
    via: str | None = None


def indirect(target: Mapping[str, list[str]], catalog: Catalog) -> dict[str, str]:
    """Entities reached through areas, devices, floors and labels (as Home Assistant expands
    them, erring towards more), each with the first reason it is reached."""
    areas = {a: f"area {a}" for a in target.get("area_id", [])}
    for floor_id in target.get("floor_id", []):
        for area_id, area in catalog.areas.items():
            if area.get("floor_id") == floor_id:
                areas.setdefault(area_id, f"floor {floor_id}")
    labels = set(target.get("label_id", []))
    for area_id, area in catalog.areas.items():
        hit = labels & set(area.get("labels") or [])
        if hit:
            areas.setdefault(area_id, f"label {min(hit)}")
    devices = {d: f"device {d}" for d in target.get("device_id", [])}
    for device_id, device in catalog.devices.items():
        if device.get("area_id") in areas:
            devices.setdefault(device_id, areas[device["area_id"]])
        hit = labels & set(device.get("labels") or [])
        if hit:
            devices.setdefault(device_id, f"label {min(hit)}")
    found: dict[str, str] = {}
    for entity_id, entry in catalog.entities.items():
        hit = labels & set(entry.get("labels") or [])
        if entry.get("device_id") in devices:
            found[entity_id] = devices[entry["device_id"]]
        elif entry.get("area_id") in areas:
            found[entity_id] = areas[entry["area_id"]]
        elif hit:
            found[entity_id] = f"label {min(hit)}"
    return found


def _members(state: Mapping[str, Any] | None) -> list[str]:
    members = (state or {}).get("attributes", {}).get("entity_id")
    if isinstance(members, str):
        members = [members]
    if not isinstance(members, list):
        return []
    return [m for m in members if isinstance(m, str) and ENTITY_ID_RE.fullmatch(m)]


def reach(
    domain: str,
    service: str,
    target: Mapping[str, list[str]],
    states: Mapping[str, Mapping[str, Any]],
    catalog: Catalog | None,
    in_data: Mapping[str, str] | None = None,
) -> list[Effect]:
    """Every entity the call changes (see the module doc). ``catalog`` is needed only when the
    target has areas, devices, floors or labels."""
    generic = domain == "homeassistant"
    called = f"{domain}.{service}"
    start: list[tuple[str, str | None]] = []
    named = target.get("entity_id", [])
    if MATCH_ALL in named:
        start += [(e, "all") for e in states if generic or domain_of(e) == domain]
    start += [(e, None) for e in named if e not in (MATCH_ALL, MATCH_NONE)]
    if catalog is not None:
        # Home Assistant acts only on the called domain's entities among indirect targets.
        start += [
            (e, via)
            for e, via in indirect(target, catalog).items()
            if generic or domain_of(e) == domain
        ]
    effects: dict[str, Effect] = {}
    queue: list[tuple[str, str | None, str | None]] = [
        (e, via, f"{domain_of(e)}.{service}" if generic else called) for e, via in start
    ]
    queue += [(e, via, None) for e, via in (in_data or {}).items()]
    while queue and len(effects) < MAX_REACH:
        entity_id, via, applied = queue.pop(0)
        if entity_id in effects:
            continue
        members = _members(states.get(entity_id))
        kind = domain_of(entity_id)
        if kind == "group":
            # Old-style groups are expanded by Home Assistant before the call: the members are
            # called themselves (a domain service reaches only its own domain's members).
            effects[entity_id] = Effect(entity_id, None, via)
            for m in members:
                if generic or applied is None or domain_of(m) in (domain, "group"):
                    then = f"{domain_of(m)}.{service}" if generic else applied
                    queue.append((m, f"group {entity_id}", then))
            continue
        effects[entity_id] = Effect(entity_id, applied, via)
        if kind == "scene":
            queue += [(m, f"scene {entity_id}", None) for m in members]
        else:  # a platform group (light, cover, lock, media player...) forwards the call
            queue += [(m, f"group {entity_id}", applied) for m in members]
    return list(effects.values())


def listed(items: Iterable[str], called: str, effects: Iterable[Effect]) -> str | None:
    """The first operator list entry (``domain.service``, ``domain.*`` or an entity id) that
    matches the called service, a service applied to a reached entity, or a reached entity."""
    wanted = {called, f"{domain_of(called)}.*"}
    for effect in effects:
        wanted.add(effect.entity_id)
        if effect.service:
            wanted |= {effect.service, f"{domain_of(effect.service)}.*"}
    return next((item for item in items if item in wanted), None)
