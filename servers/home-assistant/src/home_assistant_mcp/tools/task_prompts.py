"""Prompts for common jobs beyond troubleshooting (tools/prompts.py has debugging an entity):
writing an automation, finding what uses the most energy, and tidying entity names."""

from __future__ import annotations

from typing import Annotated

from fastmcp import FastMCP
from pydantic import Field


def register(mcp: FastMCP) -> None:
    @mcp.prompt
    def create_automation(
        goal: Annotated[
            str, Field(max_length=500, description="What should happen, in plain words")
        ],
    ) -> str:
        """Turn a plain-words goal into a Home Assistant automation."""
        return (
            f"Write a Home Assistant automation for: {goal}\n"
            "1) Find the entities involved with search_entities (ask when a name matches several). "
            "2) Check their states and attributes with get_entity (fields=[...] for just what you "
            "need) and the services with list_services. 3) Look at list_automations for one that "
            "already does this. 4) Write the automation as YAML (triggers, conditions, actions, "
            "mode), explain each part, and name what could go wrong (e.g. it fires at night). "
            "If it would unlock, disarm or open anything, say so plainly. Save it only with the "
            "user's approval and with a tool made for that; never through call_service."
        )

    @mcp.prompt
    def find_energy_hogs(
        period: Annotated[
            str, Field(max_length=20, description="How far back, e.g. -24h, -7d, -30d")
        ] = "-7d",
    ) -> str:
        """Find the devices that use the most energy, and what could be done."""
        return (
            f"Find what uses the most energy over {period}. 1) get_energy_summary with "
            f"start={period} (sources and the largest devices); if energy is not configured, use "
            "search_entities(domain='sensor') for power (W) and energy (kWh) sensors and "
            f"get_statistics for them over {period}. 2) For the top consumers, get_history of the "
            "device and its power sensor to see when it runs. 3) overview for devices left on. "
            "Rank the consumers with their share of the total and suggest concrete savings "
            "(schedules, standby); change nothing without asking."
        )

    @mcp.prompt
    def tidy_naming(
        area: Annotated[
            str | None, Field(max_length=100, description="Only this area; empty: the whole home")
        ] = None,
    ) -> str:
        """Review entity names for consistency and propose better ones."""
        scope = f"in the area {area}" if area else "in the whole home"
        return (
            f"Review the entity names {scope}. Use list_areas, then search_entities (area=..., "
            "fields=['name', 'area'], paging with offset) to collect ids and names. Point out: "
            "names that repeat the area or the integration, default names (e.g. 'Sensor 2', "
            "model numbers), inconsistent words for the same thing, and ids that no longer match "
            "the name. Propose a table: entity id, current name, proposed name, reason. Keep "
            "ids unchanged unless asked (automations refer to them); rename only with approval."
        )
