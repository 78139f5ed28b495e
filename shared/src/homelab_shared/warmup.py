"""Start-up work: probes and warm-ups, before serving (one server) or after the first tools/list.

A served server (``runner.serve``) probes each upstream once at start, with the client it serves
with, so the probe also opens that client's connections; a server may add a warm-up of its own
(fill caches, load a library its first call needs), run beside the probe; then the tools'
validators are built (:func:`prebuild_tools`).

One server (``python -m <server>``, ``homelab-mcp serve NAME``) does all of it before it answers
its first request, for ``BEFORE_SERVING_S`` at most: its client's first call then finds the
connections open and the caches full (measured: 1.2–1.9× a warm call at once, against 6–19×
when the warm-up started after the tool list), for ~70 ms more to the first answer, within the
cold-start budget; an upstream slower than the cap gets the rest of the work done in the
background, a refused one fails in milliseconds. The gateway (several servers) would add the
start-ups of all of them to its start: it waits until its first ``tools/list`` has been
answered, or ``FALLBACK_S`` after start when no client lists (an idle HTTP server), and the
start-ups run concurrently, one task per server, in the server's loop. They end with a warning
line when the upstream is not ready; a failure never stops the server.

Off unless inside ``start_up_enabled()`` (the runner's ``serve`` is): servers built in tests keep
their upstream traffic to what the test does.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING, Any

import mcp_types as mt
from fastmcp.server.middleware import CallNext, MiddlewareContext

from homelab_shared.memory import release_freed_memory
from homelab_shared.middleware import CallFastPath

if TYPE_CHECKING:
    from fastmcp import FastMCP
    from fastmcp.tools.base import Tool, ToolResult

    from homelab_shared.toolbox import Readiness, Toolbox

log = logging.getLogger("homelab.runner")
FALLBACK_S = 3.0
# Over stdio the one client started the server to use it and lists its tools at once; the timer
# is only for a client that never lists. With 3 s, a gateway starting on a loaded machine (wall
# time several times its CPU time) opened the gate before its first answer, and six probes and
# warm-ups (ollama, websockets...) ran ahead of the tool list.
STDIO_FALLBACK_S = 30.0
# The gate opens this long after the first tools/list has been answered. Over stdio the answer
# is written by a worker thread a few loop turns later; a warm-up that started at once (importing
# websockets, opening sockets, parsing registries) held the loop and the GIL meanwhile, and the
# client saw its tool list after that work (measured: websockets half imported before the answer
# reached the client). A model reads the list before its first call, so the wait costs no one.
AFTER_LISTING_S = 0.25
# The start-up probe only warns; a short deadline. A warm-up may fetch more (registries).
PROBE_TIMEOUT_S = 3.0
WARM_TIMEOUT_S = 20.0
# One server serves once its start-up is done, or this long after it began: a slow upstream
# delays the first answer by this much at most (the rest finishes in the background). The
# default of ``HOMELAB_STARTUP_WAIT``; 0 answers at once and runs the start-up beside the client.
BEFORE_SERVING_S = 1.0

Lifespan = Callable[["FastMCP[Any]"], AbstractAsyncContextManager[Any]]


class StartGate:
    """Opens once, from any thread; callbacks registered later run at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = False
        self._callbacks: list[Callable[[], None]] = []

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        with self._lock:
            if self._open:
                return
            self._open = True
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def when_open(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if not self._open:
                self._callbacks.append(callback)
                return
        callback()

    async def wait(self) -> None:
        """Until open, in the caller's loop (the gate may be opened from another thread)."""
        loop = asyncio.get_running_loop()
        opened = asyncio.Event()

        def wake() -> None:
            loop.call_soon_threadsafe(opened.set)

        self.when_open(wake)
        await opened.wait()


GATE = StartGate()
_enabled = False
_before_serving = False
_wait_s = BEFORE_SERVING_S


@contextlib.contextmanager
def start_up_enabled(
    fallback_s: float = FALLBACK_S,
    *,
    before_serving: bool = False,
    wait_s: float | None = None,
) -> Iterator[StartGate]:
    """While serving: start-up probes and warm-ups on. ``before_serving`` (one server): the gate
    is open and the lifespan waits for the start-up (``wait_s``, default ``BEFORE_SERVING_S``, at
    most) before the server answers anything; a wait of 0, or more than one server: a fresh gate
    that opens at the first tools/list or after ``fallback_s``. Reset on exit (tests serve more
    than once a process)."""
    global GATE, _enabled, _before_serving, _wait_s
    _wait_s = BEFORE_SERVING_S if wait_s is None else wait_s
    before_serving = before_serving and _wait_s > 0
    GATE, _enabled, _before_serving = StartGate(), True, before_serving
    if before_serving:
        GATE.open()
    timer = threading.Timer(fallback_s, GATE.open)
    timer.daemon = True
    timer.start()
    try:
        yield GATE
    finally:
        timer.cancel()
        _enabled = _before_serving = False


# A call still has its answer to serialize and write after it leaves the middleware (a few loop
# turns, and a worker thread over stdio): CPU-only start-up work waits this long after the last
# call instead of running in those turns ahead of the answer.
IDLE_GRACE_S = 0.05


class Calls:
    """Tool calls in flight (counted by :class:`FirstListing`): CPU-only start-up work (the
    prebuild, a warm-up's index build) yields to them, see :func:`after_calls`."""

    def __init__(self) -> None:
        self.in_flight = 0
        self._idle: asyncio.Event | None = None
        self._left = 0.0  # time.monotonic() when the last call left

    def enter(self) -> None:
        self.in_flight += 1

    def leave(self) -> None:
        self.in_flight -= 1
        if self.in_flight == 0:
            self._left = time.monotonic()
            if self._idle is not None:
                self._idle.set()

    async def until_idle(self) -> None:
        """Until no call is in flight and the last one left ``IDLE_GRACE_S`` ago."""
        while True:
            while self.in_flight:
                self._idle = asyncio.Event()
                await self._idle.wait()
            rest = self._left + IDLE_GRACE_S - time.monotonic()
            if rest <= 0:
                return
            await asyncio.sleep(rest)


CALLS = Calls()


async def after_calls() -> None:
    """For a warm-up's CPU-only step (parsing, building an index, importing a library): wait
    until no tool call is in flight. A step that ran between the awaits of a call would hold the
    call up by its whole length (a call needing the step's result does it itself, and the step
    then finds it done). Returns at once outside a served process and when no call is in
    flight."""
    await CALLS.until_idle()


class FirstListing(CallFastPath):
    """Opens the gate once the first ``tools/list`` has been answered, or at the first call, and
    counts the tool calls in flight (top-level server)."""

    async def on_list_tools(
        self,
        context: MiddlewareContext[mt.ListToolsRequest],
        call_next: CallNext[mt.ListToolsRequest, Sequence[Tool]],
    ) -> Sequence[Tool]:
        tools = await call_next(context)
        if not GATE.is_open:  # the answer is out before the work starts (AFTER_LISTING_S)
            asyncio.get_running_loop().call_later(AFTER_LISTING_S, GATE.open)
        return tools

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        # A client that calls has its tool list: the warm-up starts now, beside the call, and
        # the two share what they fetch instead of the call fetching alone.
        GATE.open()
        CALLS.enter()
        try:
            return await call_next(context)
        finally:
            CALLS.leave()


async def run_probe(probe: Callable[[], Awaitable[Readiness]], deadline_s: float) -> Readiness:
    from homelab_shared.runner import run_probe as probe_with_deadline

    return await probe_with_deadline(probe, deadline_s)


async def _warm(box: Toolbox) -> None:
    assert box.warm is not None
    try:
        await asyncio.wait_for(box.warm(), WARM_TIMEOUT_S)
    except Exception:  # the first call does the work and reports what fails
        log.info("%s: start-up warm-up failed", box.label, exc_info=True)


def prebuild(tool: Tool) -> None:
    """Build now what fastmcp (4.2) builds on a tool's first call: the argument validator of the
    wrapped function (``FunctionTool.run``: ~10 ms a tool) and the result serializer. Both land
    in fastmcp's own ``lru_cache``s under the keys ``run`` uses, so the first call finds them.
    Private helpers of fastmcp: if they move, this only stops helping (the caller logs)."""
    from fastmcp.server.dependencies import without_injected_parameters
    from fastmcp.tools import base, function_tool
    from fastmcp.utilities.types import get_cached_typeadapter

    if not isinstance(tool, function_tool.FunctionTool):
        return
    wrap = function_tool._wrap_body_errors  # pyright: ignore[reportPrivateUsage]
    body = wrap(tool.fn, materialize_generators=True)
    wrapper = without_injected_parameters(body, run_in_thread=tool.run_in_thread)
    get_cached_typeadapter(wrap(wrapper))
    returns = tool.return_type
    if returns not in (None, Any, inspect.Signature.empty) and not isinstance(returns, str):
        base._get_json_serializer(returns)  # pyright: ignore[reportPrivateUsage]


_protocol_built = False


def prebuild_protocol() -> None:
    """Once a process: what the first ``tools/call`` of a process imports or builds beyond any
    tool, found by profiling a first call against a warm one (``bench.first_call --profile``):
    the MCP SDK's serializer of a call's result (a pydantic ``TypeAdapter`` per protocol version,
    built on first use: ``mcp_types.methods.serialize_server_result``) and the module FastMCP
    imports on the way out of every call (``prefab_payload``, for Prefab UIs)."""
    global _protocol_built
    if _protocol_built:
        return
    _protocol_built = True
    import importlib

    from mcp_types import methods

    importlib.import_module("fastmcp.server.providers.prefab_payload")
    empty = {"content": [], "resultType": "complete"}  # valid in every version's schema
    for method, version in methods.SERVER_RESULTS:
        if method == "tools/call":
            methods.serialize_server_result(method, version, empty)


async def prebuild_tools(mcp: FastMCP[Any]) -> None:
    """:func:`prebuild_protocol`, then :func:`prebuild` for every tool, one at a time and only
    while no call is in flight: a build (~10 ms) between the awaits of a call would add up to
    more than the call saves (the first try, beside the warm-up, made the first call 4× slower).
    A call arriving during a build waits for that one build at most."""
    await CALLS.until_idle()
    try:
        prebuild_protocol()
    except Exception:  # a first call builds it as before
        log.debug("protocol prebuild failed", exc_info=True)
    await asyncio.sleep(0)
    for tool in await mcp.list_tools(run_middleware=False):
        await CALLS.until_idle()
        try:
            prebuild(tool)
        except Exception:  # the first call builds it as before
            log.debug("prebuild of %s failed", tool.name, exc_info=True)
        await asyncio.sleep(0)


# After the last start-up of a process (the gateway runs one per server), this long after it.
RELEASE_AFTER_S = 0.5
_release: asyncio.TimerHandle | None = None


def release_soon() -> None:
    """Hand the memory start-up used and freed back to the system, once start-up is over.

    Start-up parses the tool-schema cache, builds validators and fills caches; what it freed
    stays in the C allocator's heap and counts in the idle RSS (about 5 MiB in the gateway).
    ``malloc_trim`` (glibc) returns it. Run once, ``RELEASE_AFTER_S`` after the last start-up
    of the process, and only between tool calls (it holds the loop for a few milliseconds)."""
    global _release
    if _release is not None:
        _release.cancel()
    _release = asyncio.get_running_loop().call_later(RELEASE_AFTER_S, _release_now)


def _release_now() -> None:
    global _release
    if CALLS.in_flight:  # not during a call: try again later
        _release = asyncio.get_running_loop().call_later(RELEASE_AFTER_S, _release_now)
        return
    _release = None
    started = time.perf_counter()
    released = release_freed_memory()
    log.debug(
        "freed memory released to the system",
        extra={
            "released": released,
            "duration_ms": round(1000 * (time.perf_counter() - started), 1),
        },
    )


async def start_up(box: Toolbox) -> None:
    """Probe the upstream with the served client and run the server's warm-up beside it.

    Together, not one after the other: a client that calls right after ``tools/list`` finds
    the warm-up's fetches already in flight and shares them, instead of starting its own while
    the probe is still answering. Against a down upstream the warm-up fails as fast as the
    probe (and only logs); the probe's warning says what to fix. After them, the tools' lazily
    built validators and serializers are built (:func:`prebuild_tools`), between calls."""
    await GATE.wait()
    started = time.perf_counter()
    warming = asyncio.create_task(_warm(box)) if box.warm is not None else None
    building: asyncio.Task[None] | None = None
    try:
        if box.ready is not None:
            ready = await run_probe(box.ready, PROBE_TIMEOUT_S)
            if not ready.ok:
                log.warning(
                    "%s is not ready at start (%s); serving anyway, its tools fail until it is",
                    box.label,
                    ready.detail or "no detail",
                    extra={"server": box.label},
                )
        if warming is not None:
            await warming
        building = asyncio.create_task(prebuild_tools(box.mcp))
        await building
        release_soon()
        log.info(
            "%s: start-up done (probe, warm-up, tool validators)",
            box.label,
            extra={
                "server": box.label,
                "duration_ms": round(1000 * (time.perf_counter() - started)),
            },
        )
    finally:
        for task in (warming, building):
            if task is not None and not task.done():
                task.cancel()


def with_start_up(box: Toolbox, lifespan: Lifespan | None) -> Lifespan:
    """The server's lifespan, plus its start-up task while it runs (when enabled)."""

    @asynccontextmanager
    async def combined(server: FastMCP[Any]) -> AsyncIterator[Any]:
        inner = lifespan(server) if lifespan is not None else contextlib.nullcontext({})
        async with inner as state:
            if not _enabled:
                yield state
                return
            task = asyncio.create_task(start_up(box), name=f"start-up {box.label}")
            if _before_serving:  # one server: its first answer waits (a slow upstream: capped)
                await asyncio.wait([task], timeout=_wait_s)
            try:
                yield state
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    return combined
