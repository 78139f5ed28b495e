"""Kubernetes operations views: pod logs, events, top (metrics API), cluster health."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from homelab_shared.errors import NotFound
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox
from infrastructure_mcp import kubeview
from infrastructure_mcp.kube import SERVICE, KubeClient
from infrastructure_mcp.models import ClusterHealth, EventLine, PodLog, TopResult, Usage
from infrastructure_mcp.policy import Container, KubePolicy, Name, Namespace, OptNamespace
from infrastructure_mcp.tools import Deps

MAX_LOG_BYTES = 200_000
GREP_WINDOW = 5000  # lines fetched when grep narrows them, so matches are not only the tail's


def _all(kube: KubeClient, policy: KubePolicy, kind: str, namespace: str | None) -> list[Any]:
    """Every object of a kind across the namespaces this server may see."""
    res = kube.resolve(kind, "v1")
    policy.check_read(res, namespace)
    items: list[Any] = []
    for target in policy.targets(res, namespace):
        for item in kube.list(res, target).get("items") or []:
            if not res.namespaced or policy.allows((item.get("metadata") or {}).get("namespace")):
                items.append(item)
    return items


def _event_lines(items: list[dict[str, Any]]) -> list[EventLine]:
    lines = kubeview.sort_events([kubeview.event_line(e) for e in items])
    return [EventLine(**{k: v for k, v in e.items() if k != "_sort"}) for e in lines]


def _cpu(value: str) -> str:
    """Kubernetes quantities (``12345678n``, ``250m``, ``1``) -> millicores."""
    units = {"n": 1e-6, "u": 1e-3, "m": 1.0}
    if value and value[-1] in units:
        return f"{float(value[:-1]) * units[value[-1]]:.0f}m"
    return f"{float(value or 0) * 1000:.0f}m"


def _memory(value: str) -> str:
    units = {"Ki": 1 / 1024, "Mi": 1.0, "Gi": 1024.0, "K": 1e3 / 2**20, "M": 1e6 / 2**20}
    for suffix, factor in units.items():
        if value.endswith(suffix):
            return f"{float(value[: -len(suffix)]) * factor:.0f}Mi"
    return f"{float(value or 0) / 2**20:.0f}Mi"


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    def pod_logs(
        name: Name,
        namespace: Namespace,
        container: Container = None,
        tail: Annotated[int, Field(ge=1, le=5000, description="Last N lines")] = 100,
        since_seconds: Annotated[
            int | None, Field(ge=1, le=30 * 86400, description="Only newer lines")
        ] = None,
        grep: Annotated[
            str | None,
            Field(max_length=200, description="Keep lines containing this"),
        ] = None,
        previous: Annotated[bool, Field(description="Of the previous (crashed) container")] = False,
        max_bytes: Annotated[
            int, Field(ge=1000, le=MAX_LOG_BYTES, description="Byte cap")
        ] = 20_000,
    ) -> PodLog:
        """Recent log lines of a pod (newest kept when capped)."""
        kube = deps.kube()
        res = kube.resolve("Pod", "v1")
        deps.policy.check_read(res, namespace)
        fetch_tail = min(GREP_WINDOW, tail * 20) if grep else tail
        text = kube.pod_log(
            name,
            namespace,
            container=container,
            tail_lines=fetch_tail,
            since_seconds=since_seconds,
            previous=previous,
            limit_bytes=MAX_LOG_BYTES if grep else max_bytes,
        )
        lines = text.splitlines()
        if grep:
            needle = grep.lower()
            lines = [line for line in lines if needle in line.lower()]
        lines = lines[-tail:]
        out: list[str] = []
        size = 0
        truncated = False
        for line in reversed(lines):  # keep the newest lines when the cap cuts
            size += len(line.encode()) + 1
            if size > max_bytes:
                truncated = True
                break
            out.append(line)
        out.reverse()
        return PodLog(
            pod=name,
            namespace=namespace,
            container=container,
            lines=len(out),
            truncated=truncated,
            text="\n".join(out),
        )

    @box.read
    def events(
        namespace: OptNamespace = None,
        only: Annotated[Literal["all", "warnings"], Field(description="Event types")] = "all",
        limit: Limit = 30,
        offset: Offset = 0,
    ) -> Page[EventLine]:
        """Recent events, warnings first."""
        items = _all(deps.kube(), deps.policy, "Event", namespace)
        if only == "warnings":
            items = [e for e in items if e.get("type") == "Warning"]
        return paginate(_event_lines(items), limit, offset)

    @box.read
    def top(
        what: Annotated[Literal["pods", "nodes"], Field(description="pods or nodes")] = "pods",
        namespace: OptNamespace = None,
        limit: Limit = 30,
    ) -> TopResult:
        """CPU and memory use from the metrics API (metrics-server), heaviest CPU first."""
        kube = deps.kube()
        kind = "PodMetrics" if what == "pods" else "NodeMetrics"
        try:
            res = kube.resolve(kind, "metrics.k8s.io/v1beta1")
        except NotFound:
            raise NotFound(
                SERVICE,
                "the metrics API (metrics.k8s.io) is not served by this cluster",
                hint="install metrics-server to use top; list_resources and describe still work",
            ) from None
        deps.policy.check_read(res, namespace)
        rows: list[Usage] = []
        for target in deps.policy.targets(res, namespace):
            for item in kube.list(res, target).get("items") or []:
                meta = item.get("metadata") or {}
                if res.namespaced and not deps.policy.allows(meta.get("namespace")):
                    continue
                containers = item.get("containers") or [item]
                usage = [c.get("usage") or {} for c in containers]
                cpu = sum(float(_cpu(u.get("cpu", "0"))[:-1]) for u in usage)
                mem = sum(float(_memory(u.get("memory", "0"))[:-2]) for u in usage)
                rows.append(
                    Usage(
                        name=meta.get("name", ""),
                        namespace=meta.get("namespace"),
                        cpu=f"{cpu:.0f}m",
                        memory=f"{mem:.0f}Mi",
                    )
                )
        rows.sort(key=lambda r: float(r.cpu[:-1]), reverse=True)
        return TopResult(kind=what, items=rows[:limit])

    @box.read
    def cluster_health() -> ClusterHealth:
        """One lean answer: nodes ready, pods not running, the latest warnings."""
        kube = deps.kube()
        nodes = _all(kube, deps.policy, "Node", None)
        not_ready = [
            n["metadata"]["name"] for n in nodes if kubeview.workload_ready(n, "Node")[1] != "Ready"
        ]
        pods = _all(kube, deps.policy, "Pod", None)
        problems: list[str] = []
        for pod in pods:
            ready, status, restarts = kubeview.pod_status(pod)
            have, _, want = ready.partition("/")
            if status in ("Succeeded", "Completed") or (status == "Running" and have == want):
                continue
            meta = pod.get("metadata") or {}
            problems.append(
                f"{meta.get('namespace')}/{meta.get('name')}: {status} ({ready}, "
                f"{restarts} restarts)"
            )
        warnings = [e for e in _all(kube, deps.policy, "Event", None) if e.get("type") == "Warning"]
        return ClusterHealth(
            nodes_ready=len(nodes) - len(not_ready),
            nodes_total=len(nodes),
            nodes_not_ready=not_ready,
            pods_total=len(pods),
            pods_not_running=len(problems),
            problem_pods=problems[:20],
            warnings=_event_lines(warnings)[:10],
        )
