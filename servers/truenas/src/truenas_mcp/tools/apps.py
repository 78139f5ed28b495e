"""Apps: list, start, stop (writes) and upgrade (destructive: preview + token)."""

from __future__ import annotations

from typing import Any

from fastmcp import Context
from fastmcp.exceptions import ToolError

from homelab_shared.toolbox import Toolbox
from truenas_mcp import models as m
from truenas_mcp import summaries as s
from truenas_mcp.client import TrueNASClient
from truenas_mcp.tools import AppName, Deps, reporter


def app_model(a: dict[str, Any]) -> m.App:
    return m.App(
        name=str(a.get("name") or a.get("id")),
        state=a.get("state"),
        version=a.get("human_version") or a.get("version"),
        update_available=bool(a.get("upgrade_available") or a.get("image_updates_available")),
    )


async def _app(nas: TrueNASClient, name: str) -> dict[str, Any]:
    found = await nas.app(name)
    if found is None:
        raise ToolError(f"No app {name}; list_apps shows them.")
    return found


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_apps() -> list[m.App]:
        """Installed apps: state, version, update available."""
        return [app_model(a) for a in await deps.nas().apps()]

    async def act(name: str, action: str, ctx: Context) -> m.WriteResult:
        nas = deps.nas()
        await _app(nas, name)
        job = await nas.app_action(action, name, reporter(ctx))
        after = app_model(await _app(nas, name))
        return m.WriteResult(
            done=f"{action} {name}: now {after.state}",
            job=s.job(job),
            details={"state": after.state},
        )

    @box.write(idempotent=True)
    async def start_app(name: AppName, ctx: Context) -> m.WriteResult:
        """Start an app and wait until it is up (progress is reported)."""
        return await act(name, "start", ctx)

    @box.write(idempotent=True)
    async def stop_app(name: AppName, ctx: Context) -> m.WriteResult:
        """Stop an app and wait until it is down (progress is reported)."""
        return await act(name, "stop", ctx)

    async def describe_upgrade(name: str) -> str:
        nas = deps.nas()
        app = app_model(await _app(nas, name))
        if not app.update_available:
            raise ToolError(f"{name} is up to date ({app.version}); there is nothing to upgrade.")
        target = "the latest version"
        try:
            summary = await nas.read("app.upgrade_summary", name)
            if isinstance(summary, dict):
                target = str(summary.get("latest_human_version") or summary.get("latest_version"))
        except ToolError:
            pass  # the summary is a nicety; the upgrade itself says what it did
        return (
            f"Upgrade app {name} from {app.version} to {target}. The app restarts; an upgrade can "
            "change its configuration format and is not undone by a downgrade."
        )

    @box.destructive(preview=describe_upgrade)
    async def upgrade_app(name: AppName, ctx: Context) -> m.WriteResult:
        """Upgrade an app to its latest version (progress is reported)."""
        await describe_upgrade(name)
        return await act(name, "upgrade", ctx)
