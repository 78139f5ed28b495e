"""System care: health, repairs, integrations (config entries) and add-ons.

Reloading an integration is a write only when it is confined: the entry provides no lock, alarm
panel or door-like cover (a reload re-creates entities from their integration's idea of their
state: the demo's kitchen door comes back unlocked) and no automation that its entities' state
changes start acts beyond a plain write (the same chain check as every write).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.chains import started
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.models_system import (
    Addon,
    HealthSection,
    Integration,
    IntegrationPage,
    ReloadResult,
    Repair,
    SystemHealth,
)
from home_assistant_mcp.safety import guarded, label
from home_assistant_mcp.tools import Deps
from home_assistant_mcp.websocket import LOST, UNSUBSCRIBED
from homelab_shared.errors import NotFound, SafetyRefusal
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

HEALTH_WAIT = 8.0  # seconds for slow checks (cloud, supervisor) before answering without them
NO_SUPERVISOR = (
    "This Home Assistant has no Supervisor ({kind} install), so there are no add-ons: run the "
    "service an add-on would provide as its own container or service next to Home Assistant."
)
EntryState = Literal["problem", "loaded", "setup_error", "setup_retry", "not_loaded", "disabled"]


def _value(value: Any) -> Any:
    """system_health's formatted values: dates and failures are small dicts."""
    if isinstance(value, dict) and value.get("type") == "date":
        return value.get("value")
    if isinstance(value, dict) and value.get("type") == "failed":
        return f"failed: {value.get('error', 'unknown')}"
    return value


async def read_health(ha: HAClient, wait: float = HEALTH_WAIT) -> SystemHealth:
    """Collect the ``system_health/info`` subscription: an ``initial`` event with every domain
    (slow items ``pending``), then one ``update`` per pending item, then ``finish``."""
    data: dict[str, dict[str, Any]] = {}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    async with ha.ws.subscription("system_health/info") as sub:
        while (left := deadline - loop.time()) > 0:
            try:
                event = await sub.next(left)
            except TimeoutError:
                break
            kind = event.get("type")
            if kind in (LOST["type"], UNSUBSCRIBED["type"]):
                raise ToolError("The connection to Home Assistant dropped; try again.")
            if kind == "initial":
                data = {d: dict(v.get("info") or {}) for d, v in event.get("data", {}).items()}
            elif kind == "update":
                info = data.setdefault(event.get("domain", "?"), {})
                ok = event.get("success")
                info[event.get("key", "?")] = (
                    event.get("data") if ok else {"type": "failed", **(event.get("error") or {})}
                )
            elif kind == "finish":
                break
    sections, pending = [], []
    for domain, info in sorted(data.items()):
        values = {}
        for key, value in info.items():
            if isinstance(value, dict) and value.get("type") == "pending":
                pending.append(f"{domain}.{key}")
            else:
                values[key] = _value(value)
        sections.append(HealthSection(domain=domain, info=values))
    return SystemHealth(sections=sections, incomplete=pending or None)


def _repair(issue: dict[str, Any]) -> Repair:
    return Repair(
        domain=issue.get("domain", "?"),
        issue_id=issue.get("issue_id", "?"),
        severity=issue.get("severity", "?"),
        issue=issue.get("translation_key"),
        details=issue.get("translation_placeholders") or None,
        ignored=True if issue.get("ignored") else None,
        fixable=issue.get("is_fixable"),
        breaks_in=issue.get("breaks_in_ha_version"),
        created=issue.get("created"),
        learn_more_url=issue.get("learn_more_url"),
    )


def _integration(entry: dict[str, Any]) -> Integration:
    state = entry.get("state", "?")
    return Integration(
        entry_id=entry["entry_id"],
        domain=entry.get("domain", "?"),
        title=entry.get("title") or entry.get("domain", "?"),
        state="disabled" if entry.get("disabled_by") else state,
        reason=entry.get("reason"),
        disabled_by=entry.get("disabled_by"),
        source=entry.get("source"),
    )


def _wanted(item: Integration, state: str | None) -> bool:
    if state is None:
        return True
    if state == "problem":
        return item.state not in ("loaded", "disabled")
    return item.state == state


async def config_entry(ha: HAClient, entry_id: str) -> dict[str, Any]:
    for entry in await ha.ws.command("config_entries/get"):
        if entry.get("entry_id") == entry_id:
            return entry
    raise ToolError(f"No integration entry {entry_id!r}; list_integrations shows the entry ids.")


@dataclass(frozen=True)
class ReloadRisk:
    reason: str
    entity: str  # one entity of the entry: call_sensitive_service reloads the entry through it


