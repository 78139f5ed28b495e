"""``homelab-mcp`` that skips installed servers whose entry point cannot be imported.

Only a fallback for the benchmark: while a server is half-written in the workspace its entry
point may name a module that does not exist yet, and the real gateway then refuses to start.
The benchmark reports when it had to use this, and which entry points it skipped.

``python -m bench.gateway_tolerant serve --transport http``
"""

from __future__ import annotations

import sys
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import homelab_shared.spec as spec_module
from homelab_shared.spec import ENTRY_POINT_GROUP


def loadable_entry_points(**kwargs: Any) -> list[EntryPoint]:
    good = []
    for ep in entry_points(**kwargs):
        try:
            ep.load()
        except Exception as err:
            print(f"bench: skipping entry point {ep.name} ({ep.value}): {err}", file=sys.stderr)
            continue
        good.append(ep)
    return good


def broken_entry_points() -> list[str]:
    broken = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as err:
            broken.append(f"{ep.name} ({ep.value}): {type(err).__name__}: {err}")
    return broken


def main() -> None:
    spec_module.entry_points = loadable_entry_points  # type: ignore[assignment]
    from homelab_gateway.cli import main as gateway_main

    gateway_main(sys.argv[1:])


if __name__ == "__main__":
    main()
