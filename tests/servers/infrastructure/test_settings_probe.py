"""Settings fail fast and name the variable; readiness checks each configured upstream."""

from __future__ import annotations

from pathlib import Path

import pytest

from homelab_shared.errors import ConfigError
from homelab_shared.settings import load_settings
from infrastructure_mcp.kube import KubeClient
from infrastructure_mcp.s3 import S3Client
from infrastructure_mcp.server import probe
from infrastructure_mcp.settings import InfraSettings
from infrastructure_mcp.tools import Upstreams
from tests.peers import free_port
from tests.servers.infrastructure.kmock_cluster import Cluster


def test_nothing_configured_names_the_variables() -> None:
    with pytest.raises(ConfigError, match=r"INFRA_KUBECONFIG.*ARGOCD_URL.*MINIO_ENDPOINT"):
        load_settings(InfraSettings)


def test_half_configured_apps_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOCD_URL", "https://argocd.lan")
    with pytest.raises(ConfigError, match="ARGOCD_TOKEN"):
        load_settings(InfraSettings)
    monkeypatch.delenv("ARGOCD_URL")
    monkeypatch.setenv("MINIO_ENDPOINT", "minio.lan:9000")
    with pytest.raises(ConfigError, match="MINIO_ACCESS_KEY"):
        load_settings(InfraSettings)


def test_lists_and_secret_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    token = tmp_path / "token"
    token.write_text("argocd-secret\n")
    monkeypatch.setenv("ARGOCD_URL", "https://argocd.lan/")
    monkeypatch.setenv("ARGOCD_TOKEN_FILE", str(token))
    monkeypatch.setenv("INFRA_NAMESPACES", "apps, media")
    settings = load_settings(InfraSettings)
    assert settings.argocd_url == "https://argocd.lan"
    assert settings.argocd_token is not None
    assert settings.argocd_token.get_secret_value() == "argocd-secret"
    assert settings.namespaces == ["apps", "media"]
    assert settings.denied_kinds == ["Secret:write", "rbac.authorization.k8s.io/*:write"]
    assert not settings.kube_configured and not settings.minio_configured


@pytest.mark.parametrize(
    ("var", "value", "needle"),
    [
        ("INFRA_NAMESPACES", "apps,Bad_NS", "INFRA_NAMESPACES is invalid"),
        ("INFRA_DENIED_KINDS", "Secret:read", "INFRA_DENIED_KINDS is invalid"),
        ("ARGOCD_URL", "ftp://argocd", "ARGOCD_URL is invalid"),
    ],
)
def test_bad_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, var: str, value: str, needle: str
) -> None:
    monkeypatch.setenv("ARGOCD_URL", "https://argocd.lan")
    monkeypatch.setenv("ARGOCD_TOKEN", "t")
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=needle):
        load_settings(InfraSettings)


async def test_probe_checks_each_configured_upstream(cluster: Cluster, kubeconfig: Path) -> None:
    settings = load_settings(
        InfraSettings,
        kubeconfig=kubeconfig,
        minio_endpoint=f"http://127.0.0.1:{free_port()}",
        minio_access_key="a",
        minio_secret_key="b",
    )
    kube, s3 = KubeClient(settings), S3Client(settings)
    try:
        ready = await probe(Upstreams(kube=kube, s3=s3))
    finally:
        await kube.aclose()
        await s3.aclose()
    assert not ready.ok and ready.reachable
    assert "kubernetes: ok" in ready.detail
    assert "s3: MinIO/S3: cannot connect" in ready.detail and "MINIO_ENDPOINT" in ready.detail
    assert "argocd: not configured" in ready.detail
