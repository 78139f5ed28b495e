"""The gateway server: every configured server mounted under its namespace, plus ``status``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from fastmcp import FastMCP
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import BaseServerSettings
from homelab_shared.spec import ServerSpec
from homelab_shared.toolbox import Toolbox, toolbox_of

GATEWAY_PORT = 8000

State = Literal["mounted", "not_configured", "failed"]


@dataclass
class Member:
    spec: ServerSpec
    state: State
    problems: list[str] = field(default_factory=list)
    settings: BaseServerSettings | None = None
    mcp: FastMCP[Any] | None = None
    box: Toolbox | None = None


def load_member(spec: ServerSpec, runtime: RuntimeSettings) -> Member:
    """Configure and build one server; a missing variable skips it, never the gateway."""
    try:
        settings = spec.load()
    except ConfigError as err:
        return Member(spec, "not_configured", err.problems)
    try:
        mcp = spec.build(settings, runtime)
    except ConfigError as err:
        return Member(spec, "failed", [str(err)])
    return Member(spec, "mounted", [], settings, mcp, toolbox_of(mcp))


class ServerStatus(BaseModel):
    name: str
    title: str
    namespace: str = Field(description="Tool name prefix in this gateway")
    state: State
    missing: list[str] = Field(description="What to set to enable it")
    tools_enabled: int
    writes_enabled: bool


class GatewayStatus(BaseModel):
    servers: list[ServerStatus]
    mounted: int


def member_status(member: Member) -> ServerStatus:
    box = member.box
    enabled = sum(1 for cls in box.classes.values() if box.enabled(cls)) if box else 0
    return ServerStatus(
        name=member.spec.name,
        title=member.spec.title,
        namespace=member.spec.namespace,
        state=member.state,
        missing=member.problems,
        tools_enabled=enabled,
        writes_enabled=bool(box and box.enabled("write")),
    )


def broken_status(name: str, reason: str) -> ServerStatus:
    return ServerStatus(
        name=name,
        title=name,
        namespace="",
        state="failed",
        missing=[reason],
        tools_enabled=0,
        writes_enabled=False,
    )


def build_gateway(members: list[Member], broken: dict[str, str] | None = None) -> FastMCP[Any]:
    broken = broken or {}
    gateway: FastMCP[Any] = FastMCP(
        "homelab-mcp",
        instructions=(
            "Homelab gateway. Tools are prefixed by server: ha_ (Home Assistant), arr_ (Sonarr, "
            "Radarr, Prowlarr, SABnzbd), infra_ (Kubernetes, ArgoCD, S3), plex_ (Plex, Tautulli), "
            "truenas_ (TrueNAS), route_ (model router). Call status to see what is configured."
        ),
        mask_error_details=True,
    )
    for member in members:
        if member.mcp is not None:  # the CLI says in one line why the others are skipped
            gateway.mount(member.mcp, namespace=member.spec.namespace)

    @gateway.tool(
        annotations=ToolAnnotations(
            read_only_hint=True, idempotent_hint=True, open_world_hint=False
        )
    )
    def status() -> GatewayStatus:
        """Which homelab servers this gateway serves, and what to set to enable the others."""
        servers = [member_status(m) for m in members]
        servers += [broken_status(name, reason) for name, reason in broken.items()]
        return GatewayStatus(servers=servers, mounted=sum(s.state == "mounted" for s in servers))

    return gateway
