"""One persistent WebSocket to an upstream, shared by every server that speaks a socket protocol.

What is generic lives here: opening the connection (TLS verify / CA bundle, a size limit per
message), bounded retries with backoff while opening, a reader task that dispatches every incoming
message, requests correlated by id, failing the requests in flight when the socket drops
(:class:`ConnectionLost`), reconnecting in the background with exponential backoff while the
protocol wants a connection (live subscriptions), and mapping connection failures to the shared
error hierarchy. A protocol (Home Assistant's ``auth``/``result`` messages, TrueNAS's JSON-RPC 2.0)
subclasses :class:`PersistentWebSocket` and supplies the handshake, the framing of a request, and
what to do with messages that answer no request (events).

Knows nothing of MCP.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import ssl
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from homelab_shared.errors import (
    AuthFailed,
    Forbidden,
    Unreachable,
    UpstreamError,
    UpstreamTimeout,
    was_reset,
)
from homelab_shared.redact import scrub

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

# The websockets library (~25 modules with python_socks) is imported where a connection is
# opened or used, so a server that has not connected yet (start-up, before the warm-up) does not
# load it: the functions below import what they catch; after the first connection that is a
# dictionary lookup.

log = logging.getLogger("homelab.websocket")

DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024  # registries / dataset lists of a large install run to MBs


class ConnectionLost(Exception):
    """The socket closed while a request was in flight."""


RETRY_UPGRADE_STATUS = frozenset({502, 503, 504})  # a proxy whose upstream is restarting


def _retryable_open(err: Unreachable) -> bool:
    """Whether opening again can succeed: a reset, a cut handshake or a proxy's 502/503/504."""
    from websockets.exceptions import InvalidStatus, WebSocketException

    cause = err.__cause__
    if isinstance(cause, InvalidStatus):
        return cause.response.status_code in RETRY_UPGRADE_STATUS
    if isinstance(cause, WebSocketException):
        return True  # the upgrade was cut off mid-way (EOF, a garbled reply): a reset in effect
    return cause is not None and was_reset(cause)


async def _close_quietly(conn: ClientConnection) -> None:
    """Close a connection; one that is already broken or gone is closed enough."""
    from websockets.exceptions import WebSocketException

    with contextlib.suppress(WebSocketException, OSError):
        await conn.close()


