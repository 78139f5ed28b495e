"""Kubernetes reads: contexts, namespaces, any kind as a lean table, one object, describe."""

from __future__ import annotations

from typing import Annotated, Any

from fastmcp.exceptions import ToolError
from pydantic import Field

from homelab_shared.errors import NotFound
from homelab_shared.toolbox import Toolbox
from infrastructure_mcp import kubeview
from infrastructure_mcp.kube import ApiKind, KubeClient
from infrastructure_mcp.models import (
    Contexts,
    Description,
    KubeContext,
    ResourceDoc,
    ResourceRow,
    ResourceTable,
)
from infrastructure_mcp.policy import (
    FieldSelector,
    Kind,
    KubePolicy,
    Name,
    OptNamespace,
    Selector,
)
from infrastructure_mcp.tools import Deps

PageSize = Annotated[int, Field(ge=1, le=500, description="Objects per page")]
Continue = Annotated[str | None, Field(max_length=4096, description="From the previous page")]
OWNER_DEPTH = 5


def _cursor(token: str | None, targets: int) -> tuple[int, str | None]:
    """Our cursor is ``<index of namespace>:<the API's continue token>``."""
    if not token:
        return 0, None
    index, sep, rest = token.partition(":")
    if not sep or not index.isdigit() or int(index) >= targets:
        raise ToolError("continue_token is not one this tool returned; start without it.")
    return int(index), rest or None


def list_table(
    kube: KubeClient,
    policy: KubePolicy,
    res: ApiKind,
    namespace: str | None,
    *,
    label_selector: str | None = None,
    field_selector: str | None = None,
    limit: int = 50,
    continue_token: str | None = None,
) -> ResourceTable:
    policy.check_read(res, namespace)
    targets = policy.targets(res, namespace)
    index, cont = _cursor(continue_token, len(targets))
    rows: list[ResourceRow] = []
    next_token: str | None = None
    remaining: int | None = None
    while index < len(targets) and len(rows) < limit:
        data = kube.list(
            res,
            targets[index],
            label_selector=label_selector,
            field_selector=field_selector,
            limit=limit - len(rows),
            cont=cont,
        )
        for item in data.get("items") or []:
            ns = (item.get("metadata") or {}).get("namespace")
            if res.kind == "Namespace":
                ns = (item.get("metadata") or {}).get("name")
            if (res.namespaced or res.kind == "Namespace") and not policy.allows(ns):
                continue
            rows.append(ResourceRow(**kubeview.row(item, res.kind)))
        meta = data.get("metadata") or {}
        cont = meta.get("continue") or None
        remaining = meta.get("remainingItemCount")
        if cont:
            next_token = f"{index}:{cont}"
            break
        index += 1
        next_token = f"{index}:" if index < len(targets) else None
    return ResourceTable(
        kind=res.kind,
        api_version=res.group_version,
        items=rows[:limit],
        continue_token=next_token,
        remaining=remaining if next_token else None,
    )


def owner_chain(
    kube: KubeClient, policy: KubePolicy, obj: dict[str, Any], namespace: str | None
) -> list[str]:
    """Owners up the chain. ownerReferences are data anyone who may write the object can set, so
    each is judged like a tool argument (policy, then the client's name check) before a GET;
    a refused owner is shown and not followed."""
    chain: list[str] = []
    current = obj
    for _ in range(OWNER_DEPTH):
        refs = (current.get("metadata") or {}).get("ownerReferences") or []
        ref = next((r for r in refs if r.get("controller")), refs[0] if refs else None)
        if ref is None:
            break
        chain.append(f"{ref.get('kind')}/{ref.get('name')}")
        try:
            res = kube.resolve(str(ref.get("kind")), str(ref.get("apiVersion")))
            policy.check_read(res, namespace)
            current = kube.get(res, str(ref.get("name")), namespace)
        except ToolError:  # UpstreamError included
            break
    return chain


def events_for(
    kube: KubeClient,
    policy: KubePolicy,
    kind: str,
    name: str,
    namespace: str | None,
    limit: int = 10,
) -> list[str]:
    """Events about one object. A cluster-scoped object's (a Node's) events may sit in any
    namespace: with an allow-list only the allowed ones are asked, never a cluster-wide list."""
    core = kube.resolve("Event", "v1")
    selector = f"involvedObject.name={name},involvedObject.kind={kind}"
    items: list[dict[str, Any]] = []
    for target in policy.targets(core, namespace):
        items += kube.list(core, target, field_selector=selector).get("items") or []
    # Filter here too: the selector is an optimisation some API servers (and proxies) ignore.
    mine = [
        e
        for e in items
        if (e.get("involvedObject") or {}).get("name") == name
        and (e.get("involvedObject") or {}).get("kind") == kind
        and policy.allows((e.get("metadata") or {}).get("namespace"))
    ]
    lines = kubeview.sort_events([kubeview.event_line(e) for e in mine])
    return [kubeview.event_text(e) for e in lines[:limit]]


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    def list_contexts() -> Contexts:
        """Contexts of the configured kubeconfig and which one this server uses."""
        kube = deps.kube()
        if deps.settings.use_in_cluster:
            return Contexts(mode="in-cluster", active=None, contexts=[])
        contexts, active = kube.contexts()
        items = [
            KubeContext(
                name=c.get("name", ""),
                cluster=(c.get("context") or {}).get("cluster"),
                user=(c.get("context") or {}).get("user"),
                namespace=(c.get("context") or {}).get("namespace"),
                active=c.get("name") == active,
            )
            for c in contexts
        ]
        return Contexts(mode="kubeconfig", active=active, contexts=items)

    @box.read
    def list_namespaces(limit: PageSize = 100, continue_token: Continue = None) -> ResourceTable:
        """Namespaces with status and age."""
        kube = deps.kube()
        res = kube.resolve("Namespace", "v1")
        return list_table(kube, deps.policy, res, None, limit=limit, continue_token=continue_token)

    @box.read
    def list_resources(
        kind: Kind,
        namespace: OptNamespace = None,
        label_selector: Selector = None,
        field_selector: FieldSelector = None,
        limit: PageSize = 50,
        continue_token: Continue = None,
    ) -> ResourceTable:
        """Objects of any kind (CRDs too): name, namespace, ready, status, restarts, age."""
        kube = deps.kube()
        res = kube.resolve(kind)
        return list_table(
            kube,
            deps.policy,
            res,
            namespace,
            label_selector=label_selector,
            field_selector=field_selector,
            limit=limit,
            continue_token=continue_token,
        )

    @box.read
    def get_resource(kind: Kind, name: Name, namespace: OptNamespace = None) -> ResourceDoc:
        """One object without managedFields and other noise (Secret values: sizes only)."""
        kube = deps.kube()
        res = kube.resolve(kind)
        deps.policy.check_read(res, namespace)
        obj = kube.get(res, name, namespace)
        return ResourceDoc(
            kind=res.kind, api_version=res.group_version, object=kubeview.clean(obj, res.kind)
        )

    @box.read
    def describe(kind: Kind, name: Name, namespace: OptNamespace = None) -> Description:
        """Why an object is in its state: summary, owner chain, recent events (warnings first)."""
        kube = deps.kube()
        res = kube.resolve(kind)
        deps.policy.check_read(res, namespace)
        obj = kube.get(res, name, namespace)
        try:
            ns = namespace if res.namespaced else None
            events = events_for(kube, deps.policy, res.kind, name, ns)
        except NotFound:
            events = []
        return Description(
            kind=res.kind,
            summary=kubeview.summary(obj, res.kind),
            owners=owner_chain(kube, deps.policy, obj, namespace),
            events=events,
        )
