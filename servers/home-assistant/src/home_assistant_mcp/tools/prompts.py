"""Prompts for the two jobs people bring most often: a misbehaving entity, and "what changed?"."""

from __future__ import annotations

from typing import Annotated

from fastmcp import FastMCP
from pydantic import Field

from home_assistant_mcp.tools import ENTITY_ID


def register(mcp: FastMCP) -> None:
    @mcp.prompt
    def troubleshoot_entity(
        entity_id: Annotated[
            str, Field(pattern=ENTITY_ID, description="The entity that misbehaves")
        ],
    ) -> str:
        """Find out why an entity is unavailable, stuck or behaves oddly."""
        return (
            f"Troubleshoot {entity_id} in Home Assistant. Steps: 1) get_entity with "
            "detail='full' (state, device, integration, last change); 2) get_history for the "
            "last 24 h to see when it went wrong; 3) get_logbook for the entity around that time "
            "(what caused changes); 4) get_error_log with contains set to its integration or "
            "entity id; 5) overview for related problems (repairs, other unavailable entities of "
            "the same integration). Conclude with the likely cause and a fix; change nothing "
            "without asking."
        )

    @mcp.prompt
    def what_changed_before(
        when: Annotated[str, Field(description="The event time, ISO or e.g. 'today 07:15'")],
        entity_id: Annotated[
            str | None,
            Field(pattern=ENTITY_ID, description="The entity the event happened to, if any"),
        ] = None,
    ) -> str:
        """Find what changed in the home shortly before an event."""
        focus = f" to {entity_id}" if entity_id else ""
        return (
            f"Something happened{focus} at {when}. Use get_logbook for the 30 minutes before it "
            "(start and end as ISO times), newest first, and look at the cause of each entry "
            "(automation, service call, user). Check get_history for the entities involved. "
            "List the changes in time order and say which most likely led to the event."
        )
