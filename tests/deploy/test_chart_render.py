"""The Helm chart rendered by a real Helm engine (helm-python-sdk: Helm v4 as a C library) and
every manifest validated against the Kubernetes 1.30 schemas (kubernetes-validate, strict)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helm_python
import kubernetes_validate
import pytest
import yaml

CHART = Path(__file__).resolve().parents[2] / "charts" / "homelab-mcp"
K8S = "1.30.0"
TOKENS = "claude:read,write:0123456789abcdef0123456789abcdef"
CRDS = {"ServiceMonitor"}  # not in the core schemas

Manifests = dict[tuple[str, str], dict[str, Any]]


def render(values: dict[str, Any], name: str = "hl") -> Manifests:
    chart = helm_python.Chart.load(str(CHART))
    rendered = chart.render(values=values, name=name, namespace="home", is_install=True)
    found: Manifests = {}
    for template, text in rendered.items():
        if template.endswith("NOTES.txt"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                found[(doc["kind"], doc["metadata"]["name"])] = doc
    for (kind, _), doc in found.items():
        if kind not in CRDS:
            kubernetes_validate.validate(doc, K8S, strict=True)
    return found


def containers(manifests: Manifests, name: str, release: str = "hl") -> dict[str, Any]:
    deployment = manifests[("Deployment", f"{release}-homelab-mcp-{name}")]
    return deployment["spec"]["template"]["spec"]


def env_of(pod: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e.get("value", "") for e in pod["containers"][0]["env"]}


EVERY_SERVER = sorted(
    yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))["servers"]
)
EVERYTHING: dict[str, Any] = {
    "secret": {
        "existingSecret": "homelab-secrets",
        "existingSecretKeys": ["HOMELAB_AUTH_TOKENS", "HA_TOKEN", "TRUENAS_API_KEY"],
    },
    "servers": {name: {"enabled": True, "replicas": 2} for name in EVERY_SERVER},
    "routingPolicy": "timezone: Europe/Berlin\n",
    "redis": {"enabled": True},
    "ingress": {"enabled": True, "className": "traefik", "tls": [{"secretName": "mcp-tls"}]},
    "networkPolicy": {"enabled": True},
    "serviceMonitor": {"enabled": True, "labels": {"release": "kube-prometheus-stack"}},
    "persistence": {"enabled": False},
    "kubernetesAccess": {"enabled": True},
}


def test_lint_strict() -> None:
    result = helm_python.lint(str(CHART), strict=True)
    assert result["errors"] == []
    assert [m for m in result["messages"] if m["severity"] > 1] == []


def test_default_values_render_one_safe_gateway() -> None:
    manifests = render({"secret": {"values": {"HOMELAB_AUTH_TOKENS": TOKENS}}})
    deployments = [name for kind, name in manifests if kind == "Deployment"]
    assert deployments == ["hl-homelab-mcp-gateway"]
    pod = containers(manifests, "gateway")
    container = pod["containers"][0]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["automountServiceAccountToken"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    env = env_of(pod)
    assert env["HOMELAB_AUTH_TOKENS_FILE"] == "/run/secrets/homelab/HOMELAB_AUTH_TOKENS"
    assert env["HOMELAB_INSECURE_NO_AUTH"] == "false"
    assert "HOMELAB_AUTH_TOKENS" not in env, "secrets come as files, never as plain env"
    secret = manifests[("Secret", "hl-homelab-mcp-secrets")]
    assert set(secret.get("stringData", secret.get("data", {}))) == {"HOMELAB_AUTH_TOKENS"}


def test_every_server_and_option_on() -> None:
    manifests = render(EVERYTHING)
    for name in EVERY_SERVER:
        pod = containers(manifests, name)
        assert pod["containers"][0]["ports"][0]["containerPort"] > 0
        volumes = {v["name"]: v for v in pod["volumes"]}
        assert volumes["secrets"]["secret"]["secretName"] == "homelab-secrets"
        assert ("NetworkPolicy", f"hl-homelab-mcp-{name}") in manifests
        assert ("Service", f"hl-homelab-mcp-{name}") in manifests
    assert ("Secret", "hl-homelab-mcp-secrets") not in manifests, "existingSecret is used as is"
    for name in ("gateway", "routing"):
        pod = containers(manifests, name)
        env = env_of(pod)
        assert env["ROUTING_POLICY_FILE"] == "/config/routing-policy.yaml"
        assert env["REDIS_URL"] == "redis://hl-homelab-mcp-redis:6379/0"
        volumes = {v["name"]: v for v in pod["volumes"]}
        assert volumes["routing-policy"]["configMap"]["name"] == "hl-homelab-mcp-routing-policy"
    assert "ROUTING_POLICY_FILE" not in env_of(containers(manifests, "truenas"))
    policy = manifests[("ConfigMap", "hl-homelab-mcp-routing-policy")]
    assert yaml.safe_load(policy["data"]["routing-policy.yaml"]) == {"timezone": "Europe/Berlin"}
    redis = containers(manifests, "redis")
    assert redis["securityContext"]["runAsNonRoot"] is True
    ingress = manifests[("Ingress", "hl-homelab-mcp")]["spec"]
    assert ingress["ingressClassName"] == "traefik"
    backend = ingress["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "hl-homelab-mcp-gateway"
    monitor = manifests[("ServiceMonitor", "hl-homelab-mcp")]
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    assert monitor["spec"]["endpoints"][0]["path"] == "/metrics"
    # The NetworkPolicies let in what the Ingress and the ServiceMonitor need: the ingress
    # controller to the server the Ingress reaches (only), Prometheus to every server.
    chart = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))["networkPolicy"]
    (controller,) = chart["ingressControllerFrom"]
    (prometheus,) = chart["prometheusFrom"]
    for name in EVERY_SERVER:
        (rule,) = policy_of(manifests, name)["spec"]["ingress"]
        assert rule["ports"] == [{"port": "http", "protocol": "TCP"}]
        peers = rule["from"]
        assert {"podSelector": {}} in peers, "the release's namespace still gets in"
        assert prometheus in peers, f"Prometheus cannot scrape {name}"
        assert (controller in peers) is (name == "gateway"), f"ingress controller to {name}?"
    assert _names(controller) >= {"kube-system", "ingress-nginx", "traefik"}
    assert _names(prometheus) >= {"monitoring"}


def policy_of(manifests: Manifests, name: str) -> dict[str, Any]:
    return manifests[("NetworkPolicy", f"hl-homelab-mcp-{name}")]


def _names(peer: dict[str, Any]) -> set[str]:
    (expression,) = peer["namespaceSelector"]["matchExpressions"]
    assert expression["key"] == "kubernetes.io/metadata.name" and expression["operator"] == "In"
    return set(expression["values"])


def test_network_policy_peers_follow_the_options() -> None:
    alone = render({"networkPolicy": {"enabled": True}})
    (rule,) = policy_of(alone, "gateway")["spec"]["ingress"]
    assert rule["from"] == [{"podSelector": {}}], "no Ingress, no monitor: the namespace only"
    own = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "edge"}}}
    mine = render(
        {
            "networkPolicy": {
                "enabled": True,
                "ingressControllerFrom": [own],
                "prometheusFrom": [],
            },
            "ingress": {"enabled": True},
            "serviceMonitor": {"enabled": True},
        }
    )
    (rule,) = policy_of(mine, "gateway")["spec"]["ingress"]
    assert rule["from"] == [{"podSelector": {}}, own], "narrowed peers replace the defaults"


def test_several_routing_pods_need_a_shared_quota_store() -> None:
    values = {"servers": {"routing": {"enabled": True}}}  # gateway + routing: two pods route
    with pytest.raises(helm_python.HelmRenderError, match="share one quota store"):
        render(values)
    render({**values, "redis": {"enabled": True}})
    render({**values, "secret": {"values": {"REDIS_URL": "redis://my-redis:6379/0"}}})


def test_ingress_to_a_disabled_server_is_refused() -> None:
    values = {
        "ingress": {
            "enabled": True,
            "hosts": [{"host": "x.home.arpa", "paths": [{"path": "/", "server": "truenas"}]}],
        }
    }
    with pytest.raises(helm_python.HelmRenderError, match="truenas, which is not enabled"):
        render(values)


def _verbs(manifests: Manifests) -> dict[str, set[str]]:
    role = manifests[("ClusterRole", "hl-homelab-mcp-kubernetes")]
    verbs: dict[str, set[str]] = {}
    for rule in role["rules"]:
        for group in rule["apiGroups"]:
            for resource in rule["resources"]:
                verbs.setdefault(f"{group}/{resource}", set()).update(rule["verbs"])
    return verbs


# Writes that hand out more than the role has: run pods as any account, mint tokens, change RBAC,
# register CRDs or webhooks, or make ArgoCD deploy with its own cluster-wide rights.
ESCALATING_GROUPS = {
    "rbac.authorization.k8s.io",
    "apiextensions.k8s.io",
    "admissionregistration.k8s.io",
    "argoproj.io",
    "certificates.k8s.io",
    "authentication.k8s.io",
    "*",
}
ESCALATING_RESOURCES = {"secrets", "serviceaccounts", "serviceaccounts/token", "*"}
WRITE_VERBS = {"create", "patch", "update", "delete", "deletecollection"}
ESCALATION_VERBS = {"escalate", "bind", "impersonate", "*"}


def test_kubernetes_access_is_read_only_unless_writes_are_enabled() -> None:
    read_only = _verbs(render(EVERYTHING))
    assert set().union(*read_only.values()) == {"get", "list", "watch"}
    assert not any("secrets" in r or "rbac" in r for r in read_only), "never Secrets or RBAC"
    pod = containers(render(EVERYTHING), "infrastructure")
    assert pod["serviceAccountName"] == "hl-homelab-mcp-kubernetes"
    writes = _verbs(render({**EVERYTHING, "kubernetesAccess": {"enabled": True, "writes": True}}))
    # what the tools need: patch (restart, scale, cordon), delete, apply's create + patch
    assert {"patch", "create", "delete"} <= writes["apps/deployments"]
    assert "patch" in writes["/nodes"] and "delete" in writes["/pods"]
    assert not any("secrets" in r or "rbac" in r for r in writes)
    for resource, verbs in writes.items():
        group, _, name = resource.partition("/")
        writing = verbs & WRITE_VERBS
        assert not verbs & ESCALATION_VERBS, resource
        assert not (writing and group in ESCALATING_GROUPS), (resource, writing)
        assert not (writing and name in ESCALATING_RESOURCES), (resource, writing)
        assert not ("create" in verbs and name.startswith("pods")), "no pods (nor pods/exec)"
        assert "update" not in verbs, "server-side apply patches; update replaces whole objects"


@pytest.mark.parametrize(
    "rule",
    [
        {"apiGroups": [""], "resources": ["secrets"], "verbs": ["patch"]},
        {"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]},
        {"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]},
        {"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]},
        {"apiGroups": ["argoproj.io"], "resources": ["applications"], "verbs": ["create"]},
        {"apiGroups": ["apiextensions.k8s.io"], "resources": ["*"], "verbs": ["delete"]},
        {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"], "verbs": ["patch"]},
        {"apiGroups": ["apps"], "resources": ["*"], "verbs": ["patch"]},
        {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["escalate"]},
        {"apiGroups": ["*"], "resources": ["deployments"], "verbs": ["patch"]},
    ],
)
def test_escalating_write_rules_are_refused(rule: dict[str, Any]) -> None:
    access = {"enabled": True, "writes": True, "writeRules": [rule]}
    refused = r"kubernetesAccess\.writeRules: .*(escalate|is not granted)"
    with pytest.raises(helm_python.HelmRenderError, match=refused):
        render({**EVERYTHING, "kubernetesAccess": access})
