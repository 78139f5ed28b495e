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


@pytest.fixture
def paged_api() -> Iterator[tuple[RecordedAPI, str]]:
    recorded = RecordedAPI()
    for ns, count in (("apps", 5), ("media", 3), ("kube-system", 2)):
        for i in range(count):
            recorded.add("pods", ko.pod(f"{ns}-pod-{i}", ns))
    with live_server(recorded.app(), ready_path="/version") as url:
        yield recorded, url


async def follow(client: Client[Any], limit: int) -> tuple[list[list[str]], list[str]]:
    """Every page of list_resources(kind=Pod), following continue_token to the end; the pages
    and the tokens."""
    pages: list[list[str]] = []
    tokens: list[str] = []
    token = None
    while True:
        data = await call(client, "list_resources", kind="Pod", limit=limit, continue_token=token)
        pages.append([p["name"].replace("-pod-", "/") for p in data["items"]])
        token = data["continue_token"]
        if token is None:
            return pages, tokens
        tokens.append(token)
        assert len(pages) < 20, "continue_token never ends"


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (
            2,
            [
                ["apps/0", "apps/1"],
                ["apps/2", "apps/3"],
                ["apps/4", "media/0"],
                ["media/1", "media/2"],
            ],
        ),
        (
            4,
            [["apps/0", "apps/1", "apps/2", "apps/3"], ["apps/4", "media/0", "media/1", "media/2"]],
        ),
        (
            5,
            [["apps/0", "apps/1", "apps/2", "apps/3", "apps/4"], ["media/0", "media/1", "media/2"]],
        ),
        (50, [["apps/0", "apps/1", "apps/2", "apps/3", "apps/4", "media/0", "media/1", "media/2"]]),
    ],
)
async def test_continue_token_across_allowed_namespaces(
    paged_api: tuple[RecordedAPI, str],
    tmp_path: Path,
    runtime: RuntimeSettings,
    limit: int,
    expected: list[list[str]],
) -> None:
    recorded, url = paged_api
    settings = load_settings(
        InfraSettings,
        kubeconfig=write_kubeconfig(tmp_path / "kubeconfig", url),
        namespaces=["apps", "media"],
    )
    async with mcp_client(build_server(settings, runtime)) as client:
        pages, tokens = await follow(client, limit)
    assert pages == expected  # every allowed pod once, in order; kube-system never
    lists = [(p, q) for m, p, q in recorded.requests if p.endswith("/pods")]
    assert {p for p, _ in lists} == {
        "/api/v1/namespaces/apps/pods",
        "/api/v1/namespaces/media/pods",
    }
    assert all(0 < int(q["limit"]) <= limit for _, q in lists)
    # each API continue key we handed out went back to the API server as it was issued
    api_keys = [t.partition(":")[2] for t in tokens if t.partition(":")[2]]
    assert [q["continue"] for _, q in lists if "continue" in q] == api_keys


async def test_continue_token_in_one_namespace_and_remaining(
    paged_api: tuple[RecordedAPI, str], tmp_path: Path, runtime: RuntimeSettings
) -> None:
    settings = load_settings(
        InfraSettings, kubeconfig=write_kubeconfig(tmp_path / "kubeconfig", paged_api[1])
    )
    async with mcp_client(build_server(settings, runtime)) as client:
        first = await call(client, "list_resources", kind="Pod", namespace="apps", limit=3)
        assert [p["name"] for p in first["items"]] == [f"apps-pod-{i}" for i in range(3)]
        assert first["remaining"] == 2 and first["continue_token"].startswith("0:")
        second = await call(
            client,
            "list_resources",
            kind="Pod",
            namespace="apps",
            limit=3,
            continue_token=first["continue_token"],
        )
        assert [p["name"] for p in second["items"]] == ["apps-pod-3", "apps-pod-4"]
        assert second["continue_token"] is None and second["remaining"] is None
        ours = await call_error(client, "list_resources", kind="Pod", continue_token="7:")
        assert "continue_token is not one this tool returned" in ours
        theirs = await call_error(
            client, "list_resources", kind="Pod", namespace="apps", continue_token="0:forged"
        )
        assert "continue key is not valid" in theirs
