"""Every configured instance's client, made and closed together; picks one by app and name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from arr_suite_mcp.client import ArrClient
from arr_suite_mcp.sabnzbd import SabnzbdClient
from arr_suite_mcp.settings import TITLES, App, ArrSettings, Instance
from homelab_shared.errors import UpstreamError

Client = ArrClient | SabnzbdClient


class NotConfigured(UpstreamError):
    cause = "not configured"


class ReadOnlyInstance(UpstreamError):
    cause = "this instance is read-only"


class Upstreams:
    """One client per instance (``transport`` lets tests route every instance through one mock)."""

    def __init__(
        self,
        settings: ArrSettings,
        *,
        transport: Callable[[Instance], httpx.AsyncBaseTransport | None] | None = None,
    ) -> None:
        self.settings = settings
        self.clients: dict[tuple[str, str], Client] = {}
        for inst in settings.instances:
            mock = transport(inst) if transport else None
            cls = SabnzbdClient if inst.app == "sabnzbd" else ArrClient
            self.clients[(inst.app, inst.name)] = cls(inst, settings, transport=mock)

    async def aclose(self) -> None:
        for client in self.clients.values():
            await client.aclose()

    def of(self, app: App) -> list[Client]:
        return [c for (a, _), c in self.clients.items() if a == app]

    def arrs(self, app: App) -> list[ArrClient]:
        return [c for c in self.of(app) if isinstance(c, ArrClient)]

    def every(self) -> list[Client]:
        return list(self.clients.values())

    def pick(self, app: App, instance: str | None, *, write: bool = False) -> Any:
        """The instance named ``instance``, or the only one; errors list the configured names.
        ``write``: for a write or destructive tool, refused on an instance set read-only."""
        client = self._find(app, instance)
        inst = client.instance
        if write and inst.allow_write is False:
            raise ReadOnlyInstance(
                inst.label, hint=f"{inst.prefix}ALLOW_WRITE=false keeps it read-only"
            )
        return client

    def _find(self, app: App, instance: str | None) -> Any:
        found = {name: c for (a, name), c in self.clients.items() if a == app}
        title = TITLES[app]
        if not found:
            hint = f"set {app.upper()}_URL and {app.upper()}_API_KEY"
            raise NotConfigured(title, "no instance", hint=hint)
        if instance is None:
            if len(found) == 1:
                return next(iter(found.values()))
            names = ", ".join(sorted(found))
            raise NotConfigured(
                title, f"several instances ({names})", hint="pass instance=<name> to choose one"
            )
        client = found.get(instance)
        if client is None:
            names = ", ".join(sorted(found))
            raise NotConfigured(title, f"no instance named {instance!r}", hint=f"known: {names}")
        return client

    def arr(self, app: App, instance: str | None, *, write: bool = False) -> ArrClient:
        client = self.pick(app, instance, write=write)
        assert isinstance(client, ArrClient)
        return client

    def sab(self, instance: str | None, *, write: bool = False) -> SabnzbdClient:
        client = self.pick("sabnzbd", instance, write=write)
        assert isinstance(client, SabnzbdClient)
        return client
