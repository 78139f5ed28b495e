"""The upstream: a minimal asyncio HTTP/1.1 server answering every GET with the fixed payload.

A raw ``asyncio.Protocol`` with a pre-built response is the cheapest simple option (no
framework, keep-alive, no per-request allocation beyond the parse), so the upstream costs the
same tiny amount for both servers and never becomes the bottleneck.

``python -m bench.upstream PORT`` prints ``ready`` once it listens; it stops on SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from bench.payload import BODY

RESPONSE = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: application/json\r\n"
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n"
    b"Connection: keep-alive\r\n\r\n" + BODY
)


class _Http(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:  # requests are GETs without a body: one response per header block
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self.buffer = self.buffer[end + 4 :]
            if self.transport is not None:
                self.transport.write(RESPONSE)


async def main(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Http, "127.0.0.1", port, backlog=512)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    print("ready", flush=True)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
