"""Every installed server mounted in one in-process gateway, for the tool-budget and tool-search
benches (and the retrieval-quality test).

Each server gets dummy settings (URLs at an address nothing listens on, placeholder secrets):
``tools/list`` never contacts an upstream, so nothing is reached. ``writes`` also switches on
every server's writes and destructive tools, so the whole catalogue is listed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastmcp import FastMCP
from pydantic import SecretStr

from homelab_gateway.app import Member, build_gateway, load_member
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.spec import ServerSpec, discover_all

DUMMY_URL = "http://127.0.0.1:9"  # the discard port: never contacted by tools/list
SECRET = "bench-placeholder-0123456789"
# Servers whose settings need one of several optional groups: every group, so every tool exists.
OPTIONAL_GROUPS = {
    **{f"{app}_URL": DUMMY_URL for app in ("SONARR", "RADARR", "PROWLARR", "SABNZBD")},
    **{f"{app}_API_KEY": SECRET for app in ("SONARR", "RADARR", "PROWLARR", "SABNZBD")},
    "ARGOCD_URL": DUMMY_URL,
    "ARGOCD_TOKEN": SECRET,
    "MINIO_ENDPOINT": "127.0.0.1:9",
    "MINIO_ACCESS_KEY": SECRET,
    "MINIO_SECRET_KEY": SECRET,
    "PLEX_URL": DUMMY_URL,
    "PLEX_TOKEN": SECRET,
    "TAUTULLI_URL": DUMMY_URL,
    "TAUTULLI_API_KEY": SECRET,
}
KUBECONFIG = f"""apiVersion: v1
kind: Config
clusters: [{{name: dummy, cluster: {{server: "{DUMMY_URL}"}}}}]
users: [{{name: dummy, user: {{token: {SECRET}}}}}]
contexts: [{{name: dummy, context: {{cluster: dummy, user: dummy, namespace: default}}}}]
current-context: dummy
"""


def dummy_env(specs: list[ServerSpec], writes: bool) -> dict[str, str]:
    env: dict[str, str] = dict(OPTIONAL_GROUPS)
    for spec in specs:
        cls = spec.settings_cls
        for name, info in cls.model_fields.items():
            var = cls.env_name(name)
            if name in ("allow_write", "allow_destructive"):
                env[var] = "true" if writes else "false"
            elif not info.is_required():
                continue
            elif "url" in name.lower():
                env[var] = DUMMY_URL
            elif info.annotation in (SecretStr, str):
                env[var] = SECRET
    return env


@contextmanager
def patched_env(env: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def mounted_members(state_dir: str, writes: bool = True) -> list[Member]:
    """Every installed server, loaded with dummy settings (state in ``state_dir``)."""
    specs, _broken = discover_all()
    kubeconfig = Path(state_dir) / "kubeconfig"
    kubeconfig.write_text(KUBECONFIG, encoding="utf-8")
    env = {
        **dummy_env(specs, writes),
        "HOMELAB_STATE_DIR": state_dir,
        "INFRA_KUBECONFIG": str(kubeconfig),
    }
    with patched_env(env):
        runtime = load_settings(RuntimeSettings)
        return [load_member(spec, runtime) for spec in specs]


def full_gateway(state_dir: str, writes: bool = True, **options: Any) -> FastMCP[Any]:
    return build_gateway(mounted_members(state_dir, writes), **options)
