"""Test harness shared by every server's tests: a live HTTP server, spec-checked respx."""

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastmcp import Client, FastMCP


@asynccontextmanager
async def mcp_client(server: FastMCP[Any]) -> AsyncIterator[Client[Any]]:
    """An in-memory MCP client that has listed the tools, so that it validates every structured
    result against the output schema the server published (as real clients do)."""
    async with Client(server) as client:
        await client.list_tools()
        yield client


def structured(result: Any) -> dict[str, Any]:
    """The structured content of a tool result (fails the test when there is none)."""
    data = result.structured_content
    assert isinstance(data, dict), f"no structured content in {result!r}"
    return data


async def until(
    check: Callable[[], Any], seconds: float = 15.0, *, what: str = "the condition"
) -> Any:
    """Poll ``check`` (sync or async) until it returns something truthy, and return that; fail
    the test after ``seconds``. The one way tests wait for a condition (never a bare sleep)."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        assert time.monotonic() < deadline, f"{what} not reached within {seconds} s"
        await asyncio.sleep(0.02)
