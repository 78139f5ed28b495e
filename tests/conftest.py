"""Fixtures shared by every test: isolated state, the example upstream and server, MCP clients."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Callable, Iterator
from functools import cache
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
from tests.peers import ROOT, free_port
from tests.peers.homeassistant import HomeAssistantPeer, require_homeassistant

API_KEY = "inventory-key-0123456789"


@cache
def documented_prefixes() -> tuple[str, ...]:
    """Prefixes of every variable a server reads: derived from the installed servers' settings
    classes (aliases such as OLLAMA_HOST and REDIS_URL included, ``_FILE`` twins implied), the
    routing policy's per-model overrides (CLAUDE_HAIKU_DAILY_LIMIT) and the README's tables."""
    from homelab_shared.configured import variables
    from homelab_shared.spec import discover_all
    from routing_mcp.policy import load_policy

    classes = [RuntimeSettings, ExampleSettings, *(s.settings_cls for s in discover_all()[0])]
    names = {var for cls in classes for var in variables(cls)}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for cell in re.findall(r"^\| ([^|]*)\|", readme, flags=re.MULTILINE):  # first column
        names.update(re.findall(r"`([A-Z][A-Z0-9]*_[A-Z0-9_]*)`", cell))
    prefixes = {name.split("_", 1)[0] + "_" for name in names}
    prefixes.update(m.upper().replace("-", "_") + "_" for m in load_policy().models)
    return tuple(sorted(prefixes))


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's env, .env or state dir: every documented variable is unset."""
    for var in list(os.environ):
        if var.upper().startswith(documented_prefixes()):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOMELAB_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def ha_peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HomeAssistantPeer]:
    """One started Home Assistant (demo entities, long-lived token) shared by the whole session.

    Skipped when `.ci/peers/homeassistant.sh` has not been run (a failure with REQUIRE_PEERS=1).
    Tests share its state: restore what you change, or assert on what you set yourself.
    """
    hass = require_homeassistant()
    peer = HomeAssistantPeer(tmp_path_factory.mktemp("homeassistant"), hass=hass)
    try:
        peer.start()
        yield peer
    finally:
        peer.stop()


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
