"""ArgoCD's REST API as respx routes: every request our client sends and every response served is
validated against ../shared/specs/argocd-swagger.json. A small store makes writes observable."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

import httpx
import respx

from tests.harness.openapi import load_spec, spec_route
from tests.servers.infrastructure import argo_payloads as ap

URL = "https://argocd.test"
TOKEN = "argocd-api-token-4b1d"
NAME = r"(?P<name>[^/?]+)"


def _error(status: int, message: str) -> httpx.Response:
    return httpx.Response(status, json={"error": message, "code": 5, "message": message})


class ArgoFake:
    def __init__(self) -> None:
        self.apps: dict[str, Any] = {
            "jellyfin": ap.application("jellyfin"),
            "sonarr": ap.degraded_app(),
            "traefik": ap.application("traefik", project="platform", namespace="kube-system"),
        }
        self.appsets = {"media-apps": ap.applicationset("media-apps", ["jellyfin", "sonarr"])}
        self.syncs: list[dict[str, Any]] = []
        self.rollbacks: list[dict[str, Any]] = []
        self.deleted: list[tuple[str, str]] = []
        self.refreshes: list[str] = []
        self.requests: list[httpx.Request] = []

    def _name(self, request: httpx.Request, pattern: str) -> str:
        m = re.search(pattern, request.url.path)
        assert m is not None
        return unquote(m.group("name"))

    def authorised(self, request: httpx.Request) -> bool:
        self.requests.append(request)
        return request.headers.get("authorization") == f"Bearer {TOKEN}"

    def version(self, request: httpx.Request) -> httpx.Response:
        if not self.authorised(request):
            return _error(401, "no session information")
        return httpx.Response(200, json={"Version": "v3.2.1+8c4ab63", "Platform": "linux/amd64"})

    def list_apps(self, request: httpx.Request) -> httpx.Response:
        if not self.authorised(request):
            return _error(401, "no session information")
        items = list(self.apps.values())
        projects = request.url.params.get_list("projects")
        if projects:
            items = [a for a in items if a["spec"]["project"] in projects]
        return httpx.Response(200, json={"metadata": {"resourceVersion": "1"}, "items": items})

    def get_app(self, request: httpx.Request) -> httpx.Response:
        if not self.authorised(request):
            return _error(401, "no session information")
        name = self._name(request, rf"/applications/{NAME}$")
        if name not in self.apps:
            return _error(404, f'applications.argoproj.io "{name}" not found')
        if request.url.params.get("refresh"):
            self.refreshes.append(f"{name}:{request.url.params['refresh']}")
        return httpx.Response(200, json=self.apps[name])

    def tree(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        name = self._name(request, rf"/applications/{NAME}/resource-tree$")
        if name not in self.apps:
            return _error(404, f'applications.argoproj.io "{name}" not found')
        return httpx.Response(200, json=ap.resource_tree(name))

    def list_sets(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        return httpx.Response(200, json={"metadata": {}, "items": list(self.appsets.values())})

    def get_set(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        name = self._name(request, rf"/applicationsets/{NAME}$")
        if name not in self.appsets:
            return _error(404, f'applicationsets.argoproj.io "{name}" not found')
        return httpx.Response(200, json=self.appsets[name])

    def logs(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        lines = [f"2026-12-01T10:00:0{i}Z request {i}" for i in range(5)]
        body = (
            "".join(
                json.dumps(
                    {
                        "result": {
                            "content": line,
                            "podName": "jellyfin-0",
                            "timeStampStr": line[:20],
                        }
                    }
                )
                + "\n"
                for line in lines
            )
            + json.dumps({"result": {"content": "", "last": True}})
            + "\n"
        )
        return httpx.Response(200, text=body, headers={"content-type": "application/json"})

    def sync(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        name = self._name(request, rf"/applications/{NAME}/sync$")
        if name not in self.apps:
            return _error(404, f'applications.argoproj.io "{name}" not found')
        body = json.loads(request.content)
        self.syncs.append(body)
        app = copy.deepcopy(self.apps[name])
        app["operation"] = {
            "sync": {
                "revision": body.get("revision") or ap.SHA_NEW,
                "prune": body.get("prune", False),
                "dryRun": body.get("dryRun", False),
            }
        }
        return httpx.Response(200, json=app)

    def rollback(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        name = self._name(request, rf"/applications/{NAME}/rollback$")
        if name not in self.apps:
            return _error(404, f'applications.argoproj.io "{name}" not found')
        body = json.loads(request.content)
        self.rollbacks.append(body)
        return httpx.Response(200, json=self.apps[name])

    def delete(self, request: httpx.Request) -> httpx.Response:
        self.authorised(request)
        name = self._name(request, rf"/applications/{NAME}$")
        if name not in self.apps:
            return _error(404, f'applications.argoproj.io "{name}" not found')
        self.deleted.append((name, request.url.params.get("cascade", "")))
        self.apps.pop(name, None)
        return httpx.Response(200, json={})


@contextmanager
def argo_fake() -> Iterator[ArgoFake]:
    spec = load_spec("argocd-swagger.json")
    fake = ArgoFake()
    base = re.escape(URL)
    routes = [
        ("GET", rf"{base}/api/version", fake.version, True),
        ("GET", rf"{base}/api/v1/applications(\?.*)?$", fake.list_apps, True),
        ("GET", rf"{base}/api/v1/applications/[^/?]+/resource-tree", fake.tree, True),
        ("GET", rf"{base}/api/v1/applications/[^/?]+/pods/[^/?]+/logs", fake.logs, False),
        ("POST", rf"{base}/api/v1/applications/[^/?]+/sync", fake.sync, True),
        ("POST", rf"{base}/api/v1/applications/[^/?]+/rollback", fake.rollback, True),
        ("GET", rf"{base}/api/v1/applications/[^/?]+(\?.*)?$", fake.get_app, True),
        ("DELETE", rf"{base}/api/v1/applications/[^/?]+(\?.*)?$", fake.delete, True),
        ("GET", rf"{base}/api/v1/applicationsets(\?.*)?$", fake.list_sets, True),
        ("GET", rf"{base}/api/v1/applicationsets/[^/?]+(\?.*)?$", fake.get_set, True),
    ]
    with respx.mock(assert_all_called=False) as router:
        for method, pattern, handler, check in routes:
            spec_route(router, spec, method, re.compile(pattern), handler, check_response=check)
        yield fake
