"""Registry writes: rename entities and devices, set area / labels / floor, enable or disable,
expose to voice assistants. Each is a write tool that refuses what registry_checks.py finds
sensitive, naming its ``*_confirmed`` twin: the same change as a destructive tool (preview with
the reasons and what refers to the entity, then a confirm_token)."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.models_system import RegistryChange
from home_assistant_mcp.registry_checks import (
    describe_refs,
    entity_risks,
    references,
)
from home_assistant_mcp.tools import Deps, EntityId, IdItem
from home_assistant_mcp.tools.twins import because, given, register_twins
from homelab_shared.errors import NotFound
from homelab_shared.toolbox import Toolbox

ASSISTANTS = ["conversation", "cloud.alexa", "cloud.google_assistant"]
Assistant = Literal["conversation", "cloud.alexa", "cloud.google_assistant"]
Assistants = Annotated[list[Assistant] | None, Field(description="For expose; default all")]
Name = Annotated[str | None, Field(description="'' = default name")]
AreaName = Annotated[str | None, Field(description="Area name or id; '' = none")]
Labels = Annotated[list[str] | None, Field(description="Label names; replace current")]
Enabled = Annotated[bool | None, Field(description="false = disable")]
Expose = Annotated[bool | None, Field(description="To voice assistants")]
NewId = Annotated[IdItem | None, Field(description="New entity id")]
DeviceId = Annotated[str, Field(description="Device id (list_devices)")]
AreaRef = Annotated[str, Field(description="Area name or id (list_areas)")]
FloorName = Annotated[str | None, Field(description="Floor name or id; '' = none")]


async def label_ids(ha: HAClient, catalog: Catalog, names: list[str]) -> list[str]:
    ids = []
    for name in names:
        try:
            ids.append(catalog.find_label(name))
        except NotFound:
            made = await ha.ws.command("config/label_registry/create", retry=False, name=name)
            ids.append(made["label_id"])
    return ids


async def floor_id_of(ha: HAClient, catalog: Catalog, name: str) -> str | None:
    if name == "":
        return None
    try:
        return catalog.find_floor(name)
    except NotFound:
        made = await ha.ws.command("config/floor_registry/create", retry=False, name=name)
        return made["floor_id"]


def area_id_of(catalog: Catalog, name: str) -> str | None:
    return None if name == "" else catalog.find_area(name)


async def placement(
    ha: HAClient,
    catalog: Catalog,
    name: tuple[str, str | None],
    area: str | None,
    labels: list[str] | None,
    enabled: bool | None,
) -> dict[str, Any]:
    """The registry fields entities and devices share (``name`` is (field, value): the
    device's own name is ``name_by_user``); unknown labels are created."""
    changes: dict[str, Any] = {}
    if name[1] is not None:
        changes[name[0]] = name[1] or None
    if area is not None:
        changes["area_id"] = area_id_of(catalog, area)
    if labels is not None:
        changes["labels"] = await label_ids(ha, catalog, labels)
    if enabled is not None:
        changes["disabled_by"] = None if enabled else "user"
    return changes


def _entry(catalog: Catalog, entity_id: str) -> dict[str, Any]:
    entry = catalog.entities.get(entity_id)
    if entry is None:
        raise ToolError(
            f"{entity_id} has no registry entry (no unique id, e.g. defined in YAML without "
            "one), so only its YAML can rename or move it; search_entities finds ids."
        )
    return entry


def names_of(catalog: Catalog, ids: list[str], records: dict[str, dict[str, Any]]) -> list[str]:
    return [records.get(i, {}).get("name", i) for i in ids]


async def _exposed(ha: HAClient, entity_id: str) -> list[str]:
    found = await ha.ws.command("homeassistant/expose_entity/list")
    settings = (found or {}).get("exposed_entities", {}).get(entity_id, {})
    return sorted(a for a, on in settings.items() if on)


def register(box: Toolbox, deps: Deps) -> None:
    # --- entities -----------------------------------------------------------------------------

    async def entity_reasons(
        entity_id: str,
        name: Any = None,
        area: Any = None,
        labels: Any = None,
        enabled: Any = None,
        expose: Any = None,
        new_entity_id: Any = None,
        **_: Any,
    ) -> list[str]:
        ha = deps.ha()
        if (name, area, labels, enabled, new_entity_id) != (None,) * 5:
            _entry(await Catalog.load(ha, fresh=True), entity_id)
        return await entity_risks(
            ha,
            deps.policy,
            [entity_id],
            expose=expose,
            new_entity_id=new_entity_id,
            writes_state=name is not None or enabled is not None or new_entity_id is not None,
        )

    async def apply_entity(
        entity_id: str,
        name: Any = None,
        area: Any = None,
        labels: Any = None,
        enabled: Any = None,
        expose: Any = None,
        assistants: Any = None,
        new_entity_id: Any = None,
    ) -> RegistryChange:
        new_id = new_entity_id
        ha = deps.ha()
        catalog = await Catalog.load(ha, fresh=True)
        changes = await placement(ha, catalog, ("name", name), area, labels, enabled)
        if new_id is not None:
            changes["new_entity_id"] = new_id
        if not changes and expose is None:
            raise ToolError("Nothing to change: pass name, area, labels, enabled or expose.")
        current = new_id or entity_id
        if changes:
            _entry(catalog, entity_id)
            await ha.ws.command(
                "config/entity_registry/update", retry=False, entity_id=entity_id, **changes
            )
        if expose is not None:
            await ha.ws.command(
                "homeassistant/expose_entity",
                retry=False,
                assistants=assistants or ASSISTANTS,
                entity_ids=[current],
                should_expose=expose,
            )
        return await entity_result(ha, current)

    async def entity_result(ha: HAClient, entity_id: str) -> RegistryChange:
        catalog = await Catalog.load(ha, fresh=True)
        entry = catalog.entities.get(entity_id, {})
        floor = catalog.floor_id(entity_id)
        name = entry.get("name")
        if not name and not entry.get("disabled_by"):
            with contextlib.suppress(NotFound):  # the name it shows, e.g. derived from its device
                name = (await ha.state(entity_id)).get("attributes", {}).get("friendly_name")
        return RegistryChange(
            id=entity_id,
            name=name or entry.get("original_name"),
            area=catalog.area_name(entity_id),
            floor=catalog.floors.get(floor, {}).get("name") if floor else None,
            labels=names_of(catalog, entry.get("labels", []), catalog.labels) or None,
            disabled=True if entry.get("disabled_by") else None,
            exposed_to=await _exposed(ha, entity_id) or None,
        )

    async def update_entity(
        entity_id: EntityId,
        name: Name = None,
        area: AreaName = None,
        labels: Labels = None,
        enabled: Enabled = None,
        expose: Expose = None,
        assistants: Assistants = None,
        new_entity_id: NewId = None,
    ) -> RegistryChange:
        """Rename an entity (or its id), set area/labels, enable/disable, expose to voice."""
        raise NotImplementedError  # the signature of both twins (register_twins)

    async def describe_entity(**arguments: Any) -> str:
        reasons = await entity_reasons(**arguments)
        parts = [given(arguments, "name", "area", "labels", "enabled")]
        if (expose := arguments.get("expose")) is not None:
            assistants = arguments.get("assistants") or ASSISTANTS
            parts.append(f"{'expose to' if expose else 'hide from'} {', '.join(assistants)}")
        if new_id := arguments.get("new_entity_id"):
            refs = await references(deps.ha(), arguments["entity_id"])
            parts.append(f"entity id -> {new_id}")
            parts.append(f"used by: {describe_refs(refs) or 'nothing found'}")
        changes = "; ".join(p for p in parts if p)
        return f"Change {arguments['entity_id']}: {changes}.{because(reasons)}"

    register_twins(
        box,
        update_entity,
        reasons=entity_reasons,
        apply=apply_entity,
        describe=describe_entity,
        confirmed_doc="update_entity for what it refuses (locks, doors, voice, used ids).",
    )
