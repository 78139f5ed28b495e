"""Gemini ``generateContent`` over httpx; usage from ``usageMetadata``."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx

from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import (
    Chunk,
    Completion,
    ErrorKind,
    FinishReason,
    HttpProvider,
    Params,
    ProviderError,
    Turn,
    retry_after,
)
from routing_mcp.providers.sse import SseEvent, sse_chunks, sse_json

NAME = "gemini"


def _error(response: httpx.Response) -> ProviderError:
    try:
        body: dict[str, Any] = response.json().get("error", {})
    except ValueError:
        body = {}
    status = str(body.get("status", ""))
    message = str(body.get("message", response.text[:200]))
    details = body.get("details", []) or []
    reasons = {d.get("reason", "") for d in details if isinstance(d, dict)}
    code = response.status_code
    if code == 429 or status == "RESOURCE_EXHAUSTED":
        quota_ids = [
            v.get("quotaId", "")
            for d in details
            if isinstance(d, dict)
            for v in d.get("violations", []) or []
        ]
        if any("PerDay" in q for q in quota_ids):
            return ProviderError(NAME, "exhausted", f"daily quota exhausted: {message}")
        delay = next(
            (d.get("retryDelay") for d in details if isinstance(d, dict) and d.get("retryDelay")),
            None,
        )
        seconds = float(re.sub(r"[^0-9.]", "", delay)) if delay else retry_after(response)
        return ProviderError(NAME, "rate_limited", message, retry_after=seconds)
    if code in (401, 403) or "API_KEY_INVALID" in reasons or status == "PERMISSION_DENIED":
        return ProviderError(NAME, "auth", f"{message} (check GEMINI_API_KEY)")
    if code in (400, 404, 413):
        return ProviderError(NAME, "bad_request", message)
    if code in (503, 504) or status == "UNAVAILABLE":
        return ProviderError(NAME, "overloaded", message)
    return ProviderError(NAME, "transient", f"HTTP {code}: {message}")


class GeminiProvider(HttpProvider):
    name = NAME
    models_path = "/v1beta/models"

    def error(self, response: httpx.Response) -> ProviderError:
        return _error(response)

    def _body(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> dict[str, Any]:
        config: dict[str, Any] = {
            "maxOutputTokens": params.max_tokens,
            "temperature": params.temperature,
        }
        if params.stop:
            config["stopSequences"] = list(params.stop)
        if model.thinking_budget is not None:
            config["thinkingConfig"] = {"thinkingBudget": model.thinking_budget}
        body: dict[str, Any] = {
            "contents": [
                {"role": "model" if t.role == "assistant" else "user", "parts": [{"text": t.text}]}
                for t in turns
            ],
            "generationConfig": config,
        }
        if system:
            body["systemInstruction"] = {"parts": [{"text": system}]}
        return body

    async def complete(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> Completion:
        path = f"/v1beta/models/{model.upstream_id}:generateContent"
        data = await self.post(path, self._body(model, turns, system, params), self._headers())
        chunk = _chunk(data)
        if not (data.get("candidates") or []):
            reason = (data.get("promptFeedback") or {}).get("blockReason", "no candidates")
            raise ProviderError(NAME, "bad_request", f"no answer: {reason}")
        return Completion(
            chunk.text, chunk.tokens_in or 0, chunk.tokens_out or 0, chunk.finish or "stop"
        )

    def stream(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> AsyncIterator[Chunk]:
        """``streamGenerateContent?alt=sse``: each event a GenerateContentResponse whose
        ``usageMetadata`` is the running total."""
        path = f"/v1beta/models/{model.upstream_id}:streamGenerateContent?alt=sse"
        body = self._body(model, turns, system, params)
        return sse_chunks(self.open_stream(path, body, self._headers()), _event)

    def _headers(self) -> dict[str, str]:
        return {"x-goog-api-key": self._key or ""}


def _event(event: SseEvent) -> Chunk:
    data = sse_json(NAME, event)
    if "error" in data:
        raise _body_error(data["error"])
    return _chunk(data)


def _chunk(data: dict[str, Any]) -> Chunk:
    """The text (thoughts left out), usage and finish reason of one response or stream event."""
    candidates = data.get("candidates") or []
    first = candidates[0] if candidates else {}
    parts = (first.get("content") or {}).get("parts") or []
    text = "".join(p.get("text", "") for p in parts if not p.get("thought"))
    usage = data.get("usageMetadata")
    reason = first.get("finishReason")
    finish: FinishReason | None = None
    if reason:
        finish = "length" if reason == "MAX_TOKENS" else "stop"
    if not usage:
        return Chunk(text, finish=finish)
    out = int(usage.get("candidatesTokenCount", 0)) + int(usage.get("thoughtsTokenCount", 0))
    return Chunk(text, int(usage.get("promptTokenCount", 0)), out, finish)


def _body_error(error: Any) -> ProviderError:
    """An error sent inside the stream, after the 200 (Gemini's error object)."""
    message = str(error.get("message", error)) if isinstance(error, dict) else str(error)
    status = str(error.get("status", "")) if isinstance(error, dict) else ""
    kind: ErrorKind = (
        "overloaded" if status in ("UNAVAILABLE", "RESOURCE_EXHAUSTED") else "transient"
    )
    return ProviderError(NAME, kind, message)
