"""What the gateway's catalogue costs a model's context window, per server and per mode.

    uv run python -m bench.tool_budget          # ~15 s
    uv run python -m bench.tool_budget --fat    # also every tool over the per-tool budget

Tokens are bytes / 4 (a rough count that needs no tokenizer download). Per tool: name +
description + input schema as JSON, the part a model reads to choose and call a tool. Per
server: that average, and the whole ``tools/list`` (output schemas, annotations, meta too), as
an MCP client receives it. Every installed server is mounted with dummy settings and writes and
destructive tools on (the largest catalogue; tools/list contacts no upstream), and the gateway is
also listed in search mode. Goals: <= 120 tokens for every tool (a server with any tool over it
is marked MISSED; ``--fat`` lists them, each with its cost without any text, the floor that
trimming words cannot go below), search mode <= 1,500 tokens for the whole tools/list.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from collections import defaultdict
from typing import Any

import mcp_types as mt
from fastmcp import Client, FastMCP

from bench.tool_catalog import mounted_members
from homelab_gateway.app import build_gateway
from homelab_gateway.profiles import Profiles
from homelab_gateway.toolsearch import apply

PER_TOOL_GOAL = 120
SEARCH_GOAL = 1500


def tokens(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()) // 4


def wire(tool: mt.Tool) -> dict[str, Any]:
    return tool.model_dump(mode="json", by_alias=True, exclude_none=True)


def choosing(tool: mt.Tool) -> int:
    """Name + description + input schema: what a model reads to pick and call the tool."""
    data = wire(tool)
    return tokens({k: data.get(k) for k in ("name", "description", "inputSchema")})


def undescribed(schema: Any) -> Any:
    """The schema without any description: what its parameters alone cost."""
    if isinstance(schema, list):
        return [undescribed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {k: undescribed(v) for k, v in schema.items() if k != "description"}


def floor(tool: mt.Tool) -> int:
    """``choosing`` with no text at all (empty description, no parameter descriptions): over
    the budget, no trimming of words can bring the tool under it, only fewer parameters."""
    data = wire(tool)
    return tokens(
        {"name": data["name"], "description": "", "inputSchema": undescribed(data["inputSchema"])}
    )


async def listed(server: FastMCP[Any]) -> list[mt.Tool]:
    async with Client(server) as client:
        return list(await client.list_tools())


def gateway(state_dir: str, mode: str) -> FastMCP[Any]:
    members = mounted_members(state_dir)
    built = build_gateway(members)
    if mode == "search":
        apply(built, members, Profiles(mode="search"))
    return built


async def measure(state_dir: str) -> dict[str, Any]:
    full = await listed(gateway(state_dir, "all"))
    search = await listed(gateway(state_dir, "search"))
    per_server: dict[str, list[mt.Tool]] = defaultdict(list)
    for tool in full:
        per_server[tool.name.split("_", 1)[0] if "_" in tool.name else "gateway"].append(tool)
    return {"all": full, "search": search, "servers": dict(sorted(per_server.items()))}


def report(found: dict[str, Any], fat: bool) -> str:
    lines = [
        f"| server | tools | avg tokens/tool | max | tools > {PER_TOOL_GOAL} | tools/list tokens |",
        "|---|---|---|---|---|---|",
    ]
    worst: list[tuple[int, str, int]] = []
    for server, tools in found["servers"].items():
        sizes = [choosing(t) for t in tools]
        over = [
            (s, t.name, floor(t)) for s, t in zip(sizes, tools, strict=True) if s > PER_TOOL_GOAL
        ]
        worst += over
        avg = sum(sizes) / len(sizes)
        mark = "" if avg <= PER_TOOL_GOAL else f" ({avg:.1f}, over)"
        listing = tokens([wire(t) for t in tools])
        missed = f"{len(over)} MISSED" if over else "0 ok"
        lines.append(
            f"| {server} | {len(tools)} | {avg:.0f}{mark} | {max(sizes)} | {missed} | {listing:,} |"
        )
    everything = tokens([wire(t) for t in found["all"]])
    search = tokens([wire(t) for t in found["search"]])
    lines += [
        f"| **gateway, all** | {len(found['all'])} | "
        f"{sum(choosing(t) for t in found['all']) / len(found['all']):.0f} | | | {everything:,} |",
        f"| **gateway, search** | {len(found['search'])} | | | | {search:,} "
        f"({'ok' if search <= SEARCH_GOAL else 'over'} <= {SEARCH_GOAL:,}) |",
    ]
    if fat:
        lines.append("\ntools over the per-tool budget (and their cost with no text at all):")
        lines += [f"- {name}: {size} ({bare})" for size, name, bare in sorted(worst, reverse=True)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.tool_budget")
    parser.add_argument("--fat", action="store_true", help="list every tool over 120 tokens")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        found = asyncio.run(measure(tmp))
    print(report(found, args.fat))


if __name__ == "__main__":
    main()
