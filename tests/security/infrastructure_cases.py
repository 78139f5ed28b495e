"""Attack cases of the infrastructure server (data; the tests are in
``test_infrastructure_attacks.py``): manifest fields that reach a Kubernetes URL, ownerReferences
that describe follows, and ArgoCD syncs whose effect is destructive."""

from __future__ import annotations

from typing import Any

import yaml

from tests.security.cases import AttackCase
from tests.servers.infrastructure.argo_payloads import SHA_OLD

TRAVERSAL = "x/../../../../apis/apps/v1/namespaces/apps/deployments/web?"


def manifest(
    *,
    api_version: Any = "v1",
    kind: Any = "ConfigMap",
    name: Any = "attack-cm",
    namespace: Any = "apps",
) -> str:
    doc = {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {"name": name, "namespace": namespace},
        "data": {"k": "v"},
    }
    return yaml.safe_dump(doc)


POISONED_MANIFESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("namespace-traversal-to-denied-deployment", manifest(namespace=TRAVERSAL), {}),
    ("namespace-traversal-to-secret", manifest(namespace="x/../secrets/db-credentials?"), {}),
    ("namespace-dot-dot", manifest(namespace=".."), {}),
    ("namespace-slash", manifest(namespace="apps/configmaps"), {}),
    ("namespace-query", manifest(namespace="apps?dryRun="), {}),
    ("namespace-encoded-slash", manifest(namespace="apps%2F..%2Fmedia"), {}),
    ("namespace-uppercase", manifest(namespace="Apps"), {}),
    ("namespace-too-long", manifest(namespace="a" * 64), {}),
    ("namespace-not-a-string", manifest(namespace=["apps"]), {}),
    ("namespace-outside-allow-list", manifest(namespace="media"), {"namespaces": ["apps"]}),
    ("name-traversal", manifest(name="x/../../../apps/v1/namespaces/apps/deployments/web"), {}),
    ("name-query", manifest(name="attack-cm?dryRun=None"), {}),
    ("name-dot-dot", manifest(name=".."), {}),
    ("name-empty-label", manifest(name="a..b"), {}),
    ("name-leading-dash", manifest(name="-rf"), {}),
    ("name-not-a-string", manifest(name=7), {}),
    ("api-version-traversal", manifest(api_version="v1/../../apis/apps/v1"), {}),
    ("api-version-query", manifest(api_version="v1?dryRun="), {}),
    ("api-version-no-version", manifest(api_version="apps"), {}),
    ("api-version-not-a-string", manifest(api_version={"v": 1}), {}),
    ("kind-traversal", manifest(kind="ConfigMap/../../secrets"), {}),
    ("kind-query", manifest(kind="ConfigMap?x=1"), {}),
    ("kind-with-group", manifest(kind="deployments.apps"), {}),
    ("kind-space", manifest(kind="Config Map"), {}),
]


OWNER_TRAVERSAL = "../../../../../../api/v1/namespaces/media/secrets/db-credentials"


SYNC_CASES = [
    AttackCase(
        name="sync-to-an-old-sha-is-a-rollback",
        tool="sync_application",
        arguments={"name": "jellyfin", "revision": SHA_OLD},
        match="deploy_revision",
    ),
    AttackCase(
        name="sync-to-an-old-tag",
        tool="sync_application",
        arguments={"name": "jellyfin", "revision": "v1.0.0"},
        match="not its target revision main",
    ),
    AttackCase(
        name="sync-to-another-branch",
        tool="sync_application",
        arguments={"name": "jellyfin", "revision": "HEAD"},
    ),
    AttackCase(
        name="sync-with-replace-option",
        tool="sync_application",
        arguments={"name": "replaced"},
        match="Replace=true",
    ),
    AttackCase(
        name="sync-with-force-option",
        tool="sync_application",
        arguments={"name": "forced", "revision": "main"},
        match="Force=true",
    ),
    AttackCase(
        name="sync-multi-source-to-a-revision",
        tool="sync_application",
        arguments={"name": "multi", "revision": "main"},
        match="2 sources",
    ),
    AttackCase(
        name="deploy-revision-hidden-without-destructive",
        tool="deploy_revision",
        arguments={"name": "jellyfin", "revision": SHA_OLD},
        match="INFRA_ALLOW_DESTRUCTIVE",
    ),
    AttackCase(
        name="deploy-revision-previews",
        tool="deploy_revision",
        arguments={"name": "jellyfin", "revision": SHA_OLD},
        settings={"allow_destructive": True},
        expect="confirmation",
        match="from 9c8e7d6f to 5a1f3c9e.*Auto-sync is on",
    ),
    AttackCase(
        name="prune-to-an-old-sha-says-so",
        tool="prune_application",
        arguments={"name": "jellyfin", "revision": SHA_OLD},
        settings={"allow_destructive": True},
        expect="confirmation",
        match="not its target revision main",
    ),
]
