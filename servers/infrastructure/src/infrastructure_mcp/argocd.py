"""Typed async client for ArgoCD's REST API (``/api/v1``, bearer token). Imports nothing from MCP.

Names reach URL paths percent-encoded after the tools validated them, so ``/`` or ``..`` can
never change the endpoint.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx

from homelab_shared.errors import BadResponse
from homelab_shared.http import HttpOptions, UpstreamHTTP
from infrastructure_mcp.settings import InfraSettings

SERVICE = "ArgoCD"
AUTH_HINT = "check ARGOCD_TOKEN (argocd account generate-token) and the account's RBAC"
URL_HINT = "check ARGOCD_URL (e.g. https://argocd.lan)"
Obj = dict[str, Any]


def seg(value: str) -> str:
    return quote(value, safe="")


class ArgoClient:
    def __init__(
        self, settings: InfraSettings, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        assert settings.argocd_url and settings.argocd_token
        self.http = UpstreamHTTP(
            HttpOptions(
                base_url=settings.argocd_url,
                service=SERVICE,
                auth_hint=AUTH_HINT,
                url_hint=URL_HINT,
                headers={"Authorization": f"Bearer {settings.argocd_token.get_secret_value()}"},
                timeout=settings.timeout,
                verify_ssl=settings.verify_ssl,
                ca_bundle=settings.ca_bundle,
            ),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _obj(self, method: str, path: str, **kwargs: Any) -> Obj:
        data = await self.http.json(method, path, **kwargs)
        if not isinstance(data, dict):
            raise BadResponse(SERVICE, f"expected an object from {path}")
        return data

    async def version(self) -> str:
        data = await self._obj("GET", "/api/version")
        return str(data.get("Version") or "unknown")

    async def applications(self, project: str | None, selector: str | None) -> list[Obj]:
        params: dict[str, str] = {}
        if project:
            params["projects"] = project
        if selector:
            params["selector"] = selector
        data = await self._obj("GET", "/api/v1/applications", params=params)
        return list(data.get("items") or [])

    async def application(self, name: str, refresh: str | None = None) -> Obj:
        params = {"refresh": refresh} if refresh else {}
        return await self._obj("GET", f"/api/v1/applications/{seg(name)}", params=params)

    async def resource_tree(self, name: str) -> Obj:
        return await self._obj("GET", f"/api/v1/applications/{seg(name)}/resource-tree")

    async def applicationsets(self) -> list[Obj]:
        data = await self._obj("GET", "/api/v1/applicationsets")
        return list(data.get("items") or [])

    async def applicationset(self, name: str) -> Obj:
        return await self._obj("GET", f"/api/v1/applicationsets/{seg(name)}")

    async def pod_logs(
        self, name: str, pod: str, namespace: str, container: str | None, tail: int
    ) -> list[str]:
        params: dict[str, str] = {
            "namespace": namespace,
            "tailLines": str(tail),
            "follow": "false",
        }
        if container:
            params["container"] = container
        path = f"/api/v1/applications/{seg(name)}/pods/{seg(pod)}/logs"
        response = await self.http.request("GET", path, params=params)
        return parse_log_stream(response.text)

    async def sync(self, name: str, *, dry_run: bool, prune: bool, revision: str | None) -> Obj:
        body: Obj = {"name": name, "dryRun": dry_run, "prune": prune}
        if revision:
            body["revision"] = revision
        return await self._obj("POST", f"/api/v1/applications/{seg(name)}/sync", json=body)

    async def rollback(self, name: str, history_id: int) -> Obj:
        body = {"name": name, "id": history_id}
        return await self._obj("POST", f"/api/v1/applications/{seg(name)}/rollback", json=body)

    async def delete(self, name: str, cascade: bool) -> None:
        params = {"cascade": "true" if cascade else "false"}
        await self.http.request("DELETE", f"/api/v1/applications/{seg(name)}", params=params)


def parse_log_stream(text: str) -> list[str]:
    """ArgoCD streams one JSON object per line: ``{"result": {"content": ..., "last": ...}}``."""
    lines: list[str] = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        try:
            entry = json.loads(raw)
        except ValueError as err:
            raise BadResponse(SERVICE, "log stream is not JSON lines") from err
        result = entry.get("result") if isinstance(entry, dict) else None
        if not isinstance(result, dict) or result.get("last"):
            continue
        lines.append(str(result.get("content", "")))
    return lines
