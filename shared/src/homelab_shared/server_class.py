"""FastMCP with its session-state store created on the first write.

FastMCP (4.2) looks up the client's visibility rules in its session-state store on every
``tools/list`` and ``tools/call`` (``apply_session_transforms``). The first lookup builds the
store: ``key_value.aio``, whose package turns on beartype's import hook, so its ~30 modules are
parsed, rewritten and compiled from source at every start (their rewritten bytecode is not in
an image built with ``PYTHONDONTWRITEBYTECODE``), about 0.2-0.4 s of CPU and a few MiB on the
first ``tools/list`` of a process.

Our servers never write session state unless a client-facing feature does (visibility rules,
``ctx.set_state``, sessions), and a read of FastMCP's default in-memory store that nothing has
written finds nothing. So until the first write, reads answer "not there" without building the
store; any other use (a write, a session) builds FastMCP's own store and everything goes to it
from then on. A store configured with ``session_state_store=`` (which may hold state from
elsewhere) is used as FastMCP uses it.
"""

from __future__ import annotations

from typing import Any

from fastmcp import FastMCP


class _StateUntilWritten:
    """Stands in for FastMCP's ``PydanticAdapter`` over its in-memory store until it is needed."""

    __slots__ = ("_build", "_store")

    def __init__(self, build: Any) -> None:
        self._build = build
        self._store: Any = None

    def _real(self) -> Any:
        if self._store is None:
            self._store = self._build()
        return self._store

    async def get(self, key: str, *, collection: str | None = None, default: Any = None) -> Any:
        if self._store is None:  # nothing was ever written to this process's memory store
            return default
        return await self._store.get(key=key, collection=collection, default=default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


class HomelabFastMCP(FastMCP[Any]):
    """FastMCP whose session-state store is built on first write (see the module docstring)."""

    @property
    def _state_store(self) -> Any:  # type: ignore[override]
        if self._state_storage is not None:  # a store of the operator's: it may hold state
            return FastMCP._state_store.fget(self)  # type: ignore[attr-defined]
        lazy = self.__dict__.get("_homelab_state")
        if lazy is None:
            lazy = _StateUntilWritten(lambda: FastMCP._state_store.fget(self))  # type: ignore[attr-defined]
            self.__dict__["_homelab_state"] = lazy
        return lazy
