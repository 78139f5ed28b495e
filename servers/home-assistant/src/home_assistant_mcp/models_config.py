"""Lean results of the configuration tools: authoring, checks, traces and usage search."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from home_assistant_mcp.models import Lean


class Issue(Lean):
    path: str = Field(description="Where in the config, e.g. actions[0].service")
    problem: str
    severity: Literal["error", "warning"]


class ConfigItem(Lean):
    kind: str
    id: str = Field(description="Config id to pass to save_config / delete_config")
    entity_id: str | None = None
    hash: str = Field(description="Pass as base_hash when saving changes to this config")
    config: dict[str, Any]


class ConfigCheck(Lean):
    ok: bool = Field(description="No errors (warnings may remain)")
    issues: list[Issue]
    needs_confirmation: str | None = Field(
        default=None, description="Why saving it is destructive (save_sensitive_config)"
    )


class SavedConfig(Lean):
    kind: str
    id: str
    entity_id: str | None = None
    created: bool
    hash: str = Field(description="The new hash, for a further edit")
    warnings: list[Issue] | None = None


class DeletedConfig(Lean):
    kind: str
    id: str
    entity_id: str | None = None


class TraceCondition(Lean):
    path: str
    passed: bool | None = None
    detail: str | None = None


class TraceRun(Lean):
    run_id: str
    started: str | None = None
    finished: str | None = None
    outcome: str | None = Field(
        default=None, description="finished, failed_conditions, error, aborted, running..."
    )
    trigger: str | None = None
    conditions: list[TraceCondition] | None = None
    steps: int | None = Field(default=None, description="Action steps that ran")
    failed_step: str | None = None
    error: str | None = None
    last_step: str | None = None


class Traces(Lean):
    entity_id: str
    stored: int = Field(description="Runs Home Assistant keeps a trace of")
    runs: list[TraceRun]


class Usage(Lean):
    entity_id: str = Field(description="The automation, script, scene or group")
    name: str | None = None
    how: str | None = Field(default=None, description="The step and service, and how reached")
