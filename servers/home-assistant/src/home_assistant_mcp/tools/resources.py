"""MCP resources: one entity (``ha://entity/{entity_id}``) and one area (``ha://area/{area}``),
for clients that attach context by URI instead of calling a tool. Read-only, lean JSON."""

from __future__ import annotations

import asyncio
import json

from fastmcp import FastMCP
from fastmcp.exceptions import ResourceError

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.entities import detail, friendly_name
from home_assistant_mcp.tools import Deps, strict_id
from homelab_shared.errors import UpstreamError

AREA_ENTITIES = 100


def register(mcp: FastMCP, deps: Deps) -> None:
    @mcp.resource(
        "ha://entity/{entity_id}",
        mime_type="application/json",
        description="One entity: state, area, device, integration and key attributes",
    )
    async def entity(entity_id: str) -> str:
        try:
            strict_id(entity_id)
            ha = deps.ha()
            state, catalog = await asyncio.gather(ha.state(entity_id), Catalog.load(ha))
        except (ValueError, UpstreamError) as err:
            raise ResourceError(str(err)) from None
        return detail(state, catalog, False, None).model_dump_json()

    @mcp.resource(
        "ha://area/{area}",
        mime_type="application/json",
        description="One area (id or name): its floor and its entities with their states",
    )
    async def area(area: str) -> str:
        ha = deps.ha()
        try:
            states, catalog = await asyncio.gather(ha.states(), Catalog.load(ha))
            area_id = catalog.find_area(area)
        except UpstreamError as err:
            raise ResourceError(str(err)) from None
        record = catalog.areas[area_id]
        inside = [s for s in states if catalog.area_id(s["entity_id"]) == area_id]
        floor = catalog.floors.get(record.get("floor_id") or "", {}).get("name")
        return json.dumps(
            {
                "area_id": area_id,
                "name": record.get("name"),
                **({"floor": floor} if floor else {}),
                "entity_count": len(inside),
                "entities": [
                    {"entity_id": s["entity_id"], "name": friendly_name(s), "state": s["state"]}
                    for s in sorted(inside, key=lambda s: s["entity_id"])[:AREA_ENTITIES]
                ],
            },
            ensure_ascii=False,
        )
