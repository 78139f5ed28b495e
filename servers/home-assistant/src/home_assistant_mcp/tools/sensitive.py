"""Destructive tools: each call first returns a preview and a confirm_token, and only the
repeated call with that token acts (shared confirmation flow, bound to the exact arguments)."""

from __future__ import annotations

import contextlib
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.calls import Call, execute, prepare
from home_assistant_mcp.chains import acts_on
from home_assistant_mcp.entities import domain_of
from home_assistant_mcp.models import ServiceResult
from home_assistant_mcp.tools import Deps, EntityId
from home_assistant_mcp.tools.services import AreaIds, Data, Domain, Service, TargetIds
from homelab_shared.errors import Unreachable, UpstreamTimeout
from homelab_shared.toolbox import Toolbox

Code = Annotated[str | None, Field(description="The code, if the device needs one")]


def _label(call: Call, entity_id: str) -> str:
    state = call.states.get(entity_id, {})
    name = state.get("attributes", {}).get("friendly_name") or entity_id
    return f"{name} ({entity_id}), now {state.get('state', 'unknown')}"


def _require(entity_id: str, domain: str, tool: str) -> None:
    if domain_of(entity_id) != domain:
        raise ToolError(f"{tool} takes a {domain}.* entity, not {entity_id}.")


def register(box: Toolbox, deps: Deps) -> None:
    async def lock_call(entity_id: str, code: str | None, open_latch: bool) -> Call:
        _require(entity_id, "lock", "unlock")
        data = {"code": code} if code else None
        return await prepare(
            deps.ha(), "lock", "open" if open_latch else "unlock", entity_ids=[entity_id], data=data
        )

    async def describe_unlock(
        entity_id: str, code: str | None = None, open_latch: bool = False
    ) -> str:
        call = await lock_call(entity_id, code, open_latch)
        verb = "Open (unlatch)" if open_latch else "Unlock"
        return f"{verb} {_label(call, entity_id)}. Anyone can then open this door."

    @box.destructive(preview=describe_unlock)
    async def unlock(
        entity_id: EntityId,
        code: Code = None,
        open_latch: Annotated[
            bool, Field(description="lock.open (open the latch) instead")
        ] = False,
    ) -> ServiceResult:
        """Unlock a lock (or open its latch)."""
        return await execute(deps.ha(), await lock_call(entity_id, code, open_latch))

    async def disarm_call(entity_id: str, code: str | None) -> Call:
        _require(entity_id, "alarm_control_panel", "disarm_alarm")
        data = {"code": code} if code else None
        return await prepare(
            deps.ha(), "alarm_control_panel", "alarm_disarm", entity_ids=[entity_id], data=data
        )

    async def describe_disarm(entity_id: str, code: str | None = None) -> str:
        call = await disarm_call(entity_id, code)
        return f"Disarm {_label(call, entity_id)}. It stops guarding the home."

    @box.destructive(preview=describe_disarm)
    async def disarm_alarm(entity_id: EntityId, code: Code = None) -> ServiceResult:
        """Disarm an alarm control panel (the house alarm)."""
        return await execute(deps.ha(), await disarm_call(entity_id, code))

    async def cover_call(entity_id: str, position: int | None) -> Call:
        _require(entity_id, "cover", "open_cover")
        if position is None:
            return await prepare(deps.ha(), "cover", "open_cover", entity_ids=[entity_id])
        return await prepare(
            deps.ha(),
            "cover",
            "set_cover_position",
            entity_ids=[entity_id],
            data={"position": position},
        )

    async def describe_open(entity_id: str, position: int | None = None) -> str:
        call = await cover_call(entity_id, position)
        how = "fully" if position is None else f"to {position} %"
        return f"Open {_label(call, entity_id)} {how}."

    @box.destructive(preview=describe_open)
    async def open_cover(
        entity_id: EntityId,
        position: Annotated[
            int | None, Field(ge=0, le=100, description="Target position; empty: fully open")
        ] = None,
    ) -> ServiceResult:
        """Open a garage door, door or gate (blinds and windows: call_service)."""
        return await execute(deps.ha(), await cover_call(entity_id, position))

    async def describe_restart(action: Literal["restart", "stop"] = "restart") -> str:
        config = await deps.ha().config()
        where = f"Home Assistant {config.get('version', '')} ({config.get('location_name', '')})"
        if action == "stop":
            return f"Stop {where}. It stays down until someone starts it on its host."
        return f"Restart {where}: automations and the API pause for about a minute."

    @box.destructive(preview=describe_restart)
    async def restart_home_assistant(
        action: Literal["restart", "stop"] = "restart",
    ) -> ServiceResult:
        """Restart (or stop) Home Assistant."""
        # The connection may drop while it goes down: that is the expected outcome.
        ha = deps.ha()
        with contextlib.suppress(Unreachable, UpstreamTimeout):
            await ha.post_service("homeassistant", action)
        await ha.ws.drop()  # else Home Assistant waits 10 s for our socket before it goes down
        return ServiceResult(
            service=f"homeassistant.{action}",
            states=[],
            message=f"Home Assistant is {'stopping' if action == 'stop' else 'restarting'}.",
        )

    name = "call_sensitive_service"

    async def generic_call(
        domain: str,
        service: str,
        entity_ids: list[str] | None,
        area_ids: list[str] | None,
        data: dict[str, Any] | None,
    ) -> Call:
        if domain == "homeassistant" and service in ("restart", "stop"):
            raise ToolError("Use restart_home_assistant to restart or stop Home Assistant.")
        return await prepare(
            deps.ha(), domain, service, entity_ids=entity_ids, area_ids=area_ids, data=data
        )

    async def describe_call(
        domain: str,
        service: str,
        entity_ids: list[str] | None = None,
        area_ids: list[str] | None = None,
        data: dict[str, Any] | None = None,
    ) -> str:
        call = await generic_call(domain, service, entity_ids, area_ids, data)
        deps.previews.remember(name, [domain, service, entity_ids, area_ids, data], call)
        sensitive = call.sensitive(deps.policy)
        fields = ", ".join(sorted(call.data)) or "none"
        why = f" It {sensitive.reason}." if sensitive else " (Not a sensitive call.)"
        runs = [e for e in call.entity_ids if domain_of(e) in ("script", "automation")]
        if domain == "script" and service not in ("turn_on", "turn_off", "toggle", "reload"):
            runs.append(f"script.{service}")  # a script called as a service of its own
        named = "".join([await acts_on(deps.ha(), e) for e in dict.fromkeys(runs)])
        return f"Call {call.name} with fields: {fields}. Affects: {call.affected()}.{why}{named}"

    @box.destructive(preview=describe_call)
    async def call_sensitive_service(
        domain: Domain,
        service: Service,
        entity_ids: TargetIds = None,
        area_ids: AreaIds = None,
        data: Data = None,
    ) -> ServiceResult:
        """Call a service call_service refuses (unlisted, or reaching a lock, alarm or
        door)."""
        call = await generic_call(domain, service, entity_ids, area_ids, data)
        deps.previews.check(name, [domain, service, entity_ids, area_ids, data], call)
        return await execute(deps.ha(), call)
