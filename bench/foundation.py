"""Benchmark of the foundation: homelab_shared vs a bare FastMCP server, in one run.

    uv run python -m bench.foundation            # full run, ~2-3 min on 2 cores
    uv run python -m bench.foundation --quick    # smoke run, ~1 min

Everything runs on 127.0.0.1: an upstream (``bench.upstream``), the bare server
(``bench.bare_server``), the same tool on homelab_shared (``bench.ours_server``, default INFO
logging and a WARNING-logging twin), the example server and the gateway. Every load is bounded
by a call count and a time limit. Baseline and ours are measured alternately in the same run and
reported as ratios (ours / bare). See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import entry_points, version
from pathlib import Path
from typing import Any

from bench.clients import CALLERS, call_tool, list_tools, stdio_cold_start
from bench.inprocess import compare
from bench.procs import (
    BIN,
    PYTHON,
    ROOT,
    Proc,
    base_env,
    cpu_plan,
    cpu_seconds,
    free_port,
    machine,
    pin,
    rss_kib,
    self_cpu_seconds,
    wait_port,
)
from bench.startup_env import dummy_settings

API_KEY = "bench-api-key"
TOOL = "get_payload"
RESULTS = ROOT / "bench" / "results"
TARGET_LATENCY = 1.10
TARGET_COLD = 1.20
TARGET_RSS = 1.15
TARGET_GATEWAY_MIB = 130.0


# --------------------------------------------------------------------------- servers


@dataclass
class Server:
    key: str  # bare | ours | ours_warn | example | gateway
    label: str
    proc: Proc
    port: int
    tool: str = TOOL

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"


class Fleet:
    """The processes of one run: started here, stopped here, logs in the run's temp dir."""

    def __init__(self, tmp: Path, pin_cpus: bool = False) -> None:
        self.tmp = tmp
        self.client_cpus, self.server_cpus = cpu_plan(pin_cpus)
        self.procs: list[Proc] = []
        self.upstream_url = ""
        self.notes: list[str] = []
        self.gateway_cmd: list[str] | None = None

    def spawn(
        self, name: str, argv: list[str], env: dict[str, str], cpus: set[int] | None = None
    ) -> Proc:
        proc = Proc(name, argv, env, self.tmp / f"{name}.log", cpus or self.server_cpus)
        self.procs.append(proc)
        return proc

    def stop(self, proc: Proc) -> None:
        proc.stop()
        if proc in self.procs:
            self.procs.remove(proc)

    def stop_all(self) -> None:
        for proc in reversed(list(self.procs)):
            self.stop(proc)

    def state_dir(self, name: str) -> Path:
        path = self.tmp / f"state-{name}"
        path.mkdir(exist_ok=True)
        return path

    def start_upstream(self) -> None:
        port = free_port()
        argv = [PYTHON, "-m", "bench.upstream", str(port)]
        proc = self.spawn("upstream", argv, base_env(self.tmp), self.client_cpus)
        wait_port(port, proc, 30)
        self.upstream_url = f"http://127.0.0.1:{port}"

    def server_env(self, name: str, **extra: str) -> dict[str, str]:
        return base_env(
            self.state_dir(name),
            BENCH_URL=self.upstream_url,
            BENCH_API_KEY=API_KEY,
            EXAMPLE_URL=self.upstream_url,
            EXAMPLE_API_KEY=API_KEY,
            **extra,
        )

    def http_argv(self, key: str, port: int) -> list[str]:
        module = {
            "bare": "bench.bare_server",
            "ours": "bench.ours_server",
            "ours_warn": "bench.ours_server",
            "example": "tests.example.server",
        }[key]
        return [PYTHON, "-m", module, "--transport", "http", "--port", str(port)]

    def start_http(self, key: str, label: str, **extra: str) -> Server:
        port = free_port()
        proc = self.spawn(key, self.http_argv(key, port), self.server_env(key, **extra))
        return Server(key, label, proc, port)

    def gateway_env(self, **extra: str) -> dict[str, str]:
        return self.server_env(
            "gateway",
            HOMELAB_EXTRA_SERVERS="tests.example.server:SPEC",
            **dummy_settings(self.upstream_url, self.state_dir("gateway")),
            **extra,
        )

    def start_gateway(self) -> Server:
        """``homelab-mcp serve --transport http``; remembers the command for the stdio run."""
        port = free_port()
        env = self.gateway_env(HOMELAB_PORT=str(port))
        self.gateway_cmd = [str(BIN / "homelab-mcp"), "serve"]
        argv = [*self.gateway_cmd, "--transport", "http"]
        return Server("gateway", "gateway", self.spawn("gateway", argv, env), port, tool="status")


