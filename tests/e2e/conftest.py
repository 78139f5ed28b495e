"""Fixtures of the e2e suite: real external clients against the gateway and the example server,
each run as its own process exactly as a user would start it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import API_KEY
from tests.example.upstream import InventoryServer
from tests.peers import ROOT, free_port
from tests.peers.clients import FASTMCP_QUIET_ENV, require_mcpo, require_node_tools, running
from tests.routing.fake_providers import Fakes, fake_providers

ADMIN = "e2e-admin-token-0123456789"
BIN = Path(sys.executable).parent
HOMELAB_MCP = str(BIN / "homelab-mcp")


@pytest.fixture(scope="module")
def node_tools() -> Path:
    return require_node_tools()


@pytest.fixture(scope="module")
def mcpo() -> Path:
    return require_mcpo()


MODEL_PROVIDER: dict[str, str] = {}  # set while the module's fake model providers run


@pytest.fixture(scope="module", autouse=True)
def model_provider() -> Iterator[Fakes]:
    with fake_providers() as fakes:
        MODEL_PROVIDER.update(GEMINI_API_KEY=fakes.keys["gemini"], GEMINI_BASE_URL=fakes.url)
        try:
            yield fakes
        finally:
            MODEL_PROVIDER.clear()


@pytest.fixture(scope="module")
def upstream() -> Iterator[InventoryServer]:
    server = InventoryServer(free_port(), API_KEY).start()
    yield server
    server.stop()


@dataclass(frozen=True)
class Served:
    url: str
    port: int
    state_dir: Path

    def audit(self) -> list[str]:
        path = self.state_dir / "audit.jsonl"
        return path.read_text().splitlines() if path.exists() else []


def server_env(upstream: InventoryServer, state_dir: Path, **extra: str) -> dict[str, str]:
    """The environment a user would set: the example server configured, everything isolated."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOMELAB_", "EXAMPLE_"))}
    env.update(FASTMCP_QUIET_ENV)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "HOMELAB_EXTRA_SERVERS": "tests.example.server:SPEC",
            "HOMELAB_STATE_DIR": str(state_dir),
            "EXAMPLE_URL": upstream.url,
            "EXAMPLE_API_KEY": API_KEY,
        }
    )
    # routing is ready only with a usable model: a Gemini key that its (loopback) model listing
    # accepts. No prompt is sent to it here; nothing could leave the machine.
    env.update(MODEL_PROVIDER)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def start_gateway(
    upstream: InventoryServer, tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., AbstractContextManager[Served]]:
    @contextmanager
    def start(
        *args: str, port: int | None = None, transport: bool = True, **extra: str
    ) -> Iterator[Served]:
        state = tmp_path_factory.mktemp("gateway-state")
        port = port or free_port()
        env = server_env(upstream, state, **extra)
        env["HOMELAB_PORT"] = str(port)  # never the fixed default ports: they may be taken
        log = state / "gateway.log"
        argv = [HOMELAB_MCP, "serve", *args, *(["--transport", "http"] if transport else [])]
        with running(argv, port=port, env=env, log=log, cwd=ROOT, timeout=60):
            yield Served(f"http://127.0.0.1:{port}/mcp", port, state)

    return start


@pytest.fixture(scope="module")
def gateway(
    start_gateway: Callable[..., AbstractContextManager[Served]],
) -> Iterator[Served]:
    """The full gateway over HTTP with a token, writes and destructive tools enabled."""
    with start_gateway(
        HOMELAB_AUTH_TOKENS=f"admin:read,write:{ADMIN}",
        EXAMPLE_ALLOW_WRITE="true",
        EXAMPLE_ALLOW_DESTRUCTIVE="true",
    ) as served:
        yield served
