"""Automations, scripts and scenes: list them, trigger, enable/disable, run, activate."""

from __future__ import annotations

from typing import Annotated, Any

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.calls import execute, prepare, refuse_if_sensitive
from home_assistant_mcp.entities import domain_of, friendly_name, summarize
from home_assistant_mcp.fuzzy import FuzzyIndex
from home_assistant_mcp.models import Automation, Scene, Script, ServiceResult
from home_assistant_mcp.tools import Deps, EntityId, Query
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

OnOff = Annotated[str | None, Field(description="Only 'on' (enabled) or 'off' (disabled) ones")]


def _matching(states: list[dict[str, Any]], domain: str, query: str | None) -> list[dict[str, Any]]:
    mine = [s for s in states if domain_of(s["entity_id"]) == domain]
    index = FuzzyIndex([(s["entity_id"], friendly_name(s), "") for s in mine])
    scores = index.scores(query or "")
    ranked = sorted(scores, key=lambda n: (-scores[n], mine[n]["entity_id"]))
    return [mine[n] for n in ranked]


def _require(entity_id: str, domain: str, tool: str) -> None:
    if domain_of(entity_id) != domain:
        raise ToolError(f"{tool} takes a {domain}.* entity, not {entity_id}.")


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_automations(
        query: Query = None, state: OnOff = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[Automation]:
        """Automations with on/off (enabled) state and when each last triggered."""
        states = _matching(await deps.ha().states(), "automation", query)
        items = [
            Automation(
                entity_id=s["entity_id"],
                name=s["attributes"].get("friendly_name"),
                state=s["state"],
                last_triggered=s["attributes"].get("last_triggered"),
                id=s["attributes"].get("id"),
            )
            for s in states
            if state is None or s["state"] == state
        ]
        return paginate(items, limit, offset)

    @box.read
    async def list_scripts(
        query: Query = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[Script]:
        """Scripts, whether each is running now (on) and when it last ran."""
        states = _matching(await deps.ha().states(), "script", query)
        items = [
            Script(
                entity_id=s["entity_id"],
                name=s["attributes"].get("friendly_name"),
                state=s["state"],
                last_triggered=s["attributes"].get("last_triggered"),
            )
            for s in states
        ]
        return paginate(items, limit, offset)

    @box.read
    async def list_scenes(
        query: Query = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[Scene]:
        """Scenes and the entities each one sets."""
        states = _matching(await deps.ha().states(), "scene", query)
        items = [
            Scene(
                entity_id=s["entity_id"],
                name=s["attributes"].get("friendly_name"),
                entities=list(s["attributes"].get("entity_id") or []),
            )
            for s in states
        ]
        return paginate(items, limit, offset)

    async def run(
        domain: str, service: str, entity_id: str, data: dict[str, Any] | None = None
    ) -> ServiceResult:
        ha = deps.ha()
        call = await prepare(ha, domain, service, entity_ids=[entity_id], data=data)
        refuse_if_sensitive(call, deps.sensitive)
        return await execute(ha, call)

    @box.write()
    async def trigger_automation(
        entity_id: EntityId,
        skip_condition: Annotated[
            bool, Field(description="Run the actions even if its conditions are false")
        ] = True,
    ) -> ServiceResult:
        """Run an automation's actions now."""
        _require(entity_id, "automation", "trigger_automation")
        return await run("automation", "trigger", entity_id, {"skip_condition": skip_condition})

    @box.write(idempotent=True)
    async def set_automation_enabled(
        entity_id: EntityId,
        enabled: Annotated[bool, Field(description="true: enable (on); false: disable (off)")],
    ) -> ServiceResult:
        """Enable (on) or disable (off) an automation."""
        _require(entity_id, "automation", "set_automation_enabled")
        return await run("automation", "turn_on" if enabled else "turn_off", entity_id)

    @box.write()
    async def run_script(
        entity_id: EntityId,
        variables: Annotated[
            dict[str, Any] | None, Field(description="Variables the script's fields take")
        ] = None,
    ) -> ServiceResult:
        """Start a script (it runs in the background; list_scripts shows if it still runs)."""
        _require(entity_id, "script", "run_script")
        data = {"variables": variables} if variables else None
        return await run("script", "turn_on", entity_id, data)

    @box.write()
    async def activate_scene(
        entity_id: EntityId,
        transition: Annotated[
            float | None, Field(ge=0, le=300, description="Fade time in seconds")
        ] = None,
    ) -> ServiceResult:
        """Activate a scene; returns the states of the entities it set."""
        _require(entity_id, "scene", "activate_scene")
        ha = deps.ha()
        data = {"transition": transition} if transition is not None else None
        result = await run("scene", "turn_on", entity_id, data)
        scene = await ha.state(entity_id)
        members = list(scene.get("attributes", {}).get("entity_id") or [])
        if members:
            result.states = [summarize(s) for s in await ha.states_of(members)]
        return result
