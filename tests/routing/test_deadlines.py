"""Deadlines that hold, against real HTTP servers on loopback that hang, trickle or answer.

Timeouts are scaled down (read 1 s, deadline a few seconds); each test measures the elapsed time
and which provider endpoints were hit, and how often.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from routing_mcp.settings import RoutingSettings
from tests.harness import mcp_client, structured
from tests.routing.loopback import Behaviour, Provider, Route, loopback_provider
from tests.routing.payloads import anthropic_ok, gemini_ok

GENERAL = "Help me write a friendly note to my neighbours about the party"
FLASH = "/v1beta/models/gemini-2.5-flash:generateContent"
PRO = "/v1beta/models/gemini-2.5-pro:generateContent"
READ = 1.0
CONNECT = 0.5
# What a fallback costs after a timeout on a busy 2-core machine (store, next request): less than
# another read timeout, so "READ <= gap < READ + SLACK" proves that exactly one timeout was paid.
SLACK = 0.7
SCALED = {"read_timeout": READ, "connect_timeout": CONNECT, "deadline": 6.0}


def hang(_path: str, _body: dict[str, Any]) -> Behaviour:
    return ("hang",)


def trickle(_path: str, _body: dict[str, Any]) -> Behaviour:
    return ("trickle", 0.1)  # a byte every 0.1 s: the read timeout never fires


def claude(_path: str, body: dict[str, Any]) -> Behaviour:
    return ("json", 200, anthropic_ok("claude answer", body["model"]))


def gemini(_path: str, _body: dict[str, Any]) -> Behaviour:
    return ("json", 200, gemini_ok("gemini answer"))


async def timed_ask(client: Client[Any], prompt: str) -> tuple[dict[str, Any], float]:
    start = time.monotonic()
    result = structured(await client.call_tool("ask", {"prompt": prompt}))
    return result, time.monotonic() - start


def test_defaults_answer_well_under_a_minute() -> None:
    defaults = RoutingSettings.model_fields
    deadline, read = defaults["deadline"].default, defaults["read_timeout"].default
    connect = defaults["connect_timeout"].default
    assert deadline < 60
    assert connect + read < deadline  # one hung provider leaves time for a fallback


async def test_a_hung_provider_costs_one_read_timeout_then_cools_down(
    make_routing: Any, point: Callable[..., None]
) -> None:
    async with loopback_provider(hang) as hung, loopback_provider(claude) as anthropic:
        point(hung.url, anthropic.url)
        mcp, rt = make_routing(**SCALED)
        async with mcp_client(mcp) as client:
            first, took = await timed_ask(client, GENERAL)
            second, took_again = await timed_ask(client, GENERAL + " and the parking")
            models = structured(await client.call_tool("list_models", {}))["result"]
        await rt.aclose()
    assert first["model"] == "claude-haiku"
    [failed] = first["fallbacks_tried"]
    assert (failed["model"], failed["outcome"]) == ("gemini-flash", "failed")
    assert failed["reason"].startswith("timeout")
    assert hung.paths() == [FLASH]  # one call: a timed-out call is not retried on the same model
    waited = anthropic.hits[0].at - hung.hits[0].at
    assert READ <= waited < READ + SLACK
    assert READ <= took < 2 * READ
    # The next ask skips the model that timed out instead of hanging on it again.
    assert second["model"] == "claude-haiku"
    assert second["fallbacks_tried"][0]["model"] == "gemini-flash"
    assert second["fallbacks_tried"][0]["outcome"] == "skipped"
    assert "(timed out)" in second["fallbacks_tried"][0]["reason"]
    assert len(hung.hits) == 1
    assert took_again < READ
    status = {m["name"]: m["status"] for m in models}
    assert status["gemini-flash"].startswith("cooling down for 1")  # ROUTING_TIMEOUT_COOLDOWN 120
    assert status["gemini-pro"] == "ready"  # a cooldown is per model


async def ask_once(
    make_routing: Any, point: Callable[..., None], gemini_route: Route
) -> tuple[dict[str, Any], float, Provider, Provider]:
    """One ask with Gemini served by ``gemini_route`` and Claude answering."""
    async with loopback_provider(gemini_route) as google, loopback_provider(claude) as anthropic:
        point(google.url, anthropic.url)
        mcp, rt = make_routing(**SCALED)
        async with mcp_client(mcp) as client:
            result, took = await timed_ask(client, GENERAL)
        await rt.aclose()
    return result, took, google, anthropic


async def test_a_trickling_provider_is_cut_at_connect_plus_read_timeout(
    make_routing: Any, point: Callable[..., None]
) -> None:
    result, took, slow, anthropic = await ask_once(make_routing, point, trickle)
    assert result["model"] == "claude-haiku"
    assert (
        result["fallbacks_tried"][0]["reason"] == f"timeout: no answer within {CONNECT + READ:g} s"
    )
    assert slow.paths() == [FLASH]
    cut = anthropic.hits[0].at - slow.hits[0].at
    assert READ < cut < CONNECT + READ + SLACK  # not cut by the read timeout: by the cap
    assert took < CONNECT + 2 * READ


async def test_the_deadline_covers_the_whole_chain(
    make_routing: Any, point: Callable[..., None]
) -> None:
    deadline = 2.5  # gemini-flash (1 s) + claude-haiku (1 s) + 0.5 s of gemini-pro
    async with loopback_provider(hang) as hung_gemini, loopback_provider(hang) as hung_claude:
        point(hung_gemini.url, hung_claude.url)
        mcp, rt = make_routing(**{**SCALED, "deadline": deadline})
        async with mcp_client(mcp) as client:
            start = time.monotonic()
            with pytest.raises(ToolError) as refused:
                await client.call_tool("ask", {"prompt": GENERAL})
            took = time.monotonic() - start
            models = structured(await client.call_tool("list_models", {}))["result"]
        live = await rt.store.live_reservations(0.0)
        await rt.aclose()
    message = str(refused.value)
    assert "No answer within the deadline of 2.5 s (ROUTING_DEADLINE)" in message
    assert "gemini-flash: timeout" in message and "claude-haiku: timeout" in message
    assert "gemini-pro: cut off by the deadline" in message
    assert deadline <= took < deadline + READ
    assert hung_gemini.paths() == [FLASH, PRO]  # each model once, none retried
    assert [h.body["model"] for h in hung_claude.hits] == ["claude-haiku-4-5"]
    assert live == 0  # the reservation of the call cut by the deadline was released
    status = {m["name"]: m["status"] for m in models}
    assert "timed out" in status["gemini-flash"] and "timed out" in status["claude-haiku"]
    assert status["gemini-pro"] == "ready"  # cut by the ask's deadline: not the model's fault


async def test_an_answer_within_the_deadline_is_not_affected(
    make_routing: Any, point: Callable[..., None]
) -> None:
    result, took, ok, anthropic = await ask_once(make_routing, point, gemini)
    assert anthropic.hits == []
    assert (result["model"], result["answer"], result["fallbacks_tried"]) == (
        "gemini-flash",
        "gemini answer",
        [],
    )
    assert ok.hits[0].body["contents"][0]["parts"][0]["text"] == GENERAL
    assert took < READ
