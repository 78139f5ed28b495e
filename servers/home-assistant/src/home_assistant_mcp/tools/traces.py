"""Why did it (not) run: automation and script traces (WS ``trace/list`` and ``trace/get``),
summarised to when, the trigger, each condition's result, the failed step and its error."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Annotated, Any

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.entities import domain_of
from home_assistant_mcp.models_config import TraceCondition, TraceRun, Traces
from home_assistant_mcp.tools import Deps, IdItem
from homelab_shared.toolbox import Toolbox

Runs = Annotated[int, Field(ge=1, le=10, description="Latest runs")]
Entity = Annotated[IdItem, Field(description="automation.* or script.*")]
DETAIL_SKIP = frozenset({"result", "entities", "conditions"})


def _detail(result: Mapping[str, Any]) -> str | None:
    parts = [f"{k}={v}" for k, v in result.items() if k not in DETAIL_SKIP and v is not None]
    return ", ".join(parts)[:160] or None


def _conditions(trace: Mapping[str, list[dict[str, Any]]]) -> list[TraceCondition]:
    """Top-level conditions (``condition/N``) with their result; the detail of their parts (a
    state condition's state and wanted_state) joined in."""
    found: dict[str, TraceCondition] = {}
    for path, records in trace.items():
        parts = path.split("/")
        if parts[0] != "condition" or not records:
            continue
        top = "/".join(parts[:2])
        result = records[-1].get("result") or {}
        item = found.setdefault(top, TraceCondition(path=top))
        if path == top:
            item.passed = result.get("result")
        elif (detail := _detail(result)) and item.detail is None:
            item.detail = detail
    return list(found.values())


def _failure(trace: Mapping[str, list[dict[str, Any]]]) -> tuple[str | None, str | None]:
    for path, records in trace.items():
        for record in records:
            if record.get("error"):
                return path, str(record["error"])[:300]
    return None, None


def summarise(summary: Mapping[str, Any], full: Mapping[str, Any]) -> TraceRun:
    trace = full.get("trace") or {}
    failed, error = _failure(trace)
    stamps = summary.get("timestamp") or {}
    return TraceRun(
        run_id=summary["run_id"],
        started=stamps.get("start"),
        finished=stamps.get("finish"),
        outcome=summary.get("script_execution") or summary.get("state"),
        trigger=summary.get("trigger") or "started by a service call or the UI (no trigger)",
        conditions=_conditions(trace) or None,
        steps=sum(1 for path in trace if path.startswith(("action/", "sequence/"))) or None,
        failed_step=failed,
        error=error or summary.get("error"),
        last_step=summary.get("last_step"),
    )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def get_traces(entity_id: Entity, runs: Runs = 3) -> Traces:
        """Why an automation or script did (not) run: latest runs, trigger, conditions, error."""
        domain = domain_of(entity_id)
        if domain not in ("automation", "script"):
            raise ToolError(
                f"get_traces takes an automation.* or script.* entity, not {entity_id}."
            )
        ha = deps.ha()
        state = await ha.state(entity_id)
        item_id = entity_id.split(".", 1)[1]
        if domain == "automation":
            item_id = state.get("attributes", {}).get("id")
            if not item_id:
                raise ToolError(
                    f"{entity_id} has no id in its YAML, and Home Assistant keeps traces only of "
                    "automations with an id: add one."
                )
        listed = await ha.ws.command("trace/list", domain=domain, item_id=item_id)
        latest = sorted(listed or [], key=lambda t: (t.get("timestamp") or {}).get("start") or "")
        latest = latest[::-1][:runs]
        fulls = await asyncio.gather(
            *(
                ha.ws.command("trace/get", domain=domain, item_id=item_id, run_id=t["run_id"])
                for t in latest
            )
        )
        return Traces(
            entity_id=entity_id,
            stored=len(listed or []),
            runs=[summarise(s, f or {}) for s, f in zip(latest, fulls, strict=True)],
        )
