"""A small Kubernetes API for what kmock does not honour: selectors, paging and dry-run.

Discovery is the recorded JSON of a K3s cluster (the APIResourceList documents kmock bundles),
without ``metrics.k8s.io`` (a cluster with no metrics-server). Objects are recorded JSON in the
API's shape (``kube_objects``). List filtering and paging (``limit``/``continue``), server-side
apply and ``dryRun=All`` follow the API server's documented behaviour; every request is kept for
assertions.
"""

from __future__ import annotations

import base64
import binascii
import copy
import gzip
import importlib.resources
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

Obj = dict[str, Any]
RESOURCE_VERSION = "5001"
VERSION = {"major": "1", "minor": "31", "gitVersion": "v1.31.4+k3s1", "platform": "linux/amd64"}


def recorded_discovery() -> list[Obj]:
    raw = (importlib.resources.files("kmock._internal") / "resources.json.gz").read_bytes()
    docs = json.loads(gzip.decompress(raw))
    return [d for d in docs if not d["groupVersion"].startswith("metrics.k8s.io")]


def status(code: int, reason: str, message: str) -> JSONResponse:
    body = {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
    }
    return JSONResponse(body, status_code=code)


def label_match(labels: dict[str, str], selector: str) -> bool:
    for term in filter(None, (t.strip() for t in selector.split(","))):
        if "!=" in term:
            key, value = term.split("!=", 1)
            if labels.get(key) == value:
                return False
        elif "=" in term:
            key, value = term.replace("==", "=").split("=", 1)
            if labels.get(key) != value:
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def field_value(obj: Obj, path: str) -> Any:
    value: Any = obj
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def field_match(obj: Obj, selector: str) -> bool:
    for term in filter(None, (t.strip() for t in selector.split(","))):
        negate = "!=" in term
        key, value = term.split("!=" if negate else "=", 1)
        if (str(field_value(obj, key.lstrip("="))) == value.lstrip("=")) == negate:
            return False
    return True


def merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base.get(key), value)
        return out
    return copy.deepcopy(patch)


def paged(items: list[Obj], query: Any) -> tuple[list[Obj], Obj]:
    """``limit``/``continue`` as the API server answers them: a page, an opaque continue key
    while more remain and ``remainingItemCount``; a key it did not issue is an error."""
    start = 0
    if query.get("continue"):
        key = json.loads(base64.urlsafe_b64decode(query["continue"].encode()))
        if not isinstance(key, dict) or key.get("rv") != RESOURCE_VERSION:
            raise ValueError("foreign continue key")
        start = int(key["start"])
    limit = int(query.get("limit") or 0) or len(items)
    page = items[start : start + limit]
    meta: Obj = {"resourceVersion": RESOURCE_VERSION}
    rest = len(items) - start - len(page)
    if rest > 0:
        key = {"rv": RESOURCE_VERSION, "start": start + len(page)}
        meta["continue"] = base64.urlsafe_b64encode(json.dumps(key).encode()).decode()
        meta["remainingItemCount"] = rest
    return page, meta


