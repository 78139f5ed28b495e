"""A routed stream: the chosen model's tokens as they arrive, then the settlement.

Before the first token the router could still fall back (engine.walk); after it the caller has
seen text, so a failure ends the stream with an error instead. Either way the reservation is
settled exactly once: at the usage the provider reported in its final events, or, when the
stream broke off or the client went away, at what was produced so far (the provider bills that
too). The whole stream is bounded by ``stream_timeout`` (the reservation lives that long).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
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
        self._text: list[str] = []

    @property
    def model(self) -> str:
        return self._started.name

    @property
    def provider(self) -> str:
        return self._started.spec.provider

    async def chunks(self) -> AsyncIterator[Chunk]:
        """The answer's chunks; raises StreamBroken when the model fails mid-stream."""
        source = aiter(self._started.result)
        try:
            while True:
                left = self._ends_at - time.monotonic()
                try:
                    # A timeout around this one await (not across the yield below): the stream
                    # is advanced in the consumer's own task.
                    async with asyncio.timeout(max(left, 0.001)):
                        chunk = await anext(source)
                except StopAsyncIteration:
                    break
                except TimeoutError:
                    raise StreamBroken(
                        f"{self.model} was still streaming after {self._router.stream_timeout:g}"
                        " s (ROUTING_STREAM_TIMEOUT); the answer is cut off here"
                    ) from None
                if self._span_wants_text():
                    self._text.append(chunk.text)
                yield chunk
        except ProviderError as err:
            await self._router.health.on_failure(self.model, err, self._notify)
            await self._finish(err)
            raise StreamBroken(
                f"{self.model} failed after it started answering ({err.kind}: {err.detail}); "
                "the answer is incomplete: ask again"
            ) from None
        except StreamBroken as err:
            await self._finish(err)
            raise
        except BaseException as err:  # the client went away (cancelled): still settle
            await asyncio.shield(self._finish(err))
            raise
        await self._finish(None)

    def _span_wants_text(self) -> bool:
        return self._router.tracing.prompts

    async def aclose(self) -> None:
        """Settle and release the provider stream if the caller stops early."""
        if self.usage is None:
            await asyncio.shield(self._finish(asyncio.CancelledError()))

    async def _finish(self, error: BaseException | None) -> None:
        if self.usage is not None:
            return
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
