"""Real peers for the tests: where they are installed, and how a missing one is reported.

Peers are installed by `.ci/peers/*.sh` under `.peers/` at the project root (or
`$HOMELAB_PEERS_DIR`). A test whose peer is missing is skipped with the reason; with
`REQUIRE_PEERS=1` (CI) it fails instead,
so a green CI run always means the real-peer suites ran.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEERS_DIR = Path(os.environ.get("HOMELAB_PEERS_DIR", ROOT / ".peers"))
SPECS_DIR = ROOT.parent / "shared" / "specs"


def peers_required() -> bool:
    return os.environ.get("REQUIRE_PEERS", "") not in ("", "0", "false")


def missing(reason: str) -> None:
    """Skip the current test because a peer is missing, or fail when peers are required."""
    if peers_required():
        pytest.fail(f"required peer missing (REQUIRE_PEERS=1): {reason}", pytrace=False)
    pytest.skip(reason)


def spec_path(name: str) -> Path:
    """An official OpenAPI spec of ``../shared/specs``; a missing one is a missing peer: skipped
    with where to get it, a failure under REQUIRE_PEERS=1."""
    path = SPECS_DIR / name
    if not path.is_file():
        missing(
            f"{path} not found: the official upstream specs live in the team handbook, which "
            f"must sit beside this checkout as {SPECS_DIR.parent} (its specs/ folder); put it "
            "there (.ci/run refuses to start without it)"
        )
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
