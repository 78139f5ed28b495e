"""Attacks on the infrastructure server through a real MCP client, with the upstreams' state
checked afterwards: flags and shell syntax smuggled through every string argument of every tool,
path traversal in ids, kind lists that would expand, and the absence of any pass-through tool.

Every tool is enabled (writes and destructive) and every preview is confirmed, as an attacker
holding the token would; nothing may change and no request may leave its endpoint.
"""

from __future__ import annotations

import copy
import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client
from minio import Minio

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from tests.harness import mcp_client
from tests.harness.live import live_server
from tests.security.cases import AttackCase, audit_outcomes, params, run_case
from tests.security.infrastructure_cases import (
    OWNER_TRAVERSAL,
    POISONED_MANIFESTS,
    SYNC_CASES,
    manifest,
)
from tests.servers.infrastructure import argo_payloads as ap
from tests.servers.infrastructure import kube_objects as ko
from tests.servers.infrastructure.argo_fake import TOKEN, URL, ArgoFake, argo_fake
from tests.servers.infrastructure.argo_payloads import SHA_OLD
from tests.servers.infrastructure.conftest import write_kubeconfig
from tests.servers.infrastructure.kmock_cluster import Cluster, start_cluster
from tests.servers.infrastructure.moto_s3 import ACCESS_KEY, SECRET_KEY, MotoS3, moto_s3
from tests.servers.infrastructure.recorded_api import RecordedAPI

PAYLOADS = [
    "--all-namespaces",
    "-n kube-system",
    "; rm -rf /",
    "$(cat /etc/passwd)",
    "`id`",
    "| sh -c id",
    "web && kubectl delete ns apps",
    "../../kube-system/secrets",
    "web/../../secrets",
    "%2e%2e%2fsecrets",
    "apps\nDELETE",
    "pods,secrets",
    "*",
    "all",
    "-o=jsonpath={.data}",
]
MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: attack-cm, namespace: apps}\n"
BASE: dict[str, dict[str, Any]] = {
    # Kubernetes
    "list_contexts": {},
    "list_namespaces": {},
    "list_resources": {
        "kind": "Pod",
        "namespace": "apps",
        "label_selector": "app=web",
        "field_selector": "status.phase=Running",
        "continue_token": "0:",
    },
    "get_resource": {"kind": "Deployment", "name": "web", "namespace": "apps"},
    "describe": {"kind": "Pod", "name": "worker-1", "namespace": "apps"},
    "pod_logs": {"name": "worker-1", "namespace": "apps", "container": "app", "grep": "error"},
    "events": {"namespace": "apps"},
    "top": {"namespace": "apps"},
    "cluster_health": {},
    "restart_rollout": {"kind": "Deployment", "name": "web", "namespace": "apps"},
    "scale": {"kind": "Deployment", "name": "web", "namespace": "apps", "replicas": 2},
    "cordon_node": {"name": "node-1"},
    "uncordon_node": {"name": "node-1"},
    "delete_resource": {"kind": "Deployment", "name": "web", "namespace": "apps"},
    "apply_manifest": {"manifest": MANIFEST, "namespace": "apps"},
    # ArgoCD
    "list_applications": {"project": "homelab", "selector": "team=media"},
    "get_application": {"name": "jellyfin"},
    "application_resources": {"name": "jellyfin"},
    "application_history": {"name": "jellyfin"},
    "list_applicationsets": {},
    "get_applicationset": {"name": "media-apps"},
    "application_logs": {
        "name": "jellyfin",
        "pod": "jellyfin-0",
        "namespace": "media",
        "container": "app",
    },
    "refresh_application": {"name": "jellyfin"},
    "sync_application": {"name": "jellyfin", "dry_run": True, "revision": "main"},
    "deploy_revision": {"name": "jellyfin", "revision": "main"},
    "prune_application": {"name": "jellyfin", "revision": "main"},
    "rollback_application": {"name": "jellyfin", "history_id": 4},
    "delete_application": {"name": "jellyfin"},
    # S3
    "list_buckets": {},
    "list_objects": {"bucket": "backups", "prefix": "db/", "start_after": "db/a"},
    "object_info": {"bucket": "backups", "name": "etc/hosts"},
    "s3_health": {},
    "make_bucket": {"bucket": "backups"},
    "presign_download": {"bucket": "backups", "name": "etc/hosts"},
    "remove_object": {"bucket": "backups", "name": "etc/hosts"},
    "remove_bucket": {"bucket": "backups"},
}
FREE_FORM = {"path", "url", "endpoint", "command", "cmd", "args", "argv", "body", "query", "raw"}


