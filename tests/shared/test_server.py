"""Errors, lean output, size cap, logs and metrics through an in-memory MCP client."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from homelab_shared.observability import REGISTRY, JsonFormatter
from homelab_shared.output import Page
from tests.conftest import API_KEY
from tests.example.server import Item
from tests.example.upstream import InventoryServer
from tests.harness import structured


def metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_pagination_reports_total_and_next_offset(ro_client: Client[Any]) -> None:
    result = await ro_client.call_tool("list_items", {"limit": 7, "offset": 21})
    page = Page[Item].model_validate(result.structured_content)
    assert [i.id for i in page.items] == [f"item-{n}" for n in range(22, 29)]
    assert (page.total, page.truncated, page.next_offset) == (30, True, 28)
    last = Page[Item].model_validate(
        structured(await ro_client.call_tool("list_items", {"limit": 7, "offset": 28}))
    )
    assert [i.id for i in last.items] == ["item-29", "item-30"]
    assert (last.truncated, last.next_offset) == (False, None)


async def test_detail_level_controls_fields(ro_client: Client[Any]) -> None:
    summary = await ro_client.call_tool("list_items", {"limit": 1})
    full = await ro_client.call_tool("list_items", {"limit": 1, "detail": "full"})
    assert structured(summary)["items"][0]["notes"] is None
    assert structured(full)["items"][0]["notes"] == "x" * 40


async def test_bad_input_is_rejected_before_the_upstream(
    ro_client: Client[Any], inventory: InventoryServer
) -> None:
    with pytest.raises(ToolError, match="limit"):
        await ro_client.call_tool("list_items", {"limit": 0})
    with pytest.raises(ToolError):
        await ro_client.call_tool("get_item", {"item_id": "../etc/passwd"})
    assert inventory.requests == []


async def test_not_found_is_actionable(ro_client: Client[Any]) -> None:
    with pytest.raises(
        ToolError, match=r"^Inventory: not found \(HTTP 404 on GET /api/items/nope\)$"
    ):
        await ro_client.call_tool("get_item", {"item_id": "nope"})


async def test_wrong_key_names_the_variable_and_never_the_key(example_server: Any) -> None:
    async with Client(example_server(api_key="wrong-key-abcdef")) as client:
        with pytest.raises(ToolError) as err:
            await client.call_tool("get_item", {"item_id": "item-1"})
    assert "check EXAMPLE_API_KEY".lower() in str(err.value).lower()
    assert "wrong-key-abcdef" not in str(err.value)
    assert API_KEY not in str(err.value)


async def test_unexpected_exceptions_are_masked(
    ro_client: Client[Any], inventory: InventoryServer
) -> None:
    inventory.items["item-1"] = {"id": "item-1"}  # upstream drifted: fields missing
    with pytest.raises(ToolError) as err:
        await ro_client.call_tool("get_item", {"item_id": "item-1"})
    assert "validation error" not in str(err.value).lower()
    assert "name" not in str(err.value)


async def test_result_size_cap_gives_a_continuation_hint(ro_client: Client[Any]) -> None:
    small = await ro_client.call_tool("dump_everything", {"copies": 10})
    assert len(small.content[0].text) == 10_000  # type: ignore[union-attr]
    with pytest.raises(ToolError, match=r"over this server's cap of 60,000.*smaller limit"):
        await ro_client.call_tool("dump_everything", {"copies": 100})


async def test_metrics_count_calls_errors_and_latency(ro_client: Client[Any]) -> None:
    calls = metric("mcp_tool_calls_total", server="Inventory", tool="get_item")
    errors = metric(
        "mcp_tool_errors_total", server="Inventory", tool="get_item", error_class="not_found"
    )
    seen = metric("mcp_tool_duration_seconds_count", server="Inventory", tool="get_item")
    await ro_client.call_tool("get_item", {"item_id": "item-1"})
    with pytest.raises(ToolError):
        await ro_client.call_tool("get_item", {"item_id": "missing"})
    assert metric("mcp_tool_calls_total", server="Inventory", tool="get_item") == calls + 2
    assert (
        metric(
            "mcp_tool_errors_total", server="Inventory", tool="get_item", error_class="not_found"
        )
        == errors + 1
    )
    assert (
        metric("mcp_tool_duration_seconds_count", server="Inventory", tool="get_item") == seen + 2
    )


async def test_call_log_has_no_arguments_or_payload(
    ro_client: Client[Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="homelab.calls"):
        await ro_client.call_tool("get_item", {"item_id": "item-9"})
    [record] = [r for r in caplog.records if r.name == "homelab.calls"]
    line = json.loads(JsonFormatter().format(record))
    assert line["tool"] == "get_item" and line["outcome"] == "ok" and line["client_id"] == "local"
    assert "duration_ms" in line
    assert "item-9" not in json.dumps(line) and "Widget" not in json.dumps(line)


def test_json_log_scrubs_registered_secrets() -> None:
    from homelab_shared.redact import register_secret

    register_secret("very-secret-token-77")
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "failed with %s", ("very-secret-token-77",), None
    )
    assert "very-secret-token-77" not in JsonFormatter().format(record)
