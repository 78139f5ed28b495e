"""Anthropic Messages over httpx; usage from ``usage``."""

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
)
from routing_mcp.providers.sse import SseEvent, sse_chunks, sse_json

NAME = "anthropic"
VERSION = "2023-06-01"


def _error(response: httpx.Response) -> ProviderError:
    try:
        error: dict[str, Any] = response.json().get("error", {})
    except ValueError:
        error = {}
    kind = str(error.get("type", ""))
    message = str(error.get("message", response.text[:200]))
    code = response.status_code
    lowered = message.lower()
    if "spend limit" in lowered or "credit balance" in lowered or "spend_limit" in lowered:
        return ProviderError(NAME, "exhausted", message)
    if code == 529 or kind == "overloaded_error":
        return ProviderError(NAME, "overloaded", message)
    if code == 429 or kind == "rate_limit_error":
        return ProviderError(NAME, "rate_limited", message, retry_after=retry_after(response))
    if code in (401, 403) or kind in ("authentication_error", "permission_error"):
        return ProviderError(NAME, "auth", f"{message} (check ANTHROPIC_API_KEY)")
    if code in (400, 404, 413) or kind in ("invalid_request_error", "not_found_error"):
        return ProviderError(NAME, "bad_request", message)
    return ProviderError(NAME, "transient", f"HTTP {code}: {message}")


class AnthropicProvider(HttpProvider):
    name = NAME
    models_path = "/v1/models"

    def error(self, response: httpx.Response) -> ProviderError:
        return _error(response)

    def _body(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": model.upstream_id,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "messages": [{"role": t.role, "content": t.text} for t in turns],
        }
        if params.stop:
            body["stop_sequences"] = list(params.stop)
        if system:
            body["system"] = system
        return body

    def _headers(self) -> dict[str, str]:
        return {"x-api-key": self._key or "", "anthropic-version": VERSION}

    async def complete(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> Completion:
        data = await self.post(
            "/v1/messages", self._body(model, turns, system, params), self._headers()
        )
        text = "".join(
            b.get("text", "") for b in data.get("content", []) if b.get("type") == "text"
        )
        usage = data.get("usage") or {}
        return Completion(
            text,
            int(usage.get("input_tokens", 0)),
            int(usage.get("output_tokens", 0)),
            _finish(data.get("stop_reason")),
        )

    def stream(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> AsyncIterator[Chunk]:
        """Messages SSE: ``message_start`` holds the input tokens, ``content_block_delta`` the
        text, ``message_delta`` the running output tokens and stop reason, ``error`` a failure."""
        body = {**self._body(model, turns, system, params), "stream": True}
        return sse_chunks(self.open_stream("/v1/messages", body, self._headers()), _event)


def _event(event: SseEvent) -> Chunk | None:
    if event.event in ("ping", "content_block_start", "content_block_stop"):
        return None
    data = sse_json(NAME, event)
    kind = data.get("type", event.event)
    if kind == "error":
        raise _stream_error(data.get("error") or {})
    if kind == "message_start":
        usage = (data.get("message") or {}).get("usage") or {}
        return Chunk(
            tokens_in=int(usage.get("input_tokens", 0)),
            tokens_out=int(usage.get("output_tokens", 0)),
        )
    if kind == "content_block_delta":
        delta = data.get("delta") or {}
        return Chunk(delta.get("text", "")) if delta.get("type") == "text_delta" else None
    if kind == "message_delta":
        usage = data.get("usage") or {}
        reason = (data.get("delta") or {}).get("stop_reason")
        out = usage.get("output_tokens")
        return Chunk(
            tokens_out=None if out is None else int(out),
            finish=_finish(reason) if reason else None,
        )
    return None


def _finish(reason: str | None) -> FinishReason:
    return "length" if reason == "max_tokens" else "stop"


def _stream_error(error: dict[str, Any]) -> ProviderError:
    """An ``error`` event after the 200 (e.g. ``overloaded_error`` mid-stream)."""
    kind = str(error.get("type", ""))
    message = str(error.get("message", kind or "stream error"))
    if kind == "overloaded_error":
        return ProviderError(NAME, "overloaded", message)
    if kind == "rate_limit_error":
        return ProviderError(NAME, "rate_limited", message)
    return ProviderError(NAME, "transient", f"{kind}: {message}")
