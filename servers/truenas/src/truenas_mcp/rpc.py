"""TrueNAS's JSON-RPC 2.0 protocol on the shared persistent WebSocket. Knows nothing of MCP.

* One socket (``wss://HOST/api/current``), logged in once per connection with the API key
  (``auth.login_ex`` / ``API_KEY_PLAIN`` when a username is configured, else
  ``auth.login_with_api_key``).
* **No login retry loop**: TrueNAS locks an account out after repeated failures, so a rejected key
  is reported once as :class:`AuthFailed` and remembered; later calls raise the same error without
  contacting TrueNAS until the server is restarted with a new key.
* Calls are correlated by id; reads are retried once on a fresh connection when the socket drops.
* Long operations are jobs: the call returns a job id, and ``core.get_jobs`` events (subscribed with
  ``core.subscribe``) report progress until ``SUCCESS``, ``FAILED`` or ``ABORTED``. A waiter also
  polls ``core.get_jobs`` now and then, so a missed event or a reconnect never strands it.
* Servers older than 25.04 are refused with a clear message.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
)
from homelab_shared.redact import scrub
from homelab_shared.websocket import ConnectionLost, PersistentWebSocket, SocketOptions, ws_url

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

SERVICE = "TrueNAS"
SOCKET_PATH = "/api/current"
MINIMUM = (25, 4)
JOB_POLL = 2.0  # seconds between core.get_jobs polls while no event arrives
FINAL_STATES = frozenset({"SUCCESS", "FAILED", "ABORTED"})
JOBS = "core.get_jobs"

Progress = Callable[[float, str], Awaitable[None]]


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def parse_version(text: str) -> tuple[int, ...]:
    """``25.04.1`` / ``TrueNAS-SCALE-24.10.2`` / ``25.10-RC.1`` -> (25, 4, 1) / (24, 10, 2) ..."""
    found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    if not found:
        return ()
    return tuple(int(g) for g in found.groups() if g is not None)


def too_old(version: str) -> Unreachable:
    return Unreachable(
        SERVICE,
        f"TrueNAS {version} is too old for this server",
        hint="TrueNAS 25.04 or newer is required (the JSON-RPC API at /api/current); upgrade "
        "TrueNAS, or use a server built on the REST API, which TrueNAS 26 removes",
    )


def call_error(method: str, error: dict[str, Any]) -> UpstreamError:
    """Map a JSON-RPC ``error`` object to the shared error of its cause (never its trace)."""
    code = error.get("code")
    data = _obj(error.get("data"))
    errname = str(data.get("errname") or "")
    reason = scrub(str(data.get("reason") or error.get("message") or ""))[:400]
    extra = data.get("extra")
    if isinstance(extra, list) and extra:  # validation errors: [[attribute, message, errno]...]
        fields = [f"{e[0]}: {e[1]}" for e in extra if isinstance(e, list | tuple) and len(e) >= 2]
        if fields:
            reason = "; ".join(scrub(f) for f in fields)[:400]
    if code == -32601:
        return BadRequest(
            SERVICE,
            f"{method} is not a method of this TrueNAS",
            hint="it needs a newer TrueNAS release",
        )
    if code == -32602:
        return BadRequest(SERVICE, f"{method}: {reason or 'invalid parameters'}")
    if code == -32000:
        return RateLimited(SERVICE, f"{method}: too many concurrent calls", retry_after=1)
    if errname == "ENOTAUTHENTICATED":
        return AuthFailed(SERVICE, "the session is not authenticated", hint="check TRUENAS_API_KEY")
    if errname == "ENOENT":
        return NotFound(SERVICE, reason or method)
    if errname in ("EPERM", "EACCES"):
        return Forbidden(
            SERVICE, f"{method}: {reason}", hint="the API key's user lacks the role for this"
        )
    if errname in ("EINVAL", "EEXIST", "EBUSY", "ENOTEMPTY", "EFAULT") or code == -32602:
        return BadRequest(SERVICE, f"{method}: {reason}")
    return UpstreamServerError(SERVICE, f"{method}: {reason or errname or code}")


def job_error(method: str, job: dict[str, Any]) -> UpstreamError:
    text = scrub(str(job.get("error") or job.get("exception") or "no reason given"))
    text = text.strip().splitlines()[-1][:400] if text.strip() else "no reason given"
    exc = _obj(job.get("exc_info"))
    if job.get("state") == "ABORTED":
        return UpstreamServerError(SERVICE, f"job {job.get('id')} ({method}) was aborted")
    if exc.get("type") == "ValidationError" or exc.get("errno") in (22, 17):
        return BadRequest(SERVICE, f"job {job.get('id')} ({method}) failed: {text}")
    return UpstreamServerError(SERVICE, f"job {job.get('id')} ({method}) failed: {text}")


@dataclass
class JobWatch:
    """The latest state of one job, and an event set whenever it changes."""

    fields: dict[str, Any] = field(default_factory=dict)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def update(self, fields: dict[str, Any]) -> None:
        self.fields.update(fields)
        self.changed.set()


def socket_options(
    base_url: str,
    *,
    verify_ssl: bool = True,
    ca_bundle: str | None = None,
    request_timeout: float = 10.0,
) -> SocketOptions:
    return SocketOptions(
        url=ws_url(base_url, SOCKET_PATH),
        service=SERVICE,
        verify_ssl=verify_ssl,
        ca_bundle=ca_bundle,
        request_timeout=request_timeout,
        url_hint="check TRUENAS_URL",
        tls_hint="set TRUENAS_CA_BUNDLE to your CA, or TRUENAS_VERIFY_SSL=false",
        timeout_hint="TrueNAS may be busy; try again or raise TRUENAS_TIMEOUT",
    )


class TrueNASSocket(PersistentWebSocket):
    def __init__(self, options: SocketOptions, api_key: str, *, username: str | None = None):
        super().__init__(options)
        self._api_key = api_key
        self._username = username
        self.refused: UpstreamError | None = None  # a rejected key or an unsupported release
        self.version: str | None = None
        self.logins = 0  # login attempts made, for tests and diagnostics
        self._jobs: dict[int, JobWatch] = {}
        self._subscribed = False

    # --- calls --------------------------------------------------------------------------------

    async def call(
        self, method: str, *params: Any, retry: bool = False, within: float | None = None
    ) -> Any:
        """Call ``method`` and return its result. ``retry``: resend once if the socket dropped
        (only for calls that are safe to repeat)."""
        if self.refused is not None:
            raise self.refused
        for attempt in (1, 2):
            try:
                reply = await self.request({"method": method, "params": list(params)}, within)
            except ConnectionLost as err:
                if retry and attempt == 1:
                    continue
                raise self.lost(method) from err
            if "error" in reply:
                raise call_error(method, reply.get("error") or {})
            if "result" not in reply:
                raise BadResponse(SERVICE, f"{method}: a reply without result or error")
            return reply["result"]
        raise AssertionError("unreachable")

    async def run_job(
        self,
        method: str,
        *params: Any,
        progress: Progress | None = None,
        timeout: float = 900.0,  # noqa: ASYNC109 - the job's own deadline, polled
        stop_after: float | None = None,
    ) -> dict[str, Any]:
        """Start a job and follow it to its end; return its final ``core.get_jobs`` entry.

        ``stop_after`` returns the job still running after that many seconds (a scrub runs for
        hours); ``timeout`` is the longest wait before an UpstreamTimeout.
        """
        await self._subscribe_jobs()
        job_id = await self.call(method, *params)
        if not isinstance(job_id, int):
            raise BadResponse(SERVICE, f"{method} did not return a job id")
        watch = self._jobs.setdefault(job_id, JobWatch())
        loop = asyncio.get_running_loop()
        started = loop.time()
        reported: tuple[Any, Any] | None = None
        try:
            while True:
                state = watch.fields.get("state")
                prog = watch.fields.get("progress") or {}
                now = (prog.get("percent"), prog.get("description"))
                if progress is not None and now != reported and now[0] is not None:
                    reported = now
                    await progress(float(now[0]), str(now[1] or state or ""))
                if state in FINAL_STATES:
                    if state != "SUCCESS":
                        raise job_error(method, {"id": job_id, **watch.fields})
                    return {"id": job_id, **watch.fields}
                elapsed = loop.time() - started
                if stop_after is not None and elapsed >= stop_after:
                    return {"id": job_id, **watch.fields}
                if elapsed >= timeout:
                    raise UpstreamTimeout(
                        SERVICE,
                        f"job {job_id} ({method}) still {state or 'running'} after {timeout:g} s",
                        hint="it goes on in TrueNAS; list_jobs shows it, TRUENAS_JOB_TIMEOUT "
                        "waits longer",
                    )
                watch.changed.clear()
                wait = min(JOB_POLL, timeout - elapsed)
                if stop_after is not None:
                    wait = min(wait, max(stop_after - elapsed, 0.01))
                try:
                    await asyncio.wait_for(watch.changed.wait(), wait)
                except TimeoutError:
                    await self._poll_job(job_id, watch)
        finally:
            self._jobs.pop(job_id, None)

    async def _poll_job(self, job_id: int, watch: JobWatch) -> None:
        found = await self.call(JOBS, [["id", "=", job_id]], retry=True)
        if isinstance(found, list) and found and isinstance(found[0], dict):
            watch.update(found[0])

    async def _subscribe_jobs(self) -> None:
        if self._subscribed and self.connected:
            return
        await self.connection()
        if not self._subscribed:  # after_connect may have done it
            await self.call("core.subscribe", JOBS)
            self._subscribed = True

    # --- protocol -----------------------------------------------------------------------------

    def frame(self, msg_id: int, message: dict[str, Any]) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "id": msg_id, **message}

    def reply_id(self, message: dict[str, Any]) -> Any:
        if "method" in message:  # a notification (collection_update)
            return None
        return message.get("id")

    def on_event(self, message: dict[str, Any]) -> None:
        if message.get("method") != "collection_update":
            return
        params = message.get("params")
        if not isinstance(params, dict) or params.get("collection") != JOBS:
            return
        fields = _obj(params.get("fields"))
        job_id = fields.get("id", params.get("id"))
        watch = self._jobs.get(job_id) if isinstance(job_id, int) else None
        if watch is not None:
            watch.update(fields)
        elif isinstance(job_id, int) and len(self._jobs) < 1000:
            # an event may beat the call's reply: keep it for the waiter about to arrive
            self._jobs[job_id] = JobWatch(dict(fields))

    def wants_connection(self) -> bool:
        return bool(self._jobs) and self.refused is None

    async def after_connect(self) -> None:
        self._subscribed = False
        if self._jobs:
            try:
                await self.call("core.subscribe", JOBS)
                self._subscribed = True
            except (UpstreamError, ConnectionLost):
                pass  # the waiters poll core.get_jobs anyway

    def handshake_refused(self, status: int) -> UpstreamError:
        if status == 404:  # no /api/current: a release before the JSON-RPC API
            return too_old("older than 25.04")
        return super().handshake_refused(status)

    async def handshake(self, conn: ClientConnection) -> None:
        if self.refused is not None:
            raise self.refused
        self.logins += 1
        if self._username:
            login = {"mechanism": "API_KEY_PLAIN", "username": self._username}
            result = await self._raw(conn, "auth.login_ex", [{**login, "api_key": self._api_key}])
            ok = isinstance(result, dict) and result.get("response_type") == "SUCCESS"
            detail = f"auth.login_ex answered {scrub(str((result or {}).get('response_type')))}"
        else:
            result = await self._raw(conn, "auth.login_with_api_key", [self._api_key])
            ok, detail = result is True, "auth.login_with_api_key answered false"
        if not ok:
            self.refused = AuthFailed(
                SERVICE,
                f"{detail}; not retried, since TrueNAS locks out repeated failures",
                hint="check TRUENAS_API_KEY (and TRUENAS_USERNAME for a user-linked key), then "
                "restart the server",
            )
            raise self.refused
        version = await self._raw(conn, "system.version_short", [])
        self.version = str(version)
        if parse_version(self.version) < MINIMUM:
            self.refused = too_old(self.version)
            raise self.refused

    async def _raw(self, conn: ClientConnection, method: str, params: list[Any]) -> Any:
        """A call before the reader runs (login): send, then read until its reply."""
        from websockets.exceptions import ConnectionClosed  # imported with the first connection

        msg_id = self.next_id()
        try:
            await conn.send(json.dumps(self.frame(msg_id, {"method": method, "params": params})))
            while True:
                raw = await asyncio.wait_for(conn.recv(), self.options.open_timeout)
                reply = json.loads(raw)
                if isinstance(reply, dict) and reply.get("id") == msg_id:
                    break
        except (ConnectionClosed, TimeoutError) as err:
            raise Unreachable(
                SERVICE, f"the WebSocket closed during {method}", hint="check TRUENAS_URL"
            ) from err
        except ValueError as err:
            raise BadResponse(SERVICE, f"{method}: a reply that is not JSON") from err
        if "error" in reply:
            error = call_error(method, reply.get("error") or {})
            if method.startswith("auth.") and isinstance(error, BadRequest | NotFound):
                self.refused = AuthFailed(SERVICE, error.detail, hint="check TRUENAS_API_KEY")
                raise self.refused from error
            raise error
        return reply.get("result")
