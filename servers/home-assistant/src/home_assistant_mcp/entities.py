"""Lean views of entity states and the fuzzy matching behind search_entities."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.models import EntityDetail, EntitySummary

# The attributes a person asks about, per domain; everything else is in get_entity(detail=full).
KEY_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "light": ("brightness", "color_mode", "color_temp_kelvin", "effect"),
    "climate": (
        "current_temperature",
        "temperature",
        "target_temp_low",
        "target_temp_high",
        "hvac_action",
        "preset_mode",
        "current_humidity",
    ),
    "cover": ("device_class", "current_position", "current_tilt_position"),
    "lock": ("changed_by",),
    "alarm_control_panel": ("changed_by", "code_arm_required"),
    "media_player": ("app_name", "media_title", "media_artist", "volume_level", "source"),
    "sensor": ("device_class",),
    "binary_sensor": ("device_class",),
    "fan": ("percentage", "preset_mode", "oscillating"),
    "humidifier": ("humidity", "current_humidity", "mode"),
    "vacuum": ("battery_level", "status"),
    "water_heater": ("temperature", "current_temperature", "operation_mode"),
    "weather": ("temperature", "humidity", "wind_speed"),
    "update": ("installed_version", "latest_version"),
    "automation": ("last_triggered",),
    "script": ("last_triggered",),
    "input_number": ("min", "max"),
    "input_select": ("options",),
    "select": ("options",),
    "valve": ("current_position",),
    "device_tracker": ("source_type",),
    "person": ("source",),
    "switch": ("device_class",),
    "siren": ("available_tones",),
}
COMMON_ATTRIBUTES = ("battery_level",)
HIDDEN_ATTRIBUTES = {"friendly_name", "unit_of_measurement", "access_token"}


def domain_of(entity_id: str) -> str:
    return entity_id.split(".", 1)[0]


def friendly_name(state: dict[str, Any]) -> str | None:
    return state.get("attributes", {}).get("friendly_name")


def _clean(name: str, value: Any) -> Any:
    """Strip the per-image access token HA puts in picture URLs (it grants access to the image)."""
    if name == "entity_picture" and isinstance(value, str) and "token=" in value:
        return urlsplit(value).path
    return value


def key_attributes(state: dict[str, Any]) -> dict[str, Any] | None:
    attrs = state.get("attributes", {})
    names = KEY_ATTRIBUTES.get(domain_of(state["entity_id"]), ()) + COMMON_ATTRIBUTES
    picked = {n: attrs[n] for n in names if attrs.get(n) not in (None, "", [])}
    return picked or None


def summarize(state: dict[str, Any], catalog: Catalog | None = None) -> EntitySummary:
    entity_id = state["entity_id"]
    attrs = state.get("attributes", {})
    return EntitySummary(
        entity_id=entity_id,
        name=attrs.get("friendly_name"),
        state=str(state.get("state")),
        unit=attrs.get("unit_of_measurement"),
        area=catalog.area_name(entity_id) if catalog else None,
        attributes=key_attributes(state),
    )


def detail(
    state: dict[str, Any], catalog: Catalog, full: bool, services: list[str] | None
) -> EntityDetail:
    entity_id = state["entity_id"]
    attrs = state.get("attributes", {})
    if full:
        shown = {k: _clean(k, v) for k, v in attrs.items() if k not in HIDDEN_ATTRIBUTES}
    else:
        shown = key_attributes(state) or {}
    return EntityDetail(
        entity_id=entity_id,
        name=attrs.get("friendly_name"),
        state=str(state.get("state")),
        unit=attrs.get("unit_of_measurement"),
        area=catalog.area_name(entity_id),
        device=catalog.device_name(entity_id),
        platform=catalog.platform(entity_id),
        last_changed=state.get("last_changed"),
        last_updated=state.get("last_updated"),
        attributes=shown,
        services=services,
    )


# --- fuzzy matching -------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def match_score(query: str, entity_id: str, name: str | None, extra: str = "") -> float:
    """0 (no match) to 100 (the exact id). Tolerates word order, ``_`` vs space and typos."""
    q = query.strip().casefold()
    if not q:
        return 1.0
    if q == entity_id.casefold():
        return 100.0
    name_cf = (name or "").casefold()
    if q == name_cf:
        return 95.0
    haystack = f"{entity_id} {name or ''} {extra}".casefold()
    if q in haystack or q.replace(" ", "_") in entity_id.casefold():
        return 80.0
    words = _words(haystack)
    wanted = _words(q)
    if not wanted:
        return 0.0
    scores = []
    for w in wanted:
        best = max((SequenceMatcher(None, w, h).ratio() for h in words), default=0.0)
        if any(h.startswith(w) for h in words):
            best = max(best, 0.9)
        scores.append(best)
    worst = min(scores)
    if worst < 0.65:
        return 0.0
    return 40.0 + 30.0 * (sum(scores) / len(scores))
