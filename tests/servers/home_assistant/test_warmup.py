"""Start-up warm-up against the real Home Assistant: before serving when the server is served
alone (capped for a slow upstream), after the first tools/list when several are (the gateway).

The server gets a Home Assistant client whose HTTP transport records every request it sends to
the peer (the requests are real), so the test sees what the start-up probe and warm-up fetched
and when.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.utilities.types import get_cached_typeadapter

from home_assistant_mcp import entities
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared import warmup
from homelab_shared.runtime import RuntimeSettings
from tests.harness import structured, until

pytestmark = pytest.mark.peer


class Recording(httpx.AsyncBaseTransport):
    """A real transport to the peer that notes each request path."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
def start_up(monkeypatch: pytest.MonkeyPatch) -> warmup.StartGate:
    """Start-up work on, as ``runner.serve`` switches it on, with a gate of this test's own
    and no fallback timer (only the first tools/list opens it)."""
    gate = warmup.StartGate()
    monkeypatch.setattr(warmup, "GATE", gate)
    monkeypatch.setattr(warmup, "_enabled", True)
    return gate


def served(settings: HASettings, runtime: RuntimeSettings) -> tuple[HAClient, Recording, Any]:
    """A server as ``runner.serve`` builds it, its HTTP requests recorded."""
    transport = Recording()
    ha = HAClient(settings, transport=transport)
    server = build_server(settings, runtime, client=ha)
    server.add_middleware(warmup.FirstListing())
    return ha, transport, server


def count_index_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the search indexes built from now on (the empty first one not counted)."""
    built: list[int] = []
    real_index = entities.FuzzyIndex

    def counting_index(docs: Any) -> entities.FuzzyIndex:
        if docs:  # SearchIndexes starts with an empty one
            built.append(len(docs))
        return real_index(docs)

    monkeypatch.setattr(entities, "FuzzyIndex", counting_index)
    return built


async def test_the_warm_up_fills_the_caches_after_the_first_tools_list(
    start_up: warmup.StartGate,
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
) -> None:
    ha, transport, server = served(ha_settings(), runtime)
    try:
        async with Client(server) as client:
            await asyncio.sleep(0)  # the start-up task is waiting on the gate, not running
            assert transport.paths == []
            assert not start_up.is_open
            tools = await client.list_tools()
            assert tools
            # The probe (/api/, /api/config), then the warm-up: services over REST, the
            # registries and the live states over the WebSocket (connected and authenticated).
            wanted = {"/api/", "/api/config", "/api/services"}
            await until(lambda: wanted <= set(transport.paths), 30, what="the warm-up requests")
            await until(lambda: ha.ws.connected and ha.live.synced, 30, what="the live states")
            assert "/api/states" not in transport.paths  # the states came from the subscription
            before = len(transport.paths)
            found: dict[str, Any] = structured(
                await client.call_tool("search_entities", {"area": "Bedroom"})
            )
            assert found["total"] == len(found["items"])  # the demo assigns no device to an area
            # The call made no request: states, registries and services came from the warm-up.
            assert transport.paths[before:] == []
    finally:
        await ha.aclose()


async def test_a_call_right_after_tools_list_shares_the_warm_ups_fetches(
    start_up: warmup.StartGate,
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
) -> None:
    ha, transport, server = served(ha_settings(), runtime)
    try:
        async with Client(server) as client:
            await client.list_tools()
            # at once: the warm-up (services, registries, live states) is starting or in flight
            found: dict[str, Any] = structured(
                await client.call_tool("search_entities", {"query": "bedroom light"})
            )
            assert found["items"]
            await until(lambda: ha.live.synced, 30, what="the live states")
            # one fetch each, whoever asked first; the states came from the subscription
            assert transport.paths.count("/api/services") == 1, transport.paths
            assert "/api/states" not in transport.paths, transport.paths
    finally:
        await ha.aclose()


async def test_the_first_call_after_the_warm_up_builds_nothing(
    start_up: warmup.StartGate,
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The search index and the tools' argument validators (built by fastmcp on a tool's first
    call, ~10 ms each) are built during the warm-up: the first search builds neither."""
    built = count_index_builds(monkeypatch)
    prebuilt = asyncio.Event()
    real_prebuild = warmup.prebuild_tools

    async def noting_prebuild(mcp: Any) -> None:
        await real_prebuild(mcp)
        prebuilt.set()

    monkeypatch.setattr(warmup, "prebuild_tools", noting_prebuild)
    ha, _, server = served(ha_settings(), runtime)
    try:
        async with Client(server) as client:
            await client.list_tools()
            await asyncio.wait_for(prebuilt.wait(), 60)
            await until(lambda: len(built) == 1, 30, what="the search index")
            assert built[0] > 100  # the demo's entities
            validators = get_cached_typeadapter.cache_info().misses
            found: dict[str, Any] = structured(
                await client.call_tool("search_entities", {"query": "kitchen light"})
            )
            assert found["items"]
            assert len(built) == 1  # the warm-up's index served the search
            assert get_cached_typeadapter.cache_info().misses == validators
    finally:
        await ha.aclose()


