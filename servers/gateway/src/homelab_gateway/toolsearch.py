"""The gateway's catalogue per caller: profiles (a subset of tools) and search mode (a search
tool and a call proxy instead of the whole catalogue).

Search mode extends FastMCP's ``BM25SearchTransform``: same catalogue access (the real,
auth-filtered ``tools/list``, so the servers' safety middleware has already hidden disabled
tools and writes a token may not use), our ranker (``homelab_gateway.ranker``), a compact typed
result, and a call proxy that reaches a tool exactly the way a direct call does.

Why the proxy differs from FastMCP's: FastMCP's refuses any name missing from the visible
catalogue with "Unknown tool". A disabled write called directly is refused with the variable
that enables it and an audit line ``refused:disabled``; a write without the ``write`` scope with
``refused:no_write_scope``. Calling through the proxy must give the same answer and the same
audit line, so the proxy refuses only its own two names and otherwise calls the gateway with
middleware on: the profile gate below, then the server's own safety gate, confirmation and audit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import mcp_types as mt
from fastmcp.exceptions import NotFoundError, ToolError
from fastmcp.server.context import Context
from fastmcp.server.middleware import CallNext, MiddlewareContext
from fastmcp.server.transforms import GetToolNext
from fastmcp.server.transforms.search import BM25SearchTransform
from fastmcp.tools.base import Tool, ToolResult
from fastmcp.utilities.versions import VersionSpec
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from homelab_gateway.app import Member
from homelab_gateway.profiles import (
    EVERYTHING,
    GatewayOptions,
    Profiles,
    ToolsMode,
    load_profiles,
    namespaces,
)
from homelab_gateway.search_terms import VOCABULARY as GATEWAY_VOCABULARY
from homelab_shared.auth import parse_tokens
from homelab_shared.middleware import CallFastPath, current_client_id
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.spec import Vocabulary

if TYPE_CHECKING:
    from homelab_gateway.ranker import ToolIndex

SEARCH_TOOL = "search_tools"
CALL_TOOL = "call_tool"
PINNED = ("status",)
DEFAULT_RESULTS = 5
MAX_RESULTS = 10


class FoundTool(BaseModel):
    name: str
    description: str
    input_schema: dict[str, Any] = Field(description="JSON schema of the arguments")


class SearchResult(BaseModel):
    tools: list[FoundTool] = Field(description="Best match first")
    hint: str = Field(description="How to call one")


class Catalogue:
    """Which server and safety class each gateway tool name belongs to."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.members = {m.spec.namespace: m for m in members}

    def locate(self, tool: str) -> tuple[Member | None, str]:
        """The member owning a namespaced tool and the tool's own name (None: a gateway tool)."""
        prefix, _, rest = tool.partition("_")
        member = self.members.get(prefix)
        return (member, rest) if member is not None and rest else (None, tool)

    def allowed(self, profiles: Profiles, tool: str) -> bool:
        member, own = self.locate(tool)
        if member is None:
            return tool in (*PINNED, SEARCH_TOOL, CALL_TOOL)
        if member.box is None:  # not mounted: UnmountedTools says what enables it
            return True
        cls = member.box.classes.get(own)
        return profiles.current().allows(tool, member.spec.namespace, cls)

    def servers(self) -> dict[str, Vocabulary]:
        """namespace -> the server's search vocabulary, its name and title among the words that
        name it; "" -> the gateway's own tools'. For the ranker, never for tools/list."""
        found = {"": GATEWAY_VOCABULARY}
        for ns, m in self.members.items():
            own = m.spec.vocabulary.value() if m.spec.vocabulary is not None else None
            app = own.app if isinstance(own, Vocabulary) else ""
            terms = own.tools if isinstance(own, Vocabulary) else {}
            names = f"{m.spec.name.replace('-', ' ')} {m.spec.title} {app}"
            found[ns] = Vocabulary(app=names, tools=terms)
        return found


class ProfileGate(CallFastPath):
    """A tool outside the caller's profile is neither listed nor callable (directly, through
    the proxy, or found by search, which reads the listing)."""

    def __init__(self, catalogue: Catalogue, profiles: Profiles) -> None:
        self.catalogue = catalogue
        self.profiles = profiles

    async def on_list_tools(
        self,
        context: MiddlewareContext[mt.ListToolsRequest],
        call_next: CallNext[mt.ListToolsRequest, Sequence[Tool]],
    ) -> Sequence[Tool]:
        tools = await call_next(context)
        return [t for t in tools if self.catalogue.allowed(self.profiles, t.name)]

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        name = context.message.name
        if self.catalogue.allowed(self.profiles, name):
            return await call_next(context)
        member, own = self.catalogue.locate(name)
        box = member.box if member is not None else None
        if box is not None and box.classes.get(own) != "read":
            # The servers audit every decision about a write; this one is taken here.
            arguments = dict(context.message.arguments or {})
            box.audit(current_client_id(), own, arguments, "refused:profile")
        profile = self.profiles.current().name
        if member is None and profile == EVERYTHING:
            raise ToolError(f"Unknown tool: {name}")
        raise ToolError(
            f"Unknown tool: {name} (not in this client's profile {profile!r}; the operator "
            "chooses a client's profile)"
        )


