"""MinIO/S3: buckets with size summaries, objects, health; make bucket and presigned downloads;
removing an object or an empty bucket behind the confirmation flow."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from fastmcp.exceptions import ToolError
from pydantic import AfterValidator, BaseModel, Field

from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox
from infrastructure_mcp.policy import matching
from infrastructure_mcp.tools import Deps

BUCKET_RE = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
DOT_SEGMENT = re.compile(r"(^|/)\.{1,2}(/|$)")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _key(value: str) -> str:
    """Keys are literal in S3, but ``..`` segments get normalised away by proxies and some
    servers, turning ``a/../../other-bucket/x`` into another bucket's path: refuse them."""
    if value.startswith("/") or DOT_SEGMENT.search(value) or CONTROL.search(value):
        raise ValueError(
            "object names may not start with '/', contain '.'/'..' segments or control characters"
        )
    return value


Bucket = Annotated[str, Field(description="Bucket name"), matching(BUCKET_RE, "bucket name")]
Key = Annotated[
    str, Field(min_length=1, max_length=1024, description="Object name (key)"), AfterValidator(_key)
]
Prefix = Annotated[
    str | None,
    Field(max_length=1024, description="Only names starting with this, e.g. backups/2026-"),
    AfterValidator(lambda v: None if v is None else _key(v)),
]


class BucketRow(BaseModel):
    name: str
    created: str | None = None
    objects: int = Field(description="Objects counted")
    size: str = Field(description="Total size of the counted objects")
    capped: bool = Field(
        description="The count stopped at INFRA_BUCKET_SCAN_CAP: real totals are larger"
    )


class ObjectRow(BaseModel):
    name: str
    size: str | None = None
    modified: str | None = None
    is_dir: bool = False


class ObjectPage(BaseModel):
    bucket: str
    items: list[ObjectRow]
    next_start_after: str | None = Field(None, description="More exist: pass as start_after")


class ObjectInfo(BaseModel):
    bucket: str
    name: str
    size: str
    bytes: int
    content_type: str | None = None
    etag: str | None = None
    modified: str | None = None
    metadata: dict[str, str] = Field(description="User metadata (x-amz-meta-*)")


class S3Health(BaseModel):
    s3_api: str = Field(description="ok, or why listing buckets failed")
    live: str = Field(description="/minio/health/live")
    cluster: str = Field(description="/minio/health/cluster (write quorum)")


class Presigned(BaseModel):
    url: str
    expires_in: int


class BucketChange(BaseModel):
    bucket: str
    name: str | None = None
    action: str


def human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"


def _when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _health(code: int | str) -> str:
    if code == 200:
        return "ok"
    if code == 404:
        return "404: not a MinIO endpoint (plain S3?)"
    return f"{code}"


