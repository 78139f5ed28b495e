"""Attacks on arr-suite-mcp through a real MCP client, with writes and destructive tools enabled.

Each case is a call a manipulated model could make. It must fail (or stop at a preview) and leave
every fake upstream exactly as it was: no pass-through tool, no id that changes the endpoint, no
string that smuggles a second parameter, job or flag, no reference that expands to "everything".
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastmcp import Client

from tests.harness import mcp_client
from tests.servers.arr_suite.conftest import (  # noqa: F401 (fixtures)
    Lab,
    _servers,
    arr_server,
    lab,
)

FREE_FORM = {
    "path",
    "endpoint",
    "url_path",
    "method",
    "body",
    "payload",
    "json",
    "command_name",
    "params",
    "query_string",
    "mode",
    "raw",
}
ATTACKS: list[tuple[str, str, dict[str, Any]]] = [
    # generic call-anything tools do not exist
    ("call api", "call_api", {"path": "/api/v3/series/1", "method": "DELETE"}),
    ("raw request", "request", {"endpoint": "/api?mode=shutdown"}),
    ("sab mode", "sabnzbd", {"mode": "shutdown"}),
    # ids that would change the endpoint
    ("traversal id", "get_details", {"app": "sonarr", "id": "1/../../system/shutdown"}),
    ("traversal delete", "delete_title", {"app": "sonarr", "id": "../queue/11"}),
    ("negative id", "delete_title", {"app": "sonarr", "id": -1}),
    ("float id", "remove_queue_item", {"app": "sonarr", "id": 11.5}),
    ("instance traversal", "list_library", {"app": "sonarr", "instance": "../../api/v3"}),
    (
        "instance slash",
        "set_monitored",
        {"app": "radarr", "instance": "4k/..", "ids": [7], "monitored": False},
    ),
    ("app smuggling", "list_library", {"app": "sonarr/../radarr"}),
    # SABnzbd job ids: a comma names a second job, "all" names every job
    ("second job", "pause_downloads", {"nzo_id": "SABnzbd_nzo_aaa111,SABnzbd_nzo_bbb222"}),
    ("all jobs", "retry_download", {"nzo_id": "all"}),
    ("all jobs delete", "delete_download", {"nzo_id": "all", "confirm_token": "x"}),
    ("param smuggling", "resume_downloads", {"nzo_id": "SABnzbd_nzo_a&name=delete&value=all"}),
    ("speed smuggling", "set_speed_limit", {"limit": "5M&mode=shutdown"}),
    ("speed config", "set_speed_limit", {"limit": "100;shutdown"}),
    (
        "category smuggling",
        "add_download_url",
        {"url": "https://x.example/a.nzb", "category": "tv&mode=shutdown"},
    ),
    ("file url", "add_download_url", {"url": "file:///etc/passwd"}),
    ("script url", "add_download_url", {"url": "javascript:alert(1)"}),
    ("newline url", "add_download_url", {"url": "https://x.example/a.nzb\nmode=shutdown"}),
    # references that expand
    ("no ids", "set_monitored", {"app": "sonarr", "ids": [], "monitored": False}),
    ("zero id", "set_monitored", {"app": "sonarr", "ids": [0], "monitored": False}),
    ("unknown command", "run_command", {"app": "sonarr", "command": "DeleteSeries", "id": 1}),
    ("command flag", "run_command", {"app": "sonarr", "command": "search --all"}),
    # the confirmation cannot be skipped or forged
    ("forged token", "delete_title", {"app": "sonarr", "id": 1, "confirm_token": "forged"}),
    (
        "token for sab",
        "delete_download",
        {"nzo_id": "SABnzbd_nzo_aaa111", "confirm_token": "v1.0.0.forged"},
    ),
    (
        "extra argument",
        "delete_title",
        {"app": "sonarr", "id": 1, "deleteFiles": True, "confirm_token": "forged"},
    ),
]


@pytest.fixture
async def armed(arr_server: Any) -> AsyncIterator[Client[Any]]:  # noqa: F811
    async with mcp_client(arr_server(allow_write=True, allow_destructive=True)) as client:
        yield client


@pytest.fixture
def before(lab: Lab) -> list[str]:  # noqa: F811
    return lab.snapshot()


@pytest.mark.parametrize(
    ("tool", "args"), [(t, a) for _, t, a in ATTACKS], ids=[name for name, _, _ in ATTACKS]
)
async def test_attack_changes_nothing(
    armed: Client[Any],
    lab: Lab,  # noqa: F811
    before: list[str],
    tool: str,
    args: dict[str, Any],
) -> None:
    result = await armed.call_tool(tool, args, raise_on_error=False)
    assert result.is_error, f"{tool}{args} was accepted: {result.structured_content}"
    assert lab.snapshot() == before
    sab_actions = [r.url.params.get("name") for r in lab.sab.requests]
    assert not any(sab_actions), sab_actions
    for fake in (lab.sonarr, lab.radarr, lab.radarr4k, lab.prowlarr):
        assert fake.writes() == [], fake.writes()


async def test_no_tool_takes_a_free_form_request(armed: Client[Any]) -> None:
    for tool in await armed.list_tools():
        params = set(tool.input_schema.get("properties", {}))
        assert not params & FREE_FORM, (tool.name, params & FREE_FORM)


async def test_preview_shows_but_does_not_obey_hostile_titles(
    armed: Client[Any],
    lab: Lab,  # noqa: F811
    before: list[str],
) -> None:
    """A title that asks the model to delete files reaches the preview quoted and cleaned."""
    result = await armed.call_tool("delete_title", {"app": "sonarr", "id": 3})
    data = result.structured_content or {}
    preview = data.get("result", data)["preview"]
    assert "Files are kept" in preview and "\u202e" not in preview
    assert lab.snapshot() == before
