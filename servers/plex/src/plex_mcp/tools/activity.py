"""``now_playing``: Plex's sessions enriched from Tautulli (either alone when only one is set up),
with the transcode decision, its reasons and buffering hints, in one call."""

from __future__ import annotations

from typing import Any

import anyio
import anyio.to_thread

from homelab_shared.errors import UpstreamError
from homelab_shared.toolbox import Toolbox
from plex_mcp import plex_views, tautulli_views
from plex_mcp.diagnose import diagnose
from plex_mcp.models import NowPlaying, Playback
from plex_mcp.tools import Deps


async def _plex_streams(deps: Deps) -> list[Playback]:
    plex = deps.plex()

    def read() -> list[Playback]:
        return [plex_views.playback(s) for s in plex.sessions()]

    return await anyio.to_thread.run_sync(read)


async def _tautulli_activity(deps: Deps) -> dict[str, Any]:
    return await deps.tautulli().activity()


def _merge(
    plex: list[Playback] | None, activity: dict[str, Any] | None
) -> tuple[list[Playback], list[str]]:
    sessions = [tautulli_views.playback(s) for s in (activity or {}).get("sessions") or []]
    if plex is None:
        return sessions, ["tautulli"]
    by_key = {s.session: s for s in sessions if s.session}
    merged = [
        tautulli_views.enrich(p, by_key[p.session]) if p.session in by_key else p for p in plex
    ]
    return merged, ["plex", "tautulli"] if activity is not None else ["plex"]


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def now_playing() -> NowPlaying:
        """What is playing on Plex: user, title, progress, player, direct play / direct stream /
        transcode and why, bandwidth, and likely causes of buffering (Plex + Tautulli)."""
        results: dict[str, Any] = {}
        errors: dict[str, UpstreamError] = {}

        async def run(name: str, fn: Any) -> None:
            try:
                results[name] = await fn(deps)
            except UpstreamError as err:
                errors[name] = err

        async with anyio.create_task_group() as tg:
            if deps.has_plex():
                tg.start_soon(run, "plex", _plex_streams)
            if deps.has_tautulli():
                tg.start_soon(run, "tautulli", _tautulli_activity)
        if not results:  # every configured half failed: say why (the first is enough)
            raise next(iter(errors.values()))
        notes = [f"{name} part missing: {err}" for name, err in errors.items()]
        streams, sources = _merge(results.get("plex"), results.get("tautulli"))
        activity = results.get("tautulli") or {}
        wan = tautulli_views.num(activity.get("wan_bandwidth"))
        if wan is None:
            wan = sum(s.bandwidth_kbps or 0 for s in streams if s.location == "wan") or None
        total = tautulli_views.num(activity.get("total_bandwidth"))
        if total is None:
            total = sum(s.bandwidth_kbps or 0 for s in streams) or None
        return NowPlaying(
            streams=[diagnose(s, wan) for s in streams],
            count=len(streams),
            transcodes=sum(1 for s in streams if s.decision == "transcode"),
            total_bandwidth_kbps=total,
            wan_bandwidth_kbps=wan,
            sources=sources,
            notes=notes,
        )
