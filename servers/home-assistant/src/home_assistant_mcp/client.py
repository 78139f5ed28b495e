"""Typed async client for Home Assistant: REST where simpler, one WebSocket for the rest.

Knows HTTP, the WebSocket protocol and Home Assistant's quirks; imports nothing from MCP. Every
failure leaves as a :mod:`homelab_shared.errors` class whose message names HA_URL or HA_TOKEN.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from home_assistant_mcp.live_states import LiveStates, Snapshot
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.websocket import SERVICE, HAWebSocket, Subscription
from homelab_shared.errors import BadRequest, BadResponse, NotFound
from homelab_shared.http import HttpOptions, UpstreamHTTP

AUTH_HINT = (
    "check HA_TOKEN: it must be a long-lived access token of this Home Assistant "
    "(profile > Security > Long-lived access tokens)"
)
URL_HINT = "check HA_URL (e.g. http://homeassistant.local:8123)"
REGISTRY_TTL = 30.0  # registries change rarely; searches (never safety decisions) reuse them
ENTITY_ID = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")
SERVICES_TTL = 300.0

T = TypeVar("T")
State = dict[str, Any]


def iso(ts: datetime) -> str:
    return ts.isoformat(timespec="seconds")


class _Cache:
    """A tiny TTL cache for registry and service lists (one server, one process)."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[float, Any]] = {}
        self._loading: dict[str, asyncio.Future[Any]] = {}  # key -> the load in flight

    async def get(
        self, key: str, ttl: float, load: Callable[[], Awaitable[T]], *, fresh: bool = False
    ) -> T:
        """The cached value, or a new load once ``ttl`` has passed (always, when ``fresh``).

        A load equal to the cached value returns the cached object: callers key their own
        caches on its identity (the catalog, and on that the search index, rebuilt only when
        a registry really changed, not every ``ttl`` or after every fresh safety load)."""
        hit = self._data.get(key)
        if not fresh and hit is not None and time.monotonic() - hit[0] < ttl:
            return hit[1]
        pending = self._loading.get(key)
        if not fresh and pending is not None:
            # The same load is in flight (the start-up warm-up's, or a concurrent call): share
            # it instead of fetching again. A fresh caller (a safety check) loads on its own.
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():
                    raise  # this caller was cancelled
                # the loader was cancelled (a warm-up past its deadline): load here
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._loading[key] = done
        try:
            value = await load()
        except asyncio.CancelledError:
            done.cancel()
            raise
        except Exception as err:
            done.set_exception(err)
            done.exception()  # retrieved: nobody else may be waiting
            raise
        finally:
            if self._loading.get(key) is done:
                del self._loading[key]
        if hit is not None and hit[1] == value:
            value = hit[1]
        self._data[key] = (time.monotonic(), value)
        done.set_result(value)
        return value

    def clear(self) -> None:
        self._data.clear()


