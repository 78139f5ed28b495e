"""Honest annotations, configuration errors that name the variable, a rejected key that disables
every model behind it, and readiness that says "not ready" when no model can answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.client.logging import LogMessage
from fastmcp.exceptions import ToolError

from homelab_shared.settings import load_settings
from routing_mcp.settings import RoutingSettings
from routing_mcp.spec import SPEC
from tests.harness import mcp_client, structured
from tests.routing.conftest import Upstreams
from tests.routing.payloads import ANTHROPIC_BAD_KEY

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


async def test_one_usable_model_is_ready(make_routing: Any, upstreams: Upstreams) -> None:
    upstreams.tags.mock(side_effect=httpx.ConnectError("Connection refused"))
    _, rt = make_routing()
    ready = await rt.readiness()
    await rt.aclose()
    assert ready.ok is True
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
