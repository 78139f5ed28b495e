"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.previews import Previews
from home_assistant_mcp.safety import Policy
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.tasmota_client import TasmotaClient
from homelab_shared.toolbox import ClientHolder


class Upstreams:
    """The server's two upstreams, made and closed together by the lifespan."""

    def __init__(self, ha: HAClient, tasmota: TasmotaClient, *, owns_ha: bool = True) -> None:
        self.ha = ha
        self.tasmota = tasmota
        self._owns_ha = owns_ha

    async def aclose(self) -> None:
        await self.tasmota.aclose()
        if self._owns_ha:
            await self.ha.aclose()


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: HASettings
    previews: Previews = field(default_factory=Previews)

    def ha(self) -> HAClient:
        return self.holder.get().ha

    def tasmota(self) -> TasmotaClient:
        return self.holder.get().tasmota

    @property
    def policy(self) -> Policy:
        return Policy(
            sensitive=tuple(self.settings.sensitive_services),
            safe=tuple(self.settings.safe_services),
        )


ENTITY_ID = r"^[a-z0-9_]+\.[a-z0-9_]+$"  # also enforced in targets.py and the client
EntityId = Annotated[
    str,
    Field(description="e.g. light.kitchen", pattern=ENTITY_ID),
]
EntityIds = Annotated[
    list[Annotated[str, Field(pattern=ENTITY_ID)]],
    Field(min_length=1, max_length=50, description="e.g. ['light.kitchen']"),
]
Query = Annotated[str | None, Field(description="Name or id words; typos ok")]
Since = Annotated[str, Field(description="ISO (default UTC) or relative: -24h, -90m, -7d")]
Until = Annotated[str | None, Field(description="ISO or relative; default now")]
