"""Where does a tool call spend its server CPU? py-spy on the bare and the homelab_shared server.

    uv run --with py-spy python -m bench.hotspots            # ~40 s

Starts the upstream, the bare server and ours (default INFO logging), drives them with raw
JSON-RPC tool calls at 10 concurrent clients, alternating in short bursts, while ``py-spy
record`` samples both (sampling, no instrumentation in the server), then attributes every
sample:

* the deepest homelab_shared / bench frame of the stack, by what it was calling (the next
  frame's package), unless the next frame continues FastMCP's ``call_next`` chain;
* calls into httpx/httpcore from the tool are grouped as "upstream GET" (same work in both);
* everything else by the package of the leaf frame (fastmcp, mcp, pydantic, uvicorn, ...).

Samples become CPU ms per call through the server's measured CPU time and call count, and the
two servers are printed side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.clients import RawCaller
from bench.foundation import Fleet, Server, ready
from bench.procs import cpu_seconds

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^():]*)(?::(?P<line>\d+))?\)$")
OURS = ("homelab_shared/", "bench/")
CHAIN = ("fastmcp/server/middleware/", "fastmcp/server/server.py", "fastmcp/server/mixins/")
UPSTREAM = "upstream GET (httpx, same work in both)"


def parse_frame(frame: str) -> tuple[str, str]:
    m = FRAME.match(frame.strip())
    if not m:
        return frame.strip(), ""
    return m["func"], m["file"]


def library(file: str) -> str:
    path = file.replace("\\", "/")
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif "/lib/python3" in path:
        return "stdlib:" + Path(path).stem
    for mark in OURS:
        if mark in path:
            return mark + path.split(mark, 1)[1]
    top = path.split("/", 1)[0]
    return top.removesuffix(".py") or "?"


def attribute(stack: list[str]) -> str:
    frames = [parse_frame(f) for f in stack]
    ours = [i for i, (_, file) in enumerate(frames) if any(m in file for m in OURS)]
    for i in reversed(ours):
        func, file = frames[i]
        where = f"{library(file)}:{func}"
        if i + 1 == len(frames):
            return f"{where} (own code)"
        next_func, next_file = frames[i + 1]
        if any(c in next_file for c in CHAIN) or next_func == "call_next":
            break  # the sample is deeper in the chain: FastMCP's work, not ours
        callee = library(next_file)
        if callee.startswith(("httpx", "httpcore")):
            return UPSTREAM
        return f"{where} → {callee}"
    return library(frames[-1][1]) if frames else "?"


def collapse(raw: Path) -> Counter[str]:
    """py-spy ``--format raw`` (collapsed stacks) → samples per attribution."""
    counts: Counter[str] = Counter()
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack or not n.isdigit():
            continue
        frames = [f for f in stack.split(";") if not f.startswith(("process ", "thread "))]
        counts[attribute(frames)] += int(n)
    return counts


@dataclass
class Profile:
    label: str
    calls: int
    ms_per_call: float
    counts: Counter[str]

    def ms(self, key: str) -> float:
        total = sum(self.counts.values()) or 1
        return self.counts.get(key, 0) / total * self.ms_per_call


async def burst(callers: list[RawCaller], seconds: float) -> int:
    done = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds

    async def worker(c: RawCaller) -> None:
        nonlocal done
        while loop.time() < deadline:
            await c.call()
            done += 1

    await asyncio.gather(*(worker(c) for c in callers))
    return done


async def profile_both(
    servers: list[Server], py_spy: str, out: Path, args: argparse.Namespace
) -> list[Profile]:
    """Sample both servers over the same period, loading them alternately in short bursts."""
    pools = {s.key: [RawCaller(s.url, s.tool) for _ in range(args.concurrency)] for s in servers}
    for pool in pools.values():
        await asyncio.gather(*(c.__aenter__() for c in pool))
    try:
        for s in servers:
            await burst(pools[s.key], 1.0)  # warm-up
        spies = []
        for s in servers:
            spies.append(
                await asyncio.create_subprocess_exec(
                    *(py_spy, "record", "-p", str(s.proc.pid), "-r", "200", "--nonblocking"),
                    *("-f", "raw", "-o", str(out / f"{s.key}.txt")),
                    *("-d", str(int(args.seconds * len(servers)) + 4)),
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL,
                )
            )
        await asyncio.sleep(1.5)  # py-spy attaches
        calls = dict.fromkeys(pools, 0)
        cpu = dict.fromkeys(pools, 0.0)
        rounds = max(1, round(args.seconds / args.burst))
        for r in range(rounds):
            for s in servers if r % 2 == 0 else list(reversed(servers)):
                cpu0 = cpu_seconds(s.proc.pid)
                calls[s.key] += await burst(pools[s.key], args.burst)
                cpu[s.key] += cpu_seconds(s.proc.pid) - cpu0
        async with asyncio.timeout(args.seconds * len(servers) + 30):
            for spy in spies:
                await spy.wait()
    finally:
        for pool in pools.values():
            await asyncio.gather(*(c.__aexit__() for c in pool), return_exceptions=True)
    profiles = []
    for s in servers:
        raw = out / f"{s.key}.txt"
        if args.keep is not None:
            await asyncio.to_thread(args.keep.mkdir, parents=True, exist_ok=True)
            await asyncio.to_thread(shutil.copy, raw, args.keep / f"hotspots-{s.key}.txt")
        per_call = cpu[s.key] * 1000 / max(calls[s.key], 1)
        profiles.append(Profile(s.label, calls[s.key], per_call, collapse(raw)))
    return profiles


def report(bare: Profile, ours: Profile, top: int) -> str:
    keys = sorted(set(bare.counts) | set(ours.counts), key=lambda k: -max(bare.ms(k), ours.ms(k)))
    shared = [k for k in keys if k.startswith("homelab_shared/")]
    rows = [k for k in keys[:top] if not k.startswith("homelab_shared/")]
    lines = [
        f"bare: {bare.calls} calls, {bare.ms_per_call:.2f} ms server CPU per call; "
        f"ours: {ours.calls} calls, {ours.ms_per_call:.2f} ms "
        f"({ours.ms_per_call / bare.ms_per_call:.2f}×)",
        "",
        "| where (ms of server CPU per call) | bare | ours | ours − bare |",
        "|---|---|---|---|",
    ]
    for k in rows:
        b, o = bare.ms(k), ours.ms(k)
        lines.append(f"| {k} | {b:.3f} | {o:.3f} | {o - b:+.3f} |")
    lines += ["", "homelab_shared's own work (not present in bare):", ""]
    lines += ["| where | ms per call | share of ours |", "|---|---|---|"]
    total = 0.0
    for k in shared:
        o = ours.ms(k)
        total += o
        lines.append(f"| {k} | {o:.3f} | {o / ours.ms_per_call * 100:.1f}% |")
    lines.append(f"| **total** | **{total:.3f}** | **{total / ours.ms_per_call * 100:.1f}%** |")
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> str:
    py_spy = args.py_spy or shutil.which("py-spy")
    if not py_spy:
        raise SystemExit("py-spy not found: use `uv run --with py-spy python -m bench.hotspots`")
    with tempfile.TemporaryDirectory(prefix="bench-hotspots-") as tmp:
        fleet = Fleet(Path(tmp))
        try:
            fleet.start_upstream()
            extra = {"HOMELAB_LOG_LEVEL": args.log_level} if args.log_level else {}
            bare = fleet.start_http("bare", "bare FastMCP")
            ours = fleet.start_http("ours", "ours", **extra)
            for s in (bare, ours):
                await ready(s)
            p_bare, p_ours = await profile_both([bare, ours], py_spy, Path(tmp), args)
        finally:
            fleet.stop_all()
    head = (
        f"# Server CPU per tool call, @{args.concurrency} raw clients, {args.seconds:.0f} s each "
        f"in alternating {args.burst:.1f} s bursts"
        + (f", ours with HOMELAB_LOG_LEVEL={args.log_level}" if args.log_level else "")
    )
    return head + "\n\n" + report(p_bare, p_ours, args.top)


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.hotspots", description=__doc__)
    p.add_argument("--seconds", type=float, default=12.0)
    p.add_argument("--concurrency", type=int, default=10)
    p.add_argument("--burst", type=float, default=0.5, help="seconds per alternating burst")
    p.add_argument("--top", type=int, default=16, help="rows of the side-by-side table")
    p.add_argument("--log-level", help="run ours with this HOMELAB_LOG_LEVEL")
    p.add_argument("--py-spy", help="path of the py-spy executable")
    p.add_argument("--keep", type=Path, help="copy the raw py-spy stacks into this directory")
    print(asyncio.run(run(p.parse_args())))


if __name__ == "__main__":
    main()
