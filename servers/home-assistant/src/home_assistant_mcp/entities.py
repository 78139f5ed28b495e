"""Lean views of entity states and the fuzzy matching behind search_entities."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.fuzzy import FuzzyIndex
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


# --- search ----------------------------------------------------------------------------------


class SearchIndexes:
    """The fuzzy index of the entities' names, rebuilt only when the names change.

    A state change alone (on/off, a new reading) leaves ids, friendly names, areas and devices
    as they were, so the index stays; entities added, removed or renamed, or new registries
    (a new catalog object), rebuild it. With ``names`` (the live states' version of ids and
    names, which also fixes their order) the check is free; without (states fetched over REST)
    it costs one pass over the states.
    """

    def __init__(self) -> None:
        self._key: tuple[Catalog, tuple[tuple[str, str | None], ...]] | None = None
        self._names: int | None = None
        self._index = FuzzyIndex(())

    def get(
        self, states: list[dict[str, Any]], catalog: Catalog, names: int | None = None
    ) -> FuzzyIndex:
        if names is not None and names == self._names and self._key and self._key[0] is catalog:
            return self._index
        ids = tuple((s["entity_id"], friendly_name(s)) for s in states)
        if self._key is None or self._key[0] is not catalog or self._key[1] != ids:
            self._index = FuzzyIndex([(e, n, _extra(catalog, e)) for e, n in ids])
            self._key = (catalog, ids)
        self._names = names
        return self._index


def _extra(catalog: Catalog, entity_id: str) -> str:
    return " ".join(filter(None, [catalog.area_name(entity_id), catalog.device_name(entity_id)]))
