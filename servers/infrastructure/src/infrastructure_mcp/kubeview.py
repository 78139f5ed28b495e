"""Kubernetes objects made lean and safe: noise stripped, Secret values gone, one-line rows.

Pure functions of JSON dicts (no I/O), so the tools and the bench shape objects the same way.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

Obj = dict[str, Any]

NOISY_ANNOTATIONS = (
    "kubectl.kubernetes.io/last-applied-configuration",  # a full copy, Secret values included
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
)
SECRET_KINDS = frozenset({"Secret"})
MAX_FIELD = 2000  # one long string (a certificate, an embedded config) is cut to this


def now() -> datetime:
    return datetime.now(UTC)


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def age(value: Any, reference: datetime | None = None) -> str | None:
    """``2026-11-30T10:00:00Z`` -> ``1d3h`` (as kubectl shows it)."""
    start = parse_time(value)
    if start is None:
        return None
    seconds = max(0, int(((reference or now()) - start).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d{hours}h" if hours and days < 10 else f"{days}d"
    if hours:
        return f"{hours}h{minutes}m" if minutes else f"{hours}h"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


def _sizes(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    return {str(k): f"<{len(str(v or ''))} bytes, hidden>" for k, v in data.items()}


def hide_secret_values(obj: Obj) -> Obj:
    """A Secret keeps its keys and the size of each value; the values never leave."""
    for field in ("data", "stringData", "binaryData"):
        if field in obj:
            obj[field] = _sizes(obj[field])
    return obj


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_FIELD:
        return value[:MAX_FIELD] + f"… ({len(value)} chars)"
    if isinstance(value, dict):
        return {k: _cut(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cut(v) for v in value]
    return value


def clean(obj: Obj, kind: str | None = None) -> Obj:
    """A copy without managedFields, last-applied and other noise; Secrets without values.

    ``kind`` is the resolved kind: items of a list response carry no ``kind`` of their own, so
    redaction must not depend on the item saying it is a Secret.
    """
    out = copy.deepcopy(obj)
    meta = out.get("metadata") or {}
    for key in ("managedFields", "selfLink"):
        meta.pop(key, None)
    annotations = meta.get("annotations") or {}
    for key in NOISY_ANNOTATIONS:
        annotations.pop(key, None)
    if "annotations" in meta and not annotations:
        meta.pop("annotations")
    if (kind or out.get("kind")) in SECRET_KINDS:
        hide_secret_values(out)
    return _cut(out)


def _condition(obj: Obj, kind: str) -> str | None:
    for cond in (obj.get("status") or {}).get("conditions") or []:
        if cond.get("type") == kind:
            return str(cond.get("status"))
    return None


def pod_status(pod: Obj) -> tuple[str, str, int]:
    """(ready "1/2", status as kubectl shows it, restarts)."""
    status = pod.get("status") or {}
    containers = status.get("containerStatuses") or []
    total = len((pod.get("spec") or {}).get("containers") or containers)
    ready = sum(1 for c in containers if c.get("ready"))
    restarts = sum(int(c.get("restartCount") or 0) for c in containers)
    shown = str(status.get("reason") or status.get("phase") or "Unknown")
    for c in containers:
        state = c.get("state") or {}
        reason = (state.get("waiting") or {}).get("reason") or (state.get("terminated") or {}).get(
            "reason"
        )
        if reason and reason != "Completed":
            shown = str(reason)
            break
    if (pod.get("metadata") or {}).get("deletionTimestamp"):
        shown = "Terminating"
    return f"{ready}/{total}", shown, restarts


def workload_ready(obj: Obj, kind: str) -> tuple[str | None, str | None]:
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        want = int(spec.get("replicas", 1) or 0)
        have = int(status.get("readyReplicas") or 0)
        return f"{have}/{want}", "Ready" if have >= want else "Progressing"
    if kind == "DaemonSet":
        want = int(status.get("desiredNumberScheduled") or 0)
        have = int(status.get("numberReady") or 0)
        return f"{have}/{want}", "Ready" if have >= want else "Progressing"
    if kind == "Job":
        done = int(status.get("succeeded") or 0)
        want = int(spec.get("completions", 1) or 1)
        failed = int(status.get("failed") or 0)
        return f"{done}/{want}", "Complete" if done >= want else ("Failed" if failed else "Running")
    if kind == "Node":
        ready = _condition(obj, "Ready")
        text = "Ready" if ready == "True" else "NotReady"
        if spec.get("unschedulable"):
            text += ",SchedulingDisabled"
        return None, text
    return None, None


def generic_status(obj: Obj) -> str | None:
    status = obj.get("status")
    if not isinstance(status, dict):
        return None
    for path in (("phase",), ("health", "status"), ("sync", "status")):
        value: Any = status
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str):
            return value
    ready = _condition(obj, "Ready")
    if ready is not None:
        return "Ready" if ready == "True" else "NotReady"
    return None


def row(obj: Obj, kind: str, reference: datetime | None = None) -> dict[str, Any]:
    """One line of a list: name, namespace, ready, status, restarts, age."""
    meta = obj.get("metadata") or {}
    ready: str | None = None
    restarts: int | None = None
    if kind == "Pod":
        ready, status, restarts = pod_status(obj)
    else:
        ready, status = workload_ready(obj, kind)
        status = status or generic_status(obj)
    if kind in SECRET_KINDS:
        status = f"{len(obj.get('data') or {})} keys"
    return {
        "name": meta.get("name", ""),
        "namespace": meta.get("namespace"),
        "ready": ready,
        "status": status,
        "restarts": restarts,
        "age": age(meta.get("creationTimestamp"), reference),
    }


def event_line(event: Obj, reference: datetime | None = None) -> dict[str, Any]:
    obj = event.get("involvedObject") or event.get("regarding") or {}
    last = (
        event.get("lastTimestamp")
        or event.get("eventTime")
        or (event.get("metadata") or {}).get("creationTimestamp")
    )
    return {
        "type": event.get("type") or "Normal",
        "reason": event.get("reason") or "",
        "object": f"{obj.get('kind', '?')}/{obj.get('name', '?')}",
        "namespace": (event.get("metadata") or {}).get("namespace"),
        "message": str(event.get("message") or event.get("note") or "")[:300],
        "count": int(event.get("count") or 1),
        "last_seen": age(last, reference),
        "_sort": str(last or ""),
    }


def sort_events(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Warnings first, each group newest first."""
    newest = sorted(lines, key=lambda e: e["_sort"], reverse=True)
    return sorted(newest, key=lambda e: e["type"] != "Warning")


