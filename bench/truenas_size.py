"""Output size of the TrueNAS server against the raw JSON-RPC results, and its tools/list cost.

Runs the JSON-RPC 2.0 stand-in of the test suite (tests/servers/truenas/fake_truenas.py, payloads
in TrueNAS 25.04's documented shapes) grown to a homelab's size (40 datasets, 14 snapshots each),
asks the same questions through the MCP tools (in-memory client) and as raw method calls on the
same socket, and prints bytes, ≈ tokens (bytes / 4) and ratios. Goals: answers ≥ 5x smaller than the
raw results; tools/list ≤ 120 tokens per tool (name + description + input schema).

The stand-in's objects are leaner than a real TrueNAS's (its pools carry no vdev topology, its
datasets ~20 of the ~40 properties), so the ratios here understate what a real box gives.

    uv run python -m bench.truenas_size          # ~3 s
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

from fastmcp import Client

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.servers.truenas.fake_truenas import GIB, FakeTrueNAS, dataset, snapshot
from truenas_mcp.client import TrueNASClient
from truenas_mcp.server import build_server
from truenas_mcp.settings import TrueNASSettings

GOAL = 5.0
TOKEN_GOAL = 120
KEY = "1-bench0123456789abcdef0123456789"

# (question, tool, arguments, raw method, raw params)
QUESTIONS: list[tuple[str, str, dict[str, Any], str, list[Any]]] = [
    ("are my pools healthy?", "list_pools", {}, "pool.query", []),
    ("how full are my datasets?", "list_datasets", {"limit": 50}, "pool.dataset.query", []),
    ("how many snapshots do I keep?", "snapshot_summary", {"limit": 50}, "pool.snapshot.query", []),
]


def grow(nas: FakeTrueNAS) -> None:
    for i in range(34):
        name = f"tank/share{i:02d}"
        nas.state["datasets"].append(dataset(name, (i + 1) * 7 * GIB, 1200 * GIB))
        for day in range(14):
            txg = 2000 + i * 20 + day
            nas.state["snapshots"].append(snapshot(name, f"auto-{day:02d}", 14 - day, GIB, txg))


def size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


async def measure(state_dir: Path) -> dict[str, Any]:
    nas = await FakeTrueNAS(KEY).start()
    grow(nas)
    try:
        settings = load_settings(TrueNASSettings, url=nas.url, api_key=KEY)
        raw_client = TrueNASClient(settings)
        runtime = load_settings(RuntimeSettings, state_dir=state_dir)
        answers = []
        async with Client(build_server(settings, runtime)) as client:
            for question, tool, arguments, method, params in QUESTIONS:
                ours = size((await client.call_tool(tool, arguments)).structured_content)
                raw = size(await raw_client.read(method, *params))
                answers.append(
                    {
                        "question": question,
                        "tool": tool,
                        "ours": ours,
                        "raw": raw,
                        "ratio": raw / ours,
                    }
                )
        await raw_client.aclose()
        everything = settings.model_copy(update={"allow_write": True, "allow_destructive": True})
        async with Client(build_server(everything, runtime)) as client:
            tools = await client.list_tools()
    finally:
        await nas.stop()
    per_tool = []
    for t in tools:
        part = {"name": t.name, "description": t.description, "inputSchema": t.input_schema}
        per_tool.append((t.name, size(part) // 4))
    dumped = [t.model_dump(by_alias=True, exclude_none=True, mode="json") for t in tools]
    return {
        "answers": answers,
        "tools": len(tools),
        "tokens_per_tool": sum(n for _, n in per_tool) / len(per_tool),
        "largest": sorted(per_tool, key=lambda x: -x[1])[:5],
        "tools_list_bytes": size({"tools": dumped}),
    }


def report(data: dict[str, Any]) -> str:
    lines = [
        row("question", "tool", "ours B", "raw B", "x smaller", f"goal {GOAL:g}x"),
        row(*["---"] * 6),
    ]
    for a in data["answers"]:
        ok = "ok" if a["ratio"] >= GOAL else "MISSED"
        lines.append(
            row(
                a["question"], a["tool"], f"{a['ours']:,}", f"{a['raw']:,}", f"{a['ratio']:.1f}", ok
            )
        )
    avg = data["tokens_per_tool"]
    largest = ", ".join(f"{n} {t}" for n, t in data["largest"])
    lines += [
        "",
        f"tools/list, everything enabled: {data['tools']} tools, "
        f"{data['tools_list_bytes']:,} bytes; name + description + input schema ≈ {avg:.0f} "
        f"tokens per tool (goal ≤ {TOKEN_GOAL}; largest: {largest})",
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="truenas-size-") as tmp:
        data = asyncio.run(measure(Path(tmp) / "state"))
    print(report(data))
    ok = min(a["ratio"] for a in data["answers"]) >= GOAL and data["tokens_per_tool"] <= TOKEN_GOAL
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
