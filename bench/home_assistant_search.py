"""search_entities and overview latency: states kept from the WebSocket against REST per call.

Starts the real Home Assistant (the test peer, 118 demo entities), then loads synthetic entities
into it (``POST /api/states``, bench/ha_synthetic.py) up to 5,000. At each size, two servers (in
memory MCP clients, the real REST and WebSocket upstream) are measured in the same run: ``live``
as it is now (states kept in memory from ``subscribe_entities``) and ``rest``, the same code with
the cache off (``HAClient(live_states=False)``: ``GET /api/states`` on every call, the baseline).
Queries cycle through the labelled typo set; rounds alternate the two so machine noise hits
both. Also printed: the first call of each (``live`` waits for the full state set there), the
memory the cache holds, and typo quality (which must be the same for both).

    uv run python -m bench.home_assistant_search             # ~3 min (HA start, 5,000 loads)
    uv run python -m bench.home_assistant_search --calls 20  # quicker, noisier
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import httpx
from fastmcp import Client

from bench.ha_search_quality import cases, quality
from bench.ha_synthetic import synthetic_states
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.peers.homeassistant import INSTALL_SCRIPT, HomeAssistantPeer, ha_binary

GOALS = {118: 10.0, 5000: 40.0}  # search_entities p50 ms
VARIANTS = ("rest", "live")


def deep_size(obj: Any, seen: set[int] | None = None) -> int:
    """Bytes held by ``obj`` and everything it refers to (each object counted once)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, list | tuple | set):
        size += sum(deep_size(v, seen) for v in obj)
    return size


async def load_synthetic(peer: HomeAssistantPeer, count: int) -> None:
    """Create ``count`` extra entities in the real Home Assistant (state objects, no registry)."""
    todo = synthetic_states(count)
    async with httpx.AsyncClient(base_url=peer.url, headers=peer.headers, timeout=30) as http:

        async def worker(part: Sequence[dict[str, Any]]) -> None:
            for s in part:
                body = {"state": s["state"], "attributes": s["attributes"]}
                r = await http.post(f"/api/states/{s['entity_id']}", json=body)
                r.raise_for_status()

        await asyncio.gather(*(worker(todo[i::8]) for i in range(8)))


async def timed_calls(
    client: Client[Any],
    tool: str,
    arguments: list[dict[str, Any]],
    calls: int,
    cpu: list[float] | None = None,
) -> list[float]:
    """Wall ms per call; with ``cpu``, also this process's CPU ms per call (client and server
    both run here: far less noisy than wall time on a loaded machine)."""
    out: list[float] = []
    for i in range(calls):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        await client.call_tool(tool, arguments[i % len(arguments)])
        out.append((time.perf_counter() - begin) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - begin_cpu) * 1000)
    return out


async def body_ms(server: Any, arguments: list[dict[str, Any]], calls: int) -> float:
    """p50 of the search tool's own function (snapshot, index lookup, summaries, the Page),
    called directly: what the call costs without MCP, FastMCP and the middleware."""
    fn = (await server.get_tool("search_entities")).fn
    out: list[float] = []
    for i in range(calls):
        begin = time.perf_counter()
        await fn(**arguments[i % len(arguments)])
        out.append((time.perf_counter() - begin) * 1000)
    return statistics.median(out)


async def rest_share(peer: HomeAssistantPeer) -> tuple[int, float, int]:
    """Entities, p50 of ``GET /api/states`` + parse alone (no MCP), bytes of the parsed list."""
    raw: list[float] = []
    parsed: list[Any] = []
    async with httpx.AsyncClient(base_url=peer.url, headers=peer.headers) as http:
        for _ in range(6):
            begin = time.perf_counter()
            parsed = json.loads((await http.get("/api/states")).content)
            raw.append((time.perf_counter() - begin) * 1000)
    return len(parsed), statistics.median(raw[1:]), deep_size(parsed)


