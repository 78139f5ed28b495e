"""Secret values never leave, the namespace allow-list confines, denied kinds are refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastmcp import FastMCP

from tests.harness import mcp_client
from tests.servers.infrastructure import kube_objects as ko
from tests.servers.infrastructure.conftest import call, call_error
from tests.servers.infrastructure.kmock_cluster import Cluster

SECRET_VALUES = ("aHVudGVyMg==", "YWRtaW4=", "hunter2")


async def test_secret_values_never_returned(
    cluster: Cluster, infra_server: Callable[..., FastMCP[Any]]
) -> None:
    cluster.seed_homelab()
    async with mcp_client(infra_server(denied_kinds=[])) as client:
        outputs = [
            await call(
                client, "get_resource", kind="Secret", name="db-credentials", namespace="apps"
            ),
            await call(client, "describe", kind="secrets", name="db-credentials", namespace="apps"),
            await call(client, "list_resources", kind="Secret", namespace="apps"),
        ]
    text = json.dumps(outputs)
    for value in SECRET_VALUES:
        assert value not in text
    assert outputs[0]["object"]["data"] == {
        "password": "<12 bytes, hidden>",
        "user": "<8 bytes, hidden>",
    }
    assert outputs[2]["items"][0]["status"] == "2 keys"


async def test_namespace_allow_list(
    cluster: Cluster, infra_server: Callable[..., FastMCP[Any]]
) -> None:
    cluster.seed_homelab()
    node = ko.node("node-1")
    for ns, reason in (("apps", "NodeNotReady"), ("media", "Rebooted"), ("default", "OOM")):
        cluster.add(
            ko.event(f"node-1.{ns}", ns, node, reason, "on node-1", warning=True, minutes_ago=3)
        )
    async with mcp_client(infra_server(namespaces=["apps"], allow_write=True)) as client:
        described = await call(client, "describe", kind="Node", name="node-1")
        # a Node's events sit in any namespace: only those of the allowed ones are shown
        assert [e.split(" ")[1] for e in described["events"]] == ["NodeNotReady"]
        pods = await call(client, "list_resources", kind="Pod")
        assert {p["namespace"] for p in pods["items"]} == {"apps"}
        spaces = await call(client, "list_namespaces")
        assert [n["name"] for n in spaces["items"]] == ["apps"]
        events = await call(client, "events")
        assert {e["namespace"] for e in events["items"]} == {"apps"}
        health = await call(client, "cluster_health")
        assert health["pods_total"] == 3
        refused = await call_error(
            client, "get_resource", kind="Pod", name="jellyfin-0", namespace="media"
        )
        assert "outside INFRA_NAMESPACES" in refused
        logs = await call_error(client, "pod_logs", name="jellyfin-0", namespace="media")
        assert "outside INFRA_NAMESPACES" in logs
        cordon = await call_error(client, "cordon_node", name="node-1")
        assert "cluster-scoped" in cordon
    # every request stayed inside the allowed namespace
    paths = [r.url.path for r in cluster.requests()]
    outside = ("/api/v1/pods", "/api/v1/events")
    assert not [p for p in paths if "/namespaces/media" in p or p in outside], paths
    assert not [p for p in paths if "/namespaces/default" in p], paths
    assert not cluster.requests("PATCH")


async def test_denied_kinds(cluster: Cluster, infra_server: Callable[..., FastMCP[Any]]) -> None:
    cluster.seed_homelab()
    server = infra_server(
        denied_kinds=["Secret", "apps/*:write"], allow_write=True, allow_destructive=True
    )
    async with mcp_client(server) as client:
        text = await call_error(
            client, "get_resource", kind="Secret", name="db-credentials", namespace="apps"
        )
        assert "INFRA_DENIED_KINDS" in text
        assert (
            await call(client, "get_resource", kind="Deployment", name="web", namespace="apps")
        )["kind"] == "Deployment"
        scale = await call_error(
            client, "scale", kind="Deployment", name="web", namespace="apps", replicas=0
        )
        assert "changes to Deployment" in scale
        delete = await call_error(
            client, "delete_resource", kind="Deployment", name="web", namespace="apps"
        )
        assert "INFRA_DENIED_KINDS" in delete
    assert not cluster.requests("PATCH") and not cluster.requests("DELETE")


async def test_default_denies_rbac_and_secret_writes(
    cluster: Cluster, infra_server: Callable[..., FastMCP[Any]]
) -> None:
    cluster.seed_homelab()
    manifest = (
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
        "metadata: {name: pwn}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole,"
        " name: cluster-admin}\n"
        "subjects: [{kind: ServiceAccount, name: default, namespace: apps}]\n"
    )
    async with mcp_client(infra_server(allow_write=True, allow_destructive=True)) as client:
        text = await call_error(client, "apply_manifest", manifest=manifest)
        assert "ClusterRoleBinding" in text and "INFRA_DENIED_KINDS" in text
        secret = await call_error(
            client, "delete_resource", kind="Secret", name="db-credentials", namespace="apps"
        )
        assert "INFRA_DENIED_KINDS" in secret
    assert not cluster.requests("PATCH") and not cluster.requests("DELETE")
