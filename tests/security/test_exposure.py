"""What an unauthenticated network caller learns: /readyz says ready or not, nothing more, unless
the server is loopback-only without auth; an unauthenticated public bind is announced loudly."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from homelab_shared.runner import http_app, prepare
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from tests.example.upstream import InventoryServer
from tests.harness.live import live_server

TOKEN = "exposure-admin-token-0123456789"


def readyz(example_server: Any, runtime: RuntimeSettings, **headers: str) -> httpx.Response:
    mcp = example_server()
    app = http_app(mcp, [toolbox_of(mcp)], runtime)  # type: ignore[list-item]
    with live_server(app) as base:
        return httpx.get(f"{base}/readyz", headers=headers)


def test_public_bind_without_auth_reveals_only_readiness(
    example_server: Any, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    public = runtime.model_copy(update={"host": "0.0.0.0", "insecure_no_auth": True})
    answer = readyz(example_server, public)
    assert (answer.status_code, answer.json()) == (200, {"ready": True})
    inventory.stop()
    down = readyz(example_server, public)
    assert (down.status_code, down.json()) == (503, {"ready": False})


def test_loopback_without_auth_shows_details(
    example_server: Any, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    answer = readyz(example_server, runtime)
    assert answer.json()["servers"]["Inventory"]["detail"] == "30 items"


def test_with_auth_details_need_a_valid_token(
    example_server: Any, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    secured = load_settings(
        RuntimeSettings, state_dir=runtime.state_dir, auth_tokens=f"ops:read:{TOKEN}"
    )
    assert readyz(example_server, secured).json() == {"ready": True}
    shown = readyz(example_server, secured, Authorization=f"Bearer {TOKEN}").json()
    assert shown["servers"]["Inventory"]["ok"] is True


@pytest.mark.parametrize(
    ("host", "insecure", "warned"),
    [("0.0.0.0", True, True), ("192.168.1.20", True, True), ("127.0.0.1", False, False)],
)
def test_insecure_public_bind_logs_one_loud_warning(
    host: str,
    insecure: bool,
    warned: bool,
    example_server: Any,
    runtime: RuntimeSettings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mcp = example_server()
    settings = runtime.model_copy(update={"host": host, "insecure_no_auth": insecure})
    with caplog.at_level(logging.WARNING, logger="homelab.runner"):
        prepare(mcp, [toolbox_of(mcp)], settings, "http")  # type: ignore[list-item]
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and "INSECURE" in r.message]
    assert len(loud) == (1 if warned else 0)
    if warned:
        assert host in loud[0].message and "HOMELAB_AUTH_TOKENS" in loud[0].message
