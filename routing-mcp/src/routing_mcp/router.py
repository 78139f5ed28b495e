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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastmcp.exceptions import ToolError
from prometheus_client import Counter

from homelab_shared.observability import REGISTRY
from routing_mcp.alerts import check_alerts
from routing_mcp.calls import ModelCall, call_model
from routing_mcp.classify import Classification, classify_llm, classify_rules, estimate_tokens
from routing_mcp.deadline import Deadline, DeadlineExceeded
from routing_mcp.health import ModelHealth
from routing_mcp.models import AskResult, Attempt, PiiField, QuotaLeft, RouteDecision
from routing_mcp.pii_pool import FieldScan, ScanOptions, ScanPool
from routing_mcp.policy import ModelSpec, Policy
from routing_mcp.providers.base import Completion, Provider, ProviderError
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
class Gate:
    """What the PII gate and classifier decided for one request."""

    classification: Classification
    pii_types: list[str]
    text: str  # the prompt to send (redacted in redact mode)
    local_only: bool
    candidates: list[str] = field(default_factory=list)
    system: str | None = None  # the system instruction to send (redacted in redact mode)
    pii_fields: dict[str, list[str]] = field(default_factory=dict)  # field -> kinds found

    def fields_found(self) -> list[PiiField]:
        return [PiiField(field=name, types=kinds) for name, kinds in self.pii_fields.items()]


