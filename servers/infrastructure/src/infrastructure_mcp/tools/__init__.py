"""Tool groups, one module each with ``register(box, deps)``; a group is registered only when its
upstream is configured."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from fastmcp.exceptions import ToolError

from homelab_shared.toolbox import ClientHolder
from infrastructure_mcp.policy import KubePolicy
from infrastructure_mcp.settings import InfraSettings

if TYPE_CHECKING:
    from infrastructure_mcp.argocd import ArgoClient
    from infrastructure_mcp.kube import KubeClient
    from infrastructure_mcp.s3 import S3Client


T = TypeVar("T")


class Upstreams:
    """The configured upstreams, made and closed together by the lifespan."""

    def __init__(
        self,
        kube: KubeClient | None = None,
        argocd: ArgoClient | None = None,
        s3: S3Client | None = None,
    ) -> None:
        self.kube = kube
        self.argocd = argocd
        self.s3 = s3

    async def aclose(self) -> None:
        for client in (self.kube, self.argocd, self.s3):
            if client is not None:
                await client.aclose()


@dataclass
class Deps:
    holder: ClientHolder[Upstreams]
    settings: InfraSettings
    policy: KubePolicy

    def kube(self) -> KubeClient:
        return _need(self.holder.get().kube, "Kubernetes", "INFRA_KUBECONFIG")

    def argocd(self) -> ArgoClient:
        return _need(self.holder.get().argocd, "ArgoCD", "ARGOCD_URL and ARGOCD_TOKEN")

    def s3(self) -> S3Client:
        return _need(self.holder.get().s3, "MinIO/S3", "MINIO_ENDPOINT and its keys")


def _need(client: T | None, what: str, variables: str) -> T:
    if client is None:
        raise ToolError(f"{what} is not configured on this server: set {variables}.")
    return client
