"""What may enter a Kubernetes URL path, as the API server itself defines it (apimachinery's
``validation``): namespaces are DNS-1123 labels, object names DNS-1123 subdomains, API versions
``[group/]version``. Shared by the tools (clear errors on bad input) and the client (the last
check before a request is built), so a value from any source (a tool argument, a manifest field,
an ownerReference in the cluster's own data) is judged the same way.
"""

from __future__ import annotations

import re

from homelab_shared.paths import UnsafePath

_LABEL = r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
_LABELS = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
_SUBDOMAIN = rf"(?=.{{1,253}}$){_LABELS}"
_VERSION = r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?"  # DNS-1035 label: v1, v1beta1, v2alpha3

NAMESPACE_RE = rf"^{_LABEL}$"
NAME_RE = rf"^{_SUBDOMAIN}$"
API_VERSION_RE = rf"^((?=[^/]{{1,253}}/){_LABELS}/)?{_VERSION}$"
# A kind as written in a manifest (CamelCase, no group: the group is in apiVersion).
MANIFEST_KIND_RE = r"^[A-Za-z][A-Za-z0-9]{0,62}$"
# A kind as a person types it: Pod, pods, po, deployments.apps.
KIND_RE = rf"^[A-Za-z][A-Za-z0-9]{{0,62}}(\.{_SUBDOMAIN})?$"
CONTAINER_RE = NAMESPACE_RE

RULES = {
    "namespace": (re.compile(NAMESPACE_RE), "a DNS-1123 label: a-z, 0-9 and '-', at most 63"),
    "name": (
        re.compile(NAME_RE),
        "a DNS-1123 subdomain: a-z, 0-9, '-' and '.' between labels, at most 253",
    ),
    "apiVersion": (re.compile(API_VERSION_RE), "[group/]version, e.g. v1 or apps/v1"),
    "kind": (re.compile(MANIFEST_KIND_RE), "a kind such as ConfigMap or Deployment"),
}
SERVICE = "Kubernetes"


def problem(field: str, value: object) -> str | None:
    """Why ``value`` is not a valid ``field`` (None when it is)."""
    pattern, rule = RULES[field]
    if isinstance(value, str) and pattern.fullmatch(value):
        return None
    shown = repr(value)[:80] if isinstance(value, str) else f"a {type(value).__name__}"
    return f"{field} {shown} is not valid: it must be {rule}"


def check(field: str, value: object) -> str:
    """``value`` when it is a valid ``field``; else :class:`UnsafePath` (nothing is sent)."""
    reason = problem(field, value)
    if reason is not None:
        raise UnsafePath(SERVICE, reason, hint="nothing was sent to the API server")
    assert isinstance(value, str)
    return value