class HomelabSearch(BM25SearchTransform):
    """Search mode for the callers whose mode is ``search`` (see ``Profiles.current_mode``)."""

    def __init__(self, profiles: Profiles, servers: Mapping[str, Vocabulary]) -> None:
        super().__init__(
            max_results=DEFAULT_RESULTS,
            always_visible=list(PINNED),
            search_tool_name=SEARCH_TOOL,
            call_tool_name=CALL_TOOL,
        )
        self.profiles = profiles
        self.servers = dict(servers)
        self._ranker: tuple[tuple[str, ...], ToolIndex] | None = None  # built on first search

    async def transform_tools(self, tools: Sequence[Tool]) -> Sequence[Tool]:
        if self.profiles.current_mode() != "search":
            return tools
        return await super().transform_tools(tools)

    async def get_tool(
        self, name: str, call_next: GetToolNext, *, version: VersionSpec | None = None
    ) -> Tool | None:
        if self.profiles.current_mode() != "search":
            return await call_next(name, version=version)
        return await super().get_tool(name, call_next, version=version)

    def index(self, tools: Sequence[Tool]) -> ToolIndex:
        """One index per distinct catalogue (profiles and scopes give a few), the last kept."""
        from homelab_gateway.ranker import ToolIndex  # the stemmer loads on the first search

        key = tuple(sorted(f"{t.name}\0{t.description}" for t in tools))
        if self._ranker is None or self._ranker[0] != key:
            self._ranker = (key, ToolIndex(tools, self.servers))
        return self._ranker[1]

    async def _get_visible_tools(self, ctx: Context) -> Sequence[Tool]:
        # Pinned tools (status) are listed anyway; search finds them too ("what is configured?").
        return await self.get_tool_catalog(ctx)

    async def _search(self, tools: Sequence[Tool], query: str) -> Sequence[Tool]:
        return self.rank(tools, query, self._max_results)

    def rank(self, tools: Sequence[Tool], query: str, k: int) -> list[Tool]:
        by_name = {t.name: t for t in tools}
        return [by_name[n] for n in self.index(tools).search(query, k)]

    def _make_search_tool(self) -> Tool:
        transform = self

        async def search_tools(
            query: Annotated[str, Field(description="What you want to do, in plain words")],
            limit: Annotated[int, Field(ge=1, le=MAX_RESULTS)] = DEFAULT_RESULTS,
            ctx: Context = None,  # type: ignore[assignment]
        ) -> SearchResult:
            """Find the homelab tools for a task (Home Assistant, Plex, *arr, Kubernetes/ArgoCD/
            S3, TrueNAS, model router): best matches with their argument schemas."""
            tools = await transform._get_visible_tools(ctx)
            found = transform.rank(tools, query, limit)
            return SearchResult(
                tools=[
                    FoundTool(
                        name=t.name,
                        description=(t.description or "").strip(),
                        input_schema=t.parameters,
                    )
                    for t in found
                ],
                hint=f"Run one with {CALL_TOOL}(name=..., arguments={{...}}).",
            )

        return Tool.from_function(
            fn=search_tools,
            name=SEARCH_TOOL,
            annotations=ToolAnnotations(
                read_only_hint=True, idempotent_hint=True, open_world_hint=False
            ),
        )

    def _make_call_tool(self) -> Tool:
        async def call_tool(
            name: Annotated[str, Field(description="A tool name from search_tools")],
            arguments: Annotated[dict[str, Any] | None, Field(description="Its arguments")] = None,
            ctx: Context = None,  # type: ignore[assignment]
        ) -> ToolResult:
            """Run a tool found with search_tools. Safety rules, confirmation and audit apply
            exactly as when it is called directly."""
            if name in (SEARCH_TOOL, CALL_TOOL):
                raise ToolError(f"{name} cannot be called through {CALL_TOOL}; call it directly")
            # Middleware on: the profile gate, then the server's safety gate (see the docstring).
            try:
                return await ctx.fastmcp.call_tool(name, arguments)
            except NotFoundError:  # not a ToolError: it would be masked as "Error calling tool"
                raise ToolError(f"Unknown tool: {name}") from None

        # Whatever it reaches decides for itself; the proxy cannot claim to be read-only.
        return Tool.from_function(
            fn=call_tool,
            name=CALL_TOOL,
            annotations=ToolAnnotations(
                read_only_hint=False, destructive_hint=True, open_world_hint=True
            ),
        )


def apply(gateway: Any, members: Sequence[Member], profiles: Profiles) -> HomelabSearch | None:
    """Install the profile gate and, when any caller may use search mode, the search transform."""
    catalogue = Catalogue(members)
    gateway.add_middleware(ProfileGate(catalogue, profiles))
    if not profiles.uses_search():
        return None
    search = HomelabSearch(profiles, catalogue.servers())
    gateway.add_transform(search)
    return search


def install(
    gateway: Any,
    members: Sequence[Member],
    runtime: RuntimeSettings,
    *,
    mode: ToolsMode | None = None,
    profile: str | None = None,
) -> Profiles:
    """``serve``: load the profiles (``--tools``/``--profile`` over ``HOMELAB_TOOLS``/
    ``HOMELAB_PROFILE``), check the static tokens' profiles, apply them to the gateway."""
    spaces = namespaces(m.spec for m in members)
    profiles = load_profiles(load_settings(GatewayOptions), spaces, mode=mode, profile=profile)
    if runtime.auth_tokens is not None:
        tokens = parse_tokens(runtime.auth_tokens.get_secret_value())
        profiles.check_tokens(t.scopes for t in tokens)
    apply(gateway, members, profiles)
    return profiles
