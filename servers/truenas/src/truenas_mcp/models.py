"""Lean answers of the TrueNAS tools: what a person asks about, sizes in human units."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SystemInfo(BaseModel):
    hostname: str | None = None
    version: str | None = None
    model: str | None = None
    cores: int | None = None
    memory: str | None = None
    uptime: str | None = None
    load: list[float] | None = None
    ecc_memory: bool | None = None


class Alert(BaseModel):
    id: str
    level: str
    text: str
    source: str | None = None
    since: str | None = None
    dismissed: bool = False


class Scrub(BaseModel):
    state: str | None = None
    function: str | None = None
    started: str | None = None
    finished: str | None = None
    percent: float | None = None
    errors: int | None = None


class Pool(BaseModel):
    name: str
    status: str
    healthy: bool
    size: str | None = None
    used: str | None = None
    free: str | None = None
    used_pct: float | None = None
    fragmentation_pct: float | None = None
    last_scrub: Scrub | None = None
    status_detail: str | None = None
    problems: list[str] = Field(
        default_factory=list, description="Devices not ONLINE or with read/write/checksum errors"
    )


class Dataset(BaseModel):
    name: str
    type: str | None = None
    used: str | None = None
    available: str | None = None
    quota: str | None = None
    compression: str | None = None
    compress_ratio: str | None = None
    encrypted: bool | None = None
    depth: int = Field(description="0 for a pool's root dataset, 1 for its children, ...")


class SnapshotSummary(BaseModel):
    dataset: str
    count: int
    newest: str | None = None
    oldest: str | None = None
    space_used: str | None = None


class Snapshot(BaseModel):
    name: str
    created: str | None = None
    used: str | None = None
    referenced: str | None = None


class Disk(BaseModel):
    name: str
    model: str | None = None
    serial: str | None = None
    size: str | None = None
    type: str | None = None
    pool: str | None = None
    temperature_c: float | None = None
    last_smart_test: str | None = None


class SmartTest(BaseModel):
    disk: str
    test: str | None = None
    status: str | None = None
    lifetime_hours: int | None = None
    remaining_pct: float | None = None


class ProtectionTask(BaseModel):
    kind: Literal["snapshot", "replication"]
    name: str
    enabled: bool | None = None
    state: str | None = None
    last_run: str | None = None
    error: str | None = None


class Share(BaseModel):
    kind: Literal["smb", "nfs"]
    name: str
    path: str | None = None
    enabled: bool | None = None
    read_only: bool | None = None


class App(BaseModel):
    name: str
    state: str | None = None
    version: str | None = None
    update_available: bool = False


class UpdateStatus(BaseModel):
    current: str | None = None
    status: str
    available_version: str | None = None
    changes: int | None = None


class Job(BaseModel):
    id: int
    method: str | None = None
    state: str | None = None
    percent: float | None = None
    description: str | None = None
    started: str | None = None
    error: str | None = None


class WriteResult(BaseModel):
    """What a write did, and the state read back."""

    done: str
    job: Job | None = None
    details: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
