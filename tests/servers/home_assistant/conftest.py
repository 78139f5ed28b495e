"""Fixtures for the Home Assistant server tests: a real Home Assistant peer (see tests/peers)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastmcp import Client

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client, structured
from tests.peers.homeassistant import HomeAssistantPeer

# --- the server under test -------------------------------------------------------------------


@pytest.fixture
def ha_settings(ha_peer: HomeAssistantPeer) -> Callable[..., HASettings]:
    """Settings for the session peer; keyword overrides (allow_write=True, ...)."""

    def make(**overrides: Any) -> HASettings:
        values: dict[str, Any] = {"url": ha_peer.url, "token": ha_peer.token, **overrides}
        return load_settings(HASettings, **values)

    return make


@pytest.fixture
async def ro_ha(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    """A read-only server (the default) through an in-memory MCP client."""
    async with mcp_client(build_server(ha_settings(), runtime)) as client:
        yield client


@pytest.fixture
async def write_only(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    """Writes enabled, destructive tools off (what most owners run)."""
    async with mcp_client(build_server(ha_settings(allow_write=True), runtime)) as client:
        yield client


@pytest.fixture
async def rw_ha(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    """Writes and destructive tools enabled."""
    settings = ha_settings(allow_write=True, allow_destructive=True)
    async with mcp_client(build_server(settings, runtime)) as client:
        yield client


async def call(client: Client[Any], tool: str, **arguments: Any) -> dict[str, Any]:
    """Call a tool and return its structured content (unwrapped from ``result`` if wrapped)."""
    data = structured(await client.call_tool(tool, arguments))
    return data["result"] if set(data) == {"result"} else data
