"""What every provider returns, and the error classes that decide what the router does next."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
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


Role = Literal["user", "assistant"]
FinishReason = Literal["stop", "length"]


@dataclass(frozen=True)
class Turn:
    """One message of the conversation sent to a model (the system text travels apart)."""

    role: Role
    text: str


@dataclass(frozen=True)
class Completion:
    text: str
    tokens_in: int
    tokens_out: int
    finish: FinishReason = "stop"


@dataclass(frozen=True)
class Chunk:
    """A piece of a streamed answer: text as it arrives, and usage when a provider reports it
    (each provider reports it in its own event; the last value seen wins)."""

    text: str = ""
    tokens_in: int | None = None
    tokens_out: int | None = None
    finish: FinishReason | None = None


@dataclass(frozen=True)
class Params:
    """Generation settings every provider maps to its own names."""

    max_tokens: int
    temperature: float
    stop: tuple[str, ...] = ()


class Provider(Protocol):
    name: str

    async def complete(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> Completion: ...

    def stream(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> AsyncIterator[Chunk]:
        """Chunks as the provider sends them; a ProviderError before or during the stream."""
        ...

    async def check(self, limit_s: float) -> None:
        """A free request that proves the provider is reachable and takes the key (a model
        listing); ProviderError of kind timeout/transient (unreachable) or auth (refused)."""
        ...

    async def aclose(self) -> None: ...


def as_turns(prompt: str) -> list[Turn]:
    return [Turn("user", prompt)]


def role_messages(turns: Sequence[Turn], system: str | None) -> list[dict[str, str]]:
    """The OpenAI/Ollama message list: an optional system message, then the turns."""
    messages = [{"role": "system", "content": system}] if system else []
    messages += [{"role": t.role, "content": t.text} for t in turns]
    return messages


class HttpProvider:
    """A provider spoken to over HTTP with one pooled client: post JSON, map failures."""

    name = "http"
    models_path = "models"  # the provider's model listing, relative to its base URL

    def __init__(
        self,
        client: httpx.AsyncClient,
        api_key: str | None,
        stream_client: httpx.AsyncClient | None = None,
    ) -> None:
        self._client = client
        self._key = api_key
        # Streams may go through a client of their own (runtime.py gives them aiohttp's parser).
        self._stream_client = stream_client or client
        # What a stream's request keeps from one call to the next (its URL, the headers, the
        # client's timeouts), built by the client once per path and headers: per model.
        self._templates: dict[tuple[str, tuple[tuple[str, str], ...]], _Template] = {}

    def error(self, response: httpx.Response) -> ProviderError:
        raise NotImplementedError

    def _headers(self) -> dict[str, str]:
        raise NotImplementedError

    async def check(self, limit_s: float) -> None:
        try:
            response = await self._client.get(
                self.models_path, headers=self._headers(), timeout=limit_s
            )
        except httpx.HTTPError as err:
            raise transport_error(self.name, err) from err
        if response.is_success:
            return
        error = self.error(response)
        # Only a refused key counts: a proxy without a model listing (404), a rate limit or an
        # overloaded answer still shows the provider is there and took the key.
        if error.kind == "auth":
            raise error

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

    def _stream_request(
        self, path: str, body: dict[str, Any], headers: dict[str, str]
    ) -> httpx.Request:
        """The POST of a stream: the client builds the first one for a path and headers (its
        base URL, default headers and timeouts applied as always); later ones reuse what it
        built and only encode the body (as httpx encodes ``json=``)."""
        key = (path, tuple(headers.items()))
        template = self._templates.get(key)
        if template is None:
            # Uncompressed: a stream's events are small and must not wait in a compressor.
            extra = {**headers, "accept-encoding": "identity", "content-type": "application/json"}
            built = self._stream_client.build_request("POST", path, headers=extra)
            fixed = httpx.Headers(
                [(k, v) for k, v in built.headers.raw if k.lower() != b"content-length"]
            )
            template = self._templates[key] = _Template(built.url, fixed, built.extensions)
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return httpx.Request(
            "POST",
            template.url,
            headers=template.headers,
            content=content.encode(),
            extensions=dict(template.extensions),
        )

    @asynccontextmanager
    async def open_stream(
        self, path: str, body: dict[str, Any], headers: dict[str, str]
    ) -> AsyncIterator[httpx.Response]:
        """A streamed POST whose status was checked (an error status raises before any chunk)."""
        try:
            request = self._stream_request(path, body, headers)
            response = await self._stream_client.send(request, stream=True)
            try:
                if not response.is_success:
                    await response.aread()
                    raise self.error(response)
                yield response
            finally:
                await response.aclose()
        except httpx.HTTPError as err:
            raise transport_error(self.name, err) from err

    async def aclose(self) -> None:
        await self._client.aclose()
        if self._stream_client is not self._client:
            await self._stream_client.aclose()


@dataclass(frozen=True)
class _Template:
    url: httpx.URL
    headers: httpx.Headers
    extensions: dict[str, Any]


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
