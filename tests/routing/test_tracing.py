"""Every routed request, through either door, is one OTLP span at a receiver on loopback: the
decision's attributes are there, the prompt text is not (unless the operator opts in)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from fastmcp import Client

from routing_mcp.pii import PiiScanner
from tests.routing.fake_providers import ANSWER, WORDS, Fakes
from tests.routing.openai_harness import GENERAL, SIMPLE, TOKEN, Served, serve_router
from tests.routing.otlp_receiver import Received, otlp_receiver
from tests.routing.test_openai_routing import GEMINI_OVERLOADED

pytestmark = pytest.mark.timeout(90)
EMAIL = "jane.doe@gmail.com"
PII_PROMPT = f"Write a short overview of solar panels for {EMAIL}."


@pytest.fixture
def receiver() -> Iterator[Received]:
    with otlp_receiver() as running:
        yield running


@pytest.fixture
def traced(
    fakes: Fakes,
    scanner: PiiScanner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    receiver: Received,
) -> Any:
    """Start the router with its traces sent to the receiver."""

    def start(**overrides: Any) -> Any:
        env = {"OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url}
        return serve_router(fakes, scanner, monkeypatch, tmp_path / "state", env, **overrides)

    return start


def wait_for_spans(served: Served, receiver: Received, count: int) -> list[dict[str, Any]]:
    served.rt.router.tracing.flush()
    deadline = time.monotonic() + 10
    while len(receiver.spans) < count:
        assert time.monotonic() < deadline, f"only {len(receiver.spans)} spans arrived"
        time.sleep(0.02)
    return receiver.spans


async def test_each_routed_request_is_one_span_with_the_decision_and_no_text(
    traced: Any, fakes: Fakes, receiver: Received
) -> None:
    fakes.plan("gemini", ("status", 503, GEMINI_OVERLOADED))
    with traced() as served:
        client = served.client()
        client.chat.completions.create(
            model="homelab-auto", messages=[{"role": "user", "content": GENERAL}]
        )
        stream = client.chat.completions.create(
            model="homelab-auto", messages=[{"role": "user", "content": PII_PROMPT}], stream=True
        )
        assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == ANSWER
        async with Client(served.url + "/mcp", auth=TOKEN) as mcp:
            await mcp.call_tool("ask", {"prompt": SIMPLE})
            await mcp.call_tool("route", {"prompt": GENERAL})
        spans = wait_for_spans(served, receiver, 4)

    assert len(spans) == 4
    assert {s["service"] for s in spans} == {"routing-mcp"}
    [fell_back, personal] = receiver.by_door("http")
    assert fell_back["attributes"] | {"routing.latency_ms": 0} == {
        "routing.door": "http",
        "routing.task_class": "general",
        "routing.classified_by": "rules",
        "routing.pii.found": False,
        "routing.pii.types": [],
        "routing.pii.local_only": False,
        "routing.candidates": ["gemini-flash"],
        "routing.model": "claude-haiku",
        "gen_ai.response.model": "claude-haiku",
        "gen_ai.system": "anthropic",
        "routing.fallbacks": ["gemini-flash"],
        "routing.fallback_reasons": ["failed: overloaded: The model is overloaded."],
        "gen_ai.usage.input_tokens": 15,
        "gen_ai.usage.output_tokens": len(WORDS),
        "routing.cost_usd": round((15 * 1.0 + len(WORDS) * 5.0) / 1e6, 8),
        "routing.latency_ms": 0,
    }
    assert fell_back["attributes"]["routing.latency_ms"] > 0
    streamed = personal["attributes"]
    assert (streamed["routing.model"], streamed["routing.pii.types"]) == (
        "local-qwen",
        ["EMAIL_ADDRESS"],
    )
    assert streamed["routing.pii.local_only"] is True
    assert streamed["gen_ai.usage.output_tokens"] == len(WORDS)
    assert streamed["routing.cost_usd"] == 0.0
    [asked] = receiver.by_door("mcp.ask")
    assert (asked["attributes"]["routing.model"], asked["attributes"]["routing.task_class"]) == (
        "local-qwen",
        "simple_qa",
    )
    [routed] = receiver.by_door("mcp.route")
    assert routed["attributes"]["routing.model"] == "gemini-flash"
    assert "gen_ai.usage.input_tokens" not in routed["attributes"]  # a decision, no call
    sent = b"".join(receiver.raw)
    for text in (GENERAL, PII_PROMPT, EMAIL, SIMPLE, ANSWER, "jane.doe"):
        assert text.encode() not in sent


async def test_prompt_text_only_when_the_operator_opts_in(traced: Any, receiver: Received) -> None:
    with traced(trace_prompts=True) as served:
        stream = served.client().chat.completions.create(
            model="homelab-auto", messages=[{"role": "user", "content": GENERAL}], stream=True
        )
        for _ in stream:
            pass
        [span] = wait_for_spans(served, receiver, 1)
    assert span["attributes"]["gen_ai.prompt"] == GENERAL
    assert span["attributes"]["gen_ai.completion"] == ANSWER


async def test_a_refused_request_is_a_span_with_an_error_status(
    traced: Any, receiver: Received, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEMINI_FLASH_DAILY_LIMIT", "0")
    monkeypatch.setenv("GEMINI_PRO_DAILY_LIMIT", "0")
    monkeypatch.setenv("LOCAL_QWEN_DAILY_LIMIT", "0")
    with traced() as served:
        with pytest.raises(openai.RateLimitError):
            served.client().chat.completions.create(
                model="gemini-flash", messages=[{"role": "user", "content": GENERAL}]
            )
        [span] = wait_for_spans(served, receiver, 1)
    assert span["status"] == 2  # STATUS_CODE_ERROR
    assert span["attributes"]["routing.error"] == "NoAnswer"
    assert span["attributes"]["routing.fallbacks"] == ["gemini-flash", "gemini-pro", "local-qwen"]
    assert "routing.model" not in span["attributes"]
