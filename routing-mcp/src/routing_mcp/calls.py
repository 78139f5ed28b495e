"""One model call within the request's deadline: bounded attempts, transient retries with backoff.

A call either completes (``ask``) or opens a stream: for a stream, "answered" means the first
token arrived, so a provider failing before it is retried or passed over exactly like a failed
completion, and the caller never sees it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from routing_mcp.deadline import Deadline, DeadlineExceeded
from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import Chunk, Completion, Params, Provider, ProviderError, Turn

TRANSIENT_RETRIES = 2
T = TypeVar("T")


@dataclass(frozen=True)
class ModelCall:
    provider: Provider
    spec: ModelSpec
    turns: Sequence[Turn]
    system: str | None
    params: Params

    async def complete(self) -> Completion:
        return await self.provider.complete(self.spec, self.turns, self.system, self.params)

    async def open(self) -> OpenStream:
        stream = OpenStream(self.provider.stream(self.spec, self.turns, self.system, self.params))
        await stream.first_token()
        return stream


class OpenStream:
    """A provider's stream whose first token (or end) has been read: what came before it is
    buffered and replayed; usage is collected from whichever events carry it."""

    def __init__(self, chunks: AsyncIterator[Chunk]) -> None:
        self._chunks = chunks
        self._buffer: list[Chunk] = []
        self.tokens_in: int | None = None
        self.tokens_out: int | None = None
        self.finish: str | None = None
        self.chars = 0
        self.ended = False

    def _note(self, chunk: Chunk) -> Chunk:
        if chunk.tokens_in is not None:
            self.tokens_in = chunk.tokens_in
        if chunk.tokens_out is not None:
            self.tokens_out = chunk.tokens_out
        if chunk.finish is not None:
            self.finish = chunk.finish
        self.chars += len(chunk.text)
        return chunk

    async def first_token(self) -> None:
        try:
            async for chunk in self._chunks:
                self._buffer.append(self._note(chunk))
                if chunk.text or chunk.finish:
                    return
            self.ended = True
        except BaseException:
            await self.aclose()
            raise

    async def __aiter__(self) -> AsyncIterator[Chunk]:
        for chunk in self._buffer:
            yield chunk
        self._buffer = []
        if self.ended:
            return
        async for chunk in self._chunks:
            yield self._note(chunk)
        self.ended = True

    async def aclose(self) -> None:
        closer = getattr(self._chunks, "aclose", None)
        if closer is not None:
            await closer()


async def call_model(
    start: Callable[[], Awaitable[T]], spec: ModelSpec, deadline: Deadline, attempt_timeout: float
) -> T:
    """Run ``start``; retry only transient failures (not timeouts), and only while time is left."""
    for attempt in range(TRANSIENT_RETRIES + 1):
        try:
            return await _attempt(start, spec, deadline, attempt_timeout)
        except ProviderError as err:
            backoff = 0.2 * 2**attempt
            if err.kind != "transient" or attempt == TRANSIENT_RETRIES:
                raise
            if deadline.left() <= backoff:
                raise
            await asyncio.sleep(backoff)
    raise AssertionError("unreachable")


async def _attempt(
    start: Callable[[], Awaitable[T]], spec: ModelSpec, deadline: Deadline, attempt_timeout: float
) -> T:
    """One call, bounded by the attempt timeout and by what is left of the deadline."""
    cap = deadline.cap(attempt_timeout)
    try:
        async with asyncio.timeout(cap):
            return await start()
    except TimeoutError:
        if cap < attempt_timeout:
            raise DeadlineExceeded from None  # the request ran out of time, not the model
        raise ProviderError(spec.provider, "timeout", f"no answer within {cap:g} s") from None
