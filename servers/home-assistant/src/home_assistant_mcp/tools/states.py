"""Entities and the instance: search, one entity, overview, config, templates, error log, waits."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import detail as entity_detail
from home_assistant_mcp.entities import domain_of, summarize
from home_assistant_mcp.models import (
    EntityDetail,
    EntitySummary,
    ErrorLog,
    HAConfig,
    Overview,
    StateWait,
    TemplateResult,
)
from home_assistant_mcp.shaping import Fields, of_integration, select, state_counts
from home_assistant_mcp.summaries import filter_records, log_records
from home_assistant_mcp.tools import Deps, EntityId, Query
from home_assistant_mcp.websocket import LOST, RECONNECTED, UNSUBSCRIBED
from homelab_shared.errors import UpstreamError
from homelab_shared.output import Detail, Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

MISSING = ("unavailable", "unknown")


async def catalog_or_empty(ha: HAClient, needed: bool) -> Catalog:
    """Registries for area names; without a WebSocket, searches still work (with no areas)."""
    try:
        return await Catalog.load(ha)
    except UpstreamError:
        if needed:
            raise
        return Catalog()


def problems(
    states: list[dict[str, Any]], repairs: list[dict[str, Any]], log: list[dict[str, Any]]
) -> list[str]:
    found: list[str] = []
    for issue in repairs:
        if issue.get("dismissed_version") or issue.get("ignored"):
            continue
        what = issue.get("translation_key") or issue.get("issue_id")
        found.append(f"repair ({issue.get('severity', '?')}): {issue.get('domain')}: {what}")
    for entry in log:
        if entry.get("level") in ("ERROR", "CRITICAL"):
            message = " ".join(entry.get("message") or [])[:160]
            count = entry.get("count", 1)
            found.append(
                f"logged {entry['level'].lower()} x{count} ({entry.get('name')}): {message}"
            )
    for s in states:
        attrs = s.get("attributes", {})
        name = attrs.get("friendly_name") or s["entity_id"]
        if domain_of(s["entity_id"]) == "update" and s.get("state") == "on":
            found.append(
                f"update available: {name} {attrs.get('installed_version')} -> "
                f"{attrs.get('latest_version')}"
            )
        battery = attrs.get("battery_level")
        if attrs.get("device_class") == "battery":
            battery = s.get("state")
        try:
            if battery is not None and float(battery) < 20:
                found.append(f"low battery: {name} {float(battery):g}%")
        except ValueError:
            pass
    if len(found) > 25:
        found = [*found[:25], f"... and {len(found) - 25} more"]
    return found


def register(box: Toolbox, deps: Deps) -> None:
    indexes = deps.indexes

    @box.read
    async def search_entities(
        query: Query = None,
        domain: Annotated[str | None, Field(description="e.g. light")] = None,
        area: Annotated[str | None, Field(description="Name or id")] = None,
        floor: Annotated[str | None, Field(description="Name or id")] = None,
        label: Annotated[str | None, Field(description="Name or id")] = None,
        state: Annotated[str | None, Field(description="e.g. on, unavailable")] = None,
        limit: Limit = 20,
        offset: Offset = 0,
        fields: Fields = None,
    ) -> Page[EntitySummary]:
        """Find entities (lights, sensors, switches...) by name or id (fuzzy), domain, area,
        floor, label or state; best first."""
        ha = deps.ha()
        snapshot, catalog = await asyncio.gather(
            ha.snapshot(), catalog_or_empty(ha, needed=bool(area or floor or label))
        )
        states = snapshot.states
        area_id = catalog.find_area(area) if area else None
        floor_id = catalog.find_floor(floor) if floor else None
        label_id = catalog.find_label(label) if label else None
        index = indexes.get(states, catalog, snapshot.names)
        scores = index.scores(query or "")
        wanted_domain = domain.strip().lower() if domain else None
        scored: list[tuple[float, str, dict[str, Any]]] = []
        for n, score in scores.items():
            s = states[n]
            entity_id = s["entity_id"]
            if wanted_domain and domain_of(entity_id) != wanted_domain:
                continue
            if state is not None and str(s.get("state")).lower() != state.lower():
                continue
            if area_id and catalog.area_id(entity_id) != area_id:
                continue
            if floor_id and catalog.floor_id(entity_id) != floor_id:
                continue
            if label_id and label_id not in catalog.labels_of(entity_id):
                continue
            scored.append((score, entity_id, s))
        scored.sort(key=lambda item: (-item[0], item[1]))
        page = paginate(scored, limit, offset)  # summarize only the page, not every match
        return Page[EntitySummary](
            **page.model_dump(exclude={"items"}),
            items=[select(summarize(s, catalog), s, fields) for _, _, s in page.items],
        )

    @box.read
    async def get_entity(
        entity_id: EntityId, detail: Detail = "summary", fields: Fields = None
    ) -> EntityDetail:
        """One entity: state, area, device, integration, last change, key attributes."""
        ha = deps.ha()
        state, catalog, services = await asyncio.gather(
            ha.state(entity_id), catalog_or_empty(ha, needed=False), ha.services()
        )
        names = sorted(services.get(domain_of(entity_id), {}))
        return select(entity_detail(state, catalog, detail == "full", names or None), state, fields)

    @box.read
    async def overview() -> Overview:
        """First look at the instance: version, entities per domain and area, unavailable
        ones, problems (repairs, errors, updates, low batteries)."""
        ha = deps.ha()
        config, snapshot, catalog = await asyncio.gather(
            ha.config(), ha.snapshot(), catalog_or_empty(ha, needed=False)
        )
        states = snapshot.states
        repairs, log = await asyncio.gather(_quiet(ha.repair_issues()), _quiet(ha.system_log()))
        domains = Counter(domain_of(s["entity_id"]) for s in states)
        areas = Counter(catalog.area_name(s["entity_id"]) or "(no area)" for s in states)
        unavailable = sorted(s["entity_id"] for s in states if s.get("state") == "unavailable")
        return Overview(
            version=config.get("version"),
            location=config.get("location_name"),
            state=config.get("state"),
            entities=len(states),
            domains=dict(domains.most_common()),
            states=state_counts(states) or None,
            areas=dict(areas.most_common()),
            unavailable=unavailable[:25],
            unavailable_count=len(unavailable),
            unknown_count=sum(1 for s in states if s.get("state") == "unknown"),
            problems=problems(states, repairs, log),
        )

    @box.read
    async def get_config() -> HAConfig:
        """Home Assistant's version, location name, time zone, units, URLs and integrations."""
        config = await deps.ha().config()
        units = config.get("unit_system") or {}
        return HAConfig(
            version=config.get("version"),
            state=config.get("state"),
            location_name=config.get("location_name"),
            time_zone=config.get("time_zone"),
            country=config.get("country"),
            language=config.get("language"),
            units={k: str(v) for k, v in units.items()} or None,
            internal_url=config.get("internal_url"),
            external_url=config.get("external_url"),
            safe_mode=config.get("safe_mode"),
            recovery_mode=config.get("recovery_mode"),
            integrations=sorted({c for c in config.get("components", []) if "." not in c}),
        )

    @box.read
    async def render_template(
        template: Annotated[
            str,
            Field(
                max_length=5000,
                description="Jinja2, e.g. {{ states('sensor.x') }}",
            ),
        ],
    ) -> TemplateResult:
        """Render a Home Assistant template (read-only), for ad-hoc questions."""
        return TemplateResult(rendered=await deps.ha().render_template(template))

    @box.read
    async def get_error_log(
        records: Annotated[int, Field(ge=1, le=200, description="Newest records")] = 30,
        level: Literal["all", "warning", "error"] = "warning",
        contains: Annotated[str | None, Field(description="Text to match")] = None,
        integration: Annotated[
            str | None, Field(description="Only this integration's records")
        ] = None,
    ) -> ErrorLog:
        """Home Assistant's log tail (admin token), by level, text or integration."""
        text = await deps.ha().error_log()
        parsed = log_records(text)
        matched = filter_records(parsed, "DEBUG" if level == "all" else level, contains)
        if integration:
            matched = of_integration(matched, integration)
        tail = [r if len(r) <= 2000 else r[:2000] + " …" for r in matched[-records:]]
        return ErrorLog(
            records=tail, matched=len(matched), total=len(parsed), truncated=len(matched) > records
        )

    @box.read
    async def wait_for_state(
        entity_id: EntityId,
        state: Annotated[str | None, Field(description="Empty: any change")] = None,
        timeout_seconds: Annotated[float, Field(ge=1, le=300, description="Give up after")] = 30,
    ) -> StateWait:
        """Wait until an entity changes or reaches a state."""
        ha = deps.ha()
        began = time.monotonic()

        def done(current: str, reached: bool) -> StateWait:
            waited = round(time.monotonic() - began, 2)
            return StateWait(
                entity_id=entity_id, state=current, reached=reached, waited_seconds=waited
            )

        current = str((await ha.state(entity_id)).get("state"))
        if state is not None and current == state:
            return done(current, True)
        lost = False
        async with ha.state_trigger(entity_id, to=state) as sub:
            while (left := timeout_seconds - (time.monotonic() - began)) > 0:
                try:
                    event = await sub.next(left)
                except TimeoutError:
                    break
                if event == LOST:
                    lost = True
                    continue
                if event == UNSUBSCRIBED:
                    raise ToolError(_lost_message(entity_id, current, "could not subscribe again"))
                if event == RECONNECTED:
                    lost = False
                    try:
                        current = str((await ha.state(entity_id)).get("state"))
                    except UpstreamError:
                        # Home Assistant accepts connections before every integration has set up
                        # its entities again (404 for a while): the trigger sees it appear
                        current = "unavailable"
                        continue
                    if state is not None and current == state:
                        return done(current, True)
                    continue
                to_state = event.get("variables", {}).get("trigger", {}).get("to_state") or {}
                current = str(to_state.get("state", current))
                if state is None or current == state:
                    return done(current, True)
        if lost:  # a timeout while disconnected says nothing about the entity
            raise ToolError(_lost_message(entity_id, current, "was not back before the timeout"))
        return done(current, False)


def _lost_message(entity_id: str, last: str, what: str) -> str:
    return (
        f"The connection to Home Assistant was lost during the wait and {what}, so the state "
        f"of {entity_id} is unknown (last seen: {last}). Check HA_URL and that Home Assistant "
        "is running, then ask again."
    )


async def _quiet(job: Any) -> list[dict[str, Any]]:
    """Problems come from admin-only commands: without them the overview still works."""
    try:
        return await job
    except UpstreamError:
        return []
