"""Closing the shared persistent WebSocket while it is still opening a connection.

A server's warm-up opens the upstream's WebSocket in the background; a client that leaves (the
server shuts down) closes it meanwhile. The open that finishes after the close must not keep its
connection or start a reader task: that task would be left pending when the event loop ends
("Task was destroyed but it is pending"), and the connection open on the upstream.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request

from homelab_shared.errors import Unreachable
from homelab_shared.websocket import SocketOptions
from tests.shared.test_retry_policy import Socket


async def test_a_socket_closed_while_it_opens_keeps_nothing_open() -> None:
    upgrading = asyncio.Event()
    closed_on_server: list[bool] = []

    async def slow_upgrade(_conn: ServerConnection, _request: Request) -> None:
        upgrading.set()
        await asyncio.sleep(0.3)  # the client is closed during this

    async def handler(ws: ServerConnection) -> None:
        async for raw in ws:
            await ws.send(json.dumps({"id": json.loads(raw)["id"]}))
        closed_on_server.append(True)

    async with serve(handler, "127.0.0.1", 0, process_request=slow_upgrade) as server:
        port = server.sockets[0].getsockname()[1]
        sock = Socket(SocketOptions(url=f"ws://127.0.0.1:{port}/ws", service="Test", attempts=1))
        opening = asyncio.ensure_future(sock.connection())
        await upgrading.wait()
        await sock.aclose()
        with pytest.raises(Unreachable, match="closed"):
            await opening
        assert sock._reader is None and not sock.connected
        for _ in range(100):  # the server sees the connection end
            if closed_on_server:
                break
            await asyncio.sleep(0.01)
        assert closed_on_server == [True]
