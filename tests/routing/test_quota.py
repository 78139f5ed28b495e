"""Exact quotas under concurrency, on SQLite and on a real Redis; no leaks; alerts once."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastmcp import Client

from routing_mcp.quota.base import Limits, QuotaStore, Window
from routing_mcp.quota.redis import RedisQuotaStore
from routing_mcp.quota.sqlite import SQLiteQuotaStore
from tests.harness import structured
from tests.peers.redis import redis_server
from tests.routing.conftest import Upstreams
from tests.routing.payloads import ANTHROPIC_OVERLOADED, anthropic_ok

WINDOW = Window("2026-11-26", "2026-W48")
REVIEW = "Please review this code for bugs:\n```python\nprint(1)\n```"


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "redis"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[QuotaStore]:
    if request.param == "sqlite":
        made: QuotaStore = SQLiteQuotaStore(tmp_path / "quota.db")
    else:
        url = request.getfixturevalue("redis_url")
        made = RedisQuotaStore(url, prefix=f"t{uuid.uuid4().hex}")
    yield made
    await made.aclose()


async def test_concurrent_reservations_admit_exactly_the_limit(store: QuotaStore) -> None:
    limits = Limits(daily_requests=7)
    results = await asyncio.gather(
        *(store.reserve("m", WINDOW, limits, 0.0, 1000.0, 60) for _ in range(200))
    )
    admitted = [r for r in results if r.ok]
    assert len(admitted) == 7
    assert {r.refused_by for r in results if not r.ok} == {"daily_requests"}
    for admission in admitted:
        assert admission.reservation is not None
        await store.settle(admission.reservation, 10, 5, 0.01)
    day, week = await store.usage("m", WINDOW, 1000.0)
    assert (day.requests, day.reserved, week.requests) == (7, 0, 7)
    assert day.cost == pytest.approx(0.07)


async def test_budget_counts_reserved_spend(store: QuotaStore) -> None:
    limits = Limits(daily_budget_usd=1.0)
    results = await asyncio.gather(
        *(store.reserve("m", WINDOW, limits, 0.3, 1000.0, 60) for _ in range(10))
    )
    assert sum(r.ok for r in results) == 3  # 3 x 0.3 <= 1.0 < 4 x 0.3


async def test_released_reservations_free_their_slot(store: QuotaStore) -> None:
    limits = Limits(daily_requests=1, weekly_requests=5)
    first = await store.reserve("m", WINDOW, limits, 0.0, 1000.0, 60)
    assert first.reservation is not None
    assert not (await store.reserve("m", WINDOW, limits, 0.0, 1000.0, 60)).ok
    await store.release(first.reservation)
    second = await store.reserve("m", WINDOW, limits, 0.0, 1000.0, 60)
    assert second.ok
    assert await store.live_reservations(1000.0) == 1


async def test_expired_reservation_cannot_hold_quota(store: QuotaStore) -> None:
    """A process that crashed between reserve and settle: its hold lapses after the TTL."""
    limits = Limits(daily_requests=1)
    crashed = await store.reserve("m", WINDOW, limits, 0.0, 1000.0, 30)
    assert crashed.ok
    assert not (await store.reserve("m", WINDOW, limits, 0.0, 1020.0, 30)).ok
    later = await store.reserve("m", WINDOW, limits, 0.0, 1031.0, 30)
    assert later.ok
    assert await store.live_reservations(1031.0) == 1


async def test_weekly_limit_spans_days(store: QuotaStore) -> None:
    limits = Limits(daily_requests=10, weekly_requests=3)
    for day in ("2026-11-23", "2026-11-24", "2026-11-25"):
        admission = await store.reserve("m", Window(day, "2026-W48"), limits, 0.0, 1000.0, 60)
        assert admission.reservation is not None
        await store.settle(admission.reservation, 1, 1, 0.0)
    refused = await store.reserve("m", WINDOW, limits, 0.0, 1000.0, 60)
    assert refused.refused_by == "weekly_requests"
    next_week = await store.reserve("m", Window("2026-11-30", "2026-W49"), limits, 0.0, 1000.0, 60)
    assert next_week.ok


async def test_alert_marks_fire_once(store: QuotaStore) -> None:
    assert await store.first_alert("m|daily|2026-11-26|0.8") is True
    assert await store.first_alert("m|daily|2026-11-26|0.8") is False


def test_two_sqlite_connections_in_threads_stay_exact(tmp_path: Path) -> None:
    """Two stores on one file (as two processes would be): BEGIN IMMEDIATE serialises them."""
    path = tmp_path / "shared.db"
    admitted: list[bool] = []
    lock = threading.Lock()

    def worker() -> None:
        async def run() -> None:
            own = SQLiteQuotaStore(path)
            for _ in range(40):
                result = await own.reserve("m", WINDOW, Limits(daily_requests=25), 0.0, 1000.0, 60)
                with lock:
                    admitted.append(result.ok)
            await own.aclose()

        asyncio.run(run())

    SQLiteQuotaStore(path)  # create the schema once
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(admitted) == 25


async def _concurrent_asks(
    make_routing: Any, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch, **settings: Any
) -> tuple[list[dict[str, Any]], Any]:
    monkeypatch.setenv("CLAUDE_SONNET_DAILY_LIMIT", "13")

    async def slow_claude(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.02)  # keep many calls in flight at once
        return httpx.Response(200, json=anthropic_ok("ok", json.loads(request.content)["model"]))

    upstreams.anthropic.side_effect = slow_claude
    mcp, rt = make_routing(**settings)
    async with Client(mcp) as client:
        results = await asyncio.gather(
            *(client.call_tool("ask", {"prompt": REVIEW}) for _ in range(200))
        )
        status = structured(await client.call_tool("quota_status", {"model": "claude-sonnet"}))
    live = await rt.store.live_reservations(0.0)
    await rt.aclose()
    return [structured(r) for r in results], (status, live)


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_200_concurrent_asks_admit_exactly_n(
    backend: str,
    make_routing: Any,
    upstreams: Upstreams,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    settings = {"redis_url": request.getfixturevalue("redis_url")} if backend == "redis" else {}
    results, (status, live) = await _concurrent_asks(
        make_routing, upstreams, monkeypatch, **settings
    )
    by_model = [r["model"] for r in results]
    assert by_model.count("claude-sonnet") == 13
    assert upstreams.anthropic.call_count == 13
    assert by_model.count("gemini-flash") == 187  # the quota fallback chain
    [sonnet] = status["models"]
    assert sonnet["daily_requests_used"] == 13
    assert sonnet["reserved_now"] == 0
    assert live == 0


async def test_failed_calls_release_their_reservations(
    make_routing: Any, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUDE_SONNET_DAILY_LIMIT", "5")
    upstreams.anthropic.side_effect = [ANTHROPIC_OVERLOADED] * 20
    mcp, rt = make_routing()
    async with Client(mcp) as client:
        results = await asyncio.gather(
            *(client.call_tool("ask", {"prompt": REVIEW}) for _ in range(20))
        )
        status = structured(await client.call_tool("quota_status", {"model": "claude-sonnet"}))
    assert await rt.store.live_reservations(0) == 0
    await rt.aclose()
    assert all(structured(r)["model"] == "gemini-flash" for r in results)
    [sonnet] = status["models"]
    assert (sonnet["daily_requests_used"], sonnet["reserved_now"]) == (0, 0)


async def test_alerts_fire_once_per_window_with_log_metric_and_webhook(
    make_routing: Any, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastmcp.client.logging import LogMessage

    from homelab_shared.observability import REGISTRY

    monkeypatch.setenv("CLAUDE_OPUS_DAILY_LIMIT", "4")  # alert at 50% (the policy's alert_at)
    hook = upstreams.router.post("http://alerts.test/hook").respond(204)
    before = (
        REGISTRY.get_sample_value(
            "routing_quota_alerts_total", {"model": "claude-opus", "limit": "daily_requests"}
        )
        or 0.0
    )
    logs: list[str] = []

    async def on_log(message: LogMessage) -> None:
        logs.append(str(message.data))

    mcp, rt = make_routing(alert_webhook="http://alerts.test/hook")
    async with Client(mcp, log_handler=on_log) as client:
        for _ in range(4):
            await client.call_tool(
                "ask", {"prompt": "Which database?", "task_class": "architecture_decision"}
            )
    await rt.aclose()
    daily = [line for line in logs if "daily requests" in line]
    assert len(daily) == 2  # once at 50 %, once at 100 %
    assert "claude-opus has used 2 of its daily requests limit 4 (50%)" in daily[0]
    after = REGISTRY.get_sample_value(
        "routing_quota_alerts_total", {"model": "claude-opus", "limit": "daily_requests"}
    )
    assert after == before + 2
    bodies = [json.loads(c.request.content) for c in hook.calls]
    assert [b["limit"] for b in bodies] == ["daily_requests", "daily_requests"]
