"""RSS added by importing modules one after another in a fresh interpreter.

``python -m bench.importmem fastmcp homelab_shared.runner routing_mcp.server`` prints one JSON
object: per module, the MiB it added, the RSS after it, and the top-level packages it pulled in.
The benchmark uses it to attribute the gateway's memory to the servers it mounts.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections import Counter
from pathlib import Path


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(modules: list[str]) -> None:
    out: dict[str, object] = {"start_mib": round(rss_mib(), 1)}
    rows = []
    prev = rss_mib()
    for name in modules:
        before = set(sys.modules)
        try:
            importlib.import_module(name)
            error = None
        except Exception as err:
            error = f"{type(err).__name__}: {err}"
        now = rss_mib()
        tops = Counter(m.split(".")[0] for m in set(sys.modules) - before)
        rows.append(
            {
                "module": name,
                "added_mib": round(now - prev, 1),
                "rss_mib": round(now, 1),
                "packages": [p for p, _ in tops.most_common(6)],
                "error": error,
            }
        )
        prev = now
    out["modules"] = rows
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
