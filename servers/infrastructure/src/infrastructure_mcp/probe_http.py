"""The start-up probe's two SDK-free checks: Kubernetes ``GET /version``, MinIO ``GET /``.

The kubernetes and minio libraries cost ~2 s and ~17 MiB to import; the probe runs in every
server and gateway that has them configured, so it asks with one plain request each through the
shared ``UpstreamHTTP`` and leaves the SDKs to the first real tool call. As before: MinIO's
bucket list is signed (AWS Signature V4), so a wrong key is reported at start; ``/version`` is
sent with the kubeconfig's token or client certificate and its TLS settings (most clusters serve
it to anyone, so it proves the server, not the token). A kubeconfig this module does not read
(exec plugins, auth providers, basic auth) gives None: the caller asks through the SDK.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import re
import ssl
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from homelab_shared.errors import AuthFailed, BadResponse, Unreachable
from homelab_shared.http import HttpOptions, UpstreamHTTP, ssl_context
from homelab_shared.redact import scrub
from infrastructure_mcp import kube, s3
from infrastructure_mcp.settings import InfraSettings

SA_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
_S3_CODE = re.compile(rb"<Code>([A-Za-z]{1,64})</Code>")
_BUCKET = re.compile(rb"<Bucket>")


@contextlib.contextmanager
def _pem_file(data: str | None, path: str | None, base: Path) -> Iterator[str | None]:
    """A kubeconfig's ``*-data`` (base64 PEM) or path (relative to the kubeconfig) as a file."""
    if path is not None:
        yield str(base / path)
        return
    if data is None:
        yield None
        return
    fd, name = tempfile.mkstemp(prefix="homelab-kube-", suffix=".pem")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(base64.b64decode(data))
        yield name
    finally:
        os.unlink(name)


def _kube_target(settings: InfraSettings) -> tuple[str, dict[str, str], ssl.SSLContext] | None:
    """(server URL, auth headers, TLS context) from the kubeconfig or the service account."""
    import yaml

    if settings.use_in_cluster:
        host, port = os.environ["KUBERNETES_SERVICE_HOST"], os.environ["KUBERNETES_SERVICE_PORT"]
        token = (SA_DIR / "token").read_text().strip()
        ctx = ssl.create_default_context(cafile=str(SA_DIR / "ca.crt"))
        return f"https://{host}:{port}", {"Authorization": f"Bearer {token}"}, ctx
    assert settings.kubeconfig is not None
    config = yaml.safe_load(settings.kubeconfig.read_text(encoding="utf-8")) or {}
    base = settings.kubeconfig.parent

    def named(kind: str, name: Any) -> dict[str, Any]:
        for entry in config.get(kind) or []:
            if isinstance(entry, dict) and entry.get("name") == name:
                return entry.get(kind[:-1]) or {}
        raise KeyError(f"no {kind[:-1]} {name!r} in the kubeconfig")

    context = named("contexts", settings.kube_context or config.get("current-context"))
    cluster, user = named("clusters", context.get("cluster")), named("users", context.get("user"))
    if set(user) - {"token", "tokenFile", "client-certificate", "client-certificate-data",
                    "client-key", "client-key-data"}:  # fmt: skip
        return None  # exec, auth-provider, basic auth...: the SDK knows them
    headers = {}
    token = user.get("token")
    if token is None and user.get("tokenFile"):
        token = (base / user["tokenFile"]).read_text().strip()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    insecure = bool(cluster.get("insecure-skip-tls-verify"))
    ca = (cluster.get("certificate-authority-data"), cluster.get("certificate-authority"))
    cert = (user.get("client-certificate-data"), user.get("client-certificate"))
    key = (user.get("client-key-data"), user.get("client-key"))
    with _pem_file(*ca, base) as cafile:
        if cafile is None and cert == (None, None):
            ctx = ssl_context(not insecure, None)  # the process-wide one (nothing of ours in it)
        else:
            ctx = ssl.create_default_context(cafile=cafile)
            if insecure:
                ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    if cert != (None, None):
        with _pem_file(*cert, base) as certfile, _pem_file(*key, base) as keyfile:
            assert certfile is not None
            ctx.load_cert_chain(certfile, keyfile)
    return str(cluster["server"]), headers, ctx


