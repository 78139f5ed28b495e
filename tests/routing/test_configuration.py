"""Honest annotations, configuration errors that name the variable, a rejected key that disables
every model behind it, and readiness that says "not ready" when no model can answer."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.client.logging import LogMessage
from fastmcp.exceptions import ToolError

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import Readiness
from routing_mcp.runtime import make_runtime
from routing_mcp.settings import RoutingSettings
from routing_mcp.spec import SPEC
from tests.gateway.test_gateway import run_cli, table_rows
from tests.harness import mcp_client, structured
from tests.peers import free_port
from tests.routing.conftest import Upstreams
from tests.routing.fake_providers import Fakes, provider_env
from tests.routing.payloads import ANTHROPIC_BAD_KEY

DEFAULT_OLLAMA = RoutingSettings.model_fields["ollama_host"].default
REVIEW = "Please do a security review of this code:\n```python\nimport os\nos.system(input())\n```"
CLAUDES = ("claude-haiku", "claude-sonnet", "claude-opus")


async def statuses(client: Client[Any]) -> dict[str, str]:
    models = structured(await client.call_tool("list_models", {}))["result"]
    return {m["name"]: m["status"] for m in models}


async def test_ask_is_enabled_by_default_and_annotated_as_spending(routing: Client[Any]) -> None:
    tools = {t.name: t for t in await routing.list_tools()}
    ask = tools["ask"].annotations
    assert ask is not None
    assert (ask.read_only_hint, ask.open_world_hint, ask.destructive_hint, ask.idempotent_hint) == (
        False,
        True,
        False,
        False,
    )
    assert "Spends money" in (tools["ask"].description or "")
    route = tools["route"].annotations
    assert route is not None and route.read_only_hint is True


@pytest.fixture
def no_keys(
    monkeypatch: pytest.MonkeyPatch, upstreams: Upstreams, cloud_env: dict[str, str]
) -> Upstreams:
    """No cloud key set and Ollama refusing connections: no model can answer."""
    monkeypatch.delenv("GEMINI_API_KEY")
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    upstreams.tags.mock(side_effect=httpx.ConnectError("Connection refused"))
    return upstreams


async def test_unconfigured_providers_name_their_variable(
    make_routing: Any, no_keys: Upstreams
) -> None:
    mcp, rt = make_routing()
    async with mcp_client(mcp) as client:
        status = await statuses(client)
        with pytest.raises(ToolError) as refused:
            await client.call_tool("ask", {"prompt": "Help me write a note to my neighbours"})
        ready = await rt.readiness()
    await rt.aclose()
    assert status["gemini-flash"] == "gemini is not configured: set GEMINI_API_KEY"
    assert status["claude-opus"] == "anthropic is not configured: set ANTHROPIC_API_KEY"
    assert status["local-qwen"].startswith("Ollama is down or qwen2.5:3b is not pulled")
    assert "OLLAMA_HOST" in status["local-qwen"]
    assert "set GEMINI_API_KEY" in str(refused.value)
    assert no_keys.cloud_calls() == 0
    assert ready.ok is False
    for variable in ("OLLAMA_HOST", "GEMINI_API_KEY", "ANTHROPIC_API_KEY"):
        assert variable in ready.detail
    assert ready.detail.startswith("no usable model; configure at least one")


async def test_doctor_reports_no_usable_model_as_not_ready(
    no_keys: Upstreams, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOMELAB_STATE_DIR", str(tmp_path / "state"))
    ready = await SPEC.check(load_settings(RoutingSettings))  # what `doctor` runs
    assert (ready.ok, ready.reachable) == (False, False)
    assert "GEMINI_API_KEY" in ready.detail


async def test_one_usable_model_is_ready(
    make_routing: Any, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OLLAMA_HOST not set: no Ollama at the default address is no problem when a key works."""
    monkeypatch.delenv("OLLAMA_HOST")
    upstreams.router.get(f"{DEFAULT_OLLAMA}/api/tags").mock(
        side_effect=httpx.ConnectError("Connection refused")
    )
    _, rt = make_routing()
    ready = await rt.readiness()
    await rt.aclose()
    assert ready.ok is True
    assert "usable models: gemini-flash" in ready.detail
    assert "local-qwen" not in ready.detail


async def test_an_explicit_ollama_host_that_is_down_is_not_ready(
    make_routing: Any, upstreams: Upstreams
) -> None:
    """OLLAMA_HOST set (by CLOUD_ENV) and refusing connections: a problem even with keys."""
    upstreams.tags.mock(side_effect=httpx.ConnectError("Connection refused"))
    _, rt = make_routing()
    ready = await rt.readiness()
    await rt.aclose()
    assert (ready.ok, ready.reachable, ready.authenticated) == (False, False, True)
    assert ready.detail.startswith("ollama unreachable: ")
    assert "OLLAMA_HOST" in ready.detail
    assert "usable models: gemini-flash" in ready.detail


