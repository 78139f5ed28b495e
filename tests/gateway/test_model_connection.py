"""The gateway serves the router's OpenAI-compatible API beside /mcp, behind the same token, and
``client-config openwebui`` prints both connections (MCP tools and the model)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from homelab_gateway.app import build_gateway, load_member
from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from routing_mcp.spec import SPEC as ROUTING
from tests.gateway.test_gateway import run_cli
from tests.harness.live import live_server

TOKEN = "gateway-test-token-0123456789abcdef"


def test_gateway_serves_the_model_api_behind_the_same_token(tmp_path: Path) -> None:
    runtime = load_settings(
        RuntimeSettings, state_dir=tmp_path / "state", auth_tokens=f"webui:read:{TOKEN}"
    )
    gateway = build_gateway([load_member(ROUTING, runtime)])
    with live_server(http_app(gateway, [], runtime)) as url:
        assert httpx.get(url + "/v1/models").status_code == 401
        wrong = httpx.get(url + "/v1/models", headers={"Authorization": "Bearer nope-nope-nope"})
        assert wrong.status_code == 401
        listed = httpx.get(url + "/v1/models", headers={"Authorization": f"Bearer {TOKEN}"})
    assert listed.status_code == 200
    ids = [m["id"] for m in listed.json()["data"]]
    assert ids[0] == "homelab-auto"
    assert "claude-sonnet" in ids


def test_openwebui_config_prints_the_tools_and_the_model_connection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run_cli(capsys, "client-config", "openwebui", "--url", "http://nas.lan:8000/mcp")
    assert code == 0
    assert "Type: MCP (Streamable HTTP)\nURL: http://nas.lan:8000/mcp" in out
    assert "Connections > OpenAI API" in out
    assert "URL: http://nas.lan:8000/v1\n" in out
    assert "homelab-auto" in out
    _, out, _ = run_cli(capsys, "client-config", "openwebui", "--server", "routing")
    assert "URL: http://127.0.0.1:8006/v1\n" in out
