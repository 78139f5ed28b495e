"""Gemini ``generateContent`` over httpx; usage from ``usageMetadata``."""

from __future__ import annotations

import re
from typing import Any

import httpx

from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import Completion, HttpProvider, ProviderError, retry_after

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

    def error(self, response: httpx.Response) -> ProviderError:
        return _error(response)

    async def complete(
        self,
        model: ModelSpec,
        prompt: str,
        *,
        system: str | None,
        max_tokens: int,
        temperature: float,
    ) -> Completion:
        config: dict[str, Any] = {"maxOutputTokens": max_tokens, "temperature": temperature}
        if model.thinking_budget is not None:
            config["thinkingConfig"] = {"thinkingBudget": model.thinking_budget}
        body: dict[str, Any] = {
            "contents": [{"role": "user", "parts": [{"text": prompt}]}],
            "generationConfig": config,
        }
        if system:
            body["systemInstruction"] = {"parts": [{"text": system}]}
        path = f"/v1beta/models/{model.upstream_id}:generateContent"
        data = await self.post(path, body, {"x-goog-api-key": self._key or ""})
        candidates = data.get("candidates") or []
        if not candidates:
            reason = (data.get("promptFeedback") or {}).get("blockReason", "no candidates")
            raise ProviderError(NAME, "bad_request", f"no answer: {reason}")
        parts = (candidates[0].get("content") or {}).get("parts") or []
        text = "".join(p.get("text", "") for p in parts if not p.get("thought"))
        usage = data.get("usageMetadata") or {}
        out = int(usage.get("candidatesTokenCount", 0)) + int(usage.get("thoughtsTokenCount", 0))
        return Completion(text, int(usage.get("promptTokenCount", 0)), out)
