"""Kubernetes reads through a real MCP client, the official client and kmock over real HTTP."""

from __future__ import annotations

from typing import Any

from fastmcp import Client

from tests.servers.infrastructure.conftest import KUBE_TOKEN, call, call_error
from tests.servers.infrastructure.kmock_cluster import Cluster
from tests.servers.infrastructure.kube_objects import ts


async def test_contexts_come_from_the_kubeconfig(cluster: Cluster, kube_ro: Client[Any]) -> None:
    data = await call(kube_ro, "list_contexts")
    assert data["mode"] == "kubeconfig"
    assert data["active"] == "homelab"
    names = {c["name"]: c for c in data["contexts"]}
    assert set(names) == {"homelab", "staging"}
    assert names["homelab"]["active"] and names["homelab"]["namespace"] == "apps"


async def test_list_pods_is_a_lean_table(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    data = await call(kube_ro, "list_resources", kind="po", namespace="apps")
    assert data["kind"] == "Pod" and data["api_version"] == "v1"
    rows = {r["name"]: r for r in data["items"]}
    assert set(rows) == {"web-5d8f-abcde", "web-5d8f-fghij", "worker-1"}
    assert rows["worker-1"]["status"] == "CrashLoopBackOff"
    assert rows["worker-1"]["restarts"] == 7 and rows["worker-1"]["ready"] == "0/1"
    assert rows["web-5d8f-abcde"]["status"] == "Running"
    assert rows["web-5d8f-abcde"]["age"] == "1h30m"
    # the client authenticated with the kubeconfig's token
    assert all(
        r.headers.get("Authorization") == f"Bearer {KUBE_TOKEN}" for r in cluster.requests("GET")
    )


async def test_list_across_namespaces_and_kinds(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    pods = await call(kube_ro, "list_resources", kind="Pod")
    assert {r["namespace"] for r in pods["items"]} == {"apps", "media"}
    deps = await call(kube_ro, "list_resources", kind="deployments.apps", namespace="apps")
    assert deps["items"][0] | {"age": None} == {
        "name": "web",
        "namespace": "apps",
        "ready": "2/2",
        "status": "Ready",
        "restarts": None,
        "age": None,
    }
    nodes = await call(kube_ro, "list_resources", kind="nodes")
    assert {r["name"]: r["status"] for r in nodes["items"]} == {
        "node-1": "Ready",
        "node-2": "NotReady",
    }


async def test_unknown_kind_is_actionable(cluster: Cluster, kube_ro: Client[Any]) -> None:
    text = await call_error(kube_ro, "list_resources", kind="Gizmo")
    assert "no resource kind 'Gizmo'" in text and "short name" in text


async def test_get_resource_strips_noise(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    data = await call(kube_ro, "get_resource", kind="Deployment", name="web", namespace="apps")
    meta = data["object"]["metadata"]
    assert "managedFields" not in meta
    assert "kubectl.kubernetes.io/last-applied-configuration" not in meta["annotations"]
    assert meta["annotations"]["deployment.kubernetes.io/revision"] == "3"
    assert data["object"]["spec"]["replicas"] == 2


async def test_missing_object_is_not_found(cluster: Cluster, kube_ro: Client[Any]) -> None:
    text = await call_error(kube_ro, "get_resource", kind="Pod", name="ghost", namespace="apps")
    assert "Kubernetes: not found" in text


async def test_describe_has_owner_chain_and_events(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    data = await call(kube_ro, "describe", kind="Pod", name="web-5d8f-abcde", namespace="apps")
    assert data["owners"] == ["ReplicaSet/web-5d8f", "Deployment/web"]
    assert data["summary"]["containers"][0]["state"] == "running"
    crash = await call(kube_ro, "describe", kind="Pod", name="worker-1", namespace="apps")
    assert crash["events"] == ["Warning BackOff x3 (2m ago): Back-off restarting failed container"]
    container = crash["summary"]["containers"][0]
    assert container["state"] == "waiting: CrashLoopBackOff" and container["restarts"] == 7
    assert crash["summary"]["conditions"] == ["Ready=False"]


async def test_events_warnings_first(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    data = await call(kube_ro, "events")
    assert [e["reason"] for e in data["items"]] == ["BackOff", "Unhealthy", "ScalingReplicaSet"]
    warnings = await call(kube_ro, "events", namespace="apps", only="warnings")
    assert [e["object"] for e in warnings["items"]] == ["Pod/worker-1"]


async def test_cluster_health_in_one_answer(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    data = await call(kube_ro, "cluster_health")
    assert (data["nodes_ready"], data["nodes_total"]) == (1, 2)
    assert data["nodes_not_ready"] == ["node-2"]
    assert data["pods_total"] == 4 and data["pods_not_running"] == 1
    assert data["problem_pods"] == ["apps/worker-1: CrashLoopBackOff (0/1, 7 restarts)"]
    assert [w["reason"] for w in data["warnings"]] == ["BackOff", "Unhealthy"]


def pod_metrics(name: str, ns: str, cpu: str, memory: str) -> dict[str, Any]:
    return {
        "apiVersion": "metrics.k8s.io/v1beta1",
        "kind": "PodMetrics",
        "metadata": {"name": name, "namespace": ns, "creationTimestamp": ts(0)},
        "timestamp": ts(0),
        "window": "10.5s",
        "containers": [{"name": "app", "usage": {"cpu": cpu, "memory": memory}}],
    }


async def test_top_reads_the_metrics_api(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.add(pod_metrics("web-1", "apps", "12345678n", "131072Ki"))
    cluster.add(pod_metrics("db-0", "apps", "250m", "1Gi"))
    data = await call(kube_ro, "top", what="pods", namespace="apps")
    assert data["items"] == [
        {"name": "db-0", "namespace": "apps", "cpu": "250m", "memory": "1024Mi"},
        {"name": "web-1", "namespace": "apps", "cpu": "12m", "memory": "128Mi"},
    ]
