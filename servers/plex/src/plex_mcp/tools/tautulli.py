"""Tautulli reads: watch history, home stats, user and library watch stats, server status."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from homelab_shared.output import Page, paginate
from homelab_shared.toolbox import Toolbox
from plex_mcp.models import History, HomeStats, LibraryStats, TautulliServerStatus, UserStats
from plex_mcp.tautulli_views import flag, history_entry, num, stat_block, when, windows
from plex_mcp.tools import Deps, Limit, Offset, capped

UserName = Annotated[str, capped("user name", 100)]


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def history(
        user: UserName | None = None,
        media_type: Literal["movie", "episode", "track", "live"] | None = None,
        # Tautulli's get_history includes both days ("after and including the date")
        after: date | None = None,
        before: date | None = None,
        limit: Limit = 25,
        offset: Offset = 0,
    ) -> History:
        """Watch history, newest first (after/before days included)."""
        if after and before and after > before:
            raise ToolError(
                f"after ({after}) is later than before ({before}): both days are included, so "
                "after must be the same day as before or earlier."
            )
        data = await deps.tautulli().history(
            user=user,
            media_type=media_type,
            after=after.isoformat() if after else None,
            before=before.isoformat() if before else None,
            start=offset,
            length=limit,
            order_column="date",
            order_dir="desc",
        )
        rows = [history_entry(r) for r in data.get("data") or []]
        total = num(data.get("recordsFiltered")) or 0
        end = offset + len(rows)
        more = end < total
        return History(
            items=rows,
            total=total,
            offset=offset,
            limit=limit,
            truncated=more,
            next_offset=end if more else None,
            total_duration=data.get("total_duration"),
        )

    @box.read
    async def home_stats(
        days: Annotated[int, Field(ge=1, le=3650, description="Window in days")] = 30,
        count: Annotated[int, Field(ge=1, le=25, description="Rows per statistic")] = 5,
    ) -> HomeStats:
        """Most watched movies/shows/music, most active users and platforms (Tautulli)."""
        blocks = await deps.tautulli().home_stats(days, count)
        return HomeStats(days=days, stats=[stat_block(b) for b in blocks if b.get("rows")])

    @box.read
    async def user_stats(
        user_id: Annotated[int | None, Field(ge=1, description="One user, with windows")] = None,
        limit: Limit = 25,
        offset: Offset = 0,
    ) -> Page[UserStats]:
        """Plays and watch time per user (Tautulli); user_id adds 1/7/30/all-days windows."""
        tautulli = deps.tautulli()
        table = await tautulli.users_table(length=500, start=0)
        rows = [_user(r) for r in table.get("data") or []]
        if user_id is None:
            return paginate(rows, limit, offset)
        found = [r for r in rows if r.user_id == user_id]
        if not found:
            raise ToolError(f"Tautulli has no user with id {user_id}; call user_stats to list")
        found[0].windows = windows(await tautulli.user_watch_time(user_id))
        return paginate(found, limit, 0)

    @box.read
    async def library_stats(
        library_id: Annotated[
            int | None, Field(ge=1, description="One library's watch time per window")
        ] = None,
    ) -> list[LibraryStats]:
        """Items, plays and watch time per library (Tautulli); with library_id also per window."""
        tautulli = deps.tautulli()
        table = await tautulli.libraries_table()
        rows = [_library(r) for r in table.get("data") or []]
        if library_id is None:
            return rows
        found = [r for r in rows if r.id == library_id]
        if not found:
            raise ToolError(f"Tautulli has no library with id {library_id}")
        found[0].windows = windows(await tautulli.library_watch_time(library_id))
        return found

    @box.read
    async def tautulli_status() -> TautulliServerStatus:
        """Tautulli's version and whether it is connected to the Plex server."""
        tautulli = deps.tautulli()
        info = await tautulli.info()
        status = await tautulli.server_status()
        server = await tautulli.server_info()
        return TautulliServerStatus(
            version=info.get("tautulli_version"),
            plex_connected=flag(status.get("connected")),
            plex_name=server.get("pms_name"),
            plex_version=server.get("pms_version"),
            update_available=flag(info.get("tautulli_update_available")),
        )


def _user(row: dict) -> UserStats:
    seconds = num(row.get("duration"))
    return UserStats(
        user=str(row.get("friendly_name") or row.get("username") or "?"),
        user_id=num(row.get("user_id")) or 0,
        plays=num(row.get("plays")),
        hours=round(seconds / 3600, 1) if seconds is not None else None,
        last_seen=when(row.get("last_seen")),
        last_played=row.get("last_played"),
    )


def _library(row: dict) -> LibraryStats:
    seconds = num(row.get("duration"))
    return LibraryStats(
        id=num(row.get("section_id")) or 0,
        name=str(row.get("section_name") or "?"),
        type=row.get("section_type"),
        items=num(row.get("count")),
        plays=num(row.get("plays")),
        hours=round(seconds / 3600, 1) if seconds is not None else None,
        last_played=row.get("last_played"),
    )
