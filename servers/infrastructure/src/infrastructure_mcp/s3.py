"""Blocking MinIO/S3 client over the ``minio`` SDK. Imports nothing from MCP.

Every failure leaves as an error of :mod:`homelab_shared.errors` naming the variable to check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    BadResponse,
    Forbidden,
    NotFound,
    Unreachable,
    UpstreamError,
    UpstreamServerError,
)
from homelab_shared.redact import scrub
from infrastructure_mcp.settings import InfraSettings

SERVICE = "MinIO/S3"
AUTH_HINT = "check MINIO_ACCESS_KEY and MINIO_SECRET_KEY"
URL_HINT = "check MINIO_ENDPOINT (host:port) and MINIO_SECURE"
T = TypeVar("T")
AUTH_CODES = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken"}
NOT_FOUND_CODES = {"NoSuchBucket", "NoSuchKey", "NoSuchObject", "ResourceNotFound"}


if TYPE_CHECKING:
    import urllib3
    from minio import Minio
    from minio.error import InvalidResponseError, S3Error, ServerError


@cache
def _errors() -> tuple[
    type[S3Error], type[ServerError], type[InvalidResponseError], type[urllib3.exceptions.HTTPError]
]:
    """The SDK's error classes; importing them loads minio (~1 s, ~8 MiB), so only on a failure
    of a call (which has loaded it already)."""
    import urllib3
    from minio.error import InvalidResponseError, S3Error, ServerError

    return S3Error, ServerError, InvalidResponseError, urllib3.exceptions.HTTPError


def map_error(err: Exception) -> UpstreamError:
    S3Error, ServerError, InvalidResponseError, HTTPError = _errors()
    if isinstance(err, S3Error):
        detail = f"{err.code}: {scrub(str(err.message or ''))[:200]}"
        if err.code in AUTH_CODES:
            return AuthFailed(SERVICE, detail, hint=AUTH_HINT)
        if err.code == "AccessDenied":
            return Forbidden(SERVICE, detail, hint="the key's policy does not allow this")
        if err.code in NOT_FOUND_CODES:
            return NotFound(SERVICE, detail)
        return BadRequest(SERVICE, detail)
    if isinstance(err, ServerError):
        return UpstreamServerError(SERVICE, f"HTTP {err.status_code}")
    if isinstance(err, InvalidResponseError):
        return BadResponse(SERVICE, scrub(str(err))[:200], hint=URL_HINT)
    if isinstance(err, HTTPError):
        reason = scrub(str(getattr(err, "reason", None) or err))[:200]
        return Unreachable(SERVICE, reason, hint=f"{URL_HINT}, and that it is running")
    raise err


@contextmanager
def mapped() -> Iterator[None]:
    try:
        yield
    except Exception as err:
        if not isinstance(err, _errors()):
            raise
        raise map_error(err) from err


def endpoint_parts(endpoint: str, secure: bool | None) -> tuple[str, bool]:
    """``http://minio:9000`` or ``minio:9000`` -> (host:port, secure)."""
    if "://" in endpoint:
        parts = urlsplit(endpoint)
        return parts.netloc, parts.scheme == "https" if secure is None else secure
    return endpoint.strip("/"), True if secure is None else secure


@dataclass
class Scan:
    objects: int
    bytes: int
    capped: bool


class S3Client:
    def __init__(self, settings: InfraSettings) -> None:
        assert settings.minio_endpoint and settings.minio_access_key and settings.minio_secret_key
        host, secure = endpoint_parts(settings.minio_endpoint, settings.minio_secure)
        self.base_url = f"{'https' if secure else 'http'}://{host}"
        self.settings = settings
        self._host, self._secure = host, secure

    # The SDK and its connection pool are made on first use (a call or the start-up warm-up):
    # importing minio is most of this server's start-up time otherwise.
    @cached_property
    def http(self) -> urllib3.PoolManager:
        import urllib3

        settings = self.settings
        return urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=5.0, read=settings.timeout),
            retries=urllib3.Retry(total=2, backoff_factor=0.2, status_forcelist=[502, 503, 504]),
            cert_reqs="CERT_REQUIRED" if settings.verify_ssl else "CERT_NONE",
            ca_certs=str(settings.ca_bundle) if settings.ca_bundle else None,
        )

    @cached_property
    def minio(self) -> Minio:
        from minio import Minio

        settings = self.settings
        assert settings.minio_access_key and settings.minio_secret_key
        return Minio(
            self._host,
            access_key=settings.minio_access_key.get_secret_value(),
            secret_key=settings.minio_secret_key.get_secret_value(),
            secure=self._secure,
            region=settings.minio_region,
            http_client=self.http,
            cert_check=settings.verify_ssl,
        )

    def close(self) -> None:
        if "http" in self.__dict__:  # made on first use: nothing to close otherwise
            self.http.clear()

    async def aclose(self) -> None:
        self.close()

    def call(self, fn: Callable[[], T]) -> T:
        with mapped():
            return fn()

    def buckets(self) -> list[tuple[str, datetime | None]]:
        with mapped():
            return [(b.name, b.creation_date) for b in self.minio.list_buckets()]

    def scan(self, bucket: str, cap: int) -> Scan:
        """Count objects and bytes, stopping after ``cap`` objects (a bucket may be huge)."""
        count = size = 0
        with mapped():
            for obj in self.minio.list_objects(bucket, recursive=True):
                if count >= cap:
                    return Scan(count, size, True)
                count += 1
                size += int(obj.size or 0)
        return Scan(count, size, False)

    def objects(
        self, bucket: str, prefix: str | None, start_after: str | None, limit: int, recursive: bool
    ) -> tuple[list[Any], bool]:
        """One page of objects after ``start_after``; True when more follow."""
        out: list[Any] = []
        with mapped():
            for obj in self.minio.list_objects(
                bucket, prefix=prefix or None, recursive=recursive, start_after=start_after
            ):
                if len(out) == limit:
                    return out, True
                out.append(obj)
        return out, False

    def stat(self, bucket: str, name: str) -> Any:
        with mapped():
            return self.minio.stat_object(bucket, name)

    def exists(self, bucket: str) -> bool:
        with mapped():
            return self.minio.bucket_exists(bucket)

    def is_empty(self, bucket: str) -> bool:
        with mapped():
            return next(iter(self.minio.list_objects(bucket, recursive=True)), None) is None

    def make_bucket(self, bucket: str) -> None:
        with mapped():
            self.minio.make_bucket(bucket)

    def presign(self, bucket: str, name: str, seconds: int) -> str:
        with mapped():
            return self.minio.presigned_get_object(bucket, name, expires=timedelta(seconds=seconds))

    def remove_object(self, bucket: str, name: str) -> None:
        with mapped():
            self.minio.remove_object(bucket, name)

    def remove_bucket(self, bucket: str) -> None:
        with mapped():
            self.minio.remove_bucket(bucket)

    def health(self, path: str) -> int | str:
        """Status code of a MinIO health endpoint (no credentials needed), or why it failed."""
        try:
            response = self.http.request("GET", f"{self.base_url}{path}", redirect=False)
        except _errors()[-1] as err:
            return scrub(str(getattr(err, "reason", None) or err))[:120]
        return int(response.status)
