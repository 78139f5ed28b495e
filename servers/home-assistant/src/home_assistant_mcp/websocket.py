"""One persistent, authenticated WebSocket to Home Assistant. Knows nothing of MCP.

Commands are correlated by id; a reader task dispatches results and subscription events. When the
connection drops, pending commands fail with :class:`ConnectionLost` (read commands are retried once
on a fresh connection), and if subscriptions are active a background task reconnects with
exponential backoff and subscribes them again. Subscribers see a ``connection_lost`` marker at the
drop and a ``reconnected`` one when events flow again (so they can re-read what they missed), or
``subscription_failed`` if subscribing again failed: never silence that looks like no change.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import ssl
from collections.abc import Callable, Mapping
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    Forbidden,
    NotFound,
    Unreachable,
    UpstreamError,
    UpstreamServerError,
    UpstreamTimeout,
)
from homelab_shared.redact import scrub

log = logging.getLogger("home_assistant_mcp.websocket")

SERVICE = "Home Assistant"
MAX_MESSAGE = 64 * 1024 * 1024  # registries of a large install run to several MB
RECONNECTED = {"type": "reconnected"}
# Markers a subscriber sees when its events stop: the socket dropped (a RECONNECTED follows if it
# comes back), or subscribing again after a reconnect failed (no events will ever come).
LOST = {"type": "connection_lost"}
UNSUBSCRIBED = {"type": "subscription_failed"}


class ConnectionLost(Exception):
    """The socket closed while a command was in flight."""


def websocket_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + "/api/websocket", "", ""))


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


def result_error(command: str, error: Mapping[str, Any], hints: Mapping[str, str]) -> UpstreamError:
    """Map a ``success: false`` result to the error class of its cause."""
    code = str(error.get("code", ""))
    message = scrub(str(error.get("message", "")))[:300] or code
    if code == "unauthorized":
        return Forbidden(SERVICE, f"{command}: {message}", hint=hints["admin"])
    if code == "not_found":
        return NotFound(SERVICE, message)
    if code == "unknown_command":
        return BadRequest(
            SERVICE,
            f"{command} is not a command of this Home Assistant",
            hint="it needs a newer release or the integration that provides it",
        )
    if code == "timeout":
        return UpstreamTimeout(SERVICE, f"{command}: {message}")
    if code in ("unknown_error", "internal_error"):
        return UpstreamServerError(SERVICE, f"{command}: {message}")
    return BadRequest(SERVICE, message)


class Subscription:
    """Events of one ``subscribe_*`` command; survives reconnects (see module doc)."""

    def __init__(self, socket: HAWebSocket, message: dict[str, Any]) -> None:
        self.socket = socket
        self.message = message
        self.id: int | None = None
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def __aenter__(self) -> Self:
        await self.socket.subscribe(self)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.socket.unsubscribe(self)

    async def next(self, within: float) -> dict[str, Any]:
        """The next event (or the ``reconnected`` marker); TimeoutError after ``within`` s."""
        return await asyncio.wait_for(self.queue.get(), within)


class HAWebSocket:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        verify_ssl: bool = True,
        ca_bundle: str | None = None,
        open_timeout: float = 5.0,
        request_timeout: float = 10.0,
        attempts: int = 3,
        backoff: float = 0.25,
        reconnect_max: float = 30.0,
        auth_hint: str = "check HA_TOKEN",
        url_hint: str = "check HA_URL",
        on_connect: Callable[[], None] | None = None,
    ) -> None:
        self.url = websocket_url(base_url)
        self._token = token
        self._ssl = ssl_for(self.url, verify_ssl, ca_bundle)
        self.open_timeout = open_timeout
        self.request_timeout = request_timeout
        self.attempts = attempts
        self.backoff = backoff
        self.reconnect_max = reconnect_max
        self.hints = {
            "auth": auth_hint,
            "url": url_hint,
            "admin": "the user of HA_TOKEN must be an administrator for this",
        }
        self.on_connect = on_connect  # e.g. forget cached registries after a restart
        self.ha_version: str | None = None
        self.connects = 0  # successful (re)connections, for tests and diagnostics
        self._conn: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._reconnector: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._subs: dict[int, Subscription] = {}
        self._ids = itertools.count(1)
        self._lock = asyncio.Lock()
        self._closed = False

    # --- public -------------------------------------------------------------------------------

    @property
    def subscriptions(self) -> int:
        """Active subscriptions (for tests and diagnostics)."""
        return len(self._subs)

    async def command(
        self, type_: str, *, retry: bool = True, within: float | None = None, **payload: Any
    ) -> Any:
        """Send one command and return its ``result``; raise an UpstreamError on failure.

        ``retry`` resends once on a new connection when the socket dropped mid-flight: only for
        commands that are safe to repeat (reads).
        """
        for attempt in (1, 2):
            try:
                reply = await self._request({"type": type_, **payload}, within)
            except ConnectionLost as err:
                if retry and attempt == 1:
                    continue
                raise Unreachable(
                    SERVICE,
                    f"the WebSocket closed during {type_}",
                    hint=f"{self.hints['url']} and that Home Assistant is running",
                ) from err
            if not reply.get("success", False):
                raise result_error(type_, reply.get("error") or {}, self.hints)
            return reply.get("result")
        raise AssertionError("unreachable")

    def subscription(self, type_: str, **payload: Any) -> Subscription:
        return Subscription(self, {"type": type_, **payload})

    async def subscribe(self, sub: Subscription) -> None:
        await self._connection()
        await self._send_subscribe(sub)

    async def unsubscribe(self, sub: Subscription) -> None:
        if sub.id is None:
            return
        self._subs.pop(sub.id, None)
        sub_id, sub.id = sub.id, None
        if self._conn is not None and not self._closed:
            with contextlib.suppress(UpstreamError, ConnectionLost, TimeoutError):
                await self._request({"type": "unsubscribe_events", "subscription": sub_id}, 2.0)

    async def drop(self) -> None:
        """Close the current connection but stay usable: it reopens on the next command (and
        at once with backoff when subscriptions are active). Used when Home Assistant is told to
        stop: an open WebSocket makes it wait 10 s before exiting."""
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(WebSocketException, OSError):
                await conn.close()

    async def aclose(self) -> None:
        self._closed = True
        for task in (self._reconnector, self._reader):
            if task is not None and not task.done():
                task.cancel()
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(WebSocketException, OSError):
                await conn.close()
        for task in (self._reconnector, self._reader):
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    # --- connection ---------------------------------------------------------------------------

    async def _connection(self, attempts: int | None = None) -> ClientConnection:
        async with self._lock:
            if self._conn is not None:
                return self._conn
            if self._closed:
                raise Unreachable(SERVICE, "the client is closed")
            conn = await self._open_with_retries(attempts or self.attempts)
            self._conn = conn
            self.connects += 1
            if self.on_connect is not None:
                self.on_connect()
            self._reader = asyncio.create_task(self._read(conn), name="ha-websocket-reader")
        await self._resubscribe()
        return conn

    async def _open_with_retries(self, tries: int) -> ClientConnection:
        for attempt in range(1, tries):
            try:
                return await self._open()
            except (Unreachable, UpstreamTimeout):
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
        return await self._open()

    async def _open(self) -> ClientConnection:
        unreachable = f"{self.hints['url']} and that Home Assistant is running"
        try:
            conn = await connect(
                self.url,
                ssl=self._ssl,
                open_timeout=self.open_timeout,
                max_size=MAX_MESSAGE,
                close_timeout=2,
                user_agent_header="homelab-mcp",
            )
        except ssl.SSLCertVerificationError as err:
            raise Unreachable(
                SERVICE,
                "TLS certificate not trusted",
                hint="set HA_CA_BUNDLE to your CA, or HA_VERIFY_SSL=false",
            ) from err
        except InvalidStatus as err:
            status = err.response.status_code
            raise Unreachable(
                SERVICE,
                f"WebSocket handshake refused with HTTP {status} at /api/websocket",
                hint=f"{self.hints['url']}; a reverse proxy must pass WebSocket upgrades",
            ) from err
        except TimeoutError as err:
            raise UpstreamTimeout(SERVICE, "opening the WebSocket", hint=unreachable) from err
        except (OSError, WebSocketException) as err:
            reason = scrub(str(err)) or type(err).__name__
            raise Unreachable(SERVICE, reason, hint=unreachable) from err
        try:
            await self._authenticate(conn)
        except BaseException:
            await conn.close()
            raise
        return conn

    async def _authenticate(self, conn: ClientConnection) -> None:
        try:
            hello = json.loads(await asyncio.wait_for(conn.recv(), self.open_timeout))
            await conn.send(json.dumps({"type": "auth", "access_token": self._token}))
            reply = json.loads(await asyncio.wait_for(conn.recv(), self.open_timeout))
        except (ConnectionClosed, TimeoutError) as err:
            raise Unreachable(
                SERVICE, "the WebSocket closed during authentication", hint=self.hints["url"]
            ) from err
        if reply.get("type") == "auth_invalid":
            detail = scrub(str(reply.get("message", "")))
            raise AuthFailed(SERVICE, f"WebSocket: {detail}", hint=self.hints["auth"])
        if reply.get("type") != "auth_ok":
            raise UpstreamServerError(SERVICE, f"unexpected WebSocket reply {reply.get('type')!r}")
        self.ha_version = reply.get("ha_version") or hello.get("ha_version")

    async def _read(self, conn: ClientConnection) -> None:
        try:
            async for raw in conn:
                data = json.loads(raw)
                for message in data if isinstance(data, list) else [data]:
                    self._dispatch(message)
        except (ConnectionClosed, ValueError) as err:
            log.info("Home Assistant WebSocket closed: %s", type(err).__name__)
        finally:
            self._connection_lost(conn)

    def _dispatch(self, message: dict[str, Any]) -> None:
        msg_id = message.get("id")
        if not isinstance(msg_id, int):
            return
        if message.get("type") == "event":
            sub = self._subs.get(msg_id)
            if sub is not None:
                sub.queue.put_nowait(message.get("event") or {})
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
        for sub in self._subs.values():
            sub.queue.put_nowait(dict(LOST))
        idle = self._reconnector is None or self._reconnector.done()
        if self._subs and not self._closed and idle:
            self._reconnector = asyncio.create_task(self._reconnect(), name="ha-reconnect")

    async def _reconnect(self) -> None:
        """Keep trying (exponential backoff up to ``reconnect_max``) while anyone subscribes.

        The first attempt waits too: right after a drop Home Assistant may still be stopping, and
        a connection opened then would hold its shutdown up.
        """
        delay = self.backoff
        while self._subs and not self._closed and self._conn is None:
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.reconnect_max)
            try:
                await self._connection(attempts=1)
                return
            except UpstreamError as err:
                log.info("reconnect to Home Assistant failed (%s); next in %.1f s", err, delay)

    async def _resubscribe(self) -> None:
        stale = [(sub_id, sub) for sub_id, sub in self._subs.items()]
        for sub_id, sub in stale:
            self._subs.pop(sub_id, None)
            sub.id = None
            try:
                await self._send_subscribe(sub)
            except (UpstreamError, ConnectionLost, TimeoutError):
                log.warning("could not subscribe again to %s", sub.message.get("type"))
                sub.queue.put_nowait(dict(UNSUBSCRIBED))
                continue
            sub.queue.put_nowait(dict(RECONNECTED))

    async def _send_subscribe(self, sub: Subscription) -> None:
        msg_id = next(self._ids)
        self._subs[msg_id] = sub  # before sending: events may follow the result immediately
        sub.id = msg_id
        try:
            reply = await self._request(sub.message, None, msg_id=msg_id)
        except BaseException:
            self._subs.pop(msg_id, None)
            sub.id = None
            raise
        if not reply.get("success", False):
            self._subs.pop(msg_id, None)
            sub.id = None
            raise result_error(str(sub.message.get("type")), reply.get("error") or {}, self.hints)

    async def _request(
        self, message: dict[str, Any], within: float | None, *, msg_id: int | None = None
    ) -> dict[str, Any]:
        conn = await self._connection()
        msg_id = msg_id if msg_id is not None else next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = future
        try:
            try:
                await conn.send(json.dumps({**message, "id": msg_id}))
            except ConnectionClosed as err:
                raise ConnectionLost() from err
            wait = within or self.request_timeout
            try:
                return await asyncio.wait_for(future, wait)
            except TimeoutError as err:
                raise UpstreamTimeout(
                    SERVICE,
                    f"no answer to {message.get('type')} within {wait:g} s",
                    hint="it may be busy; try again or raise HA_TIMEOUT",
                ) from err
        finally:
            self._pending.pop(msg_id, None)
