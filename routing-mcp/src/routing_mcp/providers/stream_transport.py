"""An httpx transport that reads provider streams with aiohttp's HTTP parser.

A streamed answer is thousands of tiny chunked-encoding pieces (one SSE event per token). httpx
parses them with h11 in pure Python and hands each one up through four async-generator layers:
about 15 µs per token on this project's 2-core reference machine, most of the router's cost per
streamed token (bench/routing_openai.py). aiohttp (already installed with the Kubernetes client)
decodes the chunked body in C and returns everything that has arrived in one piece, so a
stream costs per network read instead of per token.

Only the transport changes: requests are still built by httpx, responses are ``httpx.Response``
objects, and failures are raised as the httpx exceptions the providers already map
(``ConnectError``, ``ConnectTimeout``, ``ReadTimeout``, ``ReadError``,
``RemoteProtocolError``). Timeouts come from the request (connect and read, as httpx would use
them), TLS from the same shared ``ssl.SSLContext``. Proxies stay httpx's business: the client
mounts its own proxy transport for every origin the environment proxies (``HTTP(S)_PROXY``,
``NO_PROXY``), so what reaches this transport goes direct, and aiohttp does not look at the
environment again (with ``trust_env`` it would, per request, in two worker threads: the proxy
variables and ``~/.netrc``, whose credentials httpx never sends). aiohttp is imported on the
first stream, so a router that never streams never loads it.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import aiohttp

# Set by aiohttp from the body and the URL; copying httpx's values would send them twice.
_OWN_HEADERS = frozenset({"host", "content-length", "transfer-encoding", "connection"})


class _Body(httpx.AsyncByteStream):
    """The response body as it arrives: each piece is whatever one network read decoded."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        try:
            while data := await content.readany():
                yield data
        except Exception as err:
            raise _httpx_error(err, reading=True) from err

    async def aclose(self) -> None:
        # A body read to its end goes back to the pool; one abandoned half-way (a client that
        # left) is closed so its connection is never reused mid-answer.
        if self._response.content.at_eof():
            self._response.release()
        else:
            self._response.close()


def _httpx_error(err: Exception, *, reading: bool) -> Exception:
    import aiohttp

    if isinstance(err, httpx.HTTPError):
        return err
    if isinstance(err, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(str(err) or "connect timed out")
    if isinstance(err, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
        return httpx.ReadTimeout(str(err) or "read timed out")
    if isinstance(err, aiohttp.ClientConnectorError):
        return httpx.ConnectError(str(err))
    if isinstance(err, (aiohttp.ClientPayloadError, aiohttp.ServerDisconnectedError)):
        return httpx.RemoteProtocolError(str(err) or type(err).__name__)
    if isinstance(err, aiohttp.ClientError):
        return (httpx.ReadError if reading else httpx.ConnectError)(str(err) or type(err).__name__)
    return err


class AiohttpStreamTransport(httpx.AsyncBaseTransport):
    """One aiohttp session (connection pool) per transport, opened on the first request."""

    def __init__(self, ssl_context: ssl.SSLContext) -> None:
        self._ssl = ssl_context
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        import aiohttp

        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(ssl=self._ssl)
            # Compressed bodies are left to httpx (it decodes by Content-Encoding as always).
            self._session = aiohttp.ClientSession(
                connector=connector, auto_decompress=False, trust_env=False
            )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import aiohttp

        session = self._open()
        limits: dict[str, Any] = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=limits.get("connect"), sock_read=limits.get("read")
        )
        headers = [(k, v) for k, v in request.headers.multi_items() if k not in _OWN_HEADERS]
        try:
            response = await session.request(
                request.method,
                str(request.url),
                headers=headers,
                data=await request.aread(),
                timeout=timeout,
                allow_redirects=False,
                skip_auto_headers=("Accept-Encoding", "User-Agent", "Content-Type"),
            )
        except Exception as err:
            raise _httpx_error(err, reading=False) from err
        return httpx.Response(
            response.status,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.raw_headers],
            stream=_Body(response),
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
