"""Routing fixtures: provider APIs mocked with respx in their real shapes, one PII scanner."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import yaml
from fastmcp import Client, FastMCP

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from routing_mcp.pii import PiiScanner
from routing_mcp.policy import load_policy
from routing_mcp.runtime import RoutingRuntime, make_providers, make_store
from routing_mcp.server import build_server
from routing_mcp.settings import RoutingSettings
from tests.harness import mcp_client
from tests.peers import free_port
from tests.routing.fake_providers import Fakes, fake_providers
from tests.routing.openai_harness import Served, serve_router
from tests.routing.payloads import (
    ANTHROPIC,
    GEMINI,
    OLLAMA,
    OPENAI,
    anthropic_models,
    anthropic_ok,
    gemini_models,
    gemini_ok,
    ollama_chat,
    ollama_tags,
)

CLOUD_ENV = {
    "OLLAMA_HOST": OLLAMA,
    "GEMINI_API_KEY": "gemini-test-key-0123456789",
    "GEMINI_BASE_URL": GEMINI,
    "ANTHROPIC_API_KEY": "sk-ant-test-0123456789",
    "ANTHROPIC_BASE_URL": ANTHROPIC,
}


@pytest.fixture(scope="session")
def served_scanner() -> PiiScanner:
    return PiiScanner(0.4, ("US", "GB", "DE", "FR"))  # as served: ROUTING_PII_CONTEXT=balanced


@pytest.fixture(scope="session")
def rules_scanner() -> PiiScanner:
    return PiiScanner(0.4, ("US", "GB", "DE", "FR"), context="off")


@pytest.fixture
def scanner(
    request: pytest.FixtureRequest, served_scanner: PiiScanner, rules_scanner: PiiScanner
) -> PiiScanner:
    """The scanner as served, or the rules alone in a module that says ``RULES_ONLY = True``
    (the per-class tests pin what the rules find; what the whole-text model drops and adds is
    tested in test_pii_context.py)."""
    return rules_scanner if getattr(request.module, "RULES_ONLY", False) else served_scanner


@dataclass
class Upstreams:
    """The mocked provider APIs; each route records the requests it got."""

    router: respx.MockRouter
    tags: respx.Route
    ollama: respx.Route
    gemini: respx.Route
    anthropic: respx.Route
    openai: respx.Route

    def cloud_calls(self) -> int:
        return self.gemini.call_count + self.anthropic.call_count + self.openai.call_count

    def gemini_models(self) -> list[str]:
        return [c.request.url.path.split("/")[-1].split(":")[0] for c in self.gemini.calls]

    def anthropic_bodies(self) -> list[dict[str, Any]]:
        return [json.loads(c.request.content) for c in self.anthropic.calls]


@pytest.fixture
def upstreams() -> Iterator[Upstreams]:
    with respx.mock(assert_all_called=False) as router:
        tags = router.get(f"{OLLAMA}/api/tags").respond(
            json=ollama_tags("qwen2.5:3b", "llama3.2:3b")
        )
        ollama = router.post(f"{OLLAMA}/api/chat").mock(
            side_effect=lambda r: httpx.Response(
                200, json=ollama_chat("local answer", json.loads(r.content)["model"])
            )
        )
        gemini = router.post(url__regex=rf"{GEMINI}/v1beta/models/[^/]+:generateContent").respond(
            json=gemini_ok("gemini answer")
        )
        anthropic = router.post(f"{ANTHROPIC}/v1/messages").mock(
            side_effect=lambda r: httpx.Response(
                200, json=anthropic_ok("claude answer", json.loads(r.content)["model"])
            )
        )
        openai = router.post(f"{OPENAI}/chat/completions").respond(status_code=500)
        # The free model listings readiness checks each configured provider with.
        router.get(f"{GEMINI}/v1beta/models").respond(json=gemini_models("gemini-2.5-flash"))
        router.get(f"{ANTHROPIC}/v1/models").respond(
            json=anthropic_models("claude-haiku-4-5-20251001")
        )
        yield Upstreams(router, tags, ollama, gemini, anthropic, openai)


@pytest.fixture
def fakes() -> Iterator[Fakes]:
    """Every provider on loopback in its real wire format, streaming included."""
    with fake_providers() as running:
        yield running


@pytest.fixture
def cloud_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in CLOUD_ENV.items():
        monkeypatch.setenv(key, value)
    return CLOUD_ENV


@pytest.fixture
def point(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], None]:
    """Send Gemini and Anthropic to servers on loopback, Ollama to a port where nothing listens."""

    def to(gemini_url: str, anthropic_url: str) -> None:
        monkeypatch.setenv("GEMINI_BASE_URL", gemini_url)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", anthropic_url)
        monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{free_port()}")

    return to


MakeServer = Callable[..., FastMCP[Any]]


@pytest.fixture
def make_routing(
    cloud_env: dict[str, str], runtime: RuntimeSettings, scanner: PiiScanner
) -> Callable[..., tuple[FastMCP[Any], RoutingRuntime]]:
    """Build the routing server (settings from env + overrides) with the shared scanner."""

    def make(
        clock: Callable[[], float] | None = None, **overrides: Any
    ) -> tuple[FastMCP[Any], RoutingRuntime]:
        settings = load_settings(RoutingSettings, **overrides)
        policy = load_policy(settings.policy_file)
        kwargs: dict[str, Any] = {"scanner": scanner}
        if clock is not None:
            kwargs["clock"] = clock
        rt = RoutingRuntime(
            settings, policy, make_store(settings, runtime), make_providers(settings), **kwargs
        )
        return build_server(settings, runtime, rt), rt

    return make


@pytest.fixture
async def routing(
    make_routing: Callable[..., tuple[FastMCP[Any], RoutingRuntime]], upstreams: Upstreams
) -> AsyncIterator[Client[Any]]:
    mcp, rt = make_routing()
    async with mcp_client(mcp) as client:
        yield client
    await rt.aclose()


def lan_policy(tmp_path: Path) -> Path:
    """The default policy plus a model behind the OpenAI-compatible provider (a LAN vLLM)."""
    from importlib import resources

    text = resources.files("routing_mcp").joinpath("default_policy.yaml").read_text()
    policy = yaml.safe_load(text)
    policy["models"]["lan-llm"] = {
        "provider": "openai",
        "upstream_id": "llama-3.1-8b-instruct",
        "context_window": 131072,
    }
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy))
    return path


@pytest.fixture
def lan_served(
    fakes: Fakes, scanner: PiiScanner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Served]:
    with serve_router(
        fakes, scanner, monkeypatch, tmp_path / "state", policy_file=lan_policy(tmp_path)
    ) as running:
        yield running
