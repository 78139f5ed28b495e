"""When a registry change (rename, area, labels, floor, enable/disable, voice exposure) is more
than a plain write. Default-deny, like safety.py for service calls:

* Any change to a lock, alarm panel or door-like cover, or to an entity on HA_SENSITIVE_SERVICES
  (or a device or area holding one): its area, labels and floor decide which area/label/floor-
  targeted calls and automations reach it ("open every cover on the ground floor"), its name is
  what a voice command matches, and disabling it takes it out of the security setup.
* Exposing to a voice assistant anything a voice command could use beyond a confined write: a
  guarded entity, or a domain that is not on the allow-list (scripts, scenes, automations,
  buttons, valves... : "Hey Google, run the leaving script").
* A new entity id that automations, scripts, scenes or groups refer to: they would break.
* A change that writes the entity's state (new name, disabled, new id) when an automation that
  such a change starts acts beyond a plain write (chains.py, the check every write gets).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.chains import started
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.safety import SAFE_SERVICES, Policy, guarded, label
from home_assistant_mcp.targets import domain_of

# Domains a voice assistant can only read, or only use through allow-listed services.
READ_ONLY_DOMAINS = frozenset(
    {"sensor", "binary_sensor", "weather", "sun", "zone", "person", "device_tracker"}
    | {"air_quality", "calendar", "event", "image", "todo", "update", "input_text"}
)
VOICE_SAFE = (frozenset(SAFE_SERVICES) | READ_ONLY_DOMAINS) - {
    "homeassistant",
    "notify",
    "tts",
    "persistent_notification",
}
REFERRERS = ("automation", "script", "scene", "group")

States = Mapping[str, Mapping[str, Any]]


def protected(entity_ids: Iterable[str], states: States, policy: Policy) -> list[str]:
    """The guarded or operator-listed entities among ``entity_ids``, as labels."""
    return [
        label(e, states)
        for e in entity_ids
        if guarded(e, states) or e in policy.sensitive or f"{domain_of(e)}.*" in policy.sensitive
    ]


def exposure_risk(entity_id: str, states: States, policy: Policy) -> str | None:
    if protected([entity_id], states, policy):
        return (
            f"exposes {label(entity_id, states)} to voice assistants, which could then "
            "unlock, disarm or open it"
        )
    if domain_of(entity_id) not in VOICE_SAFE:
        return (
            f"exposes {label(entity_id, states)} to voice assistants, which could then run it, "
            f"and what a {domain_of(entity_id)} does is not confined to itself"
        )
    return None


async def references(ha: HAClient, entity_id: str) -> dict[str, list[str]]:
    """Automations, scripts, scenes and groups that use ``entity_id`` (``search/related``)."""
    found = await ha.ws.command("search/related", item_type="entity", item_id=entity_id)
    return {kind: sorted(found.get(kind) or []) for kind in REFERRERS if found.get(kind)}


def describe_refs(refs: Mapping[str, list[str]]) -> str:
    return "; ".join(f"{kind}s: {', '.join(ids[:10])}" for kind, ids in refs.items())


async def entity_risks(
    ha: HAClient,
    policy: Policy,
    entity_ids: list[str],
    *,
    expose: bool | None = None,
    new_entity_id: str | None = None,
    writes_state: bool = False,
) -> list[str]:
    """Why this change to these entities needs a confirmation (empty: a plain write)."""
    states = {s["entity_id"]: s for s in await ha.states()}
    reasons = []
    guarded_ones = protected(entity_ids, states, policy)
    if guarded_ones:
        reasons.append(
            f"concerns {', '.join(guarded_ones[:5])}: a lock, alarm, door or operator-listed "
            "entity, whose name, area, labels and floor decide which commands reach it"
        )
    if expose:
        reasons += [r for e in entity_ids if (r := exposure_risk(e, states, policy))]
    if new_entity_id is not None:
        for entity_id in entity_ids:
            refs = await references(ha, entity_id)
            if refs:
                reasons.append(
                    f"renames {entity_id} to {new_entity_id}, which breaks what refers to it "
                    f"({describe_refs(refs)})"
                )
    if writes_state and not reasons:
        chain = await started(ha, [e for e in entity_ids if e in states], policy)
        if chain is not None:
            reasons.append(chain.reason)
    return reasons


def area_entities(catalog: Catalog, area_id: str) -> list[str]:
    return sorted(e for e in catalog.entities if catalog.area_id(e) == area_id)
