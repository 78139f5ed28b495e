"""A wrong token and an unreachable Home Assistant give errors that say what to fix, over REST
and over the WebSocket, and never contain the token; the readiness probe reports both."""

from __future__ import annotations

import pytest
from fastmcp.exceptions import ToolError

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.spec import SPEC
from homelab_shared.errors import ConfigError
from homelab_shared.runner import run_probe
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.peers import free_port
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import mcp_client

WRONG_TOKEN = "wrong-token-0123456789abcdef"


async def tool_error(
    settings: HASettings, runtime: RuntimeSettings, tool: str, **args: object
) -> str:
    async with mcp_client(build_server(settings, runtime)) as client:
        with pytest.raises(ToolError) as caught:
            await client.call_tool(tool, args)
    return str(caught.value)


@pytest.mark.peer
async def test_wrong_token_names_ha_token(
    ha_peer: HomeAssistantPeer, runtime: RuntimeSettings
) -> None:
    settings = load_settings(HASettings, url=ha_peer.url, token=WRONG_TOKEN)
    rest = await tool_error(settings, runtime, "search_entities", query="light")
    assert rest.startswith("Home Assistant: rejected the credentials (HTTP 401 on GET /api/states)")
    assert "HA_TOKEN" in rest
    ws = await tool_error(settings, runtime, "list_areas")
    assert ws.startswith(
        "Home Assistant: rejected the credentials (WebSocket: Invalid access token"
    )
    assert "HA_TOKEN" in ws
    assert WRONG_TOKEN not in rest + ws

    ready = await run_probe(lambda: SPEC.check(settings))
    assert (ready.ok, ready.reachable, ready.authenticated) == (False, True, False)
    assert "HA_TOKEN" in ready.detail


async def test_stopped_home_assistant_names_ha_url(runtime: RuntimeSettings) -> None:
    settings = load_settings(HASettings, url=f"http://127.0.0.1:{free_port()}", token=WRONG_TOKEN)
    rest = await tool_error(settings, runtime, "get_entity", entity_id="light.bed_light")
    assert rest.startswith("Home Assistant: cannot connect")
    assert "HA_URL" in rest and "running" in rest
    ws = await tool_error(settings, runtime, "list_areas")
    assert ws.startswith("Home Assistant: cannot connect")
    assert "HA_URL" in ws
    assert WRONG_TOKEN not in rest + ws
    ready = await run_probe(lambda: SPEC.check(settings))
    assert (ready.ok, ready.reachable) == (False, False)


@pytest.mark.peer
async def test_probe_reports_version(ha_peer: HomeAssistantPeer) -> None:
    settings = load_settings(HASettings, url=f"{ha_peer.url}/api/", token=ha_peer.token)
    ready = await SPEC.check(settings)
    assert ready.ok and ready.authenticated
    assert ready.version == "2025.4.4"
    assert ready.detail == "Homelab Test: RUNNING"


def test_missing_settings_name_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(HASettings)
    assert "HA_URL is not set" in str(caught.value)
    assert "HA_TOKEN or HA_TOKEN_FILE is not set" in str(caught.value)
