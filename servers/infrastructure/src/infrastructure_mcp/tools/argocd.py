"""ArgoCD: applications, their resources and history, ApplicationSets, logs; refresh and sync;
prune, rollback and delete behind the confirmation flow."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from homelab_shared.errors import SafetyRefusal
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox
from infrastructure_mcp.argo_models import (
    AppDetail,
    AppLog,
    AppRow,
    AppSetDetail,
    AppSetRow,
    HistoryEntry,
    SyncResult,
    TreeSummary,
    app_detail,
    app_row,
    appset_detail,
    appset_row,
    history,
    short,
    tree_summary,
)
from infrastructure_mcp.argo_sync import describe_deploy, sync_risks
from infrastructure_mcp.policy import (
    NAME_RE,
    SELECTOR_RE,
    Container,
    Name,
    Namespace,
    matching,
)
from infrastructure_mcp.tools import Deps

AppName = Annotated[str, Field(description="Application name"), matching(NAME_RE, "name")]
AppSetName = Annotated[str, Field(description="ApplicationSet name"), matching(NAME_RE, "name")]
Project = Annotated[
    str | None, Field(description="Only this project"), matching(NAME_RE, "project")
]
AppSelector = Annotated[
    str | None,
    Field(description="Label selector, e.g. team=media"),
    matching(SELECTOR_RE, "selector"),
]


def _git_ref(value: str | None) -> str | None:
    """git check-ref-format's rules that matter here: no '..', '//', '@{', trailing '/' or '.'."""
    if value is not None and (
        ".." in value or "//" in value or "@{" in value or value.endswith(("/", ".", ".lock"))
    ):
        raise ValueError(f"{value!r} is not a git revision, tag or chart version")
    return value


Revision = Annotated[
    str | None,
    Field(description="Git revision, tag or chart version (default: the app's)"),
    matching(r"^[A-Za-z0-9][A-Za-z0-9._/+-]{0,199}$", "revision"),
    AfterValidator(_git_ref),
]


