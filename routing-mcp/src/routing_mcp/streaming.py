"""A routed stream: the chosen model's tokens as they arrive, then the settlement.

Before the first token the router could still fall back (engine.walk); after it the caller has
seen text, so a failure ends the stream with an error instead. Either way the reservation is
settled exactly once: at the usage the provider reported in its final events, or, when the
stream broke off or the client went away, at what was produced so far (the provider bills that
too). The whole stream is bounded by ``stream_timeout`` (the reservation lives that long).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from routing_mcp.calls import OpenStream
from routing_mcp.classify import CHARS_PER_TOKEN
from routing_mcp.engine import Started, settle
from routing_mcp.models import Attempt, QuotaLeft
from routing_mcp.providers.base import Chunk, ProviderError

if TYPE_CHECKING:
    from routing_mcp.gate import Gate
    from routing_mcp.router import Notify, Router
    from routing_mcp.tracing import RequestSpan


class StreamBroken(Exception):
    """The chosen model failed after its first token; the message says what to do."""


@dataclass(frozen=True)
class StreamUsage:
    tokens_in: int
    tokens_out: int
    cost_usd: float
    finish: str
    quota_left: QuotaLeft


class RoutedStream:
    def __init__(
        self,
        router: Router,
        started: Started[OpenStream],
        gate: Gate,
        tried: list[Attempt],
        span: RequestSpan,
        notify: Notify,
        estimate_in: int,
    ) -> None:
        self._router = router
        self._started = started
        self.gate = gate
        self.fallbacks = tried
        self._span = span
        self._notify = notify
        self._estimate_in = estimate_in
        self._ends_at = time.monotonic() + router.stream_timeout
        self.usage: StreamUsage | None = None
        self._pump: asyncio.Task[None] | None = None
        self._settling: asyncio.Future[None] | None = None
        self._text: list[str] = []

    @property
    def model(self) -> str:
        return self._started.name

    @property
    def provider(self) -> str:
        return self._started.spec.provider

    async def batches(self) -> AsyncIterator[list[Chunk]]:
        """The answer's chunks as they arrive, grouped: what came while the caller was sending
        the previous group (one chunk at a time when the caller keeps up, so nothing waits).
        Raises StreamBroken when the model fails mid-stream or the stream runs out of time."""
        pump = _Pump(self._started.result, self._ends_at - time.monotonic())
        self._pump = asyncio.create_task(pump.run())
        try:
            async for batch in pump.batches():
                if self._span_wants_text():
                    self._text.extend(chunk.text for chunk in batch)
                yield batch
        except TimeoutError:
            err = StreamBroken(
                f"{self.model} was still streaming after {self._router.stream_timeout:g}"
                " s (ROUTING_STREAM_TIMEOUT); the answer is cut off here"
            )
            await self._end(err)
            raise err from None
        except ProviderError as err:
            await self._router.health.on_failure(self.model, err, self._notify)
            await self._end(err)
            raise StreamBroken(
                f"{self.model} failed after it started answering ({err.kind}: {err.detail}); "
                "the answer is incomplete: ask again"
            ) from None
        except BaseException as err:  # the client went away (cancelled): still settle
            # One shielded step: a cancelled scope cancels every later await again.
            await asyncio.shield(self._end(err))
            raise
        await self._end(None)

    def _span_wants_text(self) -> bool:
        return self._router.tracing.prompts

    async def aclose(self) -> None:
        """Stop reading, settle and release the provider stream if the caller stops early."""
        if self.usage is None:
            await asyncio.shield(self._end(asyncio.CancelledError()))

    async def _end(self, error: BaseException | None) -> None:
        """Stop the reader (a no-op once the provider's stream ended), then settle."""
        if self._pump is not None:
            await _stop(self._pump)
        await self._finish(error)

    async def _finish(self, error: BaseException | None) -> None:
        """Settle once, however many paths (end, failure, client gone, aclose) get here."""
        if self._settling is None:
            self._settling = asyncio.ensure_future(self._settle(error))
        await asyncio.shield(self._settling)

    async def _settle(self, error: BaseException | None) -> None:
        stream = self._started.result
        await stream.aclose()
        # Usage as the provider reported it; what was produced so far when it did not.
        tokens_in = stream.tokens_in if stream.tokens_in is not None else self._estimate_in
        tokens_out = stream.tokens_out
        if tokens_out is None:
            tokens_out = max(1, stream.chars // CHARS_PER_TOKEN) if stream.chars else 0
        task_class = self.gate.classification.task_class
        cost, left = await settle(
            self._router, self._started, task_class, tokens_in, tokens_out, self._notify
        )
        finish = stream.finish or "stop"
        self.usage = StreamUsage(tokens_in, tokens_out, round(cost, 8), finish, left)
        self._span.usage(tokens_in, tokens_out, cost)
        if self._text:
            self._span.answer("".join(self._text))
        self._span.end(error)


# How far the provider may run ahead of a slow caller (chunks held in memory).
AHEAD = 512


class _Pump:
    """Reads the provider's stream in its own task, so that receiving the next chunks and
    sending the previous ones overlap; the caller takes everything that arrived meanwhile.
    Per-chunk work then shrinks to a list append, and a fast provider costs the caller one
    write per batch instead of one per token."""

    def __init__(self, source: AsyncIterable[Chunk], seconds: float) -> None:
        self._source = source
        self._seconds = max(seconds, 0.001)
        self._pending: list[Chunk] = []
        self._arrived = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self._error: BaseException | None = None
        self._done = False

    async def run(self) -> None:
        try:
            # One timeout for the whole stream (it bounds the quota reservation's lifetime).
            async with asyncio.timeout(self._seconds):
                async for chunk in self._source:
                    self._pending.append(chunk)
                    self._arrived.set()
                    if len(self._pending) >= AHEAD:
                        self._room.clear()
                        await self._room.wait()
        except asyncio.CancelledError:
            raise
        except Exception as err:  # handed to the caller after what came before it
            self._error = err
        finally:
            self._done = True
            self._arrived.set()

    async def batches(self) -> AsyncIterator[list[Chunk]]:
        while True:
            await self._arrived.wait()
            self._arrived.clear()
            if self._pending:
                batch, self._pending = self._pending, []
                self._room.set()
                yield batch
            if self._done and not self._pending:
                if self._error is not None:
                    raise self._error
                return


async def _stop(task: asyncio.Task[None]) -> None:
    """Stop the pump (closing the provider's stream) before the stream is settled."""
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
