"""An example server built on homelab_shared, used by the foundation's tests and e2e suite.

It has one tool of each safety class against a real HTTP upstream (``upstream.py``), so every
shared behaviour (errors, pagination, safety, audit, metrics) is exercised end to end.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, SecretStr

from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.output import Detail, Limit, Offset, Page, paginate
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import UpstreamSettings, load_settings, server_config
from homelab_shared.spec import ServerSpec, server_main
from homelab_shared.toolbox import ClientHolder, Readiness, Toolbox


class ExampleSettings(UpstreamSettings):
    model_config = server_config("EXAMPLE_")

    url: str = Field(description="Inventory API base URL, e.g. http://127.0.0.1:9000")
    api_key: SecretStr = Field(description="Inventory API key")


class Item(BaseModel):
    id: str
    name: str
    state: str
    notes: str | None = None


class InventoryClient:
    """Typed client for the inventory API. Knows HTTP, nothing of MCP."""

    def __init__(self, settings: ExampleSettings) -> None:
        self.http = UpstreamHTTP(
            HttpOptions(
                base_url=settings.url,
                service="Inventory",
                auth_hint="check EXAMPLE_API_KEY",
                url_hint="check EXAMPLE_URL",
                headers={"X-Api-Key": settings.api_key.get_secret_value()},
                timeout=settings.timeout,
                verify_ssl=settings.verify_ssl,
                ca_bundle=settings.ca_bundle,
            )
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    def _path(self, item_id: str) -> str:
        return f"/api/items/{self.http.segment(item_id, 'item id')}"

    async def items(self) -> list[dict[str, Any]]:
        return await self.http.get_json("/api/items")

    async def item(self, item_id: str) -> dict[str, Any]:
        return await self.http.get_json(self._path(item_id))

    async def set_state(self, item_id: str, state: str) -> dict[str, Any]:
        return await self.http.json("PUT", self._path(item_id), json={"state": state})

    async def delete(self, item_id: str) -> None:
        await self.http.request("DELETE", self._path(item_id))


async def probe(client: InventoryClient) -> Readiness:
    items = await client.items()
    if not items:  # reachable and authenticated, yet nothing to serve: not ready
        return Readiness(ok=False, reachable=True, authenticated=True, detail="inventory is empty")
    return Readiness(ok=True, reachable=True, authenticated=True, detail=f"{len(items)} items")


ItemId = Annotated[str, Field(description="Item id, e.g. item-3", pattern=r"^[a-z0-9-]+$")]


def build_server(
    settings: ExampleSettings,
    runtime: RuntimeSettings | None = None,
    client: InventoryClient | None = None,
):
    runtime = runtime or load_settings(RuntimeSettings)
    holder = ClientHolder(lambda: InventoryClient(settings), client)
    box = Toolbox(
        "Inventory",
        settings,
        runtime,
        instructions="Example inventory server.",
        lifespan=holder.lifespan,
        ready=lambda: probe(holder.get()),
    )

    @box.read
    async def list_items(
        limit: Limit = 10, offset: Offset = 0, detail: Detail = "summary"
    ) -> Page[Item]:
        """List inventory items, a page at a time."""
        raw = await holder.get().items()
        items = [Item(**{**r, "notes": r["notes"] if detail == "full" else None}) for r in raw]
        return paginate(items, limit, offset)

    @box.read
    async def get_item(item_id: ItemId) -> Item:
        """Get one item with all its fields."""
        return Item(**await holder.get().item(item_id))

    @box.read
    async def dump_everything(copies: Annotated[int, Field(ge=1, le=1000)] = 100) -> str:
        """Return a deliberately huge text (exercises the result size cap)."""
        return "x" * 1000 * copies

    @box.write(idempotent=True)
    async def set_state(item_id: ItemId, state: Literal["on", "off"]) -> Item:
        """Switch an item on or off."""
        return Item(**await holder.get().set_state(item_id, state))

    async def describe_delete(item_id: str) -> str:
        item = await holder.get().item(item_id)
        return f"Delete {item['name']} ({item_id}), currently {item['state']}. It cannot be undone."

    @box.destructive(preview=lambda item_id, state="off": f"Reset {item_id} to {state}.")
    async def reset_item(item_id: ItemId, state: Literal["on", "off"] = "off") -> Item:
        """Reset an item to its factory state (a second destructive tool, with a default)."""
        return Item(**await holder.get().set_state(item_id, state))

    @box.destructive(preview=describe_delete)
    async def delete_item(item_id: ItemId) -> Item:
        """Delete an item permanently."""
        item = Item(**await holder.get().item(item_id))
        await holder.get().delete(item_id)
        return item

    return box.mcp


SPEC = ServerSpec(
    name="example",
    title="Inventory (example)",
    namespace="ex",
    port=8009,
    settings_cls=ExampleSettings,
    build=build_server,
    connect=InventoryClient,
    probe=probe,
)

if __name__ == "__main__":
    server_main(SPEC)