class HAClient:
    """One Home Assistant: a pooled HTTP client and one persistent WebSocket."""

    def __init__(
        self,
        settings: HASettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        live_states: bool = True,
    ) -> None:
        self._cache = _Cache()
        token = settings.token.get_secret_value()
        self.base_url = settings.url
        self.http = UpstreamHTTP(
            HttpOptions(
                base_url=settings.url,
                service=SERVICE,
                auth_hint=AUTH_HINT,
                url_hint=URL_HINT,
                headers={"Authorization": f"Bearer {token}"},
                timeout=settings.timeout,
                verify_ssl=settings.verify_ssl,
                ca_bundle=settings.ca_bundle,
            ),
            transport=transport,
        )
        self.ws = HAWebSocket(
            settings.url,
            token,
            verify_ssl=settings.verify_ssl,
            ca_bundle=str(settings.ca_bundle) if settings.ca_bundle else None,
            request_timeout=settings.timeout,
            reconnect_max=settings.ws_reconnect_max,
            auth_hint=AUTH_HINT,
            url_hint=URL_HINT,
            on_connect=self._connected,
        )
        # States kept from the WebSocket for display reads; ``live_states=False``: REST each time
        self.live = LiveStates(self.ws, self.states, enabled=live_states)

    async def aclose(self) -> None:
        await self.ws.aclose()
        await self.http.aclose()

    # --- REST ---------------------------------------------------------------------------------

    async def api_status(self) -> dict[str, Any]:
        """``/api/``: {"message": "API running."} when the token is accepted."""
        return await self.http.get_json("/api/")

    async def config(self) -> dict[str, Any]:
        return await self.http.get_json("/api/config")

    async def states(self) -> list[State]:
        """Every state, fetched now (safety decisions use this; displays use :meth:`snapshot`)."""
        data = await self.http.get_json("/api/states")
        if not isinstance(data, list):
            raise BadResponse(SERVICE, "/api/states did not return a list")
        return data

    async def state(self, entity_id: str) -> State:
        if not ENTITY_ID.fullmatch(entity_id):  # never let an id choose another endpoint
            raise BadRequest(SERVICE, f"{entity_id!r} is not an entity id")
        try:
            return await self.http.get_json(f"/api/states/{quote(entity_id, safe='')}")
        except NotFound:
            raise NotFound(
                SERVICE,
                f"no entity {entity_id}",
                hint="find the right id with search_entities",
            ) from None

    async def snapshot(self) -> Snapshot:
        """Every state for display: kept in memory from the WebSocket, REST until it is in sync.

        Up to date within the latency of Home Assistant's state events; never left over from
        before a lost connection. Not for safety decisions (they use :meth:`states`)."""
        return await self.live.snapshot()

    async def states_of(self, entity_ids: Sequence[str], *, live: bool = False) -> list[State]:
        """Current states of several entities (unknown ids are left out).

        ``live``: for display, from :meth:`snapshot`'s states when they are in sync (or many ids
        are asked); otherwise fetched now."""
        if live and (self.live.synced or len(entity_ids) > 8):
            return await self.live.pick(entity_ids)
        if len(entity_ids) > 8:
            wanted = set(entity_ids)
            return [s for s in await self.states() if s["entity_id"] in wanted]

        async def one(entity_id: str) -> State | None:
            try:
                return await self.state(entity_id)
            except NotFound:
                return None

        found = await asyncio.gather(*(one(e) for e in entity_ids))
        return [s for s in found if s is not None]

    async def services(self, *, fresh: bool = False) -> dict[str, dict[str, Any]]:
        """``{domain: {service: description}}`` from /api/services (cached)."""

        async def load() -> dict[str, dict[str, Any]]:
            data = await self.http.get_json("/api/services")
            return {d["domain"]: d.get("services", {}) for d in data}

        return await self._cache.get("services", SERVICES_TTL, load, fresh=fresh)

    async def history(
        self,
        entity_ids: Sequence[str],
        start: datetime,
        end: datetime,
        *,
        minimal: bool = True,
    ) -> list[list[State]]:
        params: dict[str, str] = {
            "filter_entity_id": ",".join(entity_ids),
            "end_time": iso(end),
            "no_attributes": "",
        }
        if minimal:
            params["minimal_response"] = ""
        return await self.http.get_json(f"/api/history/period/{iso(start)}", params=params)

    async def logbook(
        self, start: datetime, end: datetime, entity_id: str | None = None
    ) -> list[dict[str, Any]]:
        params = {"end_time": iso(end)}
        if entity_id:
            params["entity"] = entity_id
        return await self.http.get_json(f"/api/logbook/{iso(start)}", params=params)

    async def render_template(self, template: str) -> str:
        response = await self.http.request("POST", "/api/template", json={"template": template})
        return response.text

    async def post_service(
        self, domain: str, service: str, data: dict[str, Any] | None = None
    ) -> Any:
        """Call a service over REST. Only for ``homeassistant.restart``/``stop``: a WebSocket
        with that call in flight holds Home Assistant's shutdown up for its 10 s HTTP timeout."""
        return await self.http.json(
            "POST", f"/api/services/{domain}/{service}", json=data or {}, idempotent=False
        )

    async def error_log(self) -> str:
        response = await self.http.request("GET", "/api/error_log")
        return response.text

    # --- WebSocket ----------------------------------------------------------------------------

    async def call_service(
        self,
        domain: str,
        service: str,
        data: dict[str, Any] | None = None,
        target: dict[str, Any] | None = None,
        *,
        return_response: bool = False,
        within: float | None = None,
    ) -> Any:
        """Call a service over the WebSocket (clear validation errors, optional response data).

        Never retried: a service call is not safe to repeat.
        """
        payload: dict[str, Any] = {"domain": domain, "service": service}
        if data:
            payload["service_data"] = data
        if target:
            payload["target"] = target
        if return_response:
            payload["return_response"] = True
        result = await self.ws.command("call_service", retry=False, within=within, **payload)
        return (result or {}).get("response")

    async def areas(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        return await self._registry(fresh, "config/area_registry/list")

    async def floors(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        return await self._registry(fresh, "config/floor_registry/list")

    async def labels(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        return await self._registry(fresh, "config/label_registry/list")

    async def devices(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        return await self._registry(fresh, "config/device_registry/list")

    async def entities(self, *, fresh: bool = False) -> list[dict[str, Any]]:
        return await self._registry(fresh, "config/entity_registry/list")

    async def _registry(self, fresh: bool, command: str) -> list[dict[str, Any]]:
        async def load() -> list[dict[str, Any]]:
            return await self.ws.command(command)

        return await self._cache.get(command, REGISTRY_TTL, load, fresh=fresh)

    def forget_registries(self) -> None:
        """Drop cached registries (and services): after a reconnect they may have changed."""
        self._cache.clear()

    def _connected(self) -> None:
        """A reconnection forgets the registries; the first connection has nothing to forget.
        What is cached then was fetched moments ago (the start-up warm-up fetches the services
        over REST beside the WebSocket's handshake): dropping it made the first call after the
        warm-up fetch ``/api/services`` again."""
        if self.ws.connects > 1:
            self.forget_registries()

    async def automation_config(self, entity_id: str) -> dict[str, Any]:
        """An automation's configuration (triggers, actions); needs an administrator's token."""
        result = await self.ws.command("automation/config", entity_id=entity_id)
        return (result or {}).get("config") or {}

    async def script_config(self, entity_id: str) -> dict[str, Any]:
        """A script's configuration (sequence, fields); needs an administrator's token."""
        result = await self.ws.command("script/config", entity_id=entity_id)
        return (result or {}).get("config") or {}

    async def statistics(
        self,
        statistic_ids: Sequence[str],
        start: datetime,
        end: datetime,
        period: str,
        types: Sequence[str] = ("mean", "min", "max", "sum", "state", "change"),
    ) -> dict[str, list[dict[str, Any]]]:
        return await self.ws.command(
            "recorder/statistics_during_period",
            start_time=iso(start),
            end_time=iso(end),
            statistic_ids=list(statistic_ids),
            period=period,
            types=list(types),
        )

    async def statistic_ids(self) -> list[dict[str, Any]]:
        return await self.ws.command("recorder/list_statistic_ids")

    async def system_log(self) -> list[dict[str, Any]]:
        return await self.ws.command("system_log/list")

    async def repair_issues(self) -> list[dict[str, Any]]:
        result = await self.ws.command("repairs/list_issues")
        return (result or {}).get("issues", [])

    def state_trigger(self, entity_id: str, to: str | None = None) -> Subscription:
        """Events each time ``entity_id`` changes state (to ``to``, when given)."""
        trigger: dict[str, Any] = {"platform": "state", "entity_id": entity_id}
        if to is not None:
            trigger["to"] = to
        return self.ws.subscription("subscribe_trigger", trigger=trigger)
