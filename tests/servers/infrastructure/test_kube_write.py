"""Kubernetes logs, writes and destructive calls, against kmock's stored state."""

from __future__ import annotations

from typing import Any

from fastmcp import Client

from tests.servers.infrastructure.conftest import call, call_error
from tests.servers.infrastructure.kmock_cluster import Cluster

LOG = "\n".join(
    [f"2026-12-01T10:00:{i:02d}Z INFO request {i} served" for i in range(50)]
    + ["2026-12-01T10:01:00Z ERROR database connection refused"]
    + [f"2026-12-01T10:01:{i:02d}Z INFO request {i} served" for i in range(10, 20)]
)


def add_log(cluster: Cluster, pod: str, text: str) -> None:
    reaction = cluster.k[f"get /api/v1/namespaces/apps/pods/{pod}/log"] << text.encode()
    assert reaction is not None


async def test_pod_logs_tail_grep_and_cap(cluster: Cluster, kube_ro: Client[Any]) -> None:
    cluster.seed_homelab()
    add_log(cluster, "worker-1", LOG)
    data = await call(kube_ro, "pod_logs", name="worker-1", namespace="apps", grep="error")
    assert data["lines"] == 1 and "database connection refused" in data["text"]
    tail = await call(kube_ro, "pod_logs", name="worker-1", namespace="apps", tail=5)
    assert tail["lines"] == 5 and tail["text"].endswith("request 19 served")
    capped = await call(kube_ro, "pod_logs", name="worker-1", namespace="apps", max_bytes=1000)
    assert capped["truncated"] and len(capped["text"].encode()) <= 1000
    assert capped["text"].endswith("request 19 served")  # the newest lines are kept
    crashed = await call(
        kube_ro,
        "pod_logs",
        name="worker-1",
        namespace="apps",
        container="app",
        since_seconds=600,
        previous=True,
    )
    assert crashed["container"] == "app" and crashed["lines"] == 61
    log_requests = [r for r in cluster.requests("GET") if r.url.path.endswith("/log")]
    assert log_requests[1].params.get("tailLines") == "5"
    assert log_requests[0].params.get("tailLines") == "2000"  # grep looks further back
    assert "sinceSeconds" not in log_requests[0].params
    assert log_requests[0].params.get("previous") == "false"
    last = log_requests[-1].params
    assert (last.get("sinceSeconds"), last.get("previous"), last.get("container")) == (
        "600",
        "true",
        "app",
    )
    assert last.get("tailLines") == "100" and last.get("limitBytes") == "20000"


async def test_writes_are_hidden_by_default(cluster: Cluster, kube_ro: Client[Any]) -> None:
    names = {t.name for t in await kube_ro.list_tools()}
    assert {"list_resources", "pod_logs", "cluster_health"} <= names
    assert not names & {"scale", "restart_rollout", "delete_resource", "apply_manifest"}
    text = await call_error(
        kube_ro, "scale", kind="Deployment", name="web", namespace="apps", replicas=0
    )
    assert "INFRA_ALLOW_WRITE=true" in text


async def test_restart_and_scale_change_the_object(cluster: Cluster, kube_rw: Client[Any]) -> None:
    cluster.seed_homelab()
    await call(kube_rw, "restart_rollout", kind="Deployment", name="web", namespace="apps")
    web = cluster.get("Deployment", "apps", "web")
    assert web is not None
    annotations = web["spec"]["template"]["metadata"]["annotations"]
    assert "kubectl.kubernetes.io/restartedAt" in annotations
    data = await call(kube_rw, "scale", kind="Deployment", name="web", namespace="apps", replicas=4)
    assert data["detail"] == "replicas=4"
    assert cluster.get("Deployment", "apps", "web")["spec"]["replicas"] == 4  # type: ignore[index]


async def test_cordon_and_uncordon(cluster: Cluster, kube_rw: Client[Any]) -> None:
    cluster.seed_homelab()
    await call(kube_rw, "cordon_node", name="node-1")
    assert cluster.get("Node", None, "node-1")["spec"]["unschedulable"] is True  # type: ignore[index]
    await call(kube_rw, "uncordon_node", name="node-1")
    assert not cluster.get("Node", None, "node-1")["spec"].get("unschedulable")  # type: ignore[index]


async def test_delete_needs_confirmation(cluster: Cluster, kube_rw: Client[Any]) -> None:
    cluster.seed_homelab()
    args = {"kind": "Deployment", "name": "web", "namespace": "apps"}
    preview = await call(kube_rw, "delete_resource", **args)
    assert preview["status"] == "confirmation_required"
    assert "Delete Deployment web in namespace apps" in preview["preview"]
    assert "ReplicaSet/web-5d8f" in preview["preview"]
    assert cluster.get("Deployment", "apps", "web") is not None  # nothing happened yet
    done = await call(kube_rw, "delete_resource", **args, confirm_token=preview["confirm_token"])
    assert done["action"] == "deleted"
    assert cluster.get("Deployment", "apps", "web") is None
    deletes = cluster.requests("DELETE")
    assert len(deletes) == 1 and deletes[0].params.get("propagationPolicy") == "Foreground"


async def test_confirmation_is_bound_to_the_arguments(
    cluster: Cluster, kube_rw: Client[Any]
) -> None:
    cluster.seed_homelab()
    preview = await call(kube_rw, "delete_resource", kind="Pod", name="worker-1", namespace="apps")
    text = await call_error(
        kube_rw,
        "delete_resource",
        kind="Deployment",
        name="web",
        namespace="apps",
        confirm_token=preview["confirm_token"],
    )
    assert "confirm" in text.lower()
    assert cluster.get("Deployment", "apps", "web") is not None
    assert not cluster.requests("DELETE")
