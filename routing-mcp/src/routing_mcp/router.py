"""The router: classify, gate PII, pick a model, reserve quota, call, fall back, settle.

Invariants:
- A prompt with PII (in ``local`` mode) is only ever sent to local models; with none healthy it is
  refused. No cloud provider is called for it, not even as a fallback.
- A call happens only under a reservation; every reservation is settled or released, and expires
  on its own if the process dies.
- One deadline per ``ask`` covers the whole chain (see deadline.py). A reservation lives for the
  rest of that deadline plus ``reservation_ttl_seconds``: the call is cancelled at the deadline, so
  its reservation cannot expire while it runs, whatever the call's duration (no renewal traffic),
  and a crashed process holds quota for at most deadline + TTL.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from homelab_shared import metrics
from routing_mcp.calls import ModelCall, OpenStream, call_model
from routing_mcp.classify import Classification, classify_llm, classify_rules, estimate_tokens
from routing_mcp.deadline import Deadline, DeadlineExceeded
from routing_mcp.engine import NoAnswer, Walk, settle, walk
from routing_mcp.gate import BadRequest, ChatRequest, Gate, run_gate
from routing_mcp.health import ModelHealth
from routing_mcp.models import AskResult, Attempt, QuotaLeft, RouteDecision
from routing_mcp.pii_pool import FieldScan, ScannerConfig, ScanOptions, ScanPool
from routing_mcp.policy import ModelSpec, Policy
from routing_mcp.providers.base import (
    Completion,
    Params,
    Provider,
    ProviderError,
    Turn,
    as_turns,
)
from routing_mcp.quota.base import Limits, QuotaStore, Usage, Window
from routing_mcp.quota_metrics import record_quota
from routing_mcp.streaming import RoutedStream
from routing_mcp.tracing import RequestSpan, Tracing, make_tracing

if TYPE_CHECKING:
    from routing_mcp.pii import PiiScanner

log = logging.getLogger("routing")

REQUESTS = metrics.counter("routing_requests_total", "Answered requests", ["model", "task_class"])
TOKENS = metrics.counter("routing_tokens_total", "Tokens", ["model", "direction"])
COST = metrics.counter("routing_cost_usd_total", "Spend in USD", ["model"])
FALLBACKS = metrics.counter("routing_fallbacks_total", "Models passed over", ["model", "reason"])
REFUSALS = metrics.counter("routing_refusals_total", "Requests refused", ["reason"])

PLAN_PROMPT = (
    "Restate this request as a short outline: the goal, the constraints, and the steps it "
    "implies. Do not solve it.\n\n{prompt}"
)

Notify = Callable[[str], Awaitable[None]]
Progress = Callable[[float, str], Awaitable[None]]


async def _quiet(_message: str) -> None:
    return None


async def _no_progress(_done: float, _message: str) -> None:
    return None


class Router:
    def __init__(
        self,
        policy: Policy,
        store: QuotaStore,
        providers: dict[str, Provider],
        scanner: PiiScanner | ScannerConfig | None,
        *,
        pii_mode: str = "local",
        classifier: str = "rules",
        classifier_model: str = "local-qwen",
        classifier_timeout: float = 3.0,
        deadline: float = 45.0,
        attempt_timeout: float = 35.0,
        timeout_cooldown: float = 120.0,
        alert: Callable[[str, str, str], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.time,
        scan_options: ScanOptions | None = None,
        stream_timeout: float = 600.0,
        tracing: Tracing | None = None,
    ) -> None:
        self.policy = policy
        self.store = store
        self.providers = providers
        self.scanner = scanner
        self.pii_mode = pii_mode
        self.classifier = classifier
        self.classifier_model = classifier_model
        self.classifier_timeout = classifier_timeout
        self.deadline = deadline
        self.attempt_timeout = attempt_timeout
        self.clock = clock
        self.health = ModelHealth(
            policy,
            providers,
            clock,
            lambda: self.window().day,
            timeout_cooldown=timeout_cooldown,
            alert=alert,
        )
        self.overrides: dict[str, dict[str, float | None]] = {}
        self.alert = alert
        self.scan_options = scan_options or ScanOptions()
        self.stream_timeout = stream_timeout
        self.tracing = tracing or make_tracing(environ={})
        self._scans: ScanPool | None = None

    # --- policy views ------------------------------------------------------------------------

    def window(self) -> Window:
        return Window.at(self.clock(), self.policy.zone)

    def limits(self, model: str) -> Limits:
        quota = self.policy.quotas.get(model)
        values = quota.model_dump() if quota else {}
        values.update(self.overrides.get(model, {}))
        return Limits(
            daily_requests=_int(values.get("daily_requests")),
            weekly_requests=_int(values.get("weekly_requests")),
            daily_budget_usd=values.get("daily_budget_usd"),
            weekly_budget_usd=values.get("weekly_budget_usd"),
        )

    async def refresh_overrides(self) -> None:
        self.overrides = await self.store.limit_overrides()

    def left(self, model: str, day: Usage, week: Usage) -> QuotaLeft:
        lim = self.limits(model)
        record_quota(model, lim, day, week)

        def rest(limit: float | None, used: float) -> float | None:
            return None if limit is None else max(0.0, limit - used)

        dr = rest(lim.daily_requests, day.requests + day.reserved)
        wr = rest(lim.weekly_requests, week.requests + week.reserved)
        db = rest(lim.daily_budget_usd, day.cost + day.reserved_cost)
        wb = rest(lim.weekly_budget_usd, week.cost + week.reserved_cost)
        return QuotaLeft(
            daily_requests=None if dr is None else int(dr),
            weekly_requests=None if wr is None else int(wr),
            daily_budget_usd=None if db is None else round(db, 8),
            weekly_budget_usd=None if wb is None else round(wb, 8),
        )

    async def quota_left(self, model: str) -> QuotaLeft:
        day, week = await self.store.usage(model, self.window(), self.clock())
        return self.left(model, day, week)

    # --- availability ------------------------------------------------------------------------

    async def unavailable(self, model: str) -> str | None:
        """Why ``model`` cannot take a call now, or None."""
        return await self.health.unavailable(model)

    # --- decision ----------------------------------------------------------------------------

    async def classify(self, prompt: str, task_class: str | None = None) -> Classification:
        sizes = {
            "long_document_tokens": self.policy.long_document_tokens,
            "long_document_chars": self.policy.long_document_chars,
        }
        if task_class or self.classifier != "llm":
            return classify_rules(prompt, explicit=task_class, **sizes)
        return await classify_llm(prompt, self._classifier_chat, **sizes)

    async def _classifier_chat(self, question: str) -> str:
        spec = self.policy.models[self.classifier_model]
        if await self.unavailable(self.classifier_model):
            raise ConnectionError("classifier model unavailable")
        provider = self.providers[spec.provider]
        done = await asyncio.wait_for(
            provider.complete(spec, as_turns(question), None, Params(8, 0.0)),
            self.classifier_timeout,
        )
        return done.text

    # --- the PII gate ------------------------------------------------------------------------

    async def scan_fields(
        self, fields: dict[str, str], *, redact: bool | None = None
    ) -> dict[str, FieldScan]:
        """Scan every text that would leave the box, off the event loop, within the size cap."""
        if self.scanner is None:
            raise RuntimeError("the PII scanner is not loaded (RoutingRuntime.ensure_scanner)")
        total, limit = sum(len(t) for t in fields.values()), self.scan_options.max_chars
        if total > limit:
            REFUSALS.labels("too_large").inc()
            raise BadRequest(
                f"The request is {total:,} characters ({' + '.join(fields)}); the limit is "
                f"{limit:,} (ROUTING_MAX_PROMPT_CHARS). Shorten it or send the document in "
                "parts. It was not sent to any model."
            )
        if self._scans is None or self._scans.scanner is not self.scanner:
            self._scans = ScanPool(self.scanner, self.scan_options)
        redact = self.pii_mode == "redact" if redact is None else redact
        if self._scans.scans_inline(total):  # a chat prompt: cheaper than a hop to a thread
            return {name: self._scans.scan_now(t, redact=redact) for name, t in fields.items()}
        scans = await asyncio.gather(*(self._scans.scan(t, redact=redact) for t in fields.values()))
        return dict(zip(fields, scans, strict=True))

    def close_scans(self) -> None:
        if self._scans is not None:
            self._scans.close()

    async def gate(
        self, prompt: str, task_class: str | None = None, system: str | None = None
    ) -> Gate:
        return await run_gate(self, ChatRequest.prompt(prompt, task_class, system))

    async def classify_request(self, prompt: str, task_class: str | None = None) -> Classification:
        """``classify`` for a caller: an LLM classifier on a cloud model never sees personal
        data (redacted in redact mode, the rules instead in local mode)."""
        spec = self.policy.models.get(self.classifier_model)
        if task_class or self.classifier != "llm" or spec is None or spec.local:
            return await self.classify(prompt, task_class)
        scan = (await self.scan_fields({"prompt": prompt}))["prompt"]
        if not scan.findings:
            return await self.classify(prompt, task_class)
        if self.pii_mode == "redact" and scan.redacted and not scan.unsure:
            return await self.classify(scan.redacted, task_class)
        long_tokens = self.policy.long_document_tokens
        return classify_rules(prompt, long_document_tokens=long_tokens)

    def candidates(self, task_class: str, tokens: int) -> list[str]:
        route = list(self.policy.routes[task_class])  # type: ignore[index]
        if task_class == "long_document" and tokens > self.policy.long_document_pro_tokens:
            route = ["gemini-pro", *[m for m in route if m != "gemini-pro"]]
        if task_class == "pii_sensitive":
            route += [m for m in self.policy.local_models() if m not in route]
        fits = [m for m in route if self.policy.models[m].context_window >= tokens]
        return fits or route

    def extend(self, queue: list[str], more: list[str], gate: Gate, seen: set[str]) -> None:
        for name in more:
            if name in seen or name in queue:
                continue
            if gate.local_only and not self.policy.models[name].local:
                continue  # PII never escalates to the cloud
            queue.append(name)

    async def decide(
        self, prompt: str, task_class: str | None = None, system: str | None = None
    ) -> RouteDecision:
        span = self.tracing.start("mcp.route")
        try:
            gate = await self.gate(prompt, task_class, system)
            span.gate(gate)
            decision = await self._decide(gate)
        except BaseException as err:
            span.end(err)
            raise
        if decision.model and decision.provider:
            span.chosen(decision.model, decision.provider, decision.skipped)
        else:
            span.fallbacks(decision.skipped)
        span.end()
        return decision

    async def _decide(self, gate: Gate) -> RouteDecision:
        skipped: list[Attempt] = []
        queue, seen = list(gate.candidates), set[str]()
        while queue:
            name = queue.pop(0)
            seen.add(name)
            why = await self.unavailable(name)
            if why is None:
                left = await self.quota_left(name)
                if left.daily_requests == 0 or left.weekly_requests == 0:
                    why = "quota exhausted"
                    self.extend(queue, self.policy.fallback.on_quota, gate, seen)
                else:
                    spec = self.policy.models[name]
                    return RouteDecision(
                        task_class=gate.classification.task_class,
                        classified_by=gate.classification.by,
                        pii_found=bool(gate.pii_types),
                        pii_types=gate.pii_types,
                        pii_fields=gate.fields_found(),
                        model=name,
                        provider=spec.provider,
                        reason="; ".join(gate.classification.reasons) or "route",
                        candidates=[a.model for a in skipped] + [name, *queue],
                        skipped=skipped,
                        quota_left=left,
                    )
            else:
                self.extend(queue, self.fallbacks(name), gate, seen)
            skipped.append(Attempt(model=name, outcome="skipped", reason=why))
        return RouteDecision(
            task_class=gate.classification.task_class,
            classified_by=gate.classification.by,
            pii_found=bool(gate.pii_types),
            pii_types=gate.pii_types,
            pii_fields=gate.fields_found(),
            model=None,
            provider=None,
            reason=self.no_model_reason(gate),
            candidates=[a.model for a in skipped],
            skipped=skipped,
            quota_left=None,
        )

    def fallbacks(self, model: str) -> list[str]:
        return self.policy.fallback.by_provider.get(self.policy.models[model].provider, [])

    def no_model_reason(self, gate: Gate) -> str:
        if gate.local_only:
            return (
                "the prompt contains personal data, so only local models may answer it, and none "
                "is healthy: start Ollama (OLLAMA_HOST) with a local model pulled. It was not "
                "sent to any cloud model."
            )
        return "no model can take the request now (see skipped)"

    # --- asking ------------------------------------------------------------------------------

    async def ask(
        self,
        prompt: str,
        *,
        task_class: str | None = None,
        system: str | None = None,
        max_tokens: int = 1024,
        temperature: float = 0.2,
        notify: Notify = _quiet,
        progress: Progress = _no_progress,
    ) -> AskResult:
        request = ChatRequest.prompt(prompt, task_class, system, Params(max_tokens, temperature))
        return await self.answer(request, notify, progress)

    async def answer(
        self, request: ChatRequest, notify: Notify = _quiet, progress: Progress = _no_progress
    ) -> AskResult:
        """Answer a conversation (MCP ``ask`` and the HTTP API without streaming)."""
        async with self._traced(request.door, end=True) as (span, record):
            return await self._answer(request, notify, progress, record, span)
        raise AssertionError("unreachable")  # the scope re-raises whatever ended it

    @asynccontextmanager
    async def _traced(self, door: str, *, end: bool) -> AsyncIterator[tuple[RequestSpan, Walk]]:
        """One request's deadline and span; the span ends here on failure (and on success when
        ``end``; a stream ends its own span when it is done)."""
        span, record = self.tracing.start(door), Walk()
        try:
            # The outer timeout is a net for what has no timeout of its own (gate, store waits).
            async with asyncio.timeout(self.deadline):
                yield span, record
        except (TimeoutError, DeadlineExceeded):
            err = self._deadline_refusal(record)
            span.fallbacks(record.tried)
            span.end(err)
            raise err from None
        except BaseException as err:
            span.fallbacks(record.tried)
            span.end(err)
            raise
        if end:
            span.end()

    def _deadline_refusal(self, record: Walk) -> NoAnswer:
        REFUSALS.labels("deadline").inc()
        return NoAnswer(
            f"No answer within the deadline of {self.deadline:g} s (ROUTING_DEADLINE). "
            f"Tried: {record.summary() if record.tried else 'no model answered'}",
            None,
            False,
        )

    async def _answer(
        self,
        request: ChatRequest,
        notify: Notify,
        progress: Progress,
        record: Walk,
        span: RequestSpan,
    ) -> AskResult:
        deadline, params = Deadline(self.deadline), request.params
        gate = await run_gate(self, request)
        span.gate(gate)
        await progress(0.1, f"classified as {gate.classification.task_class}")
        turns, pre = await self._preprocess(gate, params.max_tokens, deadline)

        async def complete(spec: ModelSpec) -> Completion:
            call = ModelCall(self.providers[spec.provider], spec, turns, gate.system, params)
            return await call_model(call.complete, spec, deadline, self.attempt_timeout)

        started = await walk(
            self, gate, _size(turns, gate.system), params.max_tokens, deadline, record,
            notify, progress, complete, deadline.left(),
        )  # fmt: skip
        done = started.result
        span.chosen(started.name, started.spec.provider, record.tried)
        cost, left = await settle(
            self, started, gate.classification.task_class, done.tokens_in, done.tokens_out, notify
        )
        span.usage(done.tokens_in, done.tokens_out, cost)
        span.answer(done.text)
        await progress(1.0, f"answered by {started.name}")
        return AskResult(
            answer=done.text,
            model=started.name,
            provider=started.spec.provider,
            task_class=gate.classification.task_class,
            pii_found=bool(gate.pii_types),
            pii_fields=gate.fields_found(),
            tokens_in=done.tokens_in,
            tokens_out=done.tokens_out,
            cost_usd=round(cost, 8),
            finish_reason=done.finish,
            fallbacks_tried=record.tried,
            preprocessed_by=pre,
            quota_left=left,
        )

    async def stream(self, request: ChatRequest, notify: Notify = _quiet) -> RoutedStream:
        """Route a conversation and open the chosen model's stream at its first token."""
        async with self._traced(request.door, end=False) as (span, record):
            return await self._open(request, notify, record, span)
        raise AssertionError("unreachable")

    async def _open(
        self, request: ChatRequest, notify: Notify, record: Walk, span: RequestSpan
    ) -> RoutedStream:
        deadline, params = Deadline(self.deadline), request.params
        gate = await run_gate(self, request)
        span.gate(gate)
        turns, _pre = await self._preprocess(gate, params.max_tokens, deadline)

        async def open_stream(spec: ModelSpec) -> OpenStream:
            call = ModelCall(self.providers[spec.provider], spec, turns, gate.system, params)
            return await call_model(call.open, spec, deadline, self.attempt_timeout)

        # The reservation must outlive the whole stream, which may run past the deadline.
        hold = max(deadline.left(), self.stream_timeout)
        started = await walk(
            self, gate, _size(turns, gate.system), params.max_tokens, deadline, record,
            _quiet, _no_progress, open_stream, hold,
        )  # fmt: skip
        span.chosen(started.name, started.spec.provider, record.tried)
        estimate_in = _size(turns, gate.system)
        return RoutedStream(self, started, gate, record.tried, span, notify, estimate_in)

    async def _preprocess(
        self, gate: Gate, max_tokens: int, deadline: Deadline
    ) -> tuple[list[Turn], str | None]:
        local = self.policy.preprocess.get(gate.classification.task_class)  # type: ignore[call-overload]
        if not local or await self.unavailable(local):
            return gate.turns, None
        spec = self.policy.models[local]
        ask = as_turns(PLAN_PROMPT.format(prompt=gate.text))
        call = ModelCall(
            self.providers[spec.provider], spec, ask, None, Params(min(max_tokens, 512), 0.0)
        )
        try:
            outline = await call_model(call.complete, spec, deadline, self.attempt_timeout)
        except ProviderError:
            return gate.turns, None
        if (await self.scan_fields({"outline": outline.text}))["outline"].findings:
            return gate.turns, None  # the local model wrote personal data: do not forward it
        text = f"{gate.text}\n\nA local pre-analysis of the request:\n{outline.text}"
        return gate.with_last_user(text), local

    def count(
        self, name: str, task_class: str, tokens_in: int, tokens_out: int, cost: float
    ) -> None:
        REQUESTS.labels(name, task_class).inc()
        TOKENS.labels(name, "in").inc(tokens_in)
        TOKENS.labels(name, "out").inc(tokens_out)
        COST.labels(name).inc(cost)


def _size(turns: list[Turn], system: str | None) -> int:
    return sum(estimate_tokens(t.text) for t in turns) + (estimate_tokens(system) if system else 0)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
