"""Routing decision latency: classify + PII scan + atomic quota reservation.

    uv run python -m bench.routing_decision            # SQLite, and Redis if redis-server exists

Prints p50/p99 per decision and decisions/s on one core (one process, one event loop, one call
at a time), for the SQLite and Redis stores, over the labelled prompts of
bench/data/routing_examples.yaml (long documents reported separately).
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

from bench.routing_classifier import load_examples
from routing_mcp.pii import PiiScanner
from routing_mcp.policy import load_policy
from routing_mcp.quota.base import QuotaStore
from routing_mcp.quota.redis import RedisQuotaStore
from routing_mcp.quota.sqlite import SQLiteQuotaStore
from routing_mcp.router import Router

ROUNDS = 5


async def measure(store: QuotaStore, prompts: list[str], scanner: PiiScanner) -> list[float]:
    policy = load_policy(environ={})
    router = Router(policy, store, {}, scanner)
    limits = router.limits("claude-sonnet")
    window = router.window()
    timings: list[float] = []
    for _ in range(ROUNDS):
        for prompt in prompts:
            start = time.perf_counter()
            gate = await router.gate(prompt)
            model = gate.candidates[0]
            admission = await store.reserve(
                model,
                window,
                limits if model.startswith("claude") else router.limits(model),
                0.001,
                time.time(),
                60,
            )
            timings.append((time.perf_counter() - start) * 1000)
            if admission.reservation is not None:  # after the call, not part of the decision
                await store.release(admission.reservation)
    return timings


def report(name: str, timings: list[float], target: float) -> None:
    ordered = sorted(timings)
    p50 = statistics.median(ordered)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    rate = 1000 / statistics.mean(ordered)
    ok = "meets" if p99 <= target and rate >= 1000 else "MISSES"
    print(
        f"| {name} | {len(ordered)} | {p50:.2f} | {p99:.2f} | {rate:,.0f} | p99 <= {target} ms, "
        f">= 1,000/s: {ok} |"
    )


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
    short = [p for c, p in examples if c != "long_document"]
    long = [p for c, p in examples if c == "long_document"]
    scanner = PiiScanner()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    print(f"{len(short)} prompts x {ROUNDS} rounds (+ {len(long)} long documents of ~45 KB)\n")
    print("| store | decisions | p50 ms | p99 ms | decisions/s | target |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = SQLiteQuotaStore(Path(tmp) / "bench.db")
        report("SQLite", await measure(sqlite, short, scanner), 5.0)
        report("SQLite, long documents", await measure(sqlite, long, scanner), 5.0)
        await sqlite.aclose()
    started = start_redis()
    if started is None:
        print("| Redis | - | - | - | - | redis-server not installed (.ci/peers/redis.sh) |")
        return
    proc, url = started
    try:
        redis = RedisQuotaStore(url, prefix="bench")
        report("Redis (loopback)", await measure(redis, short, scanner), 3.0)
        await redis.aclose()
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    asyncio.run(main())
