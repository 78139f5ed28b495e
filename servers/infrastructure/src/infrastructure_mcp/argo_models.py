"""Lean results of the ArgoCD tools and the shaping of ArgoCD's JSON into them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel, Field

Obj = dict[str, Any]


class AppRow(BaseModel):
    name: str
    project: str | None = None
    sync: str | None = None
    health: str | None = None
    revision: str | None = Field(None, description="Synced revision (short)")
    destination: str | None = Field(None, description="cluster/namespace")


class OutOfSync(BaseModel):
    kind: str
    name: str
    namespace: str | None = None
    status: str | None = None
    health: str | None = None


class AppDetail(AppRow):
    source: str | None = Field(None, description="repo path@targetRevision (or chart)")
    auto_sync: bool = False
    operation: str | None = Field(None, description="Last operation: phase and message")
    conditions: list[str]
    resources: int = Field(description="Managed resources")
    out_of_sync: list[OutOfSync]
    unhealthy: list[OutOfSync]


class TreeSummary(BaseModel):
    application: str
    nodes: int
    by_kind: dict[str, int]
    by_health: dict[str, int]
    problems: list[str] = Field(description="Kind/name: health message (first 20)")
    images: list[str]


class HistoryEntry(BaseModel):
    id: int
    revision: str | None = None
    deployed_at: str | None = None
    source: str | None = None
    initiated_by: str | None = None


class AppSetRow(BaseModel):
    name: str
    generators: list[str]
    applications: list[str] = Field(description="Applications it generated")
    status: str | None = Field(None, description="Condition summary, e.g. ResourcesUpToDate")


class AppSetDetail(AppSetRow):
    template: str | None = Field(None, description="Name template of the generated apps")
    conditions: list[str]
    application_status: list[str] = Field(description="Progressive sync step per app, if used")


class AppLog(BaseModel):
    application: str
    pod: str
    lines: int
    text: str


class SyncResult(BaseModel):
    application: str
    dry_run: bool
    prune: bool
    operation: str | None = Field(None, description="Phase of the started operation")
    sync: str | None = None
    revision: str | None = None


def short(revision: Any) -> str | None:
    text = str(revision or "") or None
    if text and len(text) == 40 and all(c in "0123456789abcdef" for c in text):
        return text[:8]
    return text


def source_text(spec: Obj) -> str | None:
    source = spec.get("source") or ((spec.get("sources") or [None])[0])
    if not isinstance(source, dict):
        return None
    where = source.get("chart") or source.get("path") or ""
    return f"{source.get('repoURL', '')} {where}@{source.get('targetRevision') or 'HEAD'}".strip()


def app_row(app: Obj) -> AppRow:
    spec = app.get("spec") or {}
    status = app.get("status") or {}
    dest = spec.get("destination") or {}
    return AppRow(
        name=(app.get("metadata") or {}).get("name", ""),
        project=spec.get("project"),
        sync=(status.get("sync") or {}).get("status"),
        health=(status.get("health") or {}).get("status"),
        revision=short((status.get("sync") or {}).get("revision")),
        destination=f"{dest.get('name') or dest.get('server') or '?'}/{dest.get('namespace', '')}",
    )


def _res(r: Obj) -> OutOfSync:
    return OutOfSync(
        kind=r.get("kind", ""),
        name=r.get("name", ""),
        namespace=r.get("namespace"),
        status=r.get("status"),
        health=(r.get("health") or {}).get("status"),
    )


def app_detail(app: Obj) -> AppDetail:
    spec = app.get("spec") or {}
    status = app.get("status") or {}
    resources = status.get("resources") or []
    op = status.get("operationState") or {}
    return AppDetail(
        **app_row(app).model_dump(),
        source=source_text(spec),
        auto_sync=bool((spec.get("syncPolicy") or {}).get("automated")),
        operation=f"{op.get('phase')}: {op.get('message', '')}"[:300] if op else None,
        conditions=[
            f"{c.get('type')}: {c.get('message', '')}"[:300] for c in status.get("conditions") or []
        ],
        resources=len(resources),
        out_of_sync=[_res(r) for r in resources if r.get("status") == "OutOfSync"][:30],
        unhealthy=[
            _res(r)
            for r in resources
            if (r.get("health") or {}).get("status") not in (None, "Healthy")
        ][:30],
    )


def tree_summary(name: str, tree: Obj) -> TreeSummary:
    nodes = tree.get("nodes") or []
    health = Counter((n.get("health") or {}).get("status") or "None" for n in nodes)
    problems = [
        f"{n.get('kind')}/{n.get('name')}: {(n.get('health') or {}).get('status')} "
        f"{(n.get('health') or {}).get('message', '')}".strip()
        for n in nodes
        if (n.get("health") or {}).get("status") in ("Degraded", "Missing", "Unknown", "Suspended")
    ]
    images = sorted({i for n in nodes for i in n.get("images") or []})
    return TreeSummary(
        application=name,
        nodes=len(nodes),
        by_kind=dict(Counter(n.get("kind", "?") for n in nodes).most_common()),
        by_health=dict(health.most_common()),
        problems=problems[:20],
        images=images[:30],
    )


def history(app: Obj) -> list[HistoryEntry]:
    entries = (app.get("status") or {}).get("history") or []
    out = [
        HistoryEntry(
            id=int(h.get("id", 0)),
            revision=short(h.get("revision") or (h.get("revisions") or [None])[0]),
            deployed_at=h.get("deployedAt"),
            source=source_text(h),
            initiated_by=(h.get("initiatedBy") or {}).get("username")
            or ("automated" if (h.get("initiatedBy") or {}).get("automated") else None),
        )
        for h in entries
    ]
    return sorted(out, key=lambda h: h.id, reverse=True)


def _generators(spec: Obj) -> list[str]:
    return [next(iter(g), "?") for g in spec.get("generators") or [] if isinstance(g, dict)]


def appset_row(appset: Obj) -> AppSetRow:
    spec = appset.get("spec") or {}
    status = appset.get("status") or {}
    conds = [c for c in status.get("conditions") or [] if c.get("status") == "True"]
    return AppSetRow(
        name=(appset.get("metadata") or {}).get("name", ""),
        generators=_generators(spec),
        applications=[r.get("name", "") for r in status.get("resources") or []],
        status=", ".join(sorted({str(c.get("type")) for c in conds})) or None,
    )


def appset_detail(appset: Obj) -> AppSetDetail:
    spec = appset.get("spec") or {}
    status = appset.get("status") or {}
    return AppSetDetail(
        **appset_row(appset).model_dump(),
        template=((spec.get("template") or {}).get("metadata") or {}).get("name"),
        conditions=[
            f"{c.get('type')}={c.get('status')}: {c.get('message', '')}"[:300]
            for c in status.get("conditions") or []
        ],
        application_status=[
            f"{s.get('application')}: {s.get('status')} (step {s.get('step', '-')})"
            for s in status.get("applicationStatus") or []
        ],
    )
