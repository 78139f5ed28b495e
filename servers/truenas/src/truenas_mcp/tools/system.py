"""System: info, alerts, available update, jobs; dismiss an alert."""

from __future__ import annotations

from typing import Annotated, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox
from truenas_mcp import models as m
from truenas_mcp import summaries as s
from truenas_mcp.tools import Deps

LEVELS = ["INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"]


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def system_info() -> m.SystemInfo:
        """TrueNAS version, model, CPU cores, memory, uptime and load."""
        nas = deps.nas()
        info = await nas.system_info()
        return s.system(info, nas.rpc.version)

    @box.read
    async def list_alerts(
        min_level: Annotated[
            Literal["INFO", "WARNING", "CRITICAL"], Field(description="Lowest level")
        ] = "INFO",
        include_dismissed: bool = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[m.Alert]:
        """Active alerts, most severe first."""
        rank = {level: i for i, level in enumerate(LEVELS)}
        alerts = [s.alert(a) for a in await deps.nas().alerts()]
        shown = [
            a
            for a in alerts
            if rank.get(a.level, 0) >= rank[min_level] and (include_dismissed or not a.dismissed)
        ]
        shown.sort(key=lambda a: (-rank.get(a.level, 0), a.since or ""))
        return paginate(shown, limit, offset)

    @box.read
    async def check_update() -> m.UpdateStatus:
        """Is a TrueNAS system update available (version and number of changes)."""
        nas = deps.nas()
        status = await nas.update_status()
        version = status.get("version")
        nested = status.get("status")
        if isinstance(nested, dict):  # update.status (25.10+): {"status": {"new_version": ...}}
            new = nested.get("new_version") or {}
            version = new.get("version") if isinstance(new, dict) else None
            state = "AVAILABLE" if version else "UNAVAILABLE"
        else:
            state = str(nested or "UNKNOWN")
        changes = status.get("changes")
        return m.UpdateStatus(
            current=nas.rpc.version,
            status=state,
            available_version=version if isinstance(version, str) else None,
            changes=len(changes) if isinstance(changes, list) else None,
        )

    @box.read
    async def list_jobs(
        state: Annotated[
            Literal["active", "failed", "all"],
            Field(description="failed: failed or aborted"),
        ] = "active",
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Page[m.Job]:
        """Jobs (scrubs, app updates, replications) with progress, newest first."""
        states = {
            "active": ["WAITING", "RUNNING"],
            "failed": ["FAILED", "ABORTED"],
            "all": ["WAITING", "RUNNING", "SUCCESS", "FAILED", "ABORTED"],
        }[state]
        jobs = [s.job(j) for j in await deps.nas().jobs(states)]
        return paginate(jobs, limit, offset)

    @box.write(idempotent=True)
    async def dismiss_alert(
        alert_id: Annotated[
            str, Field(pattern=r"^[A-Za-z0-9-]{1,64}$", description="id from list_alerts")
        ],
    ) -> m.WriteResult:
        """Dismiss an alert (it stays listed with include_dismissed)."""
        nas = deps.nas()
        known = {str(a.get("uuid") or a.get("id")): a for a in await nas.alerts()}
        if alert_id not in known:
            raise ToolError(f"No alert {alert_id}; list_alerts shows the ids.")
        await nas.dismiss_alert(alert_id)
        text = s.text(known[alert_id].get("formatted") or known[alert_id].get("text"), 120)
        return m.WriteResult(done=f"dismissed alert {alert_id}", details={"alert": text})
