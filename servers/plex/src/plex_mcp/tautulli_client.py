"""Tautulli API v2 (``GET /api/v2?apikey=KEY&cmd=<command>``) over httpx. Knows nothing of MCP.

Every answer is the envelope ``{"response": {"result": "success"|"error", "message", "data"}}``.
Current Tautulli sends errors with an HTTP status (401 'Invalid apikey', 400 'Unknown command',
404 'API not enabled'); older versions sent them with 200. Both leave here as shared errors
carrying Tautulli's own message.
"""

from __future__ import annotations

from typing import Any

import httpx

from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    BadResponse,
    Forbidden,
    UpstreamError,
    UpstreamServerError,
)
from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.redact import scrub
from plex_mcp.settings import PlexSettings

SERVICE = "Tautulli"
AUTH_HINT = "check TAUTULLI_API_KEY (Tautulli > Settings > Web Interface > API key)"


def envelope_error(status: int, message: str) -> UpstreamError:
    """Map Tautulli's error message (and HTTP status, if any) to the shared error classes."""
    text = scrub(message)[:200] or "no message"
    lowered = text.lower()
    if ("apikey" in lowered or "api key" in lowered) and "not enabled" not in lowered:
        return AuthFailed(SERVICE, text, hint=AUTH_HINT)
    if "not enabled" in lowered or status == 404:
        return Forbidden(
            SERVICE, text, hint="enable the API in Tautulli > Settings > Web Interface"
        )
    if status >= 500:
        return UpstreamServerError(SERVICE, text)
    return BadRequest(SERVICE, text)


def _envelope(response: httpx.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    inner = body.get("response") if isinstance(body, dict) else None
    return inner if isinstance(inner, dict) and "result" in inner else None


async def _raise_envelope_error(response: httpx.Response) -> None:
    """httpx response hook: a 4xx that carries Tautulli's envelope raises its own message
    (the generic mapping would only say 'HTTP 401'). Other statuses keep the shared handling."""
    if not 400 <= response.status_code < 500:
        return
    await response.aread()
    inner = _envelope(response)
    if inner is not None:
        raise envelope_error(response.status_code, str(inner.get("message") or ""))


class TautulliClient:
    """Typed commands over one pooled httpx client; the API key travels as a query parameter."""

    def __init__(
        self, settings: PlexSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        if not settings.tautulli_url or settings.tautulli_api_key is None:
            raise ValueError("Tautulli is not configured (TAUTULLI_URL, TAUTULLI_API_KEY)")
        opts = HttpOptions(
            base_url=settings.tautulli_url,
            service=SERVICE,
            auth_hint=AUTH_HINT,
            url_hint="check TAUTULLI_URL (include Tautulli's HTTP root if it has one)",
            params={"apikey": settings.tautulli_api_key.get_secret_value()},
            timeout=settings.timeout,
            verify_ssl=settings.verify_ssl,
            ca_bundle=settings.ca_bundle,
        )
        self.http = UpstreamHTTP(opts, transport=transport)
        self.http.client.event_hooks["response"] = [_raise_envelope_error]

    async def aclose(self) -> None:
        await self.http.aclose()

    async def cmd(self, command: str, **params: Any) -> Any:
        """Run one command and return its ``data``; errors raise UpstreamError."""
        query = {k: v for k, v in params.items() if v is not None}
        response = await self.http.request(
            "GET", "/api/v2", params={"cmd": command, **query}, idempotent=True
        )
        inner = _envelope(response)
        if inner is None:
            raise BadResponse(
                SERVICE,
                f"{command} did not return Tautulli's JSON envelope",
                hint="check TAUTULLI_URL points at Tautulli (not Plex or a proxy login page)",
            )
        if inner.get("result") != "success":
            raise envelope_error(response.status_code, str(inner.get("message") or ""))
        return inner.get("data")

    # --- commands (the data shapes are Tautulli's; tools translate them) ----------------------

    async def activity(self) -> dict[str, Any]:
        return await self.cmd("get_activity") or {}

    async def history(self, **params: Any) -> dict[str, Any]:
        return await self.cmd("get_history", **params) or {}

    async def home_stats(self, days: int, count: int) -> list[dict[str, Any]]:
        return await self.cmd("get_home_stats", time_range=days, stats_count=count) or []

    async def users_table(self, length: int, start: int) -> dict[str, Any]:
        params = {"length": length, "start": start, "order_column": "plays", "order_dir": "desc"}
        return await self.cmd("get_users_table", **params) or {}

    async def user_watch_time(self, user_id: int) -> list[dict[str, Any]]:
        return await self.cmd("get_user_watch_time_stats", user_id=user_id) or []

    async def libraries_table(self) -> dict[str, Any]:
        return await self.cmd("get_libraries_table", length=100) or {}

    async def library_watch_time(self, section_id: int) -> list[dict[str, Any]]:
        return await self.cmd("get_library_watch_time_stats", section_id=section_id) or []

    async def info(self) -> dict[str, Any]:
        return await self.cmd("get_tautulli_info") or {}

    async def server_status(self) -> dict[str, Any]:
        return await self.cmd("server_status") or {}

    async def server_info(self) -> dict[str, Any]:
        return await self.cmd("get_server_info") or {}
