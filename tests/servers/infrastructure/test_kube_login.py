"""How the server logs in to a cluster: the kubeconfig context named by INFRA_KUBE_CONTEXT (the
right cluster, with that context's user), and the pod's service account in a cluster (https to
KUBERNETES_SERVICE_HOST/PORT, verified against the mounted ca.crt, with the mounted token)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.kube import KubeClient
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from infrastructure_mcp.tools import Upstreams
from tests.harness import mcp_client
from tests.harness.live import live_server
from tests.servers.infrastructure import kube_objects as ko
from tests.servers.infrastructure.conftest import call, call_error
from tests.servers.infrastructure.kmock_cluster import Cluster, start_cluster
from tests.servers.infrastructure.recorded_api import RecordedAPI
from tests.servers.infrastructure.tls import ServerTLS, make_tls

SA_TOKEN = "eyJhbGciOiJSUzI1NiJ9.service-account-token.sig"


def two_cluster_kubeconfig(path: Path, home: str, staging: str) -> Path:
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {"name": "home", "cluster": {"server": home}},
            {"name": "stage", "cluster": {"server": staging}},
        ],
        "users": [
            {"name": "home-admin", "user": {"token": "home-token"}},
            {"name": "stage-admin", "user": {"token": "stage-token"}},
        ],
        "contexts": [
            {"name": "homelab", "context": {"cluster": "home", "user": "home-admin"}},
            {"name": "staging", "context": {"cluster": "stage", "user": "stage-admin"}},
        ],
        "current-context": "homelab",
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture
async def clusters() -> AsyncIterator[tuple[Cluster, Cluster]]:
    async with start_cluster() as home, start_cluster() as staging:
        home.add(ko.pod("home-web", "apps"))
        staging.add(ko.pod("staging-web", "apps"))
        yield home, staging


@pytest.mark.parametrize(
    ("context", "pod", "token"),
    [(None, "home-web", "home-token"), ("staging", "staging-web", "stage-token")],
)
async def test_kube_context_chooses_the_cluster(
    clusters: tuple[Cluster, Cluster],
    tmp_path: Path,
    runtime: RuntimeSettings,
    context: str | None,
    pod: str,
    token: str,
) -> None:
    home, staging = clusters
    kubeconfig = two_cluster_kubeconfig(tmp_path / "kubeconfig", home.url, staging.url)
    settings = load_settings(InfraSettings, kubeconfig=kubeconfig, kube_context=context)
    async with mcp_client(build_server(settings, runtime)) as client:
        contexts = await call(client, "list_contexts")
        pods = await call(client, "list_resources", kind="Pod", namespace="apps")
    assert contexts["active"] == (context or "homelab")
    assert [p["name"] for p in pods["items"]] == [pod]
    used, unused = (staging, home) if context else (home, staging)
    assert used.requests() and not unused.requests(), "only the chosen cluster is asked"
    assert {r.headers.get("Authorization") for r in used.requests()} == {f"Bearer {token}"}


async def test_unknown_context_names_the_variable(
    clusters: tuple[Cluster, Cluster], tmp_path: Path, runtime: RuntimeSettings
) -> None:
    home, staging = clusters
    kubeconfig = two_cluster_kubeconfig(tmp_path / "kubeconfig", home.url, staging.url)
    settings = load_settings(InfraSettings, kubeconfig=kubeconfig, kube_context="prod")
    async with mcp_client(build_server(settings, runtime)) as client:
        text = await call_error(client, "list_resources", kind="Pod", namespace="apps")
    assert "prod" in text and "INFRA_KUBE_CONTEXT" in text
    assert not home.requests() and not staging.requests()


@pytest.fixture
def in_cluster_api(tmp_path: Path) -> Iterator[tuple[RecordedAPI, str, ServerTLS]]:
    tls = make_tls(tmp_path)
    api = RecordedAPI()
    api.add("pods", ko.pod("web-1", "apps"))
    with live_server(api.app(), ready_path="/version", tls=(str(tls.cert), str(tls.key))) as url:
        api.requests.clear()  # the readiness probe's
        api.authorizations.clear()
        yield api, url, tls


def service_account(directory: Path, ca: Path) -> Path:
    """What the kubelet mounts at /var/run/secrets/kubernetes.io/serviceaccount."""
    directory.mkdir()
    (directory / "token").write_text(SA_TOKEN, encoding="utf-8")
    (directory / "ca.crt").write_bytes(ca.read_bytes())
    (directory / "namespace").write_text("homelab", encoding="utf-8")
    return directory


async def in_cluster_call(
    url: str, sa_dir: Path, runtime: RuntimeSettings, monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, Any], str]:
    """list_contexts and the error text (or "") of list_resources, logged in from ``sa_dir``."""
    host, _, port = url.removeprefix("https://").rpartition(":")
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", host)
    monkeypatch.setenv("KUBERNETES_SERVICE_PORT", port)
    settings = load_settings(InfraSettings, kube_in_cluster=True)
    kube = KubeClient(settings, service_account=sa_dir)
    try:
        async with mcp_client(build_server(settings, runtime, Upstreams(kube=kube))) as client:
            contexts = await call(client, "list_contexts")
            result = await client.call_tool(
                "list_resources", {"kind": "Pod", "namespace": "apps"}, raise_on_error=False
            )
    finally:
        await kube.aclose()
    text = " ".join(getattr(c, "text", "") for c in result.content) if result.is_error else ""
    if not result.is_error:
        assert [p["name"] for p in (result.structured_content or {})["items"]] == ["web-1"]
    return contexts, text


async def test_in_cluster_login_uses_the_mounted_token_and_ca(
    in_cluster_api: tuple[RecordedAPI, str, ServerTLS],
    tmp_path: Path,
    runtime: RuntimeSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api, url, tls = in_cluster_api
    sa_dir = service_account(tmp_path / "sa", tls.ca)
    contexts, error = await in_cluster_call(url, sa_dir, runtime, monkeypatch)
    assert error == ""
    assert contexts == {"mode": "in-cluster", "active": None, "contexts": []}
    # the client writes the scheme as "bearer"; the API server takes it in any case
    schemes = {tuple(a.split(" ", 1)) for a in api.authorizations}
    assert api.requests and {(s.lower(), t) for s, t in schemes} == {("bearer", SA_TOKEN)}


async def test_in_cluster_login_verifies_the_api_server(
    in_cluster_api: tuple[RecordedAPI, str, ServerTLS],
    tmp_path: Path,
    runtime: RuntimeSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ca.crt of another cluster: nothing is sent, the error says where to look."""
    api, url, _ = in_cluster_api
    (tmp_path / "other").mkdir()
    other = make_tls(tmp_path / "other")
    sa_dir = service_account(tmp_path / "sa", other.ca)
    _, error = await in_cluster_call(url, sa_dir, runtime, monkeypatch)
    assert "Kubernetes: cannot connect" in error and "service account" in error
    assert "CERTIFICATE_VERIFY_FAILED" in error or "certificate verify failed" in error
    assert not api.requests
