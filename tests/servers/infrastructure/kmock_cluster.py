"""A Kubernetes API on loopback: kmock's emulator with the bundled built-in resources.

kmock keeps objects and serves create/list/get/patch/delete/watch over real HTTP, so the official
``kubernetes`` client (urllib3) talks to it exactly as to an API server. Two gaps are filled here,
both in the direction of the real API: list responses carry ``kind``/``apiVersion`` (the dynamic
client needs them), and pods have a canned log. Selectors and dry-run are not honoured by kmock:
tests of those use ``recorded_api`` instead.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp.web
import attrs
import kmock

from tests.servers.infrastructure import kube_objects as ko


@attrs.define(kw_only=True)
class Emulator(kmock.KubernetesEmulator):
    # kmock 0.8 cannot parse the path of the Namespace resource itself (/api/v1/namespaces is
    # read as the prefix of a namespaced path): those two paths are served here from our store.
    namespaces: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    async def __call__(self, raw_request: aiohttp.web.BaseRequest) -> aiohttp.web.StreamResponse:
        parts = raw_request.path.strip("/").split("/")
        if raw_request.method == "GET" and parts[:3] == ["api", "v1", "namespaces"]:
            if len(parts) == 3:
                listing = {
                    "kind": "NamespaceList",
                    "apiVersion": "v1",
                    "metadata": {"resourceVersion": "1"},
                    "items": list(self.namespaces.values()),
                }
                return aiohttp.web.json_response(listing)
            if len(parts) == 4:
                if parts[3] in self.namespaces:
                    return aiohttp.web.json_response(self.namespaces[parts[3]])
                status = {
                    "kind": "Status",
                    "apiVersion": "v1",
                    "status": "Failure",
                    "reason": "NotFound",
                    "code": 404,
                    "message": f'namespaces "{parts[3]}" not found',
                }
                return aiohttp.web.json_response(status, status=404)
        return await super().__call__(raw_request)

    async def _serve_list(self, request: kmock.Request) -> Any:
        data = await super()._serve_list(request)
        assert isinstance(data, dict)
        res = request.resource
        assert res is not None
        info = self.resources[res]
        api_version = f"{res.group}/{res.version}" if res.group else res.version
        return {"kind": f"{info.kind}List", "apiVersion": api_version, **data}


KINDS = {
    "Pod": "v1/pods",
    "Node": "v1/nodes",
    "Event": "v1/events",
    "Secret": "v1/secrets",
    "Deployment": "apps/v1/deployments",
    "ReplicaSet": "apps/v1/replicasets",
    "PodMetrics": "metrics.k8s.io/v1beta1/pods",
}


class Cluster:
    def __init__(self, emulator: Emulator, url: str) -> None:
        self.k = emulator
        self.url = url

    def add(self, obj: dict[str, Any]) -> dict[str, Any]:
        meta = obj["metadata"]
        if obj["kind"] == "Namespace":
            self.k.namespaces[meta["name"]] = obj
            return obj
        self.k.objects[kmock.resource(KINDS[obj["kind"]]), meta.get("namespace"), meta["name"]] = (
            obj
        )
        return obj

    def get(self, kind: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        key = (kmock.resource(KINDS[kind]), namespace, name)
        if key not in self.k.objects or self.k.objects[key].deleted:
            return None
        return dict(self.k.objects[key].raw)

    def requests(self, method: str | None = None) -> list[kmock.Request]:
        return [r for r in self.k if method is None or str(r.method.value).upper() == method]

    def seed_homelab(self) -> dict[str, Any]:
        """Two namespaces with a healthy deployment, a crash-looping pod, a secret and events."""
        for ns in ("apps", "media", "kube-system"):
            self.add(ko.namespace(ns))
        self.add(ko.node("node-1"))
        self.add(ko.node("node-2", ready=False))
        web = self.add(ko.deployment("web", "apps"))
        rs = self.add(ko.replicaset("web-5d8f", "apps", web))
        self.add(ko.pod("web-5d8f-abcde", "apps", owner=rs))
        self.add(ko.pod("web-5d8f-fghij", "apps", owner=rs))
        crash = self.add(
            ko.pod("worker-1", "apps", ready=False, restarts=7, waiting="CrashLoopBackOff")
        )
        self.add(ko.pod("jellyfin-0", "media"))
        self.add(
            ko.secret("db-credentials", "apps", {"password": "aHVudGVyMg==", "user": "YWRtaW4="})
        )
        self.add(
            ko.event(
                "worker-1.1",
                "apps",
                crash,
                "BackOff",
                "Back-off restarting failed container",
                warning=True,
                minutes_ago=2,
            )
        )
        self.add(
            ko.event(
                "web.1",
                "apps",
                web,
                "ScalingReplicaSet",
                "Scaled up replica set web-5d8f to 2",
                warning=False,
                minutes_ago=1,
            )
        )
        self.add(
            ko.event(
                "jellyfin-0.1",
                "media",
                ko.pod("jellyfin-0", "media"),
                "Unhealthy",
                "Readiness probe failed",
                warning=True,
                minutes_ago=5,
            )
        )
        return {"web": web, "crash": crash}


@asynccontextmanager
async def start_cluster() -> AsyncIterator[Cluster]:
    async with Emulator() as emulator, kmock.Server(emulator) as server:
        # load_bundled() reads the same file through a deprecated importlib API.
        bundled = importlib.resources.files("kmock._internal") / "resources.json.gz"
        with importlib.resources.as_file(bundled) as path:
            emulator.resources.load_path(path)
        yield Cluster(emulator, str(server.url).rstrip("/"))
