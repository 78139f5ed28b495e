"""Where used confirmation nonces live until their token expires, so a token works exactly once
across restarts (SQLite in the state dir) and across replicas (Redis, or one SQLite file that
several processes share)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from homelab_shared.runtime import RuntimeSettings

# Beyond this a busy database is an error (the call is refused, fail closed), not a hang.
SQLITE_BUSY_TIMEOUT_S = 5.0


class NonceStore(Protocol):
    def claim(self, nonce: str, expires: int) -> bool:
        """Record ``nonce`` as used until ``expires`` (Unix time); False if it already was.

        Blocking; must be atomic across every process sharing the store. Raises on failure.
        """
        ...


class MemoryNonceStore:
    """One process, forgotten on restart: only for tests and throwaway servers."""

    def __init__(self, clock: Any = time.time) -> None:
        self._used: dict[str, int] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def claim(self, nonce: str, expires: int) -> bool:
        now = self._clock()
        with self._lock:
            self._used = {n: e for n, e in self._used.items() if e >= now}
            if nonce in self._used:
                return False
            self._used[nonce] = expires
            return True


class SQLiteNonceStore:
    """A table in a WAL-mode SQLite file; its primary key makes a claim atomic across processes."""

    def __init__(self, path: Path, clock: Any = time.time) -> None:
        self.path = path
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._connect() as db:
            # WAL lets readers and one writer of several processes share the file.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS used_nonces "
                "(nonce TEXT PRIMARY KEY, expires INTEGER NOT NULL) WITHOUT ROWID"
            )
        path.chmod(0o600)

    def _connect(self) -> sqlite3.Connection:
        # A connection per claim: claims are rare (one per confirmed call) and this keeps the
        # store safe from any thread without sharing a connection.
        return sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)

    def claim(self, nonce: str, expires: int) -> bool:
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM used_nonces WHERE expires < ?", (int(self._clock()),))
            cursor = db.execute(
                "INSERT OR IGNORE INTO used_nonces (nonce, expires) VALUES (?, ?)",
                (nonce, expires),
            )
            db.execute("COMMIT")
            return cursor.rowcount == 1
        finally:
            db.close()


class RedisNonceStore:
    """``SET key 1 NX EXAT expires``: one atomic command, expiry handled by Redis."""

    PREFIX = "homelab:confirm:used:"

    def __init__(self, url: str) -> None:
        import redis  # only servers that use Redis pay for the import

        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)

    def claim(self, nonce: str, expires: int) -> bool:
        # EXAT one second late: the token is refused as expired by then anyway.
        return bool(self._redis.set(self.PREFIX + nonce, b"1", nx=True, exat=expires + 1))

    def close(self) -> None:
        self._redis.close()


def nonce_store(runtime: RuntimeSettings) -> NonceStore:
    """Redis when ``REDIS_URL`` is set, else SQLite in the state dir."""
    if runtime.redis_url is not None:
        return RedisNonceStore(runtime.redis_url.get_secret_value())
    return SQLiteNonceStore(runtime.state_dir / "confirm-nonces.sqlite")
