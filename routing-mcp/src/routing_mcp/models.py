"""Tool results of the routing server (lean, typed)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class QuotaLeft(BaseModel):
    """What is left in the current windows; null means unlimited."""

    daily_requests: int | None = None
    weekly_requests: int | None = None
    daily_budget_usd: float | None = None
    weekly_budget_usd: float | None = None


class PiiEntity(BaseModel):
    type: str
    start: int
    end: int
    score: float


class PiiScan(BaseModel):
    found: bool
    entities: list[PiiEntity]
    redacted: str | None = Field(None, description="The prompt with each finding replaced")


class PiiField(BaseModel):
    """Which field of the request held which kinds of personal data (never the values)."""

    field: str = Field(description="prompt or system")
    types: list[str]


class ClassifyResult(BaseModel):
    task_class: str
    by: str = Field(description="explicit (the caller's task_class), rules or llm")
    reasons: list[str]
    estimated_tokens: int


class Attempt(BaseModel):
    model: str
    outcome: str = Field(description="skipped, refused or failed")
    reason: str


class RouteDecision(BaseModel):
    task_class: str
    classified_by: str
    pii_found: bool
    pii_types: list[str]
    pii_fields: list[PiiField] = Field(default_factory=list)
    model: str | None = Field(description="The model that would answer now; null if none can")
    provider: str | None
    reason: str
    candidates: list[str] = Field(description="The order in which models would be tried")
    skipped: list[Attempt]
    quota_left: QuotaLeft | None


class AskResult(BaseModel):
    answer: str
    model: str
    provider: str
    task_class: str
    pii_found: bool
    pii_fields: list[PiiField] = Field(default_factory=list)
    tokens_in: int
    tokens_out: int
    cost_usd: float
    finish_reason: Literal["stop", "length"] = Field(
        "stop", description="length: the answer was cut at the output token cap"
    )
    fallbacks_tried: list[Attempt]
    preprocessed_by: str | None = None
    quota_left: QuotaLeft


class ModelQuota(BaseModel):
    model: str
    day: str
    week: str
    daily_requests_used: int
    daily_requests_limit: int | None
    weekly_requests_used: int
    weekly_requests_limit: int | None
    spend_today_usd: float
    daily_budget_usd: float | None
    spend_week_usd: float
    weekly_budget_usd: float | None
    reserved_now: int
    left: QuotaLeft


class QuotaStatus(BaseModel):
    backend: str
    models: list[ModelQuota]


class UsageRow(BaseModel):
    model: str
    day: str
    requests: int
    tokens_in: int
    tokens_out: int
    cost_usd: float


class UsageReport(BaseModel):
    days: list[UsageRow]
    total_requests: int
    total_cost_usd: float
    week_cost_usd: dict[str, float] = Field(description="Cost per model in the current ISO week")


class ModelInfo(BaseModel):
    name: str
    provider: str
    upstream_id: str
    local: bool
    configured: bool
    healthy: bool
    status: str = Field(description="ready, or why the model is skipped now")
    context_window: int
    input_per_mtok: float
    output_per_mtok: float
    quota_left: QuotaLeft


class LimitChange(BaseModel):
    model: str
    field: str
    value: float | None
    effective: QuotaLeft
