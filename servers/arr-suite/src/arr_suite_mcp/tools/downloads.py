"""Downloads: one queue over every Sonarr, Radarr and SABnzbd; SABnzbd control; removals."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from arr_suite_mcp import convert, sabconvert
from arr_suite_mcp.client import ArrClient
from arr_suite_mcp.models import Changed, HistoryEntry, Merged, QueueEntry
from arr_suite_mcp.sabnzbd import NZO_ID, SabnzbdClient
from arr_suite_mcp.text import clean
from arr_suite_mcp.tools import Deps, InstanceName, LibraryApp, merge_instances, page_of
from arr_suite_mcp.urls import check_download_url
from homelab_shared.output import Limit, Offset, Page
from homelab_shared.toolbox import Toolbox

QUEUE_FETCH = 200  # per instance; a homelab queue longer than this is itself the problem
NzoId = Annotated[str, Field(pattern=NZO_ID, description="SABnzbd job id (SABnzbd_nzo_...)")]
OptionalNzoId = Annotated[str | None, Field(pattern=NZO_ID, description="One job; omit for all")]
QueueId = Annotated[int, Field(ge=1, description="Queue item id (queue)")]
Url = Annotated[
    str, Field(pattern=r"^https?://[^\s]{1,2000}$", description="http(s) URL of an NZB")
]


async def _instance_queue(client: ArrClient | SabnzbdClient) -> list[QueueEntry]:
    name = client.instance.name
    if isinstance(client, SabnzbdClient):
        queue = await client.queue(QUEUE_FETCH)
        paused = bool(queue.get("paused"))
        return [
            sabconvert.queue_entry(name, s, paused)
            for s in queue.get("slots") or []
            if isinstance(s, dict)
        ]
    records, _ = await client.queue(QUEUE_FETCH)
    return [convert.queue_entry(client.app, name, r) for r in records]


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def queue(
        app: Annotated[Literal["sonarr", "radarr", "sabnzbd"] | None, Field()] = None,
        problems_only: Annotated[bool, Field(description="Only stuck items")] = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Merged[QueueEntry]:
        """Downloads and imports in progress on every instance, with errors (untrusted text)."""
        apps = [app] if app else ["sonarr", "radarr", "sabnzbd"]
        clients = [c for a in apps for c in deps.up.of(a)]  # type: ignore[arg-type]

        def stuck(e: QueueEntry) -> bool:
            return not problems_only or bool(e.error or (e.state or "").lower() in _BAD)

        return await merge_instances(clients, _instance_queue, limit, offset, keep=stuck)

    @box.read
    async def download_history(
        instance: InstanceName = None, limit: Limit = 25, offset: Offset = 0
    ) -> Page[HistoryEntry]:
        """Finished and failed SABnzbd jobs, newest first, with why (untrusted text)."""
        history = await deps.up.sab(instance).history(limit, offset)
        slots = [s for s in history.get("slots") or [] if isinstance(s, dict)]
        rows = [sabconvert.history_entry(s) for s in slots]
        return page_of(rows, _count(history.get("noofslots"), offset + len(rows)), limit, offset)

    @box.write(idempotent=True)
    async def pause_downloads(
        nzo_id: OptionalNzoId = None, instance: InstanceName = None
    ) -> Changed:
        """Pause SABnzbd (everything, or one job)."""
        client = deps.up.sab(instance, write=True)
        await client.pause(nzo_id)
        return _changed(client, f"paused {nzo_id or 'all downloads'}")

    @box.write(idempotent=True)
    async def resume_downloads(
        nzo_id: OptionalNzoId = None, instance: InstanceName = None
    ) -> Changed:
        """Resume SABnzbd (everything, or one job)."""
        client = deps.up.sab(instance, write=True)
        await client.resume(nzo_id)
        return _changed(client, f"resumed {nzo_id or 'all downloads'}")

    @box.write(idempotent=True)
    async def set_speed_limit(
        limit: Annotated[
            str,
            Field(
                pattern=r"^(100|[1-9]?[0-9])$|^[0-9]{1,6}(\.[0-9]{1,2})?[KM]$",
                description="Percent (0 = none) or 5M / 800K",
            ),
        ],
        instance: InstanceName = None,
    ) -> Changed:
        """Limit SABnzbd's download speed."""
        client = deps.up.sab(instance, write=True)
        await client.speed_limit(limit)
        return _changed(client, f"speed limit set to {limit}")

    @box.write()
    async def add_download_url(
        url: Url,
        name: Annotated[str | None, Field(pattern=r"^[^\x00-\x1f]{0,200}$")] = None,
        category: Annotated[str | None, Field(pattern=r"^[\w .-]{0,64}$")] = None,
        instance: InstanceName = None,
    ) -> Changed:
        """Give SABnzbd an NZB by URL (public hosts, or ARR_DOWNLOAD_URL_HOSTS)."""
        client = deps.up.sab(instance, write=True)
        await check_download_url(url, deps.settings.download_url_hosts)
        data = await client.add_url(url, name, category)
        ids = [str(i) for i in data.get("nzo_ids") or []]
        return _changed(client, "added", ids)

    @box.write()
    async def retry_download(nzo_id: NzoId, instance: InstanceName = None) -> Changed:
        """Retry a failed SABnzbd job (from download_history)."""
        client = deps.up.sab(instance, write=True)
        await client.retry(nzo_id)
        return _changed(client, f"retrying {nzo_id}", [nzo_id])

    async def preview_remove(
        app: Literal["sonarr", "radarr"],
        id: int,
        blocklist: bool = False,
        remove_from_client: bool = True,
        instance: str | None = None,
    ) -> str:
        client = deps.up.arr(app, instance, write=True)
        records, _ = await client.queue(QUEUE_FETCH)
        match = next((r for r in records if r.get("id") == id), None)
        if match is None:
            label = client.instance.label
            return f"Queue item {id} is not in {label}'s queue; nothing would be removed."
        entry = convert.queue_entry(app, client.instance.name, match)
        text = (
            f"Remove {entry.title!r} ({entry.size_gb} GB, {entry.progress}% done) from "
            f"{client.instance.label}'s queue."
        )
        text += (
            " The download client also deletes the download."
            if remove_from_client
            else " The download client keeps it."
        )
        if blocklist:
            text += " The release is blocklisted, so it is not grabbed again."
        return text

    @box.destructive(preview=preview_remove)
    async def remove_queue_item(
        app: LibraryApp,
        id: QueueId,
        blocklist: Annotated[bool, Field(description="Never grab this release again")] = False,
        remove_from_client: Annotated[bool, Field(description="Delete in the client too")] = True,
        instance: InstanceName = None,
    ) -> Changed:
        """Remove (and optionally blocklist) a stuck Sonarr/Radarr queue item."""
        client = deps.up.arr(app, instance, write=True)
        await client.remove_queue_item(
            id, remove_from_client=remove_from_client, blocklist=blocklist
        )
        detail = f"queue item {id} removed" + (" and blocklisted" if blocklist else "")
        return Changed(app=app, instance=client.instance.name, ok=True, detail=detail)

    async def preview_delete(
        nzo_id: str,
        where: Literal["queue", "history"] = "queue",
        delete_files: bool = False,
        instance: str | None = None,
    ) -> str:
        client = deps.up.sab(instance, write=True)
        label = client.instance.label
        if where == "queue":
            slots = (await client.queue()).get("slots") or []
            name_key, size = "filename", lambda s: f"{float(s.get('mb') or 0) / 1024:.2f} GB"
        else:
            slots = (await client.history(500)).get("slots") or []
            name_key, size = "name", lambda s: f"{float(s.get('bytes') or 0) / 1024**3:.2f} GB"
        slot = next((s for s in slots if isinstance(s, dict) and s.get("nzo_id") == nzo_id), None)
        if slot is None:
            return f"Job {nzo_id} is not in {label}'s {where}; nothing would be deleted."
        name = clean(slot.get(name_key))
        text = f"Delete job {name!r} ({size(slot)}) from {label}'s {where}."
        return text + (
            " ALSO DELETES its downloaded files." if delete_files else " Files are kept."
        )

    @box.destructive(preview=preview_delete)
    async def delete_download(
        nzo_id: NzoId,
        where: Annotated[Literal["queue", "history"], Field()] = "queue",
        delete_files: Annotated[bool, Field(description="Delete files too")] = False,
        instance: InstanceName = None,
    ) -> Changed:
        """Delete a SABnzbd job from the queue or history."""
        client = deps.up.sab(instance, write=True)
        await client.delete(nzo_id, where, delete_files)
        return _changed(client, f"deleted {nzo_id} from the {where}", [nzo_id])


def _count(value: object, at_least: int) -> int:
    """SABnzbd's ``noofslots`` (an int, a string in some versions); never below what was seen."""
    try:
        return max(int(str(value)), at_least)
    except ValueError:
        return at_least


_BAD = {"failed", "failedpending", "importblocked", "warning", "paused"}


def _changed(client: SabnzbdClient, detail: str, ids: list[str] | None = None) -> Changed:
    return Changed(app="sabnzbd", instance=client.instance.name, ok=True, detail=detail, ids=ids)
