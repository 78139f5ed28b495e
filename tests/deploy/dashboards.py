"""The Grafana dashboards and Prometheus rules under deploy/, and the metric names they query.

PromQL is not parsed fully: strings, label matchers, ranges and grouping clauses are removed,
then every identifier that is not a function call, keyword or number is a metric name. That is
enough for the expressions a dashboard holds, and ``test_metric_names_are_extracted`` pins it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
GRAFANA = ROOT / "deploy" / "grafana"
PROMETHEUS = ROOT / "deploy" / "prometheus"

_STRINGS = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGES = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_LABEL_VALUES = re.compile(r"\blabel_values\(\s*([^,)]+?)\s*(?:,[^)]*)?\)")
_IDENT = re.compile(r"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*")
_KEYWORDS = frozenset(
    {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless"}
    | {"bool", "offset", "inf", "nan", "Inf", "NaN"}
)


def metric_names(expr: str) -> set[str]:
    text = _LABEL_VALUES.sub(r"\1", expr)  # Grafana's label_values(metric, label)
    for pattern in (_STRINGS, _MATCHERS, _RANGES, _GROUPING):
        text = pattern.sub(" ", text)
    names = set()
    for m in _IDENT.finditer(text):
        rest = text[m.end() :].lstrip()
        if m.group() in _KEYWORDS or rest.startswith("("):
            continue
        names.add(m.group())
    return names


def dashboard_files() -> list[Path]:
    return sorted(GRAFANA.glob("*.json"))


def rule_files() -> list[Path]:
    return sorted(p for p in PROMETHEUS.glob("*.yaml") if not p.name.endswith(".test.yaml"))


@cache
def load_dashboard(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    """Every panel, those nested in collapsed rows included."""
    found = []
    for panel in dashboard.get("panels", []):
        found.append(panel)
        found.extend(panel.get("panels", []))
    return found


def dashboard_queries(dashboard: dict[str, Any]) -> dict[str, str]:
    """Where -> PromQL, for every panel target and query variable."""
    queries = {}
    for panel in panels(dashboard):
        for target in panel.get("targets", []):
            queries[f"panel '{panel['title']}' {target['refId']}"] = target["expr"]
    for var in dashboard.get("templating", {}).get("list", []):
        if var["type"] == "query":
            query = var["query"]
            queries[f"variable {var['name']}"] = (
                query["query"] if isinstance(query, dict) else query
            )
    return queries


def rule_queries() -> dict[str, str]:
    queries = {}
    for path in rule_files():
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
            for rule in group["rules"]:
                name = rule.get("alert") or rule["record"]
                queries[f"{path.name}: {name}"] = rule["expr"]
    return queries


def all_queries() -> dict[str, str]:
    queries = rule_queries()
    for path in dashboard_files():
        queries.update(
            {f"{path.name}: {k}": v for k, v in dashboard_queries(load_dashboard(path)).items()}
        )
    return queries


def recorded_names() -> set[str]:
    """Series that recording rules make (queried, but not exported by a server)."""
    names = set()
    for path in rule_files():
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
            names.update(rule["record"] for rule in group["rules"] if "record" in rule)
    return names
