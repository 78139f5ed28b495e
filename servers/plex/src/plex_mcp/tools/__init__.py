"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import anyio.to_thread
from fastmcp.exceptions import ToolError
from pydantic import AfterValidator, Field

from homelab_shared.toolbox import ClientHolder
from plex_mcp.plex_client import PlexClient
from plex_mcp.settings import PlexSettings
from plex_mcp.tautulli_client import TautulliClient


class Upstreams:
    """The configured halves: a Plex client, a Tautulli client, or both."""

    def __init__(
        self,
        settings: PlexSettings,
        plex: PlexClient | None = None,
        tautulli: TautulliClient | None = None,
    ) -> None:
        self.plex = plex or (PlexClient(settings) if settings.plex_configured else None)
        self.tautulli = tautulli or (
            TautulliClient(settings) if settings.tautulli_configured else None
        )

    async def aclose(self) -> None:
        if self.tautulli is not None:
            await self.tautulli.aclose()
        if self.plex is not None:
            await anyio.to_thread.run_sync(self.plex.close)


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: PlexSettings

    def plex(self) -> PlexClient:
        client = self.holder.get().plex
        if client is None:
            raise ToolError(
                "Plex is not configured on this server: the operator sets PLEX_URL and "
                "PLEX_TOKEN (or PLEX_TOKEN_FILE). Tautulli tools still work."
            )
        return client

    def tautulli(self) -> TautulliClient:
        client = self.holder.get().tautulli
        if client is None:
            raise ToolError(
                "Tautulli is not configured on this server: the operator sets TAUTULLI_URL and "
                "TAUTULLI_API_KEY (or TAUTULLI_API_KEY_FILE)."
            )
        return client

    def has_plex(self) -> bool:
        return self.holder.get().plex is not None

    def has_tautulli(self) -> bool:
        return self.holder.get().tautulli is not None


# Shorter than the shared Limit/Offset descriptions: every tool definition is sent every turn,
# and "limit" needs no words.
Limit = Annotated[int, Field(ge=1, le=500)]
Offset = Annotated[int, Field(ge=0, description="From next_offset")]
RatingKey = Annotated[
    int,
    Field(ge=1, strict=True, description="Item id (rating_key)"),
]
# strict: a JSON true or "1/../x" is not an id (lax validation would turn true into 1)
LibraryId = Annotated[int, Field(ge=1, strict=True, description="Library id (list_libraries)")]


def capped(what: str, most: int) -> AfterValidator:
    """A length cap checked on the server but kept out of the tool's schema (tools/list is sent
    every turn; a name needs no stated maximum to be used right)."""

    def check(value: str) -> str:
        if len(value) > most:
            raise ValueError(f"a {what} has at most {most} characters")
        return value

    return AfterValidator(check)


ClientName = Annotated[
    str,
    Field(min_length=1, description="Player name or id (list_clients)"),
    capped("player name", 200),
]
