"""Sonarr and Radarr changes: add, commands, monitoring (writes); delete a title (destructive)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from arr_suite_mcp.client import ArrClient
from arr_suite_mcp.convert import gb
from arr_suite_mcp.models import Added, Changed, CommandStarted
from arr_suite_mcp.text import clean
from arr_suite_mcp.tools import Deps, InstanceName, ItemId, LibraryApp
from homelab_shared.toolbox import Toolbox

Command = Literal["search", "refresh", "rescan"]
# (app, command, with an id?) -> the app's command name and how the id goes into the body.
COMMANDS: dict[tuple[str, str, bool], tuple[str, str | None]] = {
    ("sonarr", "search", True): ("SeriesSearch", "seriesId"),
    ("sonarr", "search", False): ("MissingEpisodeSearch", None),
    ("sonarr", "refresh", True): ("RefreshSeries", "seriesId"),
    ("sonarr", "refresh", False): ("RefreshSeries", None),
    ("sonarr", "rescan", True): ("RescanSeries", "seriesId"),
    ("sonarr", "rescan", False): ("RescanSeries", None),
    ("radarr", "search", True): ("MoviesSearch", "movieIds"),
    ("radarr", "search", False): ("MissingMoviesSearch", None),
    ("radarr", "refresh", True): ("RefreshMovie", "movieIds"),
    ("radarr", "refresh", False): ("RefreshMovie", None),
    ("radarr", "rescan", True): ("RescanMovie", "movieId"),
    ("radarr", "rescan", False): ("RescanMovie", None),
}
DeleteFiles = Annotated[bool, Field(description="Also delete its files")]


def _named(items: list[dict[str, Any]], key: str, wanted: str, what: str) -> dict[str, Any]:
    for item in items:
        if str(item.get(key) or "").rstrip("/").lower() == wanted.rstrip("/").lower():
            return item
    known = ", ".join(repr(str(i.get(key))) for i in items) or "none"
    raise ToolError(f"no {what} {wanted!r} on this instance; it has: {known}")


async def _root_folder(client: ArrClient, wanted: str | None) -> str:
    folders = await client.root_folders()
    if wanted is None:
        if len(folders) == 1:
            return str(folders[0].get("path"))
        known = ", ".join(repr(str(f.get("path"))) for f in folders) or "none"
        raise ToolError(f"pass root_folder; this instance has: {known}")
    return str(_named(folders, "path", wanted, "root folder")["path"])


def add_body(
    app: str, found: dict[str, Any], profile_id: int, root: str, monitored: bool, search: bool
) -> dict[str, Any]:
    """The smallest body the app accepts: ids and names from the lookup, our choices."""
    body: dict[str, Any] = {
        "title": found.get("title"),
        "titleSlug": found.get("titleSlug"),
        "year": found.get("year"),
        "qualityProfileId": profile_id,
        "rootFolderPath": root,
        "monitored": monitored,
        "images": found.get("images") or [],
    }
    if app == "sonarr":
        body["tvdbId"] = found.get("tvdbId")
        body["seasonFolder"] = True
        body["seasons"] = [
            {"seasonNumber": s.get("seasonNumber"), "monitored": monitored}
            for s in found.get("seasons") or []
            if isinstance(s, dict)
        ]
        body["addOptions"] = {
            "monitor": "all" if monitored else "none",
            "searchForMissingEpisodes": search,
        }
    else:
        body["tmdbId"] = found.get("tmdbId")
        body["minimumAvailability"] = "released"
        body["addOptions"] = {"searchForMovie": search}
    return body


def register(box: Toolbox, deps: Deps) -> None:
    @box.write()
    async def add(
        app: LibraryApp,
        external_id: Annotated[int, Field(ge=1, description="tvdb_id / tmdb_id (lookup)")],
        quality_profile: Annotated[str, Field(min_length=1, description="Profile name")],
        root_folder: Annotated[str | None, Field(description="Path; omit if only one")] = None,
        monitored: bool = True,
        search: Annotated[bool, Field(description="Search right away")] = False,
        instance: InstanceName = None,
    ) -> Added:
        """Add a series/movie found with lookup; profile and folder by name."""
        client = deps.up.arr(app, instance, write=True)
        term = f"tvdb:{external_id}" if app == "sonarr" else f"tmdb:{external_id}"
        key = "tvdbId" if app == "sonarr" else "tmdbId"
        results = [r for r in await client.lookup(term) if r.get(key) == external_id]
        if not results:
            raise ToolError(f"{client.instance.label} found nothing for {term}")
        found = results[0]
        if int(found.get("id") or 0) > 0:
            raise ToolError(
                f"{clean(found.get('title'))!r} is already in the library (id {found['id']})"
            )
        profile = _named(
            await client.quality_profiles(), "name", quality_profile, "quality profile"
        )
        root = await _root_folder(client, root_folder)
        body = add_body(app, found, int(profile["id"]), root, monitored, search)
        added = await client.add(body)
        return Added(
            app=app,
            instance=client.instance.name,
            id=added.get("id"),
            title=clean(added.get("title") or found.get("title")),
            path=clean(added.get("path")),
            profile=str(profile.get("name")),
            searching=search,
        )

    @box.write()
    async def run_command(
        app: LibraryApp,
        command: Annotated[Command, Field(description="refresh: metadata; rescan: disk")],
        id: Annotated[
            int | None,
            Field(
                ge=1,
                le=2**31 - 1,
                description="Omit for all (search: all missing)",
            ),
        ] = None,
        instance: InstanceName = None,
    ) -> CommandStarted:
        """Start a search, metadata refresh or disk rescan for one title or all."""
        client = deps.up.arr(app, instance, write=True)
        name, key = COMMANDS[(app, command, id is not None)]
        body: dict[str, Any] = {}
        if key is not None and id is not None:
            body[key] = [id] if key.endswith("Ids") else id
        started = await client.command(name, **body)
        return CommandStarted(
            app=app,
            instance=client.instance.name,
            command=name,
            id=started.get("id"),
            status=clean(started.get("status")),
        )

    @box.write(idempotent=True)
    async def set_monitored(
        app: LibraryApp,
        ids: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=1, max_length=100)],
        monitored: bool,
        instance: InstanceName = None,
    ) -> Changed:
        """Monitor or unmonitor series/movies (ids from list_library)."""
        client = deps.up.arr(app, instance, write=True)
        await client.set_monitored(ids, monitored)
        state = "monitored" if monitored else "unmonitored"
        return Changed(
            app=app,
            instance=client.instance.name,
            ok=True,
            detail=f"{len(ids)} {client.media} now {state}",
            ids=[str(i) for i in ids],
        )

    async def preview_delete(
        app: Literal["sonarr", "radarr"],
        id: int,
        delete_files: bool = False,
        instance: str | None = None,
    ) -> str:
        client = deps.up.arr(app, instance, write=True)
        item = await client.item(id)
        stats = item.get("statistics") or {}
        size = item.get("sizeOnDisk") if app == "radarr" else stats.get("sizeOnDisk")
        files = stats.get("episodeFileCount") if app == "sonarr" else stats.get("movieFileCount")
        text = (
            f"Remove {client.media} {clean(item.get('title'))!r} ({item.get('year')}, id {id}) "
            f"from {client.instance.label}."
        )
        if delete_files:
            return text + (
                f" ALSO DELETES its files from disk: {int(files or 0)} file(s), "
                f"{gb(size)} GB freed, folder {clean(item.get('path'))!r}."
            )
        return text + f" Files are kept on disk ({gb(size)} GB in {clean(item.get('path'))!r})."

    @box.destructive(preview=preview_delete)
    async def delete_title(
        app: LibraryApp,
        id: ItemId,
        delete_files: DeleteFiles = False,
        instance: InstanceName = None,
    ) -> Changed:
        """Remove a series/movie from the library, optionally deleting its files."""
        client = deps.up.arr(app, instance, write=True)
        await client.delete_item(id, delete_files)
        what = "and its files were deleted" if delete_files else "removed; files kept"
        return Changed(
            app=app, instance=client.instance.name, ok=True, detail=f"{client.media} {id} {what}"
        )
