"""Start-up and idle memory of every server against a bare FastMCP server, in one run.

    uv run python -m bench.startup              # ~4 min on 2 loaded cores
    uv run python -m bench.startup --reps 3     # quicker, noisier

Each target is started over stdio the way a desktop client starts it (``python -m <server>
--transport stdio``, the gateway as ``homelab-mcp serve``), with dummy settings for every
installed server (URLs on a loopback port nobody listens on: start-up must not depend on the
upstream). Measured per start: spawn → answer to ``tools/list`` (the client writes
``server/discover`` and ``tools/list`` at once), then the RSS of the process tree after
``--settle`` idle seconds (the start-up warm-up has run by then). The targets take turns in
rounds (rotating order), so the bare baseline sees the same machine as the others; reported
are medians and ours / bare. The gateway also answers one routed prompt (``route_route``: the
PII scan worker starts) and its RSS is read again.

One more start per target runs under ``python -X importtime``: the top-level packages it
imported beyond the bare server's, before answering ``tools/list`` and by the end of the idle
period (what the warm-up loaded).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from bench.clients import request
from bench.procs import (
    PYTHON,
    ROOT,
    base_env,
    compile_bytecode,
    cpu_seconds,
    free_port,
    machine,
    rss_kib,
)
from bench.startup_env import dummy_settings
from homelab_shared.spec import ENTRY_POINT_GROUP

TARGET_COLD = 1.10
TARGET_RSS = 1.10
TARGET_GATEWAY_COLD = 1.50
TARGET_GATEWAY_MIB = 130.0
TARGET_GATEWAY_ROUTED_MIB = 160.0
ROUTED_PROMPT = "Summarise this for me: call Anna Schmidt at +49 30 1234567 about the invoice."


@dataclass
class Target:
    key: str
    argv: list[str]  # after ``python``
    routed: bool = False  # also send one routed prompt and read the RSS again


@dataclass
class Sample:
    seconds: float
    rss_mib: float
    cpu_s: float = 0.0  # user+system of the server (tree) from spawn to the tools/list answer
    routed_rss_mib: float | None = None
    routed_alone_mib: float | None = None  # the server process without its scan workers
    imports_start: list[str] = field(default_factory=list)
    imports_idle: list[str] = field(default_factory=list)


def servers() -> dict[str, str]:
    """Every installed server (entry points) -> its package, run with ``python -m``: a new
    server joins the bench when it is installed."""
    found = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found[ep.name] = ep.value.partition(":")[0].rpartition(".")[0]  # pkg.spec:SPEC -> pkg
    return dict(sorted(found.items()))


def targets() -> list[Target]:
    found = [Target("bare", ["-m", "bench.bare_server", "--transport", "stdio"])]
    found += [Target(k, ["-m", m, "--transport", "stdio"]) for k, m in servers().items()]
    found.append(
        Target(
            "serve home-assistant",
            ["-m", "homelab_gateway", "serve", "home-assistant", "--transport", "stdio"],
        )
    )
    gateway = ["-m", "homelab_gateway", "serve", "--transport", "stdio"]
    found.append(Target("gateway", gateway, routed=True))
    return found


class Session:
    """One stdio child: JSON-RPC lines in, answers out; stopped by closing stdin, then by id."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        assert proc.stdin is not None and proc.stdout is not None
        self.stdin, self.stdout = proc.stdin, proc.stdout

    @classmethod
    async def spawn(cls, argv: list[str], env: dict[str, str], log: Path) -> Session:
        """Start ``argv`` in its own session, stderr to ``log``."""
        with log.open("wb") as err:
            proc = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=err,
                env=env,
                cwd=ROOT,
                start_new_session=True,
                limit=64 * 1024 * 1024,  # the gateway's tools/list is one line of ~200 KB
            )
        return cls(proc)

    async def send(self, *messages: dict[str, Any]) -> None:
        self.stdin.write(b"".join(json.dumps(m).encode() + b"\n" for m in messages))
        await self.stdin.drain()

    async def answer(self, rid: int, limit_s: float) -> dict[str, Any]:
        async with asyncio.timeout(limit_s):
            while True:
                line = await self.stdout.readline()
                if not line:
                    raise RuntimeError("the server closed stdout before answering")
                msg = json.loads(line)
                if msg.get("id") == rid:
                    if "result" not in msg:
                        raise RuntimeError(f"request {rid} failed: {msg}")
                    return msg["result"]

    async def close(self) -> None:
        self.stdin.close()
        try:
            async with asyncio.timeout(10):
                await self.proc.wait()
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            await self.proc.wait()


