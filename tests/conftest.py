"""Fixtures shared by every test: isolated state, the example upstream and server, MCP clients."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client, FastMCP

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.example.server import ExampleSettings, build_server
from tests.example.upstream import InventoryServer
from tests.harness import mcp_client
from tests.peers import free_port

API_KEY = "inventory-key-0123456789"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's env, .env or state dir."""
    for var in list(os.environ):
        if var.startswith(("HOMELAB_", "EXAMPLE_", "HA_", "ROUTING_")) or var.startswith(
            ("ARR_", "SONARR_", "RADARR_", "PROWLARR_", "SABNZBD_")
        ):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOMELAB_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def runtime(tmp_path: Path) -> RuntimeSettings:
    return load_settings(RuntimeSettings, state_dir=tmp_path / "state")


@pytest.fixture
def inventory() -> Iterator[InventoryServer]:
    server = InventoryServer(free_port(), API_KEY).start()
    yield server
    server.stop()


@pytest.fixture
def example_settings(inventory: InventoryServer) -> Callable[..., ExampleSettings]:
    def make(**overrides: Any) -> ExampleSettings:
        values: dict[str, Any] = {"url": inventory.url, "api_key": API_KEY, **overrides}
        return load_settings(ExampleSettings, **values)

    return make


@pytest.fixture
def example_server(
    example_settings: Callable[..., ExampleSettings], runtime: RuntimeSettings
) -> Callable[..., FastMCP[Any]]:
    def make(**overrides: Any) -> FastMCP[Any]:
        return build_server(example_settings(**overrides), runtime)

    return make


@pytest.fixture
async def ro_client(example_server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(example_server()) as client:
        yield client


@pytest.fixture
async def rw_client(example_server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(example_server(allow_write=True, allow_destructive=True)) as client:
        yield client
