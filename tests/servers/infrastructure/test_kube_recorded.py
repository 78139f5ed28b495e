"""Selectors, server-side dry-run apply and a cluster without metrics-server, against a recorded
Kubernetes API served over real HTTP (kmock ignores selectors and stores dry runs)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from tests.harness import mcp_client
from tests.harness.live import live_server
from tests.servers.infrastructure import kube_objects as ko
from tests.servers.infrastructure.conftest import call, call_error, write_kubeconfig
from tests.servers.infrastructure.recorded_api import RecordedAPI

MANIFEST = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        image: ghcr.io/homelab/web:1.3
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: apps}
data: {LOG_LEVEL: debug}
"""


@pytest.fixture
def api() -> Iterator[tuple[RecordedAPI, str]]:
    recorded = RecordedAPI()
    recorded.add("deployments", ko.deployment("web", "apps"))
    recorded.add("pods", ko.pod("web-1", "apps", labels={"app": "web", "tier": "front"}))
    recorded.add(
        "pods",
        ko.pod(
            "web-2",
            "apps",
            labels={"app": "web", "tier": "front"},
            phase="Pending",
            ready=False,
            node="node-2",
        ),
    )
    recorded.add("pods", ko.pod("db-0", "apps", labels={"app": "db", "tier": "back"}))
    with live_server(recorded.app(), ready_path="/version") as url:
        yield recorded, url


@pytest.fixture
async def client(
    api: tuple[RecordedAPI, str], tmp_path: Path, runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    kubeconfig = write_kubeconfig(tmp_path / "kubeconfig", api[1])
    settings = load_settings(
        InfraSettings, kubeconfig=kubeconfig, allow_write=True, allow_destructive=True
    )
    async with mcp_client(build_server(settings, runtime)) as c:
        yield c


async def test_label_selector(api: tuple[RecordedAPI, str], client: Client[Any]) -> None:
    data = await call(
        client, "list_resources", kind="pods", namespace="apps", label_selector="app=web,tier!=back"
    )
    assert [p["name"] for p in data["items"]] == ["web-1", "web-2"]
    sent = [q for m, p, q in api[0].requests if p == "/api/v1/namespaces/apps/pods"]
    assert sent[-1]["labelSelector"] == "app=web,tier!=back"


async def test_field_selector(api: tuple[RecordedAPI, str], client: Client[Any]) -> None:
    data = await call(client, "list_resources", kind="Pod", field_selector="status.phase=Pending")
    assert [(p["name"], p["status"]) for p in data["items"]] == [("web-2", "Pending")]


async def test_apply_preview_is_the_server_dry_run(
    api: tuple[RecordedAPI, str], client: Client[Any]
) -> None:
    recorded, _ = api
    preview = await call(client, "apply_manifest", manifest=MANIFEST, namespace="apps")
    text = preview["preview"]
    assert text.startswith("Server-side dry run")
    assert "- update Deployment apps/web" in text and "spec.replicas: 3" in text
    assert "ghcr.io/homelab/web:1.3" in text
    assert "- create ConfigMap apps/web-config" in text and "data.LOG_LEVEL: 'debug'" in text
    patches = [(p, q) for m, p, q in recorded.requests if m == "PATCH"]
    assert [q.get("dryRun") for _, q in patches] == ["All", "All"]
    assert all(q["fieldManager"] == "homelab-mcp" for _, q in patches)
    assert recorded.objects[("apps/v1", "deployments", "apps", "web")]["spec"]["replicas"] == 2
    assert ("v1", "configmaps", "apps", "web-config") not in recorded.objects

    done = await call(
        client,
        "apply_manifest",
        manifest=MANIFEST,
        namespace="apps",
        confirm_token=preview["confirm_token"],
    )
    assert [c["kind"] for c in done["changes"]] == ["Deployment", "ConfigMap"]
    assert recorded.objects[("apps/v1", "deployments", "apps", "web")]["spec"]["replicas"] == 3
    assert recorded.objects[("v1", "configmaps", "apps", "web-config")]["data"] == {
        "LOG_LEVEL": "debug"
    }


async def test_apply_rejects_bad_manifests(client: Client[Any]) -> None:
    assert "not valid YAML" in await call_error(client, "apply_manifest", manifest="a: [b")
    assert "apiVersion and kind" in await call_error(client, "apply_manifest", manifest="a: 1")
    text = await call_error(
        client,
        "apply_manifest",
        manifest="apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ../x}\n",
    )
    assert "metadata.name" in text


async def test_top_without_metrics_api_says_so(client: Client[Any]) -> None:
    text = await call_error(client, "top")
    assert "metrics API (metrics.k8s.io) is not served" in text and "metrics-server" in text
