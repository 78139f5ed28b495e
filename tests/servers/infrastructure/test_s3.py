"""MinIO/S3 tools through a real MCP client, the minio SDK and moto's S3 server on loopback."""

from __future__ import annotations

import asyncio
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from fastmcp import Client
from minio import Minio

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from tests.harness import mcp_client
from tests.peers import free_port
from tests.servers.infrastructure.conftest import call, call_error
from tests.servers.infrastructure.moto_s3 import ACCESS_KEY, SECRET_KEY, MotoS3, moto_s3


@pytest.fixture(scope="module")
def s3_server() -> Iterator[MotoS3]:
    with moto_s3() as server:
        yield server


@pytest.fixture
def s3(s3_server: MotoS3) -> Minio:
    """A direct SDK client to arrange and inspect the S3 state (not the code under test)."""
    s3_server.reset()
    return Minio(s3_server.endpoint, ACCESS_KEY, SECRET_KEY, secure=False, region="us-east-1")


@pytest.fixture
def s3_settings(s3_server: MotoS3) -> Callable[..., InfraSettings]:
    def make(**overrides: Any) -> InfraSettings:
        values: dict[str, Any] = {
            "minio_endpoint": s3_server.url,
            "minio_access_key": ACCESS_KEY,
            "minio_secret_key": SECRET_KEY,
            **overrides,
        }
        return load_settings(InfraSettings, **values)

    return make


