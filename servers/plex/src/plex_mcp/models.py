"""Lean tool results: the fields a Plex owner asks about, not Plex's or Tautulli's whole objects."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from homelab_shared.output import Page

Decision = Literal["direct play", "direct stream", "transcode"]


def unset(value: object) -> bool:
    """Unknown fields are left out of results (every byte is read by the model); the output
    schema still lists them as optional."""
    return value is None


def empty(value: object) -> bool:
    return value is None or value == []


class UpstreamStatus(BaseModel):
    name: Literal["plex", "tautulli"]
    configured: bool
    reachable: bool = False
    authenticated: bool = False
    version: str | None = Field(default=None, exclude_if=unset)
    detail: str = Field(default="", description="What is wrong, or which variables configure it")


class Status(BaseModel):
    """Which halves are configured and answering."""

    upstreams: list[UpstreamStatus]


class Transcoder(BaseModel):
    video: bool | None = Field(default=None, exclude_if=unset)
    audio: bool | None = Field(default=None, exclude_if=unset)
    active_video_sessions: int | None = Field(default=None, exclude_if=unset)


class ServerInfo(BaseModel):
    name: str
    version: str
    platform: str | None = Field(default=None, exclude_if=unset)
    platform_version: str | None = Field(default=None, exclude_if=unset)
    machine_id: str
    plex_pass: bool | None = Field(default=None, exclude_if=unset)
    owner: str | None = Field(
        default=None, exclude_if=unset, description="plex.tv account that owns the server"
    )
    transcoder: Transcoder


class Library(BaseModel):
    id: int = Field(description="Library (section) id for the other tools")
    title: str
    type: str = Field(description="movie, show, artist or photo")
    items: int | None = Field(
        default=None, exclude_if=unset, description="Top-level items: movies, shows, artists"
    )
    size_bytes: int | None = Field(default=None, exclude_if=unset)
    size: str | None = Field(
        default=None, exclude_if=unset, description="Human readable size on disk"
    )
    duration_hours: float | None = Field(default=None, exclude_if=unset)
    locations: list[str] = Field(default_factory=list, exclude_if=empty)
    scanning: bool = False
    updated_at: str | None = Field(
        default=None, exclude_if=unset, description="Last library change (scan)"
    )


class MediaItem(BaseModel):
    """One movie, show, episode, album, track ... (rating_key is its id for other tools)."""

    rating_key: int
    title: str = Field(description="Episodes as 'Show S01E02 Title', tracks as 'Artist - Title'")
    type: str
    year: int | None = Field(default=None, exclude_if=unset)
    library: str | None = Field(default=None, exclude_if=unset)
    added_at: str | None = Field(default=None, exclude_if=unset)
    progress_percent: int | None = Field(default=None, exclude_if=unset)


class SearchResults(Page[MediaItem]):
    complete: bool = Field(description="False: total counts only the matches read so far")
    note: str | None = Field(default=None, exclude_if=unset)


class RecentlyAdded(Page[MediaItem]):
    since: str = Field(description="Items added at or after this time (UTC)")
    per_library: dict[str, int] = Field(description="Items added per library in the window")


class StreamDetail(BaseModel):
    codec: str | None = Field(default=None, exclude_if=unset)
    resolution: str | None = Field(default=None, exclude_if=unset)
    bitrate_kbps: int | None = Field(default=None, exclude_if=unset)
    audio: str | None = Field(default=None, exclude_if=unset)
    container: str | None = Field(default=None, exclude_if=unset)


class Playback(BaseModel):
    """One stream: who, what, where, how it is delivered and why."""

    session: str | None = Field(default=None, exclude_if=unset, description="Session key")
    user: str | None = Field(default=None, exclude_if=unset)
    title: str
    type: str
    rating_key: int | None = Field(default=None, exclude_if=unset)
    state: str | None = Field(
        default=None, exclude_if=unset, description="playing, paused or buffering"
    )
    progress_percent: int | None = Field(default=None, exclude_if=unset)
    minutes_left: int | None = Field(default=None, exclude_if=unset)
    player: str | None = Field(default=None, exclude_if=unset)
    product: str | None = Field(default=None, exclude_if=unset)
    platform: str | None = Field(default=None, exclude_if=unset)
    location: str | None = Field(default=None, exclude_if=unset, description="lan or wan")
    relayed: bool | None = Field(
        default=None, exclude_if=unset, description="Through Plex's relay (capped at 1-2 Mbps)"
    )
    decision: Decision | None = Field(default=None, exclude_if=unset)
    video: str | None = Field(
        default=None, exclude_if=unset, description="Video decision: direct play, copy, transcode"
    )
    audio: str | None = Field(default=None, exclude_if=unset)
    subtitles: str | None = Field(
        default=None, exclude_if=unset, description="Subtitle decision, e.g. burn"
    )
    source: StreamDetail | None = Field(default=None, exclude_if=unset)
    delivered: StreamDetail | None = Field(default=None, exclude_if=unset)
    quality_profile: str | None = Field(default=None, exclude_if=unset)
    bandwidth_kbps: int | None = Field(default=None, exclude_if=unset)
    transcode_speed: float | None = Field(
        default=None, exclude_if=unset, description="<1.0 means slower than real time"
    )
    throttled: bool | None = Field(default=None, exclude_if=unset)
    hw_transcoding: bool | None = Field(default=None, exclude_if=unset)
    transcode_reasons: list[str] = Field(default_factory=list, exclude_if=empty)
    buffering_hints: list[str] = Field(
        default_factory=list,
        exclude_if=empty,
        description="Likely causes of buffering, most likely first",
    )


class NowPlaying(BaseModel):
    """What is playing, how, and why it may be buffering."""

    streams: list[Playback]
    count: int
    transcodes: int
    total_bandwidth_kbps: int | None = Field(default=None, exclude_if=unset)
    wan_bandwidth_kbps: int | None = Field(default=None, exclude_if=unset)
    sources: list[str] = Field(description="Where the answer came from: plex, tautulli")
    notes: list[str] = Field(
        default_factory=list, exclude_if=empty, description="Partial answers and why"
    )


class Client(BaseModel):
    name: str
    machine_id: str
    product: str | None = Field(default=None, exclude_if=unset)
    platform: str | None = Field(default=None, exclude_if=unset)
    device: str | None = Field(default=None, exclude_if=unset)
    address: str | None = Field(default=None, exclude_if=unset)
    can_control: bool = Field(description="Advertises playback control")


class Playlist(BaseModel):
    rating_key: int
    title: str
    type: str = Field(description="video, audio or photo")
    items: int | None = Field(default=None, exclude_if=unset)
    smart: bool = False
    duration_minutes: int | None = Field(default=None, exclude_if=unset)


# --- Tautulli --------------------------------------------------------------------------------


class HistoryEntry(BaseModel):
    date: str | None = Field(default=None, exclude_if=unset, description="Start time (UTC)")
    user: str | None = Field(default=None, exclude_if=unset)
    title: str
    type: str | None = Field(default=None, exclude_if=unset)
    rating_key: int | None = Field(default=None, exclude_if=unset)
    player: str | None = Field(default=None, exclude_if=unset)
    platform: str | None = Field(default=None, exclude_if=unset)
    watched_minutes: int | None = Field(default=None, exclude_if=unset)
    percent_complete: int | None = Field(default=None, exclude_if=unset)
    decision: str | None = Field(default=None, exclude_if=unset)


class History(Page[HistoryEntry]):
    total_duration: str | None = Field(
        default=None, exclude_if=unset, description="Watch time of all matching rows"
    )


class StatRow(BaseModel):
    name: str
    plays: int | None = Field(default=None, exclude_if=unset)
    hours: float | None = Field(default=None, exclude_if=unset)
    users: int | None = Field(
        default=None, exclude_if=unset, description="Distinct users (popular stats)"
    )


class StatBlock(BaseModel):
    id: str = Field(description="Tautulli stat id, e.g. top_movies, top_users, top_platforms")
    title: str
    rows: list[StatRow]


class HomeStats(BaseModel):
    days: int
    stats: list[StatBlock]


class WatchWindow(BaseModel):
    days: int = Field(description="0 means all time")
    plays: int
    hours: float


class UserStats(BaseModel):
    user: str
    user_id: int
    plays: int | None = Field(default=None, exclude_if=unset)
    hours: float | None = Field(default=None, exclude_if=unset)
    last_seen: str | None = Field(default=None, exclude_if=unset)
    last_played: str | None = Field(default=None, exclude_if=unset)
    windows: list[WatchWindow] = Field(default_factory=list, exclude_if=empty)


class LibraryStats(BaseModel):
    id: int
    name: str
    type: str | None = Field(default=None, exclude_if=unset)
    items: int | None = Field(default=None, exclude_if=unset)
    plays: int | None = Field(default=None, exclude_if=unset)
    hours: float | None = Field(default=None, exclude_if=unset)
    last_played: str | None = Field(default=None, exclude_if=unset)
    windows: list[WatchWindow] = Field(default_factory=list, exclude_if=empty)


class TautulliServerStatus(BaseModel):
    version: str | None = Field(default=None, exclude_if=unset)
    plex_connected: bool | None = Field(default=None, exclude_if=unset)
    plex_name: str | None = Field(default=None, exclude_if=unset)
    plex_version: str | None = Field(default=None, exclude_if=unset)
    update_available: bool | None = Field(default=None, exclude_if=unset)


# --- writes ----------------------------------------------------------------------------------


class ActionResult(BaseModel):
    """What was done to what."""

    action: str
    target: str
    detail: str = ""