class Refused(ToolError):
    """The request was not sent anywhere (an expected outcome: logged as a warning)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level=logging.WARNING)


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
        deadline: float = 45.0,
        attempt_timeout: float = 35.0,
        timeout_cooldown: float = 120.0,
        alert: Callable[[str, str, str], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.time,
        scan_options: ScanOptions | None = None,
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
        self._alert = alert
        self.scan_options = scan_options or ScanOptions()
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
            provider.complete(spec, question, system=None, max_tokens=8, temperature=0.0),
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
            raise Refused(
                f"The request is {total:,} characters ({' + '.join(fields)}); the limit is "
                f"{limit:,} (ROUTING_MAX_PROMPT_CHARS). Shorten it or send the document in "
                "parts. It was not sent to any model."
            )
        if self._scans is None or self._scans.scanner is not self.scanner:
            self._scans = ScanPool(self.scanner, self.scan_options)
        redact = self.pii_mode == "redact" if redact is None else redact
        scans = await asyncio.gather(*(self._scans.scan(t, redact=redact) for t in fields.values()))
        return dict(zip(fields, scans, strict=True))

    def close_scans(self) -> None:
        if self._scans is not None:
            self._scans.close()

    async def gate(
        self, prompt: str, task_class: str | None = None, system: str | None = None
    ) -> Gate:
        if not prompt.strip():
            REFUSALS.labels("empty").inc()
            raise Refused(
                "The prompt is empty or only whitespace: give the request text. It was not sent "
                "to any model and nothing was billed."
            )
        fields = {"prompt": prompt}
        if system and system.strip():
            fields["system"] = system
        scans = await self.scan_fields(fields)
        found = {name: scan.types for name, scan in scans.items() if scan.findings}
        types = sorted({kind for kinds in found.values() for kind in kinds})
        unsure = [name for name, scan in scans.items() if scan.unsure]
        where = "; ".join(f"{name}: {', '.join(kinds)}" for name, kinds in found.items())
        if found and (self.pii_mode == "local" or unsure):
            reasons = [f"PII found ({where})"]
            if self.pii_mode == "redact":
                reasons.append(
                    f"a possible name in the {' and '.join(unsure)} cannot be "
                    "redacted with confidence, so the request stays local"
                )
            classification = Classification(
                "pii_sensitive", "pii", reasons, estimate_tokens(prompt)
            )
            candidates = self._candidates("pii_sensitive", 0)
            return Gate(
                classification, types, prompt, True, candidates, fields.get("system"), found
            )
        text = scans["prompt"].redacted or prompt
        sent_system = (scans["system"].redacted or system) if "system" in scans else None
        classification = await self.classify(text, task_class)
        if found:
            classification.reasons.append(f"PII redacted before routing ({where})")
        if classification.task_class == "pii_sensitive":
            candidates = self._candidates("pii_sensitive", 0)
            return Gate(classification, types, text, True, candidates, sent_system, found)
        candidates = self._candidates(classification.task_class, classification.tokens)
        return Gate(classification, types, text, False, candidates, sent_system, found)

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

    async def decide(
        self, prompt: str, task_class: str | None = None, system: str | None = None
    ) -> RouteDecision:
        gate = await self.gate(prompt, task_class, system)
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
                        pii_fields=gate.fields_found(),
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
            pii_fields=gate.fields_found(),
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
        deadline, tried = Deadline(self.deadline), list[Attempt]()
        try:
            # The outer timeout is a net for what has no timeout of its own (gate, store waits).
            async with asyncio.timeout(self.deadline):
                return await self._ask(
                    prompt, task_class, system, max_tokens, temperature, notify, progress,
                    deadline, tried,
                )  # fmt: skip
        except (TimeoutError, DeadlineExceeded):
            REFUSALS.labels("deadline").inc()
            summary = "; ".join(f"{a.model}: {a.reason}" for a in tried) or "no model answered"
            raise Refused(
                f"No answer within the deadline of {self.deadline:g} s (ROUTING_DEADLINE). "
                f"Tried: {summary}"
            ) from None

    async def _ask(
        self,
        prompt: str,
        task_class: str | None,
        system: str | None,
        max_tokens: int,
        temperature: float,
        notify: Notify,
        progress: Progress,
        deadline: Deadline,
        tried: list[Attempt],
    ) -> AskResult:
        gate = await self.gate(prompt, task_class, system)
        system = gate.system  # scanned, and redacted in redact mode
        await progress(0.1, f"classified as {gate.classification.task_class}")
        text, pre = await self._preprocess(gate, max_tokens, deadline)
        queue, seen, calls = list(gate.candidates), set[str](), 0
        while queue and calls < self.policy.fallback.max_attempts:
            deadline.cap(0)  # raises once the deadline has passed
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
                deadline.left() + self.policy.reservation_ttl_seconds,
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
                done = await self._call(spec, text, system, max_tokens, temperature, deadline)
            except ProviderError as err:
                await self.store.release(admission.reservation)
                await self.health.on_failure(name, err, notify)
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
            except BaseException:  # cut off by the deadline, or the client went away
                await asyncio.shield(self.store.release(admission.reservation))
                tried.append(
                    Attempt(model=name, outcome="failed", reason="cut off by the deadline")
                )
                raise
            cost = spec.cost(done.tokens_in, done.tokens_out)
            day, week = await self.store.settle(
                admission.reservation, done.tokens_in, done.tokens_out, cost
            )
            self._count(name, gate.classification.task_class, done, cost)
            await check_alerts(
                self.store,
                self.policy.quotas.get(name),
                self.limits(name),
                (name, admission.reservation.window, day, week),
                notify,
                self._alert,
            )
            await progress(1.0, f"answered by {name}")
            return AskResult(
                answer=done.text,
                model=name,
                provider=spec.provider,
                task_class=gate.classification.task_class,
                pii_found=bool(gate.pii_types),
                pii_fields=gate.fields_found(),
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
        self,
        spec: ModelSpec,
        text: str,
        system: str | None,
        max_tokens: int,
        temperature: float,
        deadline: Deadline,
    ) -> Completion:
        provider = self.providers[spec.provider]
        call = ModelCall(provider, spec, text, system, max_tokens, temperature)
        return await call_model(call, deadline, self.attempt_timeout)

    async def _preprocess(
        self, gate: Gate, max_tokens: int, deadline: Deadline
    ) -> tuple[str, str | None]:
        local = self.policy.preprocess.get(gate.classification.task_class)  # type: ignore[call-overload]
        if not local or await self.unavailable(local):
            return gate.text, None
        spec = self.policy.models[local]
        try:
            outline = await self._call(
                spec,
                PLAN_PROMPT.format(prompt=gate.text),
                None,
                min(max_tokens, 512),
                0.0,
                deadline,
            )
        except ProviderError:
            return gate.text, None
        if (await self.scan_fields({"outline": outline.text}))["outline"].findings:
            return gate.text, None  # the local model wrote personal data: do not forward it
        return f"{gate.text}\n\nA local pre-analysis of the request:\n{outline.text}", local

    def _count(self, name: str, task_class: str, done: Completion, cost: float) -> None:
        REQUESTS.labels(name, task_class).inc()
        TOKENS.labels(name, "in").inc(done.tokens_in)
        TOKENS.labels(name, "out").inc(done.tokens_out)
        COST.labels(name).inc(cost)


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)
