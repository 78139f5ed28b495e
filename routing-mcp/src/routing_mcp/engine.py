"""The candidate walk both front doors share: availability, reservation, the call, fallbacks.

``walk`` returns the first candidate whose call started (a completion for ``ask``, the first
token for a stream) together with its reservation; ``settle`` books what it cost. A failure
before that releases the reservation and moves on along the policy's chain by error class.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from routing_mcp.alerts import check_alerts
from routing_mcp.deadline import Deadline
from routing_mcp.gate import BadRequest, Gate, Refused
from routing_mcp.models import Attempt, QuotaLeft
from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import ProviderError
from routing_mcp.quota.base import Reservation, seconds_to_reset

if TYPE_CHECKING:
    from routing_mcp.router import Notify, Progress, Router

T = TypeVar("T")


@dataclass
class Started(Generic[T]):
    name: str
    spec: ModelSpec
    reservation: Reservation
    result: T


@dataclass
class Walk:
    """The attempts of one request, and for each how long until it could succeed when the
    reason is a limit (quota, rate limit); None for any other reason."""

    tried: list[Attempt] = field(default_factory=list)
    waits: list[float | None] = field(default_factory=list)

    def add(self, attempt: Attempt, wait: float | None = None) -> None:
        self.tried.append(attempt)
        self.waits.append(wait)

    def summary(self) -> str:
        return "; ".join(f"{a.model}: {a.reason}" for a in self.tried) or "no candidate"

    def retry_after(self) -> float | None:
        """When every candidate was held back by a limit: the soonest one frees up."""
        if not self.waits or any(w is None for w in self.waits):
            return None
        return min(w for w in self.waits if w is not None)


class NoAnswer(Refused):
    """No candidate could answer: ``retry_after`` is set when only limits stood in the way."""

    def __init__(self, message: str, retry_after: float | None, local_only: bool) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.local_only = local_only


def until_reset(refused_by: str | None, now: float, router: Router) -> float:
    """Seconds until the window that refused the request starts over."""
    weekly = bool(refused_by and refused_by.startswith("weekly"))
    return seconds_to_reset(now, router.policy.zone, weekly=weekly)


async def walk(
    router: Router,
    gate: Gate,
    estimate_tokens: int,
    max_tokens: int,
    deadline: Deadline,
    record: Walk,
    notify: Notify,
    progress: Progress,
    start: Callable[[ModelSpec], Awaitable[T]],
    hold: float,
) -> Started[T]:
    """Try the candidates in order until one starts answering. ``hold``: how long past now the
    call may run (its reservation lives that long plus the policy's TTL)."""
    from routing_mcp.router import FALLBACKS, REFUSALS

    queue, seen, calls = list(gate.candidates), set[str](), 0
    while queue and calls < router.policy.fallback.max_attempts:
        deadline.cap(0)  # raises once the deadline has passed
        name = queue.pop(0)
        seen.add(name)
        why = await router.unavailable(name)
        if why:
            record.add(Attempt(model=name, outcome="skipped", reason=why), router.health.wait(name))
            FALLBACKS.labels(name, "unavailable").inc()
            router.extend(queue, router.fallbacks(name), gate, seen)
            continue
        spec = router.policy.models[name]
        estimate = spec.cost(estimate_tokens, max_tokens + (spec.thinking_budget or 0))
        now = router.clock()
        window = router.window()
        ttl = hold + router.policy.reservation_ttl_seconds
        admission = await router.store.reserve(
            name, window, router.limits(name), estimate, now, ttl
        )
        if admission.reservation is None:
            reason = f"quota: {admission.refused_by}"
            wait = until_reset(admission.refused_by, now, router)
            record.add(Attempt(model=name, outcome="refused", reason=reason), wait)
            FALLBACKS.labels(name, "quota").inc()
            router.extend(queue, router.policy.fallback.on_quota, gate, seen)
            continue
        calls += 1
        await progress(0.3 + 0.15 * calls, f"asking {name}")
        try:
            result = await start(spec)
        except ProviderError as err:
            await router.store.release(admission.reservation)
            await router.health.on_failure(name, err, notify)
            reason = f"{err.kind}: {err.detail}"
            record.add(Attempt(model=name, outcome="failed", reason=reason), _wait(err, router))
            FALLBACKS.labels(name, err.kind).inc()
            if err.kind == "bad_request":
                REFUSALS.labels("bad_request").inc()
                raise BadRequest(
                    f"{name} rejected the request as invalid ({err.detail}); it was not "
                    "retried elsewhere. Fix the request (size, content) and ask again."
                ) from None
            router.extend(queue, router.fallbacks(name), gate, seen)
            continue
        except BaseException:  # cut off by the deadline, or the client went away
            await asyncio.shield(router.store.release(admission.reservation))
            record.add(Attempt(model=name, outcome="failed", reason="cut off by the deadline"))
            raise
        return Started(name, spec, admission.reservation, result)
    reason = "pii_no_local" if gate.local_only else "all_failed"
    REFUSALS.labels(reason).inc()
    if gate.local_only:
        message = f"Refused: {router.no_model_reason(gate)} Tried: {record.summary()}"
        raise NoAnswer(message, None, True)
    raise NoAnswer(f"No model could answer. Tried: {record.summary()}", record.retry_after(), False)


def _wait(err: ProviderError, router: Router) -> float | None:
    if err.kind == "rate_limited":
        return err.retry_after or 30.0
    if err.kind == "exhausted":
        return until_reset("daily", router.clock(), router)
    return None


async def settle(
    router: Router,
    started: Started[Any],
    task_class: str,
    tokens_in: int,
    tokens_out: int,
    notify: Notify,
) -> tuple[float, QuotaLeft]:
    """Book the call at its actual cost, count it, check the alert thresholds."""
    name, spec = started.name, started.spec
    cost = spec.cost(tokens_in, tokens_out)
    day, week = await router.store.settle(started.reservation, tokens_in, tokens_out, cost)
    router.count(name, task_class, tokens_in, tokens_out, cost)
    await check_alerts(
        router.store,
        router.policy.quotas.get(name),
        router.limits(name),
        (name, started.reservation.window, day, week),
        notify,
        router.alert,
    )
    return cost, router.left(name, day, week)
