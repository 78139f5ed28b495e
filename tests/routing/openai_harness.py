"""The routing server over real HTTP (uvicorn on a free loopback port) with bearer auth, its
providers pointed at the loopback fakes, and the official ``openai`` SDK as the client."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import openai
import pytest

from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from routing_mcp.pii import PiiScanner
from routing_mcp.policy import load_policy
from routing_mcp.runtime import RoutingRuntime, make_providers, make_store
from routing_mcp.server import build_server
from routing_mcp.settings import RoutingSettings
from tests.harness.live import live_server
from tests.routing.fake_providers import Fakes, provider_env

TOKEN = "router-test-token-0123456789abcdef"
REVIEW = "Do a thorough code review of this pull request: def add(a, b): return a - b"
GENERAL = "Write a short overview of how solar panels convert light into electricity."
SIMPLE = "What is the capital of France?"


@dataclass
class Served:
    url: str  # the server's base URL; the OpenAI base URL is url + "/v1"
    rt: RoutingRuntime

    def client(self, **kwargs: Any) -> openai.OpenAI:
        return openai.OpenAI(base_url=self.url + "/v1", api_key=TOKEN, max_retries=0, **kwargs)

    def async_client(self, **kwargs: Any) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(base_url=self.url + "/v1", api_key=TOKEN, max_retries=0, **kwargs)


def _closing(app: Any, rt: RoutingRuntime) -> Any:
    """Close the runtime in the server's own loop when uvicorn shuts the app down (its HTTP
    clients belong to that loop)."""

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return

        async def on_send(message: Any) -> None:
            if message["type"] == "lifespan.shutdown.complete":
                await rt.aclose()
            await send(message)

        await app(scope, receive, on_send)

    return wrapped


def router_app(
    state: Any, scanner: PiiScanner | None = None, **overrides: Any
) -> tuple[Any, RoutingRuntime]:
    """The routing server's ASGI app (settings from the environment, bearer auth with TOKEN)
    and its runtime; the runtime closes when the app shuts down."""
    runtime = load_settings(RuntimeSettings, state_dir=state, auth_tokens=f"webui:read:{TOKEN}")
    settings = load_settings(RoutingSettings, **overrides)
    policy = load_policy(settings.policy_file)
    store = make_store(settings, runtime)
    rt = RoutingRuntime(settings, policy, store, make_providers(settings), scanner=scanner)
    mcp = build_server(settings, runtime, rt)
    app = http_app(mcp, [toolbox_of(mcp)], runtime)  # type: ignore[list-item]
    return _closing(app, rt), rt


@contextmanager
def serve_router(
    fakes: Fakes,
    scanner: PiiScanner,
    monkeypatch: pytest.MonkeyPatch,
    state: Any,
    env: dict[str, str] | None = None,
    **overrides: Any,
) -> Iterator[Served]:
    for key, value in {**provider_env(fakes), **(env or {})}.items():
        monkeypatch.setenv(key, value)
    app, rt = router_app(state, scanner=scanner, **overrides)
    with live_server(app) as url:
        yield Served(url, rt)
