"""Dummy settings that make every installed server configured, for start-up measurements."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import SecretStr

from homelab_shared.spec import discover_all

KUBECONFIG = """apiVersion: v1
kind: Config
clusters: [{name: bench, cluster: {server: "URL"}}]
users: [{name: bench, user: {token: bench-placeholder}}]
contexts: [{name: bench, context: {cluster: bench, user: bench}}]
current-context: bench
"""


def optional_upstreams(url: str, state_dir: Path | None) -> dict[str, str]:
    """Servers whose every field is optional (any one app is enough): every app of each."""
    env = {
        f"{app}_{key}": url if key == "URL" else "bench-placeholder"
        for app in ("SONARR", "RADARR", "PROWLARR", "SABNZBD", "TAUTULLI", "PLEX", "ARGOCD")
        for key in ("URL", "API_KEY" if app not in ("PLEX", "ARGOCD") else "TOKEN")
    }
    env |= {
        "MINIO_ENDPOINT": urlsplit(url).netloc,
        "MINIO_ACCESS_KEY": "bench-placeholder",
        "MINIO_SECRET_KEY": "bench-placeholder",
        "MINIO_SECURE": "false",
    }
    if state_dir is not None:
        kubeconfig = state_dir / "kubeconfig.yaml"
        kubeconfig.write_text(KUBECONFIG.replace("URL", url))
        env["INFRA_KUBECONFIG"] = str(kubeconfig)
    return env


def dummy_settings(upstream_url: str, state_dir: Path | None = None) -> dict[str, str]:
    """A value for every required field of every installed server, so all are mounted.

    URLs point at ``upstream_url``; secrets and plain strings get placeholders; the servers
    made of optional upstreams get all of them (Kubernetes with a kubeconfig written into
    ``state_dir``). A server that still does not load stays unmounted (``status`` says so).
    """
    env = optional_upstreams(upstream_url, state_dir)
    specs, _broken = discover_all()  # the gateway skips (and reports) what cannot be imported
    for spec in specs:
        cls = spec.settings_cls
        for name, info in cls.model_fields.items():
            if not info.is_required():
                continue
            var = cls.env_name(name)
            if "url" in name.lower():
                env[var] = upstream_url
            elif info.annotation in (SecretStr, str):
                env[var] = "bench-placeholder"
    return env