async def start_once(
    target: Target, env: dict[str, str], log: Path, settle: float, importtime: bool = False
) -> Sample:
    argv = [PYTHON, *(["-X", "importtime"] if importtime else []), *target.argv]
    started = time.perf_counter()
    session = await Session.spawn(argv, env, log)
    proc = session.proc
    try:
        await session.send(request(1, "server/discover"), request(2, "tools/list"))
        tools = await session.answer(2, 120)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds(proc.pid)  # before the warm-up spends more: start-up alone
        if not tools.get("tools"):
            raise RuntimeError(f"{target.key}: tools/list is empty")
        at_start = read(log) if importtime else ""
        await asyncio.sleep(settle)  # idle on purpose: the memory of a server nobody calls
        sample = Sample(seconds, rss_kib(proc.pid) / 1024, cpu)
        if importtime:  # before any call: what start-up and the warm-up imported
            sample.imports_start = imported(at_start)
            sample.imports_idle = imported(read(log))
        if target.routed:
            params = {"name": "route_route", "arguments": {"prompt": ROUTED_PROMPT}}
            await session.send(request(3, "tools/call", params))
            result = await session.answer(3, 120)
            if result.get("isError"):
                raise RuntimeError(f"route_route failed: {result.get('content')}")
            await asyncio.sleep(settle)
            sample.routed_rss_mib = rss_kib(proc.pid) / 1024
            sample.routed_alone_mib = rss_kib(proc.pid, alone=True) / 1024
        return sample
    except Exception as err:
        tail = "\n".join(read(log).splitlines()[-15:])
        raise RuntimeError(f"{target.key} failed to start: {err}\n{tail}") from err
    finally:
        await session.close()


def read(log: Path) -> str:
    return log.read_text(errors="replace")


def imported(importtime_log: str) -> list[str]:
    """Module names in a ``-X importtime`` log, in import order."""
    names = []
    for line in importtime_log.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            names.append(line.rsplit("|", 1)[1].strip())
    return names


