"""OpenAI-compatible chat completions (LiteLLM proxy, llama.cpp server, vLLM) over httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import (
    Chunk,
    Completion,
    FinishReason,
    HttpProvider,
    Params,
    ProviderError,
    Turn,
    retry_after,
    role_messages,
)
from routing_mcp.providers.sse import EndOfStream, SseEvent, sse_chunks, sse_json

NAME = "openai"


def _error(response: httpx.Response) -> ProviderError:
    try:
        error: dict[str, Any] = response.json().get("error", {}) or {}
    except ValueError:
        error = {}
    if not isinstance(error, dict):
        error = {"message": str(error)}
    message = str(error.get("message", response.text[:200]))
    code = response.status_code
    if code == 429 and error.get("code") == "insufficient_quota":
        return ProviderError(NAME, "exhausted", message)
    if code == 429:
        return ProviderError(NAME, "rate_limited", message, retry_after=retry_after(response))
    if code in (401, 403):
        return ProviderError(NAME, "auth", f"{message} (check OPENAI_API_KEY)")
    if code in (400, 404, 413, 422):
        return ProviderError(NAME, "bad_request", message)
    if code in (502, 503, 504, 529):
        return ProviderError(NAME, "overloaded", message)
    return ProviderError(NAME, "transient", f"HTTP {code}: {message}")


class OpenAIProvider(HttpProvider):
    name = NAME

    def error(self, response: httpx.Response) -> ProviderError:
        return _error(response)

    def _body(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": model.upstream_id,
            "messages": role_messages(turns, system),
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
        }
        if params.stop:
            body["stop"] = list(params.stop)
        return body

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._key}"} if self._key else {}

    async def complete(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> Completion:
        body = self._body(model, turns, system, params)
        data = await self.post("chat/completions", body, self._headers())
        choices = data.get("choices") or []
        first = choices[0] if choices else {}
        text = (first.get("message") or {}).get("content") or ""
        usage = data.get("usage") or {}
        return Completion(
            text,
            int(usage.get("prompt_tokens", 0)),
            int(usage.get("completion_tokens", 0)),
            _finish(first.get("finish_reason")),
        )

    def stream(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> AsyncIterator[Chunk]:
        """``chat.completion.chunk`` events up to ``[DONE]``; usage in the last chunk (asked for
        with ``stream_options.include_usage``), an ``error`` object on a failure mid-stream."""
        body = {
            **self._body(model, turns, system, params),
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        return sse_chunks(self.open_stream("chat/completions", body, self._headers()), _event)


def _event(event: SseEvent) -> Chunk:
    if event.data.strip() == "[DONE]":
        raise EndOfStream
    data = sse_json(NAME, event)
    if data.get("error"):
        error = data["error"]
        message = error.get("message", "") if isinstance(error, dict) else error
        raise ProviderError(NAME, "transient", f"stream error: {message}")
    return _chunk(data)


def _chunk(data: dict[str, Any]) -> Chunk:
    choices = data.get("choices") or []
    first = choices[0] if choices else {}
    text = (first.get("delta") or {}).get("content") or ""
    reason = first.get("finish_reason")
    usage = data.get("usage") or {}
    return Chunk(
        text,
        int(usage["prompt_tokens"]) if "prompt_tokens" in usage else None,
        int(usage["completion_tokens"]) if "completion_tokens" in usage else None,
        _finish(reason) if reason else None,
    )


def _finish(reason: str | None) -> FinishReason:
    return "length" if reason == "length" else "stop"
