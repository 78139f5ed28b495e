"""The standard middleware every server gets: observability, safety gate + audit, size cap."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import mcp_types as mt
from fastmcp.exceptions import FastMCPError, ToolError, ValidationError
from fastmcp.server.dependencies import get_access_token
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools.base import Tool, ToolResult
from pydantic import ValidationError as PydanticValidationError

from homelab_shared.auth import WRITE_SCOPE, caller_id
from homelab_shared.confirm import ConfirmationRefused
from homelab_shared.errors import SafetyRefusal, error_class
from homelab_shared.observability import CALLS, TOOL_CALLS, TOOL_ERRORS, TOOL_LATENCY, log_call
from homelab_shared.output import too_large_message
from homelab_shared.redact import scrub

if TYPE_CHECKING:
    from homelab_shared.toolbox import Toolbox


class CallFastPath(Middleware):
    """A middleware whose tools/call hook runs without FastMCP's generic dispatch.

    ``Middleware.__call__`` builds three closures and runs ``on_message`` → ``on_request`` → the
    typed hook for every message; each server has five middlewares, so a tool call paid for
    fifteen pass-through frames and fifteen closures before reaching the tool. A subclass of this
    goes straight to ``on_call_tool`` (it must not override ``on_message``/``on_request``, which
    it skips for tools/call). The outer pass FastMCP runs for a request that failed before
    dispatch carries the raw params (a dict, not ``CallToolRequestParams``): that one, and every
    other method, take the generic path."""

    async def __call__(self, context: MiddlewareContext[Any], call_next: CallNext[Any, Any]) -> Any:
        if context.method == "tools/call" and isinstance(context.message, CallParams):
            return await self.on_call_tool(context, call_next)
        return await super().__call__(context, call_next)


CallParams = mt.CallToolRequestParams


def current_client_id() -> str:
    """The caller's qualified id (``static:<client>``, ``jwt:<iss>:<sub>``; ``local`` for stdio
    and in-memory), see :func:`homelab_shared.auth.caller_id`."""
    try:
        token = get_access_token()
    except RuntimeError:
        token = None
    return caller_id(token)


def _has_write_scope() -> bool:
    try:
        token = get_access_token()
    except RuntimeError:
        return True
    return token is None or WRITE_SCOPE in token.scopes


class ObservabilityMiddleware(CallFastPath):
    def __init__(self, server: str) -> None:
        self.server = server
        self._metrics: dict[str, tuple[Any, Any]] = {}

    def _for(self, tool: str) -> tuple[Any, Any]:
        found = self._metrics.get(tool)
        if found is None:  # .labels() costs a lock and a dict build: once per tool
            found = (TOOL_CALLS.labels(self.server, tool), TOOL_LATENCY.labels(self.server, tool))
            self._metrics[tool] = found
        return found

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        tool = context.message.name
        start = time.perf_counter()
        outcome, label = "ok", ""
        try:
            result = await call_next(context)
            if result.is_error:
                outcome, label = "error", "tool_error"
            return result
        except Exception as err:
            outcome, label = "error", error_class(err)
            raise
        finally:
            elapsed = time.perf_counter() - start
            calls, latency = self._for(tool)
            calls.inc()
            latency.observe(elapsed)
            if label:
                TOOL_ERRORS.labels(self.server, tool, label).inc()
            if CALLS.isEnabledFor(logging.INFO):
                log_call(self.server, tool, current_client_id(), elapsed, outcome, label or None)


class SafetyMiddleware(CallFastPath):
    """Hides and refuses write/destructive tools unless enabled; checks scope; audits every
    decision about them (refusals included); scrubs secrets from every error message.

    A tool the toolbox did not register has no known class: it is hidden and refused (default
    deny), since nothing proves it is confined to reading.
    """

    def __init__(self, toolbox: Toolbox) -> None:
        self.toolbox = toolbox

    def _visible(self, name: str, write_scope: bool) -> bool:
        cls = self.toolbox.classes.get(name)
        if cls is None:
            return False
        return cls == "read" or (self.toolbox.enabled(cls) and write_scope)

    async def on_list_tools(
        self,
        context: MiddlewareContext[mt.ListToolsRequest],
        call_next: CallNext[mt.ListToolsRequest, Sequence[Tool]],
    ) -> Sequence[Tool]:
        tools = await call_next(context)
        write_scope = _has_write_scope()
        return [t for t in tools if self._visible(t.name, write_scope)]

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        try:
            return await self._gate(context, call_next)
        except FastMCPError as err:
            # These messages reach the client (mask_error_details spares them) and may quote an
            # argument (validation errors print input values) or an upstream body: registered
            # secrets are scrubbed from them.
            err.args = tuple(scrub(a) if isinstance(a, str) else a for a in err.args)
            raise
        except PydanticValidationError as err:
            raise ValidationError(scrub(str(err))) from None

    async def _gate(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        name = context.message.name
        cls = self.toolbox.classes.get(name)
        if cls == "read":
            return await call_next(context)
        arguments: dict[str, Any] = dict(context.message.arguments or {})
        client_id = current_client_id()

        def refuse(outcome: str, message: str) -> ToolError:
            self.toolbox.audit(client_id, name, arguments, f"refused:{outcome}")
            return ToolError(message)

        if cls is None:
            raise refuse("unknown_tool", f"Unknown tool: {name}")
        if not self.toolbox.enabled(cls):
            raise refuse("disabled", self.toolbox.disabled_message(name, cls))
        if not _has_write_scope():
            raise refuse(
                "no_write_scope",
                f"{name} changes state and your access token lacks the '{WRITE_SCOPE}' scope; "
                "ask the operator for a token with it.",
            )
        try:
            result = await call_next(context)
        except ConfirmationRefused as err:
            self.toolbox.audit(client_id, name, arguments, f"refused:confirm_{err.reason}")
            raise
        except SafetyRefusal:  # judged destructive by the server: an attack or a misjudged write
            self.toolbox.audit(client_id, name, arguments, "refused:sensitive")
            raise
        except Exception as err:
            self.toolbox.audit(client_id, name, arguments, f"error:{error_class(err)}")
            raise
        outcome = "ok"
        if result.is_error:
            outcome = "error:tool_error"
        elif _is_preview(result):
            outcome = "preview"
        self.toolbox.audit(client_id, name, arguments, outcome)
        return result


def _is_preview(result: ToolResult) -> bool:
    data = result.structured_content or {}
    inner = data.get("result", data) if isinstance(data, dict) else {}
    return isinstance(inner, dict) and inner.get("status") == "confirmation_required"


class SizeCapMiddleware(CallFastPath):
    """Refuse to return giant payloads; tell the model how to ask for less."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars

    async def on_call_tool(
        self,
        context: MiddlewareContext[mt.CallToolRequestParams],
        call_next: CallNext[mt.CallToolRequestParams, ToolResult],
    ) -> ToolResult:
        result = await call_next(context)
        size = sum(len(getattr(block, "text", "") or "") for block in result.content)
        if size == 0 and result.structured_content is not None:  # text usually mirrors it
            size = len(json.dumps(result.structured_content, default=str))
        if size > self.max_chars:
            raise ToolError(too_large_message(context.message.name, size, self.max_chars))
        return result
