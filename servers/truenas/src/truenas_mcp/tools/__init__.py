"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastmcp import Context
from pydantic import AfterValidator, Field

from homelab_shared.toolbox import ClientHolder
from truenas_mcp.client import TrueNASClient

# ZFS names: a pool, then /-separated components of letters, digits and _ - . : (no spaces, no
# empty, "." or ".." components); a snapshot adds @name.
_COMPONENT = r"[A-Za-z0-9_:-][A-Za-z0-9_.:-]*"
DATASET = rf"^[A-Za-z0-9][A-Za-z0-9_.:-]*(/{_COMPONENT})*$"
SNAPSHOT = rf"^[A-Za-z0-9][A-Za-z0-9_.:-]*(/{_COMPONENT})*@[A-Za-z0-9_][A-Za-z0-9_.:-]*$"
LABEL = r"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$"
NAME = r"^[a-z0-9]([a-z0-9-]{0,62})$"


def checked(what: str, pattern: str, max_length: int, example: str) -> AfterValidator:
    """Validate a name against ``pattern`` on the server, without the pattern in the tool's
    schema: these regexes cost ~25 tokens each in every tools/list, and the example says
    enough to a model; a bad name is still refused before TrueNAS is called."""
    regex = re.compile(pattern)

    def check(value: str) -> str:
        if len(value) > max_length or not regex.match(value):
            raise ValueError(f"not a {what} name like {example} (at most {max_length} characters)")
        return value

    return AfterValidator(check)


DatasetName = Annotated[
    str, Field(description="e.g. tank/media"), checked("dataset", DATASET, 200, "tank/media")
]
SnapshotName = Annotated[
    str,
    Field(description="e.g. tank/media@daily-01"),
    checked("snapshot", SNAPSHOT, 250, "tank/media@daily-01"),
]
PoolName = Annotated[str, Field(description="e.g. tank"), checked("pool", DATASET, 64, "tank")]
SnapshotLabel = Annotated[
    str,
    Field(description="After @; default manual-<UTC time>"),
    checked("snapshot", LABEL, 120, "daily-01"),
]
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
