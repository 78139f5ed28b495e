"""Routing decision latency: classify + PII scan + atomic quota reservation.

    uv run python -m bench.routing_decision            # SQLite, and Redis if redis-server exists

Prints p50/p99 per decision and decisions/s on one core (one process, one event loop, one call
at a time), for the SQLite and Redis stores, over the labelled prompts of
bench/routing_data.py (long documents reported separately).
Targets: p99 <= 5 ms (SQLite), <= 3 ms (Redis on loopback), >= 1,000 decisions/s.
"""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.routing_data import load_examples
from routing_mcp.pii import PiiScanner
from routing_mcp.policy import load_policy
from routing_mcp.quota.base import QuotaStore
from routing_mcp.quota.redis import RedisQuotaStore
from routing_mcp.quota.sqlite import SQLiteQuotaStore
from routing_mcp.router import Router

ROUNDS = 5


async def one_round(store: QuotaStore | None, prompts: list[str], router: Router) -> list[float]:
    """One pass over the prompts; ``store=None`` measures the gate alone (the baseline)."""
    window = router.window()
    timings: list[float] = []
    for prompt in prompts:
        start = time.perf_counter()
        gate = await router.gate(prompt)
        admission = None
        if store is not None:
            model = gate.candidates[0]
            admission = await store.reserve(
                model, window, router.limits(model), 0.001, time.time(), 60
            )
        timings.append((time.perf_counter() - start) * 1000)
        if admission is not None and admission.reservation is not None and store is not None:
            await store.release(admission.reservation)  # after the call: not part of a decision
    return timings


def row(name: str, runs: list[list[float]], target: float | None, base: float | None) -> float:
    ordered = sorted(t for run in runs for t in run)
    p50 = statistics.median(ordered)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    rates = sorted(1000 * len(run) / sum(run) for run in runs)
    rate = statistics.median(rates)
    ratio = f"{p50 / base:.2f}x" if base else ("baseline" if target is None else "-")
    verdict = "info"
    if target is not None:
        verdict = "meets" if p99 <= target and rate >= 1000 else "MISSES"
        verdict += f" (p99 <= {target} ms, >= 1,000/s)"
    print(
        f"| {name} | {len(ordered)} | {p50:.2f} | {p99:.2f} | {rate:,.0f} "
        f"({rates[0]:,.0f}-{rates[-1]:,.0f}) | {ratio} | {verdict} |"
    )
    return p50


def start_redis() -> tuple[subprocess.Popen[bytes], str] | None:
    binary = shutil.which("redis-server")
    if binary is None:
        return None
    port = 6390 + os.getpid() % 500
    proc = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.3)
    return proc, f"redis://127.0.0.1:{port}/0"


async def main() -> None:
    examples = load_examples()
    short = [e.prompt for e in examples if e.task_class != "long_document"]
    long = [e.prompt for e in examples if e.task_class == "long_document"]
    scanner = PiiScanner()
    router = Router(load_policy(environ={}), None, {}, scanner)  # type: ignore[arg-type]
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    print(
        f"{len(short)} prompts x {ROUNDS} rounds, the configurations interleaved round by round "
        f"(+ {len(long)} long documents of ~45 KB)\n"
    )
    print(
        "| decision | decisions | p50 ms | p99 ms | decisions/s (min-max of rounds) "
        "| p50 vs gate alone | target |"
    )
    print("|---|---|---|---|---|---|---|")
    started = start_redis()
    with tempfile.TemporaryDirectory() as tmp:
        stores: dict[str, QuotaStore | None] = {
            "gate alone (classify + PII), no store": None,
            "+ reserve, SQLite": SQLiteQuotaStore(Path(tmp) / "bench.db"),
        }
        if started is not None:
            stores["+ reserve, Redis (loopback)"] = RedisQuotaStore(started[1], prefix="bench")
        runs: dict[str, list[list[float]]] = {name: [] for name in stores}
        for _ in range(ROUNDS):
            for name, store in stores.items():
                runs[name].append(await one_round(store, short, router))
        targets = {"+ reserve, SQLite": 5.0, "+ reserve, Redis (loopback)": 3.0}
        base = None
        for name in stores:
            p50 = row(name, runs[name], targets.get(name), base)
            base = base or p50
        sqlite = stores["+ reserve, SQLite"]
        row("long documents (~45 KB), SQLite", [await one_round(sqlite, long, router)], 5.0, None)
        for store in stores.values():
            if store is not None:
                await store.aclose()
    if started is None:
        print("\nRedis: redis-server is not installed (bash .ci/peers/redis.sh)")
    else:
        started[0].terminate()
        started[0].wait()


if __name__ == "__main__":
    asyncio.run(main())
