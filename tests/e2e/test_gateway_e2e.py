"""The gateway and the example server through real MCP clients: Inspector CLI (HTTP and stdio),
mcp-remote, mcpo, raw HTTP for auth. The safety model end to end."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.client.transports import StdioTransport
from fastmcp.exceptions import ToolError

from tests.e2e.conftest import ADMIN, HOMELAB_MCP, Served, server_env
from tests.example.upstream import InventoryServer
from tests.peers import ROOT, free_port
from tests.peers.clients import (
    INSPECTOR_EXIT_AUTH_REQUIRED,
    inspector_call,
    inspector_cli,
    mcp_remote_transport,
    mcpo_cmd,
    running,
)

pytestmark = [pytest.mark.peer, pytest.mark.e2e]
BEARER = {"Authorization": f"Bearer {ADMIN}"}


def call(served: Served, tool: str, **arguments: Any) -> dict[str, Any]:
    return inspector_call(served.url, "tools/call", tool=tool, arguments=arguments, headers=BEARER)


def payload(result: dict[str, Any]) -> dict[str, Any]:
    data = result["structuredContent"]
    return data.get("result", data)


def test_inspector_http_lists_namespaced_tools_and_calls_one(
    node_tools: Path, gateway: Served
) -> None:
    listed = inspector_call(gateway.url, "tools/list", headers=BEARER)
    tools = {t["name"]: t for t in listed["tools"]}
    assert {"status", "ex_get_item", "ex_set_state", "ex_delete_item"} <= set(tools)
    assert tools["ex_delete_item"]["annotations"]["destructiveHint"] is True
    item = call(gateway, "ex_get_item", item_id="item-12")
    assert item["structuredContent"] == {
        "id": "item-12",
        "name": "Widget 12",
        "state": "off",
        "notes": "x" * 40,
    }
    status = payload(call(gateway, "status"))
    states = {s["name"]: s["state"] for s in status["servers"]}
    assert states["example"] == "mounted"


def test_an_expired_token_is_refused(
    node_tools: Path,
    start_gateway: Callable[..., AbstractContextManager[Served]],
    upstream: InventoryServer,
) -> None:
    """A gateway of its own with a 3 s token lifetime; wait for the token's own expiry time."""
    with start_gateway(
        HOMELAB_AUTH_TOKENS=f"admin:read,write:{ADMIN}",
        EXAMPLE_ALLOW_WRITE="true",
        EXAMPLE_ALLOW_DESTRUCTIVE="true",
        HOMELAB_CONFIRM_TTL="3",
    ) as served:
        late = payload(call(served, "ex_delete_item", item_id="item-22"))
        while time.time() <= late["expires_at"] + 1:  # past expiry, whatever the calls cost
            time.sleep(0.1)
        expired = call(
            served, "ex_delete_item", item_id="item-22", confirm_token=late["confirm_token"]
        )
        audit = [json.loads(line) for line in served.audit()]
    assert expired["isError"] is True
    assert "expired" in expired["content"][0]["text"]
    assert "item-22" in upstream.items
    outcomes = [(a["arguments"]["item_id"], a["outcome"]) for a in audit]
    assert outcomes == [("item-22", "preview"), ("item-22", "refused:confirm_expired")]


def test_missing_or_wrong_token_gets_401(node_tools: Path, gateway: Served) -> None:
    proc = inspector_cli([gateway.url, "--method", "tools/list", "--stored-auth-only"])
    assert proc.returncode == INSPECTOR_EXIT_AUTH_REQUIRED, proc.stdout + proc.stderr
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream"}
    assert httpx.post(gateway.url, json=body, headers=headers).status_code == 401
    wrong = {**headers, "Authorization": "Bearer wrong-token-0123456789"}
    assert httpx.post(gateway.url, json=body, headers=wrong).status_code == 401
    base = gateway.url.removesuffix("/mcp")
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{base}/metrics").status_code == 401
    assert httpx.get(f"{base}/readyz").json()["ready"] is True


def test_destructive_preview_token_replay_other_args_and_audit(
    node_tools: Path, gateway: Served, upstream: InventoryServer
) -> None:
    preview = payload(call(gateway, "ex_delete_item", item_id="item-20"))
    assert preview["status"] == "confirmation_required"
    assert preview["preview"].startswith("Delete Widget 20 (item-20)")
    assert "item-20" in upstream.items
    token = preview["confirm_token"]

    other = inspector_call(
        gateway.url,
        "tools/call",
        tool="ex_delete_item",
        arguments={"item_id": "item-21", "confirm_token": token},
        headers=BEARER,
    )
    assert other["isError"] is True
    assert "does not match" in other["content"][0]["text"]
    assert "item-21" in upstream.items

    done = payload(call(gateway, "ex_delete_item", item_id="item-20", confirm_token=token))
    assert done["id"] == "item-20"
    assert "item-20" not in upstream.items

    replay = call(gateway, "ex_delete_item", item_id="item-20", confirm_token=token)
    assert replay["isError"] is True
    assert "already used" in replay["content"][0]["text"]

    audit = [json.loads(line) for line in gateway.audit()]
    mine = [(a["arguments"]["item_id"], a["outcome"]) for a in audit if a["tool"] == "delete_item"]
    assert mine == [
        ("item-20", "preview"),
        ("item-21", "refused:confirm_mismatch"),
        ("item-20", "ok"),
        ("item-20", "refused:confirm_used"),
    ]
    assert all(a["client_id"] == "static:admin" for a in audit)
    assert token not in "\n".join(gateway.audit())


