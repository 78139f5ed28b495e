"""The gateway server: every configured server mounted under its namespace, plus ``status``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import mcp_types as mt
from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from fastmcp.server.middleware import CallNext, MiddlewareContext
from fastmcp.tools.base import ToolResult
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from homelab_gateway.profiles import GatewayOptions
from homelab_shared.configured import set_variables, typo_problems, typos
from homelab_shared.errors import ConfigError
from homelab_shared.middleware import CallFastPath
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.server_class import HomelabFastMCP
from homelab_shared.settings import BaseServerSettings
from homelab_shared.spec import ServerSpec
from homelab_shared.toolbox import Toolbox, toolbox_of

GATEWAY_PORT = 8000
ALL_SERVERS = "(all servers)"  # the row/entry of problems that belong to no single server

# not_configured: nothing of it was set (fine); misconfigured: some of it was set but it does not
# load (URL without token, a placeholder, a typo); failed: it loaded but could not be built.
State = Literal["mounted", "not_configured", "misconfigured", "failed"]


@dataclass
class Member:
    spec: ServerSpec
    state: State
    problems: list[str] = field(default_factory=list)
    settings: BaseServerSettings | None = None
    mcp: FastMCP[Any] | None = None
    box: Toolbox | None = None

    @property
    def needs_attention(self) -> bool:
        """Something the operator set is wrong: ``doctor`` fails and ``/readyz`` is 503."""
        return self.state in ("misconfigured", "failed") or bool(self.problems and self.mcp)


def find_spec(specs: Sequence[ServerSpec], name: str) -> ServerSpec:
    """A server by name or namespace; an unknown name is an error listing the known ones."""
    for spec in specs:
        if name in (spec.name, spec.namespace):
            return spec
    known = ", ".join(s.name for s in specs) or "none installed"
    raise ConfigError(f"no server named {name!r} (known: {known})")


def config_hints(specs: Sequence[ServerSpec]) -> dict[str, str]:
    """Misspelt variables of every installed server and the runtime: ``{HA_ULR: HA_URL}``."""
    return typos([RuntimeSettings, GatewayOptions, *(s.settings_cls for s in specs)])


def load_member(
    spec: ServerSpec, runtime: RuntimeSettings, hints: Mapping[str, str] | None = None
) -> Member:
    """Configure and build one server; a problem skips it, never the gateway."""
    misspelt = typo_problems(spec.settings_cls, hints or {})
    try:
        settings = spec.load()
    except ConfigError as err:
        touched = bool(set_variables(spec.settings_cls)) or bool(misspelt)
        state: State = "misconfigured" if touched else "not_configured"
        return Member(spec, state, err.problems + misspelt)
    try:
        mcp = spec.build(settings, runtime)
    except ConfigError as err:
        return Member(spec, "failed", [*err.problems, *misspelt], settings)
    box = toolbox_of(mcp)
    if box is not None:
        box.label = spec.name  # start-up log lines name the server as the operator knows it
    return Member(spec, "mounted", misspelt, settings, mcp, box)


def unready(
    members: Sequence[Member], broken: Mapping[str, str], own: Sequence[str] = ()
) -> dict[str, str]:
    """Configured servers the gateway could not serve, with what to fix (for ``/readyz``);
    the gateway's own problems (``selfcheck.gateway_problems``) count too, under
    ``(all servers)``."""
    found = {m.spec.name: "; ".join(m.problems) for m in members if m.needs_attention}
    if own:
        found[ALL_SERVERS] = "; ".join(own)
    return {**found, **broken}


class UnmountedTools(CallFastPath):
    """A call to ``ha_*`` while Home Assistant is not mounted says what enables it."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.absent = [m for m in members if m.mcp is None]

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        name = context.message.name
        for member in self.absent:
            if name.startswith(f"{member.spec.namespace}_"):
                raise ToolError(absent_message(member, name))
        return await call_next(context)


def absent_message(member: Member, tool: str) -> str:
    spec = member.spec
    why = "is not configured" if member.state == "not_configured" else "could not be loaded"
    return (
        f"{tool} belongs to {spec.title} ({spec.namespace}_* tools), which {why} on this "
        f"gateway: {'; '.join(member.problems)}. Set that, then restart the gateway."
    )


def instructions(members: Sequence[Member]) -> str:
    mounted = [f"{m.spec.namespace}_ ({m.spec.title})" for m in members if m.mcp is not None]
    served = ", ".join(mounted) if mounted else "none yet"
    return (
        f"Homelab gateway. Tools are prefixed by server: {served}. "
        "Call status to see what is configured and what would enable the others. Destructive "
        "tools first return a preview and a confirm_token: show the preview to the user and "
        "repeat the call with the token only if they agree."
    )


class ServerStatus(BaseModel):
    name: str
    title: str
    namespace: str = Field(description="Tool name prefix in this gateway")
    state: State
    missing: list[str] = Field(description="What to set to enable it, or its unset parts")
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
        # a served member can still lack optional parts (arr-suite with only Sonarr set)
        missing=member.problems + (member.settings.unconfigured_parts() if member.settings else []),
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
    gateway: FastMCP[Any] = HomelabFastMCP(
        "homelab-mcp",
        instructions=instructions(members),
        mask_error_details=True,
        middleware=[UnmountedTools(members)],
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
