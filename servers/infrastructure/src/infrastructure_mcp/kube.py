"""Blocking Kubernetes client: the official ``kubernetes`` library and its dynamic client.

Imports nothing from MCP. Every call leaves either a plain JSON dict or an error of
:mod:`homelab_shared.errors` whose message names the variable to check. Nothing here builds a
command line: every request is an API call with its arguments as path segments (validated) or
query parameters.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    Forbidden,
    NotFound,
    Unreachable,
    UpstreamError,
    UpstreamServerError,
    UpstreamTimeout,
)
from homelab_shared.redact import scrub
from infrastructure_mcp import names
from infrastructure_mcp.settings import SERVICE_ACCOUNT_DIR, InfraSettings

SERVICE = "Kubernetes"
CONFIG_HINT = "check INFRA_KUBECONFIG and INFRA_KUBE_CONTEXT (or the pod's service account)"
FIELD_MANAGER = "homelab-mcp"
T = TypeVar("T")
Obj = dict[str, Any]

if TYPE_CHECKING:
    from kubernetes import client as k8s
    from kubernetes.dynamic import DynamicClient
    from kubernetes.dynamic.resource import Resource


@cache
def _lib() -> SimpleNamespace:
    """The kubernetes library (about 1 s and 9 MiB to import): loaded by the first cluster call
    or the start-up warm-up, not when the server starts."""
    import urllib3.exceptions
    from kubernetes import client, config
    from kubernetes.config.config_exception import ConfigException
    from kubernetes.dynamic import DynamicClient
    from kubernetes.dynamic.exceptions import DynamicApiError, ResourceNotFoundError

    return SimpleNamespace(
        client=client,
        config=config,
        ConfigException=ConfigException,
        DynamicClient=DynamicClient,
        DynamicApiError=DynamicApiError,
        ResourceNotFoundError=ResourceNotFoundError,
        urllib3=urllib3,
        errors=(
            DynamicApiError,
            client.ApiException,
            ResourceNotFoundError,
            urllib3.exceptions.HTTPError,
            ConfigException,
        ),
    )


def _status_message(err: Exception) -> str:
    body = getattr(err, "body", None) or ""
    try:
        data = json.loads(body)
        text = str(data.get("message") or data.get("reason") or "")
    except (ValueError, AttributeError):
        text = str(body)
    return scrub(text.strip().replace("\n", " ")[:240])


def map_error(err: Exception) -> UpstreamError:
    """One place where the library's exceptions become the suite's error classes."""
    lib = _lib()
    if isinstance(err, lib.DynamicApiError | lib.client.ApiException):
        status = int(getattr(err, "status", 0) or 0)
        detail = _status_message(err)
        where = f"HTTP {status}: {detail}" if detail else f"HTTP {status}"
        if status == 401:
            return AuthFailed(SERVICE, where, hint=CONFIG_HINT)
        if status == 403:
            return Forbidden(SERVICE, where, hint="the service account's RBAC does not allow this")
        if status == 404:
            return NotFound(SERVICE, detail or "no such object")
        if 400 <= status < 500:
            return BadRequest(SERVICE, where)
        return UpstreamServerError(SERVICE, where)
    if isinstance(err, lib.ResourceNotFoundError):
        return NotFound(
            SERVICE, scrub(str(err))[:200], hint="list_resources(kind='crd') shows CRDs"
        )
    if isinstance(err, lib.urllib3.exceptions.ReadTimeoutError):
        return UpstreamTimeout(SERVICE, "read timeout", hint="the API server may be overloaded")
    if isinstance(err, lib.urllib3.exceptions.HTTPError):
        reason = scrub(str(getattr(err, "reason", None) or err))[:200]
        return Unreachable(SERVICE, reason, hint=f"{CONFIG_HINT}; is the API server up?")
    if isinstance(err, lib.ConfigException):
        return Unreachable(SERVICE, scrub(str(err))[:200], hint=CONFIG_HINT)
    raise err


@contextmanager
def mapped() -> Iterator[None]:
    try:
        yield
    except UpstreamError:
        raise
    except Exception as err:
        if not isinstance(err, _lib().errors):
            raise
        raise map_error(err) from err


def api_client_from(
    settings: InfraSettings, service_account: Path = SERVICE_ACCOUNT_DIR
) -> k8s.ApiClient:
    """Kubeconfig (path + context) or the pod's service account, never the process default.

    In a cluster: ``KUBERNETES_SERVICE_HOST``/``_PORT`` over https, verified against the mounted
    ``ca.crt``, with the mounted token (re-read as the kubelet rotates it)."""
    lib = _lib()
    with mapped():
        if settings.use_in_cluster:
            from kubernetes.config.incluster_config import InClusterConfigLoader

            cfg = lib.client.Configuration()
            InClusterConfigLoader(
                token_filename=str(service_account / "token"),
                cert_filename=str(service_account / "ca.crt"),
            ).load_and_set(cfg)
            return lib.client.ApiClient(cfg)
        return lib.config.new_client_from_config(
            config_file=str(settings.kubeconfig), context=settings.kube_context
        )


@dataclass(frozen=True)
class ApiKind:
    """A served resource, typed: what the tools and the policy need to know about a kind."""

    kind: str
    group: str
    group_version: str
    namespaced: bool
    raw: Resource = field(repr=False, compare=False)

    @classmethod
    def of(cls, res: Resource) -> ApiKind:
        return cls(
            kind=str(res.kind),
            group=str(res.group or ""),
            group_version=str(res.group_version),
            namespaced=bool(res.namespaced),
            raw=res,
        )


def _check_target(res: ApiKind, namespace: str | None, name: Any, body: Any) -> None:
    """The last check before the dynamic client builds a path: it joins namespace and name into
    the URL unencoded (and takes both from the body when not given), and urllib3 resolves ``..``,
    so a value that is not what the API server itself would accept never gets this far."""
    meta = (body.get("metadata") or {}) if isinstance(body, dict) else {}
    if namespace is not None:
        names.check("namespace", namespace)
    elif res.namespaced and "namespace" in meta:
        names.check("namespace", meta["namespace"])
    if name is not None:
        names.check("name", name)
    elif "name" in meta:
        names.check("name", meta["name"])


class KubeClient:
    """One cluster. Blocking: call it from a worker thread (plain ``def`` tools)."""

    def __init__(
        self,
        settings: InfraSettings,
        api: k8s.ApiClient | None = None,
        *,
        service_account: Path = SERVICE_ACCOUNT_DIR,
    ) -> None:
        self.settings = settings
        self.service_account = service_account
        self.timeout = settings.kube_timeout
        self._api = api
        self._dynamic: DynamicClient | None = None
        self._cache_dir: str | None = None

    @property
    def api(self) -> k8s.ApiClient:
        if self._api is None:
            self._api = api_client_from(self.settings, self.service_account)
        return self._api

    @property
    def dynamic(self) -> DynamicClient:
        """Discovery runs on first use (it is a dozen requests); its cache is ours alone."""
        if self._dynamic is None:
            self._cache_dir = tempfile.mkdtemp(prefix="homelab-kube-")
            with mapped():
                made: DynamicClient = _lib().DynamicClient(
                    self.api, cache_file=str(Path(self._cache_dir) / "discovery.json")
                )
            self._dynamic = made
        return self._dynamic

    @property
    def core(self) -> k8s.CoreV1Api:
        return _lib().client.CoreV1Api(self.api)

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
        if self._cache_dir:
            shutil.rmtree(self._cache_dir, ignore_errors=True)

    async def aclose(self) -> None:
        self.close()

    def call(self, fn: Callable[[], T]) -> T:
        with mapped():
            return fn()

    # --- configuration ------------------------------------------------------------------------

    def contexts(self) -> tuple[list[Obj], str | None]:
        if self.settings.use_in_cluster or self.settings.kubeconfig is None:
            return [], None
        kubeconfig = str(self.settings.kubeconfig)
        with mapped():
            contexts, active = _lib().config.list_kube_config_contexts(kubeconfig)
        current = self.settings.kube_context or (active or {}).get("name")
        found: list[Obj] = [c for c in contexts or [] if isinstance(c, dict)]
        return found, current

    def version(self) -> str:
        """``GET /version`` (VersionApi asks for ``/version/``, which not every server routes)."""
        with mapped():
            request = self.api.param_serialize("GET", "/version", auth_settings=["BearerToken"])
            response = self.api.call_api(*request, _request_timeout=self.timeout)
            response.read()
            if not 200 <= response.status < 300:
                raise _lib().client.ApiException(http_resp=response)
        return str(json.loads(response.data or b"{}").get("gitVersion") or "unknown")

    # --- resources ----------------------------------------------------------------------------

    def all_resources(self) -> list[Resource]:
        with mapped():
            found = self.dynamic.resources.search()
        return [r for r in found if getattr(r, "name", None) and "/" not in r.name]

    def resolve(self, kind: str, api_version: str | None = None) -> ApiKind:
        """A kind as a person types it: Pod, pods, po, deployments.apps, Certificate..."""
        text = kind.strip()
        name, _, group = text.partition(".")
        want = name.lower()
        matches = []
        for r in self.all_resources():
            if api_version and r.group_version != api_version:
                continue
            if group and r.group != group:
                continue
            kind_name = str(r.kind or "")
            names = {kind_name.lower(), str(r.name).lower(), str(r.singular_name or "").lower()}
            names |= {str(s).lower() for s in (r.short_names or [])}
            if want in names and not kind_name.endswith("List"):
                matches.append(r)
        if not matches:
            raise NotFound(
                SERVICE,
                f"no resource kind {kind!r} is served by this cluster",
                hint="use a kind (Pod), plural (pods), short name (po) or plural.group "
                "(deployments.apps)",
            )
        preferred = [r for r in matches if r.preferred]
        core_first = sorted(preferred or matches, key=lambda r: (r.group != "", r.group))
        return ApiKind.of(core_first[0])

    def _send(self, verb: str, res: ApiKind, namespace: str | None, **kwargs: Any) -> Obj:
        """One dynamic-client request, its JSON body as a dict (cluster-scoped: no namespace)."""
        method = getattr(self.dynamic, verb)
        ns = namespace if res.namespaced else None
        _check_target(res, ns, kwargs.get("name"), kwargs.get("body"))
        with mapped():
            raw = method(
                res.raw, namespace=ns, _request_timeout=self.timeout, serialize=False, **kwargs
            )
        return json.loads(raw.data) if raw.data else {}

    def list(
        self,
        res: ApiKind,
        namespace: str | None,
        *,
        label_selector: str | None = None,
        field_selector: str | None = None,
        limit: int | None = None,
        cont: str | None = None,
    ) -> Obj:
        return self._send(
            "get",
            res,
            namespace,
            label_selector=label_selector or None,
            field_selector=field_selector or None,
            limit=limit,
            _continue=cont or None,
        )

    def get(self, res: ApiKind, name: str, namespace: str | None) -> Obj:
        return self._send("get", res, namespace, name=name)

    def merge_patch(self, res: ApiKind, name: str, namespace: str | None, body: Obj) -> Obj:
        return self._send(
            "patch",
            res,
            namespace,
            name=name,
            body=body,
            content_type="application/merge-patch+json",
            field_manager=FIELD_MANAGER,
        )

    def apply(self, res: ApiKind, body: Obj, namespace: str | None, *, dry_run: bool) -> Obj:
        """Server-side apply; ``dry_run`` asks the API server to validate and answer, not store."""
        return self._send(
            "server_side_apply",
            res,
            namespace,
            body=body,
            field_manager=FIELD_MANAGER,
            force_conflicts=False,
            dry_run="All" if dry_run else None,
        )

    def delete(self, res: ApiKind, name: str, namespace: str | None) -> Obj:
        return self._send("delete", res, namespace, name=name, propagation_policy="Foreground")

    # --- logs -----------------------------------------------------------------------------------

    def pod_log(
        self,
        name: str,
        namespace: str,
        *,
        container: str | None,
        tail_lines: int | None,
        since_seconds: int | None,
        previous: bool,
        limit_bytes: int,
    ) -> str:
        names.check("name", name)
        names.check("namespace", namespace)
        kwargs: dict[str, Any] = {"previous": previous, "limit_bytes": limit_bytes}
        if container:
            kwargs["container"] = container
        if tail_lines:
            kwargs["tail_lines"] = tail_lines
        if since_seconds:
            kwargs["since_seconds"] = since_seconds
        with mapped():
            # Raw bytes: the generated client would otherwise try to parse the log as JSON.
            response: Any = self.core.read_namespaced_pod_log(
                name, namespace, _request_timeout=self.timeout, _preload_content=False, **kwargs
            )
        return bytes(response.data).decode("utf-8", errors="replace")