@pytest.fixture
def served_alone(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Start-up work on as ``runner.serve`` switches it on for one server (before serving);
    yields the sizes of the search indexes built meanwhile."""
    built = count_index_builds(monkeypatch)
    with warmup.start_up_enabled(before_serving=True):
        yield built


async def test_served_alone_the_server_answers_once_its_start_up_is_done(
    served_alone: list[int],
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
) -> None:
    """The client's first request finds the connections open, the caches full, the search index
    and the tools' validators built: its first call fetches and builds nothing."""
    ha, transport, server = served(ha_settings(), runtime)
    try:
        async with Client(server) as client:  # initialize answered
            assert {"/api/", "/api/config", "/api/services"} <= set(transport.paths)
            assert ha.ws.connected and ha.live.synced
            assert len(served_alone) == 1 and served_alone[0] > 100  # the demo's entities
            before, validators = len(transport.paths), get_cached_typeadapter.cache_info().misses
            await client.list_tools()
            found: dict[str, Any] = structured(
                await client.call_tool("search_entities", {"query": "kitchen light"})
            )
            assert found["items"]
            assert transport.paths[before:] == []
            assert len(served_alone) == 1
            assert get_cached_typeadapter.cache_info().misses == validators
    finally:
        await ha.aclose()


async def first_answer_against_a_hung_upstream(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> float:
    """Seconds until the server answers ``initialize`` while Home Assistant accepts the
    connection and never answers."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as hung:  # never accepts, never answers
        port = hung.getsockname()[1]
        ha, _, server = served(ha_settings(url=f"http://127.0.0.1:{port}"), runtime)
        try:
            started = time.perf_counter()
            async with Client(server) as client:
                waited = time.perf_counter() - started
                assert await client.list_tools()
            return waited
        finally:
            await ha.aclose()


async def test_served_alone_a_hung_upstream_delays_the_first_answer_by_the_cap_at_most(
    served_alone: list[int],
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Home Assistant accepts the connection and never answers: the server answers after
    ``BEFORE_SERVING_S`` (shortened here), not after the probe's or the warm-up's timeouts."""
    monkeypatch.setattr(warmup, "BEFORE_SERVING_S", 0.3)
    waited = await first_answer_against_a_hung_upstream(ha_settings, runtime)
    assert 0.3 <= waited < 2.0, waited  # the probe alone would wait 3 s
    assert served_alone == []


@pytest.mark.parametrize(("wait_s", "least", "most"), [(0.0, 0.0, 0.25), (0.6, 0.6, 2.0)])
async def test_the_operator_sets_how_long_the_first_answer_waits(
    wait_s: float,
    least: float,
    most: float,
    ha_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
) -> None:
    """``HOMELAB_STARTUP_WAIT`` (``runner.serve`` passes it as ``wait_s``): against a hung
    upstream, 0 answers at once (the start-up then waits for the first tools/list, as in the
    gateway) and 0.6 after 0.6 s."""
    assert RuntimeSettings.model_fields["startup_wait"].default == warmup.BEFORE_SERVING_S
    with warmup.start_up_enabled(before_serving=True, wait_s=wait_s):
        # waiting: the start-up runs before serving; not waiting: it waits for the client
        assert warmup.GATE.is_open == (wait_s > 0)
        waited = await first_answer_against_a_hung_upstream(ha_settings, runtime)
        assert least <= waited < most, waited


async def test_the_first_websocket_connection_keeps_the_cache_a_reconnection_drops_it(
    ha_settings: Callable[..., HASettings],
) -> None:
    """The warm-up fetches the services over REST beside the WebSocket's handshake: the first
    connection must not throw them away (the first get_entity fetched them again); after a
    reconnection Home Assistant may have restarted with other services, so they are fetched
    anew."""
    transport = Recording()
    ha = HAClient(ha_settings(), transport=transport)
    try:
        await ha.services()
        await ha.areas()  # connects the WebSocket (the first connection)
        assert ha.ws.connects == 1
        await ha.services()
        assert transport.paths.count("/api/services") == 1, transport.paths
        await ha.ws.drop()
        await ha.ws.connection()  # reconnects
        assert ha.ws.connects == 2
        await ha.services()
        assert transport.paths.count("/api/services") == 2, transport.paths
    finally:
        await ha.aclose()
