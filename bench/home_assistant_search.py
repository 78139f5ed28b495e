"""search_entities latency and typo quality: the rapidfuzz index against the old difflib matcher.

Starts the real Home Assistant (the test peer, 118 demo entities), then loads synthetic entities
into it (``POST /api/states``, bench/ha_synthetic.py) up to 5,000. At each size, the same server
(in-memory MCP client, the real REST and WebSocket upstream) is measured twice in the same run:
as it is now, and with the old matcher patched in (``LegacyIndexes``: difflib scoring of every
entity per call, as before). Queries cycle through the labelled typo set; rounds alternate old
and new so machine noise hits both.

    uv run python -m bench.home_assistant_search             # ~3 min (HA start, 5,000 loads)
    uv run python -m bench.home_assistant_search --calls 20  # quicker, noisier
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import httpx
from fastmcp import Client

import home_assistant_mcp.tools.states as states_tools
from bench.ha_search_legacy import match_score as legacy_score
from bench.ha_search_quality import cases, quality
from bench.ha_synthetic import synthetic_states
from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.entities import SearchIndexes, friendly_name
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.peers.homeassistant import INSTALL_SCRIPT, HomeAssistantPeer, ha_binary

GOALS = {118: 10.0, 5000: 40.0}  # p50 ms


class _LegacyScores:
    def __init__(self, states: list[dict[str, Any]], catalog: Catalog) -> None:
        self.states, self.catalog = states, catalog

    def scores(self, query: str) -> dict[int, float]:
        found: dict[int, float] = {}
        for n, s in enumerate(self.states):
            e = s["entity_id"]
            extra = " ".join(filter(None, [self.catalog.area_name(e), self.catalog.device_name(e)]))
            score = legacy_score(query, e, friendly_name(s), extra)
            if score > 0:
                found[n] = score
        return found


class LegacyIndexes:
    """The old per-call behaviour: no index, difflib against every entity on every call."""

    def get(self, states: list[dict[str, Any]], catalog: Catalog) -> _LegacyScores:
        return _LegacyScores(states, catalog)


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


async def timed_calls(client: Client[Any], queries: list[str], calls: int) -> list[float]:
    out: list[float] = []
    for i in range(calls):
        start = time.perf_counter()
        await client.call_tool("search_entities", {"query": queries[i % len(queries)]})
        out.append((time.perf_counter() - start) * 1000)
    return out


async def measure_size(
    peer: HomeAssistantPeer, runtime: RuntimeSettings, calls: int, legacy_calls: int
) -> dict[str, Any]:
    settings = load_settings(HASettings, url=peer.url, token=peer.token)
    queries = [c.query for c in cases()]
    servers: dict[str, Callable[[], Any]] = {"new": SearchIndexes, "old": LegacyIndexes}
    times: dict[str, list[float]] = {"new": [], "old": []}
    quality_rows: dict[str, dict[str, str]] = {}
    raw: list[float] = []
    entities = 0
    async with httpx.AsyncClient(base_url=peer.url, headers=peer.headers) as http:
        for _ in range(6):  # the upstream's own share: fetch and parse /api/states, no MCP
            start = time.perf_counter()
            entities = len((await http.get("/api/states")).json())
            raw.append((time.perf_counter() - start) * 1000)
        raw_ms = statistics.median(raw[1:])
    clients: dict[str, Client[Any]] = {}
    for name, factory in servers.items():
        states_tools.SearchIndexes = factory  # type: ignore[assignment,misc]  # before build
        clients[name] = Client(build_server(settings, runtime))
    states_tools.SearchIndexes = SearchIndexes  # type: ignore[misc]
    for c in clients.values():
        await c.__aenter__()
    try:
        for name, client in clients.items():
            await timed_calls(client, queries, 3)  # warm-up: connections, registries, index
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
            q = queries[offset:] + queries[:offset]
            times["new"] += await timed_calls(clients["new"], q, max(1, calls // rounds))
            times["old"] += await timed_calls(clients["old"], q, max(1, legacy_calls // rounds))
    finally:
        for c in clients.values():
            await c.__aexit__(None, None, None)
    p50 = {k: statistics.median(v) for k, v in times.items()}
    return {
        "entities": entities,
        "raw_states_ms": raw_ms,
        "p50": p50,
        "calls": {k: len(v) for k, v in times.items()},
        "quality": quality_rows,
    }


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| entities | old p50 ms (calls) | new p50 ms (calls) | old ÷ new | goal | ok "
        "| GET /api/states p50 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        old, new = row["p50"]["old"], row["p50"]["new"]
        goal = GOALS.get(row["size"])
        ok = "yes" if goal and new <= goal else "no"
        lines.append(
            f"| {row['entities']} | {old:.1f} ({row['calls']['old']}) | {new:.1f} "
            f"({row['calls']['new']}) | {old / new:.1f}x | ≤ {goal:g} ms | {ok} "
            f"| {row['raw_states_ms']:.1f} |"
        )
    lines += [
        "",
        "| entities | matcher | tune hit@1 | hit@5 | MRR | held-out hit@1 | hit@5 | MRR |",
    ]
    lines.append("|---|---|---|---|---|---|---|---|")
    for row in rows:
        for name in ("old", "new"):
            q = row["quality"][name]
            lines.append(f"| {row['entities']} | {name} | {q['tune']} | {q['held_out']} |")
    return "\n".join(lines)


async def main_async(args: argparse.Namespace, peer: HomeAssistantPeer, tmp: Path) -> str:
    runtime = load_settings(RuntimeSettings, state_dir=tmp / "state")
    rows = []
    small = await measure_size(peer, runtime, args.calls, args.calls)
    rows.append({"size": 118, **small})
    await load_synthetic(peer, 5000 - small["entities"])
    big = await measure_size(peer, runtime, args.calls, args.legacy_calls)
    rows.append({"size": 5000, **big})
    return report(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=50, help="timed calls per size (new)")
    parser.add_argument(
        "--legacy-calls", type=int, default=10, help="timed old calls at 5,000 (≈2 s each)"
    )
    args = parser.parse_args()
    if ha_binary() is None:
        print(f"Home Assistant peer not installed: run `bash {INSTALL_SCRIPT}`", file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory(prefix="ha-search-") as tmp, HomeAssistantPeer() as peer:
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(asyncio.run(main_async(args, peer, Path(tmp))))


if __name__ == "__main__":
    main()
