"""Home Assistant's WebSocket protocol on the shared persistent socket. Knows nothing of MCP.

The shared :class:`~homelab_shared.websocket.PersistentWebSocket` owns the connection, the reader,
id correlation and reconnects. This module adds Home Assistant's part: the ``auth`` handshake,
``{"id", "type", ...}`` commands answered by ``result`` messages, and subscriptions. When the
connection drops, pending commands fail (read commands are retried once on a fresh connection), and
if subscriptions are active the socket reconnects with backoff and subscribes them again.
Subscribers see a ``connection_lost`` marker at the drop and a ``reconnected`` one when events flow
again (so they can re-read what they missed), or ``subscription_failed`` if subscribing again
failed: never silence that looks like no change.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Self

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
from homelab_shared.websocket import (
    ConnectionLost,
    PersistentWebSocket,
    SocketOptions,
    ws_url,
)

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

log = logging.getLogger("home_assistant_mcp.websocket")

SERVICE = "Home Assistant"
RECONNECTED = {"type": "reconnected"}
# Markers a subscriber sees when its events stop: the socket dropped (a RECONNECTED follows if it
# comes back), or subscribing again after a reconnect failed (no events will ever come).
LOST = {"type": "connection_lost"}
UNSUBSCRIBED = {"type": "subscription_failed"}

__all__ = [
    "LOST",
    "RECONNECTED",
    "SERVICE",
    "UNSUBSCRIBED",
    "ConnectionLost",
    "HAWebSocket",
    "Subscription",
]


def websocket_url(base_url: str) -> str:
    return ws_url(base_url, "/api/websocket")


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

    def deliver(self, event: dict[str, Any]) -> None:
        """An event or marker arrived (in the socket's reader task: must not block or raise).

        Queued for :meth:`next`; a subscriber that keeps state overrides this to apply each
        event the moment it is read, in order with the markers."""
        self.queue.put_nowait(event)


class HAWebSocket(PersistentWebSocket):
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
        super().__init__(
            SocketOptions(
                url=websocket_url(base_url),
                service=SERVICE,
                verify_ssl=verify_ssl,
                ca_bundle=ca_bundle,
                open_timeout=open_timeout,
                request_timeout=request_timeout,
                attempts=attempts,
                backoff=backoff,
                reconnect_max=reconnect_max,
                url_hint=url_hint,
                tls_hint="set HA_CA_BUNDLE to your CA, or HA_VERIFY_SSL=false",
                timeout_hint="it may be busy; try again or raise HA_TIMEOUT",
            ),
            on_connect=on_connect,
        )
        self._token = token
        self.hints = {
            "auth": auth_hint,
            "url": url_hint,
            "admin": "the user of HA_TOKEN must be an administrator for this",
        }
        self.ha_version: str | None = None
        self._subs: dict[int, Subscription] = {}

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
                reply = await self.request({"type": type_, **payload}, within)
            except ConnectionLost as err:
                if retry and attempt == 1:
                    continue
                raise self.lost(type_) from err
            if not reply.get("success", False):
                raise result_error(type_, reply.get("error") or {}, self.hints)
            return reply.get("result")
        raise AssertionError("unreachable")

    def subscription(self, type_: str, **payload: Any) -> Subscription:
        return Subscription(self, {"type": type_, **payload})

    async def subscribe(self, sub: Subscription) -> None:
        await self.connection()
        await self._send_subscribe(sub)

    async def unsubscribe(self, sub: Subscription) -> None:
        if sub.id is None:
            return
        self._subs.pop(sub.id, None)
        sub_id, sub.id = sub.id, None
        if self.connected and not self._closed:
            with contextlib.suppress(UpstreamError, ConnectionLost, TimeoutError):
                await self.request({"type": "unsubscribe_events", "subscription": sub_id}, 2.0)

    # --- protocol -----------------------------------------------------------------------------

    def frame(self, msg_id: int, message: dict[str, Any]) -> dict[str, Any]:
        return {**message, "id": msg_id}

    def reply_id(self, message: dict[str, Any]) -> Any:
        msg_id = message.get("id")
        if not isinstance(msg_id, int) or message.get("type") == "event":
            return None
        return msg_id

    def on_event(self, message: dict[str, Any]) -> None:
        sub = self._subs.get(message.get("id"))  # type: ignore[arg-type]
        if sub is not None and message.get("type") == "event":
            sub.deliver(message.get("event") or {})

    def wants_connection(self) -> bool:
        return bool(self._subs)

    def on_lost(self) -> None:
        for sub in list(self._subs.values()):
            sub.deliver(dict(LOST))

    async def handshake(self, conn: ClientConnection) -> None:
        from websockets.exceptions import ConnectionClosed  # imported with the first connection

        try:
            hello = json.loads(await asyncio.wait_for(conn.recv(), self.options.open_timeout))
            await conn.send(json.dumps({"type": "auth", "access_token": self._token}))
            reply = json.loads(await asyncio.wait_for(conn.recv(), self.options.open_timeout))
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

    async def after_connect(self) -> None:
        stale = list(self._subs.items())
        for sub_id, sub in stale:
            self._subs.pop(sub_id, None)
            sub.id = None
            try:
                await self._send_subscribe(sub)
            except (UpstreamError, ConnectionLost, TimeoutError):
                log.warning("could not subscribe again to %s", sub.message.get("type"))
                sub.deliver(dict(UNSUBSCRIBED))
                continue
            sub.deliver(dict(RECONNECTED))

    async def _send_subscribe(self, sub: Subscription) -> None:
        def register(msg_id: int) -> None:
            self._subs[msg_id] = sub  # before sending: events may follow the result immediately
            sub.id = msg_id

        try:
            reply = await self.request(sub.message, None, on_id=register)
        except BaseException:
            self._forget(sub)
            raise
        if not reply.get("success", False):
            self._forget(sub)
            raise result_error(str(sub.message.get("type")), reply.get("error") or {}, self.hints)

    def _forget(self, sub: Subscription) -> None:
        if sub.id is not None:
            self._subs.pop(sub.id, None)
        sub.id = None
