"""The gateway with arr-suite, whose variables are per instance (``SONARR_URL``, ``RADARR_4K_URL``)
and read by a settings source of its own: client-config offers them, doctor and status know them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client

from arr_suite_mcp.settings import ArrSettings
from arr_suite_mcp.spec import SPEC as ARR
from homelab_gateway.app import build_gateway, config_hints, load_member
from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.gateway.test_gateway import run_cli
from tests.harness import structured

SONARR_KEY = "sonarr-secret-0123456789abcdef"
UHD_KEY = "uhd-secret-0123456789abcdef"


def claude_env(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, str]:
    code, out, _ = run_cli(capsys, "client-config", "claude", *extra)
    assert code == 0
    entry = next(iter(json.loads(out.split("\n", 1)[1])["mcpServers"].values()))
    assert SONARR_KEY not in out and UHD_KEY not in out
    return {k: v for k, v in entry["env"].items() if not k.startswith("HOMELAB_")}


def test_client_config_offers_the_configured_instances(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key_file = tmp_path / "uhd.key"
    key_file.write_text(UHD_KEY)
    monkeypatch.setenv("SONARR_URL", "http://sonarr.lan:8989")
    monkeypatch.setenv("SONARR_API_KEY", SONARR_KEY)
    monkeypatch.setenv("RADARR_4K_URL", "http://radarr-4k.lan:7878")
    monkeypatch.setenv("RADARR_4K_API_KEY_FILE", str(key_file))
    monkeypatch.setenv("RADARR_4K_ALLOW_WRITE", "false")
    monkeypatch.setenv("ARR_ALLOW_WRITE", "true")
    env = claude_env(capsys, "--server", "arr-suite")
    assert env == {
        "ARR_ALLOW_WRITE": "true",
        "SONARR_URL": "http://sonarr.lan:8989",
        "SONARR_API_KEY": "<SONARR_API_KEY>",
        "RADARR_4K_URL": "http://radarr-4k.lan:7878",
        "RADARR_4K_API_KEY": "<RADARR_4K_API_KEY>",
        "RADARR_4K_ALLOW_WRITE": "false",
    }
    # The gateway's config (no --server) picks arr-suite up as configured, too.
    assert {"SONARR_URL", "RADARR_4K_API_KEY"} <= set(claude_env(capsys))

    # The pasted config works once its placeholders are filled, and names what is left if not.
    monkeypatch.delenv("RADARR_4K_API_KEY_FILE")
    keys = {"<SONARR_API_KEY>": SONARR_KEY, "<RADARR_4K_API_KEY>": UHD_KEY}
    filled = {var: keys.get(value, value) for var, value in env.items()}
    for var, value in filled.items():
        monkeypatch.setenv(var, value)
    settings = load_settings(ArrSettings)
    assert {(i.app, i.name) for i in settings.instances} == {
        ("sonarr", "default"),
        ("radarr", "4k"),
    }
    assert settings.allow_write
    assert [i.allow_write for i in settings.instances if i.name == "4k"] == [False]
    monkeypatch.setenv("RADARR_4K_API_KEY", "<RADARR_4K_API_KEY>")
    with pytest.raises(
        ConfigError, match="RADARR_4K_API_KEY is invalid: still holds the client-config"
    ):
        load_settings(ArrSettings)


def test_client_config_offers_every_app_when_none_is_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = claude_env(capsys, "--server", "arr-suite")
    assert env == {
        f"{app}_{kind}": f"<{app}_{kind}>"
        for app in ("SONARR", "RADARR", "PROWLARR", "SABNZBD")
        for kind in ("URL", "API_KEY")
    }


def test_instances_json_with_keys_is_never_copied(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = [{"app": "radarr", "name": "4k", "url": "http://r4k:7878", "api_key": UHD_KEY}]
    monkeypatch.setenv("ARR_INSTANCES", json.dumps(listed))
    env = claude_env(capsys, "--server", "arr-suite")
    assert env["ARR_INSTANCES"] == "<ARR_INSTANCES>"


def member(runtime: RuntimeSettings) -> Any:
    return load_member(ARR, runtime, config_hints([ARR]))


async def test_status_names_the_apps_that_are_not_configured(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings
) -> None:
    monkeypatch.setenv("SONARR_URL", "http://sonarr.lan:8989")
    monkeypatch.setenv("SONARR_API_KEY", SONARR_KEY)
    arr = member(runtime)
    assert arr.state == "mounted" and not arr.needs_attention
    async with Client(build_gateway([arr])) as client:
        status = structured(await client.call_tool("status", {}))
    [server] = status["servers"]
    assert server["state"] == "mounted"
    assert server["missing"] == [
        "Radarr is not configured: set RADARR_URL and RADARR_API_KEY",
        "Prowlarr is not configured: set PROWLARR_URL and PROWLARR_API_KEY",
        "SABnzbd is not configured: set SABNZBD_URL and SABNZBD_API_KEY",
    ]


def test_a_half_set_instance_is_misconfigured_not_absent(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings
) -> None:
    monkeypatch.setenv("RADARR_4K_URL", "http://radarr-4k.lan:7878")
    arr = member(runtime)
    assert arr.state == "misconfigured" and arr.needs_attention
    assert arr.problems == ["RADARR_4K_API_KEY or RADARR_4K_API_KEY_FILE is not set"]


def test_instance_variables_are_no_typos_but_misspellings_are(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings
) -> None:
    monkeypatch.setenv("RADARR_4K_URL", "http://radarr-4k.lan:7878")
    monkeypatch.setenv("RADARR_4K_API_KEY", UHD_KEY)
    assert member(runtime).problems == []
    monkeypatch.setenv("SONARR_ULR", "http://sonarr.lan:8989")
    arr = member(runtime)
    assert arr.problems == ["SONARR_ULR is set: did you mean SONARR_URL?"]
    assert arr.needs_attention


async def test_tools_say_what_the_dropped_instructions_said(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings
) -> None:
    """The gateway does not pass a server's instructions on: what they said about ``instance``
    and about untrusted text must be in the tools themselves."""
    monkeypatch.setenv("SONARR_URL", "http://sonarr.lan:8989")
    monkeypatch.setenv("SONARR_API_KEY", SONARR_KEY)
    monkeypatch.setenv("ARR_ALLOW_WRITE", "true")
    monkeypatch.setenv("ARR_ALLOW_DESTRUCTIVE", "true")
    async with Client(build_gateway([member(runtime)])) as client:
        tools = [t for t in await client.list_tools() if t.name.startswith("arr_")]
    with_instance = [t for t in tools if "instance" in t.input_schema["properties"]]
    assert len(with_instance) >= 20
    for tool in with_instance:
        assert tool.input_schema["properties"]["instance"].get("description"), tool.name
    fenced = [t for t in tools if "untrusted text" in json.dumps(t.output_schema or {}).lower()]
    assert len(fenced) >= 10
    for tool in fenced:
        assert "untrusted text" in (tool.description or ""), tool.name
