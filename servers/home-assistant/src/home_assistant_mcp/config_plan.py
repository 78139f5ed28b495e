"""One save of a configuration, planned before anything is written: the stored item and its hash
checked (optimistic concurrency), the edit applied, the result checked for mistakes and judged for
what it could reach. The write tool and the confirmed (destructive) tool both run the same plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastmcp.exceptions import ToolError

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.config_check import check
from home_assistant_mcp.config_edit import Stored, apply_edits, changed_keys, config_hash
from home_assistant_mcp.config_reach import sensitivity
from home_assistant_mcp.config_store import FILE_KINDS, ConfigStore, slug
from home_assistant_mcp.models_config import Issue, SavedConfig
from home_assistant_mcp.safety import Policy


@dataclass
class Plan:
    kind: str
    item_id: str | None  # None: Home Assistant assigns it (new helper or group)
    stored: Stored | None
    config: dict[str, Any]
    warnings: list[Issue]
    sensitive: str | None

    def describe(self) -> str:
        name = self.config.get("alias") or self.config.get("name") or self.item_id or "new"
        if self.stored is None:
            what = f"Create {self.kind} {name!r}"
        else:
            keys = ", ".join(changed_keys(self.stored.config, self.config)) or "nothing"
            what = f"Update {self.kind} {name!r} ({self.stored.entity_id or self.item_id}): {keys}"
        why = f" It is destructive: {self.sensitive}." if self.sensitive else ""
        return f"{what}.{why}"


def stale(kind: str, ref: str, now: str) -> ToolError:
    return ToolError(
        f"Not saved: {kind} {ref} changed since it was read (its hash is now {now}). Read it "
        "again with get_config_item, re-apply the change, and pass the new hash as base_hash."
    )


async def plan(
    ha: HAClient,
    policy: Policy,
    kind: str,
    ref: str | None,
    config: dict[str, Any] | None,
    changes: dict[str, Any] | None,
    base_hash: str | None,
) -> Plan:
    if (config is None) == (changes is None):
        raise ToolError("Pass either config (the whole item) or changes (path: value), not both.")
    store = ConfigStore(ha)
    stored = await store.find(kind, ref) if ref else None
    if stored is not None:
        now = config_hash(stored.config)
        if base_hash is None:
            raise ToolError(
                f"{kind} {ref} exists: pass base_hash (the hash get_config_item returned), so a "
                "change made meanwhile is not overwritten."
            )
        if base_hash != now:
            raise stale(kind, ref or "", now)
        new = apply_edits(stored.config, changes) if changes is not None else dict(config or {})
        item_id: str | None = stored.id
    else:
        if base_hash is not None:
            raise ToolError(f"Not saved: {kind} {ref} was deleted since it was read.")
        if changes is not None:
            raise ToolError(f"There is no {kind} {ref!r} to change; pass config to create one.")
        new = dict(config or {})
        if kind in FILE_KINDS:
            # a new item keeps the id asked for (script.x -> x: its entity id), else one is made
            item_id = ref.split(".", 1)[-1] if ref else await store.new_id(kind, new)
        elif ref:
            raise ToolError(f"No {kind} {ref!r}; to create one, leave id empty.")
        else:
            item_id = None
    issues = await check(ha, kind, new)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        listed = "; ".join(f"{i.path}: {i.problem}" for i in errors[:10])
        raise ToolError(f"Not saved, fix these first: {listed}.")
    entity_id = stored.entity_id if stored else None
    if entity_id is None and kind not in FILE_KINDS and new.get("name"):
        entity_id = f"{new.get('group_type', kind)}.{slug(str(new['name']))}"
    reason = await sensitivity(ha, kind, new, policy, entity_id)
    return Plan(kind, item_id, stored, new, issues, reason)


async def commit(ha: HAClient, plan: Plan) -> SavedConfig:
    store = ConfigStore(ha)
    item_id = await store.save(plan.kind, plan.item_id, plan.config)
    entity_id = await store.settled(plan.kind, item_id)
    saved = await store.find(plan.kind, item_id)
    return SavedConfig(
        kind=plan.kind,
        id=item_id,
        entity_id=entity_id,
        created=plan.stored is None,
        hash=config_hash(saved.config) if saved else "",
        warnings=plan.warnings or None,
    )
