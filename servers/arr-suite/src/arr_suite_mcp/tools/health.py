"""``health``: every configured instance in one call (version, checks, disks, indexers, SABnzbd)."""

from __future__ import annotations

import asyncio

from arr_suite_mcp.client import ArrClient
from arr_suite_mcp.convert import gb
from arr_suite_mcp.models import Check, Disk, HealthReport, InstanceHealth
from arr_suite_mcp.sabconvert import warning_text
from arr_suite_mcp.sabnzbd import SabnzbdClient
from arr_suite_mcp.text import MESSAGE_CAP, clean
from arr_suite_mcp.tools import Deps
from homelab_shared.errors import UpstreamError
from homelab_shared.toolbox import Toolbox

GB = 1024**3
# A download folder with less room than this cannot take one more large download (a 1080p
# season, a 4K movie): say so before SABnzbd stops. Absolute, not a share: 3 % of a 4 TB disk is
# plenty, 3 % of a 64 GB one is not.
LOW_DISK_GB = 10.0


def low_disk(disk: Disk) -> bool:
    return disk.free_gb < LOW_DISK_GB


async def arr_health(client: ArrClient) -> InstanceHealth:
    status, checks = await asyncio.gather(client.system_status(), client.health())
    disks: list[Disk] | None = None
    failing: list[str] | None = None
    if client.app == "prowlarr":
        indexers, states = await asyncio.gather(client.indexers(), client.indexer_status())
        names = {i.get("id"): clean(i.get("name")) or str(i.get("id")) for i in indexers}
        failing = [str(names.get(s.get("indexerId"), s.get("indexerId"))) for s in states]
    else:
        disks = [
            Disk(
                path=clean(d.get("path")),
                free_gb=gb(d.get("freeSpace")),
                total_gb=gb(d.get("totalSpace")),
            )
            for d in await client.diskspace()
        ]
    found = [
        Check(
            level=clean(c.get("type")),
            source=clean(c.get("source")),
            message=clean(c.get("message"), MESSAGE_CAP),
        )
        for c in checks
    ]
    bad = any((c.level or "").lower() == "error" for c in found) or bool(failing)
    return InstanceHealth(
        app=client.app,
        instance=client.instance.name,
        ok=not bad,
        version=clean(status.get("version")),
        checks=found or None,
        disks=disks,
        failing_indexers=failing or None,
    )


async def sab_health(client: SabnzbdClient) -> InstanceHealth:
    queue, warnings = await asyncio.gather(client.queue(1), client.warnings())
    texts = [t for t in (warning_text(w) for w in warnings[:10]) if t]
    disks = [
        Disk(
            path=label,
            free_gb=round(float(queue.get(free) or 0), 2),
            total_gb=round(float(queue.get(total) or 0), 2) or None,
        )
        for label, free, total in (
            ("incomplete", "diskspace1", "diskspacetotal1"),
            ("complete", "diskspace2", "diskspacetotal2"),
        )
        if queue.get(free) is not None
    ]
    paused = bool(queue.get("paused"))
    checks = [Check(level="warning", message=t) for t in texts]
    if paused:
        checks.append(Check(level="warning", source="queue", message="downloads are paused"))
    checks += [
        Check(level="error", source="disk", message=f"{d.path} folder: {d.free_gb} GB free")
        for d in disks
        if low_disk(d)
    ]
    return InstanceHealth(
        app="sabnzbd",
        instance=client.instance.name,
        # Anything SABnzbd warns about, a paused queue or a nearly full disk stops downloads.
        ok=not checks,
        version=clean(queue.get("version")),
        checks=checks or None,
        disks=disks or None,
        paused=paused,
        speed=f"{float(queue.get('kbpersec') or 0) / 1024:.1f} MB/s",
        speed_limit=clean(queue.get("speedlimit")) or None,
    )


async def instance_health(client: ArrClient | SabnzbdClient) -> InstanceHealth:
    try:
        if isinstance(client, SabnzbdClient):
            return await sab_health(client)
        return await arr_health(client)
    except UpstreamError as err:  # one broken instance must not hide the others
        return InstanceHealth(
            app=client.instance.app, instance=client.instance.name, ok=False, error=str(err)
        )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def health() -> HealthReport:
        """Each instance's version, checks, disks, failing indexers, SABnzbd (untrusted text)."""
        found = await asyncio.gather(*(instance_health(c) for c in deps.up.every()))
        return HealthReport(
            ok=all(h.ok for h in found),
            instances=list(found),
            not_configured=deps.settings.unconfigured_parts(),
        )
