"""End to end against Prism mocks of the official Sonarr, Radarr and Prowlarr specs.

``prism mock --errors`` answers every request that breaks the spec with 422 (bad parameter or
body) or 401 (no API key), and answers valid ones with random data of the documented shapes, so
this run proves both that our requests follow the contract and that the tools cope with any
response the spec allows (negative numbers, empty lists, missing optional fields).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

import pytest
from fastmcp import Client

from arr_suite_mcp.client import ArrClient
from arr_suite_mcp.server import build_server, probe
from arr_suite_mcp.settings import ArrSettings
from arr_suite_mcp.tools.manage import add_body
from arr_suite_mcp.upstreams import Upstreams
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client
from tests.peers.prism import prism_mock

pytestmark = pytest.mark.peer
SPEC_ERRORS = ("rejected the request as invalid", "rejected the credentials")


@pytest.fixture(scope="module")
def prism_urls() -> Iterator[dict[str, str]]:
    """Three Prism processes, started side by side (each takes seconds to load its spec)."""
    specs = {"sonarr": "sonarr-v3.json", "radarr": "radarr-v3.json", "prowlarr": "prowlarr-v1.json"}
    mocks = {app: prism_mock(spec) for app, spec in specs.items()}
    with ExitStack() as stack, ThreadPoolExecutor(len(mocks)) as pool:
        started = {app: pool.submit(cm.__enter__) for app, cm in mocks.items()}
        urls: dict[str, str] = {}
        errors: list[BaseException] = []
        for app, future in started.items():  # stop every one that started, even if one failed
            try:
                urls[app] = future.result()
            except BaseException as err:  # a skip or a failed start: re-raised below
                errors.append(err)
                continue
            stack.callback(mocks[app].__exit__, None, None, None)
        if errors:
            raise errors[0]
        yield urls


@pytest.fixture
def prism_settings(prism_urls: dict[str, str]) -> ArrSettings:
    instances = [
        {"app": app, "url": url, "api_key": f"{app}-key"} for app, url in prism_urls.items()
    ]
    return load_settings(ArrSettings, instances=instances, allow_write=True, allow_destructive=True)


@pytest.fixture
async def prism_client(
    prism_settings: ArrSettings, runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    async with mcp_client(build_server(prism_settings, runtime)) as client:
        yield client


async def ok(client: Client[Any], tool: str, **args: Any) -> Any:
    result = await client.call_tool(tool, args, raise_on_error=False)
    text = " ".join(getattr(c, "text", "") for c in result.content)
    assert not any(e in text for e in SPEC_ERRORS), f"{tool}{args}: {text}"
    return result


READS: list[tuple[str, dict[str, Any]]] = [
    ("list_library", {"app": "sonarr"}),
    ("list_library", {"app": "radarr", "missing": True, "tag": "kids"}),
    ("get_details", {"app": "sonarr", "id": 1}),
    ("get_details", {"app": "radarr", "id": 1}),
    ("lookup", {"app": "sonarr", "term": "severance"}),
    ("lookup", {"app": "radarr", "term": "tmdb:949"}),
    ("calendar", {"days": 30}),
    ("wanted_missing", {"app": "sonarr"}),
    ("wanted_missing", {"app": "radarr"}),
    ("history", {"app": "sonarr"}),
    ("history", {"app": "radarr"}),
    ("queue", {}),
    ("health", {}),
    ("list_indexers", {}),
    ("indexer_stats", {}),
    ("search_releases", {"query": "heat", "kind": "movie", "categories": [2000]}),
]
WRITES: list[tuple[str, dict[str, Any]]] = [
    ("run_command", {"app": "sonarr", "command": "rescan"}),
    ("run_command", {"app": "radarr", "command": "search"}),
    ("set_monitored", {"app": "sonarr", "ids": [1, 2], "monitored": False}),
    ("set_monitored", {"app": "radarr", "ids": [3], "monitored": True}),
    ("grab_release", {"guid": "abc", "indexer_id": 1}),
    ("test_indexers", {}),
]
DESTRUCTIVE: list[tuple[str, dict[str, Any]]] = [
    ("delete_title", {"app": "sonarr", "id": 1, "delete_files": True}),
    ("delete_title", {"app": "radarr", "id": 1}),
    ("remove_queue_item", {"app": "radarr", "id": 5, "blocklist": True}),
]


async def test_every_tool_follows_the_specs(prism_client: Client[Any]) -> None:
    for tool, args in READS + WRITES:
        result = await ok(prism_client, tool, **args)
        assert not result.is_error or "not found" in str(result.content), (tool, result)
    for tool, args in DESTRUCTIVE:
        first = await ok(prism_client, tool, **args)
        data = first.structured_content or {}
        token = data.get("result", data).get("confirm_token")
        assert token, (tool, first)
        await ok(prism_client, tool, **args, confirm_token=token)


async def test_command_ids_are_a_documented_spec_gap(prism_client: Client[Any]) -> None:
    """The specs type POST /command as the generic CommandResource (no seriesId/movieIds), so a
    strict mock rejects what the real apps require; this pins the gap so that a fixed spec shows."""
    result = await prism_client.call_tool(
        "run_command", {"app": "sonarr", "command": "search", "id": 1}, raise_on_error=False
    )
    assert result.is_error and "rejected the request as invalid" in str(result.content)


async def test_add_body_follows_the_spec(prism_settings: ArrSettings) -> None:
    up = Upstreams(prism_settings)
    try:
        for app in ("sonarr", "radarr"):
            client = up.arr(app, None)  # type: ignore[arg-type]
            assert isinstance(client, ArrClient)
            found = {
                "title": "Heat",
                "titleSlug": "heat",
                "year": 1995,
                "tvdbId": 1,
                "tmdbId": 949,
                "seasons": [{"seasonNumber": 1}],
                "images": [],
            }
            added = await client.add(add_body(app, found, 1, "/media", True, True))
            assert isinstance(added, dict)
    finally:
        await up.aclose()


async def test_readiness_against_the_specs(prism_settings: ArrSettings) -> None:
    up = Upstreams(prism_settings)
    try:
        ready = await probe(up)
        assert ready.ok and ready.authenticated, ready.detail
    finally:
        await up.aclose()
