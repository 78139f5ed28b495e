"""When an ArgoCD sync is more than "make the cluster match git": pure judgements on an
Application's JSON, used to keep such syncs out of the write-class ``sync_application``.

A sync to a revision other than the application's target revision replaces what runs with
another version (an old tag or SHA is a rollback, a branch nobody reviewed is an unplanned
deploy); sync options such as ``Replace=true`` or ``Force=true`` delete or overwrite live objects.
Both are destructive: they need a preview and a confirmation (default-deny, issue 7).
"""

from __future__ import annotations

from typing import Any

from infrastructure_mcp.argo_models import short

Obj = dict[str, Any]
# Sync options whose effect reaches past "apply the manifests": kubectl replace (overwrites
# fields others set) and --force (deletes and recreates on conflict).
DESTRUCTIVE_OPTIONS = frozenset({"replace=true", "force=true"})
HEAD = "HEAD"


def _revision(value: Any) -> str:
    text = str(value or "").strip()
    return text or HEAD  # an empty targetRevision means the repository's default branch


def target_revisions(app: Obj) -> list[str]:
    """The target revision of each source (one for a single-source application)."""
    spec = app.get("spec") or {}
    sources = spec.get("sources") or ([spec["source"]] if spec.get("source") else [])
    return [_revision((s or {}).get("targetRevision")) for s in sources]


def destructive_options(app: Obj) -> list[str]:
    options = ((app.get("spec") or {}).get("syncPolicy") or {}).get("syncOptions") or []
    return [str(o) for o in options if str(o).replace(" ", "").lower() in DESTRUCTIVE_OPTIONS]


def sync_risks(app: Obj, revision: str | None) -> list[str]:
    """Why a real sync of ``app`` (to ``revision``, default its target) is destructive; empty
    when it only makes the cluster match the application's own target."""
    reasons = []
    if revision is not None:
        targets = target_revisions(app)
        if len(targets) != 1:
            reasons.append(
                f"it has {len(targets)} sources, so one revision cannot be matched to its targets"
            )
        elif _revision(revision) != targets[0]:
            reasons.append(
                f"{revision} is not its target revision {targets[0]}: syncing there replaces "
                "what runs with another version (for an earlier one, a rollback)"
            )
    options = destructive_options(app)
    if options:
        reasons.append(
            f"its sync options {', '.join(options)} make a sync replace or delete and recreate "
            "live objects"
        )
    return reasons


def auto_sync(app: Obj) -> bool:
    return bool(((app.get("spec") or {}).get("syncPolicy") or {}).get("automated"))


def describe_deploy(name: str, app: Obj, revision: str | None, *, prune: bool = False) -> str:
    """The preview of a destructive sync: from what, to what, why it is destructive."""
    current = short(((app.get("status") or {}).get("sync") or {}).get("revision")) or "unknown"
    targets = ", ".join(target_revisions(app)) or "none"
    to = f"{revision} (target revision: {targets})" if revision else f"its target {targets}"
    risks = sync_risks(app, revision)
    how = "with pruning" if prune else "without pruning"
    text = f"Sync {name} from {current} to {to}, {how}."
    if risks:
        text += " Destructive because " + "; ".join(risks) + "."
    if revision is not None and auto_sync(app) and risks:
        text += (
            f" Auto-sync is on: ArgoCD will sync it back to {targets} unless auto-sync is "
            "turned off."
        )
    return text
