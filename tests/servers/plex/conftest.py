"""Fixtures for the Plex server: a fake Plex on loopback that plexapi talks to for real, and
Tautulli behind respx. Each test gets fresh state; a response that breaks the Plex spec fails it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
import respx
from fastmcp import Client, FastMCP

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from plex_mcp.server import build_server
from plex_mcp.settings import PlexSettings
from tests.harness import mcp_client, structured
from tests.peers import free_port
from tests.servers.plex import tautulli_data
from tests.servers.plex.fake_plex import FakePlex
from tests.servers.plex.tautulli_data import FakeTautulli

PLEX_TOKEN = "plex-token-abcdefghij0123456789"


@pytest.fixture(autouse=True)
def _no_plex_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for var in list(os.environ):
        if var.startswith(("PLEX_", "TAUTULLI_", "PLEXAPI_")):
            monkeypatch.delenv(var, raising=False)


@pytest.fixture
def plex() -> Iterator[FakePlex]:
    server = FakePlex(free_port(), PLEX_TOKEN).start()
    yield server
    server.stop()
    assert not server.violations, "\n".join(server.violations)


@pytest.fixture
def tautulli(plex: FakePlex) -> Iterator[FakeTautulli]:
    fake = FakeTautulli(plex.now)
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{tautulli_data.URL}/api/v2").mock(side_effect=fake)
        # the Plex probe speaks plain httpx to the fake Plex (and to dead loopback ports)
        router.route(host="127.0.0.1").pass_through()
        yield fake


@pytest.fixture
def settings(plex: FakePlex, tautulli: FakeTautulli) -> Callable[..., PlexSettings]:
    """Both halves by default; pass url=None/token=None or tautulli_url=None/... to drop one."""

    def make(**overrides: Any) -> PlexSettings:
        values: dict[str, Any] = {
            "url": plex.url,
            "token": PLEX_TOKEN,
            "tautulli_url": tautulli_data.URL,
            "tautulli_api_key": tautulli_data.KEY,
            "timeout": 5,
            **overrides,
        }
        return load_settings(PlexSettings, **{k: v for k, v in values.items() if v is not None})

    return make


@pytest.fixture
def server(
    settings: Callable[..., PlexSettings], runtime: RuntimeSettings
) -> Callable[..., FastMCP[Any]]:
    def make(**overrides: Any) -> FastMCP[Any]:
        return build_server(settings(**overrides), runtime)

    return make


@pytest.fixture
async def ro(server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(server()) as client:
        yield client


@pytest.fixture
async def rw(server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(server(allow_write=True, allow_destructive=True)) as client:
        yield client


async def call(client: Client[Any], tool: str, /, **arguments: Any) -> Any:
    """Call a tool; its structured content (unwrapped from ``result`` for list results)."""
    data = structured(await client.call_tool(tool, arguments))
    return data["result"] if set(data) == {"result"} else data


async def error_of(client: Client[Any], tool: str, /, **arguments: Any) -> str:
    """Call a tool that must fail; the error text the client sees."""
    result = await client.call_tool(tool, arguments, raise_on_error=False)
    assert result.is_error, f"{tool} unexpectedly succeeded: {result.structured_content}"
    return " ".join(getattr(c, "text", "") for c in result.content)
