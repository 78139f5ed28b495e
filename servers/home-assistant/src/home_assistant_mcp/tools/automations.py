"""Automations, scripts and scenes: list them (read), and trigger, enable/disable, run or activate
them (destructive: what they do happens inside Home Assistant, out of this server's sight)."""

from __future__ import annotations

from typing import Annotated, Any

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.calls import Call, execute, prepare
from home_assistant_mcp.chains import acts_on
from home_assistant_mcp.entities import domain_of, friendly_name
from home_assistant_mcp.fuzzy import FuzzyIndex
from home_assistant_mcp.models import Automation, Scene, Script, ServiceResult
from home_assistant_mcp.tools import Deps, EntityId, Query
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

OnOff = Annotated[str | None, Field(description="'on' (enabled) or 'off'")]


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
        states = _matching((await deps.ha().snapshot()).states, "automation", query)
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
        states = _matching((await deps.ha().snapshot()).states, "script", query)
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
        states = _matching((await deps.ha().snapshot()).states, "scene", query)
        items = [
            Scene(
                entity_id=s["entity_id"],
                name=s["attributes"].get("friendly_name"),
                entities=list(s["attributes"].get("entity_id") or []),
            )
            for s in states
        ]
        return paginate(items, limit, offset)

    async def prepared(
        domain: str, service: str, entity_id: str, data: dict[str, Any] | None = None
    ) -> Call:
        return await prepare(deps.ha(), domain, service, entity_ids=[entity_id], data=data)

    async def preview(what: str, call: Call, actions: bool = True) -> str:
        sensitive = call.sensitive(deps.policy)
        why = f" It {sensitive.reason}." if sensitive else ""
        named = "".join([await acts_on(deps.ha(), e) for e in call.entity_ids]) if actions else ""
        return (
            f"{what}: {call.affected()}.{why}{named} What it does inside Home Assistant is not "
            "fully checked by this server, so it needs a confirmation."
        )

    def trigger_data(skip_condition: bool) -> dict[str, Any]:
        return {"skip_condition": skip_condition}

    async def describe_trigger(entity_id: str, skip_condition: bool = True) -> str:
        _require(entity_id, "automation", "trigger_automation")
        call = await prepared("automation", "trigger", entity_id, trigger_data(skip_condition))
        return await preview("Run the actions of automation", call)

    @box.destructive(preview=describe_trigger)
    async def trigger_automation(
        entity_id: EntityId,
        skip_condition: Annotated[bool, Field(description="Ignore its conditions")] = True,
    ) -> ServiceResult:
        """Run an automation's actions now."""
        _require(entity_id, "automation", "trigger_automation")
        call = await prepared("automation", "trigger", entity_id, trigger_data(skip_condition))
        return await execute(deps.ha(), call)

    async def describe_enabled(entity_id: str, enabled: bool) -> str:
        _require(entity_id, "automation", "set_automation_enabled")
        call = await prepared("automation", "turn_on" if enabled else "turn_off", entity_id)
        what = "Enable automation" if enabled else "Disable automation"
        return await preview(what, call, actions=enabled)

    @box.destructive(preview=describe_enabled, idempotent=True)
    async def set_automation_enabled(
        entity_id: EntityId,
        enabled: Annotated[bool, Field(description="true: enable (on); false: disable (off)")],
    ) -> ServiceResult:
        """Enable (on) or disable (off) an automation."""
        _require(entity_id, "automation", "set_automation_enabled")
        call = await prepared("automation", "turn_on" if enabled else "turn_off", entity_id)
        return await execute(deps.ha(), call)

    def script_data(variables: dict[str, Any] | None) -> dict[str, Any] | None:
        return {"variables": variables} if variables else None

    async def describe_script(entity_id: str, variables: dict[str, Any] | None = None) -> str:
        _require(entity_id, "script", "run_script")
        call = await prepared("script", "turn_on", entity_id, script_data(variables))
        return await preview("Run script", call)

    @box.destructive(preview=describe_script)
    async def run_script(
        entity_id: EntityId,
        variables: Annotated[
            dict[str, Any] | None, Field(description="Variables the script's fields take")
        ] = None,
    ) -> ServiceResult:
        """Start a script (it runs in the background; list_scripts shows if it still runs)."""
        _require(entity_id, "script", "run_script")
        call = await prepared("script", "turn_on", entity_id, script_data(variables))
        return await execute(deps.ha(), call)

    def scene_data(transition: float | None) -> dict[str, Any] | None:
        return {"transition": transition} if transition is not None else None

    async def describe_scene(entity_id: str, transition: float | None = None) -> str:
        _require(entity_id, "scene", "activate_scene")
        call = await prepared("scene", "turn_on", entity_id, scene_data(transition))
        deps.previews.remember("activate_scene", [entity_id, transition], call)
        sensitive = call.sensitive(deps.policy)
        why = f" It {sensitive.reason}." if sensitive else ""
        return f"Activate {call.affected()}.{why}"

    @box.destructive(preview=describe_scene)
    async def activate_scene(
        entity_id: EntityId,
        transition: Annotated[
            float | None, Field(ge=0, le=300, description="Fade time in seconds")
        ] = None,
    ) -> ServiceResult:
        """Activate a scene; the preview lists every entity it sets."""
        _require(entity_id, "scene", "activate_scene")
        call = await prepared("scene", "turn_on", entity_id, scene_data(transition))
        deps.previews.check("activate_scene", [entity_id, transition], call)
        result = await execute(deps.ha(), call)
        result.states = [s for s in result.states if s.entity_id != entity_id] or result.states
        return result