def string_params(schema: dict[str, Any]) -> list[str]:
    names = []
    for name, prop in (schema.get("properties") or {}).items():
        if name == "confirm_token":
            continue
        types = {prop.get("type")} | {p.get("type") for p in prop.get("anyOf") or []}
        if "string" in types:
            names.append(name)
    return names


class World:
    def __init__(self, cluster: Cluster, argo: ArgoFake, s3: Minio) -> None:
        self.cluster = cluster
        self.argo = argo
        self.s3 = s3

    def snapshot(self) -> Any:
        objects: dict[Any, Any] = {
            key: copy.deepcopy(dict(obj.raw))
            for key, obj in self.cluster.k.objects.items()
            if not obj.deleted
        }
        objects["namespaces"] = copy.deepcopy(self.cluster.k.namespaces)
        s3_state = {
            b.name: sorted(
                (o.object_name, o.size) for o in self.s3.list_objects(b.name, recursive=True)
            )
            for b in self.s3.list_buckets()
        }
        real_syncs = [s for s in self.argo.syncs if not s.get("dryRun")]  # dry runs change nothing
        argo_state = (
            copy.deepcopy(self.argo.apps),
            real_syncs,
            list(self.argo.rollbacks),
            list(self.argo.deleted),
        )
        return objects, s3_state, argo_state


@pytest.fixture(autouse=True)
def _no_infra_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's cluster, ArgoCD, MinIO or deny-lists must not leak into the attacks."""
    prefixes = ("INFRA_", "ARGOCD_", "MINIO_", "KUBECONFIG", "KUBERNETES_SERVICE_HOST")
    for var in [v for v in os.environ if v.startswith(prefixes)]:
        monkeypatch.delenv(var, raising=False)


def cluster_settings(cluster: Cluster, tmp_path: Path, **values: Any) -> InfraSettings:
    """Settings for the kmock cluster and the fake ArgoCD, plus ``values``."""
    return load_settings(
        InfraSettings,
        kubeconfig=write_kubeconfig(tmp_path / "kubeconfig", cluster.url),
        argocd_url=URL,
        argocd_token=TOKEN,
        **values,
    )


@pytest.fixture(scope="module")
def s3_server() -> Iterator[MotoS3]:
    with moto_s3() as server:
        yield server


@pytest.fixture
async def world(
    s3_server: MotoS3, tmp_path: Path, runtime: RuntimeSettings
) -> AsyncIterator[tuple[World, Client[Any]]]:
    s3_server.reset()
    s3 = Minio(s3_server.endpoint, ACCESS_KEY, SECRET_KEY, secure=False, region="us-east-1")
    s3.make_bucket("backups")
    import io

    s3.put_object("backups", "etc/hosts", io.BytesIO(b"127.0.0.1 localhost"), 19)
    async with start_cluster() as cluster:
        cluster.seed_homelab()
        settings = cluster_settings(
            cluster,
            tmp_path,
            minio_endpoint=s3_server.url,
            minio_access_key=ACCESS_KEY,
            minio_secret_key=SECRET_KEY,
            allow_write=True,
            allow_destructive=True,
        )
        with argo_fake() as argo:
            async with mcp_client(build_server(settings, runtime)) as client:
                yield World(cluster, argo, s3), client


async def attempt(client: Client[Any], tool: str, args: dict[str, Any]) -> None:
    """Call; if a preview comes back, confirm it as an attacker would."""
    result = await client.call_tool(tool, args, raise_on_error=False)
    data = result.structured_content or {}
    data = data.get("result", data)  # a union output (result | preview) comes wrapped
    if not result.is_error and data.get("status") == "confirmation_required":
        await client.call_tool(
            tool, {**args, "confirm_token": data["confirm_token"]}, raise_on_error=False
        )


async def test_every_tool_is_covered(world: tuple[World, Client[Any]]) -> None:
    _, client = world
    names = {t.name for t in await client.list_tools()}
    assert names == set(BASE), f"add attack base arguments for {names ^ set(BASE)}"


