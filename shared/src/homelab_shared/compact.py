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
from fastmcp.tools.base import Tool

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
