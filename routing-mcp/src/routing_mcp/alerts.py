"""Quota alerts: once per model, limit, window and threshold (``alert_at`` and 100 %)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from homelab_shared import metrics
from routing_mcp.policy import Quota
from routing_mcp.quota.base import Limits, QuotaStore, Usage, Window

log = logging.getLogger("routing")

ALERTS = metrics.counter("routing_quota_alerts_total", "Quota alerts fired", ["model", "limit"])
Notify = Callable[[str], Awaitable[None]]
Alert = Callable[[str, str, str], Awaitable[None]]


async def check_alerts(
    store: QuotaStore,
    quota: Quota | None,
    lim: Limits,
    used_now: tuple[str, Window, Usage, Usage],
    notify: Notify,
    alert: Alert | None,
) -> None:
    """Fire the alerts that the usage of model ``used_now[0]`` crossed for the first time."""
    if quota is None:
        return
    name, window, day, week = used_now
    checks = [
        ("daily_requests", window.day, day.requests, lim.daily_requests),
        ("weekly_requests", window.week, week.requests, lim.weekly_requests),
        ("daily_budget", window.day, day.cost, lim.daily_budget_usd),
        ("weekly_budget", window.week, week.cost, lim.weekly_budget_usd),
    ]
    for kind, period, used, limit in checks:
        if not limit:
            continue
        for threshold in sorted({quota.alert_at, 1.0}):
            if used / limit + 1e-9 < threshold:
                continue
            if not await store.first_alert(f"{name}|{kind}|{period}|{threshold}"):
                continue
            message = (
                f"{name} has used {used:g} of its {kind.replace('_', ' ')} limit {limit:g} "
                f"({used / limit:.0%}) in {period}"
            )
            ALERTS.labels(name, kind).inc()
            log.warning(message)
            await notify(message)
            if alert:
                await alert(name, kind, message)
