"""The Home Assistant MCP server: ``build_server(settings)`` (its ``SPEC`` is in ``spec``)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from fastmcp import FastMCP

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import SearchIndexes
from home_assistant_mcp.names import ResolveNames
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.tasmota_client import TasmotaClient
from home_assistant_mcp.tools import (
    Deps,
    Upstreams,
    authoring,
    automations,
    calendars,
    google_home,
    history,
    home_data,
    maintenance,
    notifications,
    prompts,
    registry,
    registry_places,
    registry_write,
    resources,
    sensitive,
    services,
    states,
    system,
    task_prompts,
    tasmota,
    traces,
    usage,
)
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ClientHolder, Readiness, Toolbox
from homelab_shared.warmup import after_calls

log = logging.getLogger(__name__)

INSTRUCTIONS = (
    "Home Assistant: start with overview or search_entities; get_entity for detail. Writes "
    "(call_service, turn_on/turn_off/toggle, scripts, scenes, automations, media, Tasmota power) "
    "return the states afterwards. Unlocking, disarming, opening garage doors/gates, restarting "
    "and operator-listed services are destructive: the tool returns a preview and a confirm_token; "
    "show the preview to the user and repeat the call with the token only if they agree."
)


async def probe(client: HAClient) -> Readiness:
    """Reachable and authenticated (``/api/``), and the version and state from ``/api/config``."""
    await client.api_status()
    config = await client.config()
    state = config.get("state", "unknown")
    return Readiness(
        ok=state == "RUNNING",
        reachable=True,
        authenticated=True,
        version=config.get("version"),
        detail=f"{config.get('location_name', '')}: {state}",
    )


async def warm(up: Upstreams, indexes: SearchIndexes) -> None:
    """Before the first call: open the REST connection and the WebSocket (auth handshake), fill
    the registry and service caches that search, targets and safety checks read, start the
    live states (the snapshot subscribes and waits for the full set), and build the search
    index from them (a search then finds it built: same names, same catalog object).

    The fetches are shared with a call that arrives meanwhile (single-flight in the client);
    the index build (and rapidfuzz's import, by its first use) is CPU only and waits until no
    call is in flight: a search in flight builds the index itself, and a call that needs no
    index is not held up by it."""
    started = time.perf_counter()
    await asyncio.gather(Catalog.load(up.ha), up.ha.snapshot(), up.ha.services())
    log.info(  # what a call sent at once waits for (bench.first_call reports it)
        "Home Assistant: connections and caches ready",
        extra={"duration_ms": round(1000 * (time.perf_counter() - started), 1)},
    )
    await after_calls()
    catalog, snapshot = await asyncio.gather(Catalog.load(up.ha), up.ha.snapshot())  # cached
    indexes.get(snapshot.states, catalog, snapshot.names).scores("warm up")


def build_server(
    settings: HASettings,
    runtime: RuntimeSettings | None = None,
    client: HAClient | None = None,
) -> FastMCP[Any]:
    """Build the server; ``client`` injects a Home Assistant client (the caller closes it)."""
    runtime = runtime or load_settings(RuntimeSettings)

    def upstreams() -> Upstreams:
        ha = client or HAClient(settings)
        return Upstreams(ha, TasmotaClient(settings), owns_ha=client is None)

    holder = ClientHolder(upstreams)
    indexes = SearchIndexes()
    box = Toolbox(
        "Home Assistant",
        settings,
        runtime,
        instructions=INSTRUCTIONS,
        lifespan=holder.lifespan,
        ready=lambda: probe(holder.get().ha),
        warm=lambda: warm(holder.get(), indexes),
    )
    deps = Deps(holder, settings, indexes=indexes)
    for group in (
        states,
        history,
        registry,
        automations,
        services,
        sensitive,
        google_home,
        tasmota,
        authoring,  # issue 18 parts 1-3: config authoring, traces, usage search
        traces,
        usage,
        system,
        maintenance,
        registry_write,
        registry_places,
        calendars,
        home_data,
        notifications,
    ):
        group.register(box, deps)
    prompts.register(box.mcp)
    task_prompts.register(box.mcp)
    resources.register(box.mcp, deps)
    box.mcp.add_middleware(ResolveNames(deps.ha))
    return box.mcp
