"""Friendly names where an entity id is expected ("Kitchen Lights" for light.kitchen_lights).

Every tool argument that holds entity ids (``entity_id``, ``entity_ids``, ``media_player_ids``:
the names every tool of this server uses for them) is resolved here, once, before the tool sees
it: a value shaped like an id passes unchanged (ids stay strict: nothing id-like is rewritten),
and any other value must be the name of exactly one entity (its friendly name or a registry
alias; case and runs of spaces do not matter). Two entities with that name, or none, is an
error that lists the candidates: a name is never guessed, for reads as for writes. Resolution
reads fresh states, so a confirmation token is bound to the resolved id, not to the name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import mcp_types as mt
from fastmcp.exceptions import ToolError
from fastmcp.server.middleware import CallNext, MiddlewareContext
from fastmcp.tools.base import ToolResult

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.fuzzy import FuzzyIndex
from home_assistant_mcp.tools import ENTITY_ID
from homelab_shared.errors import UpstreamError
from homelab_shared.middleware import CallFastPath

ID = re.compile(ENTITY_ID)
PARAMS = frozenset({"entity_id", "entity_ids", "media_player_ids"})
SUGGESTIONS = 5


def is_entity_param(name: str) -> bool:
    return name in PARAMS


def normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _label(entity_id: str, names: dict[str, str]) -> str:
    name = names.get(entity_id)
    return f"{name} ({entity_id})" if name else entity_id


class Names:
    """Which entities carry which names, from one read of the states (and registry aliases)."""

    def __init__(self, states: list[dict[str, Any]], aliases: dict[str, list[str]]) -> None:
        self.names = {
            s["entity_id"]: str(s.get("attributes", {}).get("friendly_name") or "") for s in states
        }
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for entity_id, name in self.names.items():
            if name:
                self.by_name[normal(name)].add(entity_id)
        for entity_id, more in aliases.items():
            for alias in more:
                self.by_name[normal(alias)].add(entity_id)

    def resolve(self, value: str) -> str:
        if ID.fullmatch(value):
            return value
        found = sorted(self.by_name.get(normal(value), ()))
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(_label(e, self.names) for e in found)
            raise ToolError(
                f"{value!r} is the name of {len(found)} entities: {listed}. Pass the entity id "
                "of the one you mean."
            )
        raise ToolError(f"No entity is named {value!r}.{self._closest(value)} Pass an entity id.")

    def _closest(self, value: str) -> str:
        ids = list(self.names)
        index = FuzzyIndex([(e, self.names[e], "") for e in ids])
        scores = index.scores(value)
        best = sorted(scores, key=lambda n: (-scores[n], ids[n]))[:SUGGESTIONS]
        if not best:
            return " search_entities finds entities by words of their name."
        return " Closest: " + ", ".join(_label(ids[n], self.names) for n in best) + "."


async def load_names(ha: HAClient) -> Names:
    states = await ha.states()
    try:
        entries = await ha.entities()
    except UpstreamError:  # aliases are a bonus (admin-only registry): names work without them
        entries = []
    aliases = {e["entity_id"]: list(e.get("aliases") or []) for e in entries if e.get("aliases")}
    return Names(states, aliases)


def _needs_names(arguments: dict[str, Any]) -> bool:
    for key, value in arguments.items():
        if not is_entity_param(key):
            continue
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not ID.fullmatch(v) for v in values):
            return True
    return False


async def resolve_arguments(ha: HAClient, arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments with every name in an entity argument replaced by its entity id."""
    if not _needs_names(arguments):
        return arguments
    names = await load_names(ha)
    resolved = dict(arguments)
    for key, value in arguments.items():
        if not is_entity_param(key):
            continue
        if isinstance(value, str):
            resolved[key] = names.resolve(value)
        elif isinstance(value, list):
            resolved[key] = [names.resolve(v) if isinstance(v, str) else v for v in value]
    return resolved


class ResolveNames(CallFastPath):
    """Resolves names in entity arguments before any tool (or its confirmation) runs."""

    def __init__(self, client: Callable[[], HAClient]) -> None:
        self.client = client

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        arguments = dict(context.message.arguments or {})
        if _needs_names(arguments):
            resolved = await resolve_arguments(self.client(), arguments)
            message = context.message.model_copy(update={"arguments": resolved})
            context = context.copy(message=message)
        return await call_next(context)
