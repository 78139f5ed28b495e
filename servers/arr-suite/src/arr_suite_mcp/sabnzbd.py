"""Typed async client for one SABnzbd instance. Knows nothing of MCP.

SABnzbd has one endpoint, ``GET /api?mode=<mode>&output=json&apikey=KEY``. Failures come back as
HTTP 200 with the envelope ``{"status": false, "error": "..."}``; a wrong key is
``"API Key Incorrect"`` (``"API Key Required"`` without one). Job ids (``nzo_id``) go into the
``value`` parameter, where a comma would name a second job and ``all`` would name every job, so
only ids of SABnzbd's own shape are accepted.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from arr_suite_mcp.client import http_for
from arr_suite_mcp.settings import ArrSettings, Instance
from arr_suite_mcp.text import MESSAGE_CAP, clean
from homelab_shared.errors import AuthFailed, BadRequest, BadResponse

NZO_ID = r"^SABnzbd_nzo_[A-Za-z0-9]{1,40}$"
_NZO = re.compile(NZO_ID)
_SPEED = re.compile(r"^(100|[1-9]?[0-9])$|^[0-9]{1,6}(\.[0-9]{1,2})?[KM]$")


def check_nzo_id(nzo_id: str) -> str:
    if not _NZO.match(nzo_id):
        raise BadRequest("SABnzbd", f"{nzo_id!r} is not a SABnzbd job id (SABnzbd_nzo_...)")
    return nzo_id


class SabnzbdClient:
    """One SABnzbd instance."""

    def __init__(
        self,
        inst: Instance,
        settings: ArrSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.instance = inst
        self.app = inst.app
        key = inst.api_key.get_secret_value()
        self.http = http_for(
            inst, settings, params={"output": "json", "apikey": key}, transport=transport
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    async def call(self, mode: str, *, write: bool = False, **params: Any) -> dict[str, Any]:
        """One API call; the error envelope becomes the matching shared error."""
        query = {"mode": mode, **{k: str(v) for k, v in params.items() if v is not None}}
        # Every mode is a GET; only the read modes may be retried without doing something twice.
        data = await self.http.json("GET", "/api", params=query, idempotent=not write)
        label = self.instance.label
        if not isinstance(data, dict):
            raise BadResponse(label, f"expected a JSON object for mode={mode}")
        if data.get("status") is False or ("error" in data and len(data) <= 2):
            # SABnzbd's message can quote what it was given (a job name, a URL): clean it.
            error = clean(data.get("error"), MESSAGE_CAP) or "unknown error"
            if "api key" in error.lower():
                raise AuthFailed(label, error, hint=self.http.opts.auth_hint)
            raise BadRequest(label, f"mode={mode}: {error}")
        return data

    async def version(self) -> str:
        data = await self.call("version")
        return str(data.get("version") or "")

    async def queue(self, limit: int = 200) -> dict[str, Any]:
        return _section(await self.call("queue", limit=limit), "queue", self.instance.label)

    async def history(self, limit: int, start: int = 0) -> dict[str, Any]:
        data = await self.call("history", limit=limit, start=start)
        return _section(data, "history", self.instance.label)

    async def warnings(self) -> list[Any]:
        data = await self.call("warnings")
        found = data.get("warnings")
        return found if isinstance(found, list) else []

    async def pause(self, nzo_id: str | None = None) -> dict[str, Any]:
        if nzo_id is None:
            return await self.call("pause", write=True)
        return await self.call("queue", write=True, name="pause", value=check_nzo_id(nzo_id))

    async def resume(self, nzo_id: str | None = None) -> dict[str, Any]:
        if nzo_id is None:
            return await self.call("resume", write=True)
        return await self.call("queue", write=True, name="resume", value=check_nzo_id(nzo_id))

    async def speed_limit(self, value: str) -> dict[str, Any]:
        if not _SPEED.match(value):
            raise BadRequest(self.instance.label, f"speed limit {value!r} is not 0-100 or e.g. 5M")
        return await self.call("config", write=True, name="speedlimit", value=value)

    async def add_url(self, url: str, name: str | None, category: str | None) -> dict[str, Any]:
        return await self.call("addurl", write=True, name=url, nzbname=name, cat=category)

    async def retry(self, nzo_id: str) -> dict[str, Any]:
        return await self.call("retry", write=True, value=check_nzo_id(nzo_id))

    async def delete(self, nzo_id: str, where: str, delete_files: bool) -> dict[str, Any]:
        section = "history" if where == "history" else "queue"
        return await self.call(
            section,
            write=True,
            name="delete",
            value=check_nzo_id(nzo_id),
            del_files=1 if delete_files else 0,
        )


def _section(data: dict[str, Any], key: str, label: str) -> dict[str, Any]:
    found = data.get(key)
    if not isinstance(found, dict):
        raise BadResponse(label, f"no '{key}' object in the answer")
    return found
