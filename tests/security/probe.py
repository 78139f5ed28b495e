"""A small server built on the shared Toolbox, shaped like the attacks it must withstand.

It talks to the example inventory upstream (a real HTTP server that records every request) and
has the shapes a real server has: an id interpolated into a URL *without* the segment helper (the
shared HTTP client must still refuse a path that escapes), a write tool whose error quotes its
list argument, and two destructive tools with the same signature and a defaulted parameter.
"""

from __future__ import annotations

from typing import Any

from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from pydantic import BaseModel

from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ClientHolder, Toolbox
from tests.example.server import ExampleSettings


class Raw(BaseModel):
    path: str
    body: Any


class Done(BaseModel):
    tool: str
    target: str
    force: bool


def build_probe(
    runtime: RuntimeSettings, effects: list[Done] | None = None, **settings: Any
) -> FastMCP[Any]:
    """``effects`` receives one entry per destructive call that really ran."""
    config = load_settings(ExampleSettings, **settings)
    ran = effects if effects is not None else []
    holder = ClientHolder(
        lambda: UpstreamHTTP(
            HttpOptions(
                base_url=config.url,
                service="Inventory",
                headers={"X-Api-Key": config.api_key.get_secret_value()},
                retries=0,
            )
        )
    )
    box = Toolbox("Probe", config, runtime, lifespan=holder.lifespan)

    @box.read
    async def raw_item(item_id: str) -> Raw:
        """Get an item, building the path by plain interpolation (no segment helper)."""
        path = f"/api/items/{item_id}"
        return Raw(path=path, body=await holder.get().get_json(path))

    @box.read
    async def safe_item(item_id: str) -> Raw:
        """Get an item, encoding the id with the segment helper."""
        path = f"/api/items/{holder.get().segment(item_id, 'item id')}"
        return Raw(path=path, body=await holder.get().get_json(path))

    @box.write()
    async def tag_items(tags: list[str], labels: dict[str, list[Any]]) -> Raw:
        """Tag items (always fails, quoting what it was given, as upstream errors often do)."""
        raise ToolError(f"could not apply tags {tags} with labels {labels}")

    def destructive(name: str) -> None:
        async def preview(target: str, force: bool = False) -> str:
            return f"{name} {target} (force={force})"

        async def act(target: str, force: bool = False) -> Done:
            done = Done(tool=name, target=target, force=force)
            ran.append(done)
            return done

        act.__name__ = name
        act.__doc__ = f"{name.capitalize()} a target."
        box.destructive(preview=preview)(act)

    destructive("wipe")
    destructive("erase")
    return box.mcp
