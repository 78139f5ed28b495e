"""Lean output: pagination, a ``detail`` convention, and the result size cap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

Detail = Annotated[
    Literal["summary", "full"],
    Field(description="full: every attribute"),
]
# No descriptions: "limit" and "offset" explain themselves, and the page's next_offset says what
# to pass next. Every paged tool paid ~17 tokens per tools/list for saying it again.
Limit = Annotated[int, Field(ge=1, le=500)]
Offset = Annotated[int, Field(ge=0)]


class Page(BaseModel, Generic[T]):
    """One page of a list. ``truncated`` means more items exist: call again with ``next_offset``."""

    items: list[T]
    total: int = Field(description="Items matching, across all pages")
    offset: int
    limit: int
    truncated: bool
    next_offset: int | None = Field(None, description="Pass as offset to get the next page")


def paginate(items: Sequence[T], limit: int, offset: int = 0) -> Page[T]:
    window = list(items[offset : offset + limit])
    end = offset + len(window)
    more = end < len(items)
    return Page[T](
        items=window,
        total=len(items),
        offset=offset,
        limit=limit,
        truncated=more,
        next_offset=end if more else None,
    )


def too_large_message(tool: str, size: int, cap: int) -> str:
    return (
        f"The result of {tool} is {size:,} characters, over this server's cap of {cap:,} "
        "(HOMELAB_MAX_RESULT_CHARS). Ask for less: pass a smaller limit and page with offset, "
        "use detail='summary', or narrow the query with a filter."
    )
