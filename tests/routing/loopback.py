"""A real HTTP/1.1 server on loopback that plays a model provider: it answers, hangs, trickles or
answers slowly, per path, and records every request it gets (path, body, arrival time)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

# What the server does for a request: ("json", status, body), ("hang",),
# ("slow", seconds, status, body) or ("trickle", seconds_between_bytes).
Behaviour = tuple[Any, ...]
Route = Callable[[str, dict[str, Any]], Behaviour]


@dataclass
class Hit:
    path: str
    body: dict[str, Any]
    at: float


@dataclass
class Provider:
    url: str
    hits: list[Hit] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, Any]] | None:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    _method, path, _version = lines[0].split(" ", 2)
    headers = {
        k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ln)
    }
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return path, json.loads(body) if body else {}


def _response(status: int, body: Any) -> bytes:
    data = json.dumps(body).encode()
    head = (
        f"HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n"
        f"content-length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


async def _behave(writer: asyncio.StreamWriter, behaviour: Behaviour, stop: asyncio.Event) -> None:
    kind = behaviour[0]
    if kind == "hang":
        await stop.wait()
        return
    if kind == "trickle":
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 999999\r\n\r\n"
        )
        while not stop.is_set():
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(behaviour[1])
        return
    if kind == "slow":
        await asyncio.sleep(behaviour[1])  # the provider's own think time, not synchronisation
        behaviour = ("json", *behaviour[2:])
    writer.write(_response(behaviour[1], behaviour[2]))
    await writer.drain()


@asynccontextmanager
async def loopback_provider(route: Route) -> AsyncIterator[Provider]:
    """Serve ``route`` on 127.0.0.1 (a free port chosen by the OS) until the block ends."""
    stop = asyncio.Event()
    tasks: set[asyncio.Task[None]] = set()
    provider = Provider("")

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        tasks.add(asyncio.current_task())  # type: ignore[arg-type]
        try:
            while not stop.is_set():
                request = await _read_request(reader)
                if request is None:
                    break
                path, body = request
                provider.hits.append(Hit(path, body, time.monotonic()))
                await _behave(writer, route(path, body), stop)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client hung up, or the server is stopping (cancellation is ours)
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    provider.url = f"http://127.0.0.1:{port}"
    try:
        async with server:
            yield provider
            stop.set()
            for task in list(tasks):
                task.cancel()
    finally:
        stop.set()
