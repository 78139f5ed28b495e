"""Safety through the call proxy, over real streamable HTTP with bearer tokens.

The gateway (search mode, the example inventory server mounted with writes and destructive tools
on) runs under uvicorn on a free port; a real MCP client calls each write and destructive tool
directly and through ``call_tool``, with a read-only token and with a read-write one, and the
answers and audit lines must be the same.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport
from fastmcp.exceptions import ToolError

from homelab_gateway.app import build_gateway, load_member
from homelab_gateway.toolsearch import CALL_TOOL, SEARCH_TOOL, install
from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.conftest import API_KEY
from tests.example.server import SPEC
from tests.example.upstream import InventoryServer
from tests.harness import structured
from tests.harness.live import live_server

READER = "reader-token-0123456789abcdef"
WRITER = "writer-token-0123456789abcdef"
NARROW = "narrow-token-0123456789abcdef"


@pytest.fixture
def base(monkeypatch: pytest.MonkeyPatch, inventory: InventoryServer, tmp_path: Any) -> Any:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv("EXAMPLE_ALLOW_WRITE", "true")
    monkeypatch.setenv("EXAMPLE_ALLOW_DESTRUCTIVE", "true")
    profiles = tmp_path / "profiles.toml"
    profiles.write_text('[profiles.lookup]\ninclude = ["ex_get_item"]\n', encoding="utf-8")
    monkeypatch.setenv("HOMELAB_PROFILES_FILE", str(profiles))
    tokens = f"reader:read:{READER} writer:read,write:{WRITER} narrow:read,profile=lookup:{NARROW}"
    runtime = load_settings(RuntimeSettings, state_dir=tmp_path / "state", auth_tokens=tokens)
    member = load_member(SPEC, runtime)
    gateway = build_gateway([member])
    install(gateway, [member], runtime, mode="search")
    app = http_app(gateway, [member.box] if member.box else [], runtime)
    with live_server(app) as url:
        yield url, runtime


@asynccontextmanager
async def client(url: str, token: str) -> AsyncIterator[Client[Any]]:
    headers = {"Authorization": f"Bearer {token}"}
    async with Client(StreamableHttpTransport(f"{url}/mcp", headers=headers)) as connected:
        yield connected


async def refusal(call: Any) -> str:
    with pytest.raises(ToolError) as raised:
        await call
    return str(raised.value)


def audit(runtime: RuntimeSettings) -> list[tuple[str, str, Any, str]]:
    lines = runtime.audit_path().read_text().splitlines()
    return [
        (a["tool"], a["client_id"], a["arguments"], a["outcome"]) for a in map(json.loads, lines)
    ]


async def test_a_read_only_token_is_refused_through_the_proxy_exactly_as_directly(
    base: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    url, runtime = base
    write = ("ex_set_state", {"item_id": "item-4", "state": "on"})
    destroy = ("ex_delete_item", {"item_id": "item-4"})
    async with client(url, READER) as reader:
        assert {t.name for t in await reader.list_tools()} == {"status", SEARCH_TOOL, CALL_TOOL}
        found = structured(
            await reader.call_tool(SEARCH_TOOL, {"query": "set or delete an item", "limit": 10})
        )
        assert {"ex_set_state", "ex_delete_item"}.isdisjoint(t["name"] for t in found["tools"])
        for name, args in (write, destroy):
            direct = await refusal(reader.call_tool(name, args))
            proxied = await refusal(reader.call_tool(CALL_TOOL, {"name": name, "arguments": args}))
            assert proxied == direct
            assert "lacks the 'write' scope" in direct
    assert inventory.items["item-4"]["state"] == "off"
    assert "item-4" in inventory.items
    lines = audit(runtime)
    expected = [
        ("set_state", "static:reader", write[1], "refused:no_write_scope"),
        ("delete_item", "static:reader", destroy[1], "refused:no_write_scope"),
    ]
    assert lines == [expected[0], expected[0], expected[1], expected[1]]


async def test_a_destructive_call_through_the_proxy_needs_the_confirmation_of_its_arguments(
    base: tuple[str, RuntimeSettings], inventory: InventoryServer
) -> None:
    url, runtime = base

    def via_proxy(args: dict[str, Any]) -> dict[str, Any]:
        return {"name": "ex_delete_item", "arguments": args}

    async with client(url, WRITER) as writer:
        preview = structured(await writer.call_tool(CALL_TOOL, via_proxy({"item_id": "item-6"})))
        token = preview["result"]["confirm_token"]
        assert "item-6" in inventory.items
        other = via_proxy({"item_id": "item-7", "confirm_token": token})
        assert "does not match" in await refusal(writer.call_tool(CALL_TOOL, other))
        direct_preview = structured(await writer.call_tool("ex_delete_item", {"item_id": "item-7"}))
        assert direct_preview["result"]["status"] == "confirmation_required"
        done = via_proxy({"item_id": "item-6", "confirm_token": token})
        assert structured(await writer.call_tool(CALL_TOOL, done))["result"]["id"] == "item-6"
        assert "was already used" in await refusal(writer.call_tool(CALL_TOOL, done))
    async with client(url, READER) as reader:  # the writer's token is bound to the writer
        stolen = via_proxy({"item_id": "item-6", "confirm_token": token})
        assert "lacks the 'write' scope" in await refusal(reader.call_tool(CALL_TOOL, stolen))
    assert "item-6" not in inventory.items
    assert "item-7" in inventory.items
    outcomes = [(line[0], line[1], line[3]) for line in audit(runtime)]
    assert outcomes == [
        ("delete_item", "static:writer", "preview"),
        ("delete_item", "static:writer", "refused:confirm_mismatch"),
        ("delete_item", "static:writer", "preview"),
        ("delete_item", "static:writer", "ok"),
        ("delete_item", "static:writer", "refused:confirm_used"),
        ("delete_item", "static:reader", "refused:no_write_scope"),
    ]


async def test_a_tokens_profile_limits_what_it_lists_searches_and_calls(
    base: tuple[str, RuntimeSettings],
) -> None:
    url, _ = base
    async with client(url, NARROW) as narrow:
        found = structured(
            await narrow.call_tool(SEARCH_TOOL, {"query": "list inventory items", "limit": 10})
        )
        assert {t["name"] for t in found["tools"]} <= {"ex_get_item", "status"}
        item = await narrow.call_tool(
            CALL_TOOL, {"name": "ex_get_item", "arguments": {"item_id": "item-1"}}
        )
        assert structured(item)["id"] == "item-1"
        for call in (
            narrow.call_tool("ex_list_items", {}),
            narrow.call_tool(CALL_TOOL, {"name": "ex_list_items", "arguments": {}}),
        ):
            assert "not in this client's profile 'lookup'" in await refusal(call)
