"""Registry writes for devices (name, area, labels, enabled) and areas (name, floor, labels).

A device or area holding a lock, alarm panel or door-like cover is judged like that entity
(registry_checks.py): moving it changes which area/floor/label-targeted calls reach the lock.
"""

from __future__ import annotations

from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.models_system import RegistryChange
from home_assistant_mcp.registry_checks import area_entities, entity_risks
from home_assistant_mcp.tools import Deps
from home_assistant_mcp.tools.registry_write import (
    AreaName,
    AreaRef,
    DeviceId,
    Enabled,
    FloorName,
    Labels,
    Name,
    floor_id_of,
    label_ids,
    names_of,
    placement,
)
from home_assistant_mcp.tools.twins import because, given, register_twins
from homelab_shared.toolbox import Toolbox


def _device(catalog: Catalog, device_id: str) -> dict[str, Any]:
    device = catalog.devices.get(device_id)
    if device is None:
        raise ToolError(f"No device {device_id!r}; list_devices shows the device ids.")
    return device


def register(box: Toolbox, deps: Deps) -> None:
    # --- devices ------------------------------------------------------------------------------

    async def device_reasons(
        device_id: str, name: Any = None, enabled: Any = None, **_: Any
    ) -> list[str]:
        ha = deps.ha()
        catalog = await Catalog.load(ha, fresh=True)
        _device(catalog, device_id)
        return await entity_risks(
            ha,
            deps.policy,
            catalog.entity_ids_of_device(device_id),
            writes_state=name is not None or enabled is not None,
        )

    async def apply_device(
        device_id: str, name: Any = None, area: Any = None, labels: Any = None, enabled: Any = None
    ) -> RegistryChange:
        ha = deps.ha()
        catalog = await Catalog.load(ha, fresh=True)
        _device(catalog, device_id)
        changes = await placement(ha, catalog, ("name_by_user", name), area, labels, enabled)
        if not changes:
            raise ToolError("Nothing to change: pass name, area, labels or enabled.")
        await ha.ws.command(
            "config/device_registry/update", retry=False, device_id=device_id, **changes
        )
        return await device_result(ha, device_id)

    async def device_result(ha: HAClient, device_id: str) -> RegistryChange:
        catalog = await Catalog.load(ha, fresh=True)
        d = catalog.devices.get(device_id, {})
        area = catalog.areas.get(d.get("area_id") or "", {})
        floor = catalog.floors.get(area.get("floor_id") or "", {})
        return RegistryChange(
            id=device_id,
            name=d.get("name_by_user") or d.get("name"),
            area=area.get("name"),
            floor=floor.get("name"),
            labels=names_of(catalog, d.get("labels", []), catalog.labels) or None,
            disabled=True if d.get("disabled_by") else None,
        )

    async def update_device(
        device_id: DeviceId,
        name: Name = None,
        area: AreaName = None,
        labels: Labels = None,
        enabled: Enabled = None,
    ) -> RegistryChange:
        """Rename a device, set its area or labels, or enable/disable it."""
        raise NotImplementedError  # the signature of both twins (register_twins)

    async def describe_device(**arguments: Any) -> str:
        reasons = await device_reasons(**arguments)
        device_id = arguments["device_id"]
        catalog = await Catalog.load(deps.ha())
        d = _device(catalog, device_id)
        entities = ", ".join(catalog.entity_ids_of_device(device_id)[:15])
        label = d.get("name_by_user") or d.get("name")
        changes = given(arguments, "name", "area", "labels", "enabled")
        what = f"device {label} ({device_id}; entities {entities})"
        return f"Change {what}: {changes}.{because(reasons)}"

    register_twins(
        box,
        update_device,
        reasons=device_reasons,
        apply=apply_device,
        describe=describe_device,
        confirmed_doc="update_device for what it refuses (devices with a lock, alarm or door).",
    )

    # --- areas --------------------------------------------------------------------------------

    async def area_reasons(area: str, **_: Any) -> list[str]:
        """Every change (its name too: voice commands name the area, "open the garage")."""
        ha = deps.ha()
        catalog = await Catalog.load(ha, fresh=True)
        area_id = catalog.find_area(area)
        return await entity_risks(ha, deps.policy, area_entities(catalog, area_id))

    async def apply_area(
        area: str, name: Any = None, floor: Any = None, labels: Any = None
    ) -> RegistryChange:
        ha = deps.ha()
        catalog = await Catalog.load(ha, fresh=True)
        area_id = catalog.find_area(area)
        changes: dict[str, Any] = {}
        if name:
            changes["name"] = name
        if floor is not None:
            changes["floor_id"] = await floor_id_of(ha, catalog, floor)
        if labels is not None:
            changes["labels"] = await label_ids(ha, catalog, labels)
        if not changes:
            raise ToolError("Nothing to change: pass name, floor or labels.")
        await ha.ws.command("config/area_registry/update", retry=False, area_id=area_id, **changes)
        catalog = await Catalog.load(ha, fresh=True)
        a = catalog.areas.get(area_id, {})
        return RegistryChange(
            id=area_id,
            name=a.get("name"),
            floor=catalog.floors.get(a.get("floor_id") or "", {}).get("name"),
            labels=names_of(catalog, a.get("labels", []), catalog.labels) or None,
        )

    async def update_area(
        area: AreaRef,
        name: Name = None,
        floor: FloorName = None,
        labels: Labels = None,
    ) -> RegistryChange:
        """Rename an area, put it on a floor, or set its labels."""
        raise NotImplementedError  # the signature of both twins (register_twins)

    async def describe_area(**arguments: Any) -> str:
        reasons = await area_reasons(**arguments)
        changes = given(arguments, "name", "floor", "labels")
        return f"Change area {arguments['area']}: {changes}.{because(reasons)}"

    register_twins(
        box,
        update_area,
        reasons=area_reasons,
        apply=apply_area,
        describe=describe_area,
        confirmed_doc="update_area for what it refuses (areas with a lock, alarm or door).",
    )
