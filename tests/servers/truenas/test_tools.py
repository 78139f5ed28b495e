"""The TrueNAS tools through a real MCP client, against the JSON-RPC stand-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from homelab_shared.runtime import RuntimeSettings
from tests.harness import mcp_client
from tests.servers.truenas.conftest import API_KEY, call
from tests.servers.truenas.fake_truenas import FakeTrueNAS
from truenas_mcp.server import build_server
from truenas_mcp.settings import TrueNASSettings

READ_TOOLS = {
    "system_info",
    "list_alerts",
    "check_update",
    "list_jobs",
    "list_pools",
    "list_datasets",
    "snapshot_summary",
    "list_snapshots",
    "list_disks",
    "smart_results",
    "data_protection",
    "list_shares",
    "list_apps",
}
WRITE_TOOLS = {
    "dismiss_alert",
    "create_snapshot",
    "create_dataset",
    "start_scrub",
    "run_smart_test",
    "start_app",
    "stop_app",
}
DESTRUCTIVE_TOOLS = {"rollback_snapshot", "delete_snapshot", "delete_dataset", "upgrade_app"}


async def test_read_only_by_default(ro_nas: Client[Any], nas: FakeTrueNAS) -> None:
    names = {t.name for t in await ro_nas.list_tools()}
    assert names == READ_TOOLS
    with pytest.raises(ToolError, match="TRUENAS_ALLOW_WRITE=true"):
        await ro_nas.call_tool("create_snapshot", {"dataset": "tank/media"})
    assert nas.count("pool.snapshot.create") == 0


async def test_every_class_is_listed_when_enabled(rw_nas: Client[Any]) -> None:
    tools = {t.name: t for t in await rw_nas.list_tools()}
    assert set(tools) == READ_TOOLS | WRITE_TOOLS | DESTRUCTIVE_TOOLS
    for name in DESTRUCTIVE_TOOLS:
        annotations = tools[name].annotations
        assert annotations is not None
        assert annotations.destructive_hint is True


async def test_pools_are_lean_and_show_health_and_scrub(ro_nas: Client[Any]) -> None:
    pools = {p["name"]: p for p in await call(ro_nas, "list_pools")}
    assert pools["tank"]["used_pct"] == 66.7
    assert pools["tank"]["size"] == "3.52 TiB"
    assert pools["fast"]["healthy"] is False
    assert pools["fast"]["last_scrub"]["errors"] == 3
    assert "removed" in pools["fast"]["status_detail"]
    assert pools["fast"]["problems"] == ["nvme1n1 (mirror-0): REMOVED"]
    assert pools["tank"]["problems"] == []
    assert "topology" not in pools["tank"]


async def test_alerts_most_severe_first(ro_nas: Client[Any]) -> None:
    page = await call(ro_nas, "list_alerts")
    assert [a["level"] for a in page["items"]] == ["CRITICAL", "WARNING"]
    only = await call(ro_nas, "list_alerts", min_level="CRITICAL")
    assert only["total"] == 1


async def test_datasets_tree_paginated_and_filtered(ro_nas: Client[Any]) -> None:
    page = await call(ro_nas, "list_datasets", parent="tank/media", limit=1)
    assert page["total"] == 2 and page["truncated"] is True and page["next_offset"] == 1
    first = page["items"][0]
    assert first == {
        "name": "tank/media",
        "type": "FILESYSTEM",
        "used": "1.76 TiB",
        "available": "1.17 TiB",
        "quota": "2.93 TiB",
        "compression": "LZ4",
        "compress_ratio": "1.42",
        "encrypted": False,
        "depth": 1,
    }


async def test_snapshot_summary_per_dataset(ro_nas: Client[Any]) -> None:
    page = await call(ro_nas, "snapshot_summary", dataset="tank/media")
    summary = {s["dataset"]: s for s in page["items"]}
    assert summary["tank/media"]["count"] == 3
    assert summary["tank/media"]["space_used"] == "6.00 GiB"
    assert summary["tank/media"]["oldest"] < summary["tank/media"]["newest"]
    assert set(summary) == {"tank/media", "tank/media/movies"}


async def test_disks_with_temperature_and_smart(ro_nas: Client[Any]) -> None:
    disks = {d["name"]: d for d in await call(ro_nas, "list_disks")}
    assert disks["sda"]["temperature_c"] == 34
    assert disks["sdc"]["temperature_c"] is None
    assert disks["sda"]["last_smart_test"] == "Short offline: Completed without error"
    results = await call(ro_nas, "smart_results", disk="sdb")
    assert results["items"][0]["lifetime_hours"] == 21001


async def test_protection_tasks_report_errors(ro_nas: Client[Any]) -> None:
    tasks = await call(ro_nas, "data_protection")
    replication = next(t for t in tasks if t["kind"] == "replication")
    assert replication["state"] == "ERROR"
    assert "Unable to connect to backup-box" in replication["error"]


async def test_system_update_shares_and_apps(ro_nas: Client[Any]) -> None:
    info = await call(ro_nas, "system_info")
    assert info["version"] == "25.04.2" and info["memory"] == "64.00 GiB"
    update = await call(ro_nas, "check_update")
    assert update == {
        "current": "25.04.2",
        "status": "AVAILABLE",
        "available_version": "25.04.3",
        "changes": 1,
    }
    shares = {s["kind"]: s for s in await call(ro_nas, "list_shares")}
    assert shares["nfs"]["read_only"] is True
    apps = {a["name"]: a for a in await call(ro_nas, "list_apps")}
    assert apps["jellyfin"]["update_available"] is True


async def test_job_progress_reaches_the_mcp_client(
    nas_settings: Callable[..., TrueNASSettings], runtime: RuntimeSettings, nas: FakeTrueNAS
) -> None:
    seen: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total, message))

    server = build_server(nas_settings(allow_write=True), runtime)
    async with Client(server, progress_handler=on_progress) as client:
        result = await call(client, "start_app", name="nextcloud")
    assert result["done"] == "start nextcloud: now RUNNING"
    assert result["job"]["state"] == "SUCCESS"
    assert [p for p, _, _ in seen] == [0, 25, 50, 75, 100]
    assert all(total == 100 for _, total, _ in seen)
    assert seen[-1][2] == "app.start: step 4 of 4"


async def test_a_long_scrub_returns_while_it_runs(rw_nas: Client[Any], nas: FakeTrueNAS) -> None:
    nas.job_steps, nas.job_step_delay = 50, 0.1
    result = await call(rw_nas, "start_scrub", pool="tank", wait_seconds=0.3)
    assert result["done"] == "scrub started on tank"
    assert result["job"]["state"] == "RUNNING"
    running = await call(rw_nas, "list_jobs")
    assert running["items"][0]["method"] == "pool.scrub.scrub"


async def test_rollback_previews_the_newer_snapshots_it_destroys(
    rw_nas: Client[Any], nas: FakeTrueNAS
) -> None:
    target = "tank/media@daily-2025-11-27"
    with pytest.raises(ToolError, match="2 newer snapshot"):
        await rw_nas.call_tool("rollback_snapshot", {"snapshot": target})
    preview = await call(rw_nas, "rollback_snapshot", snapshot=target, destroy_newer=True)
    assert preview["status"] == "confirmation_required"
    assert "daily-2025-11-28" in preview["preview"] and "daily-2025-11-29" in preview["preview"]
    assert nas.count("pool.snapshot.rollback") == 0
    done = await call(
        rw_nas,
        "rollback_snapshot",
        snapshot=target,
        destroy_newer=True,
        confirm_token=preview["confirm_token"],
    )
    assert done["done"] == f"rolled back to {target}"
    left = [s["id"] for s in nas.state["snapshots"] if s["dataset"] == "tank/media"]
    assert left == [target]


async def test_delete_dataset_preview_shows_children_and_space(
    rw_nas: Client[Any], nas: FakeTrueNAS
) -> None:
    with pytest.raises(ToolError, match="1 child dataset"):
        await rw_nas.call_tool("delete_dataset", {"dataset": "tank/media"})
    preview = await call(rw_nas, "delete_dataset", dataset="tank/media", recursive=True)
    text = preview["preview"]
    assert "frees about 1.76 TiB" in text and "4 snapshot(s)" in text
    assert "tank/media/movies" in text
    with pytest.raises(ToolError, match="does not match this call"):
        await rw_nas.call_tool(
            "delete_dataset",
            {
                "dataset": "tank/backups",
                "recursive": True,
                "confirm_token": preview["confirm_token"],
            },
        )
    await call(
        rw_nas,
        "delete_dataset",
        dataset="tank/media",
        recursive=True,
        confirm_token=preview["confirm_token"],
    )
    assert {d["id"] for d in nas.state["datasets"]} == {"tank", "tank/backups", "fast", "fast/apps"}
    with pytest.raises(ToolError, match="root dataset"):
        await rw_nas.call_tool("delete_dataset", {"dataset": "tank"})


async def test_upgrade_app_preview_names_the_versions(
    rw_nas: Client[Any], nas: FakeTrueNAS
) -> None:
    preview = await call(rw_nas, "upgrade_app", name="jellyfin")
    assert "from 10.10.3_1.0.0 to 10.10.4_1.2.0" in preview["preview"]
    assert nas.count("app.upgrade") == 0
    await call(rw_nas, "upgrade_app", name="jellyfin", confirm_token=preview["confirm_token"])
    assert nas.state["apps"][0]["upgrade_available"] is False
    with pytest.raises(ToolError, match="up to date"):
        await rw_nas.call_tool("upgrade_app", {"name": "jellyfin"})


async def test_writes_create_and_read_back(rw_nas: Client[Any], nas: FakeTrueNAS) -> None:
    snap = await call(rw_nas, "create_snapshot", dataset="tank/backups", name="before-upgrade")
    assert snap["done"] == "created snapshot tank/backups@before-upgrade"
    ds = await call(rw_nas, "create_dataset", name="tank/backups/photos", quota_gib=100)
    assert ds["details"]["quota"] == "100.00 GiB"
    with pytest.raises(ToolError, match="No dataset tank/nope"):
        await rw_nas.call_tool("create_dataset", {"name": "tank/nope/x"})
    await call(rw_nas, "dismiss_alert", alert_id="a1b2c3d4-0001")
    assert nas.state["alerts"][0]["dismissed"] is True
    started = await call(rw_nas, "run_smart_test", disks=["sda"], kind="LONG")
    assert started["done"] == "LONG SMART test started on sda"


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("create_snapshot", {"dataset": "tank/../etc"}),
        ("create_snapshot", {"dataset": "tank/media; rm -rf /"}),
        ("create_snapshot", {"dataset": "--force"}),
        ("create_snapshot", {"dataset": "tank/media", "name": "x@y"}),
        ("delete_snapshot", {"snapshot": "tank/media@a/../../b"}),
        ("delete_dataset", {"dataset": "tank/media\nrecursive"}),
        ("start_app", {"name": "../jellyfin"}),
        ("start_app", {"name": "$(reboot)"}),
        ("run_smart_test", {"disks": ["sda;reboot"]}),
        ("smart_results", {"disk": "/dev/sda"}),
    ],
)
async def test_smuggled_names_are_refused_before_truenas(
    rw_nas: Client[Any], nas: FakeTrueNAS, tool: str, arguments: dict[str, Any]
) -> None:
    before = len(nas.calls)
    with pytest.raises(ToolError):
        await rw_nas.call_tool(tool, arguments)
    assert nas.calls[before:] == []


async def test_the_api_key_never_reaches_the_client(
    nas_settings: Callable[..., TrueNASSettings], runtime: RuntimeSettings
) -> None:
    settings = nas_settings(api_key="1-" + "s3cr3t" * 8)
    async with mcp_client(build_server(settings, runtime)) as client:
        with pytest.raises(ToolError) as err:
            await client.call_tool("list_pools", {})
    assert "s3cr3t" not in str(err.value)
    assert "TRUENAS_API_KEY" in str(err.value)
    assert API_KEY not in str(err.value)
