"""A TrueNAS stand-in on loopback: JSON-RPC 2.0 over a real WebSocket at ``/api/current``.

It answers the methods the server uses with payloads in the documented shapes of TrueNAS 25.04
(api.truenas.com: ``pool.query``, ``pool.dataset.query`` with ``{"parsed", "rawvalue", "value",
"source"}`` properties, ``pool.snapshot.query``, ``core.get_jobs`` events as ``collection_update``
notifications, errors as ``{"code": -32001, "message": "Method call error", "data": {"error",
"errname", "reason", "trace", "extra"}}``...), keeps state (snapshots created and deleted, apps
started and stopped), runs jobs that report progress, and lets a test drop the socket, hang a
method, or make a job fail.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from tests.servers.truenas import truenas_api

GIB = 1024**3
NOW_MS = 1_764_500_000_000  # 2025-11-30


def prop(parsed: Any, value: str | None = None, source: str = "LOCAL") -> dict[str, Any]:
    text = value if value is not None else str(parsed)
    return {"parsed": parsed, "rawvalue": str(parsed), "value": text, "source": source}


def dataset(name: str, used: int, avail: int, quota: int = 0, comp: str = "LZ4") -> dict[str, Any]:
    pool = name.split("/", 1)[0]
    return {
        "id": name,
        "type": "FILESYSTEM",
        "name": name,
        "pool": pool,
        "encrypted": False,
        "encryption_root": None,
        "key_loaded": False,
        "children": [],
        "mountpoint": f"/mnt/{name}",
        "used": prop(used, f"{used / GIB:.1f}G"),
        "available": prop(avail, f"{avail / GIB:.1f}G"),
        "quota": prop(quota or None, "none" if not quota else f"{quota / GIB:.0f}G", "DEFAULT"),
        "refquota": prop(None, "none", "DEFAULT"),
        "compression": prop(comp, comp, "INHERITED"),
        "compressratio": prop("1.42", "1.42x", "NONE"),
        "encryption": prop("off", "off", "DEFAULT"),
        "deduplication": prop("OFF", "OFF", "DEFAULT"),
        "recordsize": prop(131072, "128K", "DEFAULT"),
        "atime": prop(False, "OFF", "DEFAULT"),
        "readonly": prop(False, "OFF", "DEFAULT"),
        "comments": prop("", "", "DEFAULT"),
        "user_properties": {},
    }


def snapshot(ds: str, name: str, age_days: int, used: int, txg: int) -> dict[str, Any]:
    created = NOW_MS - age_days * 86_400_000
    return {
        "id": f"{ds}@{name}",
        "name": f"{ds}@{name}",
        "pool": ds.split("/", 1)[0],
        "type": "SNAPSHOT",
        "snapshot_name": name,
        "dataset": ds,
        "createtxg": str(txg),
        "properties": {
            "creation": {
                "value": "Sun Nov 30 12:00 2025",
                "rawvalue": str(created // 1000),
                "parsed": {"$date": created},
                "source": "NONE",
            },
            "used": prop(used, f"{used / GIB:.2f}G", "NONE"),
            "referenced": prop(used * 10, f"{used * 10 / GIB:.2f}G", "NONE"),
            "createtxg": prop(txg, str(txg), "NONE"),
        },
        "holds": {},
        "retention": None,
    }


def _stats(size: int) -> dict[str, Any]:
    return {
        "timestamp": 1_000_000_000_000,
        "read_errors": 0,
        "write_errors": 0,
        "checksum_errors": 0,
        "ops": [0, 1234, 5678, 0, 0, 0, 0],
        "bytes": [0, 123_456_789, 987_654_321, 0, 0, 0, 0],
        "size": size,
        "allocated": size // 2,
        "fragmentation": 0,
        "self_healed": 0,
        "configured_ashift": 12,
        "logical_ashift": 9,
        "physical_ashift": 12,
    }


def vdev(kind: str, disks: list[tuple[str, str]], size: int) -> dict[str, Any]:
    """A data vdev of ``pool.query``'s topology; ``disks`` are (name, status)."""
    children = [
        {
            "name": f"{name}1",
            "type": "DISK",
            "path": f"/dev/disk/by-partuuid/{i:08d}-0000-0000-0000-{name}",
            "guid": str(7000 + i),
            "status": status,
            "stats": _stats(size),
            "children": [],
            "device": f"{name}1",
            "disk": name,
            "unavail_disk": None,
        }
        for i, (name, status) in enumerate(disks)
    ]
    degraded = any(st != "ONLINE" for _, st in disks)
    return {
        "name": f"{kind.lower()}-0",
        "type": kind,
        "path": None,
        "guid": "555",
        "status": "DEGRADED" if degraded else "ONLINE",
        "stats": _stats(size * len(disks)),
        "children": children,
        "unavail_disk": None,
    }


