"""Which service calls are destructive: they need the confirmation flow, never a plain write.

Built in: unlocking or opening locks, disarming alarms, opening covers of class garage, door or
gate, restarting or stopping Home Assistant (or its host). The operator adds more in
``HA_SENSITIVE_SERVICES``: ``domain.service``, ``domain.*``, or entity ids (a script, scene or
switch listed there makes every call that reaches it sensitive).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from home_assistant_mcp.entities import domain_of

SENSITIVE_COVER_CLASSES = frozenset({"garage", "door", "gate"})
COVER_OPENING = frozenset({"open_cover", "set_cover_position", "toggle"})
GENERIC_DOMAIN = "homeassistant"
GENERIC_SERVICES = frozenset({"turn_on", "turn_off", "toggle"})

# (domain, service) -> (what it does, the destructive tool that does it)
ALWAYS: dict[tuple[str, str], tuple[str, str]] = {
    ("lock", "unlock"): ("unlocks", "unlock"),
    ("lock", "open"): ("opens (unlatches)", "unlock"),
    ("alarm_control_panel", "alarm_disarm"): ("disarms", "disarm_alarm"),
    ("homeassistant", "restart"): ("restarts Home Assistant", "restart_home_assistant"),
    ("homeassistant", "stop"): ("stops Home Assistant", "restart_home_assistant"),
    ("hassio", "host_reboot"): ("reboots the Home Assistant host", "call_sensitive_service"),
    ("hassio", "host_shutdown"): ("shuts down the Home Assistant host", "call_sensitive_service"),
}


@dataclass(frozen=True)
class Sensitive:
    """Why a call needs confirmation, and which destructive tool performs it."""

    reason: str
    tool: str

    def refusal(self, called: str) -> str:
        return (
            f"{called} was not run: it {self.reason}, which needs a confirmation. Use the "
            f"{self.tool} tool instead: it shows a preview and returns a confirm_token to repeat "
            "the call with (the operator enables it with HA_ALLOW_DESTRUCTIVE=true)."
        )


def _label(entity_id: str, states: Mapping[str, Mapping[str, Any]]) -> str:
    name = states.get(entity_id, {}).get("attributes", {}).get("friendly_name")
    return f"{name} ({entity_id})" if name else entity_id


def _listed(extra: Iterable[str], domain: str, service: str, targets: Iterable[str]) -> str | None:
    called = f"{domain}.{service}"
    target_set = set(targets)
    for item in extra:
        if item in (called, f"{domain}.*") or item in target_set:
            return item
    return None


def expand_generic(domain: str, service: str, targets: Iterable[str]) -> list[tuple[str, str]]:
    """``homeassistant.toggle`` on a cover runs ``cover.toggle``: the calls it really makes."""
    if domain == GENERIC_DOMAIN and service in GENERIC_SERVICES:
        return sorted({(domain_of(t), service) for t in targets})
    return [(domain, service)]


def classify(
    domain: str,
    service: str,
    data: Mapping[str, Any],
    targets: Sequence[str],
    states: Mapping[str, Mapping[str, Any]],
    extra: Iterable[str] = (),
    *,
    unresolved: bool = False,
) -> Sensitive | None:
    """The reason this call is destructive, or None for an ordinary write.

    ``unresolved`` means the target could not be expanded to entities: a cover call is then
    treated as reaching a garage door.
    """
    extra = list(extra)
    listed = _listed(extra, domain, service, targets)
    if listed is not None:
        return Sensitive(
            f"is on the operator's sensitive list ({listed})", "call_sensitive_service"
        )
    for real_domain, real_service in expand_generic(domain, service, targets):
        in_domain = [t for t in targets if domain_of(t) == real_domain]
        known = ALWAYS.get((real_domain, real_service))
        if known is not None:
            what, tool = known
            names = ", ".join(_label(t, states) for t in in_domain)
            return Sensitive(f"{what} {names}".strip(), tool)
        if real_domain == "cover" and real_service in COVER_OPENING:
            if real_service == "set_cover_position" and data.get("position") == 0:
                continue
            doors = [
                t
                for t in in_domain
                if states.get(t, {}).get("attributes", {}).get("device_class")
                in SENSITIVE_COVER_CLASSES
            ]
            if doors:
                names = ", ".join(_label(t, states) for t in doors)
                return Sensitive(f"opens {names}", "open_cover")
            if unresolved:
                return Sensitive(
                    "may open a garage door, door or gate (its target could not be resolved)",
                    "open_cover",
                )
        if _listed(extra, real_domain, real_service, ()) is not None:
            return Sensitive(
                f"runs {real_domain}.{real_service}, on the operator's sensitive list",
                "call_sensitive_service",
            )
    return None
