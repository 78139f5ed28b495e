"""Plex writes (playback control, scans, watched state, playlists) and destructive tools
(delete media, empty trash, optimise the database). Every id is an int or matched against a
list Plex returned, so no argument can change which endpoint is called."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from homelab_shared.toolbox import Toolbox
from plex_mcp import plex_views as views
from plex_mcp.models import ActionResult, Playlist
from plex_mcp.plex_client import PlexClient, mapped, static
from plex_mcp.tools import ClientName, Deps, LibraryId, RatingKey

Action = Literal["play", "pause", "stop", "seek", "next", "previous"]
RatingKeys = Annotated[
    list[Annotated[int, Field(ge=1, strict=True)]],
    Field(min_length=1, max_length=100, description="Item ids (rating_key)"),
]
Title = Annotated[str, Field(min_length=1, max_length=200, description="Playlist title")]
FILES_SHOWN = 10


def _files(item: Any) -> list[tuple[str, int]]:
    """(path, bytes) of every file of a movie/episode/track."""
    return [
        (part.file or "?", part.size or 0)
        for media in getattr(item, "media", None) or []
        for part in media.parts or []
    ]


def leaves_of(item: Any) -> list[Any]:
    """The playable items under ``item`` (itself for a movie, episode or track)."""
    if item.type not in ("show", "season", "artist", "album"):
        return [item]
    key = f"/library/metadata/{int(item.ratingKey)}/allLeaves"
    with mapped(f"GET {key}"):
        return static(item.fetchItems(key))


def describe_delete(plex: PlexClient, rating_key: int) -> str:
    item = plex.item(rating_key)
    title = f"{item.type} '{views.display_title(item)}' (rating_key {rating_key})"
    leaves = leaves_of(item)
    files = [f for leaf in leaves for f in _files(leaf)]
    total = sum(size for _, size in files)
    lines = [f"Delete {title} from Plex AND its media files from disk:"]
    if len(leaves) > 1 or leaves[0] is not item:
        lines[0] += f" {len(leaves)} {'items' if len(leaves) != 1 else 'item'}"
    lines += [f"  {path} ({views.human_size(size)})" for path, size in files[:FILES_SHOWN]]
    if len(files) > FILES_SHOWN:
        lines.append(f"  ... and {len(files) - FILES_SHOWN} more files")
    size = views.human_size(total)
    lines.append(f"{len(files)} file(s), {size} in total. This cannot be undone.")
    if plex.allows_deletion() is False:
        lines.append(
            "Note: this Plex server does not allow media deletion (Settings > Library > Allow "
            "media deletion); Plex will refuse."
        )
    return "\n".join(lines)


def register(box: Toolbox, deps: Deps) -> None:
    @box.write()
    def control_playback(
        client: ClientName,
        action: Action,
        position_seconds: Annotated[int | None, Field(ge=0, description="For seek")] = None,
        media: Literal["video", "music", "photo"] = "video",
    ) -> ActionResult:
        """Control a Plex player."""
        if action == "seek" and position_seconds is None:
            raise ToolError("seek needs position_seconds")
        plex = deps.plex()
        player = plex.client(client)
        with mapped(f"GET /player/playback/{action}"):
            if action == "seek":
                player.seekTo(int(position_seconds or 0) * 1000, mtype=media)
            elif action == "next":
                player.skipNext(mtype=media)
            elif action == "previous":
                player.skipPrevious(mtype=media)
            else:
                getattr(player, action)(mtype=media)
        where = f" to {position_seconds} s" if action == "seek" else ""
        return ActionResult(action=action, target=player.title, detail=f"{media}{where}")

    @box.write(idempotent=True)
    def scan_library(
        library_id: LibraryId,
        refresh_metadata: Annotated[
            bool, Field(description="Also re-download all metadata (slow)")
        ] = False,
    ) -> ActionResult:
        """Scan a Plex library for new or removed files (optionally refresh all metadata)."""
        section = deps.plex().section(library_id)
        with mapped(f"GET /library/sections/{library_id}/refresh"):
            section.refresh() if refresh_metadata else section.update()
        action = "refresh metadata" if refresh_metadata else "scan"
        return ActionResult(action=action, target=section.title, detail="started in Plex")

    @box.write(idempotent=True)
    def set_watched(rating_key: RatingKey, watched: bool = True) -> ActionResult:
        """Mark a movie, episode, season or show watched or unwatched."""
        item = deps.plex().item(rating_key)
        with mapped("GET /:/scrobble" if watched else "GET /:/unscrobble"):
            item.markPlayed() if watched else item.markUnplayed()
        return ActionResult(
            action="watched" if watched else "unwatched", target=views.display_title(item)
        )

    @box.write()
    def create_playlist(title: Title, rating_keys: RatingKeys) -> Playlist:
        """Create a Plex playlist from items (all video or all music)."""
        plex = deps.plex()
        items = [plex.item(k) for k in rating_keys]
        with plex.call("POST /playlists") as server:
            created = server.createPlaylist(title, items=items)
        return views.playlist(static(created))

    @box.write()
    def add_to_playlist(playlist_id: RatingKey, rating_keys: RatingKeys) -> ActionResult:
        """Append items to an existing (non-smart) Plex playlist."""
        plex = deps.plex()
        playlist = plex.playlist(playlist_id)
        if playlist.smart:
            raise ToolError(f"'{playlist.title}' is a smart playlist; its filter decides items")
        items = [plex.item(k) for k in rating_keys]
        with mapped(f"PUT /playlists/{playlist_id}/items"):
            playlist.addItems(items)
        return ActionResult(
            action="add to playlist", target=playlist.title, detail=f"{len(items)} item(s) added"
        )

    def preview_delete(rating_key: int) -> str:
        return describe_delete(deps.plex(), rating_key)

    @box.destructive(preview=preview_delete)
    def delete_item(rating_key: RatingKey) -> ActionResult:
        """Delete an item (movie, episode, season, show, album) and its files from disk."""
        plex = deps.plex()
        item = plex.item(rating_key)
        files = [path for leaf in leaves_of(item) for path, _ in _files(leaf)]
        with mapped(f"DELETE /library/metadata/{rating_key}"):
            item.delete()
        return ActionResult(
            action="delete",
            target=views.display_title(item),
            detail=f"{len(files)} file(s): " + "; ".join(files[:FILES_SHOWN]),
        )

    def preview_trash(library_id: int) -> str:
        section = deps.plex().section(library_id)
        return (
            f"Empty the trash of library '{section.title}' (id {library_id}): Plex permanently "
            "forgets every item whose files are missing, with its watch history and metadata. "
            "Items on a disk that is only temporarily offline are lost too."
        )

    @box.destructive(preview=preview_trash)
    def empty_trash(library_id: LibraryId) -> ActionResult:
        """Forget items whose files are gone from a Plex library, for good."""
        section = deps.plex().section(library_id)
        with mapped(f"PUT /library/sections/{library_id}/emptyTrash"):
            section.emptyTrash()
        return ActionResult(action="empty trash", target=section.title)

    def preview_optimize() -> str:
        name = deps.plex().server.friendlyName
        return (
            f"Optimise the database of Plex server '{name}': Plex compacts and re-indexes it in "
            "the background; the server may be slow until it finishes."
        )

    @box.destructive(preview=preview_optimize)
    def optimize_database() -> ActionResult:
        """Clean up and compact the Plex database (after big deletions)."""
        plex = deps.plex()
        plex.query("/library/optimize?async=1", method="PUT")
        return ActionResult(action="optimize database", target=plex.server.friendlyName)