async def kube_version(settings: InfraSettings) -> str | None:
    """The API server's ``gitVersion``; None when only the SDK can read this kubeconfig."""
    import yaml  # PyYAML: for the kubeconfig, in the probe after the first tools/list

    try:
        target = _kube_target(settings)
    except (OSError, KeyError, ValueError, TypeError, ssl.SSLError, yaml.YAMLError) as err:
        detail = scrub(f"{type(err).__name__}: {err}")[:200]
        raise Unreachable(kube.SERVICE, f"cannot read the cluster configuration ({detail})",
                          hint=kube.CONFIG_HINT) from err  # fmt: skip
    if target is None:
        return None
    server, headers, ctx = target
    opts = HttpOptions(
        base_url=server,
        service=kube.SERVICE,
        auth_hint=kube.CONFIG_HINT,
        url_hint=f"{kube.CONFIG_HINT}; is the API server up? Check the cluster's server URL",
        headers=headers,
        timeout=settings.kube_timeout,
    )
    http = UpstreamHTTP(opts, transport=httpx.AsyncHTTPTransport(verify=ctx))
    try:
        data = await http.get_json("/version")
    finally:
        await http.aclose()
    return str((data or {}).get("gitVersion") or "unknown")


def _sign(settings: InfraSettings, host: str, now: datetime) -> dict[str, str]:
    """AWS Signature V4 headers of ``GET /`` (ListBuckets) with an empty body."""
    assert settings.minio_access_key and settings.minio_secret_key
    stamp, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    empty = hashlib.sha256(b"").hexdigest()
    signed = "host;x-amz-content-sha256;x-amz-date"
    canonical = f"GET\n/\n\nhost:{host}\nx-amz-content-sha256:{empty}\nx-amz-date:{stamp}\n\n"
    canonical += f"{signed}\n{empty}"
    scope = f"{day}/{settings.minio_region}/s3/aws4_request"
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    to_sign = f"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{digest}"
    key = ("AWS4" + settings.minio_secret_key.get_secret_value()).encode()
    for part in (day, settings.minio_region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    access = settings.minio_access_key.get_secret_value()
    return {
        "Host": host,
        "x-amz-content-sha256": empty,
        "x-amz-date": stamp,
        "Authorization": f"AWS4-HMAC-SHA256 Credential={access}/{scope}, "
        f"SignedHeaders={signed}, Signature={signature}",
    }


async def _s3_error_code(response: httpx.Response) -> None:
    """Response hook: S3's XML error code says a wrong key from a missing permission."""
    if response.status_code not in (400, 403):
        return
    await response.aread()
    found = _S3_CODE.search(response.content[:2048])
    code = found.group(1).decode() if found else ""
    if code in s3.AUTH_CODES:
        raise AuthFailed(s3.SERVICE, f"{code} on GET /", hint=s3.AUTH_HINT)


async def s3_bucket_count(settings: InfraSettings) -> str:
    """'N buckets', from a signed ListBuckets."""
    assert settings.minio_endpoint
    host, secure = s3.endpoint_parts(settings.minio_endpoint, settings.minio_secure)
    opts = HttpOptions(
        base_url=f"{'https' if secure else 'http'}://{host}",
        service=s3.SERVICE,
        auth_hint=s3.AUTH_HINT,
        url_hint=s3.URL_HINT,
        timeout=settings.timeout,
        verify_ssl=settings.verify_ssl,
        ca_bundle=settings.ca_bundle,
    )
    http = UpstreamHTTP(opts)
    http.client.event_hooks["response"] = [_s3_error_code]
    try:
        response = await http.request("GET", "/", headers=_sign(settings, host, datetime.now(UTC)))
    finally:
        await http.aclose()
    if b"ListAllMyBucketsResult" not in response.content[:512]:
        detail = scrub(response.text[:80])
        what = f"GET / is not S3's bucket list: {detail!r}"
        raise BadResponse(s3.SERVICE, what, hint=s3.URL_HINT)
    return f"{len(_BUCKET.findall(response.content))} buckets"
