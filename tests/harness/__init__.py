"""Test harness shared by every server's tests: a live HTTP server, spec-checked respx."""

from collections.abc import AsyncIterator
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
