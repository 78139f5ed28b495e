"""OpenTelemetry spans for routed requests, exported over OTLP/HTTP (Jaeger, Langfuse, Tempo...).

Off unless ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) is set; the
exporter reads the standard OTEL_* variables (headers, timeout, compression) itself. One span per
routed request, from either front door: task class, PII verdict (kinds only), candidates, the
model that answered, fallbacks, tokens, cost and latency. Prompt text goes into a span only when
the operator opts in (``ROUTING_TRACE_PROMPTS``): traces often land in a shared, long-lived store.

The provider is the router's own (not the process-global one), so two routers in one process
(the gateway, tests) never share or replace each other's exporter.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opentelemetry.trace import Span, Tracer

    from routing_mcp.gate import Gate
    from routing_mcp.models import Attempt

ENDPOINT_VARS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


class RequestSpan:
    """The span of one routed request; every method is a no-op when tracing is off."""

    def __init__(self, span: Span | None, prompts: bool) -> None:
        self._span = span
        self._prompts = prompts
        self._started = time.perf_counter()

    def _set(self, key: str, value: Any) -> None:
        if self._span is not None and value is not None:
            self._span.set_attribute(key, value)

    def gate(self, gate: Gate) -> None:
        self._set("routing.task_class", gate.classification.task_class)
        self._set("routing.classified_by", gate.classification.by)
        self._set("routing.pii.found", bool(gate.pii_types))
        self._set("routing.pii.types", list(gate.pii_types))
        self._set("routing.pii.local_only", gate.local_only)
        self._set("routing.candidates", list(gate.candidates))
        if self._prompts:
            self._set("gen_ai.prompt", gate.text)  # as sent: redacted in redact mode

    def chosen(self, model: str, provider: str, tried: Sequence[Attempt]) -> None:
        self._set("routing.model", model)
        self._set("gen_ai.response.model", model)
        self._set("gen_ai.system", provider)
        self.fallbacks(tried)

    def fallbacks(self, tried: Sequence[Attempt]) -> None:
        self._set("routing.fallbacks", [a.model for a in tried])
        self._set("routing.fallback_reasons", [f"{a.outcome}: {a.reason}" for a in tried])

    def usage(self, tokens_in: int, tokens_out: int, cost: float) -> None:
        self._set("gen_ai.usage.input_tokens", tokens_in)
        self._set("gen_ai.usage.output_tokens", tokens_out)
        self._set("routing.cost_usd", round(cost, 8))

    def answer(self, text: str) -> None:
        if self._prompts:
            self._set("gen_ai.completion", text)

    def end(self, error: BaseException | None = None) -> None:
        if self._span is None:
            return
        self._set("routing.latency_ms", round((time.perf_counter() - self._started) * 1000, 3))
        if error is not None:
            from opentelemetry.trace import Status, StatusCode

            self._set("routing.error", type(error).__name__)
            # The class only: an error's message can quote the request.
            self._span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        self._span.end()
        self._span = None


class Tracing:
    def __init__(self, tracer: Tracer | None, provider: Any, prompts: bool) -> None:
        self._tracer = tracer
        self._provider = provider
        self.prompts = prompts

    @property
    def enabled(self) -> bool:
        return self._tracer is not None

    def start(self, door: str) -> RequestSpan:
        if self._tracer is None:
            return RequestSpan(None, False)
        span = self._tracer.start_span("route " + door, attributes={"routing.door": door})
        return RequestSpan(span, self.prompts)

    def flush(self, timeout_s: float = 10.0) -> bool:
        if self._provider is None:
            return True
        return bool(self._provider.force_flush(int(timeout_s * 1000)))

    def shutdown(self) -> None:
        if self._provider is not None:
            self._provider.shutdown()
            self._provider = None
            self._tracer = None


def make_tracing(prompts: bool = False, environ: dict[str, str] | None = None) -> Tracing:
    env = os.environ if environ is None else environ
    if not any(env.get(name) for name in ENDPOINT_VARS):
        return Tracing(None, None, prompts)
    # Imported only when on: the SDK and exporter cost import time nobody else should pay.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    service = env.get("OTEL_SERVICE_NAME") or "routing-mcp"
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return Tracing(provider.get_tracer("routing_mcp"), provider, prompts)
