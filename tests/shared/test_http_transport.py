"""Stateless streamable HTTP on real loopback: auth, scopes, health, readiness, metrics, bind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport
from fastmcp.exceptions import ToolError

from homelab_shared.errors import ConfigError
from homelab_shared.runner import http_app, prepare
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from tests.example.upstream import InventoryServer
from tests.harness import structured
from tests.harness.live import live_server

ADMIN = "admin-token-0123456789abcdef"
READER = "reader-token-0123456789abcdef"
OTHER = "other-token-0123456789abcdef"
TOKENS = f"admin:read,write:{ADMIN} dashboard:read:{READER} other:read,write:{OTHER}"


def client_for(base: str, token: str | None) -> Client[Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(StreamableHttpTransport(f"{base}/mcp", headers=headers))


@pytest.fixture
def served(example_server: Any, tmp_path: Any) -> Iterator[tuple[str, RuntimeSettings]]:
    runtime = load_settings(RuntimeSettings, state_dir=tmp_path / "state", auth_tokens=TOKENS)
    mcp = example_server(allow_write=True, allow_destructive=True)
    app = http_app(mcp, [toolbox_of(mcp)], runtime)  # type: ignore[list-item]
    with live_server(app) as base:
        yield base, runtime


def test_missing_or_wrong_token_gets_401(served: tuple[str, RuntimeSettings]) -> None:
    base, _ = served
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    no_token = httpx.post(f"{base}/mcp", json=body, headers=headers)
    assert no_token.status_code == 401
    assert no_token.headers["www-authenticate"].lower().startswith("bearer")
    wrong = httpx.post(
        f"{base}/mcp", json=body, headers={**headers, "Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401


async def test_admin_token_sees_and_calls_write_tools(
    served: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, runtime = served
    async with client_for(base, ADMIN) as client:
        names = {t.name for t in await client.list_tools()}
        assert {"set_state", "delete_item"} <= names
        await client.call_tool("set_state", {"item_id": "item-1", "state": "on"})
    assert inventory.items["item-1"]["state"] == "on"
    assert '"client_id": "static:admin"' in runtime.audit_path().read_text()


async def test_read_scope_cannot_see_or_call_write_tools(
    served: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, _ = served
    async with client_for(base, READER) as client:
        names = {t.name for t in await client.list_tools()}
        assert "set_state" not in names and "delete_item" not in names
        assert "get_item" in names
        with pytest.raises(ToolError, match="lacks the 'write' scope"):
            await client.call_tool("set_state", {"item_id": "item-1", "state": "on"})
    assert inventory.items["item-1"]["state"] == "off"


async def test_confirmation_token_is_bound_to_the_client(
    served: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, _ = served
    async with client_for(base, ADMIN) as client:
        first = await client.call_tool("delete_item", {"item_id": "item-2"})
    token = structured(first)["result"]["confirm_token"]
    async with client_for(base, OTHER) as client:
        with pytest.raises(ToolError, match="another client"):
            await client.call_tool("delete_item", {"item_id": "item-2", "confirm_token": token})
    assert "item-2" in inventory.items
    async with client_for(base, ADMIN) as client:
        await client.call_tool("delete_item", {"item_id": "item-2", "confirm_token": token})
    assert "item-2" not in inventory.items


def test_health_ready_and_metrics(
    served: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, _ = served
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    anonymous = httpx.get(f"{base}/readyz")
    assert (anonymous.status_code, anonymous.json()) == (200, {"ready": True})
    wrong = httpx.get(f"{base}/readyz", headers={"Authorization": "Bearer not-a-valid-token-1234"})
    assert wrong.json() == {"ready": True}
    ready = httpx.get(f"{base}/readyz", headers={"Authorization": f"Bearer {READER}"})
    assert ready.status_code == 200
    assert ready.json()["servers"]["Inventory"]["detail"] == "30 items"
    assert httpx.get(f"{base}/metrics").status_code == 401
    metrics = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {READER}"})
    assert metrics.status_code == 200
    assert "mcp_tool_calls_total" in metrics.text


def test_readyz_fails_when_the_upstream_is_down(
    served: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, _ = served
    inventory.stop()
    anonymous = httpx.get(f"{base}/readyz")
    assert (anonymous.status_code, anonymous.json()) == (503, {"ready": False})
    ready = httpx.get(f"{base}/readyz", headers={"Authorization": f"Bearer {READER}"})
    assert ready.status_code == 503
    detail = ready.json()["servers"]["Inventory"]
    assert detail["ok"] is False
    assert "cannot connect" in detail["detail"]


def test_non_loopback_bind_without_auth_is_refused(
    example_server: Any, runtime: RuntimeSettings
) -> None:
    mcp = example_server()
    box = toolbox_of(mcp)
    exposed = runtime.model_copy(update={"host": "0.0.0.0"})
    with pytest.raises(ConfigError, match=r"refusing to listen on 0\.0\.0\.0 without auth"):
        prepare(mcp, [box], exposed, "http")  # type: ignore[list-item]
    insecure = exposed.model_copy(update={"insecure_no_auth": True})
    assert prepare(example_server(), [box], insecure, "http") is None  # type: ignore[list-item]
    assert prepare(example_server(), [box], runtime, "stdio") is None  # type: ignore[list-item]
