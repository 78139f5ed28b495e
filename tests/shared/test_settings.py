from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, Field, SecretStr

from homelab_shared.errors import ConfigError
from homelab_shared.redact import scrub
from homelab_shared.settings import (
    UpstreamSettings,
    load_settings,
    server_config,
)


class DemoSettings(UpstreamSettings):
    model_config = server_config("DEMO_")

    url: str = Field(description="Demo base URL")
    token: SecretStr = Field(description="Demo API token")


def test_missing_variables_are_named_with_their_file_twin() -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(DemoSettings)
    message = str(err.value)
    problems = err.value.problems
    assert "DEMO_URL is not set (Demo base URL)" in message
    assert "DEMO_TOKEN or DEMO_TOKEN_FILE is not set (Demo API token)" in message
    assert problems == message.split("; ")
    assert len(problems) == 2


def test_invalid_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_URL", "http://x")
    monkeypatch.setenv("DEMO_TOKEN", "tok-123456")
    monkeypatch.setenv("DEMO_TIMEOUT", "-3")
    with pytest.raises(ConfigError, match="DEMO_TIMEOUT is invalid"):
        load_settings(DemoSettings)


def test_secret_from_file_and_registered_for_scrubbing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "token"
    secret.write_text("file-secret-value-42\n")
    monkeypatch.setenv("DEMO_URL", "http://x")
    monkeypatch.setenv("DEMO_TOKEN_FILE", str(secret))
    settings = load_settings(DemoSettings)
    assert settings.token.get_secret_value() == "file-secret-value-42"
    assert "file-secret-value-42" not in repr(settings)
    assert scrub("the token is file-secret-value-42") == "the token is ***"


def test_unreadable_secret_file_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_URL", "http://x")
    monkeypatch.setenv("DEMO_TOKEN_FILE", "/nonexistent/token")
    with pytest.raises(ConfigError, match="DEMO_TOKEN_FILE points to '/nonexistent/token'"):
        load_settings(DemoSettings)


def test_dotenv_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DEMO_URL=http://from-dotenv\nDEMO_TOKEN=dotenv-token\n")
    settings = load_settings(DemoSettings)  # the autouse fixture chdirs into tmp_path
    assert settings.url == "http://from-dotenv"
    assert settings.allow_write is False
    assert settings.verify_ssl is True


class Device(BaseModel):
    name: str
    password: SecretStr | None = None


class FleetSettings(UpstreamSettings):
    model_config = server_config("FLEET_")

    devices: list[Device] = Field(default_factory=list)


def test_nested_secrets_are_scrubbed_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEET_DEVICES", '[{"name": "plug", "password": "plug-pass-31337"}]')
    settings = load_settings(FleetSettings)
    assert settings.devices[0].password is not None
    assert scrub("login with plug-pass-31337 failed") == "login with *** failed"
