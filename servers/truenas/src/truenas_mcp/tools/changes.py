"""Storage changes. Writes: snapshot, dataset, scrub, SMART test. Destructive (preview + token):
roll back to a snapshot, delete a snapshot, delete a dataset."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastmcp import Context
from fastmcp.exceptions import ToolError
from pydantic import Field

from homelab_shared.errors import SafetyRefusal
from homelab_shared.toolbox import Toolbox
from truenas_mcp import models as m
from truenas_mcp import summaries as s
from truenas_mcp.client import TrueNASClient
from truenas_mcp.tools import (
    DatasetName,
    Deps,
    PoolName,
    SnapshotLabel,
    SnapshotName,
    reporter,
)


async def _dataset(nas: TrueNASClient, name: str) -> dict[str, Any]:
    found = await nas.dataset(name)
    if found is None:
        raise ToolError(f"No dataset {name}; list_datasets shows them.")
    return found


async def _snapshot_context(nas: TrueNASClient, snapshot: str):
    """The snapshot, and the dataset's snapshots newer than it (oldest first)."""
    dataset = snapshot.split("@", 1)[0]
    snaps = await nas.snapshots([["dataset", "=", dataset]])
    snaps.sort(key=s.snapshot_order)
    names = [str(x.get("id") or x.get("name")) for x in snaps]
    if snapshot not in names:
        raise ToolError(f"No snapshot {snapshot}; list_snapshots('{dataset}') shows them.")
    index = names.index(snapshot)
    return snaps[index], snaps[index + 1 :]


async def _children(nas: TrueNASClient, dataset: str) -> list[str]:
    rows = await nas.datasets([["id", "^", f"{dataset}/"]])
    return [str(r.get("id") or r.get("name")) for r in rows]


