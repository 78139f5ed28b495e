"""The registries joined: which area, floor, labels, device and integration each entity has.

An entity's area is its own ``area_id`` or else its device's; its floor is its area's floor.
Entities defined in YAML without a unique id are in no registry and have none of these.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from home_assistant_mcp.client import HAClient
from homelab_shared.errors import NotFound

Record = dict[str, Any]


def _by(records: Iterable[Record], key: str) -> dict[str, Record]:
    return {r[key]: r for r in records if r.get(key)}


def _matches(record: Record, text: str, id_key: str) -> bool:
    wanted = text.strip().casefold()
    names = [record.get(id_key), record.get("name"), *record.get("aliases", [])]
    return any(isinstance(n, str) and n.casefold() == wanted for n in names)


@dataclass
class Catalog:
    areas: dict[str, Record] = field(default_factory=dict)
    floors: dict[str, Record] = field(default_factory=dict)
    labels: dict[str, Record] = field(default_factory=dict)
    devices: dict[str, Record] = field(default_factory=dict)
    entities: dict[str, Record] = field(default_factory=dict)

    @classmethod
    async def load(cls, client: HAClient, *, fresh: bool = False) -> Catalog:
        """The catalog of the client's registries; the same object while the cached registries
        last. ``fresh`` skips the cache (safety decisions must see the latest).

        Reusing it spares re-indexing thousands of registry entries per call, and lets callers
        key their own caches (the search index) on its identity.
        """
        lists = await asyncio.gather(
            client.areas(fresh=fresh),
            client.floors(fresh=fresh),
            client.labels(fresh=fresh),
            client.devices(fresh=fresh),
            client.entities(fresh=fresh),
        )
        memo = _MEMO.get(client)
        if memo is not None and all(a is b for a, b in zip(memo[0], lists, strict=True)):
            return memo[1]
        areas, floors, labels, devices, entities = lists
        catalog = cls(
            areas=_by(areas, "area_id"),
            floors=_by(floors, "floor_id"),
            labels=_by(labels, "label_id"),
            devices=_by(devices, "id"),
            entities=_by(entities, "entity_id"),
        )
        _MEMO[client] = (tuple(lists), catalog)
        return catalog

    # --- per entity ---------------------------------------------------------------------------

    def device_of(self, entity_id: str) -> Record | None:
        device_id = self.entities.get(entity_id, {}).get("device_id")
        return self.devices.get(device_id) if device_id else None

    def area_id(self, entity_id: str) -> str | None:
        entry = self.entities.get(entity_id, {})
        if entry.get("area_id"):
            return entry["area_id"]
        device = self.device_of(entity_id)
        return device.get("area_id") if device else None

    def area_name(self, entity_id: str) -> str | None:
        area_id = self.area_id(entity_id)
        return self.areas.get(area_id, {}).get("name", area_id) if area_id else None

    def floor_id(self, entity_id: str) -> str | None:
        area_id = self.area_id(entity_id)
        return self.areas.get(area_id, {}).get("floor_id") if area_id else None

    def labels_of(self, entity_id: str) -> set[str]:
        labels = set(self.entities.get(entity_id, {}).get("labels", []))
        device = self.device_of(entity_id)
        return labels | set(device.get("labels", [])) if device else labels

    def platform(self, entity_id: str) -> str | None:
        return self.entities.get(entity_id, {}).get("platform")

    def device_name(self, entity_id: str) -> str | None:
        device = self.device_of(entity_id)
        if device is None:
            return None
        return device.get("name_by_user") or device.get("name")

    def entity_ids_of_device(self, device_id: str) -> list[str]:
        return sorted(e for e, r in self.entities.items() if r.get("device_id") == device_id)

    # --- lookups by what a person types ---------------------------------------------------------

    def find_area(self, text: str) -> str:
        for area_id, area in self.areas.items():
            if _matches(area, text, "area_id"):
                return area_id
        raise NotFound("Home Assistant", f"no area {text!r}", hint=self._known(self.areas))

    def find_floor(self, text: str) -> str:
        for floor_id, floor in self.floors.items():
            if _matches(floor, text, "floor_id"):
                return floor_id
        raise NotFound("Home Assistant", f"no floor {text!r}", hint=self._known(self.floors))

    def find_label(self, text: str) -> str:
        for label_id, label in self.labels.items():
            if _matches(label, text, "label_id"):
                return label_id
        raise NotFound("Home Assistant", f"no label {text!r}", hint=self._known(self.labels))

    @staticmethod
    def _known(records: dict[str, Record]) -> str:
        names = sorted(str(r.get("name") or key) for key, r in records.items())
        return f"known: {', '.join(names)}" if names else "none are defined in Home Assistant"


# Per client: the registry lists a catalog was built from (held, so identity stays meaningful).
_MEMO: weakref.WeakKeyDictionary[HAClient, tuple[tuple[list[Record], ...], Catalog]] = (
    weakref.WeakKeyDictionary()
)
