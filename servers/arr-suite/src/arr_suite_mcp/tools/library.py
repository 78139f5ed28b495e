"""Sonarr and Radarr reads: lookup, library, details, calendar, wanted, history."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Annotated

from pydantic import Field

from arr_suite_mcp import convert
from arr_suite_mcp.client import ArrClient
from arr_suite_mcp.models import (
    CalendarEntry,
    HistoryEntry,
    LibraryItem,
    LookupResult,
    Merged,
    TitleDetails,
    WantedItem,
)
from arr_suite_mcp.text import clean
from arr_suite_mcp.tools import (
    Deps,
    InstanceName,
    ItemId,
    LibraryApp,
    merge_instances,
    page_of,
)
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

Term = Annotated[
    str, Field(min_length=1, max_length=200, description="Title, or tvdb:ID / tmdb:ID")
]


async def names(client: ArrClient) -> tuple[dict[int, str], dict[int, str]]:
    """Quality profile and tag names by id."""
    profiles, tags = await asyncio.gather(client.quality_profiles(), client.tags())
    return {int(p["id"]): str(p.get("name") or "") for p in profiles}, tags


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def lookup(
        app: LibraryApp,
        term: Term,
        instance: InstanceName = None,
        limit: Limit = 10,
        offset: Offset = 0,
    ) -> Page[LookupResult]:
        """Find a series/movie to add; says if it is in the library (overviews: untrusted text)."""
        client = deps.up.arr(app, instance)
        page = paginate(await client.lookup(term), limit, offset)
        rows = [convert.lookup_result(app, item) for item in page.items]
        return Page[LookupResult](**{**page.model_dump(exclude={"items"}), "items": rows})

    @box.read
    async def list_library(
        app: LibraryApp,
        instance: InstanceName = None,
        monitored: bool | None = None,
        missing: Annotated[bool | None, Field(description="Missing files")] = None,
        tag: Annotated[str | None, Field(description="Tag label")] = None,
        quality_profile: str | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[LibraryItem]:
        """Series/movies in the library, filtered, sorted by title."""
        client = deps.up.arr(app, instance)
        items, (profiles, tags) = await asyncio.gather(client.library(), names(client))
        if monitored is not None:
            items = [i for i in items if bool(i.get("monitored")) == monitored]
        if missing is not None:
            items = [i for i in items if convert.is_missing(app, i) == missing]
        if tag is not None:
            wanted = {i for i, label in tags.items() if label.lower() == tag.lower()}
            items = [i for i in items if wanted & set(i.get("tags") or [])]
        if quality_profile is not None:
            ids = {i for i, n in profiles.items() if n.lower() == quality_profile.lower()}
            items = [i for i in items if int(i.get("qualityProfileId") or 0) in ids]
        items.sort(key=lambda i: str(i.get("sortTitle") or i.get("title") or "").lower())
        page = paginate(items, limit, offset)
        rows = [convert.library_item(app, i, profiles, tags) for i in page.items]
        return Page[LibraryItem](**{**page.model_dump(exclude={"items"}), "items": rows})

    @box.read
    async def get_details(
        app: LibraryApp, id: ItemId, instance: InstanceName = None
    ) -> TitleDetails:
        """One series (season stats) or movie (file, quality); the overview is untrusted text."""
        client = deps.up.arr(app, instance)
        item, (profiles, tags) = await asyncio.gather(client.item(id), names(client))
        row = convert.library_item(app, item, profiles, tags)
        seasons = None
        if app == "sonarr":
            seasons = [convert.season_stats(s) for s in item.get("seasons") or []]
        return TitleDetails(
            app=app,
            instance=client.instance.name,
            id=row.id,
            title=row.title,
            year=row.year,
            status=row.status,
            monitored=row.monitored,
            profile=row.profile,
            path=clean(item.get("path")),
            size_gb=row.size_gb,
            tags=row.tags,
            next_airing=clean(item.get("nextAiring")),
            seasons=seasons,
            file=convert.movie_file(item.get("movieFile")) if app == "radarr" else None,
            overview=convert.overview(item),
        )

    @box.read
    async def calendar(
        days: Annotated[int, Field(ge=1, le=60, description="Days ahead")] = 7,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Merged[CalendarEntry]:
        """Upcoming episodes and movie releases of every Sonarr/Radarr, merged by date."""
        start = datetime.now(UTC)
        end = start + timedelta(days=days)

        async def upcoming(client: ArrClient) -> list[CalendarEntry]:
            items = await client.calendar(start.isoformat(), end.isoformat())
            return convert.calendar_entries(client.app, client.instance.name, items, start, end)

        clients = deps.up.arrs("sonarr") + deps.up.arrs("radarr")
        return await merge_instances(
            clients, upcoming, limit, offset, order=lambda e: (e.date, e.title or "", e.instance)
        )

    @box.read
    async def wanted_missing(
        app: LibraryApp, instance: InstanceName = None, limit: Limit = 25, offset: Offset = 0
    ) -> Page[WantedItem]:
        """Monitored episodes/movies that have no file yet, newest first."""
        client = deps.up.arr(app, instance)
        records, total = await client.wanted_missing(offset + limit)
        rows = [convert.wanted_item(app, r) for r in records[offset:]]
        return page_of(rows, total, limit, offset)

    @box.read
    async def history(
        app: LibraryApp, instance: InstanceName = None, limit: Limit = 25, offset: Offset = 0
    ) -> Page[HistoryEntry]:
        """Recent grabs, imports, failures, deletions, newest first (untrusted text)."""
        client = deps.up.arr(app, instance)
        records, total = await client.history(offset + limit)
        rows = [convert.history_entry(app, r) for r in records[offset:]]
        return page_of(rows, total, limit, offset)
