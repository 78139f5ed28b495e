"""SQLite quota store (the embedded default): one file, ``BEGIN IMMEDIATE`` for exact admission.

``BEGIN IMMEDIATE`` takes the write lock before reading, so two admissions (threads or processes)
can never both see the last free slot. WAL keeps readers off the writer's back.

Per request the router makes two round trips: a reservation (sweep the expired ones, read the
use, insert: one transaction) and a settlement (delete the hold, add the use, read the totals
back: one transaction). Each runs inline on the event loop when the database is free (tens of
µs, less than a thread hop) on a connection that never waits (``busy_timeout`` 0); when another
thread or process holds the lock it is run again in a worker thread, on a second connection that
waits for it (``BUSY_TIMEOUT_MS``). Neither connection changes its settings per call.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread

from routing_mcp.quota.base import Admission, Limits, Reservation, Usage, Window, refusal

T = TypeVar("T")
BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS usage_day (
    model TEXT, day TEXT, requests INTEGER NOT NULL DEFAULT 0,
    tokens_in INTEGER NOT NULL DEFAULT 0, tokens_out INTEGER NOT NULL DEFAULT 0,
    cost REAL NOT NULL DEFAULT 0, PRIMARY KEY (model, day));
CREATE TABLE IF NOT EXISTS usage_week (
    model TEXT, week TEXT, requests INTEGER NOT NULL DEFAULT 0,
    tokens_in INTEGER NOT NULL DEFAULT 0, tokens_out INTEGER NOT NULL DEFAULT 0,
    cost REAL NOT NULL DEFAULT 0, PRIMARY KEY (model, week));
CREATE TABLE IF NOT EXISTS reservations (
    id TEXT PRIMARY KEY, model TEXT NOT NULL, day TEXT NOT NULL, week TEXT NOT NULL,
    cost REAL NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS reservations_model ON reservations (model, expires);
CREATE TABLE IF NOT EXISTS alerts (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS limits (model TEXT, field TEXT, value REAL, PRIMARY KEY (model, field));
"""


# One statement for everything admission reads: used today and this week, and live holds.
_USAGE = """
SELECT
  COALESCE(d.requests, 0), COALESCE(d.cost, 0.0), COALESCE(d.tokens_in, 0),
  COALESCE(d.tokens_out, 0),
  COALESCE(w.requests, 0), COALESCE(w.cost, 0.0), COALESCE(w.tokens_in, 0),
  COALESCE(w.tokens_out, 0),
  rd.n, rd.c, rw.n, rw.c
FROM (SELECT 1)
LEFT JOIN usage_day d ON d.model = ? AND d.day = ?
LEFT JOIN usage_week w ON w.model = ? AND w.week = ?
JOIN (SELECT COUNT(*) AS n, COALESCE(SUM(cost), 0.0) AS c FROM reservations
      WHERE model = ? AND day = ? AND expires >= ?) rd
JOIN (SELECT COUNT(*) AS n, COALESCE(SUM(cost), 0.0) AS c FROM reservations
      WHERE model = ? AND week = ? AND expires >= ?) rw
"""


def _row(used: tuple[Any, ...], reserved: tuple[Any, ...]) -> Usage:
    return Usage(
        requests=used[0],
        cost=used[1],
        tokens_in=used[2],
        tokens_out=used[3],
        reserved=reserved[0],
        reserved_cost=reserved[1],
    )


