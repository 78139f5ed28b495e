"""Storage: pools, datasets, snapshots, disks, SMART, data protection tasks, shares."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from pydantic import Field

from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox
from truenas_mcp import models as m
from truenas_mcp import summaries as s
from truenas_mcp.tools import DatasetName, Deps


def _under(parent: str | None) -> list[Any]:
    if not parent:
        return []
    return [["OR", [["id", "=", parent], ["id", "^", f"{parent}/"]]]]


def protection(tasks: list[dict[str, Any]], replications: list[dict[str, Any]]):
    out: list[m.ProtectionTask] = []
    for t in tasks:
        state = s.sub(t, "state")
        out.append(
            m.ProtectionTask(
                kind="snapshot",
                name=f"{t.get('dataset')} ({t.get('naming_schema') or 'snapshot task'})",
                enabled=t.get("enabled"),
                state=state.get("state"),
                last_run=s.when(state.get("datetime")),
                error=s.text(state.get("error")),
            )
        )
    for r in replications:
        state = s.sub(r, "state")
        out.append(
            m.ProtectionTask(
                kind="replication",
                name=str(r.get("name")),
                enabled=r.get("enabled"),
                state=state.get("state"),
                last_run=s.when(state.get("datetime")),
                error=s.text(state.get("error")),
            )
        )
    return out


def snapshot_summaries(snaps: list[dict[str, Any]]) -> list[m.SnapshotSummary]:
    by_dataset: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for snap in snaps:
        name = str(snap.get("id") or snap.get("name") or "")
        by_dataset[str(snap.get("dataset") or name.split("@", 1)[0])].append(snap)
    out = []
    for dataset, items in sorted(by_dataset.items()):
        items.sort(key=s.snapshot_order)
        out.append(
            m.SnapshotSummary(
                dataset=dataset,
                count=len(items),
                oldest=s.snapshot(items[0]).created,
                newest=s.snapshot(items[-1]).created,
                space_used=s.human(sum(s.used_bytes(i) for i in items)),
            )
        )
    return out


def _last_test(test: dict[str, Any]) -> str | None:
    if not test:
        return None
    return s.text(f"{test.get('description')}: {test.get('status_verbose') or test.get('status')}")


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_pools() -> list[m.Pool]:
        """Pools: health, capacity, fragmentation, last scrub and its errors."""
        return [s.pool(p) for p in await deps.nas().pools()]

    @box.read
    async def list_datasets(
        parent: Annotated[
            DatasetName | None, Field(description="Only this dataset and its descendants")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[m.Dataset]:
        """Datasets and zvols as a tree (depth), with used / available / quota / compression."""
        rows = await deps.nas().datasets(_under(parent))
        return paginate([s.dataset(d) for d in rows], limit, offset)

    @box.read
    async def snapshot_summary(
        dataset: Annotated[
            DatasetName | None, Field(description="Only this dataset and its descendants")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[m.SnapshotSummary]:
        """Snapshots per dataset: how many, newest, oldest, space they hold."""
        filters = _under(dataset)
        if filters:
            filters = [["OR", [["dataset", "=", dataset], ["dataset", "^", f"{dataset}/"]]]]
        snaps = await deps.nas().snapshots(filters)
        return paginate(snapshot_summaries(snaps), limit, offset)

    @box.read
    async def list_snapshots(
        dataset: DatasetName, limit: Limit = 50, offset: Offset = 0
    ) -> Page[m.Snapshot]:
        """One dataset's snapshots, newest first (names for rollback or delete)."""
        snaps = await deps.nas().snapshots([["dataset", "=", dataset]])
        snaps.sort(key=s.snapshot_order, reverse=True)
        return paginate([s.snapshot(x) for x in snaps], limit, offset)

    @box.read
    async def list_disks() -> list[m.Disk]:
        """Disks: model, size, type, pool, temperature and the last SMART test result."""
        nas = deps.nas()
        disks = await nas.disks()
        temps = await nas.disk_temperatures()
        results = {r.get("disk"): r for r in await nas.smart_results(None)}
        out = []
        for d in disks:
            name = str(d.get("name") or d.get("devname"))
            tests = (results.get(name) or {}).get("tests") or []
            last = tests[0] if tests and isinstance(tests[0], dict) else {}
            temp = temps.get(name)
            out.append(
                m.Disk(
                    name=name,
                    model=s.text(d.get("model")),
                    serial=d.get("serial"),
                    size=s.human(d.get("size")),
                    type=d.get("type"),
                    pool=d.get("pool"),
                    temperature_c=float(temp) if isinstance(temp, int | float) else None,
                    last_smart_test=_last_test(last),
                )
            )
        return out

    @box.read
    async def smart_results(
        disk: Annotated[
            str | None, Field(pattern=r"^[a-z0-9]{2,16}$", description="e.g. sda; all disks")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[m.SmartTest]:
        """SMART self-test results per disk, newest first."""
        out = []
        for r in await deps.nas().smart_results(disk):
            for t in r.get("tests") or []:
                remaining = t.get("remaining")
                out.append(
                    m.SmartTest(
                        disk=str(r.get("disk")),
                        test=t.get("description"),
                        status=t.get("status_verbose") or t.get("status"),
                        lifetime_hours=t.get("lifetime"),
                        remaining_pct=float(remaining)
                        if isinstance(remaining, int | float)
                        else None,
                    )
                )
        return paginate(out, limit, offset)

    @box.read
    async def data_protection() -> list[m.ProtectionTask]:
        """Periodic snapshot and replication tasks: last run, state, errors."""
        nas = deps.nas()
        return protection(await nas.snapshot_tasks(), await nas.replications())

    @box.read
    async def list_shares() -> list[m.Share]:
        """SMB and NFS shares: name, path, enabled, read-only."""
        nas = deps.nas()
        out = [
            m.Share(
                kind="smb",
                name=str(x.get("name")),
                path=x.get("path"),
                enabled=x.get("enabled"),
                read_only=x.get("ro"),
            )
            for x in await nas.smb_shares()
        ]
        for x in await nas.nfs_shares():
            path = x.get("path") or ", ".join(x.get("paths") or [])
            out.append(
                m.Share(
                    kind="nfs",
                    name=str(x.get("comment") or path),
                    path=path,
                    enabled=x.get("enabled"),
                    read_only=x.get("ro"),
                )
            )
        return out
