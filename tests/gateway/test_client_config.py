"""``client-config`` prints what completes a started configuration and nothing that breaks it:
a URL's token once the URL is set, the rest of an either/or half once that half is started and not
the other half, and no placeholder for a value that has a default. Filled in as printed, every
case loads."""

from __future__ import annotations

import json

import pytest

from homelab_gateway.app import find_spec
from homelab_gateway.config import client_config
from homelab_shared.settings import PLACEHOLDER, load_settings
from homelab_shared.spec import discover

SECRET = "the-real-secret-0123456789"
# server -> (what the operator set, what the printed env must hold exactly)
CASES: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "argocd url": (
        "infrastructure",
        {"ARGOCD_URL": "https://argocd.lan"},
        {"ARGOCD_URL": "https://argocd.lan", "ARGOCD_TOKEN": "<ARGOCD_TOKEN>"},
    ),
    "argocd token": (
        "infrastructure",
        {"ARGOCD_TOKEN": SECRET},
        {"ARGOCD_URL": "<ARGOCD_URL>", "ARGOCD_TOKEN": "<ARGOCD_TOKEN>"},
    ),
    "minio endpoint": (
        "infrastructure",
        {"MINIO_ENDPOINT": "http://minio.lan:9000"},
        {
            "MINIO_ENDPOINT": "http://minio.lan:9000",
            "MINIO_ACCESS_KEY": "<MINIO_ACCESS_KEY>",
            "MINIO_SECRET_KEY": "<MINIO_SECRET_KEY>",
        },
    ),
    "minio one key from a file": (
        "infrastructure",
        {"MINIO_ENDPOINT": "http://minio.lan:9000", "MINIO_SECRET_KEY_FILE": "/run/s3"},
        {
            "MINIO_ENDPOINT": "http://minio.lan:9000",
            "MINIO_ACCESS_KEY": "<MINIO_ACCESS_KEY>",
            "MINIO_SECRET_KEY": "<MINIO_SECRET_KEY>",
        },
    ),
    "plex half": (
        "plex",
        {"PLEX_URL": "http://plex.lan:32400"},
        {"PLEX_URL": "http://plex.lan:32400", "PLEX_TOKEN": "<PLEX_TOKEN>"},
    ),
    "tautulli half": (
        "plex",
        {"TAUTULLI_API_KEY": SECRET},
        {"TAUTULLI_URL": "<TAUTULLI_URL>", "TAUTULLI_API_KEY": "<TAUTULLI_API_KEY>"},
    ),
    "plex with nothing set offers both halves": (
        "plex",
        {},
        {
            "PLEX_URL": "<PLEX_URL>",
            "PLEX_TOKEN": "<PLEX_TOKEN>",
            "TAUTULLI_URL": "<TAUTULLI_URL>",
            "TAUTULLI_API_KEY": "<TAUTULLI_API_KEY>",
        },
    ),
    "anthropic base url": (
        "routing",
        {"ANTHROPIC_BASE_URL": "http://proxy.lan:4000"},
        {"ANTHROPIC_BASE_URL": "http://proxy.lan:4000", "ANTHROPIC_API_KEY": "<ANTHROPIC_API_KEY>"},
    ),
    "anthropic key keeps the default base url": (
        "routing",
        {"ANTHROPIC_API_KEY": SECRET},
        {"ANTHROPIC_API_KEY": "<ANTHROPIC_API_KEY>"},
    ),
    "home assistant url": (
        "home-assistant",
        {"HA_URL": "http://ha.lan:8123"},
        {"HA_URL": "http://ha.lan:8123", "HA_TOKEN": "<HA_TOKEN>"},
    ),
}


def printed_env(name: str) -> dict[str, str]:
    out = client_config("claude", name=name)
    entry = json.loads(out.split("\n", 1)[1])["mcpServers"][f"homelab-{name}"]
    return {k: v for k, v in entry["env"].items() if not k.startswith("HOMELAB_")}


def filled(env: dict[str, str]) -> dict[str, str]:
    """What the operator pastes after filling each placeholder with a value of its kind."""

    def value(var: str) -> str:
        return "http://127.0.0.1:9" if var.endswith(("_URL", "_ENDPOINT")) else SECRET

    return {k: value(k) if PLACEHOLDER.match(v) else v for k, v in env.items()}


@pytest.mark.parametrize("case", list(CASES))
def test_the_printed_env_completes_what_was_started(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, given, expected = CASES[case]
    for var, value in given.items():
        monkeypatch.setenv(var, value)
    env = printed_env(name)
    assert env == expected
    assert SECRET not in json.dumps(env)
    for var in given:
        monkeypatch.delenv(var)
    for var, value in filled(env).items():
        monkeypatch.setenv(var, value)
    spec = find_spec(discover(), name)
    if name == "plex" and not given:  # either half is enough: the operator fills one of them
        for var in ("TAUTULLI_URL", "TAUTULLI_API_KEY"):
            monkeypatch.delenv(var)
    load_settings(spec.settings_cls)  # raises ConfigError naming what is still missing
