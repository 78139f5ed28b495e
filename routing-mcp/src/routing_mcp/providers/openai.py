"""OpenAI-compatible chat completions (LiteLLM proxy, llama.cpp server, vLLM) over httpx."""

from __future__ import annotations

from typing import Any

import httpx

from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import Completion, HttpProvider, ProviderError, retry_after

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

    async def complete(
        self,
        model: ModelSpec,
        prompt: str,
        *,
        system: str | None,
        max_tokens: int,
        temperature: float,
    ) -> Completion:
        messages = [{"role": "system", "content": system}] if system else []
        messages.append({"role": "user", "content": prompt})
        body = {
            "model": model.upstream_id,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        headers = {"Authorization": f"Bearer {self._key}"} if self._key else {}
        data = await self.post("chat/completions", body, headers)
        choices = data.get("choices") or []
        text = ((choices[0].get("message") or {}).get("content") or "") if choices else ""
        usage = data.get("usage") or {}
        return Completion(
            text, int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
        )
