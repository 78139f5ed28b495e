"""Baseline for ``bench.first_call``: a bare FastMCP server, written as FastMCP's docs show it,
whose one tool does a little pure work (no upstream). ``python -m bench.bare_pure`` (stdio).

What a call on plain FastMCP pays after an idle spell, first or not, is the floor the Home
Assistant server's first call is compared with in the same run.
"""

from __future__ import annotations

from typing import Any

from fastmcp import FastMCP

mcp: FastMCP[Any] = FastMCP("bare")


@mcp.tool
def work(n: int) -> dict[str, int]:
    """Sum of the squares below n."""
    return {"total": sum(i * i for i in range(n))}


if __name__ == "__main__":
    mcp.run(show_banner=False)
