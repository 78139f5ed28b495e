"""A load in flight (the start-up warm-up's) is shared by the calls that arrive meanwhile."""

from __future__ import annotations

import asyncio

import pytest

from home_assistant_mcp.client import _Cache


async def test_concurrent_readers_share_one_load_and_fresh_loads_again() -> None:
    cache, loads, gate = _Cache(), [], asyncio.Event()

    async def load() -> list[str]:
        loads.append(1)
        await gate.wait()
        return ["light.kitchen"]

    first = asyncio.create_task(cache.get("states", 30, load))
    await asyncio.sleep(0)  # the first load is in flight
    second = asyncio.create_task(cache.get("states", 30, load))
    fresh = asyncio.create_task(cache.get("states", 30, load, fresh=True))
    await asyncio.sleep(0)
    gate.set()
    assert await first == await second == ["light.kitchen"]
    await fresh
    assert len(loads) == 2, "the second reader fetched again, or the fresh one did not"


async def test_a_cancelled_loader_does_not_cancel_the_waiters() -> None:
    cache, gate = _Cache(), asyncio.Event()

    async def hang() -> str:
        await gate.wait()
        return "never"

    async def load() -> str:
        return "loaded"

    loader = asyncio.create_task(cache.get("services", 30, hang))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(cache.get("services", 30, load))
    await asyncio.sleep(0)
    loader.cancel()  # e.g. the warm-up over its deadline
    assert await waiter == "loaded"
    with pytest.raises(asyncio.CancelledError):
        await loader


async def test_a_failed_load_is_the_waiters_error_and_not_cached() -> None:
    cache, gate = _Cache(), asyncio.Event()

    async def fail() -> str:
        await gate.wait()
        raise RuntimeError("down")

    async def load() -> str:
        return "up"

    tasks = [asyncio.create_task(cache.get("config", 30, fail)) for _ in range(2)]
    await asyncio.sleep(0)
    gate.set()
    for task in tasks:
        with pytest.raises(RuntimeError, match="down"):
            await task
    assert await cache.get("config", 30, load) == "up"
