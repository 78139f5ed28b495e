"""Entity states kept in memory from Home Assistant's ``subscribe_entities`` (compressed diffs).

Readers that look at many states for display (search, overview) take a snapshot from here instead
of fetching and parsing ``/api/states`` on every call (at 5,000 entities that alone is ~80 ms).
Safety decisions never read it: they load fresh states over REST (calls.py, chains.py).

How it stays right:

- Started on first need: ``subscribe_entities`` answers with one event holding every state
  (``{"a": {entity_id: compressed}}``), then one event per change: ``a`` added, ``c`` changed
  (``+`` new values, ``-`` removed attribute names), ``r`` removed. Applied in the socket's reader
  as they arrive, copy-on-write, so a snapshot a tool holds never changes under it.
- Never stale after a lost connection: the drop clears the states, and readers fall back to REST
  until the subscription (renewed by the socket on reconnect) has delivered its first event, which
  again holds every state. A diff that does not fit the states held (an unknown entity) is treated
  the same way: clear, REST, subscribe afresh.
- Bounded: more than ``max_entities`` states turns the cache off (REST per call, as before).
- ``names`` changes only when an entity is added, removed or renamed, so the search index is
  rebuilt on that and not on every state change.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from home_assistant_mcp.websocket import LOST, RECONNECTED, UNSUBSCRIBED, HAWebSocket, Subscription
from homelab_shared.errors import UpstreamError
from homelab_shared.websocket import ConnectionLost

log = logging.getLogger("home_assistant_mcp.live_states")

State = dict[str, Any]
MAX_ENTITIES = 50_000  # ~2 KB each in memory (bench/README.md): a 100 MB ceiling
SYNC_WAIT = 10.0  # the first reader waits this long for the first event, then uses REST
RETRY_AFTER = 30.0  # after a failed subscribe, readers use REST this long before trying again
_VERSIONS = itertools.count(1)  # names versions, unique across caches (index keys compare them)


@dataclass(frozen=True)
class Snapshot:
    """States at one moment; ``names`` identifies their ids and names (None: loaded over REST,
    so it must be compared entity by entity)."""

    states: list[State]
    names: int | None


def _iso(timestamp: float) -> str:
    """Home Assistant's REST form of a time (``2026-12-02T00:35:26.123456+00:00``)."""
    return datetime.fromtimestamp(timestamp, UTC).isoformat()