def register(box: Toolbox, deps: Deps) -> None:
    cap = deps.settings.bucket_scan_cap

    @box.read
    def list_buckets(limit: Limit = 50, offset: Offset = 0) -> Page[BucketRow]:
        """Buckets with object count and total size (each scan stops at a cap and says so)."""
        s3 = deps.s3()
        buckets = sorted(s3.buckets())
        page = paginate(buckets, limit, offset)
        rows = []
        for name, created in page.items:
            scan = s3.scan(name, cap)
            rows.append(
                BucketRow(
                    name=name,
                    created=_when(created),
                    objects=scan.objects,
                    size=human(scan.bytes),
                    capped=scan.capped,
                )
            )
        return Page[BucketRow](**{**page.model_dump(), "items": rows})

    @box.read
    def list_objects(
        bucket: Bucket,
        prefix: Prefix = None,
        recursive: Annotated[bool, Field(description="All levels, not just one 'folder'")] = False,
        start_after: Annotated[
            str | None, Field(max_length=1024, description="next_start_after of the last page")
        ] = None,
        limit: Limit = 100,
    ) -> ObjectPage:
        """Objects of a bucket under a prefix, one 'folder' level by default, paginated."""
        items, more = deps.s3().objects(bucket, prefix, start_after, limit, recursive)
        rows = [
            ObjectRow(
                name=str(o.object_name),
                size=None if o.is_dir else human(int(o.size or 0)),
                modified=_when(o.last_modified),
                is_dir=o.is_dir,
            )
            for o in items
        ]
        return ObjectPage(
            bucket=bucket, items=rows, next_start_after=rows[-1].name if more and rows else None
        )

    @box.read
    def object_info(bucket: Bucket, name: Key) -> ObjectInfo:
        """Size, type, etag, modification time and user metadata of one object."""
        st: Any = deps.s3().stat(bucket, name)
        meta = {
            k.lower().removeprefix("x-amz-meta-"): str(v)
            for k, v in (st.metadata or {}).items()
            if k.lower().startswith("x-amz-meta-")
        }
        return ObjectInfo(
            bucket=bucket,
            name=name,
            size=human(int(st.size or 0)),
            bytes=int(st.size or 0),
            content_type=st.content_type,
            etag=st.etag,
            modified=_when(st.last_modified),
            metadata=meta,
        )

    @box.read
    def s3_health() -> S3Health:
        """Is the S3 API answering with our keys, and MinIO's liveness and cluster health."""
        s3 = deps.s3()
        try:
            s3.buckets()
            api = "ok"
        except ToolError as err:
            api = str(err)
        return S3Health(
            s3_api=api,
            live=_health(s3.health("/minio/health/live")),
            cluster=_health(s3.health("/minio/health/cluster")),
        )

    @box.write()
    def make_bucket(bucket: Bucket) -> BucketChange:
        """Create a bucket."""
        deps.s3().make_bucket(bucket)
        return BucketChange(bucket=bucket, action="created")

    @box.write()
    def presign_download(
        bucket: Bucket,
        name: Key,
        expires_seconds: Annotated[
            int, Field(ge=60, le=3600, description="Lifetime of the URL (max one hour)")
        ] = 900,
    ) -> Presigned:
        """A short-lived URL anyone holding it can download the object from (no keys needed)."""
        s3 = deps.s3()
        s3.stat(bucket, name)  # a URL to nothing helps nobody: 404 now rather than later
        return Presigned(url=s3.presign(bucket, name, expires_seconds), expires_in=expires_seconds)

    def describe_remove_object(bucket: str, name: str) -> str:
        st: Any = deps.s3().stat(bucket, name)
        return (
            f"Permanently delete s3://{bucket}/{name} ({human(int(st.size or 0))}, "
            f"modified {_when(st.last_modified)}). Unless the bucket is versioned, it is gone."
        )

    @box.destructive(preview=describe_remove_object)
    def remove_object(bucket: Bucket, name: Key) -> BucketChange:
        """Delete one object."""
        deps.s3().remove_object(bucket, name)
        return BucketChange(bucket=bucket, name=name, action="removed")

    def describe_remove_bucket(bucket: str) -> str:
        s3 = deps.s3()
        if not s3.exists(bucket):
            return f"Bucket {bucket} does not exist; the call will fail."
        if not s3.is_empty(bucket):
            scan = s3.scan(bucket, cap)
            more = "+" if scan.capped else ""
            return (
                f"Bucket {bucket} is NOT empty ({scan.objects}{more} objects, {human(scan.bytes)}"
                f"{more}); only empty buckets are removed: the call will be refused."
            )
        return f"Remove the empty bucket {bucket}."

    @box.destructive(preview=describe_remove_bucket)
    def remove_bucket(bucket: Bucket) -> BucketChange:
        """Remove an empty bucket (a bucket with objects is refused)."""
        s3 = deps.s3()
        if not s3.is_empty(bucket):
            raise ToolError(f"bucket {bucket} is not empty; remove its objects first.")
        s3.remove_bucket(bucket)
        return BucketChange(bucket=bucket, action="removed")