async def test_no_pass_through_tool(world: tuple[World, Client[Any]]) -> None:
    """No tool takes a URL, path, command or raw body that could reach any endpoint."""
    _, client = world
    for tool in await client.list_tools():
        params = set(tool.input_schema.get("properties") or {})
        assert not params & FREE_FORM, (tool.name, params & FREE_FORM)


async def test_smuggling_through_every_string_argument(world: tuple[World, Client[Any]]) -> None:
    w, client = world
    before = w.snapshot()
    tools = {t.name: t for t in await client.list_tools()}
    attempts = 0
    for name, tool in sorted(tools.items()):
        # writes run too: with one argument poisoned they must refuse or act literally
        for param in string_params(tool.input_schema):
            for payload in PAYLOADS:
                await attempt(client, name, {**BASE[name], param: payload})
                attempts += 1
    assert attempts > 300
    # nothing changed anywhere ...
    after = w.snapshot()
    assert after[0] == before[0], "Kubernetes objects changed"
    # "all" is a valid bucket name: make_bucket created exactly that, literally, and nothing else
    # (and remove_bucket, confirmed, removed it again)
    assert after[1].pop("all", []) == []
    assert after[1] == before[1], "S3 objects changed"
    # "all" is also a valid git revision: the two confirmed destructive syncs used it literally
    literal = {"name": "jellyfin", "dryRun": False, "revision": "all"}
    assert after[2][1] == [{**literal, "prune": False}, {**literal, "prune": True}]
    assert (after[2][0], after[2][2:]) == (before[2][0], before[2][2:]), "ArgoCD state changed"
    # ... and no request left its endpoint
    for request in w.cluster.requests():
        assert ".." not in request.url.path.split("/"), request.url.path
        if request.method.value.upper() != "GET":  # only the objects the base arguments name
            # ("all" is also a valid object name: a node literally called "all", never "every")
            assert request.name in ("web", "node-1", "attack-cm", "all"), (
                request.method,
                request.url,
            )
    for request in w.argo.requests:
        path = request.url.raw_path.decode().partition("?")[0]
        assert ".." not in path.split("/") and "%2F" not in path.upper(), path
        if request.method != "GET":
            assert path.startswith(
                ("/api/v1/applications/jellyfin/", "/api/v1/applications/all/")
            ), path


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("get_resource", {"kind": "Secret", "name": "db-credentials", "namespace": "apps"}),
        ("list_resources", {"kind": "secrets", "namespace": "apps"}),
        ("describe", {"kind": "Secret", "name": "db-credentials", "namespace": "apps"}),
    ],
)
async def test_secret_values_never_leave(
    world: tuple[World, Client[Any]], tool: str, args: dict[str, Any]
) -> None:
    _, client = world
    result = await client.call_tool(tool, args)
    text = str(result.structured_content) + str(result.content)
    assert "aHVudGVyMg==" not in text and "YWRtaW4=" not in text


# --- manifest fields that reach a URL ---------------------------------------------------------
# apply_manifest's preview (GET live object, PATCH ?dryRun=All) and apply put a manifest's
# metadata.namespace and metadata.name into the URL path, and resolve apiVersion/kind through
# discovery. urllib3 resolves '..' in a path and a '?' starts the query string, so an unchecked
# namespace once turned the *preview* into a real PATCH of another object, past
# INFRA_DENIED_KINDS. Every case must be refused before any request names an object.


@pytest.fixture
async def recorded(
    tmp_path: Path, runtime: RuntimeSettings
) -> AsyncIterator[Callable[..., AbstractAsyncContextManager[Client[Any]]]]:
    """A recorded Kubernetes API (it honours dryRun, so a lost dryRun shows as a stored write)."""
    api = RecordedAPI()
    api.add("deployments", ko.deployment("web", "apps"))
    api.add("secrets", ko.secret("db-credentials", "apps", {"password": "aHVudGVyMg=="}))
    with live_server(api.app(), ready_path="/version") as url:
        kubeconfig = write_kubeconfig(tmp_path / "kubeconfig", url)

        @asynccontextmanager
        async def connect(**overrides: Any) -> AsyncIterator[Client[Any]]:
            settings = load_settings(
                InfraSettings,
                kubeconfig=kubeconfig,
                allow_write=True,
                allow_destructive=True,
                **{"denied_kinds": ["Secret:write", "apps/*:write"], **overrides},
            )
            async with mcp_client(build_server(settings, runtime)) as client:
                client.api = api  # type: ignore[attr-defined]
                yield client

        yield connect


