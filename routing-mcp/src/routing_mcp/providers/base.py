"""What every provider returns, and the error classes that decide what the router does next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

import httpx

from homelab_shared.redact import scrub
from routing_mcp.policy import ModelSpec

ErrorKind = Literal[
    "transient",
    "timeout",
    "rate_limited",
    "exhausted",
    "overloaded",
    "auth",
    "model_missing",
    "bad_request",
]

# What the router does with each kind (documented here, enforced in router.py):
#   transient     -> retry the same model with backoff (within the deadline), then fall back
#   timeout       -> no retry: cool the model down (ROUTING_TIMEOUT_COOLDOWN), fall back
#   rate_limited  -> cool the model down for retry-after, fall back
#   exhausted     -> skip the model until its window resets, fall back
#   overloaded    -> fall back at once
#   auth          -> disable every model behind that key (the provider), alert, fall back
#   model_missing -> disable this one model (e.g. not pulled in Ollama), alert, fall back
#   bad_request   -> no fallback: the request itself is wrong; report it


class ProviderError(Exception):
    def __init__(
        self, provider: str, kind: ErrorKind, detail: str, retry_after: float | None = None
    ) -> None:
        self.provider = provider
        self.kind = kind
        self.detail = scrub(detail)[:300]
        self.retry_after = retry_after
        super().__init__(f"{provider}: {kind}: {self.detail}")


@dataclass(frozen=True)
class Completion:
    text: str
    tokens_in: int
    tokens_out: int


class Provider(Protocol):
    name: str

    async def complete(
        self,
        model: ModelSpec,
        prompt: str,
        *,
        system: str | None,
        max_tokens: int,
        temperature: float,
    ) -> Completion: ...

    async def aclose(self) -> None: ...


class HttpProvider:
    """A provider spoken to over HTTP with one pooled client: post JSON, map failures."""

    name = "http"

    def __init__(self, client: httpx.AsyncClient, api_key: str | None) -> None:
        self._client = client
        self._key = api_key

    def error(self, response: httpx.Response) -> ProviderError:
        raise NotImplementedError

    async def post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
        try:
            response = await self._client.post(path, json=body, headers=headers)
        except httpx.HTTPError as err:
            raise transport_error(self.name, err) from err
        if not response.is_success:
            raise self.error(response)
        try:
            return response.json()
        except ValueError as err:
            raise ProviderError(self.name, "transient", "the answer was not JSON") from err

    async def aclose(self) -> None:
        await self._client.aclose()


def transport_error(provider: str, err: httpx.HTTPError) -> ProviderError:
    if isinstance(err, httpx.TimeoutException):
        return ProviderError(provider, "timeout", f"timed out ({type(err).__name__})")
    return ProviderError(provider, "transient", f"cannot connect ({type(err).__name__})")


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return float(value) if value else None
    except ValueError:
        return None
