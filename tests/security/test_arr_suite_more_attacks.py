"""More attacks on arr-suite-mcp, as ``cases.AttackCase`` (the write tools the first suite, in
test_arr_suite_attacks.py, does not name yet): adding, grabbing and testing through an instance
name, profile, folder or id that would reach somewhere else. Writes and destructive tools on;
every case is refused and every fake upstream is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastmcp import Client

from tests.harness import mcp_client
from tests.security.cases import AttackCase, params, run_case
from tests.servers.arr_suite.conftest import (  # noqa: F401 (fixtures)
    Lab,
    _servers,
    arr_server,
    lab,
)

SERVER = "arr-suite"  # part of its suite (tests/security/test_attack_contract.py)
ADD = {"app": "sonarr", "external_id": 81189, "quality_profile": "HD-1080p"}
CASES = [
    AttackCase("add-instance-traversal", "add", {**ADD, "instance": "../../api/v3"}),
    AttackCase(
        "add-profile-smuggling",
        "add",
        {**ADD, "quality_profile": "HD-1080p&rootFolderPath=/etc"},
        why="the profile is looked up by name; a name that is no profile is refused",
    ),
    AttackCase(
        "add-foreign-root-folder",
        "add",
        {**ADD, "root_folder": "/etc"},
        why="only a root folder the app already has",
    ),
    AttackCase("add-zero-id", "add", {**ADD, "external_id": 0}),
    AttackCase("grab-indexer-zero", "grab_release", {"guid": "x", "indexer_id": 0}),
    AttackCase(
        "grab-instance-traversal",
        "grab_release",
        {"guid": "x", "indexer_id": 1, "instance": "../sonarr"},
    ),
    AttackCase("test-indexers-instance-traversal", "test_indexers", {"instance": "../../"}),
]


@pytest.fixture
async def armed(arr_server: Any) -> AsyncIterator[Client[Any]]:  # noqa: F811
    async with mcp_client(arr_server(allow_write=True, allow_destructive=True)) as client:
        yield client


@pytest.mark.parametrize("case", params(CASES))
async def test_attack(case: AttackCase, armed: Client[Any], lab: Lab) -> None:  # noqa: F811
    before = lab.snapshot()
    outcome = await run_case(armed, case)
    outcome.check()
    assert lab.snapshot() == before
    for fake in (lab.sonarr, lab.radarr, lab.radarr4k, lab.prowlarr):
        assert fake.writes() == [], fake.writes()
