"""Legacy SSE transport, and JWT/OIDC bearer tokens checked against a JWKS on real loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.client.transports import SSETransport, StreamableHttpTransport
from fastmcp.exceptions import ToolError

from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from tests.example.upstream import InventoryServer
from tests.harness import structured
from tests.harness.live import live_server
from tests.harness.oidc import AUDIENCE, ISSUER, mint, oidc_provider


async def test_legacy_sse_transport_serves_the_same_tools(
    example_server: Any, tmp_path: Any, inventory: InventoryServer
) -> None:
    runtime = load_settings(RuntimeSettings, state_dir=tmp_path / "state")
    mcp = example_server()
    app = http_app(mcp, [toolbox_of(mcp)], runtime, transport="sse")  # type: ignore[list-item]
    with live_server(app) as base:
        async with Client(SSETransport(f"{base}/sse")) as client:
            names = {t.name for t in await client.list_tools()}
            item = await client.call_tool("get_item", {"item_id": "item-8"})
    assert "get_item" in names
    assert structured(item)["name"] == "Widget 8"


@pytest.fixture
def oidc() -> Iterator[tuple[str, Any]]:
    with oidc_provider() as provider:
        yield provider


def token(key: Any, *, audience: str = AUDIENCE, scope: str = "read write", ttl: int = 300) -> str:
    return mint(key, aud=audience, sub="user-1", client_id="grafana", scope=scope, ttl=ttl)


async def test_jwt_from_the_oidc_provider_is_accepted_and_checked(
    example_server: Any, tmp_path: Any, oidc: tuple[str, Any], inventory: InventoryServer
) -> None:
    jwks_uri, key = oidc
    runtime = load_settings(
        RuntimeSettings,
        state_dir=tmp_path / "state",
        jwt_jwks_uri=jwks_uri,
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
    )
    mcp = example_server(allow_write=True)
    app = http_app(mcp, [toolbox_of(mcp)], runtime)  # type: ignore[list-item]
    with live_server(app) as base:
        good = {"Authorization": f"Bearer {token(key)}"}
        async with Client(StreamableHttpTransport(f"{base}/mcp", headers=good)) as client:
            await client.call_tool("set_state", {"item_id": "item-3", "state": "on"})
        reader = {"Authorization": f"Bearer {token(key, scope='read')}"}
        async with Client(StreamableHttpTransport(f"{base}/mcp", headers=reader)) as client:
            assert "set_state" not in {t.name for t in await client.list_tools()}
            with pytest.raises(ToolError, match="lacks the 'write' scope"):
                await client.call_tool("set_state", {"item_id": "item-3", "state": "off"})
        rpc = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
        accept = {"Accept": "application/json, text/event-stream"}
        async with httpx.AsyncClient() as raw:
            for bad in (token(key, audience="someone-else"), token(key, ttl=-60), "not-a-jwt"):
                answer = await raw.post(
                    f"{base}/mcp", json=rpc, headers={**accept, "Authorization": f"Bearer {bad}"}
                )
                assert answer.status_code == 401
    assert inventory.items["item-3"]["state"] == "on"
