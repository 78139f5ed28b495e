"""Import only what runs: what a fresh interpreter has imported when it is about to serve.

Each case runs the real command line (``homelab-mcp serve [NAME]`` or ``python -m <server>``) in
a subprocess whose ``runner.serve`` is replaced by one that prints ``sys.modules`` and returns:
everything up to serving is real (discovery, settings, building the servers).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SERVERS = (
    "home_assistant_mcp",
    "arr_suite_mcp",
    "infrastructure_mcp",
    "plex_mcp",
    "truenas_mcp",
    "routing_mcp",
)
# What a server needs only for calls: loaded by the first call or the start-up warm-up.
HEAVY = ("plexapi", "kubernetes", "minio", "presidio_analyzer", "spacy", "numpy", "redis")
# What the gateway reads of a server it does not serve.
METADATA = {"", ".spec", ".settings"}

SCRIPT = """
import json, runpy, sys
import homelab_shared.runner as runner

def serve(mcp, *args, **kwargs):
    print(json.dumps(sorted(sys.modules)))

runner.serve = serve
command = json.loads(sys.argv[1])
sys.argv = command
if command[0] == "homelab-mcp":
    from homelab_gateway.cli import main
    try:
        main(command[1:])
    except SystemExit as done:
        assert not done.code, done.code
else:
    runpy.run_module(command[0], run_name="__main__")
"""


def modules_when_serving(command: list[str], tmp_path: Path, **settings: str) -> set[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "HOMELAB_STATE_DIR": str(tmp_path / "state"),
        "FASTMCP_SHOW_SERVER_BANNER": "false",
        "FASTMCP_CHECK_FOR_UPDATES": "off",
        **settings,
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(command)],
        env=env,
        cwd=tmp_path,  # no .env of the developer's
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def of_package(modules: set[str], package: str) -> set[str]:
    """The package's modules as suffixes: {"", ".spec", ".server", ...}."""
    return {m[len(package) :] for m in modules if m == package or m.startswith(package + ".")}


HA = {"HA_URL": "http://127.0.0.1:9", "HA_TOKEN": "not-a-real-token-0123456789"}


def test_the_gateway_reads_only_the_spec_of_a_server_that_is_not_configured(
    tmp_path: Path,
) -> None:
    modules = modules_when_serving(["homelab-mcp", "serve", "--transport", "stdio"], tmp_path, **HA)
    assert ".server" in of_package(modules, "home_assistant_mcp")  # configured: built
    assert ".server" in of_package(modules, "routing_mcp")  # needs no setting: built
    for package in ("arr_suite_mcp", "infrastructure_mcp", "plex_mcp", "truenas_mcp"):
        assert of_package(modules, package) <= METADATA, package
    assert not [m for m in HEAVY if m in modules]


def test_serve_name_builds_only_that_server(tmp_path: Path) -> None:
    command = ["homelab-mcp", "serve", "home-assistant", "--transport", "stdio"]
    modules = modules_when_serving(command, tmp_path, **HA)
    assert ".server" in of_package(modules, "home_assistant_mcp")
    for package in SERVERS[1:]:  # routing too, though it would be mounted by the gateway
        assert of_package(modules, package) <= METADATA, package
    assert not [m for m in HEAVY if m in modules]


@pytest.mark.parametrize(
    ("package", "settings"),
    [
        ("home_assistant_mcp", HA),
        ("plex_mcp", {"PLEX_URL": "http://127.0.0.1:9", "PLEX_TOKEN": "plex-token-0123456789"}),
        (
            "infrastructure_mcp",
            {
                "ARGOCD_URL": "http://127.0.0.1:9",
                "ARGOCD_TOKEN": "argocd-token-0123",
                "MINIO_ENDPOINT": "127.0.0.1:9",
                "MINIO_ACCESS_KEY": "access-key",
                "MINIO_SECRET_KEY": "secret-key-0123456789",
            },
        ),
        ("routing_mcp", {}),
    ],
)
def test_python_m_imports_that_server_alone(
    package: str, settings: dict[str, str], tmp_path: Path
) -> None:
    modules = modules_when_serving([package, "--transport", "stdio"], tmp_path, **settings)
    assert ".server" in of_package(modules, package)
    others = [p for p in SERVERS if p != package and of_package(modules, p)]
    assert others == []
    assert not of_package(modules, "homelab_gateway")
    assert not [m for m in HEAVY if m in modules]