def _container_line(c: Obj) -> dict[str, Any]:
    state = c.get("state") or {}
    now_state = next(iter(state), "unknown")
    detail = state.get(now_state) or {}
    last = (c.get("lastState") or {}).get("terminated") or {}
    line: dict[str, Any] = {
        "name": c.get("name"),
        "image": c.get("image"),
        "ready": bool(c.get("ready")),
        "restarts": int(c.get("restartCount") or 0),
        "state": now_state + (f": {detail['reason']}" if detail.get("reason") else ""),
    }
    if detail.get("message"):
        line["message"] = str(detail["message"])[:200]
    if last:
        line["last_terminated"] = f"{last.get('reason')} (exit {last.get('exitCode')})"
    return line


def summary(obj: Obj, kind: str) -> Obj:
    """What ``kubectl describe`` puts first: identity, state, and what is not fine; the whole
    object is get_resource's job."""
    meta = obj.get("metadata") or {}
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    out: Obj = {k: v for k, v in row(obj, kind).items() if v is not None}
    if meta.get("labels"):
        out["labels"] = meta["labels"]
    if kind == "Pod":
        out["node"] = spec.get("nodeName")
        out["ip"] = status.get("podIP")
        out["containers"] = [_container_line(c) for c in status.get("containerStatuses") or []]
    else:
        scalars = {k: v for k, v in spec.items() if isinstance(v, str | int | float | bool)}
        if scalars:
            out["spec"] = scalars
        if isinstance(status, dict):
            numbers = {k: v for k, v in status.items() if isinstance(v, int | float | str)}
            if numbers:
                out["status_fields"] = numbers
    conditions = [
        f"{c.get('type')}={c.get('status')}"
        + (f" ({c.get('reason')}: {str(c.get('message') or '')[:160]})" if c.get("reason") else "")
        for c in (status.get("conditions") if isinstance(status, dict) else None) or []
        if c.get("status") != "True" or c.get("type") in ("Ready", "Available")
    ]
    if conditions:
        out["conditions"] = conditions
    if kind in SECRET_KINDS:
        out["keys"] = _sizes(obj.get("data"))
    return out


def event_text(event: dict[str, Any]) -> str:
    """One line per event: ``Warning BackOff x3 (2m ago): message``."""
    when = f" ({event['last_seen']} ago)" if event.get("last_seen") else ""
    count = f" x{event['count']}" if event.get("count", 1) > 1 else ""
    return f"{event['type']} {event['reason']}{count}{when}: {event['message']}"
