"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from arr_suite_mcp.settings import INSTANCE_NAME, ArrSettings
from arr_suite_mcp.upstreams import Upstreams
from homelab_shared.toolbox import ClientHolder


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: ArrSettings

    @property
    def up(self) -> Upstreams:
        return self.holder.get()


LibraryApp = Annotated[Literal["sonarr", "radarr"], Field(description="sonarr (TV) or radarr")]
InstanceName = Annotated[
    str | None,
    Field(pattern=INSTANCE_NAME, description="Instance (see health); omit if only one"),
]
ItemId = Annotated[int, Field(ge=1, description="Series/movie id (list_library)")]
