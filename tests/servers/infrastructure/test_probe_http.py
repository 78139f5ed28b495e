"""The start-up probe without the SDKs: the same answers and errors as the SDK path."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from homelab_shared.settings import load_settings
from infrastructure_mcp.kube import KubeClient
from infrastructure_mcp.probe_http import _sign, kube_version, s3_bucket_count
from infrastructure_mcp.s3 import S3Client
from infrastructure_mcp.server import probe
from infrastructure_mcp.settings import InfraSettings
from infrastructure_mcp.tools import Upstreams
from tests.servers.infrastructure.kmock_cluster import Cluster
from tests.servers.infrastructure.moto_s3 import moto_s3


def edited(kubeconfig: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    config = yaml.safe_load(kubeconfig.read_text())
    change(config)
    path = kubeconfig.with_name("edited")
    path.write_text(yaml.safe_dump(config))
    return path


def test_signature_is_the_minio_sdks() -> None:
    """Our ListBuckets signature equals the one the minio SDK computes for the same request."""
    from minio.credentials.credentials import Credentials
    from minio.signer import sign_v4_s3

    settings = load_settings(
        InfraSettings,
        minio_endpoint="http://minio.lan:9000",
        minio_access_key="AKIAEXAMPLE",
        minio_secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        minio_region="eu-west-1",
    )
    now = datetime(2026, 12, 2, 4, 30, 5, tzinfo=UTC)
    ours = _sign(settings, "minio.lan:9000", now)
    headers: dict[str, Any] = {k: ours[k] for k in ("Host", "x-amz-content-sha256", "x-amz-date")}
    theirs = sign_v4_s3(
        method="GET",
        url=urlsplit("http://minio.lan:9000/"),
        region="eu-west-1",
        headers=headers,
        credentials=Credentials("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        content_sha256=ours["x-amz-content-sha256"],
        date=now,
    )
    assert ours["Authorization"] == theirs["Authorization"]


async def test_probe_reads_versions_without_the_sdks(cluster: Cluster, kubeconfig: Path) -> None:
    with moto_s3() as server:
        settings = load_settings(
            InfraSettings,
            kubeconfig=kubeconfig,
            minio_endpoint=server.url,
            minio_access_key="probe-access-key",
            minio_secret_key="probe-secret-key-0000",
        )
        S3Client(settings).make_bucket("backups")
        assert await s3_bucket_count(settings) == "1 buckets"
        kube, s3 = KubeClient(settings), S3Client(settings)
        try:
            ready = await probe(Upstreams(kube=kube, s3=s3))
            sdk_version = await asyncio.to_thread(kube.version)
        finally:
            await kube.aclose()
            await s3.aclose()
    assert ready.ok, ready.detail
    assert f"kubernetes: ok ({sdk_version})" in ready.detail
    assert "s3: ok (1 buckets)" in ready.detail


async def test_kube_config_errors_name_the_variable(cluster: Cluster, kubeconfig: Path) -> None:
    # a context that is not in the file: the variable to fix is named
    settings = load_settings(InfraSettings, kubeconfig=kubeconfig, kube_context="nope")
    ready = await probe(Upstreams(kube=KubeClient(settings)))
    assert not ready.ok and "INFRA_KUBE_CONTEXT" in ready.detail and "nope" in ready.detail


async def test_exec_plugin_kubeconfig_falls_back_to_the_sdk(kubeconfig: Path) -> None:
    exec_user = {"exec": {"command": "true", "apiVersion": "x"}}
    path = edited(kubeconfig, lambda c: c["users"][0].update(user=exec_user))
    assert await kube_version(load_settings(InfraSettings, kubeconfig=path)) is None
