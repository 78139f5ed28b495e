"""Service calls as the tools make them: ids validated, the call checked against /api/services,
everything it reaches expanded from fresh data and judged, and the changed entities read back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.chains import started
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import domain_of, summarize
from home_assistant_mcp.models import ServiceResult
from home_assistant_mcp.safety import Policy, Sensitive, judge, label
from home_assistant_mcp.targets import (
    MATCH_ALL,
    MATCH_NONE,
    TARGET_KEYS,
    Effect,
    data_references,
    normal_target,
    reach,
)
from homelab_shared.errors import SafetyRefusal, UpstreamError

# Services whose data is free-form (script variables; the generic on/off passes fields on to
# each domain's service), so unknown fields are not errors.
FREE_FORM_DOMAINS = frozenset({"script", "python_script", "shell_command", "rest_command"})
FREE_FORM_SERVICES = frozenset(
    {("homeassistant", "turn_on"), ("homeassistant", "turn_off"), ("homeassistant", "toggle")}
)
READBACK = 50


@dataclass
class Call:
    """One prepared service call and every entity it reaches (judged fresh, at call time)."""

    domain: str
    service: str
    data: dict[str, Any]
    target: dict[str, Any]
    effects: list[Effect]
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    returns_data: bool = False
    unresolved: bool = False

    @property
    def name(self) -> str:
        return f"{self.domain}.{self.service}"

    @property
    def entity_ids(self) -> list[str]:
        """The entities the call changes (group entities themselves left out)."""
        return sorted(
            e.entity_id
            for e in self.effects
            if domain_of(e.entity_id) != "group" and e.entity_id in self.states
        )

    def sensitive(self, policy: Policy) -> Sensitive | None:
        return judge(
            self.name, self.data, self.effects, self.states, policy, unresolved=self.unresolved
        )

    def affected(self, detailed: int = 25) -> str:
        """Every entity the call changes, for a preview: the first ``detailed`` with name, id,
        state now and how reached, the rest by id (a confirmation covers all of them, so the
        person confirming sees all of them)."""
        parts = []
        for effect in self.effects[:detailed]:
            state = self.states.get(effect.entity_id, {}).get("state", "unknown")
            via = f" through {effect.via}" if effect.via else ""
            parts.append(f"{label(effect.entity_id, self.states)} now {state}{via}")
        rest = [e.entity_id for e in self.effects[detailed:]]
        if rest:
            parts.append(f"and {len(rest)} more: {', '.join(rest)}")
        return "; ".join(parts) or "no entities"


def _field_names(fields: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field descriptions, with collapsed sections (``advanced_fields``) flattened."""
    names: dict[str, dict[str, Any]] = {}
    for name, spec in fields.items():
        if (
            isinstance(spec, dict)
            and isinstance(spec.get("fields"), dict)
            and "selector" not in spec
        ):
            names.update(_field_names(spec["fields"]))
        else:
            names[name] = spec if isinstance(spec, dict) else {}
    return names


def _validate(
    domain: str, service: str, description: dict[str, Any], data: dict[str, Any], target: dict
) -> None:
    fields = _field_names(description.get("fields") or {})
    documented = bool(fields or description.get("description"))
    free_form = domain in FREE_FORM_DOMAINS or (domain, service) in FREE_FORM_SERVICES
    if documented and not free_form:
        unknown = sorted(set(data) - set(fields))
        if unknown:
            allowed = ", ".join(sorted(fields)) or "none"
            raise ToolError(
                f"{domain}.{service} has no field {', '.join(unknown)}. Its fields: {allowed}."
            )
    given = set(data) | set(target)
    missing = sorted(n for n, spec in fields.items() if spec.get("required") and n not in given)
    if missing:
        raise ToolError(f"{domain}.{service} requires {', '.join(missing)} in data.")


def _check_domains(call: Call, description: dict[str, Any]) -> None:
    filters = (description.get("target") or {}).get("entity") or []
    allowed = {d for f in filters for d in (f.get("domain") or [])}
    explicit = call.target.get("entity_id", [])
    wrong = [
        e
        for e in explicit
        if allowed
        and e not in (MATCH_ALL, MATCH_NONE)
        and domain_of(e) not in allowed
        and domain_of(e) != "group"  # Home Assistant expands old-style groups for any service
    ]
    if wrong:
        raise ToolError(
            f"{call.name} acts on {', '.join(sorted(allowed))} entities, not {', '.join(wrong)}."
        )