def ws_url(base_url: str, path: str) -> str:
    """``http(s)://host[:port][/prefix]`` (or ``ws(s)://``) + ``path`` as a ws(s) URL."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + path, "", ""))


def ssl_for(url: str, verify: bool, ca_bundle: str | None) -> ssl.SSLContext | None:
    if not url.startswith("wss:"):
        return None
    if ca_bundle:
        return ssl.create_default_context(cafile=ca_bundle)
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


@dataclass(frozen=True)
class SocketOptions:
    """How to reach the upstream and how patient to be; ``*_hint`` name the variables to check."""

    url: str
    service: str  # "Home Assistant", "TrueNAS": the subject of every error message
    verify_ssl: bool = True
    ca_bundle: str | None = None
    open_timeout: float = 5.0
    request_timeout: float = 10.0
    attempts: int = 3  # tries to open a connection before giving up
    backoff: float = 0.25
    reconnect_max: float = 30.0
    max_message: int = DEFAULT_MAX_MESSAGE
    url_hint: str = "check the URL"
    tls_hint: str = "set the CA bundle variable to your CA, or disable TLS verification"
    timeout_hint: str = "it may be busy; try again or raise the timeout"


class PersistentWebSocket(ABC):
    """A reconnecting, authenticated socket with id-correlated requests (see module doc)."""

    def __init__(self, options: SocketOptions, *, on_connect: Callable[[], None] | None = None):
        self.options = options
        self.url = options.url
        self.service = options.service
        self._ssl = ssl_for(options.url, options.verify_ssl, options.ca_bundle)
        self.on_connect = on_connect  # e.g. forget caches after an upstream restart
        self.connects = 0  # successful (re)connections, for tests and diagnostics
        self._conn: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._reconnector: asyncio.Task[None] | None = None
        self._pending: dict[Any, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._lock = asyncio.Lock()
        self._closed = False

    # --- what a protocol supplies --------------------------------------------------------------

    @abstractmethod
    async def handshake(self, conn: ClientConnection) -> None:
        """Authenticate a fresh connection; raise an UpstreamError (AuthFailed...) on refusal."""

    @abstractmethod
    def frame(self, msg_id: int, message: dict[str, Any]) -> dict[str, Any]:
        """The wire form of ``message`` sent as request ``msg_id``."""

    @abstractmethod
    def reply_id(self, message: dict[str, Any]) -> Any:
        """The request id ``message`` answers, or None when it answers none (an event)."""

    def on_event(self, message: dict[str, Any]) -> None:  # noqa: B027 - optional hook
        """A message that answers no request (subscription event, notification)."""

    def wants_connection(self) -> bool:
        """Reconnect in the background after a drop (e.g. while subscriptions are live)."""
        return False

    def on_lost(self) -> None:  # noqa: B027 - optional hook
        """The connection dropped (requests in flight have failed already)."""

    async def after_connect(self) -> None:  # noqa: B027 - optional hook
        """Runs after every (re)connection, outside the connection lock (re-subscribe here)."""

    # --- requests -----------------------------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    async def request(
        self,
        message: dict[str, Any],
        within: float | None = None,
        *,
        on_id: Callable[[int], None] | None = None,
    ) -> dict[str, Any]:
        """Send one request and return the message that answers it.

        ``on_id`` learns the request's id before it is sent (a subscription registers itself
        there: its events may follow the answer at once). The id is taken only once the
        connection is there, right before sending: some upstreams (Home Assistant) close the
        socket when ids do not increase in the order they arrive.

        Raises :class:`ConnectionLost` when the socket closes before the answer, UpstreamTimeout
        after ``within`` (default ``request_timeout``) seconds.
        """
        from websockets.exceptions import ConnectionClosed

        conn = await self.connection()
        msg_id = self.next_id()
        if on_id is not None:
            on_id(msg_id)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = future
        try:
            try:
                await conn.send(json.dumps(self.frame(msg_id, message)))
            except ConnectionClosed as err:
                raise ConnectionLost() from err
            wait = within or self.options.request_timeout
            try:
                return await asyncio.wait_for(future, wait)
            except TimeoutError as err:
                what = message.get("type") or message.get("method") or "the request"
                raise UpstreamTimeout(
                    self.service,
                    f"no answer to {what} within {wait:g} s",
                    hint=self.options.timeout_hint,
                ) from err
        finally:
            self._pending.pop(msg_id, None)

    def lost(self, what: str) -> Unreachable:
        """The error for a request whose socket closed (raise it ``from`` the ConnectionLost)."""
        return Unreachable(
            self.service,
            f"the WebSocket closed during {what}",
            hint=f"{self.options.url_hint} and that {self.service} is running",
        )

    # --- connection ---------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._conn is not None

    async def connection(self, attempts: int | None = None) -> ClientConnection:
        async with self._lock:
            if self._conn is not None:
                return self._conn
            if self._closed:
                raise Unreachable(self.service, "the client is closed")
            conn = await self._open_with_retries(attempts or self.options.attempts)
            if self._closed:  # closed while this opened: leave no connection and no reader
                await _close_quietly(conn)
                raise Unreachable(self.service, "the client is closed")
            self._conn = conn
            self.connects += 1
            if self.on_connect is not None:
                self.on_connect()
            self._reader = asyncio.create_task(self._read(conn), name=f"{self.service} reader")
        await self.after_connect()
        return conn

    async def drop(self) -> None:
        """Close the current connection but stay usable: it reopens on the next request (and at
        once, with backoff, while :meth:`wants_connection`)."""
        if self._conn is not None:
            await _close_quietly(self._conn)

    async def aclose(self) -> None:
        self._closed = True
        for task in (self._reconnector, self._reader):
            if task is not None and not task.done():
                task.cancel()
        conn, self._conn = self._conn, None
        if conn is not None:
            await _close_quietly(conn)
        for task in (self._reconnector, self._reader):
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    async def _open_with_retries(self, tries: int) -> ClientConnection:
        """Open, retrying only what can go differently next time (a timeout or a reset).

        A refused connection (the upstream is stopped) or an unknown host fails at once, so the
        caller hears "is it running?" within milliseconds instead of after the whole backoff.
        """
        for attempt in range(1, tries):
            try:
                return await self._open()
            except UpstreamTimeout:
                pass
            except Unreachable as err:
                if not _retryable_open(err):
                    raise
            await asyncio.sleep(self.options.backoff * 2 ** (attempt - 1))
        return await self._open()

    async def _open(self) -> ClientConnection:
        from websockets.asyncio.client import connect
        from websockets.exceptions import InvalidStatus, WebSocketException

        opts = self.options
        unreachable = f"{opts.url_hint} and that {self.service} is running"
        try:
            conn = await connect(
                self.url,
                ssl=self._ssl,
                open_timeout=opts.open_timeout,
                max_size=opts.max_message,
                close_timeout=2,
                user_agent_header="homelab-mcp",
            )
        except ssl.SSLCertVerificationError as err:
            raise Unreachable(
                self.service, "TLS certificate not trusted", hint=opts.tls_hint
            ) from err
        except InvalidStatus as err:
            raise self.handshake_refused(err.response.status_code) from err
        except TimeoutError as err:
            raise UpstreamTimeout(self.service, "opening the WebSocket", hint=unreachable) from err
        except (OSError, WebSocketException) as err:
            reason = scrub(str(err)) or type(err).__name__
            raise Unreachable(self.service, reason, hint=unreachable) from err
        try:
            await self.handshake(conn)
        except BaseException:
            await conn.close()
            raise
        return conn

    def handshake_refused(self, status: int) -> UpstreamError:
        """The HTTP upgrade was answered with ``status`` instead of 101."""
        path = urlsplit(self.url).path or "/"
        return Unreachable(
            self.service,
            f"WebSocket handshake refused with HTTP {status} at {path}",
            hint=f"{self.options.url_hint}; a reverse proxy must pass WebSocket upgrades",
        )

    async def _read(self, conn: ClientConnection) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in conn:
                data = json.loads(raw)
                for message in data if isinstance(data, list) else [data]:
                    if isinstance(message, dict):
                        self._dispatch(message)
        except (ConnectionClosed, ValueError) as err:
            log.info("%s WebSocket closed: %s", self.service, type(err).__name__)
        finally:
            self._connection_lost(conn)

    def _dispatch(self, message: dict[str, Any]) -> None:
        msg_id = self.reply_id(message)
        if msg_id is None:
            self.on_event(message)
            return
        future = self._pending.get(msg_id)
        if future is not None and not future.done():
            future.set_result(message)

    def _connection_lost(self, conn: ClientConnection) -> None:
        if self._conn is conn:
            self._conn = None
        for future in self._pending.values():
            if not future.done():
                future.set_exception(ConnectionLost())
        self.on_lost()
        idle = self._reconnector is None or self._reconnector.done()
        if self.wants_connection() and not self._closed and idle:
            self._reconnector = asyncio.create_task(self._reconnect(), name="ws-reconnect")

    async def _reconnect(self) -> None:
        """Keep trying (exponential backoff up to ``reconnect_max``) while wanted.

        The first attempt waits too: right after a drop the upstream may still be stopping, and a
        connection opened then would hold its shutdown up.
        """
        delay = self.options.backoff
        while self.wants_connection() and not self._closed and self._conn is None:
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.options.reconnect_max)
            try:
                await self.connection(attempts=1)
                return
            except (AuthFailed, Forbidden) as err:  # retrying a refused credential never helps
                log.warning("reconnect to %s stopped: %s", self.service, err)
                return
            except UpstreamError as err:
                log.info("reconnect to %s failed (%s); next in %.1f s", self.service, err, delay)
