"""Provider streams through aiohttp's parser (routing_mcp/providers/stream_transport.py), on real
sockets: a loopback server writes the bytes each case needs, and the OpenAI-compatible provider
built by ``make_providers`` reads them. What the providers and the relay depend on must not
change with the transport: the request httpx builds, the errors it raises (so the fallback
rules hold), connections reused after a finished answer and closed after an abandoned one."""

from __future__ import annotations

import asyncio
import gzip
import json
import ssl
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pytest

from homelab_shared.http import ssl_context
from homelab_shared.settings import load_settings
from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import Chunk, Params, Provider, ProviderError, Turn
from routing_mcp.providers.openai import OpenAIProvider
from routing_mcp.providers.stream_transport import AiohttpStreamTransport
from routing_mcp.runtime import make_providers
from routing_mcp.settings import RoutingSettings
from tests.peers import free_port
from tests.servers.infrastructure.tls import make_tls

pytestmark = pytest.mark.timeout(60)

KEY = "sk-transport-test-0123456789"
SPEC = ModelSpec.model_validate(
    {"provider": "openai", "upstream_id": "llama-3.1-8b-instruct", "context_window": 8192}
)
TURNS = [Turn("user", "Say hello.")]


@dataclass
class Wire:
    """What the server saw: request heads and bodies, connections accepted, and connections the
    client closed (EOF read after the answer began)."""

    heads: list[list[tuple[str, str]]] = field(default_factory=list)
    bodies: list[dict] = field(default_factory=list)
    accepted: int = 0
    closed_by_client: asyncio.Event = field(default_factory=asyncio.Event)


Answer = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def event(text: str) -> bytes:
    data = {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
    return f"data: {json.dumps(data)}\n\n".encode()


USAGE = (
    b'data: {"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": 40}}\n\n'
    b"data: [DONE]\n\n"
)


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"


@asynccontextmanager
async def loopback(
    answer: Answer, tls: ssl.SSLContext | None = None
) -> AsyncIterator[tuple[str, Wire]]:
    wire = Wire()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        wire.accepted += 1
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                lines = head.decode("latin-1").split("\r\n")[1:-2]
                fields = [(k.lower(), v.strip()) for k, v in (ln.split(":", 1) for ln in lines)]
                wire.heads.append(fields)
                length = int(dict(fields)["content-length"])
                wire.bodies.append(json.loads(await reader.readexactly(length)))
                await answer(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            wire.closed_by_client.set()
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=tls)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}/v1", wire


def provider(url: str, **settings: float) -> Provider:
    config = load_settings(RoutingSettings, openai_base_url=url, openai_api_key=KEY, **settings)
    return make_providers(config)["openai"]


async def collect(source: Provider) -> list[Chunk]:
    stream = source.stream(SPEC, TURNS, None, Params(64, 0.0))
    try:
        return [c async for c in stream]
    finally:
        await source.aclose()