def register(box: Toolbox, deps: Deps) -> None:
    @box.write()
    async def create_snapshot(
        dataset: DatasetName,
        name: SnapshotLabel | None = None,
        recursive: bool = False,
    ) -> m.WriteResult:
        """Take a snapshot of a dataset now (recursive: its child datasets too)."""
        nas = deps.nas()
        await _dataset(nas, dataset)
        label = name or datetime.now(UTC).strftime("manual-%Y-%m-%d_%H-%M-%S")
        created = await nas.create_snapshot(dataset, label, recursive)
        snap = s.snapshot(created) if isinstance(created, dict) else None
        return m.WriteResult(
            done=f"created snapshot {dataset}@{label}" + (" (recursive)" if recursive else ""),
            details={"created": snap.created if snap else None},
        )

    @box.write()
    async def create_dataset(
        name: DatasetName,
        compression: Annotated[
            Literal["LZ4", "ZSTD", "GZIP", "OFF"] | None,
            Field(description="Default: inherited from the parent"),
        ] = None,
        # TrueNAS refuses a quota under 1 GiB (other than 0)
        quota_gib: Annotated[float | None, Field(ge=1, description="Quota in GiB")] = None,
    ) -> m.WriteResult:
        """Create a filesystem dataset under an existing parent."""
        nas = deps.nas()
        parent, sep, _ = name.rpartition("/")
        if not sep:
            raise ToolError("A dataset name needs its pool and parent, e.g. tank/media/new.")
        await _dataset(nas, parent)
        if await nas.dataset(name) is not None:
            raise ToolError(f"{name} exists already.")
        data: dict[str, Any] = {"name": name, "type": "FILESYSTEM"}
        if compression:
            data["compression"] = compression
        if quota_gib:
            data["quota"] = int(quota_gib * 1024**3)
        created = await nas.create_dataset(data)
        ds = s.dataset(created) if isinstance(created, dict) else None
        return m.WriteResult(
            done=f"created dataset {name}",
            details={"available": ds.available if ds else None, "quota": ds.quota if ds else None},
        )

    @box.write()
    async def start_scrub(
        pool: PoolName,
        ctx: Context,
        wait_seconds: Annotated[
            float, Field(ge=0, le=600, description="Follow the scrub's progress this long")
        ] = 10,
    ) -> m.WriteResult:
        """Start a scrub of a pool; progress is reported while it is followed (it runs on for
        hours: list_pools or list_jobs show it later)."""
        nas = deps.nas()
        found = await nas.pool(pool)
        if found is None:
            raise ToolError(f"No pool {pool}; list_pools shows them.")
        job = await nas.start_scrub(str(found["name"]), reporter(ctx), wait_seconds)
        summary = s.job(job)
        done = "scrub finished" if summary.state == "SUCCESS" else "scrub started"
        return m.WriteResult(done=f"{done} on {pool}", job=summary)

    @box.write()
    async def run_smart_test(
        disks: Annotated[
            list[Annotated[str, Field(pattern=r"^[a-z0-9]{2,16}$")]],
            Field(min_length=1, max_length=32, description="Disk names from list_disks"),
        ],
        kind: Literal["SHORT", "LONG", "CONVEYANCE"] = "SHORT",
    ) -> m.WriteResult:
        """Start a SMART self-test on disks (results later in smart_results)."""
        nas = deps.nas()
        by_name = {str(d.get("name")): d for d in await nas.disks()}
        unknown = [d for d in disks if d not in by_name]
        if unknown:
            raise ToolError(f"No disk {', '.join(unknown)}; list_disks shows them.")
        ids = [str(by_name[d].get("identifier") or d) for d in disks]
        rows = await nas.smart_test(ids, kind)
        failed = {str(r.get("disk")): s.text(r.get("error"), 200) for r in rows if r.get("error")}
        started = [d for d in disks if d not in failed]
        if not started:
            reasons = "; ".join(f"{d}: {e}" for d, e in failed.items())
            raise ToolError(f"No SMART test started ({reasons}).")
        done = f"{kind} SMART test started on {', '.join(started)}"
        if failed:
            done += f"; not on {', '.join(failed)}"
        return m.WriteResult(done=done, details=dict(failed))  # disk -> why it was refused

    # --- destructive --------------------------------------------------------------------------

    async def describe_rollback(snapshot: str, destroy_newer: bool = False) -> str:
        target, newer = await _snapshot_context(deps.nas(), snapshot)
        created = s.snapshot(target).created or "an unknown time"
        dataset = snapshot.split("@", 1)[0]
        text = (
            f"Roll {dataset} back to {snapshot} (taken {created}): every change to {dataset} "
            "since then is lost."
        )
        if newer:
            names = ", ".join(str(x.get("id") or x.get("name")) for x in newer[:20])
            more = f" and {len(newer) - 20} more" if len(newer) > 20 else ""
            if not destroy_newer:
                raise SafetyRefusal(
                    f"{len(newer)} newer snapshot(s) exist ({names}{more}); a rollback destroys "
                    "them. Repeat with destroy_newer=true to see the preview."
                )
            text += f" It also destroys {len(newer)} newer snapshot(s): {names}{more}."
        return text

    @box.destructive(preview=describe_rollback)
    async def rollback_snapshot(
        snapshot: SnapshotName,
        destroy_newer: Annotated[bool, Field(description="Destroy newer snapshots")] = False,
    ) -> m.WriteResult:
        """Roll a dataset back to a snapshot."""
        await describe_rollback(snapshot, destroy_newer)  # state may have changed since preview
        await deps.nas().rollback(snapshot, recursive=destroy_newer)
        return m.WriteResult(done=f"rolled back to {snapshot}")

    async def describe_delete_snapshot(snapshot: str) -> str:
        target, _ = await _snapshot_context(deps.nas(), snapshot)
        info = s.snapshot(target)
        return (
            f"Delete snapshot {snapshot} (taken {info.created or 'unknown'}); frees about "
            f"{info.used or '0 B'} (space only it holds)."
        )

    @box.destructive(preview=describe_delete_snapshot)
    async def delete_snapshot(snapshot: SnapshotName) -> m.WriteResult:
        """Delete one snapshot."""
        nas = deps.nas()
        await _snapshot_context(nas, snapshot)
        await nas.delete_snapshot(snapshot)
        return m.WriteResult(done=f"deleted snapshot {snapshot}")

    async def describe_delete_dataset(dataset: str, recursive: bool = False) -> str:
        nas = deps.nas()
        if "/" not in dataset:
            raise SafetyRefusal(
                f"{dataset} is a pool's root dataset; this tool does not delete pools."
            )
        info = s.dataset(await _dataset(nas, dataset))
        children = await _children(nas, dataset)
        if children and not recursive:
            raise SafetyRefusal(
                f"{dataset} has {len(children)} child dataset(s) ({', '.join(children[:10])}); "
                "repeat with recursive=true to delete them too."
            )
        snaps = await nas.snapshots(
            [["OR", [["dataset", "=", dataset], ["dataset", "^", f"{dataset}/"]]]]
        )
        text = (
            f"Delete dataset {dataset} and all its data: frees about {info.used or 'unknown'}, "
            f"with {len(snaps)} snapshot(s)."
        )
        if children:
            text += f" Also deletes {len(children)} child dataset(s): {', '.join(children[:20])}."
        return text

    @box.destructive(preview=describe_delete_dataset)
    async def delete_dataset(
        dataset: DatasetName,
        recursive: Annotated[bool, Field(description="Also delete child datasets")] = False,
    ) -> m.WriteResult:
        """Delete a dataset and its snapshots."""
        await describe_delete_dataset(dataset, recursive)
        await deps.nas().delete_dataset(dataset, recursive)
        return m.WriteResult(
            done=f"deleted dataset {dataset}" + (" recursively" if recursive else "")
        )
