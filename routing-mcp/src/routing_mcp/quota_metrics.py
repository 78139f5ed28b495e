"""Quota gauges per model: what is used (reservations of calls in flight included) and the limit.

Set wherever the router computes what is left (decisions, answers, ``quota_status``), so the
values are as of the last time a model's quota was read; Prometheus divides them for "quota near
its limit" (deploy/prometheus/homelab-mcp-rules.yaml). A limit that is removed stops being
exported, so no alert fires on a limit that no longer exists.
"""

from __future__ import annotations

from contextlib import suppress

from homelab_shared import metrics
from routing_mcp.quota.base import Limits, Usage

QUOTA_USED = metrics.gauge(
    "routing_quota_used",
    "Used in the current window, calls in flight included (requests, or USD for budgets)",
    ["model", "limit"],
)
QUOTA_LIMIT = metrics.gauge(
    "routing_quota_limit",
    "The model's limit in the current window (requests, or USD for budgets)",
    ["model", "limit"],
)


# The (model, limit) pairs exported now: a model without limits (the usual local one) costs
# nothing per call, instead of eight failed removals.
_EXPORTED: set[tuple[str, str]] = set()


def record_quota(model: str, limits: Limits, day: Usage, week: Usage) -> None:
    values = {
        "daily_requests": (limits.daily_requests, day.requests + day.reserved),
        "weekly_requests": (limits.weekly_requests, week.requests + week.reserved),
        "daily_budget_usd": (limits.daily_budget_usd, day.cost + day.reserved_cost),
        "weekly_budget_usd": (limits.weekly_budget_usd, week.cost + week.reserved_cost),
    }
    for kind, (limit, used) in values.items():
        if limit is None:
            if (model, kind) in _EXPORTED:
                _EXPORTED.discard((model, kind))
                for gauge in (QUOTA_USED, QUOTA_LIMIT):
                    with suppress(KeyError):  # already gone
                        gauge.remove(model, kind)
            continue
        _EXPORTED.add((model, kind))
        QUOTA_USED.labels(model, kind).set(used)
        QUOTA_LIMIT.labels(model, kind).set(limit)
