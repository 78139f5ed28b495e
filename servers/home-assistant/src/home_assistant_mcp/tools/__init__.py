"""Tool groups. Each module has ``register(box, deps)`` and stays short."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import AfterValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import SearchIndexes
from home_assistant_mcp.previews import Previews
from home_assistant_mcp.safety import Policy
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.tasmota_client import TasmotaClient
from homelab_shared.toolbox import ClientHolder


class Upstreams:
    """The server's two upstreams, made and closed together by the lifespan."""

    def __init__(self, ha: HAClient, tasmota: TasmotaClient, *, owns_ha: bool = True) -> None:
        self.ha = ha
        self.tasmota = tasmota
        self._owns_ha = owns_ha

    async def aclose(self) -> None:
        await self.tasmota.aclose()
        if self._owns_ha:
            await self.ha.aclose()


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: HASettings
    previews: Previews = field(default_factory=Previews)
    # The search index lives here, not in the search tool, so the start-up warm-up builds it.
    indexes: SearchIndexes = field(default_factory=SearchIndexes)

    def ha(self) -> HAClient:
        return self.holder.get().ha

    def tasmota(self) -> TasmotaClient:
        return self.holder.get().tasmota

    @property
    def policy(self) -> Policy:
        return Policy(
            sensitive=tuple(self.settings.service_entries),
            safe=tuple(self.settings.safe_services),
        )


ENTITY_ID = r"^[a-z0-9_]+\.[a-z0-9_]+$"  # also enforced in targets.py and the client
_ENTITY_ID = re.compile(ENTITY_ID)
_SLUG = re.compile(r"^[a-z0-9_]+$")


def strict_id(value: str) -> str:
    """After names are resolved (names.py) every value must be an entity id, unchanged."""
    if not _ENTITY_ID.fullmatch(value):
        raise ValueError(f"{value!r} is not an entity id (domain.object_id, lower case)")
    return value


def slug(value: str) -> str:
    """A domain, service or area id: it goes into URLs and service calls as is."""
    if not _SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not an id (lower case letters, digits and _)")
    return value


# Formats are checked by validators, not JSON Schema ``pattern``s: a pattern costs ~10 tokens
# per parameter in every tools/list, the descriptions' examples show the form, and a wrong value
# is still refused with a message that names it.
Slug = Annotated[str, AfterValidator(slug)]


def one_or_many(value: Any) -> Any:
    """Models often send one id where a list is expected: a string becomes a one-item list."""
    return [value] if isinstance(value, str) else value


@dataclass(frozen=True)
class IdList:
    """Metadata for a list of entity ids (or names) that also takes one string.

    ``Annotated[list[IdItem], IdList(50, "...")]``: a string becomes a one-item list, the length
    is checked, and the published schema says both forms are accepted.
    """

    max_items: int
    description: str

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        inner = handler(source)
        if inner["type"] == "list":
            inner["min_length"] = 1
            inner["max_length"] = self.max_items
        return core_schema.no_info_before_validator_function(one_or_many, inner)

    def __get_pydantic_json_schema__(
        self, _schema: core_schema.CoreSchema, _handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "type": ["array", "string"],
            "items": {"type": "string"},
            "minItems": 1,
            "maxItems": self.max_items,
            "description": self.description,
        }


IdItem = Annotated[str, AfterValidator(strict_id)]
EntityId = Annotated[
    str,
    AfterValidator(strict_id),
    Field(description="light.kitchen or exact name"),
]
EntityIds = Annotated[list[IdItem], IdList(50, "Entity ids or exact names, e.g. ['light.kitchen']")]
Query = Annotated[str | None, Field(description="Name or id words; typos ok")]
Since = Annotated[str, Field(description="ISO (UTC default), -24h, -7d")]
Until = Annotated[str | None, Field(description="Default now")]
