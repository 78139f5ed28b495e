"""The Plex MCP server: ``build_server(settings)`` (its ``SPEC`` is in ``spec``)."""

from __future__ import annotations

from typing import Any

from fastmcp import FastMCP

from homelab_shared.errors import AuthFailed, UpstreamError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ClientHolder, Readiness, Toolbox
from plex_mcp.models import Status, UpstreamStatus
from plex_mcp.plex_probe import plex_version
from plex_mcp.settings import PlexSettings
from plex_mcp.tools import Deps, Upstreams, activity, library, manage, tautulli

INSTRUCTIONS = (
    "Plex and Tautulli. now_playing answers 'what is playing and why is it buffering'; "
    "recently_added answers 'what was added this week'; search finds items (rating_key is their "
    "id for other tools). Writes (playback control, scans, watched state, playlists) need "
    "PLEX_ALLOW_WRITE; deleting media, emptying trash and optimising the database are "
    "destructive: the tool returns a preview and a confirm_token; show the preview to the user "
    "and repeat the call with the token only if they agree."
)


async def check_plex(up: Upstreams) -> UpstreamStatus:
    if up.plex is None:
        return UpstreamStatus(name="plex", configured=False, detail="set PLEX_URL and PLEX_TOKEN")
    try:
        version = await plex_version(up.plex)  # plain HTTP: plexapi loads on the first tool call
    except AuthFailed as err:
        return UpstreamStatus(name="plex", configured=True, reachable=True, detail=str(err))
    except UpstreamError as err:
        return UpstreamStatus(name="plex", configured=True, detail=str(err))
    return UpstreamStatus(
        name="plex", configured=True, reachable=True, authenticated=True, version=version
    )


async def check_tautulli(up: Upstreams) -> UpstreamStatus:
    if up.tautulli is None:
        return UpstreamStatus(
            name="tautulli", configured=False, detail="set TAUTULLI_URL and TAUTULLI_API_KEY"
        )
    try:
        info = await up.tautulli.info()
    except AuthFailed as err:
        return UpstreamStatus(name="tautulli", configured=True, reachable=True, detail=str(err))
    except UpstreamError as err:
        return UpstreamStatus(name="tautulli", configured=True, detail=str(err))
    return UpstreamStatus(
        name="tautulli",
        configured=True,
        reachable=True,
        authenticated=True,
        version=info.get("tautulli_version"),
    )


async def status_of(up: Upstreams) -> Status:
    return Status(upstreams=[await check_plex(up), await check_tautulli(up)])


async def probe(up: Upstreams) -> Readiness:
    """Every configured half reachable and authenticated; an unconfigured half is not a failure."""
    checks = [s for s in (await status_of(up)).upstreams if s.configured]
    return Readiness(
        ok=all(s.authenticated for s in checks),
        reachable=all(s.reachable for s in checks),
        authenticated=all(s.authenticated for s in checks),
        version=", ".join(f"{s.name} {s.version}" for s in checks if s.version) or None,
        detail="; ".join(f"{s.name}: {s.detail}" for s in checks if s.detail),
    )


def build_server(
    settings: PlexSettings,
    runtime: RuntimeSettings | None = None,
    client: Upstreams | None = None,
) -> FastMCP[Any]:
    """Build the server; ``client`` injects the upstream clients (the caller closes them)."""
    runtime = runtime or load_settings(RuntimeSettings)
    holder = ClientHolder(lambda: Upstreams(settings), client)
    box = Toolbox(
        "Plex",
        settings,
        runtime,
        instructions=INSTRUCTIONS,
        lifespan=holder.lifespan,
        ready=lambda: probe(holder.get()),
    )
    deps = Deps(holder, settings)

    @box.read
    async def status() -> Status:
        """Which of Plex and Tautulli are configured, reachable and authenticated (versions)."""
        return await status_of(holder.get())

    for group in (library, activity, tautulli, manage):
        group.register(box, deps)
    return box.mcp