async def reload_risk(ha: HAClient, deps: Deps, entry_id: str) -> ReloadRisk | None:
    """Why reloading this entry is not a plain write, or None."""
    entities = [
        e["entity_id"]
        for e in await ha.entities(fresh=True)
        if e.get("config_entry_id") == entry_id and not e.get("disabled_by")
    ]
    states = {s["entity_id"]: s for s in await ha.states()}
    present = [e for e in entities if e in states]
    locks = [e for e in present if guarded(e, states)]
    if locks:
        names = ", ".join(label(e, states) for e in locks[:5])
        return ReloadRisk(
            f"re-creates {names}, whose state after a reload comes from the integration, "
            "not from what it is now",
            locks[0],
        )
    risk = await started(ha, present, deps.policy)
    return ReloadRisk(risk.reason, present[0]) if risk and present else None


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def system_health() -> SystemHealth:
        """System health: version, install type, database, network, cloud... per integration."""
        return await read_health(deps.ha())

    @box.read
    async def list_repairs(
        include_ignored: Annotated[bool, Field(description="Also ignored issues")] = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[Repair]:
        """Open repair issues (errors first), as in Settings > Repairs."""
        issues = [
            _repair(i)
            for i in await deps.ha().repair_issues()
            if i.get("active", True) and (include_ignored or not i.get("ignored"))
        ]
        order = {"critical": 0, "error": 1, "warning": 2}
        issues.sort(key=lambda r: (order.get(r.severity, 3), r.domain, r.issue_id))
        return paginate(issues, limit, offset)

    @box.write(idempotent=True)
    async def ignore_repair(
        domain: Annotated[str, Field(description="The issue's domain (list_repairs)")],
        issue_id: Annotated[str, Field(description="The issue's id (list_repairs)")],
        ignore: Annotated[bool, Field(description="false: show it again")] = True,
    ) -> Repair:
        """Ignore (hide) a repair issue, or show an ignored one again."""
        ha = deps.ha()
        known = {(i.get("domain"), i.get("issue_id")): i for i in await ha.repair_issues()}
        if (domain, issue_id) not in known:
            raise ToolError(f"No repair issue {domain}/{issue_id}; list_repairs shows them.")
        await ha.ws.command(
            "repairs/ignore_issue", retry=False, domain=domain, issue_id=issue_id, ignore=ignore
        )
        after = {(i.get("domain"), i.get("issue_id")): i for i in await ha.repair_issues()}
        return _repair(after.get((domain, issue_id), known[(domain, issue_id)]))

    @box.read
    async def list_integrations(
        state: Annotated[
            EntryState | None,
            Field(description="problem: not loaded, not disabled"),
        ] = None,
        domain: Annotated[str | None, Field(description="e.g. hue")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> IntegrationPage:
        """Integrations (config entries) and their state, failing first."""
        entries = [_integration(e) for e in await deps.ha().ws.command("config_entries/get")]
        attention = Counter(e.state for e in entries if e.state != "loaded")
        items = [e for e in entries if _wanted(e, state) and domain in (None, e.domain)]
        items.sort(key=lambda e: (e.state == "loaded", e.domain, e.title))
        page = paginate(items, limit, offset)
        return IntegrationPage(**page.model_dump(), attention=dict(attention) or None)

    @box.write()
    async def reload_integration(
        entry_id: Annotated[str, Field(description="Config entry id (list_integrations)")],
    ) -> ReloadResult:
        """Reload one integration (config entry), e.g. after it failed to set up."""
        ha = deps.ha()
        entry = await config_entry(ha, entry_id)
        risk = await reload_risk(ha, deps, entry_id)
        if risk is not None:
            raise SafetyRefusal(
                f"Reloading {entry.get('title')} ({entry.get('domain')}) was not run: it "
                f"{risk.reason}, "
                "which needs a confirmation. Use call_sensitive_service with domain "
                f"homeassistant, service reload_config_entry and entity_ids [{risk.entity}] (it "
                "reloads that entity's integration): it shows a preview and a confirm_token."
            )
        try:
            await ha.http.json(
                "POST",
                f"/api/config/config_entries/entry/{ha.http.segment(entry_id)}/reload",
                idempotent=False,
            )
        except NotFound as err:
            gone = f"Integration entry {entry_id} disappeared; see list_integrations."
            raise ToolError(gone) from err
        after = _integration(await config_entry(ha, entry_id))
        return ReloadResult(
            entry_id=entry_id, domain=after.domain, state=after.state, reason=after.reason
        )

    @box.read
    async def list_addons() -> list[Addon]:
        """Supervisor add-ons with version, update and state (Home Assistant OS/Supervised)."""
        ha = deps.ha()
        config = await ha.config()
        if "hassio" not in config.get("components", []):
            health = await read_health(ha, wait=2.0)
            kind = next(
                (
                    s.info.get("installation_type")
                    for s in health.sections
                    if s.domain == "homeassistant"
                ),
                None,
            )
            raise ToolError(NO_SUPERVISOR.format(kind=kind or "Core or Container"))
        result = await ha.ws.command("supervisor/api", endpoint="/addons", method="get")
        return [
            Addon(
                slug=a.get("slug", "?"),
                name=a.get("name"),
                version=a.get("version"),
                latest=a.get("version_latest"),
                update_available=a.get("update_available"),
                state=a.get("state"),
            )
            for a in (result or {}).get("addons", [])
        ]
