"""The one HTTP client a server owns: timeouts, bounded retries, TLS options, error mapping.

``UpstreamHTTP`` wraps an ``httpx.AsyncClient``; every failure leaves it as an
:class:`~homelab_shared.errors.UpstreamError` that says what to check.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import ssl
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from homelab_shared import __version__
from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    BadResponse,
    Forbidden,
    NotFound,
    RateLimited,
    Unreachable,
    UpstreamError,
    UpstreamServerError,
    UpstreamTimeout,
    in_cause_chain,
    was_reset,
)
from homelab_shared.paths import check_path, segment
from homelab_shared.redact import scrub

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_STATUS = frozenset({429, 502, 503, 504})
USER_AGENT = f"homelab-mcp/{__version__}"


@dataclass
class HttpOptions:
    base_url: str
    service: str
    auth_hint: str = "check the credentials"
    url_hint: str = "check the URL"
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    timeout: float = 10.0
    connect_timeout: float = 5.0
    verify_ssl: bool = True
    ca_bundle: Path | None = None
    retries: int = 2
    backoff: float = 0.3
    max_retry_after: float = 30.0
    user_agent: str = USER_AGENT


@cache
def ssl_context(verify: bool, ca_bundle: Path | None) -> ssl.SSLContext:
    """One context per TLS setting for the whole process: each context holds its own parsed copy
    of the CA bundle (about 1.2 MiB), and httpx would build one per client (a gateway has a
    dozen). A context is safe to share between clients and threads."""
    if ca_bundle is not None:
        return ssl.create_default_context(cafile=str(ca_bundle))
    return httpx.create_ssl_context(verify=verify)  # as httpx does: certifi or SSL_CERT_FILE


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _json_message(response: httpx.Response) -> str | None:
    """The human message of a JSON error body (``message``, ``error``, ``error.message``...)."""
    if "json" not in response.headers.get("content-type", ""):
        return None
    try:
        data = response.json()
    except ValueError:
        return None
    if isinstance(data, list) and data and isinstance(data[0], dict):
        data = data[0]  # e.g. the *arr apps: [{"propertyName": ..., "errorMessage": ...}]
    if not isinstance(data, dict):
        return None
    for key in ("message", "errorMessage", "error", "detail", "title"):
        value = data.get(key)
        if isinstance(value, dict):
            value = value.get("message")
        if isinstance(value, str) and value.strip():
            return value
    return None


def _body_detail(response: httpx.Response, limit: int = 200) -> str:
    text = (_json_message(response) or response.text).strip().replace("\n", " ")
    if len(text) > limit:
        text = text[:limit] + "…"
    return scrub(text)


def status_error(opts: HttpOptions, response: httpx.Response) -> UpstreamError:
    """Map a non-2xx response to the error class of its cause."""
    status = response.status_code
    where = f"HTTP {status} on {response.request.method} {response.request.url.path}"
    if status == 401:
        return AuthFailed(opts.service, where, hint=opts.auth_hint)
    if status == 403:
        return Forbidden(opts.service, where, hint=opts.auth_hint)
    if status == 404:
        return NotFound(opts.service, where)
    if status == 429:
        return RateLimited(opts.service, where, retry_after=retry_after_seconds(response))
    if 400 <= status < 500:
        detail = _body_detail(response)
        return BadRequest(opts.service, f"{where}: {detail}" if detail else where)
    return UpstreamServerError(opts.service, f"{where}: {_body_detail(response)}")


def transport_error(opts: HttpOptions, err: httpx.HTTPError) -> UpstreamError:
    if isinstance(err, httpx.TimeoutException):
        return UpstreamTimeout(
            opts.service, type(err).__name__, hint="it may be overloaded; try again"
        )
    reason = scrub(str(err)) or type(err).__name__
    if in_cause_chain(err, ConnectionRefusedError):  # httpx only says "all attempts failed"
        reason = "connection refused"
    if "CERTIFICATE_VERIFY_FAILED" in reason:
        return Unreachable(
            opts.service,
            "TLS certificate not trusted",
            hint="set its CA_BUNDLE variable to your CA, or VERIFY_SSL=false",
        )
    if "WRONG_VERSION_NUMBER" in reason or "record layer failure" in reason:
        return Unreachable(  # an https:// URL pointed at a plain-HTTP port
            opts.service,
            "no TLS on that port",
            hint=f"{opts.url_hint}: use http:// if the upstream does not serve HTTPS there",
        )
    return Unreachable(opts.service, reason, hint=f"{opts.url_hint} and that it is running")


def _transient(err: httpx.HTTPError) -> bool:
    """A failure after the connection opened that a retry of an idempotent call can outlive."""
    if isinstance(err, httpx.TimeoutException | httpx.RemoteProtocolError):
        return True
    return isinstance(err, httpx.ReadError | httpx.WriteError) and was_reset(err)


class UpstreamHTTP:
    """One pooled async HTTP client for one upstream, created and closed by the server lifespan."""

    def __init__(
        self, opts: HttpOptions, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.opts = opts
        self.client = httpx.AsyncClient(
            base_url=opts.base_url,
            headers={"User-Agent": opts.user_agent, "Accept": "application/json", **opts.headers},
            params=opts.params,
            timeout=httpx.Timeout(opts.timeout, connect=opts.connect_timeout),
            verify=ssl_context(opts.verify_ssl, opts.ca_bundle),
            transport=transport,
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    def segment(self, value: str, what: str = "identifier") -> str:
        """``value`` encoded as one path segment, e.g. ``f"/api/states/{http.segment(id)}"``."""
        return segment(value, service=self.opts.service, what=what)

    async def request(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool | None = None,
        accept: Collection[int] = (),
        **kwargs: Any,
    ) -> httpx.Response:
        """Send a request; retry idempotent ones on transient failures; raise UpstreamError.

        ``accept``: error statuses that carry an answer the caller reads itself (the *arr apps'
        ``testall`` lists every result with 400 when one fails).

        A path that could reach another endpoint (``..``, encoded slashes, a host) is refused
        with :class:`~homelab_shared.paths.UnsafePath` before anything is sent.
        """
        check_path(path, service=self.opts.service)
        method = method.upper()
        retryable = method in IDEMPOTENT if idempotent is None else idempotent
        attempt = 0
        while True:
            try:
                response = await self.client.request(method, path, **kwargs)
            except httpx.ConnectError as err:
                # Nothing was sent, so any method may be retried, but only a reset can go
                # differently next time: a refused connection or an unknown host fails again.
                if was_reset(err) and attempt < self.opts.retries:
                    attempt += 1
                    await self._sleep(attempt, None)
                    continue
                raise transport_error(self.opts, err) from err
            except httpx.HTTPError as err:
                if retryable and _transient(err) and attempt < self.opts.retries:
                    attempt += 1
                    await self._sleep(attempt, None)
                    continue
                raise transport_error(self.opts, err) from err
            if response.is_success or response.status_code in accept:
                return response
            if retryable and response.status_code in RETRY_STATUS and attempt < self.opts.retries:
                wait = retry_after_seconds(response)
                if wait is None or wait <= self.opts.max_retry_after:
                    attempt += 1
                    await self._sleep(attempt, wait)
                    continue
            raise status_error(self.opts, response)

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self.request(method, path, **kwargs)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as err:
            raise BadResponse(
                self.opts.service, f"expected JSON from {path}, got {_body_detail(response, 80)!r}"
            ) from err

    async def get_json(self, path: str, **kwargs: Any) -> Any:
        return await self.json("GET", path, **kwargs)

    async def _sleep(self, attempt: int, retry_after: float | None) -> None:
        if retry_after is not None:
            await asyncio.sleep(retry_after)
            return
        base = self.opts.backoff * (2 ** (attempt - 1))
        await asyncio.sleep(base * (0.5 + random.random() / 2))
