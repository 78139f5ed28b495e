"""Baseline: a bare FastMCP server with one tool, written the way the FastMCP docs show it.

``python -m bench.bare_server --transport http --port N`` (stateless streamable HTTP on
127.0.0.1) or ``--transport stdio``. The upstream URL comes from ``BENCH_URL``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastmcp import FastMCP

from bench.payload import Payload

_client: dict[str, httpx.AsyncClient] = {}


@asynccontextmanager
async def lifespan(_server: FastMCP[Any]) -> AsyncIterator[dict[str, Any]]:
    client = httpx.AsyncClient(
        base_url=os.environ["BENCH_URL"],
        headers={"X-Api-Key": os.environ.get("BENCH_API_KEY", "")},
        timeout=10.0,
    )
    _client["http"] = client
    try:
        yield {}
    finally:
        await client.aclose()


mcp: FastMCP[Any] = FastMCP("bare", lifespan=lifespan)


@mcp.tool
async def get_payload(item_id: str = "bench-1") -> Payload:
    """Get the benchmark payload from the upstream."""
    response = await _client["http"].get(f"/payload/{item_id}")
    response.raise_for_status()
    return Payload.model_validate(response.json())


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.bare_server")
    parser.add_argument("--transport", choices=["stdio", "http"], default="stdio")
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    if args.transport == "stdio":
        mcp.run(transport="stdio", show_banner=False)
    else:
        mcp.run(
            transport="http",
            host="127.0.0.1",
            port=args.port,
            stateless_http=True,
            show_banner=False,
        )


if __name__ == "__main__":
    main()
