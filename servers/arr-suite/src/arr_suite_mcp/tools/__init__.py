"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from arr_suite_mcp.settings import ArrSettings
from arr_suite_mcp.upstreams import Upstreams
from homelab_shared.toolbox import ClientHolder


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: ArrSettings

    @property
    def up(self) -> Upstreams:
        return self.holder.get()


LibraryApp = Literal["sonarr", "radarr"]
# Only ever a key into the configured instances (never part of a URL): an unknown name is an
# error listing the known ones. Described once in the server instructions, not in every tool's
# schema (it is a parameter of 20 tools, and every schema costs tokens on every turn).
InstanceName = str | None
ItemId = Annotated[int, Field(ge=1, description="Series/movie id")]
