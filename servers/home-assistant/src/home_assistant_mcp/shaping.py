"""Answers cut to what was asked: field selection on entity tools, state counts per domain, and
the error log of one integration."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from pydantic import Field

from home_assistant_mcp.entities import HIDDEN_ATTRIBUTES, domain_of
from home_assistant_mcp.models import EntityDetail, EntitySummary

Fields = Annotated[
    list[str] | None,
    Field(
        max_length=30,
        description="Only these fields/attributes",
    ),
]
M = TypeVar("M", EntityDetail, EntitySummary)
ALWAYS = frozenset({"entity_id", "state"})
MAX_STATES = 6  # a domain with more distinct states (sensors, numbers) is not worth counting


def select(model: M, state: dict[str, Any], fields: Sequence[str] | None) -> M:
    """The model with only the named top-level fields, and attributes only the named ones (read
    from every attribute of the state, not only the key ones of its domain)."""
    if not fields:
        return model
    wanted = set(fields)
    attrs = state.get("attributes", {})
    picked = {k: attrs[k] for k in fields if k in attrs and k not in HIDDEN_ATTRIBUTES}
    update: dict[str, Any] = {
        name: None
        for name in type(model).model_fields
        if name not in wanted | ALWAYS | {"attributes"}
    }
    update["attributes"] = picked if picked or isinstance(model, EntityDetail) else None
    return model.model_copy(update=update)


def _numeric(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def state_counts(states: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """domain -> state -> entities, for domains whose states are a few words (on/off, locked...):
    readings (numbers) and domains with many distinct states say nothing as counts."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for s in states:
        per[domain_of(s["entity_id"])][str(s.get("state"))] += 1
    return {
        d: dict(c.most_common())
        for d, c in sorted(per.items())
        if len(c) <= MAX_STATES and not any(_numeric(v) for v in c)
    }


def of_integration(records: Sequence[str], integration: str) -> list[str]:
    """Records logged by an integration (``homeassistant.components.X``, ``custom_components.X``)
    or about setting it up (``Setup failed for 'X'``)."""
    name = integration.strip().lower()
    logger = re.compile(
        rf"\[(?:homeassistant\.components|custom_components)\.{re.escape(name)}(?:[.\]])"
    )
    quoted = f"'{name}'"
    return [r for r in records if logger.search(r) or quoted in r.split("\n", 1)[0]]
