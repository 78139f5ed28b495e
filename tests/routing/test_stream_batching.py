"""The router's stream reader: provider events parsed from the body however the network cut it,
and relayed without loss when the router batches what arrived while it was sending.

The parser is fed through a real ``httpx.Response`` whose body arrives in the pieces a test
chooses (the network's cuts are the variable here); the relay is driven end to end through the
official ``openai`` SDK against the loopback OpenAI-compatible fake."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import nullcontext

import httpx
import pytest

from routing_mcp.providers.base import Chunk, ProviderError
from routing_mcp.providers.openai import _event
from routing_mcp.providers.sse import SseEvent, SseReader, sse_chunks
from tests.routing.fake_providers import Fakes
from tests.routing.openai_harness import Served

pytestmark = pytest.mark.timeout(90)


class Pieces(httpx.AsyncByteStream):
    def __init__(self, pieces: list[bytes]) -> None:
        self._pieces = pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self._pieces:
            yield piece


def response(pieces: list[bytes], **headers: str) -> httpx.Response:
    return httpx.Response(200, headers=headers, stream=Pieces(pieces))


async def events(pieces: list[bytes]) -> list[SseEvent]:
    """The events the provider readers see, the body fed to the parser piece by piece."""
    reader = SseReader()
    found = [e async for piece in Pieces(pieces) for e in reader.feed(piece)]
    return found + reader.close()


BODY = (
    'event: message_start\r\ndata: {"a": 1}\r\n\r\n'
    ": a comment\n"
    "data: first line\ndata: second line\n\n"
    'data: {"text": "h\u00e9llo \u2603"}\r\r'
    "event: ping\ndata: {}\n\n"
    "data: no blank line at the end"
).encode()
EXPECTED = [
    SseEvent("message_start", '{"a": 1}'),
    SseEvent("message", "first line\nsecond line"),
    SseEvent("message", '{"text": "h\u00e9llo \u2603"}'),
    SseEvent("ping", "{}"),
    SseEvent("message", "no blank line at the end"),
]


@pytest.mark.parametrize("cut", range(1, len(BODY)))
async def test_events_are_the_same_wherever_the_body_is_cut(cut: int) -> None:
    # every cut point: inside a CRLF, inside a multi-byte character, between the two newlines
    assert await events([BODY[:cut], BODY[cut:]]) == EXPECTED


async def test_byte_by_byte_and_all_at_once_agree() -> None:
    assert await events([BODY[i : i + 1] for i in range(len(BODY))]) == EXPECTED
    assert await events([BODY]) == EXPECTED


def openai_event(text: str, usage: tuple[int, int] | None = None, finish: bool = False) -> bytes:
    import json

    data: dict[str, object] = {
        "choices": [
            {"index": 0, "delta": {"content": text}, "finish_reason": "stop" if finish else None}
        ]
    }
    if usage:
        data["usage"] = {"prompt_tokens": usage[0], "completion_tokens": usage[1]}
    return f"data: {json.dumps(data)}\n\n".encode()


async def test_events_of_one_piece_become_one_chunk_with_the_last_usage() -> None:
    body = openai_event("a ") + openai_event("b ") + openai_event("c", (7, 3), finish=True)
    got = [c async for c in sse_chunks(nullcontext(response([body, b"data: [DONE]\n\n"])), _event)]
    assert got == [Chunk("a b c", 7, 3, "stop")]
    apart = [openai_event("a "), openai_event("b "), b"data: [DONE]\n\ndata: ignored\n\n"]
    assert [c.text async for c in sse_chunks(nullcontext(response(apart)), _event)] == ["a ", "b "]


async def test_what_came_before_an_error_in_the_same_piece_is_still_delivered() -> None:
    body = openai_event("kept ") + b'data: {"error": {"message": "overloaded"}}\n\n'
    got: list[Chunk] = []

    async def read() -> None:
        async for chunk in sse_chunks(nullcontext(response([body])), _event):
            got.append(chunk)

    with pytest.raises(ProviderError, match="overloaded"):
        await read()
    assert [c.text for c in got] == ["kept "]


async def test_a_fast_long_stream_arrives_whole_and_in_order(
    lan_served: Served, fakes: Fakes
) -> None:
    fakes.fill_to_max_tokens = True  # 3,000 unpaced chunks: the router batches under pressure
    client = lan_served.async_client()
    stream = await client.chat.completions.create(
        model="lan-llm",
        messages=[{"role": "user", "content": "Count for me."}],
        stream=True,
        stream_options={"include_usage": True},
        max_tokens=3000,
    )
    text, usage = [], None
    async for chunk in stream:
        usage = chunk.usage or usage
        text += [c.delta.content for c in chunk.choices if c.delta.content]
    await client.close()
    assert "".join(text) == "".join(f"w{i} " for i in range(3000))
    assert usage is not None and usage.completion_tokens == 3000
    assert await lan_served.rt.store.live_reservations(0) == 0


async def test_a_client_leaving_mid_stream_releases_the_reservation(
    lan_served: Served, fakes: Fakes
) -> None:
    fakes.fill_to_max_tokens = True
    fakes.chunk_delay = 0.01  # still streaming when the client leaves
    client = lan_served.async_client()
    stream = await client.chat.completions.create(
        model="lan-llm",
        messages=[{"role": "user", "content": "Count for me."}],
        stream=True,
        max_tokens=2000,
    )
    seen = 0
    async for chunk in stream:
        seen += sum(1 for c in chunk.choices if c.delta.content)
        if seen >= 5:
            break
    await stream.close()
    await client.close()
    for _ in range(200):  # settlement runs when the server notices the closed connection
        if await lan_served.rt.store.live_reservations(0) == 0:
            break
        await asyncio.sleep(0.05)
    assert await lan_served.rt.store.live_reservations(0) == 0
    day, _week = await lan_served.rt.store.usage("lan-llm", lan_served.rt.router.window(), 0)
    assert day.requests == 1
    # billed for what was produced (estimated from its characters: the provider never reported
    # usage), not the 2,000-token answer the provider would have gone on to stream
    assert 0 < day.tokens_out < 500