def object_requests(api: RecordedAPI) -> list[tuple[str, str, dict[str, str]]]:
    """Requests past discovery: those that name a namespace or an object."""
    return [r for r in api.requests if "/namespaces/" in r[1] or r[0] != "GET"]


@pytest.mark.parametrize(
    ("text", "overrides"),
    [pytest.param(m, o, id=name) for name, m, o in POISONED_MANIFESTS],
)
async def test_poisoned_manifest_fields_never_reach_a_url(
    recorded: Callable[..., AbstractAsyncContextManager[Client[Any]]],
    text: str,
    overrides: dict[str, Any],
) -> None:
    async with recorded(**overrides) as client:
        api: RecordedAPI = client.api  # type: ignore[attr-defined]
        before = copy.deepcopy(api.objects)
        case = AttackCase(name="poisoned", tool="apply_manifest", arguments={"manifest": text})
        outcome = await run_case(client, case)
    outcome.check()
    assert not object_requests(api), object_requests(api)
    assert api.objects == before


async def test_the_traversal_once_patched_without_dry_run(
    recorded: Callable[..., AbstractAsyncContextManager[Client[Any]]],
) -> None:
    """Control: the same manifest with a plain namespace is previewed with dryRun=All only, so
    the refusals above are the validation, not a broken fixture."""
    async with recorded() as client:
        api: RecordedAPI = client.api  # type: ignore[attr-defined]
        outcome = await run_case(
            client,
            AttackCase(
                name="plain",
                tool="apply_manifest",
                arguments={"manifest": manifest()},
                expect="confirmation",
            ),
        )
    outcome.check()
    patches = [(p, q) for m, p, q in api.requests if m == "PATCH"]
    assert patches == [
        (
            "/api/v1/namespaces/apps/configmaps/attack-cm",
            {"dryRun": "All", "fieldManager": "homelab-mcp", "force": "false"},
        )
    ]


