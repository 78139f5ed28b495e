"""The Grafana dashboard is importable and covers the suite; the alert rules pass promtool.

Whether every metric queried here is one the suite really exports is checked against a live
server's /metrics in tests/routing/test_exported_metrics.py.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.deploy.dashboards import (
    PROMETHEUS,
    all_queries,
    dashboard_files,
    dashboard_queries,
    load_dashboard,
    metric_names,
    panels,
    rule_files,
    rule_queries,
)
from tests.peers import missing


@pytest.mark.parametrize(
    ("expr", "names"),
    [
        (
            'sum by (server) (rate(mcp_tool_calls_total{server=~"$server"}[$__rate_interval]))',
            {"mcp_tool_calls_total"},
        ),
        (
            "histogram_quantile(0.95, sum by (le) (rate(mcp_tool_duration_seconds_bucket[5m])))",
            {"mcp_tool_duration_seconds_bucket"},
        ),
        (
            "routing_quota_used / (routing_quota_limit > 0) >= 0.8 < 1",
            {"routing_quota_used", "routing_quota_limit"},
        ),
        ("a_total * on (job) group_left (x) b_info unless c offset 1h", {"a_total", "b_info", "c"}),
        ("label_values(mcp_tool_calls_total, server)", {"mcp_tool_calls_total"}),
        ('sum(increase(x_total{reason="by(y) z"}[1h])) > 1e3', {"x_total"}),
    ],
)
def test_metric_names_are_extracted(expr: str, names: set[str]) -> None:
    assert metric_names(expr) == names


def test_there_is_a_dashboard_and_a_rule_file() -> None:
    assert dashboard_files(), "no Grafana dashboard under deploy/grafana"
    assert rule_files(), "no Prometheus rules under deploy/prometheus"


def test_the_dashboard_is_importable() -> None:
    for path in dashboard_files():
        dash = load_dashboard(path)
        for key in ("title", "uid", "schemaVersion", "panels", "templating"):
            assert key in dash, f"{path.name}: no {key}"
        assert "id" not in dash or dash["id"] is None, f"{path.name}: a fixed id breaks import"
        variables = {v["name"]: v for v in dash["templating"]["list"]}
        assert variables["datasource"]["type"] == "datasource"
        assert variables["datasource"]["query"] == "prometheus"
        ids = [p["id"] for p in panels(dash)]
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate panel ids"
        for panel in panels(dash):
            grid = panel["gridPos"]
            assert grid["x"] + grid["w"] <= 24, f"{panel['title']} is wider than the grid"
            if panel["type"] == "row":
                continue
            assert panel.get("description"), f"{panel['title']} has no description"
            assert panel["targets"], f"{panel['title']} queries nothing"
            for target in [panel, *panel["targets"]]:
                # Every query goes to the data source the importer picks, none to a fixed uid.
                assert target["datasource"] == {"type": "prometheus", "uid": "${datasource}"}


def test_the_dashboard_shows_what_the_issue_asks_for() -> None:
    used: set[str] = set()
    for path in dashboard_files():
        for expr in dashboard_queries(load_dashboard(path)).values():
            used |= metric_names(expr)
    wanted = {
        "calls": {"mcp_tool_calls_total"},
        "errors by class": {"mcp_tool_errors_total"},
        "latency": {"mcp_tool_duration_seconds_bucket"},
        "routing spend per model": {"routing_cost_usd_total"},
        "quota per model": {"routing_quota_used", "routing_quota_limit"},
        "fallbacks": {"routing_fallbacks_total"},
        "PII refusals": {"routing_refusals_total"},
        "upstream readiness": {"mcp_upstream_ready"},
    }
    lacking = [topic for topic, names in wanted.items() if not names <= used]
    assert not lacking, f"the dashboard shows nothing for {lacking}"
    pii = [e for e in all_queries().values() if 'reason="pii_no_local"' in e]
    assert pii, "no panel counts PII refusals (routing_refusals_total{reason='pii_no_local'})"


def test_the_alerts_cover_quota_errors_and_readiness() -> None:
    queries = rule_queries()
    used = {name for expr in queries.values() for name in metric_names(expr)}
    assert {"routing_quota_used", "routing_quota_limit"} <= used, "no quota alert"
    assert {"mcp_tool_errors_total", "mcp_tool_calls_total"} <= used, "no error-rate alert"
    assert "mcp_upstream_ready" in used, "no upstream-readiness alert"


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    promtool = shutil.which("promtool")
    if promtool is None:
        missing("promtool not found: bash .ci/peers/prometheus.sh (Debian package prometheus)")
        raise AssertionError("unreachable")
    return subprocess.run(
        [promtool, *args], cwd=PROMETHEUS, capture_output=True, text=True, timeout=60, check=False
    )


def test_promtool_checks_the_rules() -> None:
    result = _promtool("check", "rules", *(p.name for p in rule_files()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_the_alerts_fire_when_they_should() -> None:
    """promtool's rule unit tests: each alert fires on a series that should trigger it and stays
    quiet on one that should not (e.g. caller mistakes do not raise the error-rate alert)."""
    tests = sorted(p.name for p in PROMETHEUS.glob("*.test.yaml"))
    assert tests, "no promtool rule tests"
    result = _promtool("test", "rules", *tests)
    assert result.returncode == 0, result.stdout + result.stderr
