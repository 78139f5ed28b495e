"""Fixtures for the TrueNAS server tests: a JSON-RPC 2.0 WebSocket stand-in on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastmcp import Client

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client, structured
from tests.servers.truenas.fake_truenas import FakeTrueNAS
from truenas_mcp.server import build_server
from truenas_mcp.settings import TrueNASSettings

API_KEY = "1-tHiSiSaTrUeNaSaPiKeY0123456789abcdef"


@pytest.fixture
async def nas() -> AsyncIterator[FakeTrueNAS]:
    server = await FakeTrueNAS(API_KEY).start()
    yield server
    await server.stop()
    # a call with parameters TrueNAS 25.04 rejects fails its test even when the tool coped
    assert server.rejected == [], f"calls TrueNAS would reject: {server.rejected}"


@pytest.fixture
def nas_settings(nas: FakeTrueNAS) -> Callable[..., TrueNASSettings]:
    def make(**overrides: Any) -> TrueNASSettings:
        values: dict[str, Any] = {"url": nas.url, "api_key": API_KEY, **overrides}
        return load_settings(TrueNASSettings, **values)

    return make


@pytest.fixture
async def ro_nas(
    nas_settings: Callable[..., TrueNASSettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    async with mcp_client(build_server(nas_settings(), runtime)) as client:
        yield client


@pytest.fixture
async def rw_nas(
    nas_settings: Callable[..., TrueNASSettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    settings = nas_settings(allow_write=True, allow_destructive=True)
    async with mcp_client(build_server(settings, runtime)) as client:
        yield client


async def call(client: Client[Any], tool: str, **arguments: Any) -> Any:
    """Call a tool and return its structured content (unwrapped from ``result`` if wrapped)."""
    data = structured(await client.call_tool(tool, arguments))
    return data["result"] if set(data) == {"result"} else data