async def words(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """40 events, each written (and flushed) on its own, as a model server streams tokens."""
    writer.write(HEAD + b"\r\n")
    for n in range(40):
        writer.write(chunk(event(f"w{n} ")))
        await writer.drain()
    writer.write(chunk(USAGE) + b"0\r\n\r\n")
    await writer.drain()


async def test_a_stream_arrives_whole_from_the_request_httpx_built() -> None:
    async with loopback(words) as (url, wire):
        chunks = await collect(provider(url))
    assert "".join(c.text for c in chunks) == "".join(f"w{n} " for n in range(40))
    assert (chunks[-1].tokens_in, chunks[-1].tokens_out) == (7, 40)
    head = wire.heads[0]
    names = [name for name, _ in head]
    # aiohttp sets Host and Content-Length itself: each is sent once, not also httpx's copy.
    assert names.count("host") == 1 and names.count("content-length") == 1
    fields = dict(head)
    assert fields["authorization"] == f"Bearer {KEY}"
    assert fields["accept-encoding"] == "identity"  # events must not wait in a compressor
    assert fields["content-type"] == "application/json"
    assert fields["user-agent"].startswith("homelab-mcp/")
    assert wire.bodies[0]["stream"] is True and wire.bodies[0]["max_tokens"] == 64


async def test_a_finished_answer_leaves_its_connection_for_the_next() -> None:
    async with loopback(words) as (url, wire):
        source = provider(url)
        for _ in range(3):
            chunks = [c async for c in source.stream(SPEC, TURNS, None, Params(64, 0.0))]
            assert "".join(c.text for c in chunks).startswith("w0 w1 ")
        await source.aclose()
    assert (len(wire.heads), wire.accepted) == (3, 1)


async def test_an_abandoned_answer_closes_its_connection() -> None:
    release = asyncio.Event()

    async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(HEAD + b"\r\n" + chunk(event("first ")))
        await writer.drain()
        await reader.read(1)  # EOF when the client closes (it sends nothing more)
        release.set()
        raise ConnectionResetError

    async with loopback(endless) as (url, wire):
        source = provider(url)
        stream = cast("AsyncGenerator[Chunk]", source.stream(SPEC, TURNS, None, Params(64, 0.0)))
        assert (await anext(stream)).text == "first "
        await stream.aclose()  # the relay does this when its client leaves
        await asyncio.wait_for(wire.closed_by_client.wait(), 5)
        await source.aclose()
    assert release.is_set()


async def test_a_refused_connection_is_transient_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(ProviderError) as err:
        await collect(provider(f"http://127.0.0.1:{free_port()}/v1"))
    assert (err.value.kind, err.value.detail) == ("transient", "cannot connect (ConnectError)")
    assert time.monotonic() - started < 2


async def test_no_answer_is_a_timeout_after_the_read_timeout() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(1)

    async with loopback(silent) as (url, _wire):
        started = time.monotonic()
        with pytest.raises(ProviderError) as err:
            await collect(provider(url, read_timeout=0.5))
    assert err.value.kind == "timeout"  # no retry on this model, a cooldown, then a fallback
    assert 0.4 < time.monotonic() - started < 3


async def test_a_stall_mid_answer_is_a_timeout_after_what_arrived() -> None:
    async def stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(HEAD + b"\r\n" + chunk(event("partial ")))
        await writer.drain()
        await reader.read(1)

    async with loopback(stall) as (url, _wire):
        source = provider(url, read_timeout=0.5)
        stream = source.stream(SPEC, TURNS, None, Params(64, 0.0))
        assert (await anext(stream)).text == "partial "
        with pytest.raises(ProviderError) as err:
            await anext(stream)
        await source.aclose()
    assert err.value.kind == "timeout"


async def test_a_cut_connection_mid_answer_is_an_error_not_an_end() -> None:
    async def cut(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(HEAD + b"\r\n" + chunk(event("partial ")) + b"40\r\nda")
        await writer.drain()
        writer.transport.abort()

    async with loopback(cut) as (url, _wire):
        source = provider(url)
        stream = source.stream(SPEC, TURNS, None, Params(64, 0.0))
        assert (await anext(stream)).text == "partial "
        with pytest.raises(ProviderError) as err:
            await anext(stream)
        await source.aclose()
    assert err.value.kind == "transient"


async def test_an_error_status_is_mapped_as_over_httpx() -> None:
    async def limited(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        body = json.dumps({"error": {"message": "slow down", "type": "rate_limit"}}).encode()
        writer.write(
            b"HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\n"
            b"retry-after: 7\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)
        )
        await writer.drain()

    async with loopback(limited) as (url, _wire):
        with pytest.raises(ProviderError) as err:
            await collect(provider(url))
    assert (err.value.kind, err.value.retry_after, err.value.detail) == (
        "rate_limited",
        7.0,
        "slow down",
    )


async def test_a_compressed_answer_is_still_decoded() -> None:
    """A proxy may compress despite ``accept-encoding: identity``: httpx decodes it as before."""

    async def gzipped(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        body = gzip.compress(event("zipped ") + USAGE)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-encoding: gzip\r\n"
            b"content-length: %d\r\n\r\n%s" % (len(body), body)
        )
        await writer.drain()

    async with loopback(gzipped) as (url, _wire):
        chunks = await collect(provider(url))
    assert "".join(c.text for c in chunks) == "zipped "


async def test_tls_is_verified_with_the_shared_context(tmp_path: Path) -> None:
    tls = make_tls(tmp_path)
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tls.cert, tls.key)
    async with loopback(words, tls=server) as (url, _wire):
        with pytest.raises(ProviderError) as err:  # a CA nobody trusts: refused
            await collect(provider(url))
        assert err.value.kind == "transient"

        # The transport takes the context httpx would use (homelab_shared.http.ssl_context):
        # trusting the throw-away CA makes the same stream work.
        from homelab_shared.http import HttpOptions, UpstreamHTTP

        options = HttpOptions(base_url=url + "/", service="OpenAI-compatible")
        transport = AiohttpStreamTransport(ssl_context(True, tls.ca))
        trusted = OpenAIProvider(
            UpstreamHTTP(options).client, KEY, UpstreamHTTP(options, transport=transport).client
        )
        chunks = await collect(trusted)
    assert chunks and chunks[-1].tokens_out == 40
