"""Service calls as the tools make them: validated against /api/services, targets resolved,
sensitive calls detected, and the targeted entities read back afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import domain_of, summarize
from home_assistant_mcp.models import ServiceResult
from home_assistant_mcp.safety import Sensitive, classify
from homelab_shared.errors import UpstreamError

TARGET_KEYS = ("entity_id", "area_id", "device_id", "floor_id", "label_id")
# Services whose data is free-form (script variables; the generic on/off passes fields on to
# each domain's service), so unknown fields are not errors.
FREE_FORM_DOMAINS = frozenset({"script", "python_script", "shell_command", "rest_command"})
FREE_FORM_SERVICES = frozenset(
    {("homeassistant", "turn_on"), ("homeassistant", "turn_off"), ("homeassistant", "toggle")}
)


@dataclass
class Call:
    """One prepared service call."""

    domain: str
    service: str
    data: dict[str, Any]
    target: dict[str, Any]
    entity_ids: list[str]
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    returns_data: bool = False
    unresolved: bool = False

    @property
    def name(self) -> str:
        return f"{self.domain}.{self.service}"

    def sensitive(self, extra: Sequence[str]) -> Sensitive | None:
        return classify(
            self.domain,
            self.service,
            self.data,
            self.entity_ids,
            self.states,
            extra,
            unresolved=self.unresolved,
        )


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
    explicit = _listify(call.target.get("entity_id"))
    wrong = [e for e in explicit if allowed and e != "all" and domain_of(e) not in allowed]
    if wrong:
        raise ToolError(
            f"{call.name} acts on {', '.join(sorted(allowed))} entities, not {', '.join(wrong)}."
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
    """Validate a call against Home Assistant's own service descriptions and resolve its target."""
    data = dict(data or {})
    target: dict[str, Any] = {k: data.pop(k) for k in TARGET_KEYS if k in data}
    if entity_ids:
        target["entity_id"] = list(entity_ids)
    if area_ids:
        target["area_id"] = list(area_ids)
    services = await client.services()
    if domain not in services:
        services = await client.services(fresh=True)
    if domain not in services:
        raise ToolError(f"Home Assistant has no service domain {domain!r}; see list_services.")
    description = services[domain].get(service)
    if description is None:
        known = ", ".join(sorted(services[domain]))
        raise ToolError(f"{domain} has no service {service!r}. Its services: {known}.")
    _validate(domain, service, description, data, target)
    if (
        description.get("target") is not None
        and not target
        and "entity_id" not in _field_names(description.get("fields") or {})
    ):
        raise ToolError(f"{domain}.{service} needs a target: pass entity_ids or area_ids.")

    explicit = [e for e in _listify(target.get("entity_id")) if e != "all"]
    indirect = any(k != "entity_id" for k in target) or "all" in _listify(target.get("entity_id"))
    if indirect:  # areas, devices, floors, labels or "all": every state, to expand the target
        states = {s["entity_id"]: s for s in await client.states()}
    else:
        states = {s["entity_id"]: s for s in await client.states_of(explicit)}
    unknown = [e for e in explicit if e not in states]
    if unknown:
        raise ToolError(
            f"No entity {', '.join(unknown)} in Home Assistant; search_entities finds the ids."
        )
    reached: set[str] = set(explicit)
    unresolved = False
    if indirect:
        try:
            reached = (await Catalog.load(client)).resolve(target, states)
        except UpstreamError:
            unresolved = True
    call = Call(
        domain=domain,
        service=service,
        data=data,
        target=target,
        entity_ids=sorted(reached),
        states={e: states[e] for e in reached if e in states},
        returns_data=description.get("response") is not None,
        unresolved=unresolved,
    )
    _check_domains(call, description)
    return call


def _listify(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",")]
    return [str(v) for v in value]


async def execute(client: HAClient, call: Call, *, within: float | None = None) -> ServiceResult:
    """Run a prepared call and read back the states of what it targeted."""
    response = await client.call_service(
        call.domain,
        call.service,
        call.data,
        call.target,
        return_response=call.returns_data,
        within=within,
    )
    after = await client.states_of(call.entity_ids[:50]) if call.entity_ids else []
    message = None
    if call.target and not call.entity_ids and not call.unresolved:
        message = "The target contains no entities, so nothing was acted on."
    if len(call.entity_ids) > 50:
        message = f"{len(call.entity_ids)} entities targeted; the first 50 states are shown."
    return ServiceResult(
        service=call.name,
        states=[summarize(s) for s in after],
        response=response,
        message=message,
    )


def refuse_if_sensitive(call: Call, extra: Sequence[str], called: str | None = None) -> None:
    sensitive = call.sensitive(extra)
    if sensitive is not None:
        raise ToolError(sensitive.refusal(called or call.name))