@pytest.fixture
async def s3_ro(
    s3: Minio, s3_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    async with mcp_client(build_server(s3_settings(), runtime)) as client:
        yield client


@pytest.fixture
async def s3_rw(
    s3: Minio, s3_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    settings = s3_settings(allow_write=True, allow_destructive=True)
    async with mcp_client(build_server(settings, runtime)) as client:
        yield client


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def put(s3: Minio, bucket: str, name: str, size: int) -> None:
    import io

    s3.put_object(bucket, name, io.BytesIO(b"x" * size), size)


def fill(s3: Minio) -> None:
    s3.make_bucket("backups")
    s3.make_bucket("media")
    for day in range(1, 6):
        put(s3, "backups", f"db/2026-11-0{day}.sql.gz", 1024 * day)
    put(s3, "backups", "etc/hosts", 300)
    put(s3, "media", "movies/a.mkv", 2048)


async def test_only_s3_tools_when_only_s3_is_configured(s3_ro: Client[Any]) -> None:
    names = {t.name for t in await s3_ro.list_tools()}
    assert {"list_buckets", "list_objects", "object_info", "s3_health"} <= names
    assert "list_resources" not in names and "list_applications" not in names


async def test_buckets_with_counts_and_sizes(s3: Minio, s3_ro: Client[Any]) -> None:
    fill(s3)
    data = await call(s3_ro, "list_buckets")
    rows = {b["name"]: b for b in data["items"]}
    assert rows["backups"]["objects"] == 6 and rows["backups"]["size"] == "15.3 KiB"
    assert rows["media"] | {"created": None} == {
        "name": "media",
        "created": None,
        "objects": 1,
        "size": "2.0 KiB",
        "capped": False,
    }


async def test_bucket_scan_is_capped_and_says_so(
    s3: Minio, s3_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> None:
    fill(s3)
    async with mcp_client(build_server(s3_settings(bucket_scan_cap=3), runtime)) as client:
        data = await call(client, "list_buckets")
    backups = next(b for b in data["items"] if b["name"] == "backups")
    assert backups["objects"] == 3 and backups["capped"] is True


async def test_list_objects_by_prefix_and_pages(s3: Minio, s3_ro: Client[Any]) -> None:
    fill(s3)
    top = await call(s3_ro, "list_objects", bucket="backups")
    assert [(o["name"], o["is_dir"]) for o in top["items"]] == [("db/", True), ("etc/", True)]
    first = await call(s3_ro, "list_objects", bucket="backups", prefix="db/", limit=2)
    assert [o["name"] for o in first["items"]] == ["db/2026-11-01.sql.gz", "db/2026-11-02.sql.gz"]
    assert first["next_start_after"] == "db/2026-11-02.sql.gz"
    rest = await call(
        s3_ro,
        "list_objects",
        bucket="backups",
        prefix="db/",
        limit=10,
        start_after=first["next_start_after"],
    )
    assert [o["name"] for o in rest["items"]] == [f"db/2026-11-0{day}.sql.gz" for day in (3, 4, 5)]
    assert rest["next_start_after"] is None


async def test_object_info(s3: Minio, s3_ro: Client[Any]) -> None:
    import io

    s3.make_bucket("docs")
    s3.put_object(
        "docs",
        "a.txt",
        io.BytesIO(b"hello"),
        5,
        content_type="text/plain",
        metadata={"owner": "ops"},
    )
    data = await call(s3_ro, "object_info", bucket="docs", name="a.txt")
    assert data["bytes"] == 5 and data["content_type"] == "text/plain"
    assert data["metadata"] == {"owner": "ops"}


async def test_missing_bucket_and_bad_keys(s3: Minio, s3_ro: Client[Any]) -> None:
    text = await call_error(s3_ro, "list_objects", bucket="nope-bucket")
    assert "MinIO/S3: not found" in text and "NoSuchBucket" in text


async def test_health_against_plain_s3(s3: Minio, s3_ro: Client[Any]) -> None:
    health = await call(s3_ro, "s3_health")
    assert health["s3_api"] == "ok"
    # moto is S3, not MinIO: it has no /minio/health/* endpoints, and the tool says so
    assert health["live"].startswith("404") and health["cluster"].startswith("404")


async def test_unreachable_endpoint_names_the_variable(
    s3_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> None:
    settings = s3_settings(minio_endpoint=f"http://127.0.0.1:{free_port()}")
    async with mcp_client(build_server(settings, runtime)) as client:
        text = await call_error(client, "list_objects", bucket="backups")
        health = await call(client, "s3_health")
    assert "MinIO/S3: cannot connect" in text and "MINIO_ENDPOINT" in text
    assert "cannot connect" in health["s3_api"]


async def test_writes_and_presigned_download(s3: Minio, s3_rw: Client[Any]) -> None:
    await call(s3_rw, "make_bucket", bucket="new-bucket")
    assert s3.bucket_exists("new-bucket")
    put(s3, "new-bucket", "report.pdf", 64)
    data = await call(
        s3_rw, "presign_download", bucket="new-bucket", name="report.pdf", expires_seconds=300
    )
    assert data["expires_in"] == 300 and "X-Amz-Expires=300" in data["url"]
    # the URL works without any keys
    assert await asyncio.to_thread(download, data["url"]) == b"x" * 64
    text = await call_error(s3_rw, "presign_download", bucket="new-bucket", name="ghost.pdf")
    assert "not found" in text


async def test_remove_object_needs_confirmation(s3: Minio, s3_rw: Client[Any]) -> None:
    fill(s3)
    args = {"bucket": "backups", "name": "etc/hosts"}
    preview = await call(s3_rw, "remove_object", **args)
    assert "Permanently delete s3://backups/etc/hosts (300 B" in preview["preview"]
    assert s3.stat_object("backups", "etc/hosts").size == 300
    await call(s3_rw, "remove_object", **args, confirm_token=preview["confirm_token"])
    with pytest.raises(Exception, match=r"NoSuchKey|Not Found|does not exist"):
        s3.stat_object("backups", "etc/hosts")


async def test_remove_bucket_only_when_empty(s3: Minio, s3_rw: Client[Any]) -> None:
    fill(s3)
    preview = await call(s3_rw, "remove_bucket", bucket="media")
    assert "NOT empty (1 objects" in preview["preview"]
    text = await call_error(
        s3_rw, "remove_bucket", bucket="media", confirm_token=preview["confirm_token"]
    )
    assert "not empty" in text and s3.bucket_exists("media")
    s3.make_bucket("empty-one")
    preview = await call(s3_rw, "remove_bucket", bucket="empty-one")
    assert preview["preview"] == "Remove the empty bucket empty-one."
    await call(s3_rw, "remove_bucket", bucket="empty-one", confirm_token=preview["confirm_token"])
    assert not s3.bucket_exists("empty-one")