class SQLiteQuotaStore:
    backend = "sqlite"

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # Inline, on the event loop: never waits for the lock (busy -> the waiting connection).
        # Set up (WAL, the schema) waiting like the other: a second store starting on the same
        # file at the same moment (another process, thread) must not fail on the lock.
        self._db = self._connect(0, schema=True)
        self._lock = threading.Lock()
        # In a worker thread: waits for the lock; opened on the first contended call.
        self._waiting: sqlite3.Connection | None = None
        self._waiting_lock = threading.Lock()

    def _connect(self, busy_ms: int, *, schema: bool = False) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if schema:
            db.executescript(SCHEMA)
        db.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        return db

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(db, *args)`` inline when the database is free right now; else in a worker
        thread on the connection that waits for the lock (busy timeout)."""
        if self._lock.acquire(blocking=False):
            try:
                return fn(self._db, *args)
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
            finally:
                self._lock.release()
        return await anyio.to_thread.run_sync(self._wait_and_run, fn, *args)

    def _wait_and_run(self, fn: Callable[..., T], *args: Any) -> T:
        with self._waiting_lock:
            if self._waiting is None:
                self._waiting = self._connect(BUSY_TIMEOUT_MS)
            return fn(self._waiting, *args)

    @staticmethod
    def _txn(db: sqlite3.Connection, fn: Callable[..., T], *args: Any) -> T:
        db.execute("BEGIN IMMEDIATE")
        try:
            result = fn(db, *args)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return result

    # --- reads inside a transaction ----------------------------------------------------------

    @staticmethod
    def _usage(
        db: sqlite3.Connection, model: str, window: Window, now: float
    ) -> tuple[Usage, Usage]:
        day_, week_ = window.day, window.week
        args = (model, day_, model, week_, model, day_, now, model, week_, now)
        row = db.execute(_USAGE, args).fetchone()
        day = Usage(row[0], row[1], row[2], row[3], row[8], row[9])
        week = Usage(row[4], row[5], row[6], row[7], row[10], row[11])
        return day, week

    # --- operations --------------------------------------------------------------------------

    @classmethod
    def _reserve(
        cls,
        db: sqlite3.Connection,
        model: str,
        window: Window,
        limits: Limits,
        cost: float,
        now: float,
        ttl: float,
    ) -> Admission:
        db.execute("DELETE FROM reservations WHERE expires < ?", (now,))
        day, week = cls._usage(db, model, window, now)
        refused = refusal(limits, day, week, cost)
        if refused:
            return Admission(None, refused, day, week)
        reservation = Reservation(uuid.uuid4().hex, model, window, cost)
        db.execute(
            "INSERT INTO reservations VALUES (?, ?, ?, ?, ?, ?)",
            (reservation.id, model, window.day, window.week, cost, now + ttl),
        )
        return Admission(reservation, None, day, week)

    async def reserve(
        self, model: str, window: Window, limits: Limits, cost: float, now: float, ttl: float
    ) -> Admission:
        return await self._run(self._txn, self._reserve, model, window, limits, cost, now, ttl)

    @classmethod
    def _settle(
        cls, db: sqlite3.Connection, r: Reservation, tokens_in: int, tokens_out: int, cost: float
    ) -> tuple[Usage, Usage]:
        db.execute("DELETE FROM reservations WHERE id=?", (r.id,))
        values = (1, tokens_in, tokens_out, cost)
        db.execute(_ADD_DAY, (r.model, r.window.day, *values))
        db.execute(_ADD_WEEK, (r.model, r.window.week, *values))
        # The totals after this call, with every hold still in the table (as ``usage`` at 0).
        return cls._usage(db, r.model, r.window, 0.0)

    async def settle(
        self, reservation: Reservation, tokens_in: int, tokens_out: int, cost: float
    ) -> tuple[Usage, Usage]:
        return await self._run(self._txn, self._settle, reservation, tokens_in, tokens_out, cost)

    async def release(self, reservation: Reservation) -> None:
        await self._run(_execute, "DELETE FROM reservations WHERE id=?", (reservation.id,))

    async def usage(self, model: str, window: Window, now: float) -> tuple[Usage, Usage]:
        return await self._run(self._usage, model, window, now)

    async def daily(self, model: str, day: str) -> Usage:
        def read(db: sqlite3.Connection) -> Usage:
            row = db.execute(
                "SELECT requests, cost, tokens_in, tokens_out FROM usage_day "
                "WHERE model=? AND day=?",
                (model, day),
            ).fetchone()
            return _row(row, (0, 0.0)) if row else Usage()

        return await self._run(read)

    async def reset(self, model: str, window: Window, which: str) -> None:
        def clear(db: sqlite3.Connection) -> None:
            if which in ("day", "both"):
                db.execute("DELETE FROM usage_day WHERE model=? AND day=?", (model, window.day))
            if which in ("week", "both"):
                db.execute("DELETE FROM usage_week WHERE model=? AND week=?", (model, window.week))

        await self._run(self._txn, clear)

    async def first_alert(self, key: str) -> bool:
        def mark(db: sqlite3.Connection) -> bool:
            cursor = db.execute("INSERT OR IGNORE INTO alerts VALUES (?)", (key,))
            return cursor.rowcount == 1

        return await self._run(mark)

    async def limit_overrides(self) -> dict[str, dict[str, float | None]]:
        def read(db: sqlite3.Connection) -> dict[str, dict[str, float | None]]:
            out: dict[str, dict[str, float | None]] = {}
            for model, field, value in db.execute("SELECT model, field, value FROM limits"):
                out.setdefault(model, {})[field] = value
            return out

        return await self._run(read)

    async def set_limit(self, model: str, field: str, value: float | None) -> None:
        await self._run(
            _execute,
            "INSERT INTO limits VALUES (?, ?, ?) ON CONFLICT (model, field) "
            "DO UPDATE SET value=excluded.value",
            (model, field, value),
        )

    async def live_reservations(self, now: float) -> int:
        def count(db: sqlite3.Connection) -> int:
            return db.execute(
                "SELECT COUNT(*) FROM reservations WHERE expires >= ?", (now,)
            ).fetchone()[0]

        return await self._run(count)

    async def aclose(self) -> None:
        with self._lock:
            self._db.close()
        with self._waiting_lock:
            if self._waiting is not None:
                self._waiting.close()


def _execute(db: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> None:
    db.execute(sql, args)


def _add(table: str, key: str) -> str:
    return (
        f"INSERT INTO {table} (model, {key}, requests, tokens_in, tokens_out, cost) "  # noqa: S608
        f"VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (model, {key}) DO UPDATE SET "
        "requests=requests+excluded.requests, tokens_in=tokens_in+excluded.tokens_in, "
        "tokens_out=tokens_out+excluded.tokens_out, cost=cost+excluded.cost"
    )


_ADD_DAY, _ADD_WEEK = _add("usage_day", "day"), _add("usage_week", "week")
