"""Configuration (instances from the environment, errors naming the variable), instance choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client

from arr_suite_mcp.server import build_server, probe
from arr_suite_mcp.settings import ArrSettings
from arr_suite_mcp.spec import SPEC
from arr_suite_mcp.upstreams import Upstreams
from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import mcp_client
from tests.servers.arr_suite.conftest import KEYS, Lab, call, fails


def test_instances_come_from_app_variables(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key_file = tmp_path / "anime.key"
    key_file.write_text("anime-key\n")
    monkeypatch.setenv("SONARR_URL", "sonarr.lan:8989/")
    monkeypatch.setenv("SONARR_API_KEY", "main-key")
    monkeypatch.setenv("SONARR_ANIME_URL", "https://anime.lan")
    monkeypatch.setenv("SONARR_ANIME_API_KEY_FILE", str(key_file))
    monkeypatch.setenv("RADARR_4K_URL", "http://radarr-4k:7878")
    monkeypatch.setenv("RADARR_4K_API_KEY", "uhd-key")
    monkeypatch.setenv("ARR_ALLOW_WRITE", "true")
    settings = load_settings(ArrSettings)
    found = {(i.app, i.name): (i.url, i.api_key.get_secret_value()) for i in settings.instances}
    assert found == {
        ("sonarr", "default"): ("http://sonarr.lan:8989", "main-key"),
        ("sonarr", "anime"): ("https://anime.lan", "anime-key"),
        ("radarr", "4k"): ("http://radarr-4k:7878", "uhd-key"),
    }
    assert settings.allow_write and settings.missing_apps() == ["prowlarr", "sabnzbd"]


def test_json_list_adds_instances(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SONARR_URL", "http://sonarr")
    monkeypatch.setenv("SONARR_API_KEY", "k1")
    monkeypatch.setenv(
        "ARR_INSTANCES", '[{"app": "radarr", "name": "4k", "url": "radarr-4k", "api_key": "k2"}]'
    )
    settings = load_settings(ArrSettings)
    assert [(i.app, i.name, i.url) for i in settings.instances] == [
        ("sonarr", "default", "http://sonarr"),
        ("radarr", "4k", "http://radarr-4k"),
    ]
    monkeypatch.setenv("ARR_INSTANCES", "{not json")
    with pytest.raises(ConfigError, match="ARR_INSTANCES is invalid"):
        load_settings(ArrSettings)


def test_an_empty_key_file_of_an_unused_app_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "empty").write_text("")
    monkeypatch.setenv("PROWLARR_API_KEY_FILE", str(tmp_path / "empty"))
    monkeypatch.setenv("SONARR_URL", "http://sonarr")
    monkeypatch.setenv("SONARR_API_KEY", "k")
    assert [i.app for i in load_settings(ArrSettings).instances] == ["sonarr"]


def test_dotenv_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text(
        "PROWLARR_URL=http://prowlarr:9696\nPROWLARR_API_KEY=from-file\n"
    )
    monkeypatch.setenv("PROWLARR_API_KEY", "from-env")
    settings = load_settings(ArrSettings)  # the autouse fixture made tmp_path the cwd
    [inst] = settings.instances
    assert inst.url == "http://prowlarr:9696" and inst.api_key.get_secret_value() == "from-env"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "no app is configured: set SONARR_URL and SONARR_API_KEY"),
        ({"RADARR_4K_URL": "http://r"}, "RADARR_4K_API_KEY or RADARR_4K_API_KEY_FILE is not set"),
        ({"SABNZBD_API_KEY": "k"}, "SABNZBD_URL is not set"),
        ({"SONARR_URL": "ftp://x", "SONARR_API_KEY": "k"}, "SONARR_URL is invalid"),
        ({"SONARR_API_KEY_FILE": "/nonexistent/key", "SONARR_URL": "http://s"}, "cannot be read"),
    ],
)
def test_configuration_errors_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=message):
        load_settings(ArrSettings)


def test_api_keys_are_registered_as_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    from homelab_shared.redact import scrub

    monkeypatch.setenv("SABNZBD_URL", "http://sab")
    monkeypatch.setenv("SABNZBD_API_KEY", "sab-secret-0123456789")
    load_settings(ArrSettings)
    assert "sab-secret-0123456789" not in scrub("GET /api?apikey=sab-secret-0123456789")


async def test_app_with_several_instances_needs_a_name(ro: Client[Any]) -> None:
    text = await fails(ro, "list_library", app="radarr")
    assert "several instances (4k, default)" in text and "instance=" in text
    text = await fails(ro, "list_library", app="radarr", instance="anime")
    assert "no instance named 'anime'" in text and "Known: 4k, default" in text


async def test_unconfigured_app_is_reported_and_the_others_work(
    lab: Lab, runtime: RuntimeSettings
) -> None:
    only_sonarr = [i for i in lab.instances() if i["app"] == "sonarr"]
    settings = load_settings(ArrSettings, instances=only_sonarr)
    async with mcp_client(build_server(settings, runtime)) as client:
        text = await fails(client, "list_indexers")
        assert "Prowlarr: not configured" in text and "PROWLARR_URL" in text
        report = await call(client, "health")
        assert [h["app"] for h in report["instances"]] == ["sonarr"]
        assert report["not_configured"] == [
            "Radarr is not configured: set RADARR_URL and RADARR_API_KEY",
            "Prowlarr is not configured: set PROWLARR_URL and PROWLARR_API_KEY",
            "SABnzbd is not configured: set SABNZBD_URL and SABNZBD_API_KEY",
        ]
        queue = await call(client, "queue")
        assert {i["app"] for i in queue["items"]} == {"sonarr"}


async def test_readiness_checks_every_instance(lab: Lab) -> None:
    settings = load_settings(ArrSettings, instances=lab.instances())
    up = Upstreams(settings)
    try:
        ready = await probe(up)
        assert ready.ok and ready.authenticated
        assert ready.version and "Radarr (4k) 5.14.0.9383" in ready.version
        assert "SABnzbd 4.3.2" in ready.version
        lab.radarr4k.api_key = "rotated"
        lab.sab.api_key = "rotated"
        ready = await probe(up)
        assert not ready.ok and not ready.authenticated and ready.reachable
        assert "RADARR_4K_API_KEY" in ready.detail and "SABNZBD_API_KEY" in ready.detail
        assert KEYS["radarr4k"] not in ready.detail and KEYS["sabnzbd"] not in ready.detail
    finally:
        await up.aclose()


async def test_doctor_check_goes_through_the_spec(lab: Lab) -> None:
    settings = load_settings(ArrSettings, instances=lab.instances()[:1])
    ready = await SPEC.check(settings)
    assert ready.ok and ready.version == "Sonarr 4.0.11.2680"
    assert "not configured: radarr, prowlarr, sabnzbd" in ready.detail


async def test_wrong_sonarr_key_names_the_variable(ro: Client[Any], lab: Lab) -> None:
    lab.sonarr.api_key = "rotated"
    text = await fails(ro, "list_library", app="sonarr")
    assert "Sonarr: rejected the credentials" in text and "SONARR_API_KEY" in text
    assert KEYS["sonarr"] not in text


async def test_one_unreachable_instance_does_not_hide_the_others(ro: Client[Any], lab: Lab) -> None:
    lab.radarr4k.down = True
    report = await call(ro, "health")
    by = {(h["app"], h["instance"]): h for h in report["instances"]}
    error = by["radarr", "4k"]["error"]
    assert "cannot connect" in error and "RADARR_4K_URL" in error and not report["ok"]
    assert by["radarr", "default"]["version"] == "5.14.0.9383"
    queue = await call(ro, "queue", app="radarr")
    assert queue["unavailable"] == [error] or "RADARR_4K_URL" in queue["unavailable"][0]
    assert [i["instance"] for i in queue["items"]] == ["default"]


def test_client_config_placeholders_are_rejected_in_both_forms(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As a variable (the key read from a file too) and inside ARR_INSTANCES, naming where."""
    monkeypatch.setenv("SONARR_URL", "http://sonarr")
    monkeypatch.setenv("SONARR_API_KEY", "<SONARR_API_KEY>")
    (tmp_path / "key").write_text("<PROWLARR_API_KEY>\n")
    monkeypatch.setenv("PROWLARR_URL", "http://prowlarr")
    monkeypatch.setenv("PROWLARR_API_KEY_FILE", str(tmp_path / "key"))
    with pytest.raises(ConfigError) as err:
        load_settings(ArrSettings)
    assert err.value.problems == [
        "PROWLARR_API_KEY_FILE is invalid: still holds the client-config placeholder "
        "<PROWLARR_API_KEY>: replace it with the real value",
        "SONARR_API_KEY is invalid: still holds the client-config placeholder "
        "<SONARR_API_KEY>: replace it with the real value",
    ]
    for var in ("SONARR_URL", "SONARR_API_KEY", "PROWLARR_URL", "PROWLARR_API_KEY_FILE"):
        monkeypatch.delenv(var)
    monkeypatch.setenv(
        "ARR_INSTANCES", '[{"app": "radarr", "name": "4k", "url": "<URL>", "api_key": "k"}]'
    )
    with pytest.raises(ConfigError, match="RADARR_4K_URL is invalid: still holds the client-co"):
        load_settings(ArrSettings)
