"""One model call within the ask's deadline: bounded attempts, transient retries with backoff."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from routing_mcp.deadline import Deadline, DeadlineExceeded
from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import Completion, Provider, ProviderError

TRANSIENT_RETRIES = 2


@dataclass(frozen=True)
class ModelCall:
    provider: Provider
    spec: ModelSpec
    text: str
    system: str | None
    max_tokens: int
    temperature: float


async def call_model(call: ModelCall, deadline: Deadline, attempt_timeout: float) -> Completion:
    """Call the model; retry only transient failures (not timeouts), and only while time is left."""
    for attempt in range(TRANSIENT_RETRIES + 1):
        try:
            return await _attempt(call, deadline, attempt_timeout)
        except ProviderError as err:
            backoff = 0.2 * 2**attempt
            if err.kind != "transient" or attempt == TRANSIENT_RETRIES:
                raise
            if deadline.left() <= backoff:
                raise
            await asyncio.sleep(backoff)
    raise AssertionError("unreachable")


async def _attempt(call: ModelCall, deadline: Deadline, attempt_timeout: float) -> Completion:
    """One call, bounded by the attempt timeout and by what is left of the deadline."""
    cap = deadline.cap(attempt_timeout)
    try:
        async with asyncio.timeout(cap):
            return await call.provider.complete(
                call.spec,
                call.text,
                system=call.system,
                max_tokens=call.max_tokens,
                temperature=call.temperature,
            )
    except TimeoutError:
        if cap < attempt_timeout:
            raise DeadlineExceeded from None  # the ask ran out of time, not the model
        raise ProviderError(call.spec.provider, "timeout", f"no answer within {cap:g} s") from None
