"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from pydantic import Field

from arr_suite_mcp.models import Merged
from arr_suite_mcp.settings import ArrSettings
from arr_suite_mcp.upstreams import Upstreams
from homelab_shared.errors import UpstreamError
from homelab_shared.output import Page, paginate
from homelab_shared.toolbox import ClientHolder

C = TypeVar("C")
T = TypeVar("T")


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: ArrSettings

    @property
    def up(self) -> Upstreams:
        return self.holder.get()


LibraryApp = Literal["sonarr", "radarr"]
# Only ever a key into the configured instances (never part of a URL): an unknown name is an
# error listing the known ones. Described in a few words: the gateway drops the server
# instructions, and the parameter is on 20 tools, whose schemas cost tokens on every turn.
InstanceName = Annotated[str | None, Field(description="Omit if only one")]
ItemId = Annotated[int, Field(ge=1, description="Series/movie id")]


async def merge_instances(
    clients: Sequence[C],
    fetch: Callable[[C], Awaitable[list[T]]],
    limit: int,
    offset: int,
    *,
    keep: Callable[[T], bool] = lambda _: True,
    order: Callable[[T], object] | None = None,
) -> Merged[T]:
    """Ask every instance at once; one that is down is named in ``unavailable``, not fatal.

    A homelab often has one instance off (a 4K Radarr on a NAS that sleeps): the merged answer
    of the others is still what the user asked for, as long as the gap is said.
    """
    results = await asyncio.gather(*(fetch(c) for c in clients), return_exceptions=True)
    entries: list[T] = []
    unavailable: list[str] = []
    for result in results:
        if isinstance(result, UpstreamError):
            unavailable.append(str(result))
        elif isinstance(result, BaseException):
            raise result
        else:
            entries += [e for e in result if keep(e)]
    if order is not None:
        entries.sort(key=order)  # type: ignore[arg-type]
    page = paginate(entries, limit, offset)
    return Merged[T](
        **page.model_dump(exclude={"items"}), items=page.items, unavailable=unavailable or None
    )


def page_of(rows: list[T], total: int, limit: int, offset: int) -> Page[T]:
    """A page of rows the upstream already paged (``rows`` start at ``offset``; ``total`` is
    the upstream's count), so the next page is asked of the upstream, not sliced here."""
    end = offset + len(rows[:limit])
    more = end < total
    return Page[T](
        items=rows[:limit],
        total=total,
        offset=offset,
        limit=limit,
        truncated=more,
        next_offset=end if more else None,
    )
