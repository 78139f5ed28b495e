"""What the router's OpenAI-compatible door adds to a streamed answer.

The same client code (httpx, reading OpenAI SSE chunks) streams the same answer twice per round:
straight from the fake OpenAI-compatible provider, and through the router (bearer auth, PII scan
and classification of the request, an atomic quota reservation, the provider's stream parsed and
re-emitted chunk by chunk, settlement at the end). The fake and the router run as two processes
on loopback (bench/routing_openai_serve.py) and share the 2 cores with the client; only ratios
measured in the same run count.

- time to first token: a short answer (8 chunks), p50 and p90 over ``--ttft`` requests each;
  goal: the router adds <= 5 ms at p50.
- throughput: a long answer (``--tokens`` tokens, one per provider chunk, no pacing), streamed
  tokens per second over ``--long`` streams each; goal: >= 0.95x direct. Tokens, not events: the
  router folds the provider events of one network read into one chunk (same text, never held
  back), so the client sees fewer, larger chunks; each stream's text must equal the direct one.

- router CPU per streamed request: the router process's CPU time (user + system, from /proc)
  over ``--cpu`` short streams sent one after another, and the scan worker's when scans run in
  a process; stable on a loaded machine, unlike the latencies. ``--profile FILE`` adds a cProfile
  of those requests (calls per request, the top functions by own time).

    uv run python -m bench.routing_openai            # ~40 s on 2 cores
    uv run python -m bench.routing_openai --quick
    uv run python -m bench.routing_openai --pii-scan process   # the served default
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.peers import free_port
from tests.routing.fake_providers import WORDS
from tests.routing.openai_harness import TOKEN

PROMPT = "Write a short overview of how solar panels convert light into electricity."
SHORT = len(WORDS)


@contextmanager
def server(
    *args: str, env: dict[str, str] | None = None, wrap: list[str] | None = None
) -> Iterator[tuple[str, int]]:
    """One server of bench/routing_openai_serve.py in its own process, stopped by its pid;
    ``wrap``: a command that runs it (valgrind)."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    cmd = [sys.executable, "-m", "bench.routing_openai_serve", args[0], str(port), *args[1:]]
    cmd = [*(wrap or []), *cmd]
    proc = subprocess.Popen(cmd, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900  # the router loads its PII scanner first
        while True:
            try:
                httpx.get(url + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"{args[0]} did not start") from None
                time.sleep(0.1)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def stream_once(
    client: httpx.AsyncClient, url: str, model: str, headers: dict[str, str], tokens: int
) -> tuple[float, float, str]:
    """Seconds to the first content chunk, seconds to the end, the streamed text."""
    body = {
        "model": model,
        "messages": [{"role": "user", "content": PROMPT}],
        "stream": True,
        "max_tokens": tokens,  # the fake streams exactly this many chunks
    }
    start, first, text = time.perf_counter(), 0.0, list[str]()
    async with client.stream("POST", url, json=body, headers=headers) as response:
        response.raise_for_status()
        async for line in response.aiter_lines():
            if not line.startswith("data: {"):
                continue
            choices = json.loads(line[6:]).get("choices") or []
            if choices and (content := choices[0]["delta"].get("content")):
                text.append(content)
                first = first or time.perf_counter() - start
    return first, time.perf_counter() - start, "".join(text)


async def measure(direct: str, routed: str, args: argparse.Namespace) -> dict[str, Any]:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    targets = {
        "direct": (direct + "/v1/chat/completions", "llama-3.1-8b-instruct", {}),
        "router": (routed + "/v1/chat/completions", "homelab-auto", auth),
    }
    results: dict[str, Any] = {name: {"ttft": [], "rate": []} for name in targets}
    async with httpx.AsyncClient(timeout=60) as client:
        for url, model, headers in targets.values():  # warm-up (connections, caches)
            for _ in range(5):
                await stream_once(client, url, model, headers, SHORT)
        for _ in range(args.ttft):  # interleaved, so both see the same machine
            for name, (url, model, headers) in targets.items():
                first, _total, _n = await stream_once(client, url, model, headers, SHORT)
                results[name]["ttft"].append(first * 1000)
    return results


async def measure_long(direct: str, routed: str, args: argparse.Namespace) -> dict[str, list]:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    targets = {
        "direct": (direct + "/v1/chat/completions", "llama-3.1-8b-instruct", {}),
        "router": (routed + "/v1/chat/completions", "homelab-auto", auth),
    }
    rates: dict[str, list[float]] = {name: [] for name in targets}
    async with httpx.AsyncClient(timeout=120) as client:
        for _ in range(args.long):
            texts = {}
            for name, (url, model, headers) in targets.items():
                _first, total, texts[name] = await stream_once(
                    client, url, model, headers, args.tokens
                )
                rates[name].append(args.tokens / total)
            # the fake streams one token per chunk: the router must relay all of them, in order
            assert texts["router"] == texts["direct"], "the router changed the streamed text"
            assert texts["direct"].count(" ") == args.tokens, "the fake streamed too few tokens"

    return rates


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (the scan worker in process mode, its helpers)."""
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            for child in f.read().split():
                found += [int(child), *children(int(child))]
    return found


def cpu_tree(pid: int) -> tuple[float, float]:
    """CPU seconds of the process, and of its descendants together."""
    rest = 0.0
    for child in children(pid):
        try:
            rest += cpu_seconds(child)
        except FileNotFoundError:  # ended meanwhile
            continue
    return cpu_seconds(pid), rest


async def measure_cpu(
    routed: str, pid: int, args: argparse.Namespace
) -> tuple[float, float, dict[str, Any] | None]:
    """Router CPU ms per short streamed request (its own process, its scan workers), one
    request at a time after a warm-up, and the cProfile summary when asked."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    url = routed + "/v1/chat/completions"
    async with httpx.AsyncClient(timeout=60) as client:
        for _ in range(20):
            await stream_once(client, url, "homelab-auto", auth, SHORT)
        if args.profile:
            await client.post(routed + "/bench/profile/start")
        own0, kids0 = cpu_tree(pid)
        for _ in range(args.cpu):
            await stream_once(client, url, "homelab-auto", auth, SHORT)
        own1, kids1 = cpu_tree(pid)
        if args.profile:
            await client.post(routed + "/bench/profile/stop")
    profile = profile_summary(args.profile, args.cpu) if args.profile else None
    return (own1 - own0) * 1000 / args.cpu, (kids1 - kids0) * 1000 / args.cpu, profile


CALLGRIND = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file={out}"]


def callgrind(pid: int, *flags: str) -> None:
    subprocess.run(["callgrind_control", *flags, str(pid)], check=True, capture_output=True)


def callgrind_total(folder: str) -> int:
    total = 0
    for name in os.listdir(folder):
        with open(os.path.join(folder, name)) as f:
            total += sum(int(line.split()[1]) for line in f if line.startswith("totals:"))
    return total


async def measure_instructions(routed: str, pid: int, args: argparse.Namespace) -> None:
    """Instructions the router executes for ``--callgrind`` short streamed requests, one at a
    time after a warm-up (callgrind counts them: deterministic, whatever the machine's load)."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    url = routed + "/v1/chat/completions"
    async with httpx.AsyncClient(timeout=600) as client:
        for _ in range(10):
            await stream_once(client, url, "homelab-auto", auth, SHORT)
        callgrind(pid, "-z")
        callgrind(pid, "-i", "on")
        for _ in range(args.callgrind):
            await stream_once(client, url, "homelab-auto", auth, SHORT)
        callgrind(pid, "-i", "off")
        callgrind(pid, "-d")


def profile_summary(path: str, requests: int) -> dict[str, Any]:
    import pstats

    stats = pstats.Stats(path)
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    calls = sum(row[1] for row in table.values())
    top = sorted(table.items(), key=lambda item: item[1][2], reverse=True)[:25]
    return {
        "calls": calls / requests,
        "top": [
            (f"{file.rsplit('/', 1)[-1]}:{line} {name}", row[1] / requests, row[2] * 1e6 / requests)
            for (file, line, name), row in top
        ],
    }


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    parser = argparse.ArgumentParser(description="Router vs direct: first token and throughput")
    parser.add_argument("--ttft", type=int, default=300, help="short streams per target")
    parser.add_argument("--long", type=int, default=8, help="long streams per target")
    parser.add_argument("--tokens", type=int, default=4000, help="chunks in a long stream")
    parser.add_argument("--quick", action="store_true", help="60 short, 3 long streams")
    parser.add_argument("--cpu", type=int, default=300, help="short streams for router CPU time")
    parser.add_argument(
        "--pii-scan", choices=["thread", "process"], default="thread",
        help="thread: scanner in the router process; process: the served default",
    )  # fmt: skip
    parser.add_argument("--profile", metavar="FILE", help="cProfile the --cpu requests to FILE")
    parser.add_argument("--cpu-only", action="store_true", help="only the CPU measurement")
    parser.add_argument(
        "--callgrind", type=int, default=0, metavar="N",
        help="instead: instructions per request over N requests, the router under callgrind",
    )  # fmt: skip
    args = parser.parse_args()
    if args.quick:
        args.ttft, args.long = 60, 3
    if args.callgrind:
        with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as out:
            args.callgrind_dir = out
            wrap = [part.format(out=out + "/callgrind.out") for part in CALLGRIND]
            with (
                server("fakes") as (fakes, _),
                server("router", fakes, tmp, args.pii_scan, wrap=wrap) as (routed, pid),
            ):
                asyncio.run(measure_instructions(routed, pid, args))
            per = callgrind_total(out) / args.callgrind
        print(f"router instructions per short streamed request ({args.callgrind}, callgrind, "
              f"PII scan: {args.pii_scan}): {per:,.0f}")  # fmt: skip
        return
    profiling = {"BENCH_PROFILE": args.profile} if args.profile else {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        server("fakes") as (fakes, _),
        server("router", fakes, tmp, args.pii_scan, env=profiling) as (routed, pid),
    ):
        short: dict[str, Any] = {}
        long: dict[str, list] = {}
        if not args.cpu_only:
            short = asyncio.run(measure(fakes, routed, args))
            long = asyncio.run(measure_long(fakes, routed, args))
        own, kids, profile = asyncio.run(measure_cpu(routed, pid, args))
    print(f"# routing_openai: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}; PII scan: "
          f"{args.pii_scan}; load average {os.getloadavg()[0]:.2f}\n")  # fmt: skip
    if not args.cpu_only:
        latencies(short, long, args)
    print(f"router CPU per short streamed request ({args.cpu} one at a time): "
          f"{own:.2f} ms in the router process, {kids:.2f} ms in its scan workers")  # fmt: skip
    if profile is not None:
        print(f"cProfile: {profile['calls']:,.0f} calls per request; own time per request:")
        for name, calls, micros in profile["top"]:
            print(f"  {micros:8.1f} us  {calls:6.1f} calls  {name}")


def latencies(short: dict[str, Any], long: dict[str, list], args: argparse.Namespace) -> None:
    d50, r50 = (
        statistics.median(short["direct"]["ttft"]),
        statistics.median(short["router"]["ttft"]),
    )
    d90, r90 = pct(short["direct"]["ttft"], 0.9), pct(short["router"]["ttft"], 0.9)
    drate, rrate = statistics.median(long["direct"]), statistics.median(long["router"])
    print(f"short stream: {len(WORDS)} chunks x {args.ttft}; long stream: {args.tokens} chunks x "
          f"{args.long}\n")  # fmt: skip
    print("| metric | direct | via router | router adds / ratio | goal | ok |")
    print("|---|---|---|---|---|---|")
    added = r50 - d50
    print(f"| time to first token p50 | {d50:.2f} ms | {r50:.2f} ms | +{added:.2f} ms | "
          f"<= +5 ms | {'yes' if added <= 5 else 'NO'} |")  # fmt: skip
    print(
        f"| time to first token p90 | {d90:.2f} ms | {r90:.2f} ms | +{r90 - d90:.2f} ms | - | - |"
    )
    ratio = rrate / drate
    print(f"| streamed tokens/s (median) | {drate:,.0f} | {rrate:,.0f} | {ratio:.2f}x | "
          f">= 0.95x | {'yes' if ratio >= 0.95 else 'NO'} |\n")  # fmt: skip


if __name__ == "__main__":
    main()
