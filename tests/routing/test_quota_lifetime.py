"""A reservation cannot expire while its call runs, however long the call takes (SQLite, Redis).

Scaled down: the policy's reservation TTL is 0.2 s, the only Claude Sonnet slot (limit 1) is
taken by a call that lasts 1.5 s, and a second caller arrives after the TTL has passed, while the
first call is still running. It must not get in.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.harness import mcp_client, structured, until
from tests.peers.redis import redis_server
from tests.routing.loopback import Behaviour, Provider, loopback_provider
from tests.routing.payloads import anthropic_ok, gemini_ok

TTL = 0.2
CALL = 1.5
REVIEW = "Please review this code for bugs:\n```python\nprint(1)\n```"


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def slow_claude(_path: str, body: dict[str, Any]) -> Behaviour:
    return ("slow", CALL, 200, anthropic_ok("claude answer", body["model"]))


def gemini(_path: str, _body: dict[str, Any]) -> Behaviour:
    return ("json", 200, gemini_ok("gemini answer"))


def short_ttl_policy(tmp_path: Path) -> Path:
    policy = yaml.safe_load(
        resources.files("routing_mcp").joinpath("default_policy.yaml").read_text()
    )
    policy["reservation_ttl_seconds"] = TTL
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy))
    return path


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_no_second_caller_gets_in_after_the_ttl_while_the_first_call_runs(
    backend: str,
    make_routing: Any,
    point: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("CLAUDE_SONNET_DAILY_LIMIT", "1")
    store = {"redis_url": request.getfixturevalue("redis_url")} if backend == "redis" else {}
    async with loopback_provider(gemini) as google, loopback_provider(slow_claude) as anthropic:
        point(google.url, anthropic.url)
        mcp, rt = make_routing(
            policy_file=short_ttl_policy(tmp_path), deadline=10, read_timeout=5, **store
        )
        async with mcp_client(mcp) as client:
            first = asyncio.create_task(client.call_tool("ask", {"prompt": REVIEW}))
            await until(lambda: len(anthropic.hits) == 1, 5)  # the first call is in flight
            in_flight: Provider = anthropic
            # Wait out the TTL (a time condition, polled): an old-style reservation is gone now.
            await until(lambda: time.monotonic() > in_flight.hits[0].at + TTL + 0.1, 5)
            first_still_running = not first.done()
            second = structured(await client.call_tool("ask", {"prompt": REVIEW}))
            live = await rt.store.live_reservations(time.time())
            first_result = structured(await first)
            status = structured(await client.call_tool("quota_status", {"model": "claude-sonnet"}))
        await rt.aclose()
    assert first_result["model"] == "claude-sonnet"
    assert second["model"] == "gemini-flash"
    assert live == 1  # the first call's reservation outlived the TTL
    assert first_still_running  # the second caller came while the first call ran
    assert second["fallbacks_tried"][0] == {
        "model": "claude-sonnet",
        "outcome": "refused",
        "reason": "quota: daily_requests",
    }
    assert len(anthropic.hits) == 1  # exactly one Claude call for a limit of 1
    [sonnet] = status["models"]
    assert (sonnet["daily_requests_used"], sonnet["daily_requests_limit"]) == (1, 1)
    assert sonnet["reserved_now"] == 0
