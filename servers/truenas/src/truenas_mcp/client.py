"""Typed TrueNAS client: the methods the tools use, over one JSON-RPC socket. No MCP here.

Reads are retried once on a fresh connection if the socket drops; writes are not (a create that
reached TrueNAS before the drop must not run twice).
"""

from __future__ import annotations

from typing import Any

from homelab_shared.errors import BadRequest
from truenas_mcp.rpc import Progress, TrueNASSocket, socket_options
from truenas_mcp.settings import TrueNASSettings

Rows = list[dict[str, Any]]
DATASET_PROPERTIES = [
    "used",
    "available",
    "quota",
    "refquota",
    "compression",
    "compressratio",
    "mountpoint",
    "encryption",
]


class TrueNASClient:
    def __init__(self, settings: TrueNASSettings, *, socket: TrueNASSocket | None = None) -> None:
        self.settings = settings
        options = socket_options(
            settings.url,
            verify_ssl=settings.verify_ssl,
            ca_bundle=str(settings.ca_bundle) if settings.ca_bundle else None,
            request_timeout=settings.timeout,
        )
        self.rpc = socket or TrueNASSocket(
            options, settings.api_key.get_secret_value(), username=settings.username
        )
        self.job_timeout = settings.job_timeout

    async def aclose(self) -> None:
        await self.rpc.aclose()

    async def read(self, method: str, *params: Any) -> Any:
        return await self.rpc.call(method, *params, retry=True)

    async def rows(self, method: str, *params: Any) -> Rows:
        result = await self.read(method, *params)
        return [r for r in result if isinstance(r, dict)] if isinstance(result, list) else []

    # --- system -------------------------------------------------------------------------------

    async def system_info(self) -> dict[str, Any]:
        return await self.read("system.info")

    async def alerts(self) -> Rows:
        return await self.rows("alert.list")

    async def update_status(self) -> dict[str, Any]:
        """``update.check_available`` (25.04); ``update.status`` where it replaced it (25.10+)."""
        try:
            return await self.read("update.check_available")
        except BadRequest as err:
            if "not a method" not in str(err):
                raise
        status = await self.read("update.status")
        return status if isinstance(status, dict) else {}

    async def jobs(self, states: list[str]) -> Rows:
        return await self.rows("core.get_jobs", [["state", "in", states]], {"order_by": ["-id"]})

    # --- storage ------------------------------------------------------------------------------

    async def pools(self) -> Rows:
        return await self.rows("pool.query")

    async def pool(self, name: str) -> dict[str, Any] | None:
        found = await self.rows("pool.query", [["name", "=", name]])
        return found[0] if found else None

    async def datasets(self, filters: list[Any]) -> Rows:
        options = {
            "extra": {"flat": True, "retrieve_children": False, "properties": DATASET_PROPERTIES},
            "order_by": ["name"],
        }
        return await self.rows("pool.dataset.query", filters, options)

    async def dataset(self, name: str) -> dict[str, Any] | None:
        found = await self.datasets([["id", "=", name]])
        return found[0] if found else None

    async def snapshots(self, filters: list[Any]) -> Rows:
        options = {"extra": {"properties": ["used", "referenced", "creation", "createtxg"]}}
        return await self.rows("pool.snapshot.query", filters, options)

    async def disks(self) -> Rows:
        return await self.rows("disk.query", [], {"extra": {"pools": True}})

    async def disk_temperatures(self) -> dict[str, Any]:
        result = await self.read("disk.temperatures", [])
        return result if isinstance(result, dict) else {}

    async def smart_results(self, disk: str | None) -> Rows:
        filters = [["disk", "=", disk]] if disk else []
        return await self.rows("smart.test.results", filters)

    async def snapshot_tasks(self) -> Rows:
        return await self.rows("pool.snapshottask.query")

    async def replications(self) -> Rows:
        return await self.rows("replication.query")

    async def smb_shares(self) -> Rows:
        return await self.rows("sharing.smb.query")

    async def nfs_shares(self) -> Rows:
        return await self.rows("sharing.nfs.query")

    async def apps(self) -> Rows:
        return await self.rows("app.query")

    async def app(self, name: str) -> dict[str, Any] | None:
        found = await self.rows("app.query", [["name", "=", name]])
        return found[0] if found else None

    # --- writes -------------------------------------------------------------------------------

    async def create_snapshot(self, dataset: str, name: str, recursive: bool) -> dict[str, Any]:
        data = {"dataset": dataset, "name": name, "recursive": recursive}
        return await self.rpc.call("pool.snapshot.create", data)

    async def create_dataset(self, data: dict[str, Any]) -> dict[str, Any]:
        return await self.rpc.call("pool.dataset.create", data)

    async def start_scrub(
        self, pool: str, progress: Progress | None, stop_after: float
    ) -> dict[str, Any]:
        # PoolScrubScrubArgs(name: str, action): the pool's name, not its id
        return await self.rpc.run_job(
            "pool.scrub.scrub",
            pool,
            "START",
            progress=progress,
            timeout=self.job_timeout,
            stop_after=stop_after,
        )

    async def app_action(
        self, action: str, name: str, progress: Progress | None, *params: Any
    ) -> dict[str, Any]:
        return await self.rpc.run_job(
            f"app.{action}", name, *params, progress=progress, timeout=self.job_timeout
        )

    async def dismiss_alert(self, uuid: str) -> None:
        await self.rpc.call("alert.dismiss", uuid)

    async def smart_test(self, disks: list[str], kind: str) -> Rows:
        """One row per disk: ``expected_result_time`` when started, ``error`` when smartctl
        refused (TrueNAS reports that per disk, not as a call error)."""
        result = await self.rpc.call(
            "smart.test.manual_test", [{"identifier": d, "type": kind} for d in disks]
        )
        return [r for r in result if isinstance(r, dict)] if isinstance(result, list) else []

    # --- destructive --------------------------------------------------------------------------

    async def rollback(self, snapshot: str, recursive: bool) -> Any:
        options = {"recursive": recursive, "recursive_clones": False, "force": False}
        return await self.rpc.call("pool.snapshot.rollback", snapshot, options)

    async def delete_snapshot(self, snapshot: str) -> Any:
        return await self.rpc.call("pool.snapshot.delete", snapshot, {"defer": False})

    async def delete_dataset(self, dataset: str, recursive: bool) -> Any:
        return await self.rpc.call(
            "pool.dataset.delete", dataset, {"recursive": recursive, "force": False}
        )
