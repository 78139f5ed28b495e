"""Ollama, Gemini, Anthropic and an OpenAI-compatible server on loopback, in their real wire
shapes, streaming included: Ollama's NDJSON lines, Gemini's ``streamGenerateContent?alt=sse``,
Anthropic's Messages SSE events and OpenAI's ``chat.completion.chunk`` events.

One Starlette app serves all four (each under its own path, as the real APIs are), in a uvicorn
thread. A test scripts what the next requests get (``Fakes.plan``) and reads what each provider
received (``Fakes.bodies``). The model listings (``GET /v1/models``, ``/v1beta/models``,
``/api/tags``) check the key in each provider's own header (``Fakes.keys``) and refuse a wrong one
with that provider's real error body; their requests are counted in ``Fakes.listings``.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.harness.live import live_server
from tests.routing.payloads import (
    ANTHROPIC_BAD_KEY,
    GEMINI_BAD_KEY,
    OPENAI_BAD_KEY,
    anthropic_models,
    anthropic_ok,
    gemini_models,
    gemini_ok,
    ollama_chat,
    ollama_tags,
    openai_models,
    openai_ok,
)

# What a request gets: ("ok",), ("status", code, body) before any byte of an answer, or
# ("break", n) for a stream that sends n text chunks and then the provider's own error event.
Plan = tuple[Any, ...]
OK: Plan = ("ok",)
WORDS = ["The ", "router ", "streams ", "every ", "token ", "as ", "it ", "arrives."]
ANSWER = "".join(WORDS)
TEXT_BLOCK = {"type": "text", "text": ""}
KEYS = {
    "gemini": "gemini-test-key-0123456789",
    "anthropic": "sk-ant-test-0123456789",
    "openai": "sk-openai-test-0123456789",
}


@dataclass
class Fakes:
    url: str = ""
    plans: dict[str, list[Plan]] = field(default_factory=lambda: defaultdict(list))
    bodies: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    chunk_delay: float = 0.0  # between streamed chunks (the provider's own pace)
    words: list[str] = field(default_factory=lambda: list(WORDS))  # the OpenAI fake's stream
    fill_to_max_tokens: bool = False  # the OpenAI fake streams max_tokens chunks (bench)
    answer_delay: float = 0.0  # before answering (keeps concurrent calls in flight)
    keys: dict[str, str] = field(default_factory=lambda: dict(KEYS))  # the keys accepted
    listings: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def plan(self, provider: str, *plans: Plan) -> None:
        with self.lock:
            self.plans[provider].extend(plans)

    def _next(self, provider: str, body: dict[str, Any]) -> Plan:
        with self.lock:
            self.bodies[provider].append(body)
            queue = self.plans[provider]
            return queue.pop(0) if queue else OK

    def calls(self, provider: str) -> int:
        return len(self.bodies[provider])

    def cloud_texts(self) -> str:
        """Everything the cloud providers were sent, as one string (for PII assertions)."""
        return json.dumps([self.bodies[p] for p in ("gemini", "anthropic", "openai")])

    def cloud_calls(self) -> int:
        return sum(self.calls(p) for p in ("gemini", "anthropic", "openai"))


def _sse(data: Any, event: str | None = None) -> bytes:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data)}\n\n".encode()


async def _paced(fakes: Fakes, parts: list[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        if fakes.chunk_delay:
            await asyncio.sleep(fakes.chunk_delay)  # the model's pace, not synchronisation
        yield part


def _words(broken: int | None) -> list[str]:
    return WORDS if broken is None else WORDS[:broken]


def _ollama_stream(model: str, broken: int | None) -> list[bytes]:
    lines = [
        {
            "model": model,
            "created_at": "2026-11-26T10:00:00.000000Z",
            "message": {"role": "assistant", "content": w},
            "done": False,
        }
        for w in _words(broken)
    ]
    if broken is not None:
        lines.append({"error": "an error was encountered while running the model"})
    else:
        final = ollama_chat("", model, tin=26, tout=len(WORDS))
        lines.append(final)
    return [(json.dumps(line) + "\n").encode() for line in lines]


def _gemini_stream(broken: int | None) -> list[bytes]:
    events = []
    for i, word in enumerate(_words(broken)):
        event = gemini_ok(word, tin=12, tout=i + 1)
        del event["candidates"][0]["finishReason"]
        events.append(_sse(event))
    if broken is not None:
        error = {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}
        events.append(_sse({"error": error}))
    else:
        events.append(_sse(gemini_ok("", tin=12, tout=len(WORDS))))
    return events


def _anthropic_stream(model: str, broken: int | None) -> list[bytes]:
    start = anthropic_ok("", model, tin=15, tout=1)
    start["content"], start["stop_reason"] = [], None
    events = [
        _sse({"type": "message_start", "message": start}, "message_start"),
        _sse(
            {"type": "content_block_start", "index": 0, "content_block": TEXT_BLOCK},
            "content_block_start",
        ),
        _sse({"type": "ping"}, "ping"),
    ]
    for word in _words(broken):
        text = {"type": "text_delta", "text": word}
        delta = {"type": "content_block_delta", "index": 0, "delta": text}
        events.append(_sse(delta, "content_block_delta"))
    if broken is not None:
        error = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
        return [*events, _sse(error, "error")]
    return [
        *events,
        _sse({"type": "content_block_stop", "index": 0}, "content_block_stop"),
        _sse(
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": len(WORDS)},
            },
            "message_delta",
        ),
        _sse({"type": "message_stop"}, "message_stop"),
    ]


def _openai_stream(
    model: str, broken: int | None, include_usage: bool, words: list[str]
) -> list[bytes]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 1764150000,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    events = [_sse(chunk({"role": "assistant", "content": ""}))]
    events += [_sse(chunk({"content": w})) for w in (words if broken is None else words[:broken])]
    if broken is not None:
        return [*events, _sse({"error": {"message": "upstream died", "type": "server_error"}})]
    events.append(_sse(chunk({}, "stop")))
    if include_usage:
        last = {**chunk({}), "choices": []}
        last["usage"] = {
            "prompt_tokens": 20,
            "completion_tokens": len(words),
            "total_tokens": 20 + len(words),
        }
        events.append(_sse(last))
    return [*events, b"data: [DONE]\n\n"]


REFUSALS = {"anthropic": ANTHROPIC_BAD_KEY, "gemini": GEMINI_BAD_KEY, "openai": OPENAI_BAD_KEY}


def make_app(fakes: Fakes) -> Starlette:
    async def answer(provider: str, request: Request) -> tuple[Plan, dict[str, Any]] | Response:
        body = json.loads(await request.body())
        plan = fakes._next(provider, body)
        if fakes.answer_delay:
            await asyncio.sleep(fakes.answer_delay)  # think time: keeps many calls in flight
        if plan[0] == "status":
            return JSONResponse(plan[2], status_code=plan[1])
        return plan, body

    def broken(plan: Plan) -> int | None:
        return plan[1] if plan[0] == "break" else None

    async def tags(_request: Request) -> Response:
        fakes.listings["ollama"] += 1
        return JSONResponse(ollama_tags("qwen2.5:3b", "llama3.2:3b"))

    def listing(provider: str, key: str | None, body: dict[str, Any]) -> Response:
        with fakes.lock:
            fakes.listings[provider] += 1
        if key != fakes.keys[provider]:
            refusal = REFUSALS[provider]
            return JSONResponse(refusal.json(), status_code=refusal.status_code)
        return JSONResponse(body)

    async def v1_listing(request: Request) -> Response:
        """Anthropic's and OpenAI's listings share ``/v1/models`` here (one host for all):
        Anthropic requires its ``anthropic-version`` header, which tells them apart."""
        if "anthropic-version" not in request.headers:
            return await openai_listing(request)
        models = anthropic_models("claude-opus-4-1-20250805", "claude-haiku-4-5-20251001")
        return listing("anthropic", request.headers.get("x-api-key"), models)

    async def gemini_listing(request: Request) -> Response:
        models = gemini_models("gemini-2.5-flash", "gemini-2.5-pro")
        return listing("gemini", request.headers.get("x-goog-api-key"), models)

    async def openai_listing(request: Request) -> Response:
        key = request.headers.get("authorization", "").removeprefix("Bearer ")
        return listing("openai", key, openai_models("llama-3.1-8b-instruct"))

    async def ollama(request: Request) -> Response:
        got = await answer("ollama", request)
        if isinstance(got, Response):
            return got
        plan, body = got
        if body.get("stream") is False:
            return JSONResponse(ollama_chat(ANSWER, body["model"], tout=len(WORDS)))
        parts = _ollama_stream(body["model"], broken(plan))
        return StreamingResponse(_paced(fakes, parts), media_type="application/x-ndjson")

    async def gemini(request: Request) -> Response:
        got = await answer("gemini", request)
        if isinstance(got, Response):
            return got
        plan, _body = got
        if ":streamGenerateContent" not in request.url.path:
            return JSONResponse(gemini_ok(ANSWER, tout=len(WORDS)))
        parts = _gemini_stream(broken(plan))
        return StreamingResponse(_paced(fakes, parts), media_type="text/event-stream")

    async def anthropic(request: Request) -> Response:
        got = await answer("anthropic", request)
        if isinstance(got, Response):
            return got
        plan, body = got
        if not body.get("stream"):
            return JSONResponse(anthropic_ok(ANSWER, body["model"], tout=len(WORDS)))
        parts = _anthropic_stream(body["model"], broken(plan))
        return StreamingResponse(_paced(fakes, parts), media_type="text/event-stream")

    async def openai(request: Request) -> Response:
        got = await answer("openai", request)
        if isinstance(got, Response):
            return got
        plan, body = got
        if not body.get("stream"):
            return JSONResponse(openai_ok(ANSWER, tout=len(WORDS)))
        usage = bool((body.get("stream_options") or {}).get("include_usage"))
        words = fakes.words
        if fakes.fill_to_max_tokens:
            words = [f"w{i} " for i in range(int(body.get("max_tokens") or len(words)))]
        parts = _openai_stream(body["model"], broken(plan), usage, words)
        return StreamingResponse(_paced(fakes, parts), media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/api/tags", tags, methods=["GET"]),
            Route("/v1beta/models", gemini_listing, methods=["GET"]),
            Route("/v1/models", v1_listing, methods=["GET"]),
            Route("/api/chat", ollama, methods=["POST"]),
            Route("/v1beta/models/{rest:path}", gemini, methods=["POST"]),
            Route("/v1/messages", anthropic, methods=["POST"]),
            Route("/v1/chat/completions", openai, methods=["POST"]),
        ]
    )


@contextmanager
def fake_providers() -> Iterator[Fakes]:
    fakes = Fakes()
    with live_server(make_app(fakes), ready_path="/api/tags") as url:
        fakes.url = url
        yield fakes


def provider_env(fakes: Fakes) -> dict[str, str]:
    """The routing settings that point every provider at the fakes."""
    return {
        "OLLAMA_HOST": fakes.url,
        "GEMINI_API_KEY": KEYS["gemini"],
        "GEMINI_BASE_URL": fakes.url,
        "ANTHROPIC_API_KEY": KEYS["anthropic"],
        "ANTHROPIC_BASE_URL": fakes.url,
        "OPENAI_BASE_URL": fakes.url + "/v1",
        "OPENAI_API_KEY": KEYS["openai"],
    }