async def measure_size(
    peer: HomeAssistantPeer, runtime: RuntimeSettings, calls: int
) -> dict[str, Any]:
    settings = load_settings(HASettings, url=peer.url, token=peer.token)
    searches = [{"query": c.query} for c in cases()]
    entities, raw_ms, rest_bytes = await rest_share(peer)
    has = {v: HAClient(settings, live_states=v == "live") for v in VARIANTS}
    servers = {v: build_server(settings, runtime, client=has[v]) for v in VARIANTS}
    clients = {v: Client(servers[v]) for v in VARIANTS}
    times: dict[str, dict[str, list[float]]] = {v: {"search": [], "overview": []} for v in VARIANTS}
    cpu: dict[str, list[float]] = {v: [] for v in VARIANTS}
    bodies: dict[str, list[float]] = {v: [] for v in VARIANTS}
    first: dict[str, float] = {}
    quality_rows: dict[str, dict[str, str]] = {}
    for c in clients.values():
        await c.__aenter__()
    try:
        for name, client in clients.items():
            first[name] = (await timed_calls(client, "search_entities", searches, 1))[0]
            await timed_calls(client, "search_entities", searches, 3)  # registries, index
            answers = {}
            for case in cases():
                result = await client.call_tool("search_entities", {"query": case.query})
                answers[case.query] = [i["entity_id"] for i in result.structured_content["items"]]  # type: ignore[index]
            quality_rows[name] = {
                split: quality(answers.__getitem__, cases(split)).row()
                for split in ("tune", "held_out")
            }
        rounds = 5
        for r in range(rounds):
            offset = r * 7  # a different query mix per round, the same for both
            mix = searches[offset:] + searches[:offset]
            for name, client in clients.items():
                times[name]["search"] += await timed_calls(
                    client, "search_entities", mix, max(1, calls // rounds), cpu[name]
                )
                bodies[name].append(await body_ms(servers[name], mix, max(1, calls // rounds)))
                times[name]["overview"] += await timed_calls(
                    client, "overview", [{}], max(1, calls // rounds // 5)
                )
        live = has["live"].live
        assert live.synced, "the live server fell back to REST"
        cache_bytes = deep_size((await live.snapshot()).states)
    finally:
        for c in clients.values():
            await c.__aexit__(None, None, None)
        for ha in has.values():
            await ha.aclose()
    return {
        "entities": entities,
        "raw_states_ms": raw_ms,
        "first": first,
        "p50": {v: {k: statistics.median(t) for k, t in times[v].items()} for v in VARIANTS},
        "calls": {v: {k: len(t) for k, t in times[v].items()} for v in VARIANTS},
        "search_cpu": {v: statistics.median(cpu[v]) for v in VARIANTS},
        "search_body": {v: statistics.median(bodies[v]) for v in VARIANTS},
        "quality": quality_rows,
        "memory": {"cache": cache_bytes, "rest": rest_bytes},
    }


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| entities | tool | rest p50 ms (calls) | live p50 ms (calls) | rest ÷ live | goal | ok |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for tool in ("search", "overview"):
            rest, live = row["p50"]["rest"][tool], row["p50"]["live"][tool]
            n = row["calls"]
            goal = GOALS.get(row["size"]) if tool == "search" else None
            verdict = ("yes" if live <= goal else "no") if goal else "-"
            lines.append(
                f"| {row['entities']} | {tool} | {rest:.1f} ({n['rest'][tool]}) | {live:.1f} "
                f"({n['live'][tool]}) | {rest / live:.1f}x | "
                f"{f'≤ {goal:g} ms' if goal else '-'} | {verdict} |"
            )
    lines += [
        "",
        "| entities | search: rest body / call CPU ms | live body / call CPU ms |",
        "|---|---|---|",
    ]
    for row in rows:
        body, cpu = row["search_body"], row["search_cpu"]
        lines.append(
            f"| {row['entities']} | {body['rest']:.2f} / {cpu['rest']:.2f} | "
            f"{body['live']:.2f} / {cpu['live']:.2f} |"
        )
    lines += [
        "",
        "| entities | GET /api/states + parse p50 ms | first search rest / live ms "
        "| cache held | /api/states parsed per REST call |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        mem = row["memory"]
        lines.append(
            f"| {row['entities']} | {row['raw_states_ms']:.1f} | {row['first']['rest']:.0f} / "
            f"{row['first']['live']:.0f} | {mem['cache'] / 2**20:.1f} MiB "
            f"({mem['cache'] / row['entities']:.0f} B/entity) | {mem['rest'] / 2**20:.1f} MiB |"
        )
    lines += [
        "",
        "| entities | server | tune hit@1 | hit@5 | MRR | held-out hit@1 | hit@5 | MRR |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        for name in VARIANTS:
            q = row["quality"][name]
            lines.append(f"| {row['entities']} | {name} | {q['tune']} | {q['held_out']} |")
    return "\n".join(lines)


async def main_async(args: argparse.Namespace, peer: HomeAssistantPeer, tmp: Path) -> str:
    runtime = load_settings(RuntimeSettings, state_dir=tmp / "state")
    rows = []
    small = await measure_size(peer, runtime, args.calls)
    rows.append({"size": 118, **small})
    await load_synthetic(peer, 5000 - small["entities"])
    big = await measure_size(peer, runtime, args.calls)
    rows.append({"size": 5000, **big})
    return report(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=50, help="timed searches per size and server")
    args = parser.parse_args()
    if ha_binary() is None:
        print(f"Home Assistant peer not installed: run `bash {INSTALL_SCRIPT}`", file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory(prefix="ha-search-") as tmp, HomeAssistantPeer() as peer:
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(asyncio.run(main_async(args, peer, Path(tmp))))


if __name__ == "__main__":
    main()
