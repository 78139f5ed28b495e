"""Retry only what can succeed on retry, on real loopback sockets.

A refused connection (a stopped server) is attempted once and reported at once; a reset or a
timeout on an idempotent call is retried; a reset on a POST is not.
"""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection

from homelab_shared.errors import Unreachable
from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.websocket import PersistentWebSocket, SocketOptions
from tests.peers import free_port

OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"
Handler = Callable[[int, asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class Loopback:
    """A TCP server on a free port that counts accepted connections; ``handler`` plays each."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.accepted = 0
        self.port = 0

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        try:
            await self.handler(self.accepted, reader, writer)
        finally:
            writer.close()


@pytest.fixture
async def loopback() -> AsyncIterator[Callable[[Handler], Awaitable[Loopback]]]:
    servers: list[asyncio.Server] = []

    async def start(handler: Handler) -> Loopback:
        box = Loopback(handler)
        server = await asyncio.start_server(box._serve, "127.0.0.1", 0)
        box.port = server.sockets[0].getsockname()[1]
        servers.append(server)
        return box

    yield start
    for server in servers:
        server.close()


def reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST, as a crashing or restarting peer does (SO_LINGER 0)."""
    sock: socket.socket = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def read_request(reader: asyncio.StreamReader) -> None:
    await reader.readuntil(b"\r\n\r\n")


def client(port: int, timeout: float = 5.0) -> UpstreamHTTP:
    return UpstreamHTTP(
        HttpOptions(
            base_url=f"http://127.0.0.1:{port}",
            service="Sonarr",
            url_hint="check SONARR_URL",
            timeout=timeout,
            backoff=0.001,
        )
    )


class CountingTransport(httpx.AsyncHTTPTransport):
    """The real transport, counting the attempts that reach the network layer."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        return await super().handle_async_request(request)


async def test_refused_connection_is_attempted_once_with_the_hint() -> None:
    transport = CountingTransport()
    http = UpstreamHTTP(
        HttpOptions(base_url=f"http://127.0.0.1:{free_port()}", service="Sonarr",
                    url_hint="check SONARR_URL", retries=2, backoff=0.5),
        transport=transport,
    )  # fmt: skip
    try:
        with pytest.raises(Unreachable) as err:
            await http.get_json("/api/v3/health")
    finally:
        await http.aclose()
    assert transport.attempts == 1
    assert str(err.value) == (
        "Sonarr: cannot connect (connection refused). Check SONARR_URL and that it is running"
    )


async def test_reset_on_get_is_retried(loopback: Any) -> None:
    async def first_resets(n: int, reader: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(reader)
        if n == 1:
            reset(w)
            return
        w.write(OK)
        await w.drain()

    server = await loopback(first_resets)
    http = client(server.port)
    try:
        assert await http.get_json("/api/v3/health") == []
    finally:
        await http.aclose()
    assert server.accepted == 2


async def test_reset_on_post_is_not_retried(loopback: Any) -> None:
    async def always_resets(n: int, reader: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(reader)
        reset(w)

    server = await loopback(always_resets)
    http = client(server.port)
    try:
        with pytest.raises(Unreachable):
            await http.json("POST", "/api/v3/command", json={"name": "RssSync"})
    finally:
        await http.aclose()
    assert server.accepted == 1


async def test_timeout_on_get_is_retried(loopback: Any) -> None:
    answered = asyncio.Event()

    async def first_hangs(n: int, reader: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(reader)
        if n == 1:
            await answered.wait()  # never answers before the client gives up on it
            return
        w.write(OK)
        await w.drain()
        answered.set()

    server = await loopback(first_hangs)
    http = client(server.port, timeout=0.3)
    try:
        assert await http.get_json("/api/v3/health") == []
    finally:
        await http.aclose()
    assert server.accepted == 2


class Socket(PersistentWebSocket):
    """The smallest protocol: no auth; counts how often opening was attempted."""

    opens = 0

    async def _open(self) -> ClientConnection:
        self.opens += 1
        return await super()._open()

    async def handshake(self, conn: ClientConnection) -> None:
        return None

    def frame(self, msg_id: int, message: dict[str, Any]) -> dict[str, Any]:
        return {"id": msg_id, **message}

    def reply_id(self, message: dict[str, Any]) -> Any:
        return message.get("id")


def ws_options(port: int) -> SocketOptions:
    return SocketOptions(
        url=f"ws://127.0.0.1:{port}/api/websocket",
        service="Home Assistant",
        url_hint="check HA_URL",
        attempts=3,
        backoff=0.001,
    )


async def test_websocket_refused_is_attempted_once_with_the_hint() -> None:
    ws = Socket(ws_options(free_port()))
    try:
        with pytest.raises(Unreachable, match="Check HA_URL and that Home Assistant is running"):
            await ws.connection()
    finally:
        await ws.aclose()
    assert ws.opens == 1


async def test_websocket_reset_while_opening_is_retried(loopback: Any) -> None:
    async def resets(n: int, reader: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        await read_request(reader)
        reset(w)

    server = await loopback(resets)
    ws = Socket(ws_options(server.port))
    try:
        with pytest.raises(Unreachable):
            await ws.connection()
    finally:
        await ws.aclose()
    assert (ws.opens, server.accepted) == (3, 3)


def test_a_cause_chain_that_loops_back_ends() -> None:
    """A chain of causes can point back at itself (seen with a mocked transport); the walk ends."""
    from homelab_shared.errors import in_cause_chain, was_reset

    first, second = OSError("first"), OSError("second")
    first.__context__, second.__context__ = second, first
    assert not in_cause_chain(first, ConnectionResetError)
    assert not was_reset(first)