def self_ms(importtime_log: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in importtime_log.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _cumulative, name = line.split("|")
            out[name.strip()] = int(own.split(":")[1]) / 1000
    return out


def extra_packages(ours: list[str], bare: list[str]) -> list[str]:
    """Top-level packages (with their module count) that ``ours`` imported and bare did not."""
    bare_set = set(bare)
    counts = Counter(m.split(".")[0] for m in ours if m not in bare_set)
    return [f"{pkg} ({n})" for pkg, n in counts.most_common()]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    chosen = [t for t in targets() if not args.only or t.key in args.only or t.key == "bare"]
    results: dict[str, list[Sample]] = {t.key: [] for t in chosen}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        url = f"http://127.0.0.1:{free_port()}"  # nobody listens: start-up must not need it
        settings = dummy_settings(url, Path(tmp))
        env = base_env(Path(tmp), BENCH_URL=url, BENCH_API_KEY="bench-placeholder", **settings)
        for r in range(args.reps):
            order = chosen[r % len(chosen) :] + chosen[: r % len(chosen)]
            print(f"· round {r + 1}/{args.reps}", file=sys.stderr, flush=True)
            for t in order:
                log = Path(tmp) / f"{t.key.replace(' ', '-')}.log"
                results[t.key].append(await start_once(t, env, log, args.settle))
        print("· imports (-X importtime, one start each)", file=sys.stderr, flush=True)
        imports: dict[str, Sample] = {}
        for t in chosen:
            log = Path(tmp) / f"{t.key.replace(' ', '-')}-importtime.log"
            imports[t.key] = await start_once(t, env, log, args.settle, importtime=True)
    return {"samples": results, "imports": imports}


def summarize(res: dict[str, Any]) -> dict[str, Any]:
    samples: dict[str, list[Sample]] = res["samples"]
    out: dict[str, Any] = {}
    bare = samples["bare"]
    bare_s = statistics.median(s.seconds for s in bare)
    bare_mib = statistics.median(s.rss_mib for s in bare)
    bare_cpu = statistics.median(s.cpu_s for s in bare)
    bare_imports = res["imports"]["bare"]
    for key, ss in samples.items():
        sec = statistics.median(s.seconds for s in ss)
        mib = statistics.median(s.rss_mib for s in ss)
        cpu = statistics.median(s.cpu_s for s in ss)
        routed = [s.routed_rss_mib for s in ss if s.routed_rss_mib is not None]
        alone = [s.routed_alone_mib for s in ss if s.routed_alone_mib is not None]
        imp = res["imports"][key]
        out[key] = {
            "cold_s": sec,
            "cold_ratio": sec / bare_s,
            "cold_samples_s": [round(s.seconds, 3) for s in ss],
            "cpu_s": cpu,
            "cpu_ratio": cpu / bare_cpu,
            "cpu_samples_s": [round(s.cpu_s, 3) for s in ss],
            "rss_mib": mib,
            "rss_ratio": mib / bare_mib,
            "routed_rss_mib": statistics.median(routed) if routed else None,
            "routed_alone_mib": statistics.median(alone) if alone else None,
            "imports_at_start": extra_packages(imp.imports_start, bare_imports.imports_start),
            "imports_by_warmup": extra_packages(imp.imports_idle, imp.imports_start),
        }
    return out


def verdict(ok: bool) -> str:
    return "✅" if ok else "❌"


def report(summary: dict[str, Any], meta: dict[str, Any]) -> str:
    bare = summary["bare"]
    lines = [
        f"# Start-up and idle memory — {meta['date']}",
        "",
        f"- machine: {meta['machine']['cpu']}, {meta['machine']['cores']} cores; "
        f"{meta['reps']} rounds, medians; idle = {meta['settle']} s after tools/list",
        f"- bare FastMCP: cold start {bare['cold_s'] * 1000:.0f} ms "
        f"({bare['cpu_s'] * 1000:.0f} ms CPU), idle RSS {bare['rss_mib']:.1f} MiB (same run)",
        "- CPU = user+system time of the server from spawn to its tools/list answer: it does not",
        "  count the time others had the cores, so it is the start-up figure to judge on a busy",
        "  machine; the cold-start goal is checked on both",
        "",
        "| server | cold start | × bare | CPU to tools/list | × bare | goal | idle RSS | × bare "
        "| goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, s in summary.items():
        if key == "bare":
            continue
        gateway = key == "gateway"
        cold_goal = TARGET_GATEWAY_COLD if gateway else TARGET_COLD
        cold_ok = verdict(s["cold_ratio"] <= cold_goal) + verdict(s["cpu_ratio"] <= cold_goal)
        if gateway:
            rss_goal = f"≤ {TARGET_GATEWAY_MIB:.0f} MiB"
            rss_ok = verdict(s["rss_mib"] <= TARGET_GATEWAY_MIB)
        else:
            rss_goal = f"≤ {TARGET_RSS:.2f}×"
            rss_ok = verdict(s["rss_ratio"] <= TARGET_RSS)
        lines.append(
            f"| {key} | {s['cold_s'] * 1000:.0f} ms | {s['cold_ratio']:.2f}× | "
            f"{s['cpu_s'] * 1000:.0f} ms | {s['cpu_ratio']:.2f}× | ≤ {cold_goal:.2f}× {cold_ok} | "
            f"{s['rss_mib']:.1f} MiB | {s['rss_ratio']:.2f}× | {rss_goal} {rss_ok} |"
        )
        if s["routed_rss_mib"] is not None:
            for what, mib in (
                ("gateway process after one routed prompt", s["routed_alone_mib"]),
                ("same, with its PII scan worker (process tree)", s["routed_rss_mib"]),
            ):
                ok = verdict(mib <= TARGET_GATEWAY_ROUTED_MIB)
                lines.append(
                    f"| {what} | | | | | | {mib:.1f} MiB | {mib / bare['rss_mib']:.2f}× | "
                    f"≤ {TARGET_GATEWAY_ROUTED_MIB:.0f} MiB {ok} |"
                )
    lines += ["", "Imported beyond the bare server (top-level package, modules):", ""]
    for key, s in summary.items():
        if key == "bare":
            continue
        start = ", ".join(s["imports_at_start"]) or "nothing"
        warm = ", ".join(s["imports_by_warmup"]) or "nothing"
        lines.append(f"- **{key}** before tools/list: {start}; after, by the warm-up: {warm}")
    lines += ["", "Cold start samples, wall / CPU (ms): "]
    lines += [
        f"- {k}: "
        + ", ".join(
            f"{v * 1000:.0f}/{c * 1000:.0f}"
            for v, c in zip(s["cold_samples_s"], s["cpu_samples_s"], strict=True)
        )
        for k, s in summary.items()
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    p.add_argument("--reps", type=int, default=5, help="rounds (each target once per round)")
    p.add_argument("--settle", type=float, default=2.0, help="idle seconds before reading RSS")
    p.add_argument("--only", nargs="*", help="targets to run besides bare (default: all)")
    p.add_argument("--json", type=Path, help="results file (default bench/results/)")
    args = p.parse_args(argv)
    meta = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "reps": args.reps,
        "settle": args.settle,
    }
    print(compile_bytecode())
    res = asyncio.run(run(args))
    summary = summarize(res)
    text = report(summary, meta)
    print(text)
    path = args.json or ROOT / "bench" / "results" / f"startup-{meta['date'].replace(':', '')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**meta, "summary": summary, "report": text}, indent=2))
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
