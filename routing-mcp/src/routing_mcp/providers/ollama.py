"""Ollama through the official ``ollama`` client (httpx underneath). Connection refused = down.

The health probe (``GET /api/tags``, run by the start-up warm-up and readiness) goes over a plain
httpx client instead: the ``ollama`` library costs about 7 MiB and 250 ms CPU to import, and a
gateway that is never asked for a local model need not load it. The probe reaches the same
address the library does: :func:`base_url` parses ``OLLAMA_HOST`` as the library's own
``_parse_host`` does (tests compare the two on its examples).
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx

from homelab_shared.http import HttpOptions, UpstreamHTTP
from routing_mcp.policy import ModelSpec
from routing_mcp.providers.base import (
    Chunk,
    Completion,
    FinishReason,
    Params,
    ProviderError,
    Turn,
    role_messages,
)

if TYPE_CHECKING:
    import ollama

NAME = "ollama"
HEALTH_TTL = 10.0
DEFAULT_PORT = 11434


def base_url(host: str | None) -> str:
    """``OLLAMA_HOST`` as the ``ollama`` client reads it: a scheme is optional (``http`` then),
    the port defaults to 11434 without a scheme and to the scheme's own with one, an IPv6 host
    keeps its brackets, and a path is kept without its slashes."""
    host, port = host or "", DEFAULT_PORT
    scheme, _, hostport = host.partition("://")
    if not hostport:
        scheme, hostport = "http", host
    elif scheme == "http":
        port = 80
    elif scheme == "https":
        port = 443
    split = urllib.parse.urlsplit(f"{scheme}://{hostport}")
    name = split.hostname or "127.0.0.1"
    port = split.port or port
    try:
        if isinstance(ipaddress.ip_address(name), ipaddress.IPv6Address):
            name = f"[{name}]"  # urlsplit drops the brackets
    except ValueError:
        pass
    if path := split.path.strip("/"):
        return f"{scheme}://{name}:{port}/{path}"
    return f"{scheme}://{name}:{port}"


def probe_headers() -> dict[str, str]:
    """The key the ``ollama`` client sends (``OLLAMA_API_KEY``, for an Ollama behind a proxy)."""
    key = os.environ.get("OLLAMA_API_KEY")
    return {"Authorization": f"Bearer {key}"} if key else {}


class OllamaProvider:
    name = NAME

    def __init__(self, host: str, read_timeout: float, connect_timeout: float = 5.0) -> None:
        self._host = host
        self._timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
        self._made: ollama.AsyncClient | None = None
        # The health probe is a small listing: a hung Ollama must not cost a read timeout here.
        self._probe_timeout = connect_timeout
        self._probe_client: httpx.AsyncClient | None = None
        self._models: set[str] = set()
        self._checked = 0.0
        self._up = False

    @property
    def _client(self) -> ollama.AsyncClient:
        """Made by the first request or health probe: the ollama library (its API models) is
        not imported at start-up."""
        if self._made is None:
            import ollama

            self._made = ollama.AsyncClient(host=self._host, timeout=self._timeout)
        return self._made

    @property
    def _probe(self) -> httpx.AsyncClient:
        """Made by the first probe (after start-up): a TLS context loads its CA bundle."""
        if self._probe_client is None:
            options = HttpOptions(
                base_url=base_url(self._host),
                service="Ollama",
                headers=probe_headers(),
                timeout=self._probe_timeout,
                connect_timeout=self._probe_timeout,
            )
            self._probe_client = UpstreamHTTP(options).client
        return self._probe_client

    async def complete(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> Completion:
        with self._mapped(model):
            response = await self._client.chat(
                model=model.upstream_id,
                messages=role_messages(turns, system),
                options=_options(params),
            )
        return Completion(
            response.message.content or "",
            int(response.prompt_eval_count or 0),
            int(response.eval_count or 0),
            _finish(response.done_reason),
        )

    async def stream(
        self, model: ModelSpec, turns: Sequence[Turn], system: str | None, params: Params
    ) -> AsyncIterator[Chunk]:
        """NDJSON lines as Ollama writes them; the last (``done``) one carries the counts."""
        with self._mapped(model):
            parts = await self._client.chat(
                model=model.upstream_id,
                messages=role_messages(turns, system),
                options=_options(params),
                stream=True,
            )
            async for part in parts:
                if not part.done:
                    yield Chunk(part.message.content or "")
                    continue
                yield Chunk(
                    part.message.content or "",
                    int(part.prompt_eval_count or 0),
                    int(part.eval_count or 0),
                    _finish(part.done_reason),
                )

    @contextmanager
    def _mapped(self, model: ModelSpec) -> Iterator[None]:
        """Ollama's and httpx's failures as the router's error classes (refused = down)."""
        import ollama

        try:
            yield
        except ollama.ResponseError as err:
            if err.status_code == 404:
                raise ProviderError(
                    NAME,
                    "model_missing",
                    f"model {model.upstream_id} is not pulled: ollama pull it",
                ) from err
            kind = "bad_request" if err.status_code == 400 else "overloaded"
            raise ProviderError(NAME, kind, str(err.error)) from err
        except httpx.TimeoutException as err:
            raise ProviderError(NAME, "timeout", f"timed out ({type(err).__name__})") from err
        except (httpx.HTTPError, ConnectionError) as err:
            self._up = False
            raise ProviderError(
                NAME, "overloaded", f"Ollama is down ({type(err).__name__})"
            ) from err

    async def available(self, upstream_id: str) -> bool:
        """Is Ollama up with this model pulled (cached for a few seconds)."""
        if time.monotonic() - self._checked > HEALTH_TTL:
            await self._list(self._probe_timeout)
        return self._up and (upstream_id in self._models or f"{upstream_id}:latest" in self._models)

    async def check(self, limit_s: float) -> None:
        """``/api/tags`` answers (refreshing what ``available`` knows); no key to refuse."""
        await self._list(limit_s)
        if not self._up:
            raise ProviderError(
                NAME, "transient", "cannot connect: Ollama is down (check OLLAMA_HOST)"
            )

    async def _list(self, limit_s: float) -> None:
        self._checked = time.monotonic()
        try:
            response = await asyncio.wait_for(
                self._probe.get("/api/tags", follow_redirects=True), limit_s
            )
        except (httpx.HTTPError, ConnectionError, TimeoutError):
            self._up, self._models = False, set()
            return
        self._up = True  # it answered; an error status or an odd body lists nothing
        self._models = _tags(response) if response.is_success else set()

    async def aclose(self) -> None:
        if self._probe_client is not None:
            await self._probe_client.aclose()
        if self._made is not None:
            await self._made.close()


def _tags(response: httpx.Response) -> set[str]:
    """The pulled models' names in an ``/api/tags`` answer (``{"models": [{"model": ...}]}``)."""
    try:
        listed = response.json().get("models")
    except (ValueError, AttributeError):
        return set()
    if not isinstance(listed, list):
        return set()
    return {
        m["model"]
        for m in listed
        if isinstance(m, dict) and isinstance(m.get("model"), str) and m["model"]
    }


def _options(params: Params) -> dict[str, Any]:
    options: dict[str, Any] = {"temperature": params.temperature, "num_predict": params.max_tokens}
    if params.stop:
        options["stop"] = list(params.stop)
    return options


def _finish(reason: str | None) -> FinishReason:
    return "length" if reason == "length" else "stop"
