"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastmcp import Context
from pydantic import Field

from homelab_shared.toolbox import ClientHolder
from truenas_mcp.client import TrueNASClient

# ZFS names: a pool, then /-separated components of letters, digits and _ - . : (no spaces, no
# empty, "." or ".." components); a snapshot adds @name.
_COMPONENT = r"[A-Za-z0-9_:-][A-Za-z0-9_.:-]*"
DATASET = rf"^[A-Za-z0-9][A-Za-z0-9_.:-]*(/{_COMPONENT})*$"
SNAPSHOT = rf"^[A-Za-z0-9][A-Za-z0-9_.:-]*(/{_COMPONENT})*@[A-Za-z0-9_][A-Za-z0-9_.:-]*$"
NAME = r"^[a-z0-9]([a-z0-9-]{0,62})$"

DatasetName = Annotated[
    str, Field(pattern=DATASET, max_length=200, description="Dataset, e.g. tank/media")
]
SnapshotName = Annotated[
    str,
    Field(pattern=SNAPSHOT, max_length=250, description="Snapshot, e.g. tank/media@daily-01"),
]
PoolName = Annotated[str, Field(pattern=DATASET, max_length=64, description="Pool, e.g. tank")]
AppName = Annotated[str, Field(pattern=NAME, description="App name, e.g. jellyfin")]


@dataclass
class Deps:
    holder: ClientHolder[TrueNASClient]

    def nas(self) -> TrueNASClient:
        return self.holder.get()


def reporter(ctx: Context | None) -> Callable[[float, str], Awaitable[None]] | None:
    """A job progress callback that becomes MCP progress notifications (percent of 100)."""
    if ctx is None:
        return None

    async def report(percent: float, message: str) -> None:
        await ctx.report_progress(percent, 100.0, message or None)

    return report
