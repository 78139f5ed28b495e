"""Does the routing server stay responsive while it scans a 1 MB prompt for personal data?

    uv run python -m bench.routing_pii_load             # ~2-3 min on 2 cores
    uv run python -m bench.routing_pii_load --size 300000

The routing server runs as its own process over streamable HTTP (no model configured: ``route``
still scans, then finds no model). While one client's ``route`` scans a digit-heavy pasted log
of ``--size`` characters, a second client calls ``classify`` and a third GETs ``/healthz``, in
turn, every 50 ms; their latencies are compared with the same probes on the idle server,
measured in the same run. Two ways of running the scan are compared, each in a fresh server:

- threads: every scan in the thread pool (``ROUTING_PII_PROCESS_FROM`` above the size);
- processes (the default): texts from 100,000 characters in a worker process.

``--baseline DIR`` adds a third server, run from another checkout's ``routing-mcp/src`` (for
instance ``git archive <commit> routing-mcp/src | tar -x -C DIR``) in processes mode, so a change
is compared with its predecessor in the same run on the same machine load; ``--modes`` picks
which of the three run.

Goal: /healthz and classify under 50 ms (p99) while the megabyte is scanned.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport

from bench.procs import PYTHON, Proc, base_env, free_port, machine, wait_port

PROBE_EVERY = 0.05
GOAL_MS = 50.0


def pasted_log(size: int, seed: int = 7) -> str:
    """A pasted server log: timestamps, durations, sizes, counters, hashes (digit-heavy)."""
    rnd = random.Random(seed)
    lines, total = [], 0
    while total < size:
        line = (
            f"2025-03-{rnd.randint(1, 28):02d} {rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:"
            f"{rnd.randint(0, 59):02d},{rnd.randint(0, 999):03d} INFO [worker-{rnd.randint(1, 16)}]"
            f" GET /api/states/sensor.power_{rnd.randint(1, 40)} 200 {rnd.uniform(0.5, 90):.1f} ms"
            f" bytes={rnd.randint(100, 99999)} queue={rnd.randint(0, 512)}"
            f" trace={rnd.getrandbits(64):016x} temp={rnd.uniform(20, 80):.2f}"
        )
        lines.append(line)
        total += len(line) + 1
    return "Summarise the errors in this log:\n" + "\n".join(lines)[:size]


async def probes(url: str, base: str, until: asyncio.Event) -> dict[str, list[float]]:
    """classify and /healthz in turn, every PROBE_EVERY, until ``until`` is set."""
    out: dict[str, list[float]] = {"healthz": [], "classify": []}
    async with Client(StreamableHttpTransport(url)) as client, httpx.AsyncClient() as http:
        while not until.is_set():
            start = time.perf_counter()
            (await http.get(f"{base}/healthz")).raise_for_status()
            out["healthz"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await client.call_tool("classify", {"prompt": "Compare ZFS and Btrfs in depth"})
            out["classify"].append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(PROBE_EVERY)
    return out


async def measure(url: str, base: str, document: str) -> tuple[dict, dict, float]:  # type: ignore[type-arg]
    async with Client(StreamableHttpTransport(url), timeout=600) as big:
        await big.call_tool("scan_pii", {"prompt": "warm up: mail jane.doe@gmail.com"})
        await big.call_tool("route", {"prompt": document[:150_000]})  # starts the pool
        idle_done = asyncio.Event()
        idle_task = asyncio.create_task(probes(url, base, idle_done))
        await asyncio.sleep(3)
        idle_done.set()
        idle = await idle_task
        busy_done = asyncio.Event()
        busy_task = asyncio.create_task(probes(url, base, busy_done))
        await asyncio.sleep(0.5)  # the probes' own session is up before the scan starts
        start = time.perf_counter()
        await big.call_tool("route", {"prompt": document})
        scan_s = time.perf_counter() - start
        busy_done.set()
        busy = await busy_task
    return idle, busy, scan_s


def row(mode: str, phase: str, name: str, values: list[float], goal: bool) -> None:
    ordered = sorted(values)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    verdict = ("meets" if p99 < GOAL_MS else "MISSES") if goal else "info"
    print(
        f"| {mode} | {phase} | {name} | {len(values)} | {statistics.median(values):.1f} | "
        f"{p99:.1f} | {ordered[-1]:.1f} | {verdict} |"
    )


async def run_mode(mode: str, document: str, workdir: Path, baseline: Path | None) -> float:
    port, dead = free_port(), free_port()
    env = base_env(
        workdir / mode,
        OLLAMA_HOST=f"http://127.0.0.1:{dead}",  # nothing listens: no model, the scan still runs
        ROUTING_DB_PATH=str(workdir / f"{mode}.db"),
        ROUTING_MAX_PROMPT_CHARS=str(len(document) + 1000),
        ROUTING_PII_PROCESS_FROM=str(10**9 if mode == "threads" else 100_000),
    )
    if mode == "baseline" and baseline is not None:
        # ahead of the editable install on sys.path: this server imports the older routing_mcp
        env["PYTHONPATH"] = os.pathsep.join(
            [str(baseline / "routing-mcp" / "src"), env["PYTHONPATH"]]
        )
    for key in ("GEMINI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "REDIS_URL"):
        env.pop(key, None)
    (workdir / mode).mkdir(parents=True, exist_ok=True)
    argv = [PYTHON, "-m", "routing_mcp", "--transport", "http", "--port", str(port)]
    proc = Proc(f"routing-{mode}", argv, env, workdir / f"{mode}.log")
    try:
        wait_port(port, proc)
        base = f"http://127.0.0.1:{port}"
        idle, busy, scan_s = await measure(f"{base}/mcp", base, document)
    finally:
        proc.stop()
    for name in ("healthz", "classify"):
        row(mode, "idle", name, idle[name], goal=False)
        row(mode, f"during {len(document):,}-char scan", name, busy[name], goal=True)
    return scan_s


async def main() -> None:
    parser = argparse.ArgumentParser(description="routing server latency during a PII scan")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters to scan")
    parser.add_argument("--baseline", type=Path, help="a checkout to compare with (module doc)")
    parser.add_argument(
        "--modes", default="threads,processes,baseline", help="comma-separated, in this order"
    )
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m != "baseline" or args.baseline]
    info = machine()
    print(f"machine: {info} pid {os.getpid()}\n")
    document = pasted_log(args.size)
    print("| scan in | phase | probe | n | p50 ms | p99 ms | max ms | goal < 50 ms p99 |")
    print("|---|---|---|---|---|---|---|---|")
    took = {}
    with tempfile.TemporaryDirectory(prefix="bench-pii-") as tmp:
        for mode in modes:
            took[mode] = await run_mode(mode, document, Path(tmp), args.baseline)
    print()
    for mode, seconds in took.items():
        print(f"route on {len(document):,} characters, scan in {mode}: {seconds:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
