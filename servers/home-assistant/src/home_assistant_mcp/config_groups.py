"""Group helpers as Home Assistant 2025.4 keeps them: config entries of the ``group`` integration.

They are made by its config flow (a menu step picks the group type: light, switch, lock, cover...,
then a form takes name, members and options), changed by its options flow, and removed by deleting
the entry; they survive restarts. The old-style ``group.set`` service is left out on purpose: what
it makes is lost at the next restart or reload. A group's config here is
``{"group_type", "name", "entities", ...options}``; the current options are read from the options
flow's suggested values (the flow is aborted afterwards: reading changes nothing).
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.config_edit import Stored
from homelab_shared.errors import BadRequest, NotFound, UpstreamError

FLOW = "/api/config/config_entries/flow"
OPTIONS = "/api/config/config_entries/options/flow"
ENTRY_ID = re.compile(r"^[0-9A-Z]{26}$")


def _form_keys(form: dict[str, Any]) -> list[str]:
    return [f["name"] for f in form.get("data_schema") or [] if isinstance(f, dict)]


def _form_errors(result: dict[str, Any]) -> ToolError:
    errors = result.get("errors") or {}
    text = "; ".join(f"{k}: {v}" for k, v in errors.items()) or str(result.get("reason", ""))
    return ToolError(f"Home Assistant rejected this group, nothing was saved: {text}")


class GroupStore:
    def __init__(self, ha: HAClient) -> None:
        self.ha = ha

    async def _entry_id(self, ref: str) -> str | None:
        if ENTRY_ID.fullmatch(ref):
            return ref
        try:
            entry = await self.ha.ws.command("config/entity_registry/get", entity_id=ref)
        except NotFound:
            return None
        entry_id = entry.get("config_entry_id")
        if entry.get("platform") != "group" or not entry_id:
            raise ToolError(
                f"{ref} is not a group helper (made in Settings > Helpers > Group); old-style "
                "group.* entities from YAML cannot be edited here."
            )
        return str(entry_id)

    async def entity_of(self, entry_id: str) -> str | None:
        for entry in await self.ha.entities(fresh=True):
            if entry.get("config_entry_id") == entry_id:
                return entry["entity_id"]
        return None

    async def find(self, ref: str) -> Stored | None:
        entry_id = await self._entry_id(ref)
        if entry_id is None:
            return None
        entries = await self.ha.ws.command("config_entries/get", domain="group")
        entry = next((e for e in entries if e.get("entry_id") == entry_id), None)
        if entry is None:
            return None
        form = await self.ha.http.json(
            "POST", OPTIONS, json={"handler": entry_id, "show_advanced_options": True}
        )
        with contextlib.suppress(UpstreamError):
            await self.ha.http.request("DELETE", f"{OPTIONS}/{form['flow_id']}")
        config: dict[str, Any] = {"group_type": form.get("step_id"), "name": entry.get("title")}
        for field in form.get("data_schema") or []:
            suggested = (field.get("description") or {}).get("suggested_value")
            config[field["name"]] = suggested if suggested is not None else field.get("default")
        return Stored("group", entry_id, await self.entity_of(entry_id), config)

    async def save(self, entry_id: str | None, config: dict[str, Any]) -> str:
        if entry_id is None:
            return await self._create(config)
        await self._update(entry_id, config)
        return entry_id

    async def _create(self, config: dict[str, Any]) -> str:
        group_type = config.get("group_type")
        start = await self.ha.http.json(
            "POST", FLOW, json={"handler": "group", "show_advanced_options": True}
        )
        flow = f"{FLOW}/{start['flow_id']}"
        try:
            if group_type not in (start.get("menu_options") or []):
                raise ToolError(
                    f"group_type must be one of {', '.join(start.get('menu_options') or [])}."
                )
            form = await self.ha.http.json("POST", flow, json={"next_step_id": group_type})
            data = self._fit(form, {k: v for k, v in config.items() if k != "group_type"})
            result = await self.ha.http.json("POST", flow, json=data, idempotent=False)
        except BadRequest as err:
            raise ToolError(
                f"Home Assistant rejected this group, nothing was saved: {err.detail}"
            ) from None
        finally:
            with contextlib.suppress(UpstreamError):  # a finished flow is gone already
                await self.ha.http.request("DELETE", flow)
        if result.get("type") != "create_entry":
            raise _form_errors(result)
        return str(result["result"]["entry_id"])

    @staticmethod
    def _fit(form: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        allowed = _form_keys(form)
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise ToolError(
                f"A {form.get('step_id')} group has no option {', '.join(unknown)}; its options: "
                f"{', '.join(allowed)}."
            )
        return data

    async def _update(self, entry_id: str, config: dict[str, Any]) -> None:
        current = await self.find(entry_id)
        if current is not None:
            for key, why in (("group_type", "type"), ("name", "name (it named its entity)")):
                if config.get(key) != current.config.get(key):
                    raise ToolError(
                        f"A group's {why} cannot change here: delete it and create a new one."
                    )
        form = await self.ha.http.json(
            "POST", OPTIONS, json={"handler": entry_id, "show_advanced_options": True}
        )
        flow = f"{OPTIONS}/{form['flow_id']}"
        options = {k: v for k, v in config.items() if k not in ("group_type", "name")}
        try:
            result = await self.ha.http.json(
                "POST", flow, json=self._fit(form, options), idempotent=False
            )
        except BadRequest as err:
            raise ToolError(
                f"Home Assistant rejected this group, nothing was saved: {err.detail}"
            ) from None
        finally:
            with contextlib.suppress(UpstreamError):
                await self.ha.http.request("DELETE", flow)
        if result.get("type") != "create_entry":
            raise _form_errors(result)

    async def delete(self, entry_id: str) -> None:
        await self.ha.http.json(
            "DELETE", f"/api/config/config_entries/entry/{entry_id}", idempotent=False
        )
