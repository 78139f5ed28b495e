"""Services: describe them, call one (validated), and turn entities on, off or toggle them."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.calls import Call, execute, prepare, refuse_if_sensitive
from home_assistant_mcp.entities import domain_of
from home_assistant_mcp.models import (
    DomainServices,
    ServiceCatalog,
    ServiceField,
    ServiceInfo,
    ServiceResult,
)
from home_assistant_mcp.tools import Deps, EntityIds, IdItem, IdList, Slug
from homelab_shared.toolbox import Toolbox

Action = Literal["turn_on", "turn_off", "toggle"]
Domain = Annotated[Slug, Field(description="e.g. light")]
Service = Annotated[Slug, Field(description="e.g. turn_on")]
Data = Annotated[
    dict[str, Any] | None,
    Field(description="Fields (list_services), e.g. {'brightness_pct': 50}"),
]
TargetIds = Annotated[list[IdItem], IdList(50, "Entity ids or exact names")] | None
AreaIds = Annotated[
    list[Slug] | None,
    Field(max_length=20, description="Target areas"),
]

# What on/off/toggle means where the domain has no turn_on/turn_off of its own.
SWITCHING: dict[str, dict[str, str]] = {
    "lock": {"turn_on": "lock", "turn_off": "unlock"},
    "cover": {"turn_on": "open_cover", "turn_off": "close_cover", "toggle": "toggle"},
    "valve": {"turn_on": "open_valve", "turn_off": "close_valve", "toggle": "toggle"},
    "alarm_control_panel": {"turn_off": "alarm_disarm"},
    "button": {"turn_on": "press"},
    "input_button": {"turn_on": "press"},
    "vacuum": {"turn_on": "start", "turn_off": "return_to_base", "toggle": "start_pause"},
}


def switch_service(
    domain: str, action: str, state: str, services: dict[str, dict[str, Any]]
) -> str:
    if domain == "lock" and action == "toggle":
        return "unlock" if state == "locked" else "lock"
    service = SWITCHING.get(domain, {}).get(action)
    if service is None and action in services.get(domain, {}):
        service = action
    if service is None or service not in services.get(domain, {}):
        raise ToolError(
            f"{domain} entities cannot be switched with {action}; "
            f"call_service with one of: {', '.join(sorted(services.get(domain, {})))}."
        )
    return service


def info(domain: str, name: str, spec: dict[str, Any]) -> ServiceInfo:
    fields: dict[str, ServiceField] = {}
    for field_name, f in (spec.get("fields") or {}).items():
        nested = f.get("fields") if isinstance(f, dict) and "selector" not in f else None
        for n, sub in (nested or {field_name: f}).items():
            text = (sub.get("description") or sub.get("name") or "")[:160] or None
            fields[n] = ServiceField(
                required=True if sub.get("required") else None,
                description=text,
                example=sub.get("example"),
            )
    response = spec.get("response")
    return ServiceInfo(
        service=f"{domain}.{name}",
        description=(spec.get("description") or "")[:200] or None,
        target=spec.get("target") is not None,
        fields=fields,
        response=None if response is None else ("optional" if response.get("optional") else "only"),
    )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_services(
        domain: Annotated[
            str | None, Field(description="A domain (e.g. light) for its services and fields")
        ] = None,
    ) -> ServiceCatalog:
        """Services per domain, or one domain's services with their fields (for
        call_service)."""
        services = await deps.ha().services()
        if domain is None:
            return ServiceCatalog(
                domains=[
                    DomainServices(domain=d, services=sorted(s))
                    for d, s in sorted(services.items())
                ]
            )
        if domain not in services:
            raise ToolError(f"No service domain {domain!r}; list_services() shows them all.")
        items = [info(domain, n, spec) for n, spec in sorted(services[domain].items())]
        return ServiceCatalog(services=items)

    @box.write()
    async def call_service(
        domain: Domain,
        service: Service,
        entity_ids: TargetIds = None,
        area_ids: AreaIds = None,
        data: Data = None,
    ) -> ServiceResult:
        """Call a service (action) on lights, switches, climate, media...; unlocks, disarms,
        door openings and unlisted services are refused, naming the tool to use."""
        ha = deps.ha()
        call = await prepare(
            ha, domain, service, entity_ids=entity_ids, area_ids=area_ids, data=data
        )
        await refuse_if_sensitive(ha, call, deps.policy)
        return await execute(ha, call)

    async def switch(
        action: Action, entity_ids: list[str], data: dict[str, Any] | None
    ) -> ServiceResult:
        ha = deps.ha()
        services = await ha.services()
        current = {s["entity_id"]: s for s in await ha.states_of(entity_ids)}
        unknown = [e for e in entity_ids if e not in current]
        if unknown:
            raise ToolError(f"No entity {', '.join(unknown)}; search_entities finds the ids.")
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for entity_id in entity_ids:
            domain = domain_of(entity_id)
            state = str(current[entity_id].get("state"))
            groups[(domain, switch_service(domain, action, state, services))].append(entity_id)
        calls: list[Call] = []
        for (domain, service), ids in groups.items():
            call = await prepare(ha, domain, service, entity_ids=ids, data=data)
            await refuse_if_sensitive(ha, call, deps.policy, f"{action} on {', '.join(ids)}")
            calls.append(call)
        results = [await execute(ha, call) for call in calls]
        return ServiceResult(
            service=", ".join(r.service for r in results),
            states=[s for r in results for s in r.states],
        )

    @box.write(idempotent=True)
    async def turn_on(
        entity_ids: EntityIds,
        data: Annotated[
            dict[str, Any] | None,
            Field(description="e.g. {'brightness_pct': 40}"),
        ] = None,
    ) -> ServiceResult:
        """Turn entities on (lights, switches, fans, media players...; covers open, locks lock)."""
        return await switch("turn_on", entity_ids, data)

    @box.write(idempotent=True)
    async def turn_off(entity_ids: EntityIds) -> ServiceResult:
        """Turn entities off (covers close). Never unlocks: a lock is refused (use unlock)."""
        return await switch("turn_off", entity_ids, None)

    @box.write()
    async def toggle(entity_ids: EntityIds) -> ServiceResult:
        """Toggle entities. Refused where it would unlock a lock or open a garage door/gate."""
        return await switch("toggle", entity_ids, None)
