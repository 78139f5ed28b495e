"""Typed async client for one Sonarr, Radarr or Prowlarr instance. Knows nothing of MCP.

All three speak the same Servarr REST dialect: ``/api/v3`` (Prowlarr ``/api/v1``), the key in
``X-Api-Key``, JSON everywhere. ``Accept: application/json`` is always sent (UpstreamHTTP sets it):
Radarr answers 500 without it where its spec lists text/plain first. Ids that go into a path are
integers, so no caller can change the endpoint with ``/`` or ``..``.
"""

from __future__ import annotations

from typing import Any

import httpx

from arr_suite_mcp.settings import App, ArrSettings, Instance
from homelab_shared.errors import BadResponse
from homelab_shared.http import HttpOptions, UpstreamHTTP, status_error

API_ROOT = {"sonarr": "/api/v3", "radarr": "/api/v3", "prowlarr": "/api/v1"}
# The media resource of each library app and the key of its ids in command bodies.
MEDIA = {"sonarr": "series", "radarr": "movie"}


def http_for(
    inst: Instance,
    settings: ArrSettings,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> UpstreamHTTP:
    """The pooled HTTP client of one instance, with hints naming its own variables."""
    return UpstreamHTTP(
        HttpOptions(
            base_url=inst.url,
            service=inst.label,
            auth_hint=f"check {inst.prefix}API_KEY (the app's Settings > General > API Key)",
            url_hint=f"check {inst.prefix}URL",
            headers=headers or {},
            params=params or {},
            timeout=settings.timeout,
            verify_ssl=settings.verify_ssl,
            ca_bundle=settings.ca_bundle,
        ),
        transport=transport,
    )


class ArrClient:
    """One Sonarr, Radarr or Prowlarr instance."""

    def __init__(
        self,
        inst: Instance,
        settings: ArrSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.instance = inst
        self.app: App = inst.app
        self.root = API_ROOT[inst.app]
        key = inst.api_key.get_secret_value()
        self.http = http_for(inst, settings, headers={"X-Api-Key": key}, transport=transport)

    async def aclose(self) -> None:
        await self.http.aclose()

    # --- plumbing ----------------------------------------------------------------------------

    async def get(self, path: str, **params: Any) -> Any:
        clean = {k: _param(v) for k, v in params.items() if v is not None}
        return await self.http.get_json(f"{self.root}{path}", params=clean)

    async def send(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        clean = {k: _param(v) for k, v in params.items() if v is not None}
        kwargs: dict[str, Any] = {"params": clean}
        if body is not None:
            kwargs["json"] = body
        return await self.http.json(method, f"{self.root}{path}", **kwargs)

    async def get_list(self, path: str, **params: Any) -> list[dict[str, Any]]:
        data = await self.get(path, **params)
        if not isinstance(data, list):
            raise BadResponse(self.instance.label, f"expected a list from {self.root}{path}")
        return [d for d in data if isinstance(d, dict)]

    async def get_object(self, path: str, **params: Any) -> dict[str, Any]:
        data = await self.get(path, **params)
        if not isinstance(data, dict):
            raise BadResponse(self.instance.label, f"expected an object from {self.root}{path}")
        return data

    async def paged(self, path: str, size: int, **params: Any) -> tuple[list[dict[str, Any]], int]:
        """The first ``size`` records of a paging resource and its ``totalRecords``."""
        data = await self.get_object(path, page=1, pageSize=size, **params)
        records = data.get("records") or []
        return [r for r in records if isinstance(r, dict)], int(data.get("totalRecords") or 0)

    # --- common to all three -------------------------------------------------------------------

    async def system_status(self) -> dict[str, Any]:
        return await self.get_object("/system/status")

    async def health(self) -> list[dict[str, Any]]:
        return await self.get_list("/health")

    async def tags(self) -> dict[int, str]:
        return {int(t["id"]): str(t.get("label") or "") for t in await self.get_list("/tag")}

    # --- Sonarr / Radarr -------------------------------------------------------------------------

    @property
    def media(self) -> str:
        return MEDIA[self.app]

    async def diskspace(self) -> list[dict[str, Any]]:
        return await self.get_list("/diskspace")

    async def library(self) -> list[dict[str, Any]]:
        return await self.get_list(f"/{self.media}")

    async def item(self, item_id: int) -> dict[str, Any]:
        return await self.get_object(f"/{self.media}/{int(item_id)}")

    async def lookup(self, term: str) -> list[dict[str, Any]]:
        return await self.get_list(f"/{self.media}/lookup", term=term)

    async def add(self, body: dict[str, Any]) -> dict[str, Any]:
        data = await self.send("POST", f"/{self.media}", body)
        return data if isinstance(data, dict) else {}

    async def delete_item(self, item_id: int, delete_files: bool) -> None:
        await self.send("DELETE", f"/{self.media}/{int(item_id)}", deleteFiles=delete_files)

    async def set_monitored(self, ids: list[int], monitored: bool) -> list[dict[str, Any]]:
        key = "seriesIds" if self.app == "sonarr" else "movieIds"
        data = await self.send(
            "PUT", f"/{self.media}/editor", {key: [int(i) for i in ids], "monitored": monitored}
        )
        return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []

    async def episodes(self, series_id: int) -> list[dict[str, Any]]:
        return await self.get_list("/episode", seriesId=int(series_id))

    async def movie_files(self, movie_id: int) -> list[dict[str, Any]]:
        return await self.get_list("/moviefile", movieId=int(movie_id))

    async def quality_profiles(self) -> list[dict[str, Any]]:
        return await self.get_list("/qualityprofile")

    async def root_folders(self) -> list[dict[str, Any]]:
        return await self.get_list("/rootfolder")

    async def calendar(self, start: str, end: str) -> list[dict[str, Any]]:
        extra = {"includeSeries": True} if self.app == "sonarr" else {}
        return await self.get_list("/calendar", start=start, end=end, **extra)

    async def queue(self, size: int) -> tuple[list[dict[str, Any]], int]:
        include = {"includeSeries": True, "includeEpisode": True}
        if self.app == "radarr":
            include = {"includeMovie": True}
        return await self.paged("/queue", size, **include)

    async def remove_queue_item(
        self, item_id: int, *, remove_from_client: bool, blocklist: bool
    ) -> None:
        await self.send(
            "DELETE",
            f"/queue/{int(item_id)}",
            removeFromClient=remove_from_client,
            blocklist=blocklist,
        )

    async def wanted_missing(self, size: int) -> tuple[list[dict[str, Any]], int]:
        extra = {"includeSeries": True} if self.app == "sonarr" else {}
        return await self.paged(
            "/wanted/missing", size, sortKey=_air_key(self.app), sortDirection="descending", **extra
        )

    async def history(self, size: int) -> tuple[list[dict[str, Any]], int]:
        include = {"includeSeries": True, "includeEpisode": True}
        if self.app == "radarr":
            include = {"includeMovie": True}
        return await self.paged(
            "/history", size, sortKey="date", sortDirection="descending", **include
        )

    async def command(self, name: str, **body: Any) -> dict[str, Any]:
        data = await self.send("POST", "/command", {"name": name, **body})
        return data if isinstance(data, dict) else {}

    # --- Prowlarr ------------------------------------------------------------------------------

    async def indexers(self) -> list[dict[str, Any]]:
        return await self.get_list("/indexer")

    async def indexer_status(self) -> list[dict[str, Any]]:
        return await self.get_list("/indexerstatus")

    async def indexer_stats(self) -> dict[str, Any]:
        return await self.get_object("/indexerstats")

    async def search(
        self, query: str, kind: str, categories: list[int], limit: int
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"query": query, "type": kind, "limit": limit}
        if categories:
            params["categories"] = categories
        return await self.get_list("/search", **params)

    async def grab(self, guid: str, indexer_id: int) -> dict[str, Any]:
        data = await self.send("POST", "/search", {"guid": guid, "indexerId": int(indexer_id)})
        return data if isinstance(data, dict) else {}

    async def test_indexers(self) -> list[dict[str, Any]]:
        """Each enabled indexer's result. Prowlarr answers the list with 400 instead of 200 when
        any indexer fails (its spec documents no body at all), so that 400 is an answer."""
        path = f"{self.root}/indexer/testall"
        response = await self.http.request("POST", path, accept=(400,))
        try:
            data = response.json() if response.content else None
        except ValueError:
            data = None
        if isinstance(data, list):
            return [d for d in data if isinstance(d, dict)]
        if response.is_success:
            return []
        raise status_error(self.http.opts, response)


def _param(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _air_key(app: str) -> str:
    # The date each app sorts wanted/missing by: an episode's air date, a movie's digital release
    # (when it can be downloaded). Radarr sorts by title for any key it does not list.
    return "episodes.airDateUtc" if app == "sonarr" else "movieMetadata.digitalRelease"
