"""Areas and devices, from the registries over the WebSocket."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from pydantic import Field

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.fuzzy import match_score
from home_assistant_mcp.models import Area, Device
from home_assistant_mcp.models_system import Floor, Label
from home_assistant_mcp.tools import Deps, Query
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_areas(limit: Limit = 50, offset: Offset = 0) -> Page[Area]:
        """Areas (rooms) with their floor and device and entity counts."""
        catalog = await Catalog.load(deps.ha())
        devices = Counter(d.get("area_id") for d in catalog.devices.values())
        entities = Counter(catalog.area_id(e) for e in catalog.entities)
        areas = [
            Area(
                area_id=area_id,
                name=area.get("name") or area_id,
                floor=catalog.floors.get(area.get("floor_id") or "", {}).get("name"),
                aliases=area.get("aliases") or None,
                devices=devices[area_id],
                entities=entities[area_id],
            )
            for area_id, area in sorted(catalog.areas.items(), key=lambda a: a[1].get("name", ""))
        ]
        return paginate(areas, limit, offset)

    @box.read
    async def list_devices(
        query: Query = None,
        area: Annotated[str | None, Field(description="Name or id")] = None,
        manufacturer: Annotated[str | None, Field(description="Manufacturer contains")] = None,
        limit: Limit = 25,
        offset: Offset = 0,
    ) -> Page[Device]:
        """Devices with manufacturer, model, area and their entity ids."""
        catalog = await Catalog.load(deps.ha())
        area_id = catalog.find_area(area) if area else None
        found: list[tuple[float, Device]] = []
        for device_id, d in catalog.devices.items():
            name = d.get("name_by_user") or d.get("name") or device_id
            if area_id and d.get("area_id") != area_id:
                continue
            maker = d.get("manufacturer") or ""
            if manufacturer and manufacturer.casefold() not in maker.casefold():
                continue
            score = match_score(query or "", device_id, name, f"{maker} {d.get('model') or ''}")
            if score <= 0:
                continue
            entity_ids = catalog.entity_ids_of_device(device_id)
            area_name = catalog.areas.get(d.get("area_id") or "", {}).get("name")
            found.append(
                (
                    score,
                    Device(
                        id=device_id,
                        name=name,
                        manufacturer=maker or None,
                        model=d.get("model"),
                        area=area_name,
                        entities=entity_ids[:10],
                        disabled=True if d.get("disabled_by") else None,
                    ),
                )
            )
        found.sort(key=lambda item: (-item[0], item[1].name.casefold()))
        return paginate([d for _, d in found], limit, offset)

    @box.read
    async def list_floors(limit: Limit = 50, offset: Offset = 0) -> Page[Floor]:
        """Floors (lowest first) and the areas on each."""
        catalog = await Catalog.load(deps.ha())
        floors = [
            Floor(
                floor_id=floor_id,
                name=floor.get("name") or floor_id,
                level=floor.get("level"),
                areas=sorted(
                    a.get("name") or a_id
                    for a_id, a in catalog.areas.items()
                    if a.get("floor_id") == floor_id
                ),
            )
            for floor_id, floor in catalog.floors.items()
        ]
        floors.sort(key=lambda f: (f.level is None, f.level or 0, f.name))
        return paginate(floors, limit, offset)

    @box.read
    async def list_labels(limit: Limit = 50, offset: Offset = 0) -> Page[Label]:
        """Labels and how many entities, devices and areas carry each."""
        catalog = await Catalog.load(deps.ha())
        entities = Counter(t for e in catalog.entities for t in catalog.labels_of(e))
        devices = Counter(t for d in catalog.devices.values() for t in d.get("labels", []))
        areas = Counter(t for a in catalog.areas.values() for t in a.get("labels", []))
        labels = [
            Label(
                label_id=label_id,
                name=label.get("name") or label_id,
                description=label.get("description") or None,
                entities=entities[label_id],
                devices=devices[label_id],
                areas=areas[label_id],
            )
            for label_id, label in sorted(
                catalog.labels.items(), key=lambda x: x[1].get("name", "")
            )
        ]
        return paginate(labels, limit, offset)
