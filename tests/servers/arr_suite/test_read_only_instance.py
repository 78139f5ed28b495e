"""``<APP>[_<NAME>]_ALLOW_WRITE=false`` keeps one instance read-only under ``ARR_ALLOW_WRITE``.

Every write and destructive tool is called against read-only instances with arguments that work
on writable ones (``test_writes``, ``test_destructive``): each must refuse, naming the variable,
before anything reaches an app; reads keep working. A new write tool missing from ``CALLS`` fails
the coverage check, so none can skip the switch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastmcp import FastMCP

from arr_suite_mcp.settings import ArrSettings, scan_instances
from homelab_shared.errors import ConfigError
from homelab_shared.settings import load_settings
from tests.harness import mcp_client
from tests.servers.arr_suite.conftest import Lab, call, fails
from tests.servers.arr_suite.test_writes import DESTRUCTIVE, WRITES

CALLS: dict[str, dict[str, Any]] = {
    "add": {"app": "radarr", "instance": "4k", "external_id": 949, "quality_profile": "Ultra-HD"},
    "run_command": {"app": "radarr", "instance": "4k", "command": "rescan"},
    "set_monitored": {"app": "radarr", "instance": "4k", "ids": [7], "monitored": False},
    "grab_release": {"guid": "https://nzbgeek.info/details/abc", "indexer_id": 1},
    "test_indexers": {},
    "pause_downloads": {},
    "resume_downloads": {"nzo_id": "SABnzbd_nzo_aaa111"},
    "set_speed_limit": {"limit": "5M"},
    "add_download_url": {"url": "https://93.184.215.14/get/1.nzb"},
    "retry_download": {"nzo_id": "SABnzbd_nzo_ddd444"},
    "delete_title": {"app": "radarr", "instance": "4k", "id": 7},
    "remove_queue_item": {"app": "radarr", "instance": "4k", "id": 1},
    "delete_download": {"nzo_id": "SABnzbd_nzo_aaa111"},
}
READ_ONLY = {("radarr", "4k"), ("prowlarr", "default"), ("sabnzbd", "default")}
VARIABLE = {
    ("radarr", "4k"): "RADARR_4K_ALLOW_WRITE",
    ("prowlarr", "default"): "PROWLARR_ALLOW_WRITE",
    ("sabnzbd", "default"): "SABNZBD_ALLOW_WRITE",
}


@pytest.fixture
def guarded(lab: Lab, arr_server: Callable[..., FastMCP[Any]]) -> FastMCP[Any]:
    instances = [
        {**i, "allow_write": False} if (i["app"], i.get("name", "default")) in READ_ONLY else i
        for i in lab.instances()
    ]
    return arr_server(instances=instances, allow_write=True, allow_destructive=True)


def test_every_write_tool_is_covered() -> None:
    assert set(CALLS) == WRITES | DESTRUCTIVE


@pytest.mark.parametrize("tool", sorted(CALLS))
async def test_writes_to_a_read_only_instance_are_refused(
    guarded: FastMCP[Any], lab: Lab, tool: str
) -> None:
    before = lab.snapshot()
    async with mcp_client(guarded) as client:
        text = await fails(client, tool, **CALLS[tool])
    assert "this instance is read-only" in text
    assert any(var in text for var in VARIABLE.values()), text
    assert lab.snapshot() == before
    assert not [
        r
        for r in lab.sab.requests
        if r.url.params.get("name")
        or r.url.params.get("mode") in ("pause", "resume", "addurl", "retry", "config")
    ]
    for fake in (lab.sonarr, lab.radarr, lab.radarr4k, lab.prowlarr):
        assert fake.writes() == [], fake.writes()


async def test_other_instances_and_reads_still_work(guarded: FastMCP[Any], lab: Lab) -> None:
    async with mcp_client(guarded) as client:
        movies = await call(client, "list_library", app="radarr", instance="4k")
        assert [m["title"] for m in movies["items"]] == ["Dune 4K"]
        done = await call(client, "run_command", app="radarr", instance="default", command="rescan")
        assert done["command"]
    assert lab.radarr.writes() == ["POST /api/v3/command"]


def test_the_switch_comes_from_the_instances_variables() -> None:
    env = {
        "RADARR_4K_URL": "http://radarr-4k:7878",
        "RADARR_4K_API_KEY": "k",
        "RADARR_4K_ALLOW_WRITE": "false",
        "RADARR_URL": "http://radarr:7878",
        "RADARR_API_KEY": "k",
    }
    found = {(i["app"], i["name"]): i.get("allow_write") for i in scan_instances(env)}
    assert found == {("radarr", "4k"): "false", ("radarr", "default"): None}
    settings = load_settings(ArrSettings, instances=scan_instances(env))
    assert [i.allow_write for i in settings.instances] == [False, None]
    # a switch for an instance that does not exist is a typo that must not pass silently
    with pytest.raises(ConfigError, match="RADARR_UHD_ALLOW_WRITE is set, but RADARR_UHD_URL"):
        scan_instances({**env, "RADARR_UHD_ALLOW_WRITE": "false"})
