"""TrueNAS attack cases: nothing destructive without the confirmation flow, nothing smuggled.

Each case runs through a real MCP client against the JSON-RPC stand-in, and the proof is the
stand-in's own state and call log: no destructive method reached TrueNAS, no snapshot, dataset
or app changed.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastmcp.exceptions import ToolError

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client
from tests.security.cases import AttackCase, Call, audit_outcomes, params, run_case
from tests.servers.truenas.conftest import API_KEY
from tests.servers.truenas.fake_truenas import FakeTrueNAS
from truenas_mcp.server import build_server
from truenas_mcp.settings import TrueNASSettings

WRITES = {"allow_write": True}
ALL = {"allow_write": True, "allow_destructive": True}
DESTRUCTIVE_METHODS = {
    "pool.snapshot.rollback",
    "pool.snapshot.delete",
    "pool.dataset.delete",
    "app.upgrade",
}

CASES = [
    AttackCase(
        name="rollback-with-writes-only",
        tool="rollback_snapshot",
        arguments={"snapshot": "tank/media@daily-2025-11-27", "destroy_newer": True},
        settings=WRITES,
        match="TRUENAS_ALLOW_DESTRUCTIVE",
        why="destructive tools are hidden and refused unless enabled",
    ),
    AttackCase(
        name="rollback-without-token-only-previews",
        tool="rollback_snapshot",
        arguments={"snapshot": "tank/media@daily-2025-11-27", "destroy_newer": True},
        settings=ALL,
        expect="confirmation",
        match="daily-2025-11-28",
    ),
    AttackCase(
        name="rollback-with-forged-token",
        tool="rollback_snapshot",
        arguments={
            "snapshot": "tank/media@daily-2025-11-27",
            "destroy_newer": True,
            "confirm_token": "c1.9999999999.AAAA.BBBB",
        },
        settings=ALL,
        match="does not match",
    ),
    AttackCase(
        name="token-of-one-snapshot-deletes-another",
        tool="delete_snapshot",
        arguments={"snapshot": "tank/backups@weekly-2025-11-23"},
        settings=ALL,
        setup=(Call("delete_snapshot", {"snapshot": "tank/media@daily-2025-11-29"}),),
        expect="confirmation",
        why="a preview of one call never authorises another (the attack repeats the preview)",
    ),
    AttackCase(
        name="delete-dataset-children-through-parent",
        tool="delete_dataset",
        arguments={"dataset": "tank/media"},
        settings=ALL,
        match="child dataset",
        why="a parent reference expands to its children: refused unless recursive is explicit",
    ),
    AttackCase(
        name="delete-pool-root",
        tool="delete_dataset",
        arguments={"dataset": "tank", "recursive": True},
        settings=ALL,
        match="root dataset",
    ),
    AttackCase(
        name="upgrade-app-with-writes-only",
        tool="upgrade_app",
        arguments={"name": "jellyfin"},
        settings=WRITES,
        match="TRUENAS_ALLOW_DESTRUCTIVE",
    ),
    AttackCase(
        name="create-dataset-path-traversal",
        tool="create_dataset",
        arguments={"name": "tank/../fast/apps"},
        settings=WRITES,
    ),
    AttackCase(
        name="snapshot-shell-syntax",
        tool="create_snapshot",
        arguments={"dataset": "tank/media", "name": "$(zfs destroy -r tank)"},
        settings=WRITES,
    ),
    AttackCase(
        name="snapshot-flag-injection",
        tool="create_snapshot",
        arguments={"dataset": "-r tank"},
        settings=WRITES,
    ),
    AttackCase(
        name="app-name-injection",
        tool="stop_app",
        arguments={"name": "jellyfin; app.delete"},
        settings=WRITES,
    ),
    AttackCase(
        name="dismiss-alert-injection",
        tool="dismiss_alert",
        arguments={"alert_id": "a1; alert.dismiss *"},
        settings=WRITES,
        why="an id that smuggles a second method",
    ),
    AttackCase(
        name="dismiss-alert-unknown",
        tool="dismiss_alert",
        arguments={"alert_id": "all"},
        settings=WRITES,
        why="'all' is not an alert: nothing is dismissed wholesale",
    ),
    AttackCase(
        name="smart-test-disk-traversal",
        tool="run_smart_test",
        arguments={"disks": ["sda", "../sdb"]},
        settings=WRITES,
    ),
    AttackCase(
        name="smart-test-disk-list-in-one",
        tool="run_smart_test",
        arguments={"disks": ["sda,sdb"]},
        settings=WRITES,
    ),
    AttackCase(
        name="start-app-read-only",
        tool="start_app",
        arguments={"name": "jellyfin"},
        match="TRUENAS_ALLOW_WRITE",
        why="writes are off by default",
    ),
    AttackCase(
        name="start-app-injection",
        tool="start_app",
        arguments={"name": "jellyfin/../../system"},
        settings=WRITES,
    ),
    AttackCase(
        name="scrub-pool-traversal",
        tool="start_scrub",
        arguments={"pool": "tank/../boot-pool"},
        settings=WRITES,
    ),
    AttackCase(
        name="unknown-tool",
        tool="call_method",
        arguments={"method": "pool.dataset.delete", "params": ["tank", {"recursive": True}]},
        settings=ALL,
        why="there is no generic call-anything tool to reach",
    ),
]


@pytest.mark.parametrize("case", params(CASES))
async def test_attack(case: AttackCase, runtime: RuntimeSettings) -> None:
    nas = await FakeTrueNAS(API_KEY).start()
    try:
        before = copy.deepcopy(nas.state)
        values: dict[str, Any] = {"url": nas.url, "api_key": API_KEY, **case.settings}
        settings = load_settings(TrueNASSettings, **values)
        async with mcp_client(build_server(settings, runtime)) as client:
            outcome = await run_case(client, case)
        outcome.check()
        reached = {method for method, _ in nas.calls} & DESTRUCTIVE_METHODS
        assert not reached, f"{case.name}: {reached} reached TrueNAS"
        assert nas.state == before, f"{case.name}: TrueNAS state changed"
    finally:
        await nas.stop()


async def test_refusals_are_audited_apart_from_mistakes(runtime: RuntimeSettings) -> None:
    """A destructive call that reaches further than it names (a parent's children, a pool's
    root, newer snapshots) is ``refused:sensitive`` in the audit log; a typo stays an error."""
    nas = await FakeTrueNAS(API_KEY).start()
    try:
        settings = load_settings(TrueNASSettings, url=nas.url, api_key=API_KEY, **ALL)
        attempts = [
            ("delete_dataset", {"dataset": "tank/media"}),
            ("delete_dataset", {"dataset": "tank", "recursive": True}),
            ("rollback_snapshot", {"snapshot": "tank/media@daily-2025-11-27"}),
            ("delete_snapshot", {"snapshot": "tank/media@no-such-snapshot"}),
        ]
        async with mcp_client(build_server(settings, runtime)) as client:
            for tool, arguments in attempts:
                with pytest.raises(ToolError):
                    await client.call_tool(tool, arguments)
        assert [outcome for _, outcome in audit_outcomes(runtime)] == [
            "refused:sensitive",
            "refused:sensitive",
            "refused:sensitive",
            "error:tool_error",
        ]
        assert not {method for method, _ in nas.calls} & DESTRUCTIVE_METHODS
    finally:
        await nas.stop()
