"""First tool call after start against warm calls of the same tool, on the real Home Assistant.

    uv run python -m bench.first_call            # ~2 min: HA start, 2 pauses x 5 starts

Starts the Home Assistant test peer (``tests/peers/homeassistant.py``, 118 demo entities), then
starts ``python -m home_assistant_mcp --transport stdio`` afresh for every sample, the way a
desktop client does: ``server/discover`` and ``tools/list``, then, after a pause, the first call
of a tool, then ``--warm`` more calls of the same tool (their median is the warm call). The
pause is 0 s (a client that calls at once) and ``--pause`` s (a model reading the tool list
first). Served alone, the server does its start-up work (probe, warm-up, tool validators) before
it answers (``homelab_shared.warmup``): in both cases it has finished before the first call.
Each start alternates the tools and pauses. Goal: first call ≤ 2x the warm call. After the
longer pause, the warm calls are followed by the same pause and one more call: the control for
what any call pays after an idle spell (a process woken on a loaded machine), first or not.
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
from pathlib import Path
from typing import Any

from bench.call_profile import compare
from bench.clients import request
from bench.procs import PYTHON, base_env, compile_bytecode, machine
from bench.startup import Session, read
from tests.peers.homeassistant import INSTALL_SCRIPT, HomeAssistantPeer, ha_binary

GOAL = 2.0
# first call, warm call (median), a later call after the same pause, the warm-up's duration (ms)
Row = tuple[float, float, float | None, float | None]
CALLS: dict[str, dict[str, Any]] = {
    "search_entities": {"query": "kitchen light"},
    "get_entity": {"entity_id": "light.ceiling_lights"},
    "overview": {},
}


SERVER = ("-m", "home_assistant_mcp", "--transport", "stdio")
# The same-run baseline: bare FastMCP, one pure tool (bench/bare_pure.py), started the same way.
BARE = ("-m", "bench.bare_pure")
BARE_CALL = {"work": {"n": 2000}}
# The same server with chosen calls profiled (``--profile``).
PROFILED = ("-m", "bench.call_profile", *SERVER[1:])


async def one_start(
    env: dict[str, str],
    log: Path,
    tool: str,
    pause: float,
    warm: int,
    server: tuple[str, ...] = SERVER,
    calls: dict[str, dict[str, Any]] = CALLS,
) -> tuple[float, list[float], float | None]:
    """The first call, the warm calls, and (after a pause) one more call after the same pause:
    what a call pays for the idle spell before it, first or not (the control)."""
    argv = [PYTHON, *server]
    session = await Session.spawn(argv, env, log)
    try:
        await session.send(request(1, "server/discover"), request(2, "tools/list"))
        await session.answer(2, 120)
        await asyncio.sleep(pause)  # the client's think time, on purpose
        times = []
        again = None
        for rid in range(3, 5 + warm):
            if rid == 4 + warm:
                if not pause:
                    break
                await asyncio.sleep(pause)
            params = {"name": tool, "arguments": calls[tool]}
            started = time.perf_counter()
            await session.send(request(rid, "tools/call", params))
            result = await session.answer(rid, 60)
            if rid == 4 + warm:
                again = time.perf_counter() - started
            else:
                times.append(time.perf_counter() - started)
            if result.get("isError"):
                raise RuntimeError(f"{tool} failed: {result.get('content')}\n{read(log)[-2000:]}")
        return times[0], times[1:], again
    finally:
        await session.close()


def warm_up_ms(log: Path) -> float | None:
    """How long the server's warm-up took to open its connections and fill its caches (its
    "connections and caches ready" log line): what a call sent at once waits for at least."""
    for line in read(log).splitlines():
        if "connections and caches ready" in line:
            with contextlib.suppress(ValueError, KeyError):
                return float(json.loads(line)["duration_ms"])
    return None


async def run(args: argparse.Namespace, peer: HomeAssistantPeer, tmp: Path) -> dict[str, Any]:
    env = base_env(tmp, HA_URL=peer.url, HA_TOKEN=peer.token)
    samples: dict[str, dict[float, list[Row]]] = {
        tool: {p: [] for p in (0.0, args.pause)} for tool in (*CALLS, *BARE_CALL)
    }
    for r in range(args.reps):
        print(f"· round {r + 1}/{args.reps}", file=sys.stderr, flush=True)
        for tool in CALLS:
            for pause in (0.0, args.pause) if r % 2 == 0 else (args.pause, 0.0):
                first, warm, again = await one_start(
                    env, tmp / "server.log", tool, pause, args.warm
                )
                ready = warm_up_ms(tmp / "server.log")
                samples[tool][pause].append((first, statistics.median(warm), again, ready))
        for pause in (0.0, args.pause):  # the baseline, in the same rounds
            first, warm, again = await one_start(
                env, tmp / "bare.log", "work", pause, args.warm, BARE, BARE_CALL
            )
            samples["work"][pause].append((first, statistics.median(warm), again, None))
    return samples


def report(samples: dict[str, dict[float, list[Row]]], reps: int) -> str:
    lines = [
        "| tool | pause after tools/list | first call (median) | warm call (median) | "
        "first / warm | goal ≤ 2× | a later call after the same pause | first / that | "
        "warm-up: connections + caches |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for tool, by_pause in samples.items():
        for pause, rows in by_pause.items():
            first = statistics.median(f for f, _, _, _ in rows)
            warm = statistics.median(w for _, w, _, _ in rows)
            ratio = first / warm
            ok = "✅" if ratio <= GOAL else "❌"
            agains = [a for _, _, a, _ in rows if a is not None]
            again = statistics.median(agains) if agains else None
            control = f"{again * 1000:.1f} ms | {first / again:.2f}×" if again else "| "
            readies = [r for _, _, _, r in rows if r is not None]
            ready = f"{statistics.median(readies):.1f} ms" if readies else "not logged"
            name = f"`{tool}`"
            if tool in BARE_CALL:
                name, ready = f"`{tool}` (bare FastMCP, baseline)", "none"
            lines.append(
                f"| {name} | {pause:g} s | {first * 1000:.1f} ms | {warm * 1000:.1f} ms | "
                f"{ratio:.2f}× | {ok} | {control} | {ready} |"
            )
    return "\n".join(lines) + (
        f"\n\n{reps} starts per row; ratios of the medians. The warm-up column is the server's "
        "own measure of opening the WebSocket (handshake, auth) and filling the registry, "
        "service and live-state caches, done before the server's first answer (served alone, "
        "it answers once its start-up is over, 1 s at most): part of the start-up time "
        "(bench.startup), not of the first call. The baseline rows are a "
        "bare FastMCP server (one pure tool, no upstream) started and called the same way in the "
        "same rounds: its 'later call after the same pause' is what plain FastMCP pays after an "
        "idle spell."
    )


async def profile(args: argparse.Namespace, peer: HomeAssistantPeer, tmp: Path) -> None:
    """One start per tool and pause under ``bench.call_profile``: the first call and the
    ``--warm``-th call after it profiled, and what the first ran beyond the warm one."""
    out = Path(args.profile)
    for tool in CALLS:
        for pause in (args.pause, 0.0):
            where = out / f"{tool}-{pause:g}s"
            env = base_env(tmp, HA_URL=peer.url, HA_TOKEN=peer.token)
            env.update(BENCH_PROFILE_DIR=str(where), BENCH_PROFILE_CALLS=f"1,{args.warm + 1}")
            await one_start(env, tmp / "server.log", tool, pause, args.warm, PROFILED)
            print(f"\n## `{tool}`, pause {pause:g} s\n")
            print(compare(where / "call-1.prof", where / f"call-{args.warm + 1}.prof", args.top))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_call", description=__doc__)
    parser.add_argument("--reps", type=int, default=5, help="starts per tool and pause")
    parser.add_argument("--pause", type=float, default=1.5, help="the longer pause, seconds")
    parser.add_argument("--warm", type=int, default=10, help="warm calls after the first")
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="instead of timing: profile the first and the last call of one start per tool and "
        "pause (cProfile, in DIR) and list what the first call ran beyond the warm one",
    )
    parser.add_argument("--top", type=int, default=25, help="functions listed with --profile")
    args = parser.parse_args()
    if ha_binary() is None:
        print(f"Home Assistant peer not installed: run `bash {INSTALL_SCRIPT}`", file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory(prefix="first-call-") as tmp, HomeAssistantPeer() as peer:
        m = machine()
        print(f"machine: {m['cpu']}, {m['cores']} cores, Python {sys.version.split()[0]}")
        print(compile_bytecode())
        if args.profile:
            asyncio.run(profile(args, peer, Path(tmp)))
            return
        samples = asyncio.run(run(args, peer, Path(tmp)))
        print(report(samples, args.reps))
        raw = {t: {str(p): v for p, v in by.items()} for t, by in samples.items()}
        print(json.dumps(raw), file=sys.stderr)


if __name__ == "__main__":
    main()
