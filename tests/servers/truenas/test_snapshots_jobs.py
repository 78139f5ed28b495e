"""Snapshots (list, delete with its preview), SMART test refusals and job deadlines, through a real
MCP client against the JSON-RPC stand-in (which checks every call's parameters as TrueNAS does)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from homelab_shared.errors import UpstreamTimeout
from homelab_shared.runtime import RuntimeSettings
from tests.harness import mcp_client
from tests.servers.truenas.conftest import call
from tests.servers.truenas.fake_truenas import FakeTrueNAS
from truenas_mcp.client import TrueNASClient
from truenas_mcp.server import build_server
from truenas_mcp.settings import TrueNASSettings


async def test_list_snapshots_newest_first_and_paged(ro_nas: Client[Any]) -> None:
    page = await call(ro_nas, "list_snapshots", dataset="tank/media", limit=2)
    assert page["total"] == 3 and page["truncated"] is True and page["next_offset"] == 2
    assert [s["name"] for s in page["items"]] == [
        "tank/media@daily-2025-11-29",
        "tank/media@daily-2025-11-28",
    ]
    first = page["items"][0]
    assert first["used"] == "1.00 GiB" and first["referenced"] == "10.00 GiB"
    assert first["created"] > page["items"][1]["created"]
    rest = await call(ro_nas, "list_snapshots", dataset="tank/media", offset=2)
    assert [s["name"] for s in rest["items"]] == ["tank/media@daily-2025-11-27"]
    assert rest["truncated"] is False
    # a child dataset's snapshots are its own, not its parent's
    movies = await call(ro_nas, "list_snapshots", dataset="tank/media/movies")
    assert [s["name"] for s in movies["items"]] == ["tank/media/movies@daily-2025-11-29"]
    empty = await call(ro_nas, "list_snapshots", dataset="fast/apps")
    assert empty["total"] == 0 and empty["items"] == []


async def test_delete_snapshot_preview_confirm_gone(rw_nas: Client[Any], nas: FakeTrueNAS) -> None:
    target = "tank/media@daily-2025-11-28"
    preview = await call(rw_nas, "delete_snapshot", snapshot=target)
    assert preview["status"] == "confirmation_required"
    assert f"Delete snapshot {target}" in preview["preview"]
    assert "frees about 3.00 GiB" in preview["preview"]  # the space only this snapshot holds
    assert nas.count("pool.snapshot.delete") == 0
    with pytest.raises(ToolError, match="does not match this call"):
        await rw_nas.call_tool(
            "delete_snapshot",
            {"snapshot": "tank/media@daily-2025-11-29", "confirm_token": preview["confirm_token"]},
        )
    done = await call(
        rw_nas, "delete_snapshot", snapshot=target, confirm_token=preview["confirm_token"]
    )
    assert done["done"] == f"deleted snapshot {target}"
    assert nas.count("pool.snapshot.delete") == 1
    left = await call(rw_nas, "list_snapshots", dataset="tank/media")
    assert target not in [s["name"] for s in left["items"]] and left["total"] == 2
    with pytest.raises(ToolError, match=f"No snapshot {target}"):
        await rw_nas.call_tool("delete_snapshot", {"snapshot": target})


async def test_smart_test_reports_the_disks_truenas_refused(
    rw_nas: Client[Any], nas: FakeTrueNAS
) -> None:
    nas.smart_refuses["sdb"] = "SMART is disabled on this device"
    result = await call(rw_nas, "run_smart_test", disks=["sda", "sdb"], kind="SHORT")
    assert result["done"] == "SHORT SMART test started on sda; not on sdb"
    assert result["details"] == {"sdb": "smartctl: SMART is disabled on this device"}
    sent = next(p for m, p in nas.calls if m == "smart.test.manual_test")
    assert sent == [[{"identifier": "{serial_lunid}WD-sda", "type": "SHORT"},
                     {"identifier": "{serial_lunid}WD-sdb", "type": "SHORT"}]]  # fmt: skip
    with pytest.raises(ToolError, match=r"No SMART test started.*sdb: smartctl: SMART is disabled"):
        await rw_nas.call_tool("run_smart_test", {"disks": ["sdb"]})


async def test_a_quota_truenas_refuses_is_refused_first(
    rw_nas: Client[Any], nas: FakeTrueNAS
) -> None:
    with pytest.raises(ToolError, match="greater than or equal to 1"):
        await rw_nas.call_tool("create_dataset", {"name": "tank/backups/x", "quota_gib": 0.5})
    assert nas.count("pool.dataset.create") == 0


async def test_a_job_past_the_job_timeout_names_the_setting(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    nas.job_steps, nas.job_step_delay = 40, 0.1  # ~4 s of job
    client = TrueNASClient(nas_settings(job_timeout=0.5))
    start = time.monotonic()
    try:
        with pytest.raises(UpstreamTimeout) as err:
            await client.app_action("stop", "jellyfin", None)
    finally:
        await client.aclose()
    assert time.monotonic() - start < 3
    text = str(err.value)
    assert "(app.stop) still RUNNING after 0.5 s" in text
    assert "TRUENAS_JOB_TIMEOUT" in text and "goes on in TrueNAS" in text


async def test_a_job_timeout_reaches_the_mcp_client_clearly(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings], runtime: RuntimeSettings
) -> None:
    nas.job_steps, nas.job_step_delay = 40, 0.1
    settings = nas_settings(allow_write=True, job_timeout=0.5)
    async with mcp_client(build_server(settings, runtime)) as client:
        with pytest.raises(ToolError, match="TRUENAS_JOB_TIMEOUT") as err:
            await client.call_tool("start_app", {"name": "nextcloud"})
    assert "still RUNNING after 0.5 s" in str(err.value)
