"""A served Home Assistant server's first tool call after start-up does no one-time work.

A fresh ``python -m home_assistant_mcp --transport stdio``, run through ``bench.call_profile``
(a cProfile of chosen tool calls, from the request line to the serialized answer), against the
real Home Assistant peer, driven over its pipes as a desktop client drives it. Once its start-up
has finished (its "start-up done" log line: probe, warm-up, tool validators), the first call
and a warm call of the same tool are profiled; the first may do nothing that only a first call
does. Call counts, not times: they do not depend on the machine's load.
"""

from __future__ import annotations

import pstats
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.clients import request
from bench.first_call import CALLS, PROFILED
from bench.procs import PYTHON, base_env
from bench.startup import Session
from tests.harness import until
from tests.peers.homeassistant import HomeAssistantPeer

pytestmark = pytest.mark.peer

Func = tuple[str, int, str]
WARM = 4  # warm calls after the first; the last one is profiled

# What only a first call would do, by the functions that do it.
ONE_TIME: dict[str, Callable[[Func], bool]] = {
    "module imports": lambda f: f[2] == "_find_and_load",
    "pydantic TypeAdapter builds": lambda f: (
        f[0].endswith("pydantic/type_adapter.py") and f[2] == "__init__"
    ),
    "search index builds": lambda f: (
        f[0].endswith("home_assistant_mcp/fuzzy.py") and f[2] == "__init__"
    ),
    # the warm-up fetched the services and registries: a first get_entity fetches its state only
    "HTTP requests": lambda f: f[0].endswith("httpx/_client.py") and f[2] == "_send_single_request",
    # the call log's writer thread, woken mid-call (threading.Event.set)
    "thread wake-ups": lambda f: f[0].endswith("/threading.py") and f[2] == "set",
}


def counts(profile: Path) -> dict[str, int]:
    stats: dict[Func, tuple[int, int, float, float, object]] = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    return {
        what: sum(nc for func, (_cc, nc, *_rest) in stats.items() if match(func))
        for what, match in ONE_TIME.items()
    }


@pytest.mark.parametrize("tool", ["search_entities", "get_entity"])
async def test_the_first_call_after_start_up_does_no_one_time_work(
    tool: str, ha_peer: HomeAssistantPeer, tmp_path: Path
) -> None:
    profiles, log = tmp_path / "profiles", tmp_path / "server.log"
    env = base_env(tmp_path, HA_URL=ha_peer.url, HA_TOKEN=ha_peer.token)
    env.update(BENCH_PROFILE_DIR=str(profiles), BENCH_PROFILE_CALLS=f"1,{WARM + 1}")
    session = await Session.spawn([PYTHON, *PROFILED], env, log)
    try:
        await session.send(request(1, "server/discover"), request(2, "tools/list"))
        await session.answer(2, 120)
        await until(lambda: "start-up done" in log.read_text(), 120, what="the start-up's end")
        for rid in range(3, 4 + WARM):
            params = {"name": tool, "arguments": CALLS[tool]}
            await session.send(request(rid, "tools/call", params))
            result = await session.answer(rid, 60)
            assert not result.get("isError"), result
    finally:
        await session.close()
    first, warm = counts(profiles / "call-1.prof"), counts(profiles / f"call-{WARM + 1}.prof")
    extra = {what: first[what] - warm[what] for what in ONE_TIME if first[what] > warm[what]}
    assert not extra, f"the first {tool} call did more than a warm one: {extra}\n{first=}\n{warm=}"
