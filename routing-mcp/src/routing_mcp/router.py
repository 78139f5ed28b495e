"""The router: classify, gate PII, pick a model, reserve quota, call, fall back, settle.

Invariants:
- A prompt with PII (in ``local`` mode) is only ever sent to local models; with none healthy it is
  refused. No cloud provider is called for it, not even as a fallback.
- A call happens only under a reservation; every reservation is settled or released, and expires
  on its own if the process dies.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastmcp.exceptions import ToolError
from prometheus_client import Counter

from homelab_shared.observability import REGISTRY
from routing_mcp.classify import Classification, classify_llm, classify_rules, estimate_tokens
from routing_mcp.models import AskResult, Attempt, QuotaLeft, RouteDecision
from routing_mcp.policy import ModelSpec, Policy
from routing_mcp.providers.base import Completion, Provider, ProviderError
from routing_mcp.providers.ollama import OllamaProvider
from routing_mcp.quota.base import Limits, QuotaStore, Usage, Window
from routing_mcp.quota_metrics import record_quota

if TYPE_CHECKING:
    from routing_mcp.pii import PiiScanner

log = logging.getLogger("routing")

REQUESTS = Counter(
    "routing_requests_total", "Answered requests", ["model", "task_class"], registry=REGISTRY
)
TOKENS = Counter("routing_tokens_total", "Tokens", ["model", "direction"], registry=REGISTRY)
COST = Counter("routing_cost_usd_total", "Spend in USD", ["model"], registry=REGISTRY)
FALLBACKS = Counter(
    "routing_fallbacks_total", "Models passed over", ["model", "reason"], registry=REGISTRY
)
REFUSALS = Counter("routing_refusals_total", "Requests refused", ["reason"], registry=REGISTRY)
ALERTS = Counter(
    "routing_quota_alerts_total", "Quota alerts fired", ["model", "limit"], registry=REGISTRY
)

TRANSIENT_RETRIES = 2
DEFAULT_COOLDOWN = 30.0
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


@dataclass
class ModelState:
    cooldown_until: float = 0.0
    disabled: str | None = None
    exhausted_day: str | None = None


@dataclass
class Gate:
    """What the PII gate and classifier decided for one prompt."""

    classification: Classification
    pii_types: list[str]
    text: str  # the prompt to send (redacted in redact mode)
    local_only: bool
    candidates: list[str] = field(default_factory=list)


class Refused(ToolError):
    """The request was not sent anywhere."""


class Router:
    def __init__(
        self,
        policy: Policy,
        store: QuotaStore,
        providers: dict[str, Provider],
        scanner: PiiScanner | None,
        *,
        pii_mode: str = "local",
        classifier: str = "rules",
        classifier_model: str = "local-qwen",
        classifier_timeout: float = 3.0,
        alert: Callable[[str, str, str], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.policy = policy
        self.store = store
        self.providers = providers
        self.scanner = scanner
        self.pii_mode = pii_mode
        self.classifier = classifier
        self.classifier_model = classifier_model
        self.classifier_timeout = classifier_timeout
        self.clock = clock
        self.state: dict[str, ModelState] = {name: ModelState() for name in policy.models}
        self.overrides: dict[str, dict[str, float | None]] = {}
        self._alert = alert

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
        spec = self.policy.models[model]
        provider = self.providers.get(spec.provider)
        if provider is None:
            return f"{spec.provider} is not configured"
        state = self.state[model]
        if state.disabled:
            return f"disabled: {state.disabled}"
        now = self.clock()
        if state.cooldown_until > now:
            return f"cooling down for {state.cooldown_until - now:.0f} s (rate limited)"
        if state.exhausted_day == self.window().day:
            return "provider quota exhausted until tomorrow"
        if isinstance(provider, OllamaProvider) and not await provider.available(spec.upstream_id):
            return f"Ollama is down or {spec.upstream_id} is not pulled"
        return None

    # --- decision ----------------------------------------------------------------------------

    async def classify(self, prompt: str, task_class: str | None = None) -> Classification:
        long_tokens = self.policy.long_document_tokens
        if task_class or self.classifier != "llm":
            return classify_rules(prompt, long_document_tokens=long_tokens, explicit=task_class)
        return await classify_llm(prompt, self._classifier_chat, long_document_tokens=long_tokens)

    async def _classifier_chat(self, question: str) -> str:
        spec = self.policy.models[self.classifier_model]
        if await self.unavailable(self.classifier_model):
            raise ConnectionError("classifier model unavailable")
        provider = self.providers[spec.provider]
        done = await asyncio.wait_for(
            provider.complete(spec, question, system=None, max_tokens=8, temperature=0.0),
            self.classifier_timeout,
        )
        return done.text

    async def gate(self, prompt: str, task_class: str | None = None) -> Gate:
        if self.scanner is None:
            raise RuntimeError("the PII scanner is not loaded (RoutingRuntime.ensure_scanner)")
        findings = self.scanner.scan(prompt)
        types = sorted({f.entity for f in findings})
        if findings and self.pii_mode == "local":
            classification = Classification(
                "pii_sensitive", "pii", [f"PII found: {', '.join(types)}"], estimate_tokens(prompt)
            )
            return Gate(classification, types, prompt, True, self._candidates("pii_sensitive", 0))
        text = self.scanner.redact(prompt, findings) if findings else prompt
        classification = await self.classify(text, task_class)
        if findings:
            classification.reasons.append(f"PII redacted before routing: {', '.join(types)}")
        if classification.task_class == "pii_sensitive":
            return Gate(classification, types, text, True, self._candidates("pii_sensitive", 0))
        candidates = self._candidates(classification.task_class, classification.tokens)
        return Gate(classification, types, text, False, candidates)

    def _candidates(self, task_class: str, tokens: int) -> list[str]:
        route = list(self.policy.routes[task_class])  # type: ignore[index]
        if task_class == "long_document" and tokens > self.policy.long_document_pro_tokens:
            route = ["gemini-pro", *[m for m in route if m != "gemini-pro"]]
        if task_class == "pii_sensitive":
            route += [m for m in self.policy.local_models() if m not in route]
        fits = [m for m in route if self.policy.models[m].context_window >= tokens]
        return fits or route

    def _extend(self, queue: list[str], more: list[str], gate: Gate, seen: set[str]) -> None:
        for name in more:
            if name in seen or name in queue:
                continue
            if gate.local_only and not self.policy.models[name].local:
                continue  # PII never escalates to the cloud
            queue.append(name)

    async def decide(self, prompt: str, task_class: str | None = None) -> RouteDecision:
        gate = await self.gate(prompt, task_class)
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
                    self._extend(queue, self.policy.fallback.on_quota, gate, seen)
                else:
                    spec = self.policy.models[name]
                    return RouteDecision(
                        task_class=gate.classification.task_class,
                        classified_by=gate.classification.by,
                        pii_found=bool(gate.pii_types),
                        pii_types=gate.pii_types,
                        model=name,
                        provider=spec.provider,
                        reason="; ".join(gate.classification.reasons) or "route",
                        candidates=[a.model for a in skipped] + [name, *queue],
                        skipped=skipped,
                        quota_left=left,
                    )
            else:
                self._extend(queue, self._fallbacks(name), gate, seen)
            skipped.append(Attempt(model=name, outcome="skipped", reason=why))
        return RouteDecision(
            task_class=gate.classification.task_class,
            classified_by=gate.classification.by,
            pii_found=bool(gate.pii_types),
            pii_types=gate.pii_types,
            model=None,
            provider=None,
            reason=self._no_model_reason(gate),
            candidates=[a.model for a in skipped],
            skipped=skipped,
            quota_left=None,
        )

    def _fallbacks(self, model: str) -> list[str]:
        return self.policy.fallback.by_provider.get(self.policy.models[model].provider, [])

    def _no_model_reason(self, gate: Gate) -> str:
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
        gate = await self.gate(prompt, task_class)
        await progress(0.1, f"classified as {gate.classification.task_class}")
        text, pre = await self._preprocess(gate, max_tokens)
        tried: list[Attempt] = []
        queue, seen, calls = list(gate.candidates), set[str](), 0
        while queue and calls < self.policy.fallback.max_attempts:
            name = queue.pop(0)
            seen.add(name)
            why = await self.unavailable(name)
            if why:
                tried.append(Attempt(model=name, outcome="skipped", reason=why))
                FALLBACKS.labels(name, "unavailable").inc()
                self._extend(queue, self._fallbacks(name), gate, seen)
                continue
            spec = self.policy.models[name]
            estimate = spec.cost(
                estimate_tokens(text + (system or "")), max_tokens + (spec.thinking_budget or 0)
            )
            admission = await self.store.reserve(
                name,
                self.window(),
                self.limits(name),
                estimate,
                self.clock(),
                self.policy.reservation_ttl_seconds,
            )
            if admission.reservation is None:
                tried.append(
                    Attempt(model=name, outcome="refused", reason=f"quota: {admission.refused_by}")
                )
                FALLBACKS.labels(name, "quota").inc()
                self._extend(queue, self.policy.fallback.on_quota, gate, seen)
                continue
            calls += 1
            await progress(0.3 + 0.15 * calls, f"asking {name}")
            try:
                done = await self._call(spec, text, system, max_tokens, temperature)
            except ProviderError as err:
                await self.store.release(admission.reservation)
                await self._on_failure(name, err, notify)
                tried.append(
                    Attempt(model=name, outcome="failed", reason=f"{err.kind}: {err.detail}")
                )
                FALLBACKS.labels(name, err.kind).inc()
                if err.kind == "bad_request":
                    REFUSALS.labels("bad_request").inc()
                    raise ToolError(
                        f"{name} rejected the request as invalid ({err.detail}); it was not "
                        "retried elsewhere. Fix the request (size, content) and ask again."
                    ) from None
                self._extend(queue, self._fallbacks(name), gate, seen)
                continue
            except BaseException:
                await asyncio.shield(self.store.release(admission.reservation))
                raise
            cost = spec.cost(done.tokens_in, done.tokens_out)
            day, week = await self.store.settle(
                admission.reservation, done.tokens_in, done.tokens_out, cost
            )
            self._count(name, gate.classification.task_class, done, cost)
            await self._check_alerts(name, admission.reservation.window, day, week, notify)
            await progress(1.0, f"answered by {name}")
            return AskResult(
                answer=done.text,
                model=name,
                provider=spec.provider,
                task_class=gate.classification.task_class,
                pii_found=bool(gate.pii_types),
                tokens_in=done.tokens_in,
                tokens_out=done.tokens_out,
                cost_usd=round(cost, 8),
                fallbacks_tried=tried,
                preprocessed_by=pre,
                quota_left=self.left(name, day, week),
            )
        reason = "pii_no_local" if gate.local_only else "all_failed"
        REFUSALS.labels(reason).inc()
        summary = "; ".join(f"{a.model}: {a.reason}" for a in tried) or "no candidate"
        if gate.local_only:
            raise Refused(f"Refused: {self._no_model_reason(gate)} Tried: {summary}")
        raise Refused(f"No model could answer. Tried: {summary}")

    async def _call(
        self, spec: ModelSpec, text: str, system: str | None, max_tokens: int, temperature: float
    ) -> Completion:
        provider = self.providers[spec.provider]
        for attempt in range(TRANSIENT_RETRIES + 1):
            try:
                return await provider.complete(
                    spec, text, system=system, max_tokens=max_tokens, temperature=temperature
                )
            except ProviderError as err:
                if err.kind != "transient" or attempt == TRANSIENT_RETRIES:
                    raise
                await asyncio.sleep(0.2 * 2**attempt)
        raise AssertionError("unreachable")

    async def _preprocess(self, gate: Gate, max_tokens: int) -> tuple[str, str | None]:
        local = self.policy.preprocess.get(gate.classification.task_class)  # type: ignore[call-overload]
        if not local or await self.unavailable(local):
            return gate.text, None
        spec = self.policy.models[local]
        try:
            outline = await self._call(
                spec, PLAN_PROMPT.format(prompt=gate.text), None, min(max_tokens, 512), 0.0
            )
        except ProviderError:
            return gate.text, None
        return f"{gate.text}\n\nA local pre-analysis of the request:\n{outline.text}", local

    async def _on_failure(self, name: str, err: ProviderError, notify: Notify) -> None:
        state = self.state[name]
        if err.kind == "rate_limited":
            state.cooldown_until = self.clock() + (err.retry_after or DEFAULT_COOLDOWN)
        elif err.kind == "exhausted":
            state.exhausted_day = self.window().day
        elif err.kind == "auth":
            state.disabled = err.detail
            message = f"{name} disabled: {err.detail}"
            log.warning(message)
            await notify(message)
            if self._alert:
                await self._alert(name, "config", message)

    def _count(self, name: str, task_class: str, done: Completion, cost: float) -> None:
        REQUESTS.labels(name, task_class).inc()
        TOKENS.labels(name, "in").inc(done.tokens_in)
        TOKENS.labels(name, "out").inc(done.tokens_out)
        COST.labels(name).inc(cost)

    async def _check_alerts(
        self, name: str, window: Window, day: Usage, week: Usage, notify: Notify
    ) -> None:
        quota = self.policy.quotas.get(name)
        if quota is None:
            return
        lim = self.limits(name)
        checks = [
            ("daily_requests", window.day, day.requests, lim.daily_requests),
            ("weekly_requests", window.week, week.requests, lim.weekly_requests),
            ("daily_budget", window.day, day.cost, lim.daily_budget_usd),
            ("weekly_budget", window.week, week.cost, lim.weekly_budget_usd),
        ]
        for kind, period, used, limit in checks:
            if not limit:
                continue
            for threshold in sorted({quota.alert_at, 1.0}):
                if used / limit + 1e-9 < threshold:
                    continue
                if not await self.store.first_alert(f"{name}|{kind}|{period}|{threshold}"):
                    continue
                message = (
                    f"{name} has used {used:g} of its {kind.replace('_', ' ')} limit {limit:g} "
                    f"({used / limit:.0%}) in {period}"
                )
                ALERTS.labels(name, kind).inc()
                log.warning(message)
                await notify(message)
                if self._alert:
                    await self._alert(name, kind, message)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
