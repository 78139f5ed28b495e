"""What the Kubernetes tools may touch: the namespace allow-list and the denied kinds.

Checked in the tools before any request, for reads and writes alike; a refusal names the
variable that would allow it. Default-deny: with an allow-list, cluster-scoped objects may be
read (nodes for health) but never written, since a cluster-scoped write reaches every namespace.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastmcp.exceptions import ToolError
from pydantic import AfterValidator, Field

from homelab_shared.errors import SafetyRefusal
from infrastructure_mcp.kube import ApiKind
from infrastructure_mcp.names import CONTAINER_RE, KIND_RE, NAME_RE, NAMESPACE_RE
from infrastructure_mcp.settings import DENY_ENTRY

# Label/field selector syntax only: keys, values, operators, commas, parentheses for set-based.
SELECTOR_RE = r"^[A-Za-z0-9_./=!,() -]{1,500}$"


def matching(regex: str, what: str) -> AfterValidator:
    """Validate against ``regex`` without publishing it: patterns in the input schema cost tokens
    on every turn, and the error names what was expected instead."""
    compiled = re.compile(regex)

    def check(value: str | None) -> str | None:
        if value is not None and not compiled.fullmatch(value):
            raise ValueError(f"{value[:80]!r} is not a valid {what}")
        return value

    return AfterValidator(check)


Name = Annotated[str, Field(description="Object name"), matching(NAME_RE, "object name")]
Namespace = Annotated[str, Field(description="Namespace"), matching(NAMESPACE_RE, "namespace")]
OptNamespace = Annotated[
    str | None,
    Field(description="Namespace; empty: all allowed"),
    matching(NAMESPACE_RE, "namespace"),
]
Kind = Annotated[
    str,
    Field(description="Kind, plural, short name or plural.group (Pod, po, deployments.apps)"),
    matching(KIND_RE, "kind"),
]
Selector = Annotated[
    str | None, Field(description="Label selector, e.g. app=web"), matching(SELECTOR_RE, "selector")
]
FieldSelector = Annotated[
    str | None,
    Field(description="Field selector, e.g. status.phase=Running"),
    matching(SELECTOR_RE, "selector"),
]
Container = Annotated[
    str | None, Field(description="Container"), matching(CONTAINER_RE, "container name")
]


@dataclass(frozen=True)
class Denial:
    group: str | None  # None: any group
    kind: str  # '*' for all kinds of the group
    writes_only: bool

    def matches(self, group: str, kind: str) -> bool:
        if self.group is not None and self.group != group:
            return False
        return self.kind == "*" or self.kind.lower() == kind.lower()


def parse_denials(entries: Sequence[str]) -> list[Denial]:
    out = []
    for entry in entries:
        m = DENY_ENTRY.match(entry)
        if m is None:  # settings validated them already
            continue
        group = m.group("group")
        out.append(Denial(group, m.group("kind"), m.group("scope") == "write"))
    return out


class KubePolicy:
    def __init__(self, namespaces: Sequence[str], denied_kinds: Sequence[str]) -> None:
        self.namespaces = list(namespaces)
        self.denials = parse_denials(denied_kinds)

    # --- kinds ----------------------------------------------------------------------------------

    def check_kind(self, res: ApiKind, *, write: bool) -> None:
        for d in self.denials:
            if d.matches(res.group or "", res.kind) and (write or not d.writes_only):
                what = "changes to" if d.writes_only else "access to"
                raise SafetyRefusal(
                    f"{what} {res.kind} ({res.group or 'core'}) are refused by INFRA_DENIED_KINDS "
                    f"on this server; the operator can change that list."
                )

    # --- namespaces -----------------------------------------------------------------------------

    @property
    def restricted(self) -> bool:
        return bool(self.namespaces)

    def allows(self, namespace: str | None) -> bool:
        return not self.namespaces or namespace in self.namespaces

    def check_namespace(self, namespace: str | None) -> None:
        if namespace is not None and not self.allows(namespace):
            raise SafetyRefusal(
                f"namespace {namespace!r} is outside INFRA_NAMESPACES "
                f"({', '.join(self.namespaces)}); this server may not touch it."
            )

    def targets(self, res: ApiKind, namespace: str | None) -> list[str | None]:
        """The namespaces one list covers: the one asked, each allowed one, or all (None)."""
        if not res.namespaced:
            return [None]
        if namespace is not None:
            self.check_namespace(namespace)
            return [namespace]
        return list(self.namespaces) if self.restricted else [None]

    def check_read(self, res: ApiKind, namespace: str | None) -> None:
        self.check_kind(res, write=False)
        if res.namespaced:
            self.check_namespace(namespace)

    def check_write(self, res: ApiKind, namespace: str | None) -> None:
        self.check_kind(res, write=True)
        if not res.namespaced:
            if self.restricted:
                raise SafetyRefusal(
                    f"{res.kind} is cluster-scoped and INFRA_NAMESPACES confines this server to "
                    f"{', '.join(self.namespaces)}: cluster-scoped changes are refused."
                )
            return
        if namespace is None:
            raise ToolError(f"{res.kind} is namespaced: pass namespace.")
        self.check_namespace(namespace)
