"""stdio served on the event loop: no thread between the client's pipes and the session.

The MCP SDK's stdio transport reads stdin and writes stdout through worker threads
(``anyio.wrap_file``): every line read is a hand-off to a thread and back, every answer two (write,
flush), and a signal cannot interrupt the blocked read (the runner used to copy stdin through a
pump thread for that: one more hop per request). After an idle spell each hop wakes a sleeping
thread, which is most of what a call pays for the pause before it (``bench.first_call``).

Here the pipes are asyncio pipe transports on the loop the session runs on; the SDK's session,
message parsing and framing are used unchanged (``stdio_server`` with explicit streams). Like the
SDK's transport, it claims fd 0 and fd 1 while serving (fd 0 reads ``/dev/null``, fd 1 writes to
stderr, so a stray ``print`` or a child process cannot corrupt the wire) and restores them after.

Where the descriptors are not a client's private pipes or sockets (a terminal, a regular file, a
stdout shared with stderr), the SDK's own transport serves: asyncio sets its descriptors
non-blocking, which must not leak to a terminal or to the stderr the logs are written to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
import sys
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import anyio

from homelab_shared.shutdown import stop_stdio_on_signals

if TYPE_CHECKING:
    from fastmcp import FastMCP

log = logging.getLogger("homelab.runner")
# A line (one JSON-RPC message) may be this long; the SDK's transport has no limit, a 1 MB
# prompt for the router is far below this one.
LINE_LIMIT = 256 * 1024 * 1024
# At the end of the session, the answers still buffered get this long to reach the client.
FLUSH_ON_EXIT_S = 5.0


def _identity(fd: int) -> tuple[int, int, int]:
    st = os.fstat(fd)
    return st.st_dev, st.st_ino, stat.S_IFMT(st.st_mode)


def native_possible() -> bool:
    """stdin and stdout are pipes or sockets of their own (not stderr's, not a terminal), on a
    POSIX system (asyncio's pipe transports are POSIX-only)."""
    if sys.platform == "win32":
        return False
    try:
        ids = [_identity(fd) for fd in (0, 1, 2)]
    except OSError:
        return False
    kinds_ok = all(kind in (stat.S_IFIFO, stat.S_IFSOCK) for _, _, kind in ids[:2])
    return kinds_ok and ids[2] not in ids[:2] and not any(os.isatty(fd) for fd in (0, 1))


class _Lines:
    """stdin as the SDK's stdio transport iterates it: text lines, invalid UTF-8 replaced."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self._reader = reader

    def __aiter__(self) -> _Lines:
        return self

    async def __anext__(self) -> str:
        try:
            line = await self._reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as eof:  # the last line without its newline
            line = eof.partial
        if not line:
            raise StopAsyncIteration
        return line.decode("utf-8", errors="replace")


class _Out:
    """stdout as the SDK's transport writes it: ``write`` then ``flush`` per message. A client
    that closed its end (it went away) ends the writing, not the process with a traceback."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self._writer = writer

    async def write(self, text: str) -> None:
        self._writer.write(text.encode("utf-8"))

    async def flush(self) -> None:
        try:
            await self._writer.drain()
        except (BrokenPipeError, ConnectionResetError) as gone:
            log.info("the client closed its end of stdout: answers are no longer written")
            raise anyio.ClosedResourceError from gone


def _claim(fd: int, diversion: int) -> int:
    """A private duplicate of ``fd`` (the wire), and ``fd`` pointed at ``diversion``."""
    import fcntl  # POSIX only, like this transport

    private = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.dup2(diversion, fd)
    return private


@contextlib.asynccontextmanager
async def _native_streams() -> AsyncIterator[tuple[_Lines, _Out, asyncio.StreamReader]]:
    loop = asyncio.get_running_loop()
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        wire_in = _claim(0, null)
    finally:
        os.close(null)
    wire_out = _claim(1, 2)
    blocking = (os.get_blocking(wire_in), os.get_blocking(wire_out))
    reader = asyncio.StreamReader(limit=LINE_LIMIT, loop=loop)
    read_transport = write_transport = writer = None
    try:
        read_transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader, loop=loop),
            os.fdopen(wire_in, "rb", buffering=0, closefd=False),
        )
        write_transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader(loop=loop), loop=loop),
            os.fdopen(wire_out, "wb", buffering=0, closefd=False),
        )
        writer = asyncio.StreamWriter(write_transport, protocol, None, loop)
        yield _Lines(reader), _Out(writer), reader
    finally:
        try:
            if writer is not None and write_transport is not None:
                # The last answers reach the client (one that stopped reading: FLUSH_ON_EXIT_S):
                # with no room in the buffer, drain() returns once it is empty.
                write_transport.set_write_buffer_limits(high=0)
                with contextlib.suppress(TimeoutError, ConnectionError):
                    await asyncio.wait_for(writer.drain(), FLUSH_ON_EXIT_S)
        finally:
            # Off the loop before the descriptors change (abort: nothing is left to write).
            if read_transport is not None:
                read_transport.close()
            if write_transport is not None and not write_transport.is_closing():
                write_transport.abort()  # (closing already: the client closed its end)
            for fd, was_blocking, std in ((wire_in, blocking[0], 0), (wire_out, blocking[1], 1)):
                with contextlib.suppress(OSError):
                    os.set_blocking(fd, was_blocking)
                    os.dup2(fd, std)
                    os.close(fd)


async def serve_stdio(mcp: FastMCP[Any]) -> None:
    """What ``FastMCP.run_stdio_async`` does, with the pipes on the event loop."""
    from fastmcp.server.context import reset_transport, set_transport
    from mcp.server.stdio import stdio_server

    token = set_transport("stdio")
    try:
        async with (
            mcp._lifespan_manager(),  # pyright: ignore[reportPrivateUsage]
            _native_streams() as (lines, out, reader),
        ):
            loop = asyncio.get_running_loop()
            stop_stdio_on_signals(lambda: loop.call_soon_threadsafe(reader.feed_eof))
            async with stdio_server(lines, out) as (read_stream, write_stream):  # type: ignore[arg-type]
                log.info("Starting MCP server %r with transport 'stdio' (on the loop)", mcp.name)
                server = mcp._mcp_server  # pyright: ignore[reportPrivateUsage]
                await server.run(read_stream, write_stream, server.create_initialization_options())
    finally:
        reset_transport(token)
