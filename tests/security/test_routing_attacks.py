"""Attacks on the model router's write tools (``set_limit``, ``reset_window``), as
``cases.AttackCase``, through a real MCP client. The witness is the quota store itself (every
model's limits and usage read from it, not from the tools' answers): a refused case leaves it
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastmcp import FastMCP

from routing_mcp.runtime import RoutingRuntime
from tests.harness import mcp_client
from tests.routing.conftest import (  # noqa: F401 (fixtures)
    cloud_env,
    make_routing,
    rules_scanner,
    scanner,
    served_scanner,
    upstreams,
)
from tests.security.cases import AttackCase, params, run_case

WRITES = {"allow_write": True}
LIMIT = {"model": "claude-opus", "limit": "daily_requests", "value": 1}
CASES = [
    AttackCase(
        "set-limit-read-only", "set_limit", LIMIT, match="ROUTING_ALLOW_WRITE", why="default"
    ),
    AttackCase("reset-window-read-only", "reset_window", {"model": "claude-opus"}),
    AttackCase(
        "set-limit-unknown-model", "set_limit", {**LIMIT, "model": "gpt-9"}, settings=WRITES
    ),
    AttackCase(
        "set-limit-model-traversal",
        "set_limit",
        {**LIMIT, "model": "../claude-opus"},
        settings=WRITES,
    ),
    AttackCase("set-limit-every-model", "set_limit", {**LIMIT, "model": "*"}, settings=WRITES),
    AttackCase("set-limit-negative", "set_limit", {**LIMIT, "value": -1}, settings=WRITES),
    AttackCase(
        "set-limit-field-injection",
        "set_limit",
        {**LIMIT, "limit": "daily_requests; DELETE FROM usage"},
        settings=WRITES,
    ),
    AttackCase(
        "reset-window-every-model",
        "reset_window",
        {"model": "%"},
        settings=WRITES,
        why="a LIKE wildcard must not reach the store",
    ),
    AttackCase(
        "reset-window-unknown-window",
        "reset_window",
        {"model": "claude-opus", "window": "all"},
        settings=WRITES,
    ),
]


async def store_state(rt: RoutingRuntime) -> list[dict[str, Any]]:
    return [(await rt.model_quota(name)).model_dump() for name in rt.policy.priority]


@pytest.mark.parametrize("case", params(CASES))
async def test_attack(
    case: AttackCase,
    make_routing: Callable[..., tuple[FastMCP[Any], RoutingRuntime]],  # noqa: F811
    upstreams: Any,  # noqa: F811
) -> None:
    mcp, rt = make_routing(**case.settings)
    try:
        before = await store_state(rt)
        async with mcp_client(mcp) as client:
            outcome = await run_case(client, case)
        outcome.check()
        assert await store_state(rt) == before, f"{case.name}: the quota store changed"
    finally:
        await rt.aclose()


async def test_the_witness_sees_a_real_change(
    make_routing: Callable[..., tuple[FastMCP[Any], RoutingRuntime]],  # noqa: F811
    upstreams: Any,  # noqa: F811
) -> None:
    mcp, rt = make_routing(**WRITES)
    try:
        before = await store_state(rt)
        async with mcp_client(mcp) as client:
            await client.call_tool("set_limit", LIMIT)
        assert await store_state(rt) != before
    finally:
        await rt.aclose()
