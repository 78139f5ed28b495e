"""Settings of the infrastructure server: prefix ``INFRA_``; ArgoCD and MinIO by their own names.

Any subset of the three apps may be configured: Kubernetes (``INFRA_KUBECONFIG`` or in-cluster),
ArgoCD (``ARGOCD_URL`` + ``ARGOCD_TOKEN``), MinIO/S3 (``MINIO_ENDPOINT`` + keys). With none of them
the server refuses to start and names the variables.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode

from homelab_shared.errors import ConfigError
from homelab_shared.settings import UpstreamSettings, companion, parse_list, server_config

DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
# [group/]Kind[:write]; the group may be '*' for every kind of the group.
DENY_ENTRY = re.compile(
    r"^(?:(?P<group>[a-z0-9.-]*)/)?(?P<kind>[A-Za-z0-9]+|\*)(?::(?P<scope>write))?$"
)
DEFAULT_DENIED = ["Secret:write", "rbac.authorization.k8s.io/*:write"]
# Each works only whole: client-config prints the rest of one once any of it is set.
ARGOCD = companion("argocd")
MINIO = companion("minio")
SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
IN_CLUSTER_TOKEN = SERVICE_ACCOUNT_DIR / "token"


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class InfraSettings(UpstreamSettings):
    """Kubernetes, ArgoCD and MinIO/S3 connection and safety settings."""

    model_config = server_config("INFRA_")

    # --- Kubernetes ---------------------------------------------------------------------------
    kubeconfig: Path | None = Field(
        None,
        validation_alias=_alias("INFRA_KUBECONFIG", "KUBECONFIG"),
        description="kubeconfig file (e.g. ~/.kube/config); unset with in-cluster config",
    )
    kube_context: str | None = Field(
        None, description="kubeconfig context to use (default: the file's current-context)"
    )
    kube_in_cluster: bool | None = Field(
        None,
        description="Use the pod's service account (default: when running in a cluster and no "
        "kubeconfig is set)",
    )
    namespaces: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Namespaces the server may touch, comma separated (default: all)",
    )
    denied_kinds: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_DENIED),
        description="Kinds refused: Kind (all access) or Kind:write; group/* for a whole API group",
    )
    kube_timeout: float = Field(15.0, gt=0, le=300, description="Kubernetes request timeout, s")

    # --- ArgoCD -------------------------------------------------------------------------------
    argocd_url: str | None = Field(
        None,
        validation_alias=_alias("ARGOCD_URL", "INFRA_ARGOCD_URL"),
        json_schema_extra=ARGOCD,
        description="ArgoCD base URL, e.g. https://argocd.lan",
    )
    argocd_token: SecretStr | None = Field(
        None,
        validation_alias=_alias("ARGOCD_TOKEN", "INFRA_ARGOCD_TOKEN"),
        json_schema_extra=ARGOCD,
        description="ArgoCD API token (argocd account generate-token)",
    )

    # --- MinIO / S3 ---------------------------------------------------------------------------
    minio_endpoint: str | None = Field(
        None,
        validation_alias=_alias("MINIO_ENDPOINT", "INFRA_MINIO_ENDPOINT"),
        json_schema_extra=MINIO,
        description="MinIO/S3 endpoint, host:port or http(s)://host:port",
    )
    minio_access_key: SecretStr | None = Field(
        None,
        validation_alias=_alias("MINIO_ACCESS_KEY", "INFRA_MINIO_ACCESS_KEY"),
        json_schema_extra=MINIO,
        description="MinIO/S3 access key",
    )
    minio_secret_key: SecretStr | None = Field(
        None,
        validation_alias=_alias("MINIO_SECRET_KEY", "INFRA_MINIO_SECRET_KEY"),
        json_schema_extra=MINIO,
        description="MinIO/S3 secret key",
    )
    minio_secure: bool | None = Field(
        None,
        validation_alias=_alias("MINIO_SECURE", "INFRA_MINIO_SECURE"),
        description="Use TLS (default: from the endpoint's scheme, else true)",
    )
    minio_region: str = Field(
        "us-east-1",
        validation_alias=_alias("MINIO_REGION", "INFRA_MINIO_REGION"),
        description="S3 region",
    )
    bucket_scan_cap: int = Field(
        10_000, ge=1, le=1_000_000, description="Objects counted per bucket before stopping"
    )

    @field_validator("namespaces", "denied_kinds", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return parse_list(value)

    @field_validator("namespaces")
    @classmethod
    def _namespaces(cls, value: list[str]) -> list[str]:
        bad = [n for n in value if not DNS_LABEL.match(n)]
        if bad:
            raise ValueError(f"not namespace names: {', '.join(bad)}")
        return value

    @field_validator("denied_kinds")
    @classmethod
    def _denied(cls, value: list[str]) -> list[str]:
        bad = [k for k in value if not DENY_ENTRY.match(k)]
        if bad:
            raise ValueError(f"entries must be [group/]Kind[:write]: {', '.join(bad)}")
        return value

    @field_validator("argocd_url")
    @classmethod
    def _argocd_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.strip().rstrip("/")

    @model_validator(mode="after")
    def _pairs(self) -> InfraSettings:
        # ConfigError, not ValueError: the message names the variables and must not be reworded
        # by pydantic under an empty field name.
        if self.argocd_url and self.argocd_token is None:
            raise ConfigError("ARGOCD_URL is set but ARGOCD_TOKEN (or ARGOCD_TOKEN_FILE) is not")
        if self.minio_endpoint and (self.minio_access_key is None or self.minio_secret_key is None):
            raise ConfigError("MINIO_ENDPOINT is set but MINIO_ACCESS_KEY/MINIO_SECRET_KEY are not")
        if not (self.kube_configured or self.argocd_configured or self.minio_configured):
            raise ConfigError(
                "nothing to manage: set INFRA_KUBECONFIG (or run in a cluster), ARGOCD_URL and "
                "ARGOCD_TOKEN, or MINIO_ENDPOINT with MINIO_ACCESS_KEY and MINIO_SECRET_KEY"
            )
        return self

    @property
    def kube_configured(self) -> bool:
        return self.kubeconfig is not None or self.use_in_cluster

    @property
    def use_in_cluster(self) -> bool:
        if self.kube_in_cluster is not None:
            return self.kube_in_cluster
        # A pod without a mounted service-account token (the chart's default for servers that do
        # not manage Kubernetes) is not "in a cluster" for this purpose.
        return (
            self.kubeconfig is None
            and bool(os.environ.get("KUBERNETES_SERVICE_HOST"))
            and IN_CLUSTER_TOKEN.is_file()
        )

    @property
    def argocd_configured(self) -> bool:
        return bool(self.argocd_url and self.argocd_token)

    @property
    def minio_configured(self) -> bool:
        return bool(self.minio_endpoint and self.minio_access_key and self.minio_secret_key)