async def test_a_rejected_key_disables_every_model_behind_it(
    make_routing: Any, upstreams: Upstreams
) -> None:
    upstreams.anthropic.side_effect = [ANTHROPIC_BAD_KEY]
    warnings: list[str] = []

    async def on_log(message: LogMessage) -> None:
        warnings.append(str(message.data))

    mcp, rt = make_routing()
    async with Client(mcp, log_handler=on_log) as client:
        first = structured(await client.call_tool("ask", {"prompt": REVIEW}))
        status = await statuses(client)
        opus = structured(
            await client.call_tool(
                "ask", {"prompt": "Monolith or not?", "task_class": "architecture_decision"}
            )
        )
    await rt.aclose()
    assert first["model"] == "gemini-flash"
    assert "check ANTHROPIC_API_KEY" in first["fallbacks_tried"][0]["reason"]
    for name in CLAUDES:
        assert status[name].startswith("disabled: invalid x-api-key (check ANTHROPIC_API_KEY)")
    assert status["gemini-flash"] == "ready"
    assert opus["fallbacks_tried"][0]["model"] == "claude-opus"
    assert opus["fallbacks_tried"][0]["outcome"] == "skipped"
    assert upstreams.anthropic.call_count == 1  # no other Claude model was tried with the bad key
    assert any(
        "anthropic disabled (every model behind its key: claude-haiku, claude-sonnet, claude-opus)"
        in w
        for w in warnings
    )


# Readiness against the loopback fakes: each configured provider's free model listing decides
# whether it is reachable and takes the key (a key alone proves nothing).
@pytest.fixture
def at_fakes(monkeypatch: pytest.MonkeyPatch, fakes: Fakes) -> Fakes:
    for var, value in provider_env(fakes).items():
        monkeypatch.setenv(var, value)
    return fakes


PROVIDERS = ("ollama", "gemini", "anthropic", "openai")


def dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


async def check() -> Readiness:
    return await SPEC.check(load_settings(RoutingSettings))  # what `doctor` and /readyz run


async def test_every_provider_answering_with_its_key_is_ready(at_fakes: Fakes) -> None:
    before = dict(at_fakes.listings)  # the fakes' start-up poll lists Ollama's tags too
    ready = await check()
    assert ready.ok is True, ready.detail
    assert {p: at_fakes.listings[p] - before.get(p, 0) for p in PROVIDERS} == {
        "ollama": 1,  # /api/tags, also what tells which local models are pulled
        "gemini": 1,
        "anthropic": 1,
        "openai": 1,
    }
    assert at_fakes.cloud_calls() == 0  # listing models costs nothing; no prompt was sent


@pytest.mark.parametrize("provider", ["anthropic", "gemini", "openai"])
async def test_a_provider_at_a_dead_address_is_unreachable(
    provider: str, at_fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    variable = f"{provider.upper()}_BASE_URL"
    monkeypatch.setenv(variable, dead_url() + ("/v1" if provider == "openai" else ""))
    ready = await check()
    assert (ready.ok, ready.reachable, ready.authenticated) == (False, False, True)
    assert f"{provider} unreachable: cannot connect" in ready.detail
    assert f"check {variable}" in ready.detail
    assert "usable models: local-qwen" in ready.detail  # the others still answer


@pytest.mark.parametrize(
    ("provider", "variable"),
    [
        ("anthropic", "ANTHROPIC_API_KEY"),
        ("gemini", "GEMINI_API_KEY"),
        ("openai", "OPENAI_API_KEY"),
    ],
)
async def test_a_refused_key_is_not_authenticated(
    provider: str, variable: str, at_fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, "a-wrong-key-0123456789")
    ready = await check()
    assert (ready.ok, ready.reachable, ready.authenticated) == (False, True, False)
    assert f"{provider} refused the key" in ready.detail
    assert f"check {variable}" in ready.detail
    assert "a-wrong-key-0123456789" not in ready.detail
    assert provider not in ready.detail.split("usable models: ")[1]


async def test_an_explicit_ollama_host_at_a_dead_address_is_a_problem(
    at_fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", dead_url())
    ready = await check()
    assert (ready.ok, ready.reachable) == (False, False)
    assert ready.detail.startswith("ollama unreachable: cannot connect")
    assert "usable models: gemini-flash" in ready.detail


async def test_a_silent_provider_times_out_within_the_bound(
    at_fakes: Fakes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listener that never answers: the check gives up after ROUTING_CONNECT_TIMEOUT."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        monkeypatch.setenv("ROUTING_CONNECT_TIMEOUT", "0.5")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("GEMINI_BASE_URL", url)
        ready = await check()
    assert (ready.ok, ready.reachable) == (False, False)
    assert "anthropic unreachable: timed out" in ready.detail
    assert "gemini unreachable: timed out" in ready.detail


async def test_results_are_reused_between_probes(at_fakes: Fakes, runtime: RuntimeSettings) -> None:
    rt = make_runtime(load_settings(RoutingSettings), runtime)
    try:
        for _ in range(3):
            assert (await rt.readiness()).ok is True
    finally:
        await rt.aclose()
    assert at_fakes.listings["anthropic"] == 1


def test_doctor_fails_on_a_key_whose_provider_is_unreachable(
    fakes: Fakes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The audit's case: only ANTHROPIC_API_KEY, its base URL at a dead port."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", fakes.keys["anthropic"])
    monkeypatch.setenv("ANTHROPIC_BASE_URL", dead_url())
    code, out, _ = run_cli(capsys, "doctor", "routing")
    assert code == 1
    cells = table_rows(out)[0]
    assert cells[:5] == ["routing", "yes", "NO", "yes", "NO"]
    assert "anthropic unreachable" in cells[-1]
