"""Where each kind of configuration lives in Home Assistant, and how it is read and written.

Automations, scripts and scenes: the config API the UI editors use (``/api/config/<kind>/config/
<id>``, kept in automations.yaml / scripts.yaml / scenes.yaml; Home Assistant validates on POST and
reloads the item). Helpers (input_boolean, input_number, input_select, timer, counter): the
WebSocket storage collections (``<kind>/list|create|update|delete``). Groups: see
:mod:`home_assistant_mcp.config_groups`. Items written in configuration.yaml are readable through
their entities but not editable here, which is said instead of silently creating a duplicate.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from typing import Any, Literal

from fastmcp.exceptions import ToolError

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.config_edit import Stored
from home_assistant_mcp.config_groups import GroupStore
from home_assistant_mcp.targets import domain_of
from homelab_shared.errors import BadRequest, NotFound

Kind = Literal[
    "automation",
    "script",
    "scene",
    "input_boolean",
    "input_number",
    "input_select",
    "timer",
    "counter",
    "group",
]
FILE_KINDS = ("automation", "script", "scene")
HELPER_KINDS = ("input_boolean", "input_number", "input_select", "timer", "counter")
_SLUG = re.compile(r"[^a-z0-9_]+")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SETTLE = 10.0  # seconds Home Assistant gets to reload a saved item into an entity


def slug(text: str) -> str:
    return _SLUG.sub("_", text.casefold()).strip("_") or uuid.uuid4().hex[:12]


def rejected(kind: str, err: BadRequest) -> ToolError:
    """Home Assistant's validation message, without the HTTP wrapping. Nothing was saved."""
    detail = err.detail.split("Message malformed: ", 1)[-1]
    detail = re.sub(r"^HTTP \d+ on \w+ \S+: ", "", detail)
    return ToolError(f"Home Assistant rejected this {kind}, nothing was saved: {detail}")


def yaml_only(kind: str, ref: str) -> ToolError:
    return ToolError(
        f"{ref} is defined in Home Assistant's YAML (configuration.yaml or a package), which the "
        f"config API cannot edit; change it there, or create a new {kind} here."
    )


