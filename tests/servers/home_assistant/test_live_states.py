"""States kept in memory from the WebSocket (``subscribe_entities``), against the real Home
Assistant: equal to ``/api/states``, changes made through REST show up in search and overview
without another ``/api/states`` fetch (counted at the server's own HTTP transport), a dropped
socket re-syncs, and nothing is served from memory while Home Assistant is away.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

import home_assistant_mcp.entities as entities
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from tests.harness import until
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call, mcp_client

pytestmark = pytest.mark.peer

PROBE = "sensor.live_cache_probe"


class CountingTransport(httpx.AsyncHTTPTransport):
    """The real HTTP transport, counting the requests the server makes (method and path)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: Counter[tuple[str, str]] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen[(request.method, request.url.path)] += 1
        return await super().handle_async_request(request)

    @property
    def all_states(self) -> int:
        return self.seen[("GET", "/api/states")]


class Served:
    def __init__(self, mcp: Client[Any], ha: HAClient, transport: CountingTransport) -> None:
        self.mcp, self.ha, self.transport = mcp, ha, transport


@pytest.fixture
async def served(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> AsyncIterator[Served]:
    transport = CountingTransport()
    settings = ha_settings(ws_reconnect_max=0.5)
    ha = HAClient(settings, transport=transport)
    try:
        async with mcp_client(build_server(settings, runtime, client=ha)) as mcp:
            yield Served(mcp, ha, transport)
    finally:
        await ha.aclose()


@pytest.fixture
async def upstream(ha_peer: HomeAssistantPeer) -> AsyncIterator[httpx.AsyncClient]:
    """The test's own REST client to Home Assistant (not counted); removes the probe after."""
    async with httpx.AsyncClient(base_url=ha_peer.url, headers=ha_peer.headers) as http:
        yield http
        if ha_peer.running:
            await http.delete(f"/api/states/{PROBE}")


async def probe_found(mcp: Client[Any]) -> list[dict[str, Any]]:
    found = await call(mcp, "search_entities", query="live cache probe", domain="sensor")
    return [i for i in found["items"] if i["entity_id"] == PROBE]


def without_reported(state: dict[str, Any]) -> dict[str, Any]:
    """A REST state minus ``last_reported``, which the compressed form does not carry."""
    return {k: v for k, v in state.items() if k != "last_reported"}


async def test_live_states_equal_rest_and_follow_changes_without_refetching(
    served: Served, upstream: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = Counter[str]()

    class CountedIndex(entities.FuzzyIndex):
        def __init__(self, docs: Any) -> None:
            builds["index"] += 1
            super().__init__(docs)

    monkeypatch.setattr(entities, "FuzzyIndex", CountedIndex)
    mcp, ha = served.mcp, served.ha
    first = await call(mcp, "search_entities", query="bed light")
    assert first["items"][0]["entity_id"] == "light.bed_light"
    assert ha.live.synced and served.transport.all_states == 0  # synced from the WebSocket

    body = {"state": "1", "attributes": {"friendly_name": "Live cache probe", "gone": True}}
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()
    [added] = await until(lambda: probe_found(mcp))
    assert added["state"] == "1"
    built = builds["index"]
    body = {
        "state": "2",
        "attributes": {"friendly_name": "Live cache probe", "unit_of_measurement": "W"},
    }
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()
    changed = await probe_in_state(mcp, "2")
    assert changed["unit"] == "W"
    assert builds["index"] == built, "a state change rebuilt the search index"
    await ha.entities(fresh=True)  # as a write's safety check loads it: same content
    await call(mcp, "search_entities", query="live cache probe")
    assert builds["index"] == built, "an unchanged registry rebuilt the search index"

    # what the cache holds is exactly what /api/states says (attribute removed, context, times)
    live = {s["entity_id"]: s for s in (await ha.snapshot()).states}
    rest = (await upstream.get("/api/states")).json()
    assert {s["entity_id"]: without_reported(s) for s in rest} == live

    overview = await call(mcp, "overview")
    assert overview["entities"] == len(rest)
    body = {"state": "2", "attributes": {"friendly_name": "Live cache renamed"}}
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()

    async def renamed_found() -> list[dict[str, Any]]:
        # a result with no items is still a result: wait for the new name, not for any answer
        found = await call(mcp, "search_entities", query="cache renamed")
        return found["items"]

    renamed = await until(renamed_found)
    assert renamed[0]["entity_id"] == PROBE
    assert builds["index"] == built + 1  # a new name: one rebuild

    (await upstream.delete(f"/api/states/{PROBE}")).raise_for_status()
    await until(lambda: probe_gone(mcp))
    assert (await call(mcp, "overview"))["entities"] == len(rest) - 1
    assert (await call(mcp, "list_automations"))["total"] >= 1
    assert served.transport.all_states == 0, "a read fetched /api/states although in sync"


async def probe_in_state(mcp: Client[Any], state: str) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        found = await probe_found(mcp)
        return found[0] if found and found[0]["state"] == state else None

    return await until(check)


async def probe_gone(mcp: Client[Any]) -> bool:
    found = await call(mcp, "search_entities", query=PROBE)
    return all(i["entity_id"] != PROBE for i in found["items"])


async def test_a_dropped_socket_resyncs_and_a_change_made_meanwhile_is_seen(
    served: Served, upstream: httpx.AsyncClient
) -> None:
    mcp, ha = served.mcp, served.ha
    await call(mcp, "search_entities", query="bed light")
    assert ha.live.syncs == 1
    await ha.ws.drop()
    body = {"state": "while-away", "attributes": {"friendly_name": "Live cache probe"}}
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()
    # whether it is read over REST (not in sync yet) or from the new full set: never the old
    [seen] = await probe_found(mcp)
    assert seen["state"] == "while-away"
    await until(lambda: ha.live.syncs == 2)  # the socket reconnected and the states came again
    fetched = served.transport.all_states
    body["state"] = "after"
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()
    await probe_in_state(mcp, "after")
    assert served.transport.all_states == fetched


async def test_a_diff_out_of_step_is_never_applied_blind(
    served: Served, upstream: httpx.AsyncClient
) -> None:
    """A change to an entity the cache never saw means it missed something: it stops serving
    from memory and subscribes afresh on the next read."""
    mcp, ha = served.mcp, served.ha
    await call(mcp, "search_entities")
    sub = ha.live._sub
    assert sub is not None
    sub.deliver({"c": {"sensor.never_added": {"+": {"s": "1"}}}})
    assert not ha.live.synced and ha.live._sub is None
    fetched = served.transport.all_states
    await call(mcp, "search_entities", query="bed light")  # subscribes again, waits for the set
    assert ha.live.synced and ha.live.syncs == 2
    assert served.transport.all_states == fetched
    await until(lambda: ha.ws.subscriptions == 1)  # the abandoned subscription was ended


async def test_more_entities_than_the_bound_turns_the_cache_off(
    ha_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> None:
    transport = CountingTransport()
    settings = ha_settings()
    ha = HAClient(settings, transport=transport)
    ha.live.max_entities = 50  # the demo has 118
    ha.live.sync_wait = 120  # giving up on the set must end the first reader's wait, not this
    try:
        async with mcp_client(build_server(settings, runtime, client=ha)) as mcp:
            search = call(mcp, "search_entities", query="bed light")
            found = await asyncio.wait_for(search, 60)
            assert found["items"][0]["entity_id"] == "light.bed_light"
            assert not ha.live.enabled and len(ha.live) == 0
            assert transport.all_states == 1  # served over REST instead
            await until(lambda: ha.ws.subscriptions == 0)
            await call(mcp, "overview")
            assert transport.all_states == 2 and len(ha.live) == 0
    finally:
        await ha.aclose()


@pytest.fixture
def restarted_peer(ha_peer: HomeAssistantPeer) -> Iterator[HomeAssistantPeer]:
    """The session peer, started again after the test whatever happens (same URL and token)."""
    try:
        yield ha_peer
    finally:
        ha_peer.start()


async def test_nothing_stale_while_home_assistant_is_away_and_resynced_after(
    served: Served, upstream: httpx.AsyncClient, restarted_peer: HomeAssistantPeer
) -> None:
    mcp, ha = served.mcp, served.ha
    body = {"state": "before", "attributes": {"friendly_name": "Live cache probe"}}
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()
    assert (await probe_found(mcp))[0]["state"] == "before"
    assert ha.live.synced

    await asyncio.to_thread(restarted_peer.stop)
    await until(lambda: not ha.live.synced)
    with pytest.raises(ToolError, match=r"cannot connect.*HA_URL"):
        await mcp.call_tool("search_entities", {"query": "live cache probe"})
    with pytest.raises(ToolError, match=r"cannot connect.*HA_URL"):
        await mcp.call_tool("overview", {})

    await asyncio.to_thread(restarted_peer.start)
    await until(lambda: ha.live.syncs == 2, seconds=30)
    # the probe was a state set over REST: Home Assistant forgot it, and so has the cache
    assert await probe_gone(mcp)
    fetched = served.transport.all_states
    body["state"] = "after"
    (await upstream.post(f"/api/states/{PROBE}", json=body)).raise_for_status()
    await probe_in_state(mcp, "after")
    assert served.transport.all_states == fetched