@dataclass
class RecordedAPI:
    objects: dict[tuple[str, str, str | None, str], Obj] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    discovery: list[Obj] = field(default_factory=recorded_discovery)

    def add(self, plural: str, obj: Obj) -> Obj:
        meta = obj["metadata"]
        self.objects[(obj["apiVersion"], plural, meta.get("namespace"), meta["name"])] = obj
        return obj

    def _doc(self, group_version: str) -> Obj | None:
        return next((d for d in self.discovery if d["groupVersion"] == group_version), None)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/{path:path}", self.handle, methods=["GET", "PATCH"])])

    async def handle(self, request: Request) -> JSONResponse:
        path = "/" + request.path_params["path"]
        self.requests.append((request.method, path, dict(request.query_params)))
        self.authorizations.append(request.headers.get("authorization", ""))
        if path == "/version":
            return JSONResponse(VERSION)
        if path == "/api":
            return JSONResponse({"kind": "APIVersions", "versions": ["v1"]})
        if path == "/apis":
            return JSONResponse(self._groups())
        parts = path.strip("/").split("/")
        prefix_len = 2 if parts[0] == "api" else 3
        group_version = "/".join(parts[1:prefix_len])
        rest = parts[prefix_len:]
        if not rest:
            doc = self._doc(group_version)
            return (
                JSONResponse(doc)
                if doc
                else status(404, "NotFound", "the server could not find the requested resource")
            )
        namespace = None
        if rest[0] == "namespaces" and len(rest) >= 3:
            namespace, rest = rest[1], rest[2:]
        plural, name = rest[0], (rest[1] if len(rest) > 1 else None)
        if request.method == "PATCH" and name:
            return await self._apply(request, group_version, plural, namespace, name)
        if name:
            obj = self.objects.get((group_version, plural, namespace, name))
            if obj is None:
                return status(404, "NotFound", f'{plural} "{name}" not found')
            return JSONResponse(obj)
        return self._list(request, group_version, plural, namespace)

    def _groups(self) -> Obj:
        groups: dict[str, list[str]] = {}
        for doc in self.discovery:
            if "/" in doc["groupVersion"]:
                group, version = doc["groupVersion"].split("/")
                groups.setdefault(group, []).append(version)
        return {
            "kind": "APIGroupList",
            "apiVersion": "v1",
            "groups": [
                {
                    "name": g,
                    "versions": [{"groupVersion": f"{g}/{v}", "version": v} for v in vs],
                    "preferredVersion": {"groupVersion": f"{g}/{vs[0]}", "version": vs[0]},
                }
                for g, vs in groups.items()
            ],
        }

    def _list(self, request: Request, gv: str, plural: str, ns: str | None) -> JSONResponse:
        labels = request.query_params.get("labelSelector", "")
        fields = request.query_params.get("fieldSelector", "")
        items = [
            o
            for (ogv, oplural, ons, _), o in sorted(self.objects.items(), key=lambda kv: kv[0][3])
            if ogv == gv
            and oplural == plural
            and (ns is None or ons == ns)
            and label_match((o["metadata"].get("labels") or {}), labels)
            and field_match(o, fields)
        ]
        doc = self._doc(gv) or {"resources": []}
        kind = next((r["kind"] for r in doc["resources"] if r["name"] == plural), "Unknown")
        try:
            page, meta = paged(items, request.query_params)
        except (ValueError, KeyError, TypeError, binascii.Error):
            return status(400, "BadRequest", "continue key is not valid")
        return JSONResponse(
            {"kind": f"{kind}List", "apiVersion": gv, "metadata": meta, "items": page}
        )

    async def _apply(
        self, request: Request, gv: str, plural: str, ns: str | None, name: str
    ) -> JSONResponse:
        if request.headers.get("content-type") != "application/apply-patch+yaml":
            return status(415, "UnsupportedMediaType", "only server-side apply is recorded here")
        if not request.query_params.get("fieldManager"):
            return status(422, "Invalid", "fieldManager is required for apply patch")
        body = json.loads(await request.body())
        key = (gv, plural, ns, name)
        live = self.objects.get(key)
        result = merge(live or {}, body)
        meta = result.setdefault("metadata", {})
        meta.setdefault("uid", f"uid-applied-{name}")
        meta.setdefault("creationTimestamp", "2026-12-01T09:00:00Z")
        meta["managedFields"] = [
            {
                "manager": request.query_params["fieldManager"],
                "operation": "Apply",
                "apiVersion": gv,
            }
        ]
        meta["resourceVersion"] = str(
            int((live or {}).get("metadata", {}).get("resourceVersion", "0")) + 1
        )
        if request.query_params.get("dryRun") != "All":
            self.objects[key] = result
        return JSONResponse(result, status_code=200 if live else 201)
