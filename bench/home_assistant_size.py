"""Output size of the Home Assistant server against the raw REST payload, and its tools/list size.

Starts a real Home Assistant (the test peer: 2025.4.4 with the demo integration), asks the same
questions through the MCP tools (in-memory client) and through ``GET /api/states``, and prints a
markdown table of bytes, approximate tokens (bytes / 4) and ratios. Goal: every tool answer at least
5x smaller than the raw payload a naive server would return for the same question.

    uv run python -m bench.home_assistant_size          # ~15 s (Home Assistant start included)
    uv run python -m bench.home_assistant_size --json   # also write bench/results/*.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import httpx
from fastmcp import Client

from bench.home_assistant_config_size import config_answers
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.peers.homeassistant import HA_VERSION, INSTALL_SCRIPT, HomeAssistantPeer, ha_binary

GOAL = 5.0
RESULTS = Path(__file__).parent / "results"
State = dict[str, Any]

# (question, tool, arguments, which raw states answer the same question)
QUESTIONS: list[tuple[str, str, dict[str, Any], Callable[[State], bool]]] = [
    (
        "which lights are on?",
        "search_entities",
        {"domain": "light", "state": "on"},
        lambda s: s["entity_id"].startswith("light.") and s["state"] == "on",
    ),
    (
        "find the bed light",
        "search_entities",
        {"query": "bed light"},
        lambda s: (
            "bed" in s["entity_id"]
            or "bed" in str(s["attributes"].get("friendly_name", "")).lower()
        ),
    ),
    (
        "what is the temperature outside?",
        "search_entities",
        {"query": "outside temperature", "domain": "sensor", "limit": 5},
        lambda s: s["entity_id"].startswith("sensor.outside_temperature"),
    ),
    ("how is the house doing? (overview)", "overview", {}, lambda s: True),
    (
        "which updates can I install?",
        "list_updates",
        {},
        lambda s: s["entity_id"].startswith("update.") and s["state"] == "on",
    ),
    (
        "how bright is the kitchen light?",
        "get_entity",
        {"entity_id": "Kitchen Lights", "fields": ["brightness"]},
        lambda s: s["entity_id"] == "light.kitchen_lights",
    ),
]
Raw = Callable[[httpx.AsyncClient, HomeAssistantPeer], Awaitable[Any]]


async def _forecast(http: httpx.AsyncClient, peer: HomeAssistantPeer) -> Any:
    del http
    return peer.ws_command(
        {
            "type": "call_service",
            "domain": "weather",
            "service": "get_forecasts",
            "target": {"entity_id": "weather.demo_weather_north"},
            "service_data": {"type": "daily"},
            "return_response": True,
        }
    )


async def _calendars(http: httpx.AsyncClient, peer: HomeAssistantPeer) -> Any:
    del peer
    now = datetime.now(UTC)
    window = {"start": now.isoformat(), "end": (now + timedelta(days=7)).isoformat()}
    listed = (await http.get("/api/calendars")).json()
    return [
        (await http.get(f"/api/calendars/{c['entity_id']}", params=window)).json() for c in listed
    ]


async def _error_log(http: httpx.AsyncClient, peer: HomeAssistantPeer) -> Any:
    del peer
    return (await http.get("/api/error_log")).text


# Questions of the calendar, weather and log tools, against the upstream's own answer to the
# same question (what a server that passes Home Assistant's answer on would return).
UPSTREAM_QUESTIONS: list[tuple[str, str, dict[str, Any], Raw]] = [
    ("weather this week?", "get_weather_forecast", {}, _forecast),
    ("what's on the calendars this week?", "get_calendar_events", {"end": "+7d"}, _calendars),
    ("errors of the demo integration?", "get_error_log", {"integration": "demo"}, _error_log),
]
TOOL_BUDGET = 120  # tokens (bytes / 4) of a tool's name, description and input schema


def size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


async def measure(peer: HomeAssistantPeer, state_dir: Path) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=peer.url, headers=peer.headers) as http:
        response = await http.get("/api/states")
        response.raise_for_status()
        raw_bytes = len(response.content)
        states: list[State] = response.json()

    runtime = load_settings(RuntimeSettings, state_dir=state_dir)
    answers = []
    base = {"url": peer.url, "token": peer.token}
    async with Client(build_server(load_settings(HASettings, **base), runtime)) as client:
        for question, tool, arguments, matches in QUESTIONS:
            result = await client.call_tool(tool, arguments)
            ours = size(result.structured_content)
            subset = size([s for s in states if matches(s)])
            answers.append(
                {
                    "question": question,
                    "call": f"{tool}({', '.join(f'{k}={v!r}' for k, v in arguments.items())})",
                    "ours": ours,
                    "raw_all": raw_bytes,
                    "raw_matching": subset,
                    "ratio_all": raw_bytes / ours,
                    "ratio_matching": subset / ours,
                }
            )
        answers += await config_answers(peer, client)  # traces and usage search (issue 18)
        for question, tool, arguments, fetch in UPSTREAM_QUESTIONS:
            result = await client.call_tool(tool, arguments)
            ours = size(result.structured_content)
            async with httpx.AsyncClient(base_url=peer.url, headers=peer.headers) as http:
                upstream = size(await fetch(http, peer))
            answers.append(
                {
                    "question": question,
                    "call": f"{tool}({', '.join(f'{k}={v!r}' for k, v in arguments.items())})",
                    "ours": ours,
                    "raw_all": raw_bytes,
                    "raw_matching": upstream,
                    "ratio_all": raw_bytes / ours,
                    "ratio_matching": upstream / ours,
                }
            )
        read_only = await client.list_tools()

    everything = load_settings(HASettings, **base, allow_write=True, allow_destructive=True)
    async with Client(build_server(everything, runtime)) as client:
        all_tools = await client.list_tools()

    def listing(tools: list[Any]) -> dict[str, Any]:
        dumped = [t.model_dump(by_alias=True, exclude_none=True, mode="json") for t in tools]
        per_tool = sorted(((t["name"], size(t)) for t in dumped), key=lambda x: -x[1])
        # The budget counts what the model reads to choose a tool: name, description, inputs.
        chosen = [
            (t["name"], size({k: t.get(k) for k in ("name", "description", "inputSchema")}))
            for t in dumped
        ]
        over = sorted(((n, b // 4) for n, b in chosen if b // 4 > TOOL_BUDGET), key=lambda x: -x[1])
        return {
            "tools": len(tools),
            "bytes": size({"tools": dumped}),
            "largest": per_tool[:5],
            "over_budget": over,
        }

    return {
        "entities": len(states),
        "answers": answers,
        "tools_list": {"read_only": listing(read_only), "all_enabled": listing(all_tools)},
    }


def report(data: dict[str, Any]) -> str:
    lines = [
        f"Home Assistant {HA_VERSION} demo, {data['entities']} entities; "
        f"raw = GET /api/states ({data['answers'][0]['raw_all']:,} bytes); raw matching = the "
        "matching states, or Home Assistant's own answer to the question",
        "",
        row(
            "question",
            "tool call",
            "ours B",
            "~tokens",
            "raw all B",
            "x smaller",
            "raw matching B",
            "x smaller",
            f"goal {GOAL:g}x",
        ),
        row(*["---"] * 9),
    ]
    for a in data["answers"]:
        ok = "ok" if a["ratio_all"] >= GOAL else "MISSED"
        lines.append(
            row(
                a["question"],
                f"`{a['call']}`",
                f"{a['ours']:,}",
                a["ours"] // 4,
                f"{a['raw_all']:,}",
                f"{a['ratio_all']:.1f}",
                f"{a['raw_matching']:,}",
                f"{a['ratio_matching']:.1f}",
                ok,
            )
        )
    lines += [
        "",
        row("tools/list", "tools", "bytes", "~tokens (bytes/4)", "largest tools (bytes)"),
        row(*["---"] * 5),
    ]
    for name, listing in data["tools_list"].items():
        largest = ", ".join(f"{n} {b:,}" for n, b in listing["largest"])
        lines.append(
            row(
                name,
                listing["tools"],
                f"{listing['bytes']:,}",
                f"{listing['bytes'] // 4:,}",
                largest,
            )
        )
    over = data["tools_list"]["all_enabled"]["over_budget"]
    listed = ", ".join(f"{n} {t}" for n, t in over) or "none"
    verdict = (
        f"{len(over)} of {data['tools_list']['all_enabled']['tools']}, MISSED" if over else "0, ok"
    )
    lines += [
        "",
        f"tools over {TOOL_BUDGET} tokens (name+description+inputs, ~tokens): {verdict}: {listed}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Home Assistant server output size")
    parser.add_argument("--json", action="store_true", help="also write bench/results/*.json")
    args = parser.parse_args()
    if ha_binary() is None:
        print(f"Home Assistant peer not installed: run `bash {INSTALL_SCRIPT}`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ha-size-") as tmp, HomeAssistantPeer() as peer:
        data = asyncio.run(measure(peer, Path(tmp) / "state"))
    print(report(data))
    if args.json:
        RESULTS.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"home_assistant_size-{stamp}.json"
        out.write_text(json.dumps(data, indent=2))
        print(f"\nwritten {out}")
    worst = min(a["ratio_all"] for a in data["answers"])
    return 0 if worst >= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