def _context(value: Any, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """A context sent as its id alone (no parent or user) or as a dict of what changed."""
    base = old or {"id": None, "parent_id": None, "user_id": None}
    if isinstance(value, str):
        return {**base, "id": value}
    return {**base, **value} if isinstance(value, dict) else dict(base)


def expand(entity_id: str, compressed: dict[str, Any]) -> State:
    """A compressed state (``s``, ``a``, ``c``, ``lc``, ``lu``) in the shape of /api/states."""
    last_changed = _iso(compressed["lc"])
    updated = compressed.get("lu")  # omitted when equal (most states): convert once
    return {
        "entity_id": entity_id,
        "state": compressed["s"],
        "attributes": compressed.get("a") or {},
        "last_changed": last_changed,
        "last_updated": last_changed if updated is None else _iso(updated),
        "context": _context(compressed.get("c")),
    }


def changed(old: State, diff: dict[str, Any]) -> State:
    """``old`` with a ``c`` diff applied, as a new dict (``old`` may be held by a reader)."""
    plus: dict[str, Any] = diff.get("+") or {}
    removed: list[str] = (diff.get("-") or {}).get("a") or []
    new = dict(old)
    if "s" in plus:
        new["state"] = plus["s"]
    if "lc" in plus:  # a new last_changed is the new last_updated too
        new["last_changed"] = new["last_updated"] = _iso(plus["lc"])
    elif "lu" in plus:
        new["last_updated"] = _iso(plus["lu"])
    if "c" in plus:
        new["context"] = _context(plus["c"], old.get("context"))
    if "a" in plus or removed:
        attributes = {**old["attributes"], **(plus.get("a") or {})}
        for name in removed:
            attributes.pop(name, None)
        new["attributes"] = attributes
    return new


def _name(state: State | None) -> Any:
    return None if state is None else state["attributes"].get("friendly_name")


class _Entities(Subscription):
    """The subscription whose events go straight into the cache, in the reader task."""

    def __init__(self, cache: LiveStates) -> None:
        super().__init__(cache.ws, {"type": "subscribe_entities"})
        self.cache = cache

    def deliver(self, event: dict[str, Any]) -> None:
        self.cache.on_event(self, event)


class LiveStates:
    """In-memory states of one Home Assistant (see module doc)."""

    def __init__(
        self,
        ws: HAWebSocket,
        load: Callable[[], Awaitable[list[State]]],
        *,
        enabled: bool = True,
        max_entities: int = MAX_ENTITIES,
        sync_wait: float = SYNC_WAIT,
    ) -> None:
        self.ws = ws
        self._load = load  # the REST fallback
        self.enabled = enabled
        self.max_entities = max_entities
        self.sync_wait = sync_wait
        self.synced = False
        self.names = next(_VERSIONS)
        self.syncs = 0  # full state sets received (first and after each reconnect), diagnostics
        self._states: dict[str, State] = {}
        self._sub: _Entities | None = None
        self._ending: set[asyncio.Task[None]] = set()  # unsubscribing abandoned subscriptions
        self._ready = asyncio.Event()  # set when a start has an outcome (in sync, or given up)
        self._lock = asyncio.Lock()
        self._retry_at = 0.0

    def __len__(self) -> int:
        return len(self._states)

    async def snapshot(self) -> Snapshot:
        """Every state: from memory when in sync, else from ``/api/states``."""
        if not self.synced and self.enabled:
            await self._start_if_idle()
        if self.synced:
            return Snapshot(list(self._states.values()), self.names)
        return Snapshot(await self._load(), None)

    async def pick(self, entity_ids: Iterable[str]) -> list[State]:
        """The states of these entities (unknown ones left out), from one snapshot."""
        if self.synced:
            states = self._states
            return [states[e] for e in entity_ids if e in states]
        wanted = set(entity_ids)
        return [s for s in (await self.snapshot()).states if s["entity_id"] in wanted]

    # --- subscription -----------------------------------------------------------------------

    async def _start_if_idle(self) -> None:
        if self._sub is not None and self.syncs == 0 and not self._ready.is_set():
            # The first start is in flight (the start-up warm-up's, usually): wait for its state
            # set rather than fetching /api/states beside it. Bounded by the start's own
            # timeout; after a reconnect readers use REST at once, as before.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.sync_wait):
                    await self._ready.wait()
            return
        if self._sub is not None or time.monotonic() < self._retry_at:
            return  # subscribed and waiting for a resync, or resting after a failure
        async with self._lock:
            if self._sub is None and self.enabled:
                await self._start()

    async def _start(self) -> None:
        sub = self._sub = _Entities(self)
        self._ready.clear()
        try:
            async with asyncio.timeout(self.sync_wait):
                await self.ws.subscribe(sub)
                await self._ready.wait()
        except (UpstreamError, ConnectionLost, TimeoutError) as err:
            if sub.id is None:  # not subscribed (down, refused, too old a release): REST a while
                log.info("live states not started (%s); REST for %g s", err, RETRY_AFTER)
                self._sub = None
                self._retry_at = time.monotonic() + RETRY_AFTER
            # else subscribed but the first event is late: it syncs when it comes

    def on_event(self, sub: _Entities, event: dict[str, Any]) -> None:
        if sub is not self._sub:
            return  # an abandoned subscription's last events
        if event == LOST:
            self._forget()
        elif event == UNSUBSCRIBED:  # the socket dropped it: subscribe again on the next read
            self._forget()
            self._sub = None
            self._ready.set()  # no state set is coming: a first reader waiting uses REST
        elif event != RECONNECTED:  # (the state set that follows a reconnect syncs)
            try:
                self._apply(event)
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                log.warning("live states out of step (%s: %s); resyncing", type(err).__name__, err)
                self._abandon(sub)
            if len(self._states) > self.max_entities:
                log.warning(
                    "more than %d entities: live states off, each read fetches them",
                    self.max_entities,
                )
                self.enabled = False
                self._abandon(sub)

    def _forget(self) -> None:
        """Drop every state: nothing is served from memory until the next full set."""
        self.synced = False
        self._states = {}

    def _abandon(self, sub: _Entities) -> None:
        """Stop using ``sub`` (its later events are ignored) and end it on Home Assistant's side."""
        self._forget()
        self._sub = None
        self._ready.set()  # a first reader waiting for this subscription's states: use REST
        task = asyncio.get_running_loop().create_task(self.ws.unsubscribe(sub))
        self._ending.add(task)
        task.add_done_callback(self._ending.discard)

    def _apply(self, event: dict[str, Any]) -> None:
        states = self._states
        if not self.synced:  # the first event of a (re)subscription holds every state
            self._states = {e: expand(e, c) for e, c in event["a"].items()}
            self.names = next(_VERSIONS)
            self.synced = True
            self.syncs += 1
            self._ready.set()
            return
        renamed = False
        for entity_id, compressed in (event.get("a") or {}).items():
            new = expand(entity_id, compressed)
            renamed = (
                renamed or _name(states.get(entity_id)) != _name(new) or entity_id not in states
            )
            states[entity_id] = new
        for entity_id, diff in (event.get("c") or {}).items():
            old = states[entity_id]  # KeyError: a change to an entity never added
            new = states[entity_id] = changed(old, diff)
            renamed = renamed or _name(old) != _name(new)
        for entity_id in event.get("r") or ():
            renamed = states.pop(entity_id, None) is not None or renamed
        if renamed:
            self.names = next(_VERSIONS)
