"""The routing policy: model catalogue, task classes and routes, fallbacks, quotas.

One YAML file (the packaged default, or ``ROUTING_POLICY_FILE``), validated at start-up; the
architecture's quota variables (``CLAUDE_HAIKU_DAILY_LIMIT`` ...) override it.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from homelab_shared.errors import ConfigError

Provider = Literal["ollama", "gemini", "anthropic", "openai"]
TaskClass = Literal[
    "simple_qa",
    "code_completion",
    "general",
    "complex_analysis",
    "deep_reasoning",
    "long_document",
    "pii_sensitive",
    "multi_step_planning",
    "creative_writing",
    "data_extraction",
    "premium_code_review",
    "architecture_decision",
]
TASK_CLASSES: tuple[str, ...] = TaskClass.__args__  # type: ignore[attr-defined]


class ModelSpec(BaseModel):
    provider: Provider
    upstream_id: str
    context_window: int = Field(gt=0)
    input_per_mtok: float = Field(0.0, ge=0, description="USD per million input tokens")
    output_per_mtok: float = Field(0.0, ge=0, description="USD per million output tokens")
    local: bool = False
    thinking_budget: int | None = Field(None, ge=0)

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (tokens_in * self.input_per_mtok + tokens_out * self.output_per_mtok) / 1_000_000


class Quota(BaseModel):
    daily_requests: int | None = Field(None, ge=0)
    weekly_requests: int | None = Field(None, ge=0)
    daily_budget_usd: float | None = Field(None, ge=0)
    weekly_budget_usd: float | None = Field(None, ge=0)
    alert_at: float = Field(0.8, gt=0, le=1)


class Fallback(BaseModel):
    on_quota: list[str] = Field(default_factory=list)
    by_provider: dict[Provider, list[str]] = Field(default_factory=dict)
    max_attempts: int = Field(4, ge=1, le=10)


class Policy(BaseModel):
    timezone: str = "UTC"
    long_document_tokens: int = Field(8000, gt=0)
    long_document_chars: int = Field(16000, gt=0)
    long_document_pro_tokens: int = Field(200_000, gt=0)
    # A reservation lives for the rest of its ask's deadline plus this (see router.py).
    reservation_ttl_seconds: float = Field(30, gt=0)
    models: dict[str, ModelSpec]
    routes: dict[TaskClass, list[str]]
    preprocess: dict[TaskClass, str] = Field(default_factory=dict)
    priority: list[str]
    fallback: Fallback = Field(default_factory=lambda: Fallback.model_validate({}))
    quotas: dict[str, Quota] = Field(default_factory=dict)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r}") from err
        return value

    @model_validator(mode="after")
    def _references(self) -> Policy:
        known = set(self.models)
        refs: list[tuple[str, str]] = [("priority", m) for m in self.priority]
        refs += [(f"routes.{c}", m) for c, ms in self.routes.items() for m in ms]
        refs += [(f"preprocess.{c}", m) for c, m in self.preprocess.items()]
        refs += [("fallback.on_quota", m) for m in self.fallback.on_quota]
        refs += [
            (f"fallback.by_provider.{p}", m)
            for p, ms in self.fallback.by_provider.items()
            for m in ms
        ]
        refs += [("quotas", m) for m in self.quotas]
        bad = [f"{where} names unknown model {m!r}" for where, m in refs if m not in known]
        missing = [c for c in TASK_CLASSES if c not in self.routes]
        if missing:
            bad.append(f"routes lacks task classes {', '.join(missing)}")
        for cls in ("pii_sensitive",):
            if any(not self.models[m].local for m in self.routes.get(cls, []) if m in known):
                bad.append("routes.pii_sensitive may only name local models")
        if bad:
            raise ValueError("; ".join(bad))
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local_models(self) -> list[str]:
        return [name for name in self.priority if self.models[name].local]


# Env names from the architecture: <MODEL>_DAILY_LIMIT etc., MODEL = name upper, '-' -> '_'.
_ENV_FIELDS = {
    "DAILY_LIMIT": "daily_requests",
    "WEEKLY_LIMIT": "weekly_requests",
    "DAILY_BUDGET_USD": "daily_budget_usd",
    "WEEKLY_BUDGET_USD": "weekly_budget_usd",
    "ALERT_AT": "alert_at",
}


def env_overrides(policy: Policy, environ: dict[str, str] | None = None) -> Policy:
    env = dict(os.environ if environ is None else environ)
    quotas = {name: q.model_copy() for name, q in policy.quotas.items()}
    for model in policy.models:
        base = model.upper().replace("-", "_")
        for suffix, field in _ENV_FIELDS.items():
            var = f"{base}_{suffix}"
            if var not in env or env[var] == "":
                continue
            quota = quotas.setdefault(model, Quota.model_validate({}))
            try:
                value = (
                    float(env[var]) if "." in env[var] or field.endswith("usd") else int(env[var])
                )
                updated = Quota.model_validate({**quota.model_dump(), field: value})
            except (ValueError, ValidationError) as err:
                raise ConfigError(f"{var} is invalid: {env[var]!r} ({err})") from None
            quotas[model] = updated
    return policy.model_copy(update={"quotas": quotas})


def load_policy(path: Path | None = None, environ: dict[str, str] | None = None) -> Policy:
    if path is None:
        text = resources.files("routing_mcp").joinpath("default_policy.yaml").read_text()
        where = "the default policy"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise ConfigError(f"ROUTING_POLICY_FILE {path} cannot be read: {err.strerror}") from err
        where = str(path)
    try:
        policy = Policy.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as err:
        raise ConfigError(f"{where} is not a valid routing policy: {err}") from None
    return env_overrides(policy, environ)
