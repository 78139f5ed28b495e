"""The TrueNAS MCP server: ``build_server(settings)`` (its ``SPEC`` is in ``spec``)."""

from __future__ import annotations

from typing import Any

from fastmcp import FastMCP

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ClientHolder, Readiness, Toolbox
from truenas_mcp.client import TrueNASClient
from truenas_mcp.settings import TrueNASSettings
from truenas_mcp.tools import Deps, apps, changes, storage, system

INSTRUCTIONS = (
    "TrueNAS: list_pools and list_alerts answer 'is my NAS healthy'; list_datasets, "
    "snapshot_summary and data_protection cover space and backups. Long operations (scrub, app "
    "start/stop/upgrade) report progress. Rollback, deleting snapshots or datasets and app "
    "upgrades are destructive: the tool returns a preview and a confirm_token; show the preview "
    "and repeat the call with the token only if the user agrees."
)


async def probe(client: TrueNASClient) -> Readiness:
    """Logged in (one attempt: a refused key is not retried) and the release is 25.04+."""
    info = await client.system_info()
    return Readiness(
        ok=True,
        reachable=True,
        authenticated=True,
        version=client.rpc.version,
        detail=str(info.get("hostname") or ""),
    )


def build_server(
    settings: TrueNASSettings,
    runtime: RuntimeSettings | None = None,
    client: TrueNASClient | None = None,
) -> FastMCP[Any]:
    """Build the server; ``client`` injects a TrueNAS client (the caller closes it)."""
    runtime = runtime or load_settings(RuntimeSettings)
    holder = ClientHolder(lambda: TrueNASClient(settings), client)
    box = Toolbox(
        "TrueNAS",
        settings,
        runtime,
        instructions=INSTRUCTIONS,
        lifespan=holder.lifespan,
        ready=lambda: probe(holder.get()),
    )
    deps = Deps(holder)
    for group in (system, storage, changes, apps):
        group.register(box, deps)
    return box.mcp
