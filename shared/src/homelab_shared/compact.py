"""Smaller tool schemas in tools/list: every tool definition is paid for in tokens on each turn.

Pydantic writes an optional field as ``{"anyOf": [X, {"type": "null"}], "default": null}``.
Inputs: an optional parameter becomes plain ``X``, left out of ``required`` (the server still
accepts null), the top level's ``additionalProperties: false`` goes (unknown arguments are
still refused by the server; the listed properties already tell a model which exist), and so
does every ``additionalProperties: true`` (the default). Outputs: clients validate results
against the schema and some models (``Page``) do send null, so a simple ``X`` becomes
``{"type": [T, "null"]}`` instead. Listing only: the server
validates calls and results against its own full models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mcp_types as mt
from fastmcp.server.middleware import CallNext, MiddlewareContext
from fastmcp.server.middleware.dereference import (
    DereferenceRefsMiddleware,
    _has_ref,  # pyright: ignore[reportPrivateUsage]
)
from fastmcp.tools.base import Tool
from fastmcp.utilities.json_schema import dereference_refs

from homelab_shared.middleware import CallFastPath

NULL = {"type": "null"}


def compact(schema: Any, *, keep_null: bool = False) -> Any:
    """The schema with every ``anyOf [X, null]`` defaulting to null made shorter (see above)."""
    if isinstance(schema, list):
        return [compact(item, keep_null=keep_null) for item in schema]
    if not isinstance(schema, dict):
        return schema
    options = schema.get("anyOf")
    if (
        isinstance(options, list)
        and len(options) == 2
        and NULL in options
        and "default" in schema
        and schema["default"] is None
    ):
        other = options[0] if options[1] == NULL else options[1]
        simple = isinstance(other.get("type"), str)
        if not keep_null or simple:
            rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
            schema = {**other, **rest}
            if keep_null:
                schema["type"] = [other["type"], "null"]
    return {key: compact(value, keep_null=keep_null) for key, value in schema.items()}


class CompactSchemas(CallFastPath):  # tools/call passes straight through
    async def on_list_tools(
        self,
        context: MiddlewareContext[mt.ListToolsRequest],
        call_next: CallNext[mt.ListToolsRequest, Sequence[Tool]],
    ) -> Sequence[Tool]:
        tools = await call_next(context)
        return [
            tool.model_copy(
                update={
                    "parameters": _closed_implied(compact(tool.parameters)),
                    "output_schema": compact(tool.output_schema, keep_null=True),
                }
            )
            for tool in tools
        ]


def _closed_implied(schema: Any) -> Any:
    if isinstance(schema, dict) and schema.get("additionalProperties") is False:
        schema = {k: v for k, v in schema.items() if k != "additionalProperties"}
    return _open_default(schema)


def _open_default(schema: Any) -> Any:
    """``additionalProperties: true`` is JSON Schema's default: saying it costs tokens only."""
    if isinstance(schema, list):
        return [_open_default(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        k: _open_default(v)
        for k, v in schema.items()
        if not (k == "additionalProperties" and v is True)
    }


class InlinedRefs(DereferenceRefsMiddleware):
    """FastMCP's ``$ref`` inlining of tools/list schemas (``dereference_schemas``, on by
    default), done once per schema instead of on every list: it was most of a listing's CPU
    (the gateway's: ~0.2 s a list, every list). Same function, same input, same output; a tool's
    schema dicts live as long as the tool, so they key the memo (held, so an id is never
    reused). Resource templates are left to FastMCP's own code."""

    LIMIT = 4096  # schemas remembered; more means something makes new dicts per list: start over

    def __init__(self) -> None:
        self._inlined: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}

    def seed(self, schema: dict[str, Any], inlined: dict[str, Any]) -> None:
        """What inlining ``schema`` gives, known already (the schema cache stores it)."""
        self._inlined[id(schema)] = (schema, inlined)

    def inline(self, schema: dict[str, Any]) -> dict[str, Any]:
        known = self._inlined.get(id(schema))
        if known is not None and known[0] is schema:
            return known[1]
        if len(self._inlined) >= self.LIMIT:
            self._inlined.clear()
        inlined = inline_refs(schema)
        self._inlined[id(schema)] = (schema, inlined)
        return inlined

    async def on_list_tools(
        self,
        context: MiddlewareContext[mt.ListToolsRequest],
        call_next: CallNext[mt.ListToolsRequest, Sequence[Tool]],
    ) -> Sequence[Tool]:
        return [self._tool(tool) for tool in await call_next(context)]

    def _tool(self, tool: Tool) -> Tool:
        updates: dict[str, Any] = {}
        parameters = self.inline(tool.parameters)
        if parameters is not tool.parameters:
            updates["parameters"] = parameters
        if tool.output_schema is not None:
            output = self.inline(tool.output_schema)
            if output is not tool.output_schema:
                updates["output_schema"] = output
        return tool.model_copy(update=updates) if updates else tool


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` as FastMCP's ``DereferenceRefsMiddleware`` lists it (the same dict when it
    has no ``$ref``)."""
    if "$defs" in schema or _has_ref(schema):
        return dereference_refs(schema)
    return schema