def _sync_result(name: str, app: dict, dry_run: bool, prune: bool) -> SyncResult:
    # The answer to a sync carries the new request in `operation`; status.operationState is
    # still the previous operation's, whose phase would be misleading here.
    last = ((app.get("status") or {}).get("operationState") or {}).get("phase")
    sync = (app.get("status") or {}).get("sync") or {}
    return SyncResult(
        application=name,
        dry_run=dry_run,
        prune=prune,
        operation="requested" if app.get("operation") else last,
        sync=sync.get("status"),
        revision=short(sync.get("revision")),
    )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_applications(
        project: Project = None, selector: AppSelector = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[AppRow]:
        """ArgoCD applications: project, sync, health, revision, destination."""
        apps = await deps.argocd().applications(project, selector)
        rows = sorted((app_row(a) for a in apps), key=lambda r: r.name)
        return paginate(rows, limit, offset)

    @box.read
    async def get_application(name: AppName) -> AppDetail:
        """One application: source, sync and health, conditions, out-of-sync and unhealthy
        resources, the last operation."""
        return app_detail(await deps.argocd().application(name))

    @box.read
    async def application_resources(name: AppName) -> TreeSummary:
        """Summary of an application's live resource tree: counts by kind and health, problems,
        images."""
        return tree_summary(name, await deps.argocd().resource_tree(name))

    @box.read
    async def application_history(
        name: AppName, limit: Limit = 10, offset: Offset = 0
    ) -> Page[HistoryEntry]:
        """Deployment history, newest first (the ids rollback_application takes)."""
        return paginate(history(await deps.argocd().application(name)), limit, offset)

    @box.read
    async def list_applicationsets(limit: Limit = 50, offset: Offset = 0) -> Page[AppSetRow]:
        """ApplicationSets with their generators and the applications they generated."""
        sets = await deps.argocd().applicationsets()
        return paginate(sorted((appset_row(s) for s in sets), key=lambda r: r.name), limit, offset)

    @box.read
    async def get_applicationset(name: AppSetName) -> AppSetDetail:
        """One ApplicationSet: generators, template name, conditions, generated applications."""
        return appset_detail(await deps.argocd().applicationset(name))

    @box.read
    async def application_logs(
        name: AppName,
        pod: Name,
        namespace: Namespace,
        container: Container = None,
        tail: Annotated[int, Field(ge=1, le=2000, description="Last N lines")] = 100,
    ) -> AppLog:
        """Last log lines of a pod of an application, through ArgoCD (its RBAC applies)."""
        lines = await deps.argocd().pod_logs(name, pod, namespace, container, tail)
        lines = lines[-tail:]
        return AppLog(application=name, pod=pod, lines=len(lines), text="\n".join(lines))

    @box.write(idempotent=True)
    async def refresh_application(
        name: AppName,
        hard: Annotated[
            bool, Field(description="Hard refresh: also clear the manifest cache")
        ] = False,
    ) -> AppRow:
        """Re-read the application's source and compare it with the cluster."""
        return app_row(await deps.argocd().application(name, "hard" if hard else "normal"))

    @box.write()
    async def sync_application(
        name: AppName,
        dry_run: Annotated[
            bool, Field(description="Only check what a sync would do; nothing is applied")
        ] = False,
        revision: Revision = None,
    ) -> SyncResult:
        """Sync an application to its target revision, without pruning; dry_run=true checks any
        revision. Other revisions: deploy_revision."""
        if not dry_run:
            risks = sync_risks(await deps.argocd().application(name), revision)
            if risks:
                raise SafetyRefusal(
                    f"Not synced: {'; '.join(risks)}. That is destructive: deploy_revision "
                    "does it after a preview and confirmation (dry_run=true checks it first)."
                )
        app = await deps.argocd().sync(name, dry_run=dry_run, prune=False, revision=revision)
        return _sync_result(name, app, dry_run, False)

    async def describe_deploy_revision(name: str, revision: str | None = None) -> str:
        return describe_deploy(name, await deps.argocd().application(name), revision)

    @box.destructive(preview=describe_deploy_revision)
    async def deploy_revision(name: AppName, revision: Revision = None) -> SyncResult:
        """Sync to another revision than the target, or despite Replace/Force sync options."""
        app = await deps.argocd().sync(name, dry_run=False, prune=False, revision=revision)
        return _sync_result(name, app, False, False)

    async def describe_prune(name: str, revision: str | None = None) -> str:
        app = await deps.argocd().application(name)
        resources = (app.get("status") or {}).get("resources") or []
        doomed = [
            f"{r.get('kind')}/{r.get('namespace') or '-'}/{r.get('name')}"
            for r in resources
            if r.get("requiresPruning")
        ]
        listed = "; ".join(doomed[:30]) or "none right now"
        return (
            f"{describe_deploy(name, app, revision, prune=True)} It removes from the cluster the "
            f"{len(doomed)} resources no longer in git: {listed}."
        )

    @box.destructive(preview=describe_prune)
    async def prune_application(name: AppName, revision: Revision = None) -> SyncResult:
        """Sync with prune: resources removed from git are deleted from the cluster."""
        app = await deps.argocd().sync(name, dry_run=False, prune=True, revision=revision)
        return _sync_result(name, app, False, True)

    async def describe_rollback(name: str, history_id: int) -> str:
        app = await deps.argocd().application(name)
        entries = {h.id: h for h in history(app)}
        current = short(((app.get("status") or {}).get("sync") or {}).get("revision"))
        target = entries.get(history_id)
        if target is None:
            known = ", ".join(str(i) for i in sorted(entries)) or "none"
            return f"{name} has no history entry {history_id} (known: {known}); the call will fail."
        return (
            f"Roll {name} back from {current} to revision {target.revision} (history {history_id}, "
            f"deployed {target.deployed_at}). Auto-sync must be off for a rollback to stay."
        )

    @box.destructive(preview=describe_rollback)
    async def rollback_application(
        name: AppName,
        history_id: Annotated[int, Field(ge=0, description="Id from application_history")],
    ) -> SyncResult:
        """Roll an application back to an earlier deployed revision."""
        app = await deps.argocd().rollback(name, history_id)
        return _sync_result(name, app, False, False)

    async def describe_delete(name: str, cascade: bool = True) -> str:
        detail = app_detail(await deps.argocd().application(name))
        what = (
            f"and its {detail.resources} managed resources in {detail.destination}"
            if cascade
            else f"but leave its {detail.resources} resources running"
        )
        return f"Delete ArgoCD application {name} (project {detail.project}) {what}."

    @box.destructive(preview=describe_delete)
    async def delete_application(
        name: AppName,
        cascade: Annotated[
            bool, Field(description="Also delete the resources it manages (default true)")
        ] = True,
    ) -> AppRow:
        """Delete an ArgoCD application (and, with cascade, everything it deployed)."""
        row = app_row(await deps.argocd().application(name))
        await deps.argocd().delete(name, cascade)
        return row
