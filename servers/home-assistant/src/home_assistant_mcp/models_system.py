"""Lean results of the system-care tools (health, repairs, updates, backups, integrations) and of
the registry writes. Like models.py: the fields a person asks about; ``None`` fields are dropped."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from home_assistant_mcp.models import Lean
from homelab_shared.output import Page


class HealthSection(Lean):
    domain: str
    info: dict[str, Any] = Field(description="Item -> value; failed items say 'failed: <why>'")


class SystemHealth(Lean):
    sections: list[HealthSection]
    incomplete: list[str] | None = Field(
        default=None, description="domain.item still pending when the wait ended"
    )


class Repair(Lean):
    domain: str
    issue_id: str
    severity: str
    issue: str | None = Field(default=None, description="Kind of issue (translation key)")
    details: dict[str, Any] | None = Field(default=None, description="The issue's placeholders")
    ignored: bool | None = None
    fixable: bool | None = Field(default=None, description="Home Assistant has a repair flow")
    breaks_in: str | None = Field(default=None, description="Release that will break it")
    created: str | None = None
    learn_more_url: str | None = None


class Update(Lean):
    entity_id: str
    name: str | None = None
    kind: str = Field(description="core, os, supervisor, add-on, firmware or integration")
    installed: str | None = None
    latest: str | None = None
    available: bool = Field(description="A newer version is offered (not skipped)")
    skipped: str | None = None
    in_progress: bool | None = None
    installable: bool = Field(description="Home Assistant can install it (install_update)")
    release_url: str | None = None
    summary: str | None = None


class Backup(Lean):
    backup_id: str
    name: str | None = None
    date: str | None = None
    size_mb: float | None = None
    locations: list[str] = Field(description="Backup agents (storage) holding it")
    database: bool | None = Field(default=None, description="Includes the history database")
    version: str | None = Field(default=None, description="Home Assistant version it was made on")
    protected: bool | None = Field(default=None, description="Encrypted with a password")
    automatic: bool | None = None


class BackupPage(Page[Backup]):
    state: str = Field(description="Backup manager: idle, create_backup, restore_backup, ...")
    last_automatic: str | None = Field(None, description="Last successful automatic backup")


class BackupStarted(Lean):
    job_id: str
    backup: Backup | None = Field(default=None, description="The finished backup, if done")
    state: str = Field(description="Backup manager state when the wait ended")
    message: str | None = None


class Integration(Lean):
    entry_id: str
    domain: str
    title: str
    state: str = Field(description="loaded, setup_error, setup_retry, not_loaded, failed_unload…")
    reason: str | None = Field(default=None, description="Why setup failed")
    disabled_by: str | None = None
    source: str | None = None


class IntegrationPage(Page[Integration]):
    attention: dict[str, int] | None = Field(
        default=None, description="Entries per state that is not loaded (failing or disabled)"
    )


class ReloadResult(Lean):
    entry_id: str
    domain: str
    state: str = Field(description="State after the reload")
    reason: str | None = None


class RegistryChange(Lean):
    """A registry entry after a change: what it is now."""

    id: str = Field(description="Entity id, device id or area id")
    name: str | None = None
    area: str | None = None
    floor: str | None = None
    labels: list[str] | None = None
    disabled: bool | None = None
    exposed_to: list[str] | None = Field(default=None, description="Assistants it is exposed to")
    message: str | None = None


class Floor(Lean):
    floor_id: str
    name: str
    level: int | None = None
    areas: list[str] = Field(description="Names of its areas")


class Label(Lean):
    label_id: str
    name: str
    description: str | None = None
    entities: int = Field(description="Entities with this label (directly or via device)")
    devices: int
    areas: int


class Addon(Lean):
    slug: str
    name: str | None = None
    version: str | None = None
    latest: str | None = None
    update_available: bool | None = None
    state: str | None = Field(default=None, description="started, stopped, unknown")
