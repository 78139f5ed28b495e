"""Caller identity over real HTTP: static tokens and JWTs never share an identity, a JWT names its
user (not its OAuth app), JWTs must expire, and the audit log and confirmation binding use the
qualified id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport
from fastmcp.exceptions import ToolError

from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from tests.example.upstream import InventoryServer
from tests.harness import structured
from tests.harness.live import live_server
from tests.harness.oidc import AUDIENCE, ISSUER, mint, oidc_provider

ADMIN = "static-admin-token-0123456789"
RPC = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
ACCEPT = {"Accept": "application/json, text/event-stream"}


@pytest.fixture
def served(example_server: Any, tmp_path: Path) -> Iterator[tuple[str, Any, RuntimeSettings]]:
    with oidc_provider() as (jwks_uri, key):
        runtime = load_settings(
            RuntimeSettings,
            state_dir=tmp_path / "state",
            auth_tokens=f"admin:read,write:{ADMIN}",
            jwt_jwks_uri=jwks_uri,
            jwt_issuer=ISSUER,
            jwt_audience=AUDIENCE,
        )
        mcp = example_server(allow_write=True, allow_destructive=True)
        app = http_app(mcp, [toolbox_of(mcp)], runtime)  # type: ignore[list-item]
        with live_server(app) as base:
            yield base, key, runtime


def as_caller(base: str, bearer: str) -> Client[Any]:
    headers = {"Authorization": f"Bearer {bearer}"}
    return Client(StreamableHttpTransport(f"{base}/mcp", headers=headers))


def list_tools_status(base: str, bearer: str) -> int:
    headers = {**ACCEPT, "Authorization": f"Bearer {bearer}"}
    return httpx.post(f"{base}/mcp", json=RPC, headers=headers).status_code


def user(key: Any, sub: str, client_id: str = "grafana", scope: str = "read write") -> str:
    return mint(key, sub=sub, client_id=client_id, azp=client_id, scope=scope)


async def preview(base: str, bearer: str, item: str) -> str:
    async with as_caller(base, bearer) as client:
        first = await client.call_tool("delete_item", {"item_id": item})
    return structured(first)["result"]["confirm_token"]


async def confirm(base: str, bearer: str, item: str, token: str) -> None:
    async with as_caller(base, bearer) as client:
        await client.call_tool("delete_item", {"item_id": item, "confirm_token": token})


def audit(runtime: RuntimeSettings) -> list[tuple[str, str]]:
    lines = [json.loads(x) for x in runtime.audit_path().read_text().splitlines()]
    return [(line["client_id"], line["outcome"]) for line in lines]


async def test_a_jwt_claiming_client_admin_is_not_the_static_admin(
    served: tuple[str, Any, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, key, runtime = served
    impostor = user(key, sub="admin", client_id="admin")
    token = await preview(base, ADMIN, "item-1")
    with pytest.raises(ToolError, match="another client"):
        await confirm(base, impostor, "item-1", token)
    stolen_by_admin = await preview(base, impostor, "item-1")
    with pytest.raises(ToolError, match="another client"):
        await confirm(base, ADMIN, "item-1", stolen_by_admin)
    assert "item-1" in inventory.items
    jwt_admin = f"jwt:{ISSUER}:admin"
    assert audit(runtime) == [
        ("static:admin", "preview"),
        (jwt_admin, "refused:confirm_mismatch"),
        (jwt_admin, "preview"),
        ("static:admin", "refused:confirm_mismatch"),
    ]


async def test_bob_cannot_confirm_alices_call_through_the_same_app(
    served: tuple[str, Any, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, key, runtime = served
    alice, bob = user(key, "alice"), user(key, "bob")
    token = await preview(base, alice, "item-2")
    with pytest.raises(ToolError, match="another client"):
        await confirm(base, bob, "item-2", token)
    assert "item-2" in inventory.items
    await confirm(base, alice, "item-2", token)
    assert "item-2" not in inventory.items
    assert audit(runtime) == [
        (f"jwt:{ISSUER}:alice", "preview"),
        (f"jwt:{ISSUER}:bob", "refused:confirm_mismatch"),
        (f"jwt:{ISSUER}:alice", "ok"),
    ]


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"sub": "alice", "ttl": None}, id="no-exp"),
        pytest.param({"ttl": 300}, id="no-sub"),
        pytest.param({"sub": "alice", "exp": "never"}, id="exp-not-a-number"),
    ],
)
def test_jwts_without_expiry_or_subject_are_rejected(
    claims: dict[str, Any], served: tuple[str, Any, RuntimeSettings]
) -> None:
    base, key, _ = served
    bad = mint(key, scope="read write", client_id="grafana", **claims)
    answer = httpx.post(
        f"{base}/mcp", json=RPC, headers={**ACCEPT, "Authorization": f"Bearer {bad}"}
    )
    assert answer.status_code == 401
    good = mint(key, sub="alice", scope="read write")
    answer = httpx.post(
        f"{base}/mcp", json=RPC, headers={**ACCEPT, "Authorization": f"Bearer {good}"}
    )
    assert answer.status_code == 200  # the same provider's well-formed token is accepted


async def test_a_token_without_write_scope_is_refused_and_audited(
    served: tuple[str, Any, RuntimeSettings], inventory: InventoryServer
) -> None:
    base, key, runtime = served
    async with as_caller(base, user(key, "carol", scope="read")) as client:
        with pytest.raises(ToolError, match="lacks the 'write' scope"):
            await client.call_tool("set_state", {"item_id": "item-3", "state": "on"})
    assert inventory.items["item-3"]["state"] == "off"
    assert audit(runtime) == [(f"jwt:{ISSUER}:carol", "refused:no_write_scope")]
