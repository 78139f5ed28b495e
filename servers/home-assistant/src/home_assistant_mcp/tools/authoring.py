"""Config authoring: read, check, save (write, or destructive when it could reach a lock, alarm,
door or restart) and delete (destructive) automations, scripts, scenes, helpers and groups."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from home_assistant_mcp.config_check import check
from home_assistant_mcp.config_edit import config_hash
from home_assistant_mcp.config_plan import commit, plan, stale
from home_assistant_mcp.config_reach import sensitivity
from home_assistant_mcp.config_store import ConfigStore, Kind
from home_assistant_mcp.models_config import ConfigCheck, ConfigItem, DeletedConfig, SavedConfig
from home_assistant_mcp.tools import Deps
from homelab_shared.errors import SafetyRefusal
from homelab_shared.toolbox import Toolbox

Ref = Annotated[str, Field(description="Entity id or config id")]
NewRef = Annotated[str | None, Field(description="Empty: create")]
Config = Annotated[dict[str, Any] | None, Field(description="Whole item")]
Changes = Annotated[
    dict[str, Any] | None, Field(description='Partial: {"triggers[0].to": "on"}; null deletes')
]
BaseHash = Annotated[str | None, Field(description="From get_config_item")]
SENSITIVE_TOOL = "save_sensitive_config_item"


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def get_config_item(kind: Kind, id: Ref) -> ConfigItem:
        """Read an automation, script, scene, helper or group config and its hash."""
        stored = await ConfigStore(deps.ha()).get(kind, id)
        return ConfigItem(
            kind=kind,
            id=stored.id,
            entity_id=stored.entity_id,
            hash=config_hash(stored.config),
            config=stored.config,
        )

    @box.read
    async def check_config_item(
        kind: Kind, config: Annotated[dict[str, Any], Field(description="The item to check")]
    ) -> ConfigCheck:
        """Find mistakes in a config before saving: unknown entities/actions, old syntax."""
        issues = await check(deps.ha(), kind, config)
        reason = await sensitivity(deps.ha(), kind, config, deps.policy, None)
        return ConfigCheck(
            ok=not any(i.severity == "error" for i in issues),
            issues=issues,
            needs_confirmation=reason,
        )

    @box.write()
    async def save_config_item(
        kind: Kind,
        id: NewRef = None,
        config: Config = None,
        changes: Changes = None,
        base_hash: BaseHash = None,
    ) -> SavedConfig:
        """Create or update a config (checked and validated first)."""
        saving = await plan(deps.ha(), deps.policy, kind, id, config, changes, base_hash)
        if saving.sensitive:
            raise SafetyRefusal(
                f"Not saved: {saving.sensitive}. Saving it needs a confirmation: call "
                f"{SENSITIVE_TOOL} with the same arguments (the operator enables it with "
                "HA_ALLOW_DESTRUCTIVE=true)."
            )
        return await commit(deps.ha(), saving)

    async def describe_save(
        kind: str,
        id: str | None = None,
        config: dict[str, Any] | None = None,
        changes: dict[str, Any] | None = None,
        base_hash: str | None = None,
    ) -> str:
        saving = await plan(deps.ha(), deps.policy, kind, id, config, changes, base_hash)
        return saving.describe()

    @box.destructive(preview=describe_save)
    async def save_sensitive_config_item(
        kind: Kind,
        id: NewRef = None,
        config: Config = None,
        changes: Changes = None,
        base_hash: BaseHash = None,
    ) -> SavedConfig:
        """save_config_item for configs that could unlock, disarm, open or restart."""
        saving = await plan(deps.ha(), deps.policy, kind, id, config, changes, base_hash)
        return await commit(deps.ha(), saving)

    async def describe_delete(kind: str, id: str, base_hash: str | None = None) -> str:
        stored = await ConfigStore(deps.ha()).get(kind, id)
        name = stored.config.get("alias") or stored.config.get("name") or stored.id
        used = await _used_by(deps, stored.entity_id)
        where = f" It is used by {', '.join(used)}." if used else ""
        return f"Delete {kind} {name!r} ({stored.entity_id or stored.id}).{where}"

    @box.destructive(preview=describe_delete)
    async def delete_config_item(kind: Kind, id: Ref, base_hash: BaseHash = None) -> DeletedConfig:
        """Delete an automation, script, scene, helper or group."""
        store = ConfigStore(deps.ha())
        stored = await store.get(kind, id)
        if base_hash is not None and base_hash != config_hash(stored.config):
            raise stale(kind, id, config_hash(stored.config))
        await store.delete(stored)
        await store.settled(kind, stored.id, gone=True)
        return DeletedConfig(kind=kind, id=stored.id, entity_id=stored.entity_id)


async def _used_by(deps: Deps, entity_id: str | None) -> list[str]:
    """Automations, scripts and scenes that reference the entity (search/related)."""
    if entity_id is None:
        return []
    related = await deps.ha().ws.command("search/related", item_type="entity", item_id=entity_id)
    found = [e for key in ("automation", "script", "scene") for e in (related or {}).get(key, [])]
    return [e for e in found if e != entity_id][:20]
