"""FastMCP's session-state store is built on the first write, not on the first tools/list.

FastMCP reads the client's visibility rules from that store on every listing and call; building
it imports ``key_value.aio`` under beartype's import hook (compiled from source at every start
in an image without writable bytecode). ``HomelabFastMCP`` answers reads of the still-empty
in-memory store itself; once anything writes, FastMCP's own store serves every read and write.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Context, FastMCP

from bench.clients import request
from bench.startup import imported
from homelab_shared.server_class import HomelabFastMCP
from tests.harness import mcp_client
from tests.harness.fresh import clean_env


def rpc(proc: subprocess.Popen[bytes], *messages: dict[str, Any]) -> dict[str, Any]:
    """Send requests (``bench.clients.request``: a 2026-07-28 client, no handshake) over stdio;
    the answer to the last one."""
    assert proc.stdin is not None and proc.stdout is not None
    for message in messages:
        proc.stdin.write((json.dumps(message) + "\n").encode())
    proc.stdin.flush()
    while True:
        answer = json.loads(proc.stdout.readline())
        if answer.get("id") == messages[-1]["id"]:
            return answer


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "truenas_mcp", "--transport", "stdio"],
        ["-m", "homelab_gateway", "serve", "--transport", "stdio"],
    ],
    ids=["truenas", "gateway"],
)
def test_listing_and_calling_never_build_the_store(tmp_path: Path, command: list[str]) -> None:
    settings = {"TRUENAS_URL": "http://127.0.0.1:9", "TRUENAS_API_KEY": "1-" + "k" * 40}
    env = clean_env(tmp_path, settings)
    err = tmp_path / "importtime.log"
    with err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-X", "importtime", *command],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
            cwd=tmp_path,
        )
        try:
            tools = rpc(proc, request(1, "server/discover"), request(2, "tools/list"))
            tools = tools["result"]["tools"]
            bare = next(t["name"] for t in tools if not t["inputSchema"].get("required"))
            called = rpc(proc, request(3, "tools/call", {"name": bare}))
            again = rpc(proc, request(4, "tools/list"))["result"]["tools"]
        finally:
            assert proc.stdin is not None
            proc.stdin.close()
            try:
                proc.wait(30)
            finally:
                proc.kill()  # never left running, whatever failed
            assert proc.stdout is not None
            proc.stdout.close()
    assert "result" in called and len(again) == len(tools) > 1
    modules = set(imported(err.read_text()))
    assert "fastmcp" in modules  # the log is what the server imported
    assert not {m for m in modules if m.split(".")[0] in ("key_value", "beartype")}


def with_state_tools(mcp: FastMCP[Any]) -> FastMCP[Any]:
    @mcp.tool
    def visible() -> str:
        """A tool the client can hide for itself."""
        return "here"

    @mcp.tool
    async def hide(ctx: Context) -> str:
        """Hide ``visible`` for this client."""
        await ctx.disable_components(names={"visible"})
        return "hidden"

    return mcp


@pytest.mark.parametrize("server_class", [FastMCP, HomelabFastMCP])
async def test_state_and_visibility_behave_as_fastmcps_own(
    server_class: type[FastMCP[Any]],
) -> None:
    mcp = with_state_tools(server_class("state"))
    async with mcp_client(mcp) as client:
        assert "visible" in {t.name for t in await client.list_tools()}
        await client.call_tool("hide", {})
        assert "visible" not in {t.name for t in await client.list_tools()}


def test_an_operators_store_is_used_from_the_first_read() -> None:
    from key_value.aio.stores.memory import MemoryStore

    store = MemoryStore()
    mcp = HomelabFastMCP("state", session_state_store=store)
    assert type(mcp._state_store).__name__ == "PydanticAdapter"
    assert mcp._state_storage is store
