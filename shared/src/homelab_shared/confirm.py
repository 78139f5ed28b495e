"""Two-phase confirmation for destructive tools, usable by every MCP client.

A call without a token changes nothing and gets a preview plus a token: an HMAC over the tool name,
the canonical arguments, the caller's client id, an expiry and a nonce. Only a second call with the
same arguments, from the same client, before expiry, with a token never used before, executes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastmcp.exceptions import ToolError
from pydantic_core import to_jsonable_python

from homelab_shared.runtime import RuntimeSettings

VERSION = "c1"


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


class Confirmer:
    def __init__(self, key: bytes, ttl: float, clock: Callable[[], float] = time.time) -> None:
        self._key = key
        self.ttl = ttl
        self._clock = clock
        self._used: dict[str, float] = {}
        self._lock = threading.Lock()

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

    def verify(self, token: str, tool: str, args: Mapping[str, Any], client: str) -> None:
        """Accept the token once, or raise a ToolError that says what to do instead."""
        again = "Call the tool again without confirm_token to get a fresh preview and token."
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != VERSION or not parts[1].isdigit():
            raise ToolError(f"confirm_token is malformed. {again}")
        _, exp_text, nonce, mac = parts
        expected = self._mac(int(exp_text), nonce, client, tool, args)
        if not hmac.compare_digest(expected, mac):
            raise ToolError(
                "confirm_token does not match this call: it was issued for other arguments, "
                f"another tool or another client. Nothing was done. {again}"
            )
        now = self._clock()
        with self._lock:
            self._used = {n: e for n, e in self._used.items() if e >= now}
            if nonce in self._used:
                raise ToolError(f"confirm_token was already used. Nothing was done. {again}")
            if now > int(exp_text):
                raise ToolError(f"confirm_token has expired. Nothing was done. {again}")
            self._used[nonce] = int(exp_text)
