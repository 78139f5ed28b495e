"""Lean tool results of the Kubernetes tools (ArgoCD's and S3's are in their own modules)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class KubeContext(BaseModel):
    name: str
    cluster: str | None = None
    user: str | None = None
    namespace: str | None = None
    active: bool = False


class Contexts(BaseModel):
    mode: str = Field(description="kubeconfig or in-cluster")
    active: str | None = None
    contexts: list[KubeContext]


class ResourceRow(BaseModel):
    name: str
    namespace: str | None = None
    ready: str | None = None
    status: str | None = None
    restarts: int | None = None
    age: str | None = None


class ResourceTable(BaseModel):
    """One page of objects. Pass ``continue_token`` back to get the next page."""

    kind: str
    api_version: str
    items: list[ResourceRow]
    continue_token: str | None = Field(None, description="More items exist: pass it back")
    remaining: int | None = Field(None, description="Items after this page, when the API says")


class ResourceDoc(BaseModel):
    kind: str
    api_version: str
    object: dict[str, Any] = Field(description="The object without managedFields and noise")


class EventLine(BaseModel):
    type: str
    reason: str
    object: str
    namespace: str | None = None
    message: str
    count: int = 1
    last_seen: str | None = None


class Description(BaseModel):
    kind: str
    summary: dict[str, Any] = Field(description="State and what is not fine; get_resource: all")
    owners: list[str] = Field(description="Owner chain, nearest first: Kind/name")
    events: list[str] = Field(description="Recent events, warnings first")


class PodLog(BaseModel):
    pod: str
    namespace: str
    container: str | None = None
    lines: int
    truncated: bool = Field(description="The byte cap cut the log; narrow with since/tail/grep")
    text: str


class Usage(BaseModel):
    name: str
    namespace: str | None = None
    cpu: str = Field(description="millicores, e.g. 250m")
    memory: str = Field(description="MiB, e.g. 128Mi")


class TopResult(BaseModel):
    kind: str
    items: list[Usage]


class ClusterHealth(BaseModel):
    nodes_ready: int
    nodes_total: int
    nodes_not_ready: list[str]
    pods_total: int
    pods_not_running: int
    problem_pods: list[str] = Field(description="namespace/name: status (first 20)")
    warnings: list[EventLine] = Field(description="Most recent warning events (up to 10)")


class Change(BaseModel):
    kind: str
    name: str
    namespace: str | None = None
    action: str
    detail: str = ""


class Changes(BaseModel):
    changes: list[Change]
