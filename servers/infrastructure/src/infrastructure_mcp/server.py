"""The infrastructure MCP server: ``build_server(settings)`` (its ``SPEC`` is in ``spec``)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastmcp import FastMCP

from homelab_shared.errors import UpstreamError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ClientHolder, Readiness, Toolbox
from infrastructure_mcp.argocd import ArgoClient
from infrastructure_mcp.kube import KubeClient
from infrastructure_mcp.policy import KubePolicy
from infrastructure_mcp.probe_http import kube_version, s3_bucket_count
from infrastructure_mcp.s3 import S3Client
from infrastructure_mcp.settings import InfraSettings
from infrastructure_mcp.tools import Deps, Upstreams, argocd, k8s_ops, k8s_read, k8s_write, s3

INSTRUCTIONS = (
    "Kubernetes, ArgoCD and MinIO/S3 of a homelab. Start with cluster_health, list_resources, "
    "list_applications or list_buckets; describe and pod_logs to dig in. Secret values are never "
    "shown. Deleting, applying manifests, pruning syncs, rollbacks and removing objects are "
    "destructive: the tool returns a preview (for apply, the server-side dry run) and a "
    "confirm_token; show the preview and repeat the call with the token only if the user agrees."
)


def connect(settings: InfraSettings) -> Upstreams:
    """Clients for the configured upstreams; none of them does I/O before its first call."""
    return Upstreams(
        kube=KubeClient(settings) if settings.kube_configured else None,
        argocd=ArgoClient(settings) if settings.argocd_configured else None,
        s3=S3Client(settings) if settings.minio_configured else None,
    )


async def _check(name: str, probe: Any) -> tuple[bool, str, str | None]:
    try:
        version = await probe()
    except UpstreamError as err:
        return False, f"{name}: {err}", None
    return True, f"{name}: ok ({version})", f"{name} {version}"


async def _kube_version(kube: KubeClient, settings: InfraSettings) -> str:
    """Plain HTTP when the kubeconfig allows (no kubernetes import at start), else the SDK."""
    return await kube_version(settings) or await asyncio.to_thread(kube.version)


async def probe(up: Upstreams) -> Readiness:
    """Every configured upstream answers and accepts our credentials; missing ones are named."""
    checks = []
    missing = []
    if up.kube is not None:
        kube = up.kube
        checks.append(_check("kubernetes", lambda: _kube_version(kube, kube.settings)))
    else:
        missing.append("kubernetes: not configured (INFRA_KUBECONFIG)")
    if up.argocd is not None:
        checks.append(_check("argocd", up.argocd.version))
    else:
        missing.append("argocd: not configured (ARGOCD_URL, ARGOCD_TOKEN)")
    if up.s3 is not None:
        s3_settings = up.s3.settings
        checks.append(_check("s3", lambda: s3_bucket_count(s3_settings)))
    else:
        missing.append("s3: not configured (MINIO_ENDPOINT and keys)")
    results = await asyncio.gather(*checks)
    ok = bool(results) and all(r[0] for r in results)
    detail = "; ".join([r[1] for r in results] + missing)
    versions = ", ".join(r[2] for r in results if r[2])
    return Readiness(
        ok=ok,
        reachable=any(r[0] for r in results),
        authenticated=ok,
        version=versions or None,
        detail=detail,
    )


def build_server(
    settings: InfraSettings,
    runtime: RuntimeSettings | None = None,
    client: Upstreams | None = None,
) -> FastMCP[Any]:
    """Build the server; ``client`` injects the upstream clients (the caller closes them)."""
    runtime = runtime or load_settings(RuntimeSettings)
    holder = ClientHolder(lambda: connect(settings), client)
    box = Toolbox(
        "Infrastructure",
        settings,
        runtime,
        instructions=INSTRUCTIONS,
        lifespan=holder.lifespan,
        ready=lambda: probe(holder.get()),
    )
    deps = Deps(holder, settings, KubePolicy(settings.namespaces, settings.denied_kinds))
    groups: list[Any] = []
    if settings.kube_configured:
        groups += [k8s_read, k8s_ops, k8s_write]
    if settings.argocd_configured:
        groups.append(argocd)
    if settings.minio_configured:
        groups.append(s3)
    for group in groups:
        group.register(box, deps)
    return box.mcp
