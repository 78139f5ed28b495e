"""CPU per tool call of bare vs ours in ONE process, call by call: the low-noise overhead number.

    uv run python -m bench.inprocess            # ~20 s (bench.foundation runs it too, shorter)

Both servers run in this process behind fastmcp's in-memory transport (``Client(mcp)``: the
full MCP request path, middleware and serialization, but no HTTP server), against the real local
upstream (its own process, so its CPU is not counted). Calls alternate bare/ours one by one and
each is timed with the process CPU clock, so other load on the machine barely matters. Ours logs
like a served server (``configure_logging``: JSON lines, here to a temp file) — first at INFO
(the default), then at WARNING. The client's CPU is in both numbers, so the ratio understates
the server-side ratio; the difference (µs per call) is the overhead itself.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fastmcp import Client

TOOL = "get_payload"
LEVELS = ("INFO", "WARNING")


async def _measure(clients: dict[str, Client[Any]], calls: int) -> dict[str, dict[str, float]]:
    cpu: dict[str, list[float]] = {k: [] for k in clients}
    wall: dict[str, list[float]] = {k: [] for k in clients}
    keys = list(clients)
    for i in range(calls):
        for k in keys if i % 2 == 0 else reversed(keys):
            c0, t0 = time.process_time(), time.perf_counter()
            result = await clients[k].call_tool(TOOL, {}, raise_on_error=False)
            wall[k].append(time.perf_counter() - t0)
            cpu[k].append(time.process_time() - c0)
            if result.is_error:
                raise RuntimeError(f"{k}: {result.content}")
    return {
        k: {
            "cpu_ms_median": statistics.median(cpu[k]) * 1000,
            "cpu_ms_mean": statistics.fmean(cpu[k]) * 1000,
            "wall_ms_median": statistics.median(wall[k]) * 1000,
        }
        for k in keys
    }


async def compare(
    upstream_url: str, api_key: str, state_dir: Path, calls: int, warmup: int = 30
) -> dict[str, dict[str, dict[str, float]]]:
    """{level: {"bare"|"ours": {cpu_ms_median, cpu_ms_mean, wall_ms_median}}}."""
    os.environ.update(
        BENCH_URL=upstream_url, BENCH_API_KEY=api_key, HOMELAB_STATE_DIR=str(state_dir)
    )
    from bench.bare_server import mcp as bare
    from bench.ours_server import BenchSettings, build_server
    from homelab_shared.observability import configure_logging
    from homelab_shared.runtime import RuntimeSettings
    from homelab_shared.settings import load_settings

    runtime = load_settings(RuntimeSettings)
    ours = build_server(load_settings(BenchSettings), runtime)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    results: dict[str, dict[str, dict[str, float]]] = {}
    with (state_dir / "ours.log").open("w") as log_file:
        stderr, sys.stderr = sys.stderr, log_file
        try:
            configure_logging(runtime.log_level, runtime.log_format)  # as runner.serve does
        finally:
            sys.stderr = stderr
        try:
            async with Client(bare) as c_bare, Client(ours) as c_ours:
                clients: dict[str, Client[Any]] = {"bare": c_bare, "ours": c_ours}
                await _measure(clients, warmup)
                for level in LEVELS:
                    root.setLevel(level)
                    results[level] = await _measure(clients, calls)
        finally:
            root.handlers[:] = saved[0]
            root.setLevel(saved[1])
    return results


def table(results: dict[str, dict[str, dict[str, float]]], calls: int) -> str:
    lines = [
        f"# In-process CPU per tool call (median of {calls} alternating calls each; "
        "client + server in this process, upstream elsewhere)",
        "",
        "| ours logging | bare CPU ms | ours CPU ms | ours − bare | ratio | wall p50 bare / ours |",
        "|---|---|---|---|---|---|",
    ]
    for level, r in results.items():
        b, o = r["bare"], r["ours"]
        lines.append(
            f"| {level} | {b['cpu_ms_median']:.3f} | {o['cpu_ms_median']:.3f} | "
            f"{(o['cpu_ms_median'] - b['cpu_ms_median']) * 1000:+.0f} µs | "
            f"{o['cpu_ms_median'] / b['cpu_ms_median']:.3f}× | "
            f"{b['wall_ms_median']:.2f} / {o['wall_ms_median']:.2f} |"
        )
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> str:
    from bench.procs import PYTHON, Proc, base_env, free_port, wait_port

    with tempfile.TemporaryDirectory(prefix="bench-inprocess-") as tmp:
        port = free_port()
        upstream = Proc(
            "upstream",
            [PYTHON, "-m", "bench.upstream", str(port)],
            base_env(Path(tmp)),
            Path(tmp) / "upstream.log",
        )
        try:
            wait_port(port, upstream, 30)
            results = await compare(
                f"http://127.0.0.1:{port}", "bench-api-key", Path(tmp), args.calls, args.warmup
            )
        finally:
            upstream.stop()
    return table(results, args.calls)


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__)
    p.add_argument("--calls", type=int, default=600, help="calls per server per log level")
    p.add_argument("--warmup", type=int, default=30)
    print(asyncio.run(run(p.parse_args())))


if __name__ == "__main__":
    main()
