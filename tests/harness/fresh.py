"""A script in a fresh interpreter with a clean environment: what it imports is its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def clean_env(tmp_path: Path, settings: Mapping[str, str]) -> dict[str, str]:
    """Only PATH, HOME, a state dir in ``tmp_path``, quiet FastMCP and ``settings``."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "HOMELAB_STATE_DIR": str(tmp_path / "state"),
        "FASTMCP_SHOW_SERVER_BANNER": "false",
        "FASTMCP_CHECK_FOR_UPDATES": "off",
        **settings,
    }


def run_script(
    script: str,
    tmp_path: Path,
    settings: Mapping[str, str],
    args: Sequence[str] = (),
    timeout: float = 120,
) -> Any:
    """Run ``script`` (``python -c``) in ``tmp_path`` (no developer's ``.env``) with only PATH,
    HOME, a state dir, quiet FastMCP and ``settings`` set; the JSON of its last output line."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=clean_env(tmp_path, settings),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
