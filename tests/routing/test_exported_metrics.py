"""Every metric the Grafana dashboard and the alert rules query is one the suite really exports.

Two servers run on real loopback HTTP (routing, with its provider APIs mocked in their real
shapes, and the example server against its real inventory upstream); real MCP clients call
tools that answer, fall back, exhaust a quota and refuse a PII prompt; then each /metrics is
scraped and parsed as Prometheus text, and every name the deploy/ files query must be among the
exported samples.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastmcp import Client, FastMCP
from fastmcp.client.transports import StreamableHttpTransport
from fastmcp.exceptions import ToolError
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from homelab_shared.observability import REGISTRY
from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.toolbox import toolbox_of
from routing_mcp.quota.base import Limits, Usage
from routing_mcp.quota_metrics import record_quota
from routing_mcp.runtime import RoutingRuntime
from tests.deploy.dashboards import all_queries, metric_names, recorded_names
from tests.example.upstream import InventoryServer
from tests.harness.live import live_server
from tests.routing.conftest import Upstreams
from tests.routing.payloads import GEMINI_OVERLOADED
from tests.routing.test_pii_gate import PII_CORPUS

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def scrape(http: httpx.AsyncClient, base: str) -> Samples:
    response = await http.get(f"{base}/metrics")
    assert response.status_code == 200, response.text
    return parse(response.text)


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def served(mcp: FastMCP[Any], runtime: RuntimeSettings) -> Any:
    return live_server(http_app(mcp, [toolbox_of(mcp)], runtime))  # type: ignore[list-item]


async def test_every_metric_the_dashboard_and_alerts_query_is_exported(
    make_routing: Callable[..., tuple[FastMCP[Any], RoutingRuntime]],
    upstreams: Upstreams,
    example_server: Callable[..., FastMCP[Any]],
    inventory: InventoryServer,
    runtime: RuntimeSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upstreams.router.route(host="127.0.0.1").pass_through()  # the servers and the inventory
    monkeypatch.setenv("CLAUDE_HAIKU_DAILY_LIMIT", "1")  # one answer exhausts it: alert, gauge
    routing, rt = make_routing()
    example = example_server()
    with served(routing, runtime) as routing_base, served(example, runtime) as example_base:
        async with Client(StreamableHttpTransport(f"{routing_base}/mcp")) as client:
            local = await client.call_tool("ask", {"prompt": "What is the capital of France?"})
            assert local.structured_content and local.structured_content["model"] == "local-qwen"
            upstreams.gemini.mock(return_value=GEMINI_OVERLOADED)
            note = "Help me write a friendly note to my neighbours"
            fallback = await client.call_tool("ask", {"prompt": note})
            assert fallback.structured_content
            assert fallback.structured_content["model"] == "claude-haiku"
            await client.call_tool("quota_status", {})
            upstreams.ollama.mock(side_effect=httpx.ConnectError("Connection refused"))
            with pytest.raises(ToolError, match="personal data"):
                await client.call_tool("ask", {"prompt": PII_CORPUS[0][0]})
        async with Client(StreamableHttpTransport(f"{example_base}/mcp")) as client:
            await client.call_tool("list_items", {})
            with pytest.raises(ToolError):
                await client.call_tool("get_item", {"item_id": "no-such-item"})
        inventory.stop()  # the example server's upstream goes away: /readyz says so
        async with httpx.AsyncClient(timeout=15) as http:
            assert (await http.get(f"{routing_base}/readyz")).status_code == 200
            assert (await http.get(f"{example_base}/readyz")).status_code == 503
            samples = await scrape(http, routing_base) | await scrape(http, example_base)
    await rt.aclose()

    exported = {name for name, _ in samples}
    queries = all_queries()
    assert len(queries) >= 10
    unknown = {
        where: sorted(metric_names(expr) - exported - recorded_names())
        for where, expr in queries.items()
        if metric_names(expr) - exported - recorded_names()
    }
    assert not unknown, f"queried but not exported by the suite: {unknown}"

    # The new gauges carry what the alerts need, with the values of this run.
    assert value(samples, "routing_quota_used", model="claude-haiku", limit="daily_requests") == 1
    assert value(samples, "routing_quota_limit", model="claude-haiku", limit="daily_requests") == 1
    assert value(samples, "mcp_upstream_ready", server=routing.name) == 1
    assert value(samples, "mcp_upstream_ready", server="Inventory") == 0
    assert (value(samples, "routing_refusals_total", reason="pii_no_local") or 0) >= 1
    assert (
        value(samples, "routing_fallbacks_total", model="gemini-flash", reason="overloaded") or 0
    ) >= 1


def test_a_removed_limit_stops_being_exported() -> None:
    """No quota alert can fire on a limit that no longer exists (set_limit to none)."""

    def exported() -> Samples:
        return parse(generate_latest(REGISTRY).decode())

    record_quota("gauge-test", Limits(daily_requests=10), Usage(requests=3, reserved=2), Usage())
    samples = exported()
    assert value(samples, "routing_quota_used", model="gauge-test", limit="daily_requests") == 5
    assert value(samples, "routing_quota_limit", model="gauge-test", limit="daily_requests") == 10
    assert (
        value(samples, "routing_quota_limit", model="gauge-test", limit="weekly_requests") is None
    )
    record_quota("gauge-test", Limits(), Usage(requests=3), Usage())
    samples = exported()
    assert value(samples, "routing_quota_used", model="gauge-test", limit="daily_requests") is None
    assert value(samples, "routing_quota_limit", model="gauge-test", limit="daily_requests") is None
