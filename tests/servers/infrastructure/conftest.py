"""Fixtures for the infrastructure server: a Kubernetes API on loopback (kmock), a kubeconfig
pointing at it, and servers built from real settings."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastmcp import Client, FastMCP

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from tests.harness import mcp_client, structured
from tests.servers.infrastructure.kmock_cluster import Cluster, start_cluster

KUBE_TOKEN = "kube-bearer-token-7f3a9c"


def write_kubeconfig(path: Path, server: str, *, namespace: str = "apps") -> Path:
    """A kubeconfig as kubectl writes it, with two contexts on the same API server."""
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "homelab", "cluster": {"server": server}}],
        "users": [{"name": "admin", "user": {"token": KUBE_TOKEN}}],
        "contexts": [
            {
                "name": "homelab",
                "context": {"cluster": "homelab", "user": "admin", "namespace": namespace},
            },
            {"name": "staging", "context": {"cluster": "homelab", "user": "admin"}},
        ],
        "current-context": "homelab",
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_infra_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's cluster, ArgoCD or MinIO."""
    for var in [v for v in os.environ if v.startswith("INFRA_")]:
        monkeypatch.delenv(var, raising=False)
    for var in ("KUBECONFIG", "KUBERNETES_SERVICE_HOST", "ARGOCD_URL", "ARGOCD_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    for var in ("MINIO_ENDPOINT", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "MINIO_SECURE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
async def cluster() -> AsyncIterator[Cluster]:
    async with start_cluster() as c:
        yield c


@pytest.fixture
def kubeconfig(cluster: Cluster, tmp_path: Path) -> Path:
    return write_kubeconfig(tmp_path / "kubeconfig", cluster.url)


@pytest.fixture
def infra_settings(kubeconfig: Path) -> Callable[..., InfraSettings]:
    def make(**overrides: Any) -> InfraSettings:
        values: dict[str, Any] = {"kubeconfig": kubeconfig, **overrides}
        return load_settings(InfraSettings, **values)

    return make


@pytest.fixture
def infra_server(
    infra_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> Callable[..., FastMCP[Any]]:
    def make(**overrides: Any) -> FastMCP[Any]:
        return build_server(infra_settings(**overrides), runtime)

    return make


@pytest.fixture
async def kube_ro(infra_server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(infra_server()) as client:
        yield client


@pytest.fixture
async def kube_rw(infra_server: Callable[..., FastMCP[Any]]) -> AsyncIterator[Client[Any]]:
    async with mcp_client(infra_server(allow_write=True, allow_destructive=True)) as client:
        yield client


async def call(client: Client[Any], tool: str, **arguments: Any) -> dict[str, Any]:
    """Call a tool and return its structured content (unwrapped from ``result`` if wrapped)."""
    data = structured(await client.call_tool(tool, arguments))
    return data["result"] if set(data) == {"result"} else data


async def call_error(client: Client[Any], tool: str, **arguments: Any) -> str:
    """Call a tool that must fail; return the error text."""
    result = await client.call_tool(tool, arguments, raise_on_error=False)
    assert result.is_error, f"{tool} did not fail: {result.structured_content}"
    return " ".join(getattr(c, "text", "") for c in result.content)
