"""Kubernetes changes. Writes: rollout restart, scale, cordon/uncordon. Destructive: delete, and
apply a manifest whose preview is the API server's own dry run of exactly that apply."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from homelab_shared.errors import NotFound
from homelab_shared.toolbox import Toolbox
from infrastructure_mcp import kubeview, names
from infrastructure_mcp.kube import ApiKind, KubeClient
from infrastructure_mcp.models import Change, Changes
from infrastructure_mcp.policy import (
    NAMESPACE_RE,
    Kind,
    KubePolicy,
    Name,
    Namespace,
    matching,
)
from infrastructure_mcp.tools import Deps

Workload = Literal["Deployment", "StatefulSet", "DaemonSet"]
Scalable = Literal["Deployment", "StatefulSet", "ReplicaSet"]
MAX_DOCS = 20
MAX_DIFF = 40
DEPENDENT_KINDS = ("ReplicaSet", "Pod", "Job")
Manifest = Annotated[
    str,
    Field(
        max_length=200_000,
        description="YAML or JSON of one or more objects (--- separated), as kubectl apply takes",
    ),
]


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: value}


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    """Changed leaf paths of metadata.labels/annotations, spec and data (values shown short)."""

    def part(obj: dict[str, Any] | None) -> dict[str, Any]:
        obj = obj or {}
        meta = obj.get("metadata") or {}
        keep = {k: obj[k] for k in obj if k not in ("metadata", "status", "kind", "apiVersion")}
        keep["metadata"] = {k: meta[k] for k in ("labels", "annotations") if k in meta}
        return _flatten(keep)

    old, new = part(before), part(after)
    lines = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            shown = repr(new.get(key)) if key in new else "(removed)"
            lines.append(f"  {key}: {shown[:120]}")
    if len(lines) > MAX_DIFF:
        lines = [*lines[:MAX_DIFF], f"  ... and {len(lines) - MAX_DIFF} more"]
    return lines


def _check_doc(doc: Any) -> None:
    """Every field of one object that reaches a URL (namespace and name as path segments,
    apiVersion and kind through discovery) is what the API server would accept, or the whole
    manifest is refused before any request."""
    if not isinstance(doc, dict):
        raise ToolError("every object of the manifest must be a mapping.")
    if not doc.get("apiVersion") or not doc.get("kind"):
        raise ToolError("every object needs apiVersion and kind.")
    meta = doc.get("metadata")
    if not isinstance(meta, dict):
        raise ToolError(f"{str(doc['kind'])[:60]!r} needs metadata with a name.")
    fields = {"apiVersion": doc["apiVersion"], "kind": doc["kind"], "name": meta.get("name")}
    if meta.get("namespace") is not None:
        fields["namespace"] = meta["namespace"]
    for field, value in fields.items():
        problem = names.problem(field, value)
        if problem is not None:
            where = "metadata." if field in ("name", "namespace") else ""
            raise ToolError(f"manifest refused, nothing was sent: {where}{problem}.")
    if str(doc["kind"]).endswith("List"):
        raise ToolError("List objects are not applied; list the items as --- documents.")


def parse_manifest(text: str) -> list[dict[str, Any]]:
    import yaml  # PyYAML: with the first manifest, not at start-up

    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as err:
        raise ToolError(f"manifest is not valid YAML: {str(err)[:200]}") from None
    if not docs:
        raise ToolError("manifest has no objects.")
    if len(docs) > MAX_DOCS:
        raise ToolError(f"manifest has {len(docs)} objects; apply at most {MAX_DOCS} at a time.")
    for doc in docs:
        _check_doc(doc)
    return docs


def _targets(
    kube: KubeClient, policy: KubePolicy, docs: list[dict[str, Any]], namespace: str
) -> list[tuple[ApiKind, dict[str, Any], str | None]]:
    out = []
    for doc in docs:
        res = kube.resolve(str(doc["kind"]), str(doc["apiVersion"]))
        ns = None
        if res.namespaced:
            ns = (doc.get("metadata") or {}).get("namespace") or namespace
            doc.setdefault("metadata", {})["namespace"] = ns
        policy.check_write(res, ns)
        out.append((res, doc, ns))
    return out


def _live(kube: KubeClient, res: ApiKind, name: str, ns: str | None) -> dict[str, Any] | None:
    try:
        return kube.get(res, name, ns)
    except NotFound:
        return None


def _dependents(kube: KubeClient, policy: KubePolicy, obj: dict[str, Any], ns: str | None) -> str:
    uid = (obj.get("metadata") or {}).get("uid")
    if not uid or ns is None:
        return ""
    found = []
    for kind in DEPENDENT_KINDS:
        try:
            res = kube.resolve(kind)
        except NotFound:
            continue
        for item in kube.list(res, ns).get("items") or []:
            refs = (item.get("metadata") or {}).get("ownerReferences") or []
            if any(r.get("uid") == uid for r in refs):
                found.append(f"{kind}/{item['metadata']['name']}")
    return (
        f" It owns {len(found)} objects that go with it: {', '.join(found[:20])}." if found else ""
    )


def register(box: Toolbox, deps: Deps) -> None:
    def patched(
        kind: str, name: str, namespace: str | None, body: dict[str, Any], what: str
    ) -> Change:
        kube = deps.kube()
        res = kube.resolve(kind)
        deps.policy.check_write(res, namespace)
        kube.merge_patch(res, name, namespace, body)
        return Change(kind=res.kind, name=name, namespace=namespace, action=what)

    @box.write()
    def restart_rollout(kind: Workload, name: Name, namespace: Namespace) -> Change:
        """Rolling restart of a Deployment, StatefulSet or DaemonSet (kubectl rollout restart)."""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        body = {
            "spec": {
                "template": {
                    "metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": stamp}}
                }
            }
        }
        return patched(kind, name, namespace, body, f"restarted at {stamp}")

    @box.write(idempotent=True)
    def scale(
        kind: Scalable,
        name: Name,
        namespace: Namespace,
        replicas: Annotated[int, Field(ge=0, le=100, description="Desired replicas")],
    ) -> Change:
        """Set the replica count of a Deployment, StatefulSet or ReplicaSet."""
        change = patched(kind, name, namespace, {"spec": {"replicas": replicas}}, "scaled")
        change.detail = f"replicas={replicas}"
        return change

    @box.write(idempotent=True)
    def cordon_node(name: Name) -> Change:
        """Mark a node unschedulable (running pods stay)."""
        return patched("Node", name, None, {"spec": {"unschedulable": True}}, "cordoned")

    @box.write(idempotent=True)
    def uncordon_node(name: Name) -> Change:
        """Mark a node schedulable again."""
        return patched("Node", name, None, {"spec": {"unschedulable": None}}, "uncordoned")

    def describe_delete(kind: str, name: str, namespace: str | None = None) -> str:
        kube = deps.kube()
        res = kube.resolve(kind)
        deps.policy.check_write(res, namespace)
        obj = kube.get(res, name, namespace)
        row = kubeview.row(obj, res.kind)
        where = f" in namespace {namespace}" if res.namespaced else " (cluster-scoped)"
        text = f"Delete {res.kind} {name}{where}, status {row['status'] or '-'}, age {row['age']}."
        if res.kind == "Namespace":
            text += " Every object in the namespace is deleted with it."
        return text + _dependents(kube, deps.policy, obj, namespace)

    @box.destructive(preview=describe_delete)
    def delete_resource(kind: Kind, name: Name, namespace: Namespace | None = None) -> Change:
        """Delete one object (dependents are removed by the garbage collector)."""
        kube = deps.kube()
        res = kube.resolve(kind)
        deps.policy.check_write(res, namespace)
        kube.delete(res, name, namespace)
        return Change(kind=res.kind, name=name, namespace=namespace, action="deleted")

    def describe_apply(manifest: str, namespace: str = "default") -> str:
        kube = deps.kube()
        lines = ["Server-side dry run of this apply (nothing is stored yet):"]
        for res, doc, ns in _targets(kube, deps.policy, parse_manifest(manifest), namespace):
            name = doc["metadata"]["name"]
            live = _live(kube, res, name, ns)
            result = kube.apply(res, doc, ns, dry_run=True)
            where = f"{ns}/" if ns else ""
            verb = "create" if live is None else "update"
            changed = diff(
                kubeview.clean(live, res.kind) if live else None, kubeview.clean(result, res.kind)
            )
            if live is not None and not changed:
                verb = "unchanged"
            lines.append(f"- {verb} {res.kind} {where}{name}")
            lines.extend(changed)
        return "\n".join(lines)

    @box.destructive(preview=describe_apply)
    def apply_manifest(
        manifest: Manifest,
        namespace: Annotated[
            str, Field(description="For objects without one"), matching(NAMESPACE_RE, "namespace")
        ] = "default",
    ) -> Changes:
        """Server-side apply of a manifest (field manager homelab-mcp)."""
        kube = deps.kube()
        changes = []
        for res, doc, ns in _targets(kube, deps.policy, parse_manifest(manifest), namespace):
            kube.apply(res, doc, ns, dry_run=False)
            changes.append(
                Change(kind=res.kind, name=doc["metadata"]["name"], namespace=ns, action="applied")
            )
        return Changes(changes=changes)
