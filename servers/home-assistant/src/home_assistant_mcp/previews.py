"""What each destructive preview showed, so that the confirmed call cannot reach more.

The confirmation token binds the tool and its arguments, but what the arguments reach can change
in between (a scene re-created with the front door in it, a group extended, an entity moved into
the area). The confirmed call expands its target again; if it now reaches an entity the preview
did not list, it is refused and a new preview is needed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.calls import Call
from homelab_shared.confirm import canonical

KEEP = 900.0  # seconds; longer than any confirmation token lives


class Previews:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._shown: dict[str, tuple[float, frozenset[str]]] = {}

    @staticmethod
    def _key(tool: str, args: list[Any]) -> str:
        return hashlib.sha256(canonical({"tool": tool, "args": args}).encode()).hexdigest()

    def remember(self, tool: str, args: list[Any], call: Call) -> None:
        now = self._clock()
        self._shown = {k: v for k, v in self._shown.items() if now - v[0] < KEEP}
        self._shown[self._key(tool, args)] = (now, frozenset(e.entity_id for e in call.effects))

    def check(self, tool: str, args: list[Any], call: Call) -> None:
        """Refuse when the call reaches entities its preview did not show. A preview made by
        another process (after a restart, or on another replica) is not known here: the call
        then goes ahead as confirmed (the token was checked)."""
        shown = self._shown.get(self._key(tool, args))
        if shown is None:
            return
        new = sorted({e.entity_id for e in call.effects} - shown[1])
        if new:
            raise ToolError(
                f"Not run: since the preview, this call also reaches {', '.join(new[:10])}. "
                "Ask for a new preview (call again without confirm_token) and show it to the user."
            )
