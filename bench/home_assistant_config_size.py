"""Answer size of the config tools (issue 18: traces, usage search) against the raw WebSocket
payloads a naive server would pass on. Used by ``bench/home_assistant_size.py`` (same peer, same
table): an automation with a condition and a failing step is saved through the config API and run
twice, then

* "why did it (not) run?": ``get_traces`` against ``trace/list`` plus ``trace/get`` of each run;
* "what turns on the bed light?": ``find_usage(effect=turns_on)`` against the configs of every
  automation and script (``automation/config``, ``script/config``), which is what a model would
  have to read to answer it without the tool.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
from fastmcp import Client

from tests.peers.homeassistant import HomeAssistantPeer

AUTOMATION = {
    "alias": "Bench guarded",
    "triggers": [{"trigger": "state", "entity_id": "input_boolean.guest_mode"}],
    "conditions": [{"condition": "state", "entity_id": "light.bed_light", "state": "off"}],
    "actions": [
        {"action": "light.turn_on", "target": {"entity_id": "light.bed_light"}},
        {"action": "light.turn_off", "target": {"entity_id": "light.bed_light"}},
    ],
}


def _size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def _until(condition: Any, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bench setup: timed out waiting for {what}")
        time.sleep(0.1)


def _arrange(peer: HomeAssistantPeer) -> list[dict[str, Any]]:
    """Save the automation, run it twice (guest mode on, off); return its trace summaries."""
    with httpx.Client(base_url=peer.url, headers=peer.headers, timeout=20) as http:
        http.post("/api/config/automation/config/bench_guarded", json=AUTOMATION)
        _until(lambda: http.get("/api/states/automation.bench_guarded").is_success, "automation")
    for service in ("turn_on", "turn_off"):
        peer.ws_command(
            {
                "type": "call_service",
                "domain": "input_boolean",
                "service": service,
                "target": {"entity_id": "input_boolean.guest_mode"},
            }
        )
    query = {"type": "trace/list", "domain": "automation", "item_id": "bench_guarded"}
    _until(lambda: len(peer.ws_command(query)) == 2, "two traces")
    return peer.ws_command(query)


def _row(question: str, call: str, ours: int, raw_all: int, raw_matching: int) -> dict[str, Any]:
    return {
        "question": question,
        "call": call,
        "ours": ours,
        "raw_all": raw_all,
        "raw_matching": raw_matching,
        "ratio_all": raw_all / ours,
        "ratio_matching": raw_matching / ours,
    }


async def config_answers(peer: HomeAssistantPeer, client: Client[Any]) -> list[dict[str, Any]]:
    listed = _arrange(peer)
    fulls = [
        peer.ws_command(
            {
                "type": "trace/get",
                "domain": "automation",
                "item_id": "bench_guarded",
                "run_id": t["run_id"],
            }
        )
        for t in listed
    ]
    traces = await client.call_tool(
        "get_traces", {"entity_id": "automation.bench_guarded", "runs": 2}
    )
    raw_traces = _size(listed) + _size(fulls)

    states = peer.ws_command({"type": "get_states"})
    configs = {}
    for state in states:
        domain = state["entity_id"].split(".")[0]
        if domain in ("automation", "script"):
            configs[state["entity_id"]] = peer.ws_command(
                {"type": f"{domain}/config", "entity_id": state["entity_id"]}
            )
    usage = await client.call_tool(
        "find_usage", {"entity_id": "light.bed_light", "effect": "turns_on"}
    )
    found = {u["entity_id"] for u in (usage.structured_content or {}).get("items", [])}
    matching = {e: c for e, c in configs.items() if e in found}
    return [
        _row(
            "why did it (not) run? (2 runs)",
            "get_traces(entity_id='automation.bench_guarded', runs=2)",
            _size(traces.structured_content),
            raw_traces,
            _size(fulls),
        ),
        _row(
            "what turns on the bed light?",
            "find_usage(entity_id='light.bed_light', effect='turns_on')",
            _size(usage.structured_content),
            _size(configs),
            _size(matching),
        ),
    ]
