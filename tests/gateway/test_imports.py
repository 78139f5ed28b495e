"""Import only what runs: what a fresh interpreter has imported when it is about to serve.

Each case runs the real command line (``homelab-mcp serve [NAME]`` or ``python -m <server>``) in
a subprocess whose ``runner._run`` (the transport's loop) is replaced by one that prints
``sys.modules`` and returns: everything up to serving is real (discovery, settings, building the
servers, auth, routes and middleware of ``runner.serve``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.harness.fresh import run_script

SERVERS = (
    "home_assistant_mcp",
    "arr_suite_mcp",
    "infrastructure_mcp",
    "plex_mcp",
    "truenas_mcp",
    "routing_mcp",
)
# What a server needs only for calls: loaded by the first call or the start-up warm-up.
HEAVY = ("plexapi", "kubernetes", "minio", "phonenumbers", "regex", "spacy", "numpy", "redis")
# What only a call, a connection or an HTTP scrape uses: loaded then, or by the start-up work (a
# server served alone does it before its first answer, the gateway after its first tools/list),
# never while the command builds what it serves, over any transport.
LAZY = (
    "prometheus_client",  # metrics: made by the first recorded value or /metrics scrape
    "sqlite3",  # the confirmation nonce store: opened by the first confirmed call
    "rapidfuzz",  # Home Assistant's fuzzy search
    "PIL",  # Home Assistant's camera snapshots
    "websockets",  # Home Assistant and TrueNAS: the first connection
    "ollama",  # routing: the first prompt sent to a local model (the probe is plain httpx)
)
# Routing keeps its quota in SQLite (opened at start, used by every routed request): a server
# with routing in it loads sqlite3 for that, not for the nonce store.
ROUTING_LAZY = tuple(m for m in LAZY if m != "sqlite3")
# FastMCP's JWT verifier (joserfc's JWT and JWE): only over HTTP with HOMELAB_JWT_* set.
JWT = ("fastmcp.server.auth.providers.jwt", "joserfc.jwt", "joserfc.jwe")
# What the gateway reads of a server it does not serve.
METADATA = {"", ".spec", ".settings"}

SCRIPT = """
import json, runpy, sys
import homelab_shared.runner as runner

def run(mcp, *args, **kwargs):
    print(json.dumps(sorted(sys.modules)))

runner._run = run
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
    return set(run_script(SCRIPT, tmp_path, settings, [json.dumps(command)]))


def of_package(modules: set[str], package: str) -> set[str]:
    """The package's modules as suffixes: {"", ".spec", ".server", ...}."""
    return {m[len(package) :] for m in modules if m == package or m.startswith(package + ".")}


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in names if m in modules]


HA = {"HA_URL": "http://127.0.0.1:9", "HA_TOKEN": "not-a-real-token-0123456789"}
TRUENAS = {"TRUENAS_URL": "http://127.0.0.1:9", "TRUENAS_API_KEY": "1-truenas-key-0123456789"}
PLEX = {"PLEX_URL": "http://127.0.0.1:9", "PLEX_TOKEN": "plex-token-0123456789"}
INFRA = {
    "ARGOCD_URL": "http://127.0.0.1:9",
    "ARGOCD_TOKEN": "argocd-token-0123",
    "MINIO_ENDPOINT": "127.0.0.1:9",
    "MINIO_ACCESS_KEY": "access-key",
    "MINIO_SECRET_KEY": "secret-key-0123456789",
}
ARR = {"SONARR_URL": "http://127.0.0.1:9", "SONARR_API_KEY": "0123456789abcdef0123456789abcdef"}
EVERY_SERVER = {**HA, **TRUENAS, **PLEX, **INFRA, **ARR}
STATIC_TOKEN = {"HOMELAB_AUTH_TOKENS": "desk:read,write:static-token-0123456789abcdef"}
JWT_SETTINGS = {
    "HOMELAB_JWT_JWKS_URI": "http://127.0.0.1:9/jwks.json",
    "HOMELAB_JWT_ISSUER": "http://127.0.0.1:9",
    "HOMELAB_JWT_AUDIENCE": "homelab-mcp",
}


def test_the_gateway_reads_only_the_spec_of_a_server_that_is_not_configured(
    tmp_path: Path,
) -> None:
    modules = modules_when_serving(["homelab-mcp", "serve", "--transport", "stdio"], tmp_path, **HA)
    assert ".server" in of_package(modules, "home_assistant_mcp")  # configured: built
    assert ".server" in of_package(modules, "routing_mcp")  # needs no setting: built
    for package in ("arr_suite_mcp", "infrastructure_mcp", "plex_mcp", "truenas_mcp"):
        assert of_package(modules, package) <= METADATA, package
    assert not loaded(modules, HEAVY)
    assert not loaded(modules, ROUTING_LAZY)


def test_serve_name_builds_only_that_server(tmp_path: Path) -> None:
    command = ["homelab-mcp", "serve", "home-assistant", "--transport", "stdio"]
    modules = modules_when_serving(command, tmp_path, **HA)
    assert ".server" in of_package(modules, "home_assistant_mcp")
    for package in SERVERS[1:]:  # routing too, though it would be mounted by the gateway
        assert of_package(modules, package) <= METADATA, package
    assert not loaded(modules, HEAVY)
    assert not loaded(modules, LAZY)


@pytest.mark.parametrize(
    ("package", "settings"),
    [
        ("home_assistant_mcp", HA),
        ("plex_mcp", PLEX),
        ("infrastructure_mcp", INFRA),
        ("truenas_mcp", TRUENAS),
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
    assert not loaded(modules, HEAVY)
    assert not loaded(modules, ROUTING_LAZY if package == "routing_mcp" else LAZY)
    assert not loaded(modules, JWT)
    if package != "routing_mcp":  # routing parses its policy (YAML) at start, to fail fast
        assert "yaml" not in modules


def test_the_gateway_with_every_server_over_stdio_loads_nothing_lazy(tmp_path: Path) -> None:
    # The JWT settings too: stdio has no auth, so they are checked but no verifier is built.
    settings = {**EVERY_SERVER, **STATIC_TOKEN, **JWT_SETTINGS}
    command = ["homelab-mcp", "serve", "--transport", "stdio"]
    modules = modules_when_serving(command, tmp_path, **settings)
    for package in SERVERS:
        assert ".server" in of_package(modules, package), package
    assert not loaded(modules, HEAVY)
    assert not loaded(modules, ROUTING_LAZY)
    assert not loaded(modules, JWT)


@pytest.mark.parametrize(
    ("auth", "jwt_loaded"), [(STATIC_TOKEN, False), ({**STATIC_TOKEN, **JWT_SETTINGS}, True)]
)
def test_over_http_only_jwt_settings_load_the_jwt_verifier(
    auth: dict[str, str], jwt_loaded: bool, tmp_path: Path
) -> None:
    command = ["homelab-mcp", "serve", "home-assistant", "--transport", "http"]
    modules = modules_when_serving(command, tmp_path, **HA, **auth)
    assert bool(loaded(modules, JWT)) is jwt_loaded
    assert not loaded(modules, LAZY)  # metrics too: made by the first value or scrape