@pytest.mark.parametrize(
    ("owner", "overrides"),
    [
        pytest.param(
            {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": OWNER_TRAVERSAL},
            {"namespaces": ["apps"]},
            id="owner-name-traversal-out-of-the-allow-list",
        ),
        pytest.param(
            {"apiVersion": "v1", "kind": "Secret", "name": "db-credentials"},
            {"denied_kinds": ["Secret"]},
            id="owner-of-a-denied-kind",
        ),
    ],
)
async def test_owner_references_are_cluster_data_not_paths(
    recorded: Callable[..., AbstractAsyncContextManager[Client[Any]]],
    owner: dict[str, Any],
    overrides: dict[str, Any],
) -> None:
    """describe follows ownerReferences, which anyone who may write an object can set: they are
    judged like tool arguments (valid names, the allow-list, denied kinds) before any GET."""
    async with recorded(**overrides) as client:
        api: RecordedAPI = client.api  # type: ignore[attr-defined]
        evil = ko.pod("evil-0", "apps")
        evil["metadata"]["ownerReferences"] = [{**owner, "uid": "u-1", "controller": True}]
        api.add("pods", evil)
        result = await client.call_tool(
            "describe", {"kind": "Pod", "name": "evil-0", "namespace": "apps"}
        )
    owners = (result.structured_content or {})["owners"]
    assert owners == [f"{owner['kind']}/{owner['name']}"]  # shown as data, never followed
    paths = [p for _, p, _ in object_requests(api)]
    assert paths and all(p.startswith("/api/v1/namespaces/apps/") for p in paths), paths
    assert not [p for p in paths if "secrets" in p or "replicasets" in p], paths


# --- ArgoCD syncs with a destructive effect (issue 7: default-deny) ----------------------------
# sync_application is a write. A sync to another revision than the target replaces what runs (an
# old tag or SHA is a rollback); Replace=true / Force=true sync options overwrite or delete and
# recreate live objects. Those need deploy_revision's preview and confirmation.


@pytest.fixture
def argo() -> Iterator[ArgoFake]:
    with argo_fake() as fake:
        replaced = ap.application("replaced")
        replaced["spec"]["syncPolicy"]["syncOptions"] = ["CreateNamespace=true", "Replace=true"]
        forced = ap.application("forced")
        forced["spec"]["syncPolicy"]["syncOptions"] = ["Force=true"]
        multi = ap.application("multi")
        source = multi["spec"].pop("source")
        multi["spec"]["sources"] = [source, {**source, "path": "charts/multi"}]
        fake.apps.update({"replaced": replaced, "forced": forced, "multi": multi})
        yield fake


@pytest.mark.parametrize("case", params(SYNC_CASES))
async def test_destructive_syncs_need_confirmation(
    argo: ArgoFake, runtime: RuntimeSettings, case: AttackCase
) -> None:
    values: dict[str, Any] = {"argocd_url": URL, "argocd_token": TOKEN, "allow_write": True}
    settings = load_settings(InfraSettings, **{**values, **case.settings})
    async with mcp_client(build_server(settings, runtime)) as client:
        outcome = await run_case(client, case)
    outcome.check()
    assert [s for s in argo.syncs if not s.get("dryRun")] == []


async def test_plain_and_dry_run_syncs_stay_writes(
    argo: ArgoFake, runtime: RuntimeSettings
) -> None:
    """Control: the target revision, and a dry run to any revision, are synced as writes."""
    settings = load_settings(InfraSettings, argocd_url=URL, argocd_token=TOKEN, allow_write=True)
    async with mcp_client(build_server(settings, runtime)) as client:
        for args in (
            {"name": "jellyfin"},
            {"name": "jellyfin", "revision": "main"},
            {"name": "jellyfin", "revision": SHA_OLD, "dry_run": True},
            {"name": "replaced", "dry_run": True},
        ):
            outcome = await run_case(client, AttackCase("control", "sync_application", args))
            assert outcome.kind == "executed", outcome.text
    assert argo.syncs == [
        {"name": "jellyfin", "dryRun": False, "prune": False},
        {"name": "jellyfin", "dryRun": False, "prune": False, "revision": "main"},
        {"name": "jellyfin", "dryRun": True, "prune": False, "revision": SHA_OLD},
        {"name": "replaced", "dryRun": True, "prune": False},
    ]


async def test_refusals_are_audited_apart_from_mistakes(
    argo: ArgoFake, tmp_path: Path, runtime: RuntimeSettings
) -> None:
    """A write the server's policy refuses (a namespace outside INFRA_NAMESPACES, a cluster-scoped
    change while confined, a sync that replaces what runs) is ``refused:sensitive`` in the audit
    log; a mistake (a name that does not exist, a missing namespace) stays an error."""
    async with start_cluster() as cluster:
        cluster.seed_homelab()
        settings = cluster_settings(cluster, tmp_path, namespaces=["apps"], allow_write=True)
        before = {key: copy.deepcopy(dict(o.raw)) for key, o in cluster.k.objects.items()}
        attempts = [
            (
                "restart_rollout",
                {"kind": "Deployment", "name": "coredns", "namespace": "kube-system"},
            ),
            ("cordon_node", {"name": "node-1"}),
            ("sync_application", {"name": "jellyfin", "revision": SHA_OLD}),
            ("sync_application", {"name": "replaced"}),
            ("scale", {"kind": "Deployment", "name": "web", "replicas": 2}),
            ("restart_rollout", {"kind": "Deployment", "name": "no-such-app", "namespace": "apps"}),
        ]
        async with mcp_client(build_server(settings, runtime)) as client:
            for tool, arguments in attempts:
                result = await client.call_tool(tool, arguments, raise_on_error=False)
                assert result.is_error, (tool, arguments)
        after = {key: copy.deepcopy(dict(o.raw)) for key, o in cluster.k.objects.items()}
    assert audit_outcomes(runtime) == [
        ("restart_rollout", "refused:sensitive"),
        ("cordon_node", "refused:sensitive"),
        ("sync_application", "refused:sensitive"),
        ("sync_application", "refused:sensitive"),
        ("scale", "error:invalid_arguments"),
        ("restart_rollout", "error:not_found"),
    ]
    assert after == before
    assert [s for s in argo.syncs if not s.get("dryRun")] == []
