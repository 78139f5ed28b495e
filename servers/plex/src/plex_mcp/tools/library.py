"""Plex reads: server info, libraries, search, recently added, on deck, clients, playlists.

plexapi blocks, so these are plain ``def`` tools (FastMCP runs them in a worker thread).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import Field

from homelab_shared.output import Page, paginate
from homelab_shared.toolbox import Toolbox
from plex_mcp import plex_views as views
from plex_mcp.models import (
    Client,
    Library,
    MediaItem,
    Playlist,
    RecentlyAdded,
    SearchResults,
    ServerInfo,
    Transcoder,
)
from plex_mcp.plex_client import unix_days_ago
from plex_mcp.tools import Deps, LibraryId, Limit, Offset

MediaType = Literal["movie", "show", "episode", "artist", "album", "track"]
RECENT_CAP = 200  # per library: a week of additions, not the whole catalogue
SEARCH_READ_CAP = 1000  # matches read per type; deeper pages are reported as incomplete


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    def server_info() -> ServerInfo:
        """Plex Media Server name, version, platform, owner and transcoder capabilities."""
        plex = deps.plex()
        with plex.call("GET /") as server:
            return ServerInfo(
                name=server.friendlyName,
                version=server.version,
                platform=server.platform,
                platform_version=server.platformVersion,
                machine_id=server.machineIdentifier,
                plex_pass=_bool(server.myPlexSubscription),
                owner=server.myPlexUsername,
                transcoder=Transcoder(
                    video=_bool(server.transcoderVideo),
                    audio=_bool(server.transcoderAudio),
                    active_video_sessions=server.transcoderActiveVideoSessions,
                ),
            )

    @box.read
    def list_libraries() -> list[Library]:
        """Plex libraries with item counts, size on disk, locations and scan state."""
        plex = deps.plex()
        sections = plex.sections()
        storage = plex.storage()
        found = []
        for section in sections:
            duration, size = storage.get(int(section.key), (None, None))
            found.append(
                Library(
                    id=int(section.key),
                    title=section.title,
                    type=section.type,
                    items=plex.section_count(section),
                    size_bytes=size,
                    size=views.human_size(size),
                    duration_hours=round(duration / 3_600_000, 1) if duration else None,
                    locations=list(section.locations or []),
                    scanning=bool(section.refreshing),
                    updated_at=views.iso(section.updatedAt),
                )
            )
        return found

    @box.read
    def search(
        query: Annotated[str, Field(min_length=1, max_length=200, description="Title words")],
        type: MediaType | None = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> SearchResults:
        """Find media in all libraries by title."""
        # Plex's hub search has no offset, only a per-type limit: reading offset + limit + 1 of
        # each type gives the exact page (the first n of hub after hub do not change when each
        # hub is cut at n or later) and tells whether another page follows.
        want = min(offset + limit + 1, SEARCH_READ_CAP)
        hits, complete = deps.plex().search(query, type, per_hub=want)
        page = paginate([views.media_item(h) for h in hits], limit, offset)
        note = None
        if not complete and not page.truncated:
            note = (
                f"Plex returned only the first {len(hits)} matches it holds for this query; "
                "narrow the query or set type to see the rest."
            )
        return SearchResults(**page.model_dump(), complete=complete, note=note)

    @box.read
    def recently_added(
        days: Annotated[int, Field(ge=1, le=365)] = 7,
        library_id: LibraryId | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> RecentlyAdded:
        """What was added to Plex in the last N days, newest first, with counts per library."""
        plex = deps.plex()
        since = unix_days_ago(days)
        sections = [plex.section(library_id)] if library_id else plex.sections()
        items: list[MediaItem] = []
        per_library: dict[str, int] = {}
        for section in sections:
            found, total = plex.recently_added(section, since, RECENT_CAP)
            if total:
                per_library[section.title] = total
            for item in found:
                view = views.media_item(item)
                view.library = view.library or section.title
                items.append(view)
        items.sort(key=lambda i: i.added_at or "", reverse=True)
        page = paginate(items, limit, offset)
        return RecentlyAdded(
            **page.model_dump(),
            since=datetime.fromtimestamp(since, UTC).isoformat(timespec="seconds"),
            per_library=per_library,
        )

    @box.read
    def on_deck(limit: Limit = 20, offset: Offset = 0) -> Page[MediaItem]:
        """Plex's On Deck: the next episode or the unfinished movie to continue."""
        return paginate([views.media_item(i) for i in deps.plex().on_deck()], limit, offset)

    @box.read
    def list_clients() -> list[Client]:
        """Players connected to Plex right now that can be remote-controlled (control_playback)."""
        return [views.client(c) for c in deps.plex().clients()]

    @box.read
    def list_playlists(limit: Limit = 50, offset: Offset = 0) -> Page[Playlist]:
        """Plex playlists with item counts and duration."""
        return paginate([views.playlist(p) for p in deps.plex().playlists()], limit, offset)
