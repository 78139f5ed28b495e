"""Output size of plex-mcp against the raw upstream responses, and its tools/list cost.

Runs the test suite's fake Plex (responses in the spec's shape; plexapi parses its XML) and
Tautulli (respx, its envelope), asks each question through the MCP tools (in-memory client) and
fetches the raw answers to the same question as JSON (what a pass-through server would return:
Plex with ``Accept: application/json``, Tautulli's envelope). The fake's items carry fewer fields
than a real Plex (no summaries, guids, artwork, genres, cast), so real raw payloads are larger
and these ratios are a lower bound.

    uv run python -m bench.plex_size          # a few seconds
    uv run python -m bench.plex_size --json   # also write bench/results/plex_size.json

Goals: every answer >= 5x smaller than the raw responses; <= 120 tokens (bytes / 4) per tool in
tools/list counting name, description and input schema.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import httpx
import respx
from fastmcp import Client

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from plex_mcp.server import build_server
from plex_mcp.settings import PlexSettings
from tests.peers import free_port
from tests.servers.plex import tautulli_data
from tests.servers.plex.fake_plex import FakePlex

GOAL = 5.0
TOKENS_PER_TOOL = 120
RESULTS = Path(__file__).parent / "results"
TOKEN = "bench-plex-token-0123456789"
WEEK = 7 * 86400


def size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def raw_plex(plex: FakePlex, paths: list[str]) -> int:
    headers = {"X-Plex-Token": TOKEN, "Accept": "application/json"}
    total = 0
    with httpx.Client(base_url=plex.url, headers=headers) as http:
        for path in paths:
            response = http.get(path)
            response.raise_for_status()
            total += len(response.content)
    return total


def raw_questions(plex: FakePlex) -> dict[str, tuple[str, int]]:
    since = plex.now - WEEK
    recent = [
        f"/library/sections/{key}/all?type={kind}&sort=addedAt:desc&{quote('addedAt>>')}={since}"
        for key, kind in (("1", 1), ("2", 4), ("3", 9))
    ]
    activity = {"response": {"result": "success", "message": None,
                             "data": tautulli_data.activity()}}  # fmt: skip
    return {
        "now_playing": (
            "GET /status/sessions + Tautulli get_activity",
            raw_plex(plex, ["/status/sessions"]) + size(activity),
        ),
        "recently_added": (
            "GET /library/sections/{1,2,3}/all?sort=addedAt:desc&addedAt>>=…",
            raw_plex(plex, recent),
        ),
        "search": ("GET /hubs/search?query=r", raw_plex(plex, ["/hubs/search?query=r"])),
    }


QUESTIONS = [
    ("what is playing and why is it buffering?", "now_playing", {}),
    ("what was added this week?", "recently_added", {"days": 7}),
    ("find everything matching 'r'", "search", {"query": "r"}),
]


def tool_cost(tool: Any) -> int:
    """name + description + input schema, as a client sees them in tools/list."""
    return size({"name": tool.name, "description": tool.description or "",
                 "inputSchema": tool.input_schema}) // 4  # fmt: skip


async def measure(state_dir: Path) -> dict[str, Any]:
    plex = FakePlex(free_port(), TOKEN).start()
    fake = tautulli_data.FakeTautulli(plex.now)
    try:
        raw = raw_questions(plex)
        runtime = load_settings(RuntimeSettings, state_dir=state_dir)
        base = {"url": plex.url, "token": TOKEN, "tautulli_url": tautulli_data.URL,
                "tautulli_api_key": tautulli_data.KEY}  # fmt: skip
        answers = []
        with respx.mock(assert_all_called=False) as router:
            router.get(f"{tautulli_data.URL}/api/v2").mock(side_effect=fake)
            async with Client(build_server(load_settings(PlexSettings, **base), runtime)) as c:
                for question, tool, arguments in QUESTIONS:
                    ours = size((await c.call_tool(tool, arguments)).structured_content)
                    source, raw_bytes = raw[tool]
                    answers.append({"question": question, "tool": tool, "arguments": arguments,
                                    "ours": ours, "raw": raw_bytes, "raw_source": source,
                                    "ratio": raw_bytes / ours})  # fmt: skip
                read_only = await c.list_tools()
            every = load_settings(PlexSettings, **base, allow_write=True, allow_destructive=True)
            async with Client(build_server(every, runtime)) as c:
                all_tools = await c.list_tools()
        assert not plex.violations, plex.violations
    finally:
        plex.stop()
    costs = sorted(((t.name, tool_cost(t)) for t in all_tools), key=lambda x: -x[1])
    return {
        "answers": answers,
        "tools": {
            "read_only": {"count": len(read_only), "tokens": sum(tool_cost(t) for t in read_only)},
            "all_enabled": {"count": len(all_tools), "tokens": sum(c for _, c in costs)},
            "per_tool": costs,
        },
    }


def report(data: dict[str, Any]) -> str:
    lines = [
        row("question", "tool call", "ours B", "~tokens", "raw B", "raw (same question)",
            "x smaller", f"goal {GOAL:g}x"),
        row(*["---"] * 8),
    ]  # fmt: skip
    for a in data["answers"]:
        args = ", ".join(f"{k}={v!r}" for k, v in a["arguments"].items())
        ok = "ok" if a["ratio"] >= GOAL else "MISSED"
        cells = [a["question"], f"`{a['tool']}({args})`", f"{a['ours']:,}", a["ours"] // 4]
        lines.append(row(*cells, f"{a['raw']:,}", a["raw_source"], f"{a['ratio']:.1f}", ok))
    tools = data["tools"]
    worst = tools["per_tool"][0]
    lines += [
        "",
        f"tools/list: {tools['read_only']['count']} tools read-only, "
        f"~{tools['read_only']['tokens']:,} tokens; {tools['all_enabled']['count']} with writes "
        f"and destructive, ~{tools['all_enabled']['tokens']:,} tokens "
        f"(name + description + input schema, bytes/4).",
        f"Largest tool: {worst[0]} ~{worst[1]} tokens (goal <= {TOKENS_PER_TOOL} per tool: "
        f"{'ok' if worst[1] <= TOKENS_PER_TOOL else 'MISSED'}).",
        "",
        row("tool", "~tokens"),
        row("---", "---"),
        *[row(name, cost) for name, cost in tools["per_tool"]],
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="write bench/results/plex_size.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state:
        data = asyncio.run(measure(Path(state)))
    print(report(data))
    if args.json:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "plex_size.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    missed = [a for a in data["answers"] if a["ratio"] < GOAL]
    over = [n for n, c in data["tools"]["per_tool"] if c > TOKENS_PER_TOOL]
    sys.exit(1 if missed or over else 0)


if __name__ == "__main__":
    main()
