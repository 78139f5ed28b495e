"""Two-phase confirmation for destructive tools, usable by every MCP client.

A call without a token changes nothing and gets a preview plus a token: an HMAC over the tool name,
the canonical arguments, the caller's client id, an expiry and a nonce. Only a second call with the
same arguments, from the same client, before expiry, with a token never used before, executes.
"Never used before" holds across restarts and replicas: used nonces live in a shared
:mod:`~homelab_shared.nonces` store until the token expires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from fastmcp.exceptions import ToolError
from pydantic_core import to_jsonable_python

from homelab_shared.runtime import RuntimeSettings

if TYPE_CHECKING:
    from homelab_shared.nonces import NonceStore

VERSION = "c1"
log = logging.getLogger("homelab.confirm")


def canonical(args: Mapping[str, Any]) -> str:
    return json.dumps(
        to_jsonable_python(dict(args)), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def load_or_create_key(runtime: RuntimeSettings) -> bytes:
    """The configured secret, else a random key persisted (mode 0600) in the state dir."""
    if runtime.confirm_secret is not None:
        return hashlib.sha256(runtime.confirm_secret.get_secret_value().encode()).digest()
    path = runtime.state_dir / "confirm.key"
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return bytes.fromhex(Path(path).read_text().strip())
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex())
    return key


class ConfirmationRefused(ToolError):
    """A confirm_token was not accepted; ``reason`` is a short label for the audit log."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


class Confirmer:
    """Issues and checks tokens; used nonces go to ``store`` (shared by restarts and replicas).

    ``store`` may be a function that opens it: then it is opened by the first confirmed call (in
    the worker thread that claims), not at start-up, which most servers end without a confirmed
    call; a store that cannot be opened refuses that call like a failing one (fail closed).
    """

    def __init__(
        self,
        key: bytes,
        ttl: float,
        store: NonceStore | Callable[[], NonceStore],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._key = key
        self.ttl = ttl
        self._clock = clock
        self._store: NonceStore | None = store if hasattr(store, "claim") else None  # type: ignore[assignment]
        self._open_store = store
        self._store_lock = threading.Lock()

    @property
    def store(self) -> NonceStore:
        with self._store_lock:
            if self._store is None:
                self._store = self._open_store()  # type: ignore[operator]
            return self._store

    def _claim(self, nonce: str, expires: int) -> bool:
        return self.store.claim(nonce, expires)

    def _mac(
        self, expires: int, nonce: str, client: str, tool: str, args: Mapping[str, Any]
    ) -> str:
        message = "|".join((VERSION, str(expires), nonce, client, tool, canonical(args)))
        return _b64(hmac.new(self._key, message.encode(), hashlib.sha256).digest())

    def issue(self, tool: str, args: Mapping[str, Any], client: str) -> tuple[str, int]:
        expires = int(self._clock() + self.ttl)
        nonce = _b64(secrets.token_bytes(12))
        mac = self._mac(expires, nonce, client, tool, args)
        return f"{VERSION}.{expires}.{nonce}.{mac}", expires

    async def verify(self, token: str, tool: str, args: Mapping[str, Any], client: str) -> None:
        """Accept the token once, or raise ConfirmationRefused saying what to do instead."""
        again = "Call the tool again without confirm_token to get a fresh preview and token."
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != VERSION or not parts[1].isdigit():
            raise ConfirmationRefused("malformed", f"confirm_token is malformed. {again}")
        _, exp_text, nonce, mac = parts
        expected = self._mac(int(exp_text), nonce, client, tool, args)
        if not hmac.compare_digest(expected, mac):
            raise ConfirmationRefused(
                "mismatch",
                "confirm_token does not match this call: it was issued for other arguments, "
                f"another tool or another client. Nothing was done. {again}",
            )
        if self._clock() > int(exp_text):
            raise ConfirmationRefused(
                "expired", f"confirm_token has expired. Nothing was done. {again}"
            )
        try:
            first = await anyio.to_thread.run_sync(self._claim, nonce, int(exp_text))
        except Exception as err:  # fail closed: a token we cannot mark used is not accepted
            log.warning("confirmation store failed", extra={"error": type(err).__name__})
            raise ConfirmationRefused(
                "store_unavailable",
                "the confirmation could not be recorded (the token store is unavailable), so "
                f"nothing was done. Try again shortly. {again}",
            ) from None
        if not first:
            raise ConfirmationRefused(
                "used", f"confirm_token was already used. Nothing was done. {again}"
            )
