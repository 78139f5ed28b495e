"""Lean tool results: the fields a Plex owner asks about, not Plex's or Tautulli's whole objects."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from homelab_shared.output import Page

Decision = Literal["direct play", "direct stream", "transcode"]


class UpstreamStatus(BaseModel):
    name: Literal["plex", "tautulli"]
    configured: bool
    reachable: bool = False
    authenticated: bool = False
    version: str | None = None
    detail: str = Field(default="", description="What is wrong, or which variables configure it")


class Status(BaseModel):
    """Which halves are configured and answering."""

    upstreams: list[UpstreamStatus]


class Transcoder(BaseModel):
    video: bool | None = None
    audio: bool | None = None
    active_video_sessions: int | None = None


class ServerInfo(BaseModel):
    name: str
    version: str
    platform: str | None = None
    platform_version: str | None = None
    machine_id: str
    plex_pass: bool | None = None
    owner: str | None = Field(None, description="plex.tv account that owns the server")
    transcoder: Transcoder


class Library(BaseModel):
    id: int = Field(description="Library (section) id for the other tools")
    title: str
    type: str = Field(description="movie, show, artist or photo")
    items: int | None = Field(None, description="Top-level items: movies, shows, artists")
    size_bytes: int | None = None
    size: str | None = Field(None, description="Human readable size on disk")
    duration_hours: float | None = None
    locations: list[str] = Field(default_factory=list)
    scanning: bool = False
    updated_at: str | None = Field(None, description="Last library change (scan)")


class MediaItem(BaseModel):
    """One movie, show, episode, album, track ... (rating_key is its id for other tools)."""

    rating_key: int
    title: str = Field(description="Episodes as 'Show S01E02 Title', tracks as 'Artist - Title'")
    type: str
    year: int | None = None
    library: str | None = None
    added_at: str | None = None
    progress_percent: int | None = None


class RecentlyAdded(Page[MediaItem]):
    since: str = Field(description="Items added at or after this time (UTC)")
    per_library: dict[str, int] = Field(description="Items added per library in the window")


class StreamDetail(BaseModel):
    codec: str | None = None
    resolution: str | None = None
    bitrate_kbps: int | None = None
    audio: str | None = None
    container: str | None = None


class Playback(BaseModel):
    """One stream: who, what, where, how it is delivered and why."""

    session: str | None = Field(None, description="Session key")
    user: str | None = None
    title: str
    type: str
    rating_key: int | None = None
    state: str | None = Field(None, description="playing, paused or buffering")
    progress_percent: int | None = None
    minutes_left: int | None = None
    player: str | None = None
    product: str | None = None
    platform: str | None = None
    location: str | None = Field(None, description="lan or wan")
    relayed: bool | None = Field(None, description="Through Plex's relay (capped at 1-2 Mbps)")
    decision: Decision | None = None
    video: str | None = Field(None, description="Video decision: direct play, copy, transcode")
    audio: str | None = None
    subtitles: str | None = Field(None, description="Subtitle decision, e.g. burn")
    source: StreamDetail | None = None
    delivered: StreamDetail | None = None
    quality_profile: str | None = None
    bandwidth_kbps: int | None = None
    transcode_speed: float | None = Field(None, description="<1.0 means slower than real time")
    throttled: bool | None = None
    hw_transcoding: bool | None = None
    transcode_reasons: list[str] = Field(default_factory=list)
    buffering_hints: list[str] = Field(
        default_factory=list, description="Likely causes of buffering, most likely first"
    )


class NowPlaying(BaseModel):
    """What is playing, how, and why it may be buffering."""

    streams: list[Playback]
    count: int
    transcodes: int
    total_bandwidth_kbps: int | None = None
    wan_bandwidth_kbps: int | None = None
    sources: list[str] = Field(description="Where the answer came from: plex, tautulli")
    notes: list[str] = Field(default_factory=list, description="Partial answers and why")


class Client(BaseModel):
    name: str
    machine_id: str
    product: str | None = None
    platform: str | None = None
    device: str | None = None
    address: str | None = None
    can_control: bool = Field(description="Advertises playback control")


class Playlist(BaseModel):
    rating_key: int
    title: str
    type: str = Field(description="video, audio or photo")
    items: int | None = None
    smart: bool = False
    duration_minutes: int | None = None


# --- Tautulli --------------------------------------------------------------------------------


class HistoryEntry(BaseModel):
    date: str | None = Field(None, description="Start time (UTC)")
    user: str | None = None
    title: str
    type: str | None = None
    rating_key: int | None = None
    player: str | None = None
    platform: str | None = None
    watched_minutes: int | None = None
    percent_complete: int | None = None
    decision: str | None = None


class History(Page[HistoryEntry]):
    total_duration: str | None = Field(None, description="Watch time of all matching rows")


class StatRow(BaseModel):
    name: str
    plays: int | None = None
    hours: float | None = None
    users: int | None = Field(None, description="Distinct users (popular stats)")


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
    plays: int | None = None
    hours: float | None = None
    last_seen: str | None = None
    last_played: str | None = None
    windows: list[WatchWindow] = Field(default_factory=list)


class LibraryStats(BaseModel):
    id: int
    name: str
    type: str | None = None
    items: int | None = None
    plays: int | None = None
    hours: float | None = None
    last_played: str | None = None
    windows: list[WatchWindow] = Field(default_factory=list)


class TautulliServerStatus(BaseModel):
    version: str | None = None
    plex_connected: bool | None = None
    plex_name: str | None = None
    plex_version: str | None = None
    update_available: bool | None = None


# --- writes ----------------------------------------------------------------------------------


class ActionResult(BaseModel):
    """What was done to what."""

    action: str
    target: str
    detail: str = ""
