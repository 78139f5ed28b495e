"""Lean tool results: the fields a person asks about, never an app's whole object.

Text that strangers wrote (release names, overviews, indexer and health messages) only appears in
data fields, cleaned by :func:`arr_suite_mcp.text.clean`. ``None`` fields are dropped on output.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

AppName = Literal["sonarr", "radarr", "prowlarr", "sabnzbd"]


class Lean(BaseModel):
    # No return annotation on purpose: with one, pydantic would publish it as the output schema.
    @model_serializer(mode="wrap")
    def _drop_none(self, handler: SerializerFunctionWrapHandler):
        data = handler(self)
        return {k: v for k, v in data.items() if v is not None} if isinstance(data, dict) else data


# --- Sonarr / Radarr ---------------------------------------------------------------------------


class LookupResult(Lean):
    title: str | None = None
    year: int | None = None
    tvdb_id: int | None = None
    tmdb_id: int | None = None
    in_library: bool
    library_id: int | None = Field(None, description="Its id in the library when in_library")
    status: str | None = None
    seasons: int | None = None
    overview: str | None = Field(None, description="Untrusted text from the metadata source")


class LibraryItem(Lean):
    id: int
    title: str | None = None
    year: int | None = None
    monitored: bool
    status: str | None = None
    size_gb: float
    episodes: str | None = Field(None, description="Files / aired episodes (series)")
    has_file: bool | None = Field(None, description="Movie file present (movies)")
    profile: str | None = None
    tags: list[str] | None = None


class SeasonStats(Lean):
    season: int
    monitored: bool
    episodes: str = Field(description="Files / aired episodes")
    total: int
    size_gb: float


class MovieFile(Lean):
    name: str | None = None
    size_gb: float
    quality: str | None = None
    release_group: str | None = None


class TitleDetails(Lean):
    app: AppName
    instance: str
    id: int
    title: str | None = None
    year: int | None = None
    status: str | None = None
    monitored: bool
    profile: str | None = None
    path: str | None = None
    size_gb: float
    tags: list[str] | None = None
    next_airing: str | None = None
    seasons: list[SeasonStats] | None = None
    file: MovieFile | None = None
    overview: str | None = Field(None, description="Untrusted text from the metadata source")


class CalendarEntry(Lean):
    date: str = Field(description="UTC air or release date")
    app: AppName
    instance: str
    title: str | None = None
    what: str | None = Field(None, description="Episode (S01E02 name) or release kind")
    has_file: bool | None = None


class WantedItem(Lean):
    id: int
    title: str | None = None
    episode: str | None = None
    date: str | None = None
    monitored: bool | None = None


class HistoryEntry(Lean):
    date: str | None = None
    event: str | None = None
    title: str | None = Field(None, description="Series or movie")
    release: str | None = Field(None, description="Release name (untrusted text)")
    quality: str | None = None
    status: str | None = None
    message: str | None = Field(None, description="Failure message (untrusted text)")


# --- Cross-service -----------------------------------------------------------------------------


class QueueEntry(Lean):
    app: AppName
    instance: str
    id: str = Field(description="Queue item id (number) or SABnzbd job id")
    title: str | None = Field(None, description="Release or job name (untrusted text)")
    media: str | None = Field(None, description="Series episode or movie it is for")
    progress: float = Field(description="Percent done")
    size_gb: float
    eta: str | None = Field(None, description="Time left (h:mm:ss)")
    state: str | None = None
    error: str | None = Field(None, description="Why it is stuck (untrusted text)")


T = TypeVar("T")


class Merged(Lean, Generic[T]):
    """One page of a list merged over several instances; the ones that failed are named."""

    items: list[T]
    total: int
    offset: int
    limit: int
    truncated: bool
    next_offset: int | None = None
    unavailable: list[str] | None = Field(None, description="Instances that could not answer")


class Check(Lean):
    level: str | None = None
    source: str | None = None
    message: str | None = Field(default=None, description="Untrusted text from the app")


class Disk(Lean):
    path: str | None = None
    free_gb: float
    total_gb: float | None = None


class InstanceHealth(Lean):
    app: AppName
    instance: str
    ok: bool
    version: str | None = None
    error: str | None = None
    checks: list[Check] | None = None
    disks: list[Disk] | None = None
    failing_indexers: list[str] | None = None
    paused: bool | None = None
    speed: str | None = None
    speed_limit: str | None = None


class HealthReport(Lean):
    ok: bool
    instances: list[InstanceHealth]
    not_configured: list[str] = Field(description="Apps without an instance and what to set")


# --- Prowlarr ----------------------------------------------------------------------------------


class IndexerInfo(Lean):
    id: int
    name: str | None = None
    enabled: bool
    protocol: str | None = None
    privacy: str | None = None
    failing_since: str | None = None
    last_failure: str | None = None
    disabled_till: str | None = None
    message: str | None = Field(None, description="Indexer message (untrusted text)")


class IndexerStat(Lean):
    name: str | None = None
    queries: int
    grabs: int
    failed_queries: int
    failed_grabs: int
    avg_ms: int


class Release(Lean):
    guid: str = Field(description="Pass to grab_release")
    indexer_id: int
    indexer: str | None = None
    title: str | None = Field(default=None, description="Release name (untrusted text)")
    size_mb: float
    age_days: int | None = None
    seeders: int | None = None
    protocol: str | None = None
    categories: list[str] | None = None


# --- writes ------------------------------------------------------------------------------------


class CommandStarted(Lean):
    app: AppName
    instance: str
    command: str
    id: int | None = None
    status: str | None = None


class Added(Lean):
    app: AppName
    instance: str
    id: int | None = None
    title: str | None = None
    path: str | None = None
    profile: str
    searching: bool


class Changed(Lean):
    app: AppName
    instance: str
    ok: bool
    detail: str
    ids: list[str] | None = None


class Grabbed(Changed):
    title: str | None = Field(default=None, description="Release name (untrusted text)")


class IndexerTest(Lean):
    id: int
    name: str | None = None
    ok: bool
    errors: list[str] | None = Field(default=None, description="Why it failed (untrusted text)")
