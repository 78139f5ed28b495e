"""Search mode and profiles in the gateway, through an in-memory MCP client.

The mounted server is the example inventory server (one tool of each safety class) against its
real HTTP upstream; Home Assistant is mounted too (dummy URL, never contacted) so profiles have
a second server to keep out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client, FastMCP
from fastmcp.exceptions import ToolError

from home_assistant_mcp.spec import SPEC as HA
from homelab_gateway.app import Member, build_gateway, load_member
from homelab_gateway.profiles import GatewayOptions, Profiles, ToolsMode, load_profiles
from homelab_gateway.toolsearch import CALL_TOOL, SEARCH_TOOL, apply
from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.conftest import API_KEY
from tests.example.server import SPEC
from tests.example.upstream import InventoryServer
from tests.gateway.test_gateway import run_cli
from tests.harness import structured

NAMESPACES = {"example": "ex", "ex": "ex", "home-assistant": "ha", "ha": "ha"}


@pytest.fixture
def members(
    monkeypatch: pytest.MonkeyPatch, inventory: InventoryServer, runtime: RuntimeSettings
) -> list[Member]:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv("HA_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("HA_TOKEN", "ha-token-never-sent-0123456789")
    return [load_member(SPEC, runtime), load_member(HA, runtime)]


def gateway(members: list[Member], profiles: Profiles) -> FastMCP[Any]:
    built = build_gateway(members)
    apply(built, members, profiles)
    return built


def profiles_from(tmp_path: Path, text: str, **options: Any) -> Profiles:
    path = tmp_path / "profiles.toml"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(GatewayOptions, profiles_file=path)
    return load_profiles(settings, NAMESPACES, **options)


def audit(runtime: RuntimeSettings) -> list[dict[str, Any]]:
    path = runtime.audit_path()
    lines = path.read_text().splitlines() if path.exists() else []
    return [json.loads(line) for line in lines]


def decisions(runtime: RuntimeSettings) -> list[tuple[str, str, Any, str]]:
    return [(a["tool"], a["client_id"], a["arguments"], a["outcome"]) for a in audit(runtime)]


async def search(client: Client[Any], query: str, limit: int = 5) -> list[str]:
    found = structured(await client.call_tool(SEARCH_TOOL, {"query": query, "limit": limit}))
    return [t["name"] for t in found["tools"]]


async def test_search_mode_lists_three_tools_and_finds_the_rest(members: list[Member]) -> None:
    async with Client(gateway(members, Profiles(mode="search"))) as client:
        listed = await client.list_tools()
        assert {t.name for t in listed} == {"status", SEARCH_TOOL, CALL_TOOL}
        wire = [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in listed]
        assert len(json.dumps(wire)) / 4 <= 1500  # the budget for search mode
        answer = structured(
            await client.call_tool(SEARCH_TOOL, {"query": "get one inventory item", "limit": 2})
        )
        assert answer["tools"][0]["name"] == "ex_get_item"
        assert answer["tools"][0]["input_schema"]["required"] == ["item_id"]
        assert len(answer["tools"]) == 2
        assert (await search(client, "entity history of a sensor", 3))[0].startswith("ha_")
        item = await client.call_tool(
            CALL_TOOL, {"name": "ex_get_item", "arguments": {"item_id": "item-4"}}
        )
        assert structured(item)["name"] == "Widget 4"
        with pytest.raises(ToolError, match="cannot be called through call_tool"):
            await client.call_tool(CALL_TOOL, {"name": CALL_TOOL, "arguments": {}})


async def test_a_disabled_write_is_not_found_and_the_proxy_refuses_it_as_a_direct_call(
    members: list[Member], runtime: RuntimeSettings
) -> None:
    args = {"item_id": "item-4", "state": "on"}
    async with Client(gateway(members, Profiles(mode="search"))) as client:
        assert "ex_set_state" not in await search(client, "switch an item on or off", 10)
        with pytest.raises(ToolError) as direct:
            await client.call_tool("ex_set_state", args)
        with pytest.raises(ToolError) as proxied:
            await client.call_tool(CALL_TOOL, {"name": "ex_set_state", "arguments": args})
    assert str(proxied.value) == str(direct.value)
    assert "EXAMPLE_ALLOW_WRITE=true" in str(direct.value)
    refusal = ("set_state", "local", args, "refused:disabled")
    assert decisions(runtime) == [refusal, refusal]


async def test_the_proxy_gives_the_same_confirmation_flow_as_a_direct_call(
    monkeypatch: pytest.MonkeyPatch, inventory: InventoryServer, runtime: RuntimeSettings
) -> None:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv("EXAMPLE_ALLOW_WRITE", "true")
    monkeypatch.setenv("EXAMPLE_ALLOW_DESTRUCTIVE", "true")
    members = [load_member(SPEC, runtime)]
    async with Client(gateway(members, Profiles(mode="search"))) as client:
        first = {"name": "ex_delete_item", "arguments": {"item_id": "item-2"}}
        wrapped = structured(await client.call_tool(CALL_TOOL, first))
        preview = wrapped["result"]  # the tool returns a union: wrapped, as on a direct call
        assert preview["status"] == "confirmation_required"
        assert "item-2" in inventory.items
        token = preview["confirm_token"]
        other = {"item_id": "item-3", "confirm_token": token}
        with pytest.raises(ToolError, match="does not match"):
            await client.call_tool(CALL_TOOL, {"name": "ex_delete_item", "arguments": other})
        # A token from the proxy's preview works on a direct call: one gate, one binding.
        await client.call_tool("ex_delete_item", {"item_id": "item-2", "confirm_token": token})
    assert "item-2" not in inventory.items
    assert [d[3] for d in decisions(runtime)] == ["preview", "refused:confirm_mismatch", "ok"]


async def test_a_profile_hides_other_servers_and_classes_in_every_mode(
    members: list[Member], runtime: RuntimeSettings, tmp_path: Path
) -> None:
    text = '[profiles.inventory]\nservers = ["example"]\nsafety = ["read"]\n'
    for mode in ("all", "search"):
        profiles = profiles_from(tmp_path, text, mode=mode, profile="inventory")
        async with Client(gateway(members, profiles)) as client:
            names = {t.name for t in await client.list_tools()}
            if mode == "all":
                assert names == {"status", "ex_list_items", "ex_get_item", "ex_dump_everything"}
            else:
                found = await search(client, "state of an item or a home assistant entity", 10)
                assert found and all(n.startswith("ex_") or n == "status" for n in found)
            for name in ("ha_get_entity", "ex_delete_item"):
                with pytest.raises(ToolError, match="not in this client's profile 'inventory'"):
                    await client.call_tool(name, {"entity_id": "light.x", "item_id": "item-1"})
                if mode == "search":
                    with pytest.raises(ToolError, match="client's profile 'inventory'"):
                        await client.call_tool(CALL_TOOL, {"name": name, "arguments": {}})
    # Refusals of a write-class tool are audited (the read-class ha_get_entity is not).
    assert {d[3] for d in decisions(runtime)} == {"refused:profile"}
    assert {d[0] for d in decisions(runtime)} == {"delete_item"}


async def test_profile_tools_filters_and_its_own_mode(
    members: list[Member], tmp_path: Path
) -> None:
    text = (
        '[profiles.small]\ntools = "search"\nsafety = ["read"]\nexclude = ["ha_*"]\n'
        '[profiles.few]\ninclude = ["ex_get_*", "ha_get_entity"]\n'
    )
    small = profiles_from(tmp_path, text, profile="small")
    async with Client(gateway(members, small)) as client:
        assert {t.name for t in await client.list_tools()} == {"status", SEARCH_TOOL, CALL_TOOL}
        assert not [n for n in await search(client, "entity state", 10) if n.startswith("ha_")]
    few = profiles_from(tmp_path, text, profile="few")
    async with Client(gateway(members, few)) as client:
        names = {t.name for t in await client.list_tools()}
    assert names == {"status", "ex_get_item", "ha_get_entity"}


@pytest.mark.parametrize(
    ("text", "options", "problem"),
    [
        ('[profiles.x]\nservers = ["plexx"]\n', {}, "'plexx' (known: example, home-assistant)"),
        ("[profiles.x]\nsafety = ['admin']\n", {}, "profile 'x': safety.0: Input should be 'read'"),
        ("[profiles.x]\nservers = 'ha'\n", {}, "profile 'x': servers: Input should be"),
        ("[profile.x]\n", {}, "profiles go in [profiles.X]"),
        ("[profiles.x\n", {}, "is not valid TOML"),
        ("", {"profile": "media"}, "names the profile 'media', which is not defined"),
    ],
)
def test_bad_profile_configuration_is_refused_at_start(
    tmp_path: Path, text: str, options: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(problem)):
        profiles_from(tmp_path, text, **options)


def test_a_token_naming_an_unknown_profile_is_refused_at_start(tmp_path: Path) -> None:
    profiles = profiles_from(tmp_path, "[profiles.media]\n")
    profiles.check_tokens([["read", "profile=media"], ["read"]])
    with pytest.raises(ConfigError, match="a token in HOMELAB_AUTH_TOKENS names the profile"):
        profiles.check_tokens([["read", "profile=medai"]])


def test_client_config_launches_with_the_mode_and_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "client-config", "claude", "--tools", "search", "--profile", "x")
    args = json.loads(out.split("\n", 1)[1])["mcpServers"]["homelab"]["args"]
    assert args[-6:] == ["--transport", "stdio", "--tools", "search", "--profile", "x"]
    code, out, _ = run_cli(capsys, "client-config", "openwebui", "--profile", "small")
    assert code == 0
    assert "'<client>:read,profile=small:<token>'" in out.splitlines()[0]
    code, _, err = run_cli(capsys, "client-config", "claude", "--server", "plex", "--tools", "all")
    assert code == 2
    assert "apply to the gateway, not to --server" in err
    code, _, err = run_cli(capsys, "serve", "plex", "--profile", "media")
    assert code == 2
    assert "apply to the gateway, not to one server" in err


@pytest.mark.parametrize("mode", ["all", "search"])
async def test_a_tool_of_an_unmounted_server_names_what_enables_it_in_both_modes(
    mode: ToolsMode,
    members: list[Member],
    monkeypatch: pytest.MonkeyPatch,
    runtime: RuntimeSettings,
) -> None:
    """Through call_tool (search mode) as directly: not "Unknown tool" but the variables."""
    monkeypatch.delenv("HA_URL")
    monkeypatch.delenv("HA_TOKEN")
    unmounted = [members[0], load_member(HA, runtime)]
    assert unmounted[1].state == "not_configured"
    arguments = {"entity_id": "light.kitchen"}
    name, args = "ha_get_entity", arguments
    if mode == "search":
        name, args = CALL_TOOL, {"name": "ha_get_entity", "arguments": arguments}
    async with Client(gateway(unmounted, Profiles(mode=mode))) as client:
        with pytest.raises(ToolError) as err:
            await client.call_tool(name, args)
    message = str(err.value)
    assert "Unknown tool" not in message
    assert message.startswith("ha_get_entity belongs to Home Assistant (ha_* tools), which is not")
    assert "HA_URL is not set" in message
    assert "HA_TOKEN or HA_TOKEN_FILE is not set" in message