def _split(
    data: dict[str, Any] | None, entity_ids: Sequence[str] | None, area_ids: Sequence[str] | None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Service fields and the validated target; target keys inside ``data`` join the target
    (so they are judged like the rest: nothing bypasses the checks by hiding in data)."""
    data = dict(data or {})
    raw: dict[str, Any] = {k: data.pop(k) for k in TARGET_KEYS if k in data}
    target = normal_target(raw)
    extra = normal_target(
        {k: v for k, v in (("entity_id", entity_ids), ("area_id", area_ids)) if v}
    )
    for key, values in extra.items():
        target[key] = list(dict.fromkeys([*target.get(key, []), *values]))
    if len(target.get("entity_id", [])) > 1 and {MATCH_ALL, MATCH_NONE} & set(target["entity_id"]):
        raise ToolError("entity_id 'all' or 'none' cannot be combined with other entity ids.")
    return data, target


async def _describe(client: HAClient, domain: str, service: str) -> dict[str, Any]:
    services = await client.services()
    if domain not in services:
        services = await client.services(fresh=True)
    if domain not in services:
        raise ToolError(f"Home Assistant has no service domain {domain!r}; see list_services.")
    description = services[domain].get(service)
    if description is None:
        known = ", ".join(sorted(services[domain]))
        raise ToolError(f"{domain} has no service {service!r}. Its services: {known}.")
    return description


async def _states(
    client: HAClient, named: list[str], everything: bool
) -> dict[str, dict[str, Any]]:
    """Fresh states: of the named entities, or of all when groups or indirect targets must be
    expanded (a named entity with members is a group or scene)."""
    if not everything:
        states = {s["entity_id"]: s for s in await client.states_of(named)}
        if not any(s.get("attributes", {}).get("entity_id") for s in states.values()):
            return states
    return {s["entity_id"]: s for s in await client.states()}


def _check_registry_ids(target: dict[str, list[str]], catalog: Catalog) -> None:
    known = {
        "area_id": catalog.areas,
        "floor_id": catalog.floors,
        "label_id": catalog.labels,
        "device_id": catalog.devices,
    }
    for key, records in known.items():
        unknown = [i for i in target.get(key, []) if i not in records]
        if unknown:
            raise ToolError(
                f"No {key.removesuffix('_id')} {', '.join(unknown)} in Home Assistant; "
                "list_areas and list_devices show the ids."
            )


async def prepare(
    client: HAClient,
    domain: str,
    service: str,
    *,
    entity_ids: Sequence[str] | None = None,
    area_ids: Sequence[str] | None = None,
    data: dict[str, Any] | None = None,
) -> Call:
    """Validate a call and expand what it reaches from fresh states and registries."""
    data, target = _split(data, entity_ids, area_ids)
    in_data = data_references(data)
    description = await _describe(client, domain, service)
    _validate(domain, service, description, data, target)
    if (
        description.get("target") is not None
        and not target
        and "entity_id" not in _field_names(description.get("fields") or {})
    ):
        raise ToolError(f"{domain}.{service} needs a target: pass entity_ids or area_ids.")

    named = [e for e in target.get("entity_id", []) if e not in (MATCH_ALL, MATCH_NONE)]
    indirect = any(k != "entity_id" for k in target) or MATCH_ALL in target.get("entity_id", [])
    states = await _states(client, [*named, *in_data], indirect)
    unknown = [e for e in [*named, *in_data] if e not in states]
    if unknown:
        raise ToolError(
            f"No entity {', '.join(unknown)} in Home Assistant; search_entities finds the ids."
        )
    catalog: Catalog | None = None
    unresolved = False
    if any(k != "entity_id" for k in target):
        try:  # fresh registries: an entity moved into an area a second ago counts
            catalog = await Catalog.load(client, fresh=True)
        except UpstreamError:
            unresolved = True
        else:
            _check_registry_ids(target, catalog)
    call = Call(
        domain=domain,
        service=service,
        data=data,
        target=target,
        effects=reach(domain, service, target, states, catalog, in_data),
        states=states,
        returns_data=description.get("response") is not None,
        unresolved=unresolved,
    )
    _check_domains(call, description)
    return call


def _wire_target(target: dict[str, list[str]]) -> dict[str, Any]:
    """Home Assistant takes ``all`` / ``none`` only as a plain string."""
    wire: dict[str, Any] = dict(target)
    if wire.get("entity_id") in ([MATCH_ALL], [MATCH_NONE]):
        wire["entity_id"] = wire["entity_id"][0]
    return wire


async def execute(client: HAClient, call: Call, *, within: float | None = None) -> ServiceResult:
    """Run a prepared call and read back the states of what it changed."""
    response = await client.call_service(
        call.domain,
        call.service,
        call.data,
        _wire_target(call.target),
        return_response=call.returns_data,
        within=within,
    )
    changed = call.entity_ids
    after = await client.states_of(changed[:READBACK]) if changed else []
    message = None
    if call.target and not changed and not call.unresolved:
        message = "The target contains no entities, so nothing was acted on."
    if len(changed) > READBACK:
        message = f"{len(changed)} entities targeted; the first {READBACK} states are shown."
    return ServiceResult(
        service=call.name,
        states=[summarize(s) for s in after],
        response=response,
        message=message,
    )


async def refuse_if_sensitive(
    client: HAClient, call: Call, policy: Policy, called: str | None = None
) -> None:
    """Refuse a call that is not a plain write: by itself, or through automations it starts."""
    sensitive = call.sensitive(policy)
    if sensitive is None:
        sensitive = await started(client, call.entity_ids, policy)
    if sensitive is not None:
        raise SafetyRefusal(sensitive.refusal(called or call.name))
