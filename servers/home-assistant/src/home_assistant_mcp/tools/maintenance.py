"""Updates and backups. Installing an update is destructive (a new version can break the home;
the preview says from which version to which, with the release notes link), creating a backup is
a write, restoring one is destructive (it replaces the configuration and restarts)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.calls import Call, execute, prepare
from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.chains import started
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import domain_of
from home_assistant_mcp.models import ServiceResult
from home_assistant_mcp.models_system import Backup, BackupPage, BackupStarted, Update
from home_assistant_mcp.tools import Deps, EntityId
from homelab_shared.errors import SafetyRefusal, Unreachable, UpstreamError, UpstreamTimeout
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

INSTALL, SPECIFIC_VERSION, BACKUP = 1, 2, 8  # UpdateEntityFeature bits
SUPERVISOR_UPDATES = {
    "update.home_assistant_core_update": "core",
    "update.home_assistant_operating_system_update": "os",
    "update.home_assistant_supervisor_update": "supervisor",
}
BACKUP_WAIT = 60.0  # seconds create_backup waits for the backup before answering "in progress"
Version = Annotated[str | None, Field(description="Default: latest")]


def _kind(entity_id: str, attributes: dict[str, Any], platform: str | None) -> str:
    if entity_id in SUPERVISOR_UPDATES:
        return SUPERVISOR_UPDATES[entity_id]
    if platform == "hassio":
        return "add-on"
    if attributes.get("device_class") == "firmware":
        return "firmware"
    return "integration"


def _update(state: dict[str, Any], catalog: Catalog) -> Update:
    entity_id = state["entity_id"]
    a = state.get("attributes", {})
    features = a.get("supported_features") or 0
    return Update(
        entity_id=entity_id,
        name=a.get("friendly_name"),
        kind=_kind(entity_id, a, catalog.platform(entity_id)),
        installed=a.get("installed_version"),
        latest=a.get("latest_version"),
        available=state.get("state") == "on",
        skipped=a.get("skipped_version"),
        in_progress=bool(a.get("in_progress")) or None,
        installable=bool(features & INSTALL),
        release_url=a.get("release_url"),
        summary=(a.get("release_summary") or "")[:200] or None,
    )


def _backup(raw: dict[str, Any]) -> Backup:
    agents = raw.get("agents") or {}
    size = max((a.get("size") or 0 for a in agents.values()), default=0) or raw.get("size")
    return Backup(
        backup_id=raw["backup_id"],
        name=raw.get("name"),
        date=raw.get("date"),
        size_mb=round(size / 1_048_576, 2) if size else None,
        locations=sorted(agents),
        database=raw.get("database_included"),
        version=raw.get("homeassistant_version"),
        protected=any(a.get("protected") for a in agents.values()) or None,
        automatic=raw.get("with_automatic_settings") or None,
    )


async def _backup_info(ha: HAClient) -> dict[str, Any]:
    try:
        return await ha.ws.command("backup/info")
    except UpstreamError as err:
        raise ToolError(
            f"Backups are not available here ({err}): the backup integration is not loaded."
        ) from err


async def _find_backup(ha: HAClient, backup_id: str) -> Backup:
    for raw in (await _backup_info(ha)).get("backups", []):
        if raw.get("backup_id") == backup_id:
            return _backup(raw)
    raise ToolError(f"No backup {backup_id!r}; list_backups shows the backup ids.")


async def refuse_if_it_starts_automations(ha: HAClient, deps: Deps) -> None:
    """A backup changes the backup manager's sensors (idle -> create_backup -> idle), and an
    automation may trigger on them: judged like any write's automations (chains.py)."""
    sensors = [
        e["entity_id"] for e in await ha.entities(fresh=True) if e.get("platform") == "backup"
    ]
    risk = await started(ha, sensors, deps.policy)
    if risk is not None:
        raise SafetyRefusal(
            f"Not backed up: a backup {risk.reason}, which needs a confirmation. Use "
            "call_sensitive_service with domain backup and service create (it shows a preview "
            "and returns a confirm_token)."
        )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_updates(
        include_current: Annotated[
            bool, Field(description="Also those up to date or skipped")
        ] = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[Update]:
        """Updates offered for core, OS, add-ons, integrations and device firmware."""
        ha = deps.ha()
        states, catalog = await asyncio.gather(ha.states(), Catalog.load(ha))
        updates = [_update(s, catalog) for s in states if domain_of(s["entity_id"]) == "update"]
        updates = [u for u in updates if include_current or u.available]
        updates.sort(key=lambda u: (not u.available, u.kind, u.entity_id))
        return paginate(updates, limit, offset)

    async def install_call(
        entity_id: str, version: str | None, backup: bool
    ) -> tuple[Update, Call]:
        if domain_of(entity_id) != "update":
            raise ToolError(f"install_update takes an update.* entity, not {entity_id}.")
        ha = deps.ha()
        state = await ha.state(entity_id)
        update = _update(state, await Catalog.load(ha))
        features = state.get("attributes", {}).get("supported_features") or 0
        if not update.installable:
            raise ToolError(f"{entity_id} cannot be installed from Home Assistant.")
        if version and not features & SPECIFIC_VERSION:
            raise ToolError(f"{entity_id} installs only its latest version; leave version empty.")
        if backup and not features & BACKUP:
            raise ToolError(f"{entity_id} cannot make a backup first; set backup=false.")
        if not version and not update.available:
            raise ToolError(f"{entity_id} has no update available (installed {update.installed}).")
        data: dict[str, Any] = {"version": version} if version else {}
        if backup:
            data["backup"] = True
        call = await prepare(ha, "update", "install", entity_ids=[entity_id], data=data)
        return update, call

    async def describe_install(
        entity_id: str, version: str | None = None, backup: bool = False
    ) -> str:
        update, _ = await install_call(entity_id, version, backup)
        target = version or update.latest
        notes = f" Release notes: {update.release_url}." if update.release_url else ""
        summary = f" {update.summary}" if update.summary else ""
        first = " A backup is made first." if backup else " No backup is made first."
        return (
            f"Install {update.name or entity_id} ({entity_id}, {update.kind}): "
            f"{update.installed} -> {target}.{summary}{notes}{first} An update can change or "
            "break behaviour; it may restart the device or Home Assistant."
        )

    @box.destructive(preview=describe_install)
    async def install_update(
        entity_id: EntityId,
        version: Version = None,
        backup: Annotated[bool, Field(description="Back up first")] = False,
    ) -> ServiceResult:
        """Install an update (list_updates)."""
        _, call = await install_call(entity_id, version, backup)
        return await execute(deps.ha(), call, within=300.0)

    @box.read
    async def list_backups(limit: Limit = 20, offset: Offset = 0) -> BackupPage:
        """Backups (newest first) in every backup location, and the backup manager's state."""
        info = await _backup_info(deps.ha())
        backups = sorted(
            (_backup(b) for b in info.get("backups", [])), key=lambda b: b.date or "", reverse=True
        )
        page = paginate(backups, limit, offset)
        return BackupPage(
            **page.model_dump(),
            state=info.get("state", "?"),
            last_automatic=info.get("last_completed_automatic_backup"),
        )

    @box.write()
    async def create_backup(
        name: Annotated[str | None, Field(max_length=100, description="Default: dated")] = None,
        include_database: Annotated[bool, Field(description="Include history")] = True,
    ) -> BackupStarted:
        """Back up Home Assistant (config, and history unless excluded) to every backup
        location; waits up to a minute for it to finish."""
        ha = deps.ha()
        before = await _backup_info(ha)
        if before.get("state") != "idle":
            raise ToolError(f"The backup manager is busy ({before.get('state')}); try later.")
        await refuse_if_it_starts_automations(ha, deps)
        agents = [a["agent_id"] for a in (await ha.ws.command("backup/agents/info"))["agents"]]
        known = {b["backup_id"] for b in before.get("backups", [])}
        args: dict[str, Any] = {"agent_ids": agents, "include_database": include_database}
        if name:
            args["name"] = name
        job = await ha.ws.command("backup/generate", retry=False, **args)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + BACKUP_WAIT
        while True:  # Home Assistant has no "done" reply to wait on: poll its state
            info = await _backup_info(ha)
            new = [b for b in info.get("backups", []) if b["backup_id"] not in known]
            state = info.get("state", "?")
            if (new and state == "idle") or loop.time() > deadline:
                break
            await asyncio.sleep(0.5)
        message = None if new else f"Not finished after {int(BACKUP_WAIT)} s; see list_backups."
        if not new and state == "idle":
            message = "The backup failed; Home Assistant's log (get_error_log) says why."
        return BackupStarted(
            job_id=job.get("backup_job_id", "?"),
            backup=_backup(new[0]) if new else None,
            state=state,
            message=message,
        )

    async def describe_restore(backup_id: str, restore_database: bool = True) -> str:
        backup = await _find_backup(deps.ha(), backup_id)
        history = " and the history database" if restore_database else ""
        return (
            f"Restore backup {backup.name or backup_id} of {backup.date} (made on Home Assistant "
            f"{backup.version}, from {backup.locations[0] if backup.locations else '?'}): "
            f"replaces the configuration{history} with the backup's and restarts Home "
            "Assistant; everything changed since then is lost."
        )

    @box.destructive(preview=describe_restore)
    async def restore_backup(
        backup_id: Annotated[str, Field(description="From list_backups")],
        restore_database: Annotated[bool, Field(description="Also history")] = True,
    ) -> BackupStarted:
        """Restore a backup (replaces the configuration; restarts Home Assistant)."""
        ha = deps.ha()
        backup = await _find_backup(ha, backup_id)
        if not backup.locations:
            raise ToolError(f"Backup {backup_id} is in no location that can restore it.")
        # Home Assistant restarts to restore: the connection may drop, which is the success case.
        with contextlib.suppress(Unreachable, UpstreamTimeout):
            await ha.ws.command(
                "backup/restore",
                retry=False,
                backup_id=backup_id,
                agent_id=backup.locations[0],
                restore_database=restore_database,
                restore_homeassistant=True,
            )
        await ha.ws.drop()
        return BackupStarted(
            job_id=backup_id,
            backup=backup,
            state="restore_backup",
            message="Home Assistant restarts to restore the backup.",
        )