def initial_state() -> dict[str, Any]:
    datasets = [
        dataset("tank", 2400 * GIB, 1200 * GIB),
        dataset("tank/media", 1800 * GIB, 1200 * GIB, quota=3000 * GIB),
        dataset("tank/media/movies", 1500 * GIB, 1200 * GIB),
        dataset("tank/backups", 500 * GIB, 1200 * GIB, comp="ZSTD"),
        dataset("fast", 100 * GIB, 300 * GIB),
        dataset("fast/apps", 90 * GIB, 300 * GIB),
    ]
    snaps = [
        snapshot("tank/media", "daily-2025-11-27", 3, 2 * GIB, 1000),
        snapshot("tank/media", "daily-2025-11-28", 2, 3 * GIB, 1100),
        snapshot("tank/media", "daily-2025-11-29", 1, 1 * GIB, 1200),
        snapshot("tank/media/movies", "daily-2025-11-29", 1, 5 * GIB, 1201),
        snapshot("tank/backups", "weekly-2025-11-23", 7, 10 * GIB, 900),
    ]
    scan = {
        "function": "SCRUB",
        "state": "FINISHED",
        "start_time": {"$date": NOW_MS - 5 * 86_400_000},
        "end_time": {"$date": NOW_MS - 5 * 86_400_000 + 3_600_000},
        "percentage": 100.0,
        "bytes_to_process": 2400 * GIB,
        "bytes_processed": 2400 * GIB,
        "bytes_issued": 2400 * GIB,
        "pause": None,
        "errors": 0,
        "total_secs_left": None,
    }
    pools = [
        {
            "id": 1,
            "name": "tank",
            "guid": "1234567890",
            "status": "ONLINE",
            "path": "/mnt/tank",
            "scan": scan,
            "expand": None,
            "is_upgraded": True,
            "healthy": True,
            "warning": False,
            "status_code": "HEALTHY",
            "status_detail": None,
            "size": 3600 * GIB,
            "allocated": 2400 * GIB,
            "free": 1200 * GIB,
            "freeing": 0,
            "fragmentation": "12",
            "size_str": str(3600 * GIB),
            "allocated_str": str(2400 * GIB),
            "free_str": str(1200 * GIB),
            "freeing_str": "0",
            "autotrim": {"parsed": "off", "rawvalue": "off", "source": "DEFAULT", "value": "off"},
            "topology": {
                "data": [
                    vdev(
                        "RAIDZ1",
                        [("sda", "ONLINE"), ("sdb", "ONLINE"), ("sdc", "ONLINE")],
                        1200 * GIB,
                    )
                ],
                "log": [],
                "cache": [],
                "spare": [],
                "special": [],
                "dedup": [],
            },
        },
        {
            "id": 2,
            "name": "fast",
            "guid": "987654321",
            "status": "DEGRADED",
            "path": "/mnt/fast",
            "scan": {**scan, "errors": 3},
            "expand": None,
            "is_upgraded": True,
            "healthy": False,
            "warning": True,
            "status_code": "DEGRADED",
            "status_detail": "One or more devices has been removed by the administrator.",
            "size": 400 * GIB,
            "allocated": 100 * GIB,
            "free": 300 * GIB,
            "freeing": 0,
            "fragmentation": "3",
            "size_str": str(400 * GIB),
            "allocated_str": str(100 * GIB),
            "free_str": str(300 * GIB),
            "freeing_str": "0",
            "autotrim": {"parsed": "on", "rawvalue": "on", "source": "LOCAL", "value": "on"},
            "topology": {
                "data": [
                    vdev("MIRROR", [("nvme0n1", "ONLINE"), ("nvme1n1", "REMOVED")], 400 * GIB)
                ],
                "log": [],
                "cache": [],
                "spare": [],
                "special": [],
                "dedup": [],
            },
        },
    ]
    disks = [
        {
            "identifier": f"{{serial_lunid}}WD-{n}",
            "name": n,
            "subsystem": "scsi",
            "number": i,
            "serial": f"WD-{n.upper()}1234",
            "lunid": None,
            "size": 4000 * 10**9,
            "description": "",
            "transfermode": "Auto",
            "hddstandby": "ALWAYS ON",
            "advpowermgmt": "DISABLED",
            "togglesmart": True,
            "smartoptions": "",
            "expiretime": None,
            "critical": None,
            "difference": None,
            "informational": None,
            "model": "WDC WD40EFRX-68N32N0",
            "rotationrate": 5400,
            "type": "HDD",
            "zfs_guid": str(1000 + i),
            "bus": "ATA",
            "devname": n,
            "enclosure": None,
            "pool": "tank",
        }
        for i, n in enumerate(["sda", "sdb", "sdc"])
    ]
    alerts = [
        {
            "uuid": "a1b2c3d4-0001",
            "source": "",
            "klass": "ZpoolCapacityWarning",
            "args": {"volume": "tank", "capacity": 81},
            "node": "A",
            "key": '["tank"]',
            "datetime": {"$date": NOW_MS - 3_600_000},
            "last_occurrence": {"$date": NOW_MS - 60_000},
            "dismissed": False,
            "mail": None,
            "text": 'Space usage for pool "%(volume)s" is %(capacity)d%%.',
            "id": "a1b2c3d4-0001",
            "level": "WARNING",
            "formatted": 'Space usage for pool "tank" is 81%. Optimal pool performance requires '
            "used space remain below 80%.",
            "one_shot": False,
        },
        {
            "uuid": "a1b2c3d4-0002",
            "source": "",
            "klass": "VolumeStatus",
            "args": {"volume": "fast", "state": "DEGRADED"},
            "node": "A",
            "key": '["fast"]',
            "datetime": {"$date": NOW_MS - 7_200_000},
            "last_occurrence": {"$date": NOW_MS - 60_000},
            "dismissed": False,
            "mail": None,
            "text": "Pool %(volume)s state is %(state)s",
            "id": "a1b2c3d4-0002",
            "level": "CRITICAL",
            "formatted": "Pool fast state is DEGRADED: One or more devices has been removed.",
            "one_shot": False,
        },
    ]
    apps = [
        {
            "name": n,
            "id": n,
            "active_workloads": {},
            "state": state,
            "upgrade_available": upgrade,
            "latest_version": "1.2.0",
            "image_updates_available": False,
            "custom_app": False,
            "migrated": False,
            "human_version": f"{ver}_1.0.0",
            "version": "1.0.0",
            "metadata": {"name": n, "train": "community"},
            "notes": None,
            "portals": {},
            "version_details": {},
        }
        for n, state, upgrade, ver in [
            ("jellyfin", "RUNNING", True, "10.10.3"),
            ("nextcloud", "STOPPED", False, "30.0.2"),
        ]
    ]
    return {
        "datasets": datasets,
        "snapshots": snaps,
        "pools": pools,
        "disks": disks,
        "alerts": alerts,
        "apps": apps,
    }


