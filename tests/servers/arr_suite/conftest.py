"""Fixtures for the arr-suite tests: spec-checked fakes of every app, the server, MCP clients.

The lab has Sonarr, two Radarr instances (``default`` and ``4k``), Prowlarr and SABnzbd, so
every test also exercises instance selection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import respx
from fastmcp import Client, FastMCP

from arr_suite_mcp.server import build_server
from arr_suite_mcp.settings import ArrSettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client, structured
from tests.servers.arr_suite import data
from tests.servers.arr_suite.fake import FakeArr
from tests.servers.arr_suite.fake_sab import FakeSab

KEYS = {
    "sonarr": "sonarr-key-0123456789abcdef",
    "radarr": "radarr-key-0123456789abcdef",
    "radarr4k": "radarr4k-key-0123456789abcd",
    "prowlarr": "prowlarr-key-0123456789abcd",
    "sabnzbd": "sabnzbd-key-0123456789abcdef",
}


@dataclass
class Lab:
    sonarr: FakeArr
    radarr: FakeArr
    radarr4k: FakeArr
    prowlarr: FakeArr
    sab: FakeSab

    def all(self) -> list[FakeArr | FakeSab]:
        return [self.sonarr, self.radarr, self.radarr4k, self.prowlarr, self.sab]

    def instances(self) -> list[dict[str, Any]]:
        return [
            {"app": "sonarr", "url": self.sonarr.url, "api_key": self.sonarr.api_key},
            {"app": "radarr", "url": self.radarr.url, "api_key": self.radarr.api_key},
            {
                "app": "radarr",
                "name": "4k",
                "url": self.radarr4k.url,
                "api_key": self.radarr4k.api_key,
            },
            {"app": "prowlarr", "url": self.prowlarr.url, "api_key": self.prowlarr.api_key},
            {"app": "sabnzbd", "url": self.sab.url, "api_key": self.sab.api_key},
        ]

    def snapshot(self) -> list[str]:
        return [f.snapshot() for f in self.all()]


def make_lab() -> Lab:
    radarr4k = data.radarr(FakeArr("radarr", "http://radarr-4k.test:7879", KEYS["radarr4k"]))
    radarr4k.library = [data.movie(7, "Dune 4K")]
    radarr4k.queue = []
    return Lab(
        sonarr=data.sonarr(FakeArr("sonarr", "http://sonarr.test:8989", KEYS["sonarr"])),
        radarr=data.radarr(FakeArr("radarr", "http://radarr.test:7878", KEYS["radarr"])),
        radarr4k=radarr4k,
        prowlarr=data.prowlarr(FakeArr("prowlarr", "http://prowlarr.test:9696", KEYS["prowlarr"])),
        sab=FakeSab("http://sab.test:8080", KEYS["sabnzbd"]).fill(),
    )


@pytest.fixture
def lab() -> Iterator[Lab]:
    """Every fake installed on one respx router; no request leaves for a real network."""
    lab = make_lab()
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as router:
        for fake in lab.all():
            fake.install(router)
        yield lab
    problems = [v for fake in lab.all() for v in fake.violations]
    assert not problems, "requests or fixtures broke the contract:\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def _servers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FastMCP[Any]]:
    return {}


@pytest.fixture
def arr_server(
    lab: Lab, _servers: dict[str, FastMCP[Any]], tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., FastMCP[Any]]:
    """Servers for the lab's instances. Building one takes about a second on a loaded machine,
    so the servers with the default instances are shared by the session (the fakes behind them
    are new for every test; the servers' clients are made per MCP session)."""

    def make(**overrides: Any) -> FastMCP[Any]:
        values: dict[str, Any] = {"instances": lab.instances(), **overrides}
        key = repr(sorted(values.items()))
        if key not in _servers:
            state = tmp_path_factory.mktemp("arr-state")
            runtime = load_settings(RuntimeSettings, state_dir=state)
            _servers[key] = build_server(load_settings(ArrSettings, **values), runtime)
        return _servers[key]

    return make


@pytest.fixture
async def ro(arr_server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(arr_server()) as client:
        yield client


@pytest.fixture
async def rw(arr_server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(arr_server(allow_write=True, allow_destructive=True)) as client:
        yield client


async def call(client: Client[Any], tool: str, **arguments: Any) -> Any:
    """Call a tool and return its structured content (unwrapped from ``result`` if wrapped)."""
    found = structured(await client.call_tool(tool, arguments))
    return found["result"] if set(found) == {"result"} else found


async def fails(client: Client[Any], tool: str, **arguments: Any) -> str:
    """Call a tool that must fail; return its error text."""
    result = await client.call_tool(tool, arguments, raise_on_error=False)
    assert result.is_error, f"{tool} did not fail: {result.structured_content}"
    return " ".join(getattr(c, "text", "") for c in result.content)