async def ready(server: Server, limit_s: float = 60.0) -> list[str]:
    """Wait until the server listens and answers tools/list (the one tools/list of the run)."""
    await asyncio.to_thread(wait_port, server.port, server.proc, limit_s)
    return await list_tools(server.url)


# --------------------------------------------------------------------------- load


@dataclass
class Window:
    calls: int
    seconds: float
    server_cpu: float
    client_cpu: float
    latencies: list[float]
    errors: int


async def run_window(
    callers: list[Any], server: Server, max_calls: int, max_seconds: float
) -> Window:
    """All callers call as fast as they can until max_calls in total or max_seconds."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = 0.0

    async def worker(caller: Any) -> None:
        nonlocal issued, errors
        while issued < max_calls and time.perf_counter() < deadline:
            issued += 1
            t0 = time.perf_counter()
            try:
                await caller.call()
            except Exception:
                errors += 1
                continue
            latencies.append(time.perf_counter() - t0)

    cpu0, self0 = cpu_seconds(server.proc.pid), self_cpu_seconds()
    start = time.perf_counter()
    deadline = start + max_seconds
    await asyncio.gather(*(worker(c) for c in callers))
    elapsed = time.perf_counter() - start
    return Window(
        calls=len(latencies),
        seconds=elapsed,
        server_cpu=cpu_seconds(server.proc.pid) - cpu0,
        client_cpu=self_cpu_seconds() - self0,
        latencies=latencies,
        errors=errors,
    )


async def run_alternating(
    pools: dict[str, list[Any]], servers: list[Server], max_calls: int, max_seconds: float
) -> dict[str, Window]:
    """One client per server, called in turn (rotating order): the servers see the same noise.

    A server's window time is the sum of its own call latencies (serial throughput), its
    client CPU the process CPU time spent during its calls.
    """
    lat: dict[str, list[float]] = {s.key: [] for s in servers}
    client_cpu = dict.fromkeys(lat, 0.0)
    errors = dict.fromkeys(lat, 0)
    cpu0 = {s.key: cpu_seconds(s.proc.pid) for s in servers}
    deadline = time.perf_counter() + max_seconds
    step = 0
    while step < max_calls and time.perf_counter() < deadline:
        k = step % len(servers)
        for server in servers[k:] + servers[:k]:
            c0, t0 = time.process_time(), time.perf_counter()
            try:
                await pools[server.key][0].call()
            except Exception:
                errors[server.key] += 1
                continue
            lat[server.key].append(time.perf_counter() - t0)
            client_cpu[server.key] += time.process_time() - c0
        step += 1
    return {
        s.key: Window(
            calls=len(lat[s.key]),
            seconds=sum(lat[s.key]),
            server_cpu=cpu_seconds(s.proc.pid) - cpu0[s.key],
            client_cpu=client_cpu[s.key],
            latencies=lat[s.key],
            errors=errors[s.key],
        )
        for s in servers
    }


def quantile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


@dataclass
class LoadResult:
    server: str
    concurrency: int
    calls: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    calls_per_s: float
    server_cpu_ms_per_call: float
    client_cpu_ms_per_call: float
    round_p50_ms: list[float] = field(default_factory=list)


def summarize(server: str, conc: int, windows: list[Window]) -> LoadResult:
    lat = sorted(x for w in windows for x in w.latencies)
    calls = sum(w.calls for w in windows)
    seconds = sum(w.seconds for w in windows)
    per_call = max(calls, 1)
    return LoadResult(
        server=server,
        concurrency=conc,
        calls=calls,
        errors=sum(w.errors for w in windows),
        seconds=round(seconds, 3),
        p50_ms=quantile(lat, 0.50) * 1000,
        p99_ms=quantile(lat, 0.99) * 1000,
        calls_per_s=calls / seconds if seconds else 0.0,
        server_cpu_ms_per_call=sum(w.server_cpu for w in windows) * 1000 / per_call,
        client_cpu_ms_per_call=sum(w.client_cpu for w in windows) * 1000 / per_call,
        round_p50_ms=[quantile(sorted(w.latencies), 0.5) * 1000 for w in windows],
    )


async def load_level(
    servers: list[Server], conc: int, args: argparse.Namespace
) -> dict[str, LoadResult]:
    """Open ``conc`` clients per server, warm up, then alternate the servers round by round."""
    caller_cls = CALLERS[args.client]
    pools: dict[str, list[Any]] = {}
    try:
        for server in servers:
            pool = [caller_cls(server.url, server.tool) for _ in range(conc)]
            pools[server.key] = pool
            await asyncio.gather(*(c.__aenter__() for c in pool))
            await asyncio.gather(*(c.call() for c in pool for _ in range(args.warmup)))
        windows: dict[str, list[Window]] = {s.key: [] for s in servers}
        for r in range(args.rounds):
            if conc == 1:  # one client: alternate the servers call by call
                budget = args.seconds * len(servers)
                for key, w in (await run_alternating(pools, servers, args.calls, budget)).items():
                    windows[key].append(w)
                continue
            order = servers[r % len(servers) :] + servers[: r % len(servers)]
            for server in order:
                w = await run_window(pools[server.key], server, args.calls, args.seconds)
                windows[server.key].append(w)
        return {key: summarize(key, conc, ws) for key, ws in windows.items()}
    finally:
        for pool in pools.values():
            await asyncio.gather(*(c.__aexit__() for c in pool), return_exceptions=True)


# --------------------------------------------------------------------------- cold start


async def cold_starts(fleet: Fleet, reps: int, gateway_reps: int) -> dict[str, list[float]]:
    argv = {
        "bare": [PYTHON, "-m", "bench.bare_server", "--transport", "stdio"],
        "ours": [PYTHON, "-m", "bench.ours_server", "--transport", "stdio"],
    }
    envs = {k: fleet.server_env(f"cold-{k}") for k in argv}
    keys = list(argv)
    if fleet.gateway_cmd:
        argv["gateway"] = [*fleet.gateway_cmd, "--transport", "stdio"]
        envs["gateway"] = fleet.gateway_env()
    times: dict[str, list[float]] = {k: [] for k in argv}

    async def once(k: str) -> float:
        log = fleet.tmp / f"cold-{k}.log"
        return await stdio_cold_start(argv[k], envs[k], log, cpus=fleet.server_cpus)

    # No unmeasured warm-up run: the RSS phase already ran the same modules (page cache, .pyc).
    for r in range(reps):
        for k in keys if r % 2 == 0 else reversed(keys):
            times[k].append(await once(k))
        if "gateway" in argv and r < gateway_reps:
            times["gateway"].append(await once("gateway"))
    return times


# --------------------------------------------------------------------------- report


def fmt_ms(v: float) -> str:
    return f"{v:.2f} ms"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("✅" if ok else "❌")


Row = tuple[str, str, str, str, str, str]


def ratio_row(
    metric: str, base: float, ours: float, fmt: Any, target: float | None, higher_is_better=False
) -> Row:
    ratio = ours / base if base else float("nan")
    if target is None:
        return (metric, fmt(base), fmt(ours), f"{ratio:.2f}×", "info", "")
    if higher_is_better:
        ok = ratio >= 1 / target
        return (metric, fmt(base), fmt(ours), f"{ratio:.2f}×", f"≥ {1 / target:.2f}×", verdict(ok))
    ok = ratio <= target
    return (metric, fmt(base), fmt(ours), f"{ratio:.2f}×", f"≤ {target:.2f}×", verdict(ok))


def table(rows: list[Row]) -> str:
    head = ("metric", "baseline (bare)", "ours", "ratio", "target", "ok")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def paired_row(metric: str, bare: LoadResult, ours: LoadResult) -> Row:
    """Round by round, ours against the bare window next to it: the median of those ratios
    (and their quartiles) is robust to load that shifts whole rounds on a shared machine."""
    ratios = sorted(
        o / b for o, b in zip(ours.round_p50_ms, bare.round_p50_ms, strict=True) if b and o
    )
    mid = statistics.median(ratios)
    low, high = quantile(ratios, 0.25), quantile(ratios, 0.75)
    ok = verdict(mid <= TARGET_LATENCY)
    return (
        f"{metric}, median of {len(ratios)} paired rounds (quartiles {low:.2f}–{high:.2f})",
        "",
        "",
        f"{mid:.2f}×",
        f"≤ {TARGET_LATENCY:.2f}×",
        ok,
    )


def build_rows(res: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    load: dict[int, dict[str, LoadResult]] = res["load"]
    variants = [("ours", "")]
    if any("ours_warn" in by for by in load.values()):
        variants.append(("ours_warn", " [ours: log WARNING]"))
    for key, suffix in variants:
        for conc, by in load.items():
            b, o = by["bare"], by[key]
            rows.append(
                ratio_row(f"call p50 @{conc}{suffix}", b.p50_ms, o.p50_ms, fmt_ms, TARGET_LATENCY)
            )
            if conc > 1 and len(o.round_p50_ms) > 1:
                rows.append(paired_row(f"call p50 @{conc}{suffix}", b, o))
        for conc, by in load.items():
            if suffix:  # p99 of the WARNING twin adds rows, not information
                break
            b, o = by["bare"], by[key]
            rows.append(ratio_row(f"call p99 @{conc}{suffix}", b.p99_ms, o.p99_ms, fmt_ms, None))
        for conc, by in load.items():
            b, o = by["bare"], by[key]
            rows.append(
                ratio_row(
                    f"throughput @{conc}{suffix}",
                    b.calls_per_s,
                    o.calls_per_s,
                    lambda v: f"{v:.0f}/s",
                    TARGET_LATENCY,
                    higher_is_better=True,
                )
            )
        for conc, by in load.items():
            b, o = by["bare"], by[key]
            rows.append(
                ratio_row(
                    f"server CPU per call @{conc}{suffix}",
                    b.server_cpu_ms_per_call,
                    o.server_cpu_ms_per_call,
                    fmt_ms,
                    None,
                )
            )
    for level, r in res.get("inprocess", {}).items():
        b, o = r["bare"]["cpu_ms_median"], r["ours"]["cpu_ms_median"]
        rows.append(
            ratio_row(
                f"in-process CPU per call, no HTTP, log {level} (ours − bare: "
                f"{(o - b) * 1000:+.0f} µs)",
                b,
                o,
                fmt_ms,
                None,
            )
        )
    cold = res.get("cold_start")
    if cold:
        b, o = statistics.median(cold["bare"]), statistics.median(cold["ours"])
        rows.append(
            ratio_row(
                "cold start, stdio spawn → tools/list (median)",
                b,
                o,
                lambda v: f"{v * 1000:.0f} ms",
                TARGET_COLD,
            )
        )
        if cold.get("gateway"):
            rows.append(
                ratio_row(
                    "cold start, full gateway, stdio (median)",
                    b,
                    statistics.median(cold["gateway"]),
                    lambda v: f"{v * 1000:.0f} ms",
                    None,
                )
            )
    rss = res.get("rss_mib", {})
    mib = lambda v: f"{v:.1f} MiB"  # noqa: E731
    if "bare" in rss and "example" in rss:
        rows.append(
            ratio_row("idle RSS, example server", rss["bare"], rss["example"], mib, TARGET_RSS)
        )
    if "bare" in rss and "ours" in rss:
        rows.append(ratio_row("idle RSS, one-tool server", rss["bare"], rss["ours"], mib, None))
    if "gateway" in rss:
        g = rss["gateway"]
        ok = g <= TARGET_GATEWAY_MIB
        rows.append(
            (
                "idle RSS, full gateway",
                "—",
                mib(g),
                "—",
                f"≤ {TARGET_GATEWAY_MIB:.0f} MiB",
                verdict(ok),
            )
        )
    elif res.get("gateway_error"):
        rows.append(("idle RSS, full gateway", "—", "failed", "—", "≤ 130 MiB", "❌"))
    return rows


# --------------------------------------------------------------------------- main


async def measure_rss(fleet: Fleet, args: argparse.Namespace, res: dict[str, Any]) -> None:
    """Fresh processes; RSS after start + one tools/list; gateway with everything mounted."""
    servers = [
        fleet.start_http("bare", "bare"),
        fleet.start_http("ours", "ours"),
        fleet.start_http("example", "example"),
    ]
    gateway: Server | None = None
    if not args.no_gateway:
        gateway = fleet.start_gateway()
    for s in servers:
        await ready(s)
    if gateway is not None:
        try:
            await ready(gateway)
        except RuntimeError as err:
            fleet.stop(gateway.proc)
            res["gateway_error"] = str(err)
            gateway = None
    await asyncio.sleep(args.settle)
    rss = {s.key: rss_kib(s.proc.pid) / 1024 for s in servers}
    if gateway is not None:
        rss["gateway"] = rss_kib(gateway.proc.pid) / 1024
        status = await call_tool(gateway.url, "status")
        res["gateway_status"] = {s["name"]: s["state"] for s in (status or {}).get("servers", [])}
        res["gateway_tools"] = len(await list_tools(gateway.url))
        fleet.stop(gateway.proc)
        res["gateway_imports"] = await import_breakdown(fleet)
    res["rss_mib"] = rss
    for s in servers:
        fleet.stop(s.proc)


async def import_breakdown(fleet: Fleet) -> list[dict[str, Any]]:
    """RSS each mounted server's module adds on top of the common base (fastmcp + runner).

    One fresh interpreter per server (run concurrently: RSS does not depend on CPU), so each
    server is charged only for what it pulls in itself.
    """
    base = ["fastmcp", "homelab_shared.runner"]
    servers = [ep.value.partition(":")[0] for ep in entry_points(group="homelab_mcp.servers")]
    servers.append("tests.example.server")

    async def one(module: str) -> list[dict[str, Any]]:
        proc = await asyncio.create_subprocess_exec(
            *(PYTHON, "-m", "bench.importmem", *base, module),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=fleet.server_env("importmem"),
            cwd=ROOT,
        )
        async with asyncio.timeout(120):
            out, _ = await proc.communicate()
        return json.loads(out)["modules"]

    runs = await asyncio.gather(*(one(m) for m in servers))
    return [*runs[0][: len(base)], *(r[-1] for r in runs)]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    res: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            **machine(),
            "python": platform.python_version(),
            "fastmcp": version("fastmcp"),
            "mcp": version("mcp"),
        },
        "settings": {k: v for k, v in vars(args).items() if k != "json"},
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        fleet = Fleet(Path(tmp), pin_cpus=args.pin)
        res["cpus"] = {
            "client_and_upstream": sorted(fleet.client_cpus or []),
            "server": sorted(fleet.server_cpus or []),
        }
        if fleet.client_cpus:
            pin(0, fleet.client_cpus)
        try:
            fleet.start_upstream()
            phase("idle RSS (bare, one-tool ours, example server, gateway)")
            await measure_rss(fleet, args, res)

            phase(f"cold start over stdio ({args.cold_reps} reps each, interleaved)")
            res["cold_start"] = await cold_starts(fleet, args.cold_reps, args.gateway_cold_reps)

            servers = [
                fleet.start_http("bare", "bare"),
                fleet.start_http("ours", "ours"),
            ]
            if not args.no_warn_variant:
                servers.append(fleet.start_http("ours_warn", "ours", HOMELAB_LOG_LEVEL="WARNING"))
            for s in servers:
                await ready(s)
            res["load"] = {}
            for conc in args.levels:
                phase(
                    f"tool calls @{conc} concurrent {args.client} client(s), {args.rounds} rounds"
                )
                res["load"][conc] = await load_level(servers, conc, args)
            for s in servers:
                fleet.stop(s.proc)
            if args.inprocess_calls:
                phase(f"in-process CPU per call, {args.inprocess_calls} alternating calls")
                res["inprocess"] = await compare(
                    fleet.upstream_url, API_KEY, fleet.state_dir("inprocess"), args.inprocess_calls
                )
        except Exception:
            for proc in fleet.procs:
                print(f"--- {proc.name} log tail:\n{proc.tail()}", file=sys.stderr)
            raise
        finally:
            fleet.stop_all()
        res["notes"] = fleet.notes
    res["elapsed_s"] = round(time.perf_counter() - started, 1)
    return res


def phase(text: str) -> None:
    print(f"· {text}", file=sys.stderr, flush=True)


CLIENT_TEXT = {
    "fastmcp": "fastmcp.Client over StreamableHttpTransport",
    "raw": "raw JSON-RPC POSTs over httpx (no client-side MCP parsing)",
}


def cpus_text(res: dict[str, Any]) -> str:
    cpus = res.get("cpus", {})
    if not cpus.get("server"):
        return "not pinned (client, server and upstream share all cores)"
    return (
        f"server under test pinned to CPU {cpus['server']}, benchmark client and upstream to "
        f"CPU {cpus['client_and_upstream']}"
    )


def report(res: dict[str, Any], args: argparse.Namespace) -> str:
    m = res["machine"]
    out = [
        f"# Foundation benchmark — {res['date']}",
        "",
        f"- machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}; "
        f"fastmcp {m['fastmcp']} (mcp {m['mcp']})",
        f"- client: {CLIENT_TEXT[args.client]}, one per concurrent worker, in the benchmark "
        "process",
        f"- CPUs: {cpus_text(res)}",
        "- @1: one client per server, the servers called in turn call by call; @N > 1: "
        f"{args.rounds} rounds per server, each ≤ {args.seconds:.2f} s or ≤ {args.calls} calls, "
        f"the servers alternated round by round; {args.warmup} warm-up call(s) per client",
        "- server CPU per call: utime+stime of the server process over the window / calls",
        f"- ratio = ours / bare; run took {res['elapsed_s']} s",
        "",
        table(build_rows(res)),
    ]
    errors = {
        f"{k}@{c}": r.errors
        for c, by in res.get("load", {}).items()
        for k, r in by.items()
        if r.errors
    }
    if errors:
        out += ["", f"**Failed calls**: {errors}"]
    if "gateway_status" in res:
        mounted = [n for n, s in res["gateway_status"].items() if s == "mounted"]
        other = {n: s for n, s in res["gateway_status"].items() if s != "mounted"}
        out += [
            "",
            f"Gateway: {len(mounted)} server(s) mounted ({', '.join(mounted) or 'none'}), "
            f"{res.get('gateway_tools', '?')} tools" + (f"; not mounted: {other}" if other else ""),
        ]
    imports = res.get("gateway_imports", [])
    if imports:
        out += [
            "",
            "RSS added by import (fresh interpreter; each server on top of fastmcp + "
            "homelab_shared.runner):",
            "",
        ]
        out += [
            f"- `{m['module']}`: +{m['added_mib']} MiB"
            + (f" ({', '.join(m['packages'])})" if m["added_mib"] >= 5 else "")
            + (f" — import failed: {m['error']}" if m["error"] else "")
            for m in imports
        ]
    if res.get("gateway_error"):
        out += ["", f"Gateway failed to start: {res['gateway_error']}"]
    for note in res.get("notes", []):
        out += ["", f"Note: {note}"]
    cold = res.get("cold_start", {})
    if cold:
        out += [
            "",
            "Cold start samples (ms): "
            + "; ".join(
                f"{k}: {', '.join(f'{v * 1000:.0f}' for v in vs)}" for k, vs in cold.items()
            ),
        ]
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.foundation", description=__doc__)
    p.add_argument("--client", choices=sorted(CALLERS), default="fastmcp")
    p.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50])
    p.add_argument("--rounds", type=int, default=16, help="alternating rounds per level")
    p.add_argument("--seconds", type=float, default=0.6, help="time limit of one round")
    p.add_argument("--calls", type=int, default=3000, help="call limit of one round")
    p.add_argument("--warmup", type=int, default=2, help="warm-up calls per client")
    p.add_argument("--cold-reps", type=int, default=5)
    p.add_argument("--gateway-cold-reps", type=int, default=2)
    p.add_argument("--settle", type=float, default=1.0, help="idle seconds before reading RSS")
    p.add_argument(
        "--inprocess-calls",
        type=int,
        default=300,
        help="alternating in-process calls per server and log level (0: skip)",
    )
    p.add_argument("--no-gateway", action="store_true")
    p.add_argument(
        "--pin",
        action="store_true",
        help="give the server under test a CPU of its own (client and upstream on another); "
        "on small VMs cross-CPU wake-ups then dominate the latency",
    )
    p.add_argument("--no-warn-variant", action="store_true", help="skip ours with log WARNING")
    p.add_argument("--quick", action="store_true", help="1 round × 1 s, 2 cold starts")
    p.add_argument("--json", type=Path, help="results file (default bench/results/<date>.json)")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.seconds, args.cold_reps, args.warmup = 2, 0.5, 2, 1
        args.gateway_cold_reps, args.inprocess_calls = 1, 100
    return args


def to_jsonable(res: dict[str, Any]) -> dict[str, Any]:
    out = dict(res)
    out["load"] = {
        str(c): {k: asdict(r) for k, r in by.items()} for c, by in res.get("load", {}).items()
    }
    return out


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    res = asyncio.run(run(args))
    text = report(res, args)
    print(text)
    path = args.json or RESULTS / f"foundation-{res['date'].replace(':', '')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**to_jsonable(res), "report": text}, indent=2, default=str))
    print(f"\nresults: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
