"""How fast a stopped upstream is reported: time from tool call to the actionable error.

The Home Assistant server (in-memory MCP client) points at a loopback port nobody listens on,
so every connection is refused. Measured in the same run, call by call alternated:

- ``now``: the current retry policy (a refused connection is attempted once);
- ``old``: the previous policy, patched back in (every failed connect retried with backoff, the
  WebSocket opened up to 3 times);
- ``floor``: one bare ``httpx`` GET to the same port (the least any client can take).

    uv run python -m bench.failure_latency            # ~15 s
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import httpx
from fastmcp import Client

import homelab_shared.http as shared_http
import homelab_shared.websocket as shared_ws
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.peers import free_port

GOAL_MS = 200.0
TOOLS = ("get_config", "search_entities")


@contextlib.contextmanager
def old_policy() -> Iterator[None]:
    """Retry every failed connect, as before (refusals included)."""
    saved = shared_http.was_reset, shared_ws._retryable_open
    shared_http.was_reset = lambda err: True  # type: ignore[assignment]
    shared_ws._retryable_open = lambda err: True  # type: ignore[assignment]
    try:
        yield
    finally:
        shared_http.was_reset, shared_ws._retryable_open = saved


async def timed_error(client: Client[Any], tool: str) -> tuple[float, str]:
    start = time.perf_counter()
    result = await client.call_tool(tool, {}, raise_on_error=False)
    elapsed = (time.perf_counter() - start) * 1000
    assert result.is_error, f"{tool} unexpectedly succeeded"
    return elapsed, result.content[0].text  # type: ignore[union-attr]


async def run(calls: int) -> str:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="fail-") as tmp:
        runtime = load_settings(RuntimeSettings, state_dir=Path(tmp) / "state")
        settings = load_settings(HASettings, url=url, token="bench-token-0123456789")
        times: dict[str, dict[str, list[float]]] = {
            t: {"now": [], "old": [], "floor": []} for t in TOOLS
        }
        messages: dict[str, str] = {}
        async with Client(build_server(settings, runtime)) as client, httpx.AsyncClient() as http:
            for _ in range(calls):
                for tool in TOOLS:
                    ms, messages[tool] = await timed_error(client, tool)
                    times[tool]["now"].append(ms)
                    with old_policy():
                        times[tool]["old"].append((await timed_error(client, tool))[0])
                    start = time.perf_counter()
                    with contextlib.suppress(httpx.ConnectError):
                        await http.get(url)
                    times[tool]["floor"].append((time.perf_counter() - start) * 1000)
    lines = [
        f"Refused connection (stopped upstream), {calls} calls per tool and policy, p50 / max ms",
        "",
        "| tool | floor (bare httpx) | old policy | now | old ÷ now | goal | ok |",
        "|---|---|---|---|---|---|---|",
    ]
    for tool in TOOLS:
        t = times[tool]
        p = {k: statistics.median(v) for k, v in t.items()}
        mx = {k: max(v) for k, v in t.items()}
        ok = "yes" if mx["now"] <= GOAL_MS else "no"
        lines.append(
            f"| {tool} | {p['floor']:.1f} / {mx['floor']:.1f} | {p['old']:.0f} / {mx['old']:.0f} "
            f"| {p['now']:.1f} / {mx['now']:.1f} | {p['old'] / p['now']:.0f}x "
            f"| ≤ {GOAL_MS:g} ms | {ok} |"
        )
    lines += ["", *(f"- {tool}: {messages[tool]}" for tool in TOOLS)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=15)
    print(asyncio.run(run(parser.parse_args().calls)))


if __name__ == "__main__":
    main()
