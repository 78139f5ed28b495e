"""Smaller tool schemas in tools/list: every tool definition is paid for in tokens on each turn.

Pydantic writes an optional field as ``{"anyOf": [X, {"type": "null"}], "default": null}``.
Inputs: an optional parameter becomes plain ``X``, left out of ``required`` (the server still
accepts null). Outputs: clients validate results against the schema and some models (``Page``)
do send null, so a simple ``X`` becomes ``{"type": [T, "null"]}`` instead. Listing only: the server
validates calls and results against its own full models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mcp_types as mt
from fastmcp.server.middleware import CallNext, Middleware, MiddlewareContext
from fastmcp.tools.base import Tool

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


class CompactSchemas(Middleware):
    async def on_list_tools(
        self,
        context: MiddlewareContext[mt.ListToolsRequest],
        call_next: CallNext[mt.ListToolsRequest, Sequence[Tool]],
    ) -> Sequence[Tool]:
        tools = await call_next(context)
        return [
            tool.model_copy(
                update={
                    "parameters": compact(tool.parameters),
                    "output_schema": compact(tool.output_schema, keep_null=True),
                }
            )
            for tool in tools
        ]
