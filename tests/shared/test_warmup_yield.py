"""CPU-only start-up work yields to tool calls: ``warmup.after_calls`` waits until no call is in
flight and the last one has had ``IDLE_GRACE_S`` to get its answer out."""

from __future__ import annotations

import asyncio
import time

from fastmcp import Client, FastMCP

from homelab_shared import warmup


async def test_a_cpu_step_waits_for_the_call_in_flight() -> None:
    mcp: FastMCP[None] = FastMCP("yield")
    mcp.add_middleware(warmup.FirstListing())
    release = asyncio.Event()
    entered = asyncio.Event()

    @mcp.tool
    async def slow() -> str:
        entered.set()
        await release.wait()
        return "done"

    times: dict[str, float] = {}

    async def step() -> None:  # a warm-up's CPU-only step
        await warmup.after_calls()
        times["step"] = time.monotonic()

    async with Client(mcp) as client:
        call = asyncio.create_task(client.call_tool("slow", {}))
        await asyncio.wait_for(entered.wait(), 30)
        waiting = asyncio.create_task(step())
        await asyncio.sleep(2 * warmup.IDLE_GRACE_S)  # it would have run by now
        assert times == {}  # the call is in flight: the step waits
        times["returned"] = time.monotonic()
        release.set()
        assert (await call).data == "done"
        await asyncio.wait_for(waiting, 10)
    # not in the loop turns right after the tool returned, where the answer is still on its way
    # (serialized, written by a worker thread): tens of milliseconds later
    assert times["step"] - times["returned"] >= max(warmup.IDLE_GRACE_S, 0.02)
    assert warmup.CALLS.in_flight == 0


async def test_no_call_no_wait() -> None:
    started = time.monotonic()
    await asyncio.wait_for(warmup.after_calls(), 5)
    assert time.monotonic() - started < 5
