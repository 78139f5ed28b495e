"""Upstream JSON (Sonarr, Radarr, Prowlarr) -> lean models. Pure functions, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from arr_suite_mcp.models import (
    CalendarEntry,
    HistoryEntry,
    LibraryItem,
    LookupResult,
    MovieFile,
    QueueEntry,
    Release,
    SeasonStats,
    WantedItem,
)
from arr_suite_mcp.text import MESSAGE_CAP, OVERVIEW_CAP, clean, clean_list

GB = 1024**3
Raw = dict[str, Any]


def gb(value: Any) -> float:
    return round(float(value or 0) / GB, 2)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def quality_name(model: Any) -> str | None:
    """A QualityModel ``{"quality": {"name": "Bluray-1080p"}, "revision": ...}`` -> its name."""
    if isinstance(model, dict) and isinstance(model.get("quality"), dict):
        return clean(model["quality"].get("name"))
    return None


def episode_label(ep: Raw | None) -> str | None:
    if not isinstance(ep, dict):
        return None
    code = f"S{int(ep.get('seasonNumber') or 0):02d}E{int(ep.get('episodeNumber') or 0):02d}"
    name = clean(ep.get("title"))
    return f"{code} {name}" if name else code


def lookup_result(app: str, item: Raw) -> LookupResult:
    known = int(item.get("id") or 0) > 0  # lookup results already in the library carry their id
    seasons = item.get("seasons")
    return LookupResult(
        title=clean(item.get("title")),
        year=_int(item.get("year")) or None,
        tvdb_id=_int(item.get("tvdbId")) if app == "sonarr" else None,
        tmdb_id=_int(item.get("tmdbId")) if app == "radarr" else None,
        in_library=known,
        library_id=int(item["id"]) if known else None,
        status=clean(item.get("status")),
        seasons=len(seasons) if isinstance(seasons, list) else None,
        overview=clean(item.get("overview"), 300),
    )


def episodes_of(stats: Raw) -> str:
    return f"{int(stats.get('episodeFileCount') or 0)}/{int(stats.get('episodeCount') or 0)}"


def is_missing(app: str, item: Raw) -> bool:
    if app == "radarr":
        return not item.get("hasFile")
    stats = item.get("statistics") or {}
    return int(stats.get("episodeFileCount") or 0) < int(stats.get("episodeCount") or 0)


def library_item(
    app: str, item: Raw, profiles: dict[int, str], tags: dict[int, str]
) -> LibraryItem:
    stats = item.get("statistics") or {}
    size = item.get("sizeOnDisk") if app == "radarr" else stats.get("sizeOnDisk")
    return LibraryItem(
        id=int(item.get("id") or 0),
        title=clean(item.get("title")),
        year=_int(item.get("year")) or None,
        monitored=bool(item.get("monitored")),
        status=clean(item.get("status")),
        size_gb=gb(size if size is not None else stats.get("sizeOnDisk")),
        episodes=episodes_of(stats) if app == "sonarr" else None,
        has_file=bool(item.get("hasFile")) if app == "radarr" else None,
        profile=profiles.get(int(item.get("qualityProfileId") or 0)),
        tags=[tags[t] for t in item.get("tags") or [] if t in tags] or None,
    )


def season_stats(season: Raw) -> SeasonStats:
    stats = season.get("statistics") or {}
    return SeasonStats(
        season=int(season.get("seasonNumber") or 0),
        monitored=bool(season.get("monitored")),
        episodes=episodes_of(stats),
        total=int(stats.get("totalEpisodeCount") or 0),
        size_gb=gb(stats.get("sizeOnDisk")),
    )


def movie_file(data: Raw | None) -> MovieFile | None:
    if not isinstance(data, dict) or not data:
        return None
    return MovieFile(
        name=clean(data.get("relativePath")),
        size_gb=gb(data.get("size")),
        quality=quality_name(data.get("quality")),
        release_group=clean(data.get("releaseGroup")),
    )


def overview(item: Raw) -> str | None:
    return clean(item.get("overview"), OVERVIEW_CAP)


def calendar_entries(
    app: str, instance: str, items: list[Raw], start: datetime, end: datetime
) -> list[CalendarEntry]:
    out: list[CalendarEntry] = []
    for item in items:
        if app == "sonarr":
            when = _date(item.get("airDateUtc"))
            if when is None or not start <= when <= end:
                continue
            series = item.get("series") or {}
            out.append(
                CalendarEntry(
                    date=_iso(when),
                    app="sonarr",
                    instance=instance,
                    title=clean(series.get("title")) or clean(item.get("title")),
                    what=episode_label(item),
                    has_file=bool(item.get("hasFile")),
                )
            )
            continue
        for field, kind in (
            ("inCinemas", "in cinemas"),
            ("digitalRelease", "digital release"),
            ("physicalRelease", "physical release"),
        ):
            when = _date(item.get(field))
            if when is not None and start <= when <= end:
                out.append(
                    CalendarEntry(
                        date=_iso(when),
                        app="radarr",
                        instance=instance,
                        title=clean(item.get("title")),
                        what=kind,
                        has_file=bool(item.get("hasFile")),
                    )
                )
    return out


def wanted_item(app: str, record: Raw) -> WantedItem:
    if app == "sonarr":
        series = record.get("series") or {}
        return WantedItem(
            id=int(record.get("seriesId") or 0),
            title=clean(series.get("title")),
            episode=episode_label(record),
            date=clean(record.get("airDateUtc")),
            monitored=bool(record.get("monitored")),
        )
    return WantedItem(
        id=int(record.get("id") or 0),
        title=clean(record.get("title")),
        date=clean(record.get("digitalRelease") or record.get("inCinemas")),
        monitored=bool(record.get("monitored")),
    )


def history_entry(app: str, record: Raw) -> HistoryEntry:
    media = record.get("series") if app == "sonarr" else record.get("movie")
    title = clean((media or {}).get("title"))
    if app == "sonarr" and isinstance(record.get("episode"), dict):
        title = f"{title or ''} {episode_label(record['episode'])}".strip()
    data = record.get("data")
    data = data if isinstance(data, dict) else {}
    return HistoryEntry(
        date=clean(record.get("date")),
        event=clean(record.get("eventType")),
        title=title or None,
        release=clean(record.get("sourceTitle")),
        quality=quality_name(record.get("quality")),
        message=clean(data.get("message"), MESSAGE_CAP),
    )


def queue_entry(app: str, instance: str, record: Raw) -> QueueEntry:
    size = float(record.get("size") or 0)
    left = float(record.get("sizeleft") or 0)
    messages: list[str] = []
    for status in record.get("statusMessages") or []:
        if isinstance(status, dict):
            messages += clean_list(status.get("messages"), MESSAGE_CAP, 3)
    error = clean(record.get("errorMessage"), MESSAGE_CAP) or (
        clean("; ".join(messages), MESSAGE_CAP) if messages else None
    )
    if app == "sonarr":
        series = (record.get("series") or {}).get("title")
        media = f"{clean(series) or ''} {episode_label(record.get('episode')) or ''}".strip()
    else:
        media = clean((record.get("movie") or {}).get("title")) or ""
    state = record.get("trackedDownloadState") or record.get("status")
    return QueueEntry(
        app="sonarr" if app == "sonarr" else "radarr",
        instance=instance,
        id=str(record.get("id")),
        title=clean(record.get("title")),
        media=media or None,
        progress=round(100 * (size - left) / size, 1) if size else 0.0,
        size_gb=gb(size),
        eta=clean(record.get("timeleft")),
        state=clean(state),
        error=error,
    )


def release(item: Raw) -> Release:
    cats = [clean(c.get("name")) for c in item.get("categories") or [] if isinstance(c, dict)]
    return Release(
        guid=str(item.get("guid") or ""),
        indexer_id=int(item.get("indexerId") or 0),
        indexer=clean(item.get("indexer")),
        title=clean(item.get("title")),
        size_mb=round(float(item.get("size") or 0) / 1024**2, 1),
        age_days=_int(item.get("age")),
        seeders=_int(item.get("seeders")),
        protocol=clean(item.get("protocol")),
        categories=[c for c in cats if c][:4] or None,
    )


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
