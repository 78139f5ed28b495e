"""Legacy SSE transport, and JWT/OIDC bearer tokens checked against a JWKS on real loopback."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastmcp import Client
from fastmcp.client.transports import SSETransport, StreamableHttpTransport
from fastmcp.exceptions import ToolError
from jwt.algorithms import RSAAlgorithm

from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from tests.example.upstream import InventoryServer
from tests.harness import structured
from tests.harness.live import live_server
from tests.peers import free_port

ISSUER = "https://id.homelab.test/realms/home"
AUDIENCE = "homelab-mcp"


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


class _Jwks(ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture
def oidc() -> Iterator[tuple[str, Any]]:
    """A JWKS endpoint (as an OIDC provider publishes it) and the private key that signs."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Jwks(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/certs", key
    server.shutdown()
    server.server_close()


def token(key: Any, *, audience: str = AUDIENCE, scope: str = "read write", ttl: int = 300) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": audience,
        "sub": "user-1",
        "client_id": "grafana",
        "scope": scope,
        "iat": now,
        "exp": now + ttl,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})


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