async def test_inspector_stdio_example_server_hides_write_tools(
    node_tools: Path, upstream: InventoryServer, tmp_path: Path
) -> None:
    env = server_env(upstream, tmp_path)
    keep = {k: v for k, v in env.items() if k.startswith(("HOMELAB_", "EXAMPLE_", "FASTMCP_"))}
    keep["PYTHONPATH"] = str(ROOT)
    python = str(Path(HOMELAB_MCP).parent / "python")
    command = [python, "-m", "tests.example.server", "--transport", "stdio"]
    listed = inspector_call(command, "tools/list", server_env=keep, cwd=ROOT)
    assert {t["name"] for t in listed["tools"]} == {"list_items", "get_item", "dump_everything"}
    # The Inspector will not call a tool it was not shown; a client that calls it blindly (here
    # fastmcp's own stdio client) is refused by the server with the setting that enables it.
    transport = StdioTransport(command=command[0], args=command[1:], env=keep, cwd=str(ROOT))
    async with Client(transport, timeout=60) as client:
        with pytest.raises(ToolError, match="EXAMPLE_ALLOW_WRITE=true"):
            await client.call_tool("set_state", {"item_id": "item-1", "state": "on"})
    assert upstream.items["item-1"]["state"] == "off"
    page = inspector_call(
        command,
        "tools/call",
        tool="list_items",
        arguments={"limit": 5, "offset": 5},
        server_env=keep,
        cwd=ROOT,
    )
    assert page["structuredContent"]["next_offset"] == 10


def test_inspector_stdio_gateway(
    node_tools: Path, upstream: InventoryServer, tmp_path: Path
) -> None:
    env = server_env(upstream, tmp_path)
    keep = {k: v for k, v in env.items() if k.startswith(("HOMELAB_", "EXAMPLE_", "FASTMCP_"))}
    keep["PYTHONPATH"] = str(ROOT)
    result = inspector_call(
        [HOMELAB_MCP, "serve", "--transport", "stdio"],
        "tools/call",
        tool="ex_list_items",
        arguments={"limit": 2},
        server_env=keep,
        cwd=ROOT,
    )
    assert [i["id"] for i in result["structuredContent"]["items"]] == ["item-1", "item-2"]


async def test_mcp_remote_bridges_stdio_to_the_gateway(
    node_tools: Path, gateway: Served, tmp_path: Path
) -> None:
    transport = mcp_remote_transport(gateway.url, BEARER, config_dir=tmp_path / "mcp-remote")
    async with Client(transport, timeout=30) as client:
        assert "ex_get_item" in {t.name for t in await client.list_tools()}
        result = await client.call_tool("ex_get_item", {"item_id": "item-3"})
    assert result.structured_content is not None
    assert result.structured_content["name"] == "Widget 3"


def test_mcpo_exposes_a_tool_as_openapi(mcpo: Path, gateway: Served, tmp_path: Path) -> None:
    port = free_port()
    key = "mcpo-api-key-0123"
    argv = mcpo_cmd(port, key, gateway.url, headers=BEARER)
    with running(argv, port=port, log=tmp_path / "mcpo.log", timeout=60):
        base = f"http://127.0.0.1:{port}"
        spec = httpx.get(f"{base}/openapi.json").json()
        assert "/ex_get_item" in spec["paths"]
        denied = httpx.post(f"{base}/ex_get_item", json={"item_id": "item-5"})
        assert denied.status_code == 401
        response = httpx.post(
            f"{base}/ex_get_item",
            json={"item_id": "item-5"},
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
        )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Widget 5"


def test_serve_without_flags_answers_over_http(
    node_tools: Path, start_gateway: Callable[..., AbstractContextManager[Served]]
) -> None:
    """`homelab-mcp serve` as is (HTTP is the default transport; the port comes from
    HOMELAB_PORT here, the default 8000 is checked in tests/gateway without binding it)."""
    with start_gateway(transport=False) as served:
        listed = inspector_call(served.url, "tools/list")
        assert "ex_get_item" in {t["name"] for t in listed["tools"]}
        assert httpx.get(served.url.removesuffix("/mcp") + "/healthz").status_code == 200


def test_serve_name_runs_one_server_alone(
    node_tools: Path, start_gateway: Callable[..., AbstractContextManager[Served]]
) -> None:
    with start_gateway("example", transport=False) as served:
        listed = inspector_call(served.url, "tools/list")
    names = {t["name"] for t in listed["tools"]}
    assert names == {"list_items", "get_item", "dump_everything"}  # alone: no namespace, no status


def test_non_loopback_bind_without_token_is_refused(
    upstream: InventoryServer, tmp_path: Path
) -> None:
    proc = subprocess.run(
        [HOMELAB_MCP, "serve", "--transport", "http", "--host", "0.0.0.0"],
        env=server_env(upstream, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "refusing to listen on 0.0.0.0 without authentication" in proc.stderr
    assert "--insecure-no-auth" in proc.stderr
