"""Kubernetes objects in the API's real JSON shape (as `kubectl get -o json` prints them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

Obj = dict[str, Any]


def ts(minutes_ago: float = 60) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def meta(name: str, namespace: str | None, **extra: Any) -> Obj:
    data: Obj = {
        "name": name,
        "uid": f"uid-{namespace or 'cluster'}-{name}",
        "resourceVersion": "1001",
        "creationTimestamp": ts(90),
        "managedFields": [
            {
                "manager": "kubectl",
                "operation": "Update",
                "apiVersion": "v1",
                "fieldsV1": {"f:x": {}},
            }
        ],
        **extra,
    }
    if namespace:
        data["namespace"] = namespace
    return data


def namespace(name: str) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": meta(name, None, labels={"kubernetes.io/metadata.name": name}),
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    }


def deployment(name: str, ns: str, replicas: int = 2, ready: int = 2) -> Obj:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(
            name,
            ns,
            generation=3,
            labels={"app": name},
            annotations={
                "deployment.kubernetes.io/revision": "3",
                "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"apps/v1"}',
            },
        ),
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": name, "image": f"ghcr.io/homelab/{name}:1.2"}]},
            },
        },
        "status": {"replicas": replicas, "readyReplicas": ready, "availableReplicas": ready},
    }


def replicaset(name: str, ns: str, owner: Obj) -> Obj:
    ref = {
        "apiVersion": "apps/v1",
        "kind": owner["kind"],
        "name": owner["metadata"]["name"],
        "uid": owner["metadata"]["uid"],
        "controller": True,
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": meta(name, ns, ownerReferences=[ref]),
        "spec": {"replicas": 2},
        "status": {"replicas": 2, "readyReplicas": 2},
    }


def pod(
    name: str,
    ns: str,
    *,
    owner: Obj | None = None,
    phase: str = "Running",
    ready: bool = True,
    restarts: int = 0,
    waiting: str | None = None,
    labels: dict[str, str] | None = None,
    node: str = "node-1",
) -> Obj:
    state: Obj = {"running": {"startedAt": ts(80)}}
    if waiting:
        state = {"waiting": {"reason": waiting, "message": "back-off restarting failed container"}}
    extra: Obj = {"labels": labels or {"app": name.rsplit("-", 1)[0]}}
    if owner is not None:
        extra["ownerReferences"] = [
            {
                "apiVersion": owner["apiVersion"],
                "kind": owner["kind"],
                "name": owner["metadata"]["name"],
                "uid": owner["metadata"]["uid"],
                "controller": True,
            }
        ]
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta(name, ns, **extra),
        "spec": {
            "nodeName": node,
            "containers": [
                {
                    "name": "app",
                    "image": "ghcr.io/homelab/app:1.2",
                    "env": [{"name": "MODE", "value": "prod"}],
                    "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}},
                }
            ],
        },
        "status": {
            "phase": phase,
            "podIP": "10.42.0.17",
            "startTime": ts(85),
            "conditions": [{"type": "Ready", "status": str(ready)}],
            "containerStatuses": [
                {
                    "name": "app",
                    "ready": ready,
                    "restartCount": restarts,
                    "image": "ghcr.io/homelab/app:1.2",
                    "imageID": "ghcr.io/homelab/app@sha256:" + "ab" * 32,
                    "containerID": "containerd://" + "cd" * 32,
                    "started": ready,
                    "state": state,
                }
            ],
        },
    }


def node(name: str, ready: bool = True, unschedulable: bool = False) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": meta(name, None, labels={"kubernetes.io/hostname": name}),
        "spec": {"unschedulable": True} if unschedulable else {},
        "status": {
            "conditions": [
                {"type": "MemoryPressure", "status": "False"},
                {"type": "Ready", "status": "True" if ready else "Unknown"},
            ],
            "nodeInfo": {"kubeletVersion": "v1.31.4+k3s1"},
        },
    }


def secret(name: str, ns: str, data: dict[str, str]) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "type": "Opaque",
        "metadata": meta(
            name,
            ns,
            annotations={
                "kubectl.kubernetes.io/last-applied-configuration": str({"data": data}),
            },
        ),
        "data": data,
    }


def event(
    name: str, ns: str, target: Obj, reason: str, message: str, *, warning: bool, minutes_ago: float
) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": meta(name, ns),
        "involvedObject": {
            "kind": target["kind"],
            "name": target["metadata"]["name"],
            "namespace": ns,
            "uid": target["metadata"]["uid"],
        },
        "reason": reason,
        "message": message,
        "type": "Warning" if warning else "Normal",
        "count": 3,
        "firstTimestamp": ts(minutes_ago + 10),
        "lastTimestamp": ts(minutes_ago),
        "source": {"component": "kubelet"},
    }