def matches(row: dict[str, Any], flt: list[Any]) -> bool:
    if flt and flt[0] == "OR":
        return any(matches(row, f) for f in flt[1])
    field, op, value = flt
    have = row.get(field)
    if op == "=":
        return have == value
    if op == "^":
        return isinstance(have, str) and have.startswith(value)
    if op == "in":
        return have in value
    raise ValueError(f"filter op {op} not emulated")


def query(rows: list[dict[str, Any]], params: list[Any]) -> list[dict[str, Any]]:
    filters = params[0] if params else []
    return [copy.deepcopy(r) for r in rows if all(matches(r, f) for f in filters)]


def call_error(errname: str, reason: str, errno: int = 22, extra: list | None = None):
    return {
        "code": -32001,
        "message": "Method call error",
        "data": {
            "error": errno,
            "errname": errname,
            "reason": reason,
            "trace": {"class": "CallError", "frames": [], "formatted": "Traceback...", "repr": ""},
            "extra": extra or [],
            "py_exception": "Traceback (most recent call last): ...",
        },
    }


class FakeTrueNAS:
    def __init__(self, api_key: str, *, version: str = "25.04.2", username: str | None = None):
        self.api_key = api_key
        self.username = username
        self.version = version
        self.state = initial_state()
        self.logins = 0
        self.calls: list[tuple[str, list[Any]]] = []
        # calls TrueNAS would refuse as invalid: the fixtures fail a test that leaves any here
        self.rejected: list[tuple[str, dict[str, Any]]] = []
        self.drop_on: set[str] = set()  # close the socket when this method arrives (once)
        self.hang: set[str] = set()  # never answer these
        self.fail_jobs: dict[str, str] = {}  # method -> error text
        self.smart_refuses: dict[str, str] = {}  # disk -> smartctl's complaint
        self.job_steps = 4
        self.job_step_delay = 0.02
        self.path = "/api/current"
        self._server: Server | None = None
        self._jobs: dict[int, dict[str, Any]] = {}
        self._job_tasks: set[asyncio.Task[None]] = set()
        self._next_job = 100
        self.port = 0
        self.connections = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeTrueNAS:
        self._server = await serve(self._handle, "127.0.0.1", 0, process_request=self._route)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        for task in list(self._job_tasks):
            task.cancel()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def _route(self, conn: ServerConnection, request: Any) -> Any:
        if request.path != self.path:
            return conn.respond(404, "Not Found\n")
        return None

    def count(self, method: str) -> int:
        return sum(1 for m, _ in self.calls if m == method)

    async def _handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        session = {"authed": False, "subscribed": False}
        tasks: set[asyncio.Task[None]] = set()
        try:
            async for raw in ws:
                msg = json.loads(raw)
                method, params = msg.get("method"), msg.get("params") or []
                self.calls.append((method, params))
                if method in self.drop_on:
                    self.drop_on.discard(method)
                    await ws.close()
                    return
                if method in self.hang:
                    continue
                task = asyncio.create_task(self._answer(ws, session, msg["id"], method, params))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        except ConnectionClosed:
            pass
        finally:
            for task in tasks:
                task.cancel()

    async def _send(self, ws: ServerConnection, message: dict[str, Any]) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(json.dumps({"jsonrpc": "2.0", **message}))

    async def _answer(self, ws, session, msg_id, method, params) -> None:
        refused = truenas_api.check(method, params)
        if refused is not None:  # TrueNAS validates every call's params before running it
            if refused["code"] == -32602:
                self.rejected.append((method, refused))
            await self._send(ws, {"id": msg_id, "error": refused})
            return
        try:
            result = await self._dispatch(ws, session, msg_id, method, params)
        except KeyError as err:
            await self._send(ws, {"id": msg_id, "error": err.args[0]})
            return
        await self._send(ws, {"id": msg_id, "result": result})

    async def _dispatch(self, ws, session, msg_id, method, params) -> Any:
        st = self.state
        if method == "auth.login_with_api_key":
            self.logins += 1
            session["authed"] = params[0] == self.api_key and self.username is None
            return session["authed"]
        if method == "auth.login_ex":
            self.logins += 1
            data = params[0]
            ok = data.get("api_key") == self.api_key and data.get("username") == self.username
            session["authed"] = ok
            return {"response_type": "SUCCESS" if ok else "AUTH_ERR"}
        if not session["authed"]:
            raise KeyError(call_error("ENOTAUTHENTICATED", "Not authenticated", 13))
        if method == "system.version_short":
            return self.version
        if method == "system.version":
            return f"TrueNAS-SCALE-{self.version}"
        if method == "system.info":
            return {
                "version": f"TrueNAS-SCALE-{self.version}",
                "buildtime": {"$date": NOW_MS - 30 * 86_400_000},
                "hostname": "nas",
                "physmem": 64 * GIB,
                "model": "Intel(R) Core(TM) i3-N305",
                "cores": 8,
                "physical_cores": 8,
                "loadavg": [0.42, 0.5, 0.61],
                "uptime": "12 days, 3:04:05.123456",
                "uptime_seconds": 1_047_845.12,
                "system_serial": "123",
                "system_product": "N305 NAS",
                "system_product_version": "1.0",
                "license": None,
                "boottime": {"$date": NOW_MS - 1_047_845_000},
                "datetime": {"$date": NOW_MS},
                "timezone": "Europe/Berlin",
                "system_manufacturer": "Homelab",
                "ecc_memory": False,
            }
        if method == "core.subscribe":
            session["subscribed"] = True
            return f"sub-{msg_id}"
        if method == "core.get_jobs":
            return query(list(self._jobs.values()), params)
        if method == "alert.list":
            return copy.deepcopy(st["alerts"])
        if method == "alert.dismiss":
            for a in st["alerts"]:
                if a["uuid"] == params[0]:
                    a["dismissed"] = True
            return None
        if method == "update.check_available":
            return {"status": "AVAILABLE", "version": "25.04.3", "changes": [{"op": "upgrade"}]}
        if method == "pool.query":
            return query(st["pools"], params)
        if method == "pool.dataset.query":
            return query(st["datasets"], params)
        if method == "pool.snapshot.query":
            return query(st["snapshots"], params)
        if method == "disk.query":
            return query(st["disks"], params)
        if method == "disk.temperatures":
            return {"sda": 34, "sdb": 36, "sdc": None}
        if method == "smart.test.results":
            rows = [
                {
                    "disk": d["name"],
                    "tests": [
                        {
                            "num": 1,
                            "description": "Short offline",
                            "status": "SUCCESS",
                            "status_verbose": "Completed without error",
                            "segment_number": None,
                            "remaining": 0,
                            "lifetime": 21000 + i,
                            "lba_of_first_error": None,
                        }
                    ],
                    "current_test": None,
                }
                for i, d in enumerate(st["disks"])
            ]
            return query(rows, params)
        if method == "pool.snapshottask.query":
            return [
                {
                    "id": 1,
                    "dataset": "tank/media",
                    "recursive": True,
                    "lifetime_value": 2,
                    "lifetime_unit": "WEEK",
                    "enabled": True,
                    "exclude": [],
                    "naming_schema": "daily-%Y-%m-%d",
                    "allow_empty": True,
                    "schedule": {"minute": "0", "hour": "0", "dom": "*", "month": "*", "dow": "*"},
                    "vmware_sync": False,
                    "state": {"state": "FINISHED", "datetime": {"$date": NOW_MS - 43_200_000}},
                }
            ]
        if method == "replication.query":
            return [
                {
                    "id": 1,
                    "name": "tank/media - backup-box",
                    "direction": "PUSH",
                    "transport": "SSH",
                    "source_datasets": ["tank/media"],
                    "target_dataset": "backup/media",
                    "enabled": True,
                    "state": {
                        "state": "ERROR",
                        "datetime": {"$date": NOW_MS - 40_000_000},
                        "error": "[EFAULT] Unable to connect to backup-box: timed out",
                        "last_snapshot": "tank/media@daily-2025-11-28",
                    },
                    "job": None,
                }
            ]
        if method == "sharing.smb.query":
            return [
                {
                    "id": 1,
                    "purpose": "DEFAULT_SHARE",
                    "path": "/mnt/tank/media",
                    "name": "media",
                    "comment": "",
                    "enabled": True,
                    "ro": False,
                    "browsable": True,
                    "locked": False,
                }
            ]
        if method == "sharing.nfs.query":
            return [
                {
                    "id": 1,
                    "path": "/mnt/tank/backups",
                    "aliases": [],
                    "comment": "backups",
                    "networks": ["192.0.2.0/24"],
                    "hosts": [],
                    "ro": True,
                    "maproot_user": None,
                    "enabled": True,
                    "locked": False,
                }
            ]
        if method == "app.query":
            return query(st["apps"], params)
        if method == "app.upgrade_summary":
            return {
                "latest_version": "1.2.0",
                "latest_human_version": "10.10.4_1.2.0",
                "upgrade_version": "1.2.0",
                "upgrade_human_version": "10.10.4_1.2.0",
                "changelog": None,
                "available_versions_for_upgrade": [],
            }
        return await self._writes(ws, session, msg_id, method, params)

    async def _writes(self, ws, session, msg_id, method, params) -> Any:
        st = self.state
        if method == "pool.snapshot.create":
            data = params[0]
            name = f"{data['dataset']}@{data['name']}"
            if any(s["id"] == name for s in st["snapshots"]):
                raise KeyError(call_error("EEXIST", f"Snapshot {name} already exists", 17))
            snap = snapshot(data["dataset"], data["name"], 0, 0, 5000 + len(st["snapshots"]))
            st["snapshots"].append(snap)
            return copy.deepcopy(snap)
        if method == "pool.dataset.create":
            data = params[0]
            ds = dataset(data["name"], 0, 1200 * GIB, quota=data.get("quota", 0))
            st["datasets"].append(ds)
            return copy.deepcopy(ds)
        if method == "pool.snapshot.delete":
            before = len(st["snapshots"])
            st["snapshots"] = [s for s in st["snapshots"] if s["id"] != params[0]]
            if len(st["snapshots"]) == before:
                raise KeyError(call_error("ENOENT", f"{params[0]} not found", 2))
            return True
        if method == "pool.snapshot.rollback":
            ds, _, _ = params[0].partition("@")
            mine = sorted(
                (s for s in st["snapshots"] if s["dataset"] == ds),
                key=lambda s: int(s["createtxg"]),
            )
            ids = [s["id"] for s in mine]
            newer = ids[ids.index(params[0]) + 1 :]
            if newer and not params[1].get("recursive"):
                raise KeyError(call_error("EINVAL", "more recent snapshots exist; use recursive"))
            st["snapshots"] = [s for s in st["snapshots"] if s["id"] not in newer]
            return None
        if method == "pool.dataset.delete":
            name = params[0]
            children = [d for d in st["datasets"] if d["id"].startswith(f"{name}/")]
            if children and not params[1].get("recursive"):
                raise KeyError(call_error("EBUSY", f"{name} has children", 16))
            gone = {name, *(d["id"] for d in children)}
            st["datasets"] = [d for d in st["datasets"] if d["id"] not in gone]
            st["snapshots"] = [s for s in st["snapshots"] if s["dataset"] not in gone]
            return True
        if method == "smart.test.manual_test":
            return self._manual_test(params[0])
        if method == "pool.scrub.scrub" and not any(p["name"] == params[0] for p in st["pools"]):
            raise KeyError(call_error("ENOENT", f"{params[0]!r} pool not found", 2))
        if method in ("pool.scrub.scrub", "app.start", "app.stop", "app.upgrade"):
            return self._start_job(ws, session, msg_id, method, params)
        raise KeyError({"code": -32601, "message": "Method not found"})

    def _manual_test(self, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """smart.test.manual_test: identifiers from disk.query; smartctl's refusal per disk."""
        by_id = {d["identifier"]: d["name"] for d in self.state["disks"]}
        bad = [
            [
                f"disks.{i}.identifier",
                f"{r['identifier']} is not valid. Please provide a valid disk identifier.",
                22,
            ]
            for i, r in enumerate(runs)
            if r["identifier"] not in by_id
        ]
        if bad:
            raise KeyError(truenas_api.invalid("smart.test.manual_test", bad))
        out = []
        for r in runs:
            name = by_id[r["identifier"]]
            row: dict[str, Any] = {"disk": name, "identifier": r["identifier"]}
            if name in self.smart_refuses:
                row["error"] = f"smartctl: {self.smart_refuses[name]}"
            else:
                row.update(expected_result_time={"$date": NOW_MS + 120_000}, job=900 + len(out))
            out.append(row)
        return out

    def _start_job(self, ws, session, msg_id, method, params) -> int:
        job_id = self._next_job
        self._next_job += 1
        job = {
            "id": job_id,
            "message_ids": [msg_id],
            "method": method,
            "arguments": params,
            "transient": False,
            "description": None,
            "abortable": False,
            "logs_path": None,
            "logs_excerpt": None,
            "progress": {"percent": 0, "description": "", "extra": None},
            "result": None,
            "result_encoding_error": None,
            "error": None,
            "exception": None,
            "exc_info": None,
            "state": "WAITING",
            "time_started": {"$date": NOW_MS},
            "time_finished": None,
            "credentials": {"type": "LOGIN_PASSWORD", "data": {"username": "root"}},
        }
        self._jobs[job_id] = job
        task = asyncio.create_task(self._run_job(ws, session, job))
        self._job_tasks.add(task)
        task.add_done_callback(self._job_tasks.discard)
        return job_id

    async def _event(self, ws, session, msg: str, job: dict[str, Any]) -> None:
        if not session["subscribed"]:
            return
        fields = dict(job)
        await self._send(
            ws,
            {
                "method": "collection_update",
                "params": {
                    "msg": msg,
                    "collection": "core.get_jobs",
                    "id": job["id"],
                    "fields": copy.deepcopy(fields),
                },
            },
        )

    async def _run_job(self, ws, session, job: dict[str, Any]) -> None:
        await self._event(ws, session, "added", job)
        job["state"] = "RUNNING"
        for step in range(1, self.job_steps + 1):
            await asyncio.sleep(self.job_step_delay)
            job["progress"] = {
                "percent": round(100 * step / self.job_steps),
                "description": f"{job['method']}: step {step} of {self.job_steps}",
                "extra": None,
            }
            await self._event(ws, session, "changed", job)
        error = self.fail_jobs.get(job["method"])
        if error:
            job.update(
                state="FAILED",
                error=error,
                exception=f"Traceback...\n{error}",
                exc_info={"repr": error, "type": "CallError", "errno": 14, "extra": None},
            )
        else:
            self._apply(job)
            job.update(state="SUCCESS", result=True)
        job["time_finished"] = {"$date": NOW_MS + 1000}
        await self._event(ws, session, "changed", job)

    def _apply(self, job: dict[str, Any]) -> None:
        app_state: dict[str, Callable[[dict[str, Any]], None]] = {
            "app.start": lambda a: a.update(state="RUNNING"),
            "app.stop": lambda a: a.update(state="STOPPED"),
            "app.upgrade": lambda a: a.update(
                upgrade_available=False, human_version="10.10.4_1.2.0", version="1.2.0"
            ),
        }
        action = app_state.get(job["method"])
        if action is not None:
            for a in self.state["apps"]:
                if a["name"] == job["arguments"][0]:
                    action(a)
