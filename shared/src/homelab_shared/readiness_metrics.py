"""The readiness of each server's upstream as a gauge, refreshed by every ``/readyz`` probe.

Kubernetes' readiness probe (the chart) calls ``/readyz`` every few seconds, so the gauge follows
the upstreams without a probe of its own at scrape time (probes are async and may take up to
READY_TIMEOUT; a scrape must stay cheap). It feeds the "upstream not ready" alert.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from homelab_shared import metrics
from homelab_shared.toolbox import Readiness, Toolbox

UPSTREAM_READY = metrics.gauge(
    "mcp_upstream_ready",
    "1 if the server's upstream was reachable and authenticated at the last /readyz, else 0",
    ["server"],
)
READY_CHECKED = metrics.gauge(
    "mcp_upstream_ready_checked_timestamp_seconds",
    "When /readyz last probed the server's upstream (Unix time)",
    ["server"],
)


def record_readiness(boxes: Sequence[Toolbox], results: Sequence[Readiness]) -> None:
    now = time.time()
    for box, result in zip(boxes, results, strict=True):
        UPSTREAM_READY.labels(box.name).set(1 if result.ok else 0)
        READY_CHECKED.labels(box.name).set(now)
