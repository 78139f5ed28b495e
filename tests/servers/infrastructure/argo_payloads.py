"""ArgoCD payloads in the API's real shape (`argocd app get -o json`, `/api/v1/applicationsets`)."""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]
SHA_OLD = "5a1f3c9e2b7d4a6c8e0f1b3d5a7c9e1f3b5d7a9c"
SHA_NEW = "9c8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d"


def application(
    name: str,
    *,
    project: str = "homelab",
    sync: str = "Synced",
    health: str = "Healthy",
    namespace: str = "media",
    path: str | None = None,
    resources: list[Obj] | None = None,
) -> Obj:
    return {
        "metadata": {
            "name": name,
            "namespace": "argocd",
            "uid": f"uid-{name}",
            "resourceVersion": "48213",
            "generation": 12,
            "creationTimestamp": "2026-10-01T08:00:00Z",
            "labels": {"team": "media" if namespace == "media" else "platform"},
            "managedFields": [{"manager": "argocd-server", "operation": "Update"}],
        },
        "spec": {
            "project": project,
            "source": {
                "repoURL": "https://git.lan/homelab/gitops.git",
                "path": path or f"apps/{name}",
                "targetRevision": "main",
            },
            "destination": {"server": "https://kubernetes.default.svc", "namespace": namespace},
            "syncPolicy": {"automated": {"prune": False, "selfHeal": True}},
        },
        "status": {
            "sync": {
                "status": sync,
                "revision": SHA_NEW,
                "comparedTo": {
                    "source": {
                        "repoURL": "https://git.lan/homelab/gitops.git",
                        "path": f"apps/{name}",
                    },
                    "destination": {
                        "server": "https://kubernetes.default.svc",
                        "namespace": namespace,
                    },
                },
            },
            "health": {"status": health},
            "resources": resources
            if resources is not None
            else [
                {
                    "version": "v1",
                    "kind": "Service",
                    "namespace": namespace,
                    "name": name,
                    "status": "Synced",
                    "health": {"status": "Healthy"},
                },
                {
                    "group": "apps",
                    "version": "v1",
                    "kind": "Deployment",
                    "namespace": namespace,
                    "name": name,
                    "status": sync,
                    "health": {"status": health},
                },
            ],
            "history": [
                {
                    "id": 4,
                    "revision": SHA_OLD,
                    "deployedAt": "2026-11-20T10:00:00Z",
                    "deployStartedAt": "2026-11-20T09:59:50Z",
                    "source": {
                        "repoURL": "https://git.lan/homelab/gitops.git",
                        "path": f"apps/{name}",
                        "targetRevision": "main",
                    },
                    "initiatedBy": {"automated": True},
                },
                {
                    "id": 5,
                    "revision": SHA_NEW,
                    "deployedAt": "2026-11-30T10:00:00Z",
                    "deployStartedAt": "2026-11-30T09:59:50Z",
                    "source": {
                        "repoURL": "https://git.lan/homelab/gitops.git",
                        "path": f"apps/{name}",
                        "targetRevision": "main",
                    },
                    "initiatedBy": {"username": "admin"},
                },
            ],
            "reconciledAt": "2026-12-01T09:00:00Z",
            "operationState": {
                "operation": {"sync": {"revision": SHA_NEW}},
                "phase": "Succeeded",
                "message": "successfully synced (all tasks run)",
                "startedAt": "2026-11-30T09:59:50Z",
                "finishedAt": "2026-11-30T10:00:00Z",
            },
            "sourceType": "Kustomize",
            "summary": {"images": [f"ghcr.io/homelab/{name}:1.4"]},
        },
    }


def degraded_app() -> Obj:
    resources = [
        {
            "group": "apps",
            "version": "v1",
            "kind": "Deployment",
            "namespace": "media",
            "name": "sonarr",
            "status": "OutOfSync",
            "health": {"status": "Degraded", "message": "progress deadline"},
        },
        {
            "version": "v1",
            "kind": "ConfigMap",
            "namespace": "media",
            "name": "sonarr-old",
            "status": "OutOfSync",
            "requiresPruning": True,
        },
    ]
    app = application("sonarr", sync="OutOfSync", health="Degraded", resources=resources)
    app["status"]["conditions"] = [
        {
            "type": "SyncError",
            "message": "one or more objects failed to apply",
            "lastTransitionTime": "2026-12-01T08:00:00Z",
        }
    ]
    return app


def resource_tree(name: str) -> Obj:
    def node(kind: str, rname: str, health: str | None, group: str = "", **extra: Any) -> Obj:
        data: Obj = {
            "group": group,
            "version": "v1",
            "kind": kind,
            "namespace": "media",
            "name": rname,
            "uid": f"uid-{rname}",
            "resourceVersion": "1",
            "createdAt": "2026-11-30T10:00:00Z",
            **extra,
        }
        if health:
            data["health"] = {"status": health}
        return data

    return {
        "nodes": [
            node("Deployment", name, "Healthy", "apps"),
            node(
                "ReplicaSet",
                f"{name}-7d9f",
                "Healthy",
                "apps",
                parentRefs=[
                    {
                        "group": "apps",
                        "kind": "Deployment",
                        "namespace": "media",
                        "name": name,
                        "uid": f"uid-{name}",
                    }
                ],
            ),
            node(
                "Pod",
                f"{name}-7d9f-x2",
                "Degraded",
                images=[f"ghcr.io/homelab/{name}:1.4"],
                info=[{"name": "Status Reason", "value": "CrashLoopBackOff"}],
            ),
            node("Service", name, "Healthy"),
        ]
    }


def applicationset(name: str, apps: list[str]) -> Obj:
    return {
        "metadata": {
            "name": name,
            "namespace": "argocd",
            "uid": f"uid-{name}",
            "creationTimestamp": "2026-10-01T08:00:00Z",
        },
        "spec": {
            "goTemplate": True,
            "generators": [
                {
                    "git": {
                        "repoURL": "https://git.lan/homelab/gitops.git",
                        "revision": "main",
                        "directories": [{"path": "apps/*"}],
                    }
                }
            ],
            "template": {
                "metadata": {"name": "{{.path.basename}}"},
                "spec": {
                    "project": "homelab",
                    "source": {
                        "repoURL": "https://git.lan/homelab/gitops.git",
                        "path": "{{.path.path}}",
                        "targetRevision": "main",
                    },
                    "destination": {
                        "server": "https://kubernetes.default.svc",
                        "namespace": "{{.path.basename}}",
                    },
                },
            },
        },
        "status": {
            "conditions": [
                {
                    "type": "ResourcesUpToDate",
                    "status": "True",
                    "reason": "ApplicationSetUpToDate",
                    "message": "All applications have been generated successfully",
                    "lastTransitionTime": "2026-11-30T10:00:00Z",
                },
                {
                    "type": "ErrorOccurred",
                    "status": "False",
                    "reason": "ApplicationSetUpToDate",
                    "message": "Successfully generated parameters for all Applications",
                    "lastTransitionTime": "2026-11-30T10:00:00Z",
                },
            ],
            "resources": [
                {
                    "group": "argoproj.io",
                    "version": "v1alpha1",
                    "kind": "Application",
                    "namespace": "argocd",
                    "name": a,
                    "status": "Synced",
                    "health": {"status": "Healthy"},
                }
                for a in apps
            ],
        },
    }
