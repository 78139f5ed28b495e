"""Server-sent events of a provider's stream, read a network read at a time.

A streamed answer arrives as many small events (one per token or two), and what costs is the
per-event work of every layer behind the parser: the router's checks, the OpenAI chunk it
re-emits, a write to the client. So the events that arrived together in one read are folded
into one ``Chunk`` (their text joined, the last usage and finish reason kept): nothing waits
for more data, a slow provider still yields every token as it comes, and a fast one costs a
few writes per read instead of one per token.
"""

from __future__ import annotations

import codecs
from collections.abc import AsyncIterable, AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, cast

import httpx
from pydantic_core import from_json

from routing_mcp.providers.base import Chunk, ProviderError


@dataclass
class SseEvent:
    event: str
    data: str


class EndOfStream(Exception):
    """Raised by an event parser at the provider's end marker (OpenAI's ``[DONE]``)."""


def sse_json(provider: str, event: SseEvent) -> Any:
    try:
        # pydantic-core's parser (already installed): ~3x json.loads, and it runs per token
        return from_json(event.data)
    except ValueError as err:
        raise ProviderError(provider, "transient", "a stream event was not JSON") from err


def _event(block: str) -> SseEvent | None:
    """One blank-line-separated block: ``event:`` and ``data:`` fields (comments and other
    fields ignored); None for a block without data."""
    if block.startswith("data: ") and "\n" not in block:  # the usual shape, parsed fast
        return SseEvent("message", block[6:])
    event, data = "message", list[str]()
    for line in block.split("\n"):
        if line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif line.startswith("event:"):
            event = line[6:].strip()
    return SseEvent(event, "\n".join(data)) if data else None


def _lines(text: str) -> str:
    """LF line ends (SSE allows CRLF, LF and CR); a CR at the very end may be half a CRLF."""
    if "\r" not in text:
        return text
    text = text.replace("\r\n", "\n")
    if text.endswith("\r"):
        return text[:-1].replace("\r", "\n") + "\r"
    return text.replace("\r", "\n")


class SseReader:
    """An incremental parser: the complete events of each piece of the body (an event split
    across pieces is kept until its end arrives)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    def feed(self, piece: bytes) -> list[SseEvent]:
        text = _lines(self._pending + self._decoder.decode(piece))
        if "\n\n" not in text:
            self._pending = text
            return []
        *blocks, self._pending = text.split("\n\n")
        return [e for block in blocks if (e := _event(block)) is not None]

    def close(self) -> list[SseEvent]:
        last = _event(_lines(self._pending + self._decoder.decode(b"", final=True)).rstrip("\r\n"))
        return [] if last is None else [last]


def _pieces(response: httpx.Response) -> AsyncIterable[bytes]:
    """The body as it arrives: straight from the transport when it is not compressed (streams
    are asked for without compression), which skips httpx's per-piece layers; else decoded."""
    if response.headers.get("content-encoding", "identity") == "identity":
        return cast("AsyncIterable[bytes]", response.stream)
    return response.aiter_bytes()


def merge(pieces: list[Chunk]) -> Chunk:
    """Several chunks as one: the text joined, the last usage and finish reason reported."""
    if len(pieces) == 1:
        return pieces[0]
    tokens_in = tokens_out = finish = None
    for piece in pieces:
        tokens_in = piece.tokens_in if piece.tokens_in is not None else tokens_in
        tokens_out = piece.tokens_out if piece.tokens_out is not None else tokens_out
        finish = piece.finish or finish
    return Chunk("".join(p.text for p in pieces), tokens_in, tokens_out, finish)


async def sse_chunks(
    opened: AbstractAsyncContextManager[httpx.Response], parse: Callable[[SseEvent], Chunk | None]
) -> AsyncIterator[Chunk]:
    """The chunks of the stream ``opened`` starts. ``parse`` maps each event to a chunk (None:
    nothing in it; EndOfStream: the end; a ProviderError: a failure mid-stream). One chunk per
    piece of the body; what arrived before a failure or the end is still delivered. (Parsing
    happens inline: every generator layer a piece passes through costs per token.)"""
    async with opened as response:
        reader = SseReader()
        source = aiter(_pieces(response))
        while True:
            try:
                events = reader.feed(await anext(source))
            except StopAsyncIteration:
                events, source = reader.close(), None
            pieces: list[Chunk] = []
            try:
                for event in events:
                    piece = parse(event)
                    if piece is not None:
                        pieces.append(piece)
            except EndOfStream:
                if pieces:
                    yield merge(pieces)
                return
            except ProviderError:
                if pieces:
                    yield merge(pieces)
                raise
            if pieces:
                yield merge(pieces)
            if source is None:
                return
