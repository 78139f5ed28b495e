"""Anthropic Messages over httpx; usage from ``usage``."""

from __future__ import annotations

from typing import Any

import httpx

from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import Completion, HttpProvider, ProviderError, retry_after

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
        body: dict[str, Any] = {
            "model": model.upstream_id,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "messages": [{"role": "user", "content": prompt}],
        }
        if system:
            body["system"] = system
        headers = {"x-api-key": self._key or "", "anthropic-version": VERSION}
        data = await self.post("/v1/messages", body, headers)
        text = "".join(
            b.get("text", "") for b in data.get("content", []) if b.get("type") == "text"
        )
        usage = data.get("usage") or {}
        return Completion(
            text, int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
        )