class ConfigStore:
    def __init__(self, ha: HAClient) -> None:
        self.ha = ha
        self.groups = GroupStore(ha)

    # --- reading ------------------------------------------------------------------------------

    async def find(self, kind: str, ref: str) -> Stored | None:
        """The stored item, or None when there is none (a save then creates it)."""
        if kind == "group":
            return await self.groups.find(ref)
        if kind in HELPER_KINDS:
            return await self._find_helper(kind, ref)
        item_id = await self._file_id(kind, ref)
        try:
            config = await self.ha.http.get_json(
                f"/api/config/{kind}/config/{self.ha.http.segment(item_id, 'config id')}"
            )
        except NotFound:
            if await self.entity_of(kind, item_id):
                raise yaml_only(kind, ref) from None
            return None
        return Stored(kind, item_id, await self.entity_of(kind, item_id), config)

    async def get(self, kind: str, ref: str) -> Stored:
        stored = await self.find(kind, ref)
        if stored is None:
            raise ToolError(
                f"No {kind} {ref!r} in Home Assistant. list_automations, list_scripts, "
                "list_scenes or search_entities show what exists."
            )
        return stored

    async def _file_id(self, kind: str, ref: str) -> str:
        if "." not in ref:
            if not _ID.fullmatch(ref):
                raise ToolError(f"{ref!r} is not a {kind} id or entity id.")
            return ref
        if domain_of(ref) != kind:
            raise ToolError(f"{ref} is not a {kind}.")
        if kind == "script":
            return ref.split(".", 1)[1]
        state = await self.ha.state(ref)
        item_id = state.get("attributes", {}).get("id")
        if not item_id:
            raise yaml_only(kind, ref)
        return str(item_id)

    async def entity_of(self, kind: str, item_id: str) -> str | None:
        if kind == "group":
            return await self.groups.entity_of(item_id)
        if kind == "script":
            wanted = f"script.{item_id}"
            return wanted if any(s["entity_id"] == wanted for s in await self.ha.states()) else None
        if kind in HELPER_KINDS:
            for entry in await self.ha.entities(fresh=True):
                if entry.get("platform") == kind and entry.get("unique_id") == item_id:
                    return entry["entity_id"]
            return None
        for state in await self.ha.states():
            if domain_of(state["entity_id"]) == kind and state["attributes"].get("id") == item_id:
                return state["entity_id"]
        return None

    async def _helpers(self, kind: str) -> list[dict[str, Any]]:
        return await self.ha.ws.command(f"{kind}/list")

    async def _find_helper(self, kind: str, ref: str) -> Stored | None:
        items = {i["id"]: i for i in await self._helpers(kind)}
        item_id = ref
        if "." in ref:
            if domain_of(ref) != kind:
                raise ToolError(f"{ref} is not a {kind}.")
            item_id = ref.split(".", 1)[1]
            if item_id not in items:  # renamed entity: its unique id is the collection id
                try:
                    entry = await self.ha.ws.command("config/entity_registry/get", entity_id=ref)
                except NotFound:
                    entry = {}
                if entry.get("platform") == kind:
                    item_id = str(entry.get("unique_id"))
                elif await self._exists(ref):
                    raise yaml_only(kind, ref)
        item = items.get(item_id)
        if item is None:
            return None
        config = {k: v for k, v in item.items() if k != "id"}
        return Stored(kind, item_id, await self.entity_of(kind, item_id), config)

    async def _exists(self, entity_id: str) -> bool:
        try:
            await self.ha.state(entity_id)
        except NotFound:
            return False
        return True

    # --- writing ------------------------------------------------------------------------------

    async def new_id(self, kind: str, config: dict[str, Any]) -> str:
        """An id for a new automation, script or scene, from its name when that is free."""
        name = str(config.get("alias") or config.get("name") or "")
        base = slug(name) if name else uuid.uuid4().hex[:12]
        candidate, n = base, 2
        while await self.entity_of(kind, candidate) or await self._in_file(kind, candidate):
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    async def _in_file(self, kind: str, item_id: str) -> bool:
        try:
            await self.ha.http.get_json(
                f"/api/config/{kind}/config/{self.ha.http.segment(item_id, 'config id')}"
            )
        except NotFound:
            return False
        return True

    async def save(self, kind: str, item_id: str | None, config: dict[str, Any]) -> str:
        """Create (``item_id`` None for helpers and groups) or replace; returns the id."""
        try:
            if kind == "group":
                return await self.groups.save(item_id, config)
            if kind in HELPER_KINDS:
                return await self._save_helper(kind, item_id, config)
            assert item_id is not None
            path = f"/api/config/{kind}/config/{self.ha.http.segment(item_id, 'config id')}"
            body = {**config, "id": item_id} if kind == "scene" else config
            await self.ha.http.json("POST", path, json=body, idempotent=False)
            return item_id
        except BadRequest as err:
            raise rejected(kind, err) from None

    async def _save_helper(self, kind: str, item_id: str | None, config: dict[str, Any]) -> str:
        if item_id is None:
            item = await self.ha.ws.command(f"{kind}/create", retry=False, **config)
            return str(item["id"])
        payload: dict[str, Any] = {f"{kind}_id": item_id, **config}
        await self.ha.ws.command(f"{kind}/update", retry=False, **payload)
        return item_id

    async def delete(self, stored: Stored) -> None:
        kind = stored.kind
        if kind == "group":
            await self.groups.delete(stored.id)
        elif kind in HELPER_KINDS:
            payload: dict[str, Any] = {f"{kind}_id": stored.id}
            await self.ha.ws.command(f"{kind}/delete", retry=False, **payload)
        else:
            path = f"/api/config/{kind}/config/{self.ha.http.segment(stored.id, 'config id')}"
            await self.ha.http.json("DELETE", path, idempotent=False)

    async def settled(self, kind: str, item_id: str, *, gone: bool = False) -> str | None:
        """The item's entity id once Home Assistant has (re)loaded it (or removed it).

        The config API answers before its reload runs, so this polls: for the entity to appear
        (or go), and for an automation or script until the loaded config is the saved one.
        """
        deadline = time.monotonic() + SETTLE
        saved = (
            None
            if gone or kind not in ("automation", "script")
            else await self._saved(kind, item_id)
        )
        while True:
            entity_id = await self.entity_of(kind, item_id)
            ready = (entity_id is None) == gone
            if ready and saved is not None and entity_id is not None:
                ready = await self._loaded(kind, entity_id) == saved
            if ready or time.monotonic() > deadline:
                return entity_id
            await asyncio.sleep(0.2)  # polling the condition: the reload runs in the background

    async def _saved(self, kind: str, item_id: str) -> Any:
        path = f"/api/config/{kind}/config/{self.ha.http.segment(item_id, 'config id')}"
        return await self.ha.http.get_json(path)

    async def _loaded(self, kind: str, entity_id: str) -> Any:
        try:
            result = await self.ha.ws.command(f"{kind}/config", entity_id=entity_id)
        except NotFound:
            return None
        return (result or {}).get("config")
