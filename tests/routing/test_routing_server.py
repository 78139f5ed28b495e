"""The router through a real MCP client, providers mocked with respx in their real shapes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from tests.harness import structured
from tests.routing.conftest import Upstreams
from tests.routing.payloads import (
    ANTHROPIC_BAD_KEY,
    ANTHROPIC_NO_CREDIT,
    ANTHROPIC_OVERLOADED,
    GEMINI_BAD_KEY,
    GEMINI_BAD_REQUEST,
    GEMINI_INTERNAL,
    GEMINI_OVERLOADED,
    gemini_429,
    gemini_ok,
)

REVIEW = "Please do a security review of this code:\n```python\nimport os\nos.system(input())\n```"


async def ask(client: Client[Any], prompt: str, **extra: Any) -> dict[str, Any]:
    return structured(await client.call_tool("ask", {"prompt": prompt, **extra}))


async def test_simple_question_is_answered_locally_for_free(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    result = await ask(routing, "What is the capital of France?")
    assert result["model"] == "local-qwen"
    assert result["answer"] == "local answer"
    assert result["task_class"] == "simple_qa"
    assert (result["tokens_in"], result["tokens_out"], result["cost_usd"]) == (26, 9, 0.0)
    assert upstreams.cloud_calls() == 0
    sent = json.loads(upstreams.ollama.calls.last.request.content)
    assert sent["model"] == "qwen2.5:3b"
    assert sent["messages"][-1] == {"role": "user", "content": "What is the capital of France?"}


async def test_general_request_goes_to_gemini_flash_and_costs_its_usage(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    result = await ask(routing, "Help me write a friendly note to my neighbours about the party")
    assert result["model"] == "gemini-flash"
    assert upstreams.gemini_models() == ["gemini-2.5-flash"]
    request = upstreams.gemini.calls.last.request
    assert request.headers["x-goog-api-key"] == "gemini-test-key-0123456789"
    body = json.loads(request.content)
    assert body["contents"][0]["parts"][0]["text"].startswith("Help me write")
    assert body["generationConfig"]["maxOutputTokens"] == 2048
    # usage 12 in / 40 out at 0.30 / 2.50 USD per million tokens
    assert result["cost_usd"] == pytest.approx((12 * 0.30 + 40 * 2.50) / 1e6)


async def test_premium_review_uses_sonnet_with_anthropic_headers(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    result = await ask(routing, REVIEW)
    assert result["model"] == "claude-sonnet"
    request = upstreams.anthropic.calls.last.request
    assert request.headers["x-api-key"] == "sk-ant-test-0123456789"
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert json.loads(request.content)["model"] == "claude-sonnet-4-5"
    assert result["quota_left"]["daily_requests"] == 19  # CLAUDE_SONNET_DAILY_LIMIT=20


async def test_gemini_overloaded_falls_back_to_claude_haiku(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.gemini.mock(return_value=GEMINI_OVERLOADED)
    result = await ask(routing, "Help me write a friendly note to my neighbours")
    assert result["model"] == "claude-haiku"
    assert [(a["model"], a["outcome"]) for a in result["fallbacks_tried"]] == [
        ("gemini-flash", "failed")
    ]
    assert result["fallbacks_tried"][0]["reason"].startswith("overloaded")
    assert upstreams.gemini.call_count == 1  # overloaded: no retry on the same model


async def test_transient_error_is_retried_on_the_same_model(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.gemini.side_effect = [GEMINI_INTERNAL, httpx.Response(200, json=gemini_ok("ok"))]
    result = await ask(routing, "Help me write a friendly note to my neighbours")
    assert result["model"] == "gemini-flash"
    assert result["fallbacks_tried"] == []
    assert upstreams.gemini.call_count == 2


async def test_rate_limit_cools_the_model_down(routing: Client[Any], upstreams: Upstreams) -> None:
    upstreams.gemini.mock(return_value=gemini_429(per_day=False, retry="42s"))
    first = await ask(routing, "Help me write a friendly note to my neighbours")
    assert first["model"] == "claude-haiku"
    models = {
        m["name"]: m for m in structured(await routing.call_tool("list_models", {}))["result"]
    }
    assert models["gemini-flash"]["status"].startswith("cooling down for 4")
    calls = upstreams.gemini.call_count
    second = await ask(routing, "Help me write another friendly note")
    assert second["fallbacks_tried"][0] == {
        "model": "gemini-flash",
        "outcome": "skipped",
        "reason": second["fallbacks_tried"][0]["reason"],
    }
    assert "cooling down" in second["fallbacks_tried"][0]["reason"]
    assert upstreams.gemini.call_count == calls  # not called while cooling down


async def test_daily_exhaustion_skips_the_model_until_tomorrow(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.gemini.mock(return_value=gemini_429(per_day=True))
    await ask(routing, "Help me write a friendly note to my neighbours")
    models = {
        m["name"]: m for m in structured(await routing.call_tool("list_models", {}))["result"]
    }
    assert models["gemini-flash"]["status"] == "provider quota exhausted until tomorrow"


async def test_bad_key_disables_the_model_and_warns(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.gemini.mock(return_value=GEMINI_BAD_KEY)
    result = await ask(routing, "Help me write a friendly note to my neighbours")
    assert result["model"] == "claude-haiku"
    models = {
        m["name"]: m for m in structured(await routing.call_tool("list_models", {}))["result"]
    }
    assert models["gemini-flash"]["status"].startswith("disabled: API key not valid")
    assert "GEMINI_API_KEY" in models["gemini-flash"]["status"]
    assert "gemini-test-key" not in json.dumps(models)


async def test_bad_request_is_reported_without_fallback(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.gemini.mock(return_value=GEMINI_BAD_REQUEST)
    with pytest.raises(ToolError, match=r"rejected the request as invalid.*not retried elsewhere"):
        await ask(routing, "Help me write a friendly note to my neighbours")
    assert upstreams.anthropic.call_count == 0


async def test_claude_exhausted_and_overloaded_fall_back_to_gemini(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.anthropic.side_effect = [ANTHROPIC_NO_CREDIT]
    result = await ask(routing, REVIEW)
    assert result["model"] == "gemini-flash"
    assert result["fallbacks_tried"][0]["reason"].startswith("exhausted")
    upstreams.anthropic.side_effect = [ANTHROPIC_OVERLOADED]
    result = await ask(
        routing, "Monolith or microservices for my lab?", task_class="architecture_decision"
    )
    assert result["model"] == "gemini-flash"
    assert result["fallbacks_tried"][0]["model"] == "claude-opus"


async def test_anthropic_bad_key_names_the_variable(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.anthropic.side_effect = [ANTHROPIC_BAD_KEY]
    result = await ask(routing, REVIEW)
    assert "check ANTHROPIC_API_KEY" in result["fallbacks_tried"][0]["reason"]
    assert "sk-ant-test" not in json.dumps(result)


async def test_quota_exhaustion_falls_back_along_the_quota_chain(
    make_routing: Any, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUDE_SONNET_DAILY_LIMIT", "2")
    mcp, rt = make_routing()
    async with Client(mcp) as client:
        models = [(await ask(client, REVIEW))["model"] for _ in range(4)]
        status = structured(await client.call_tool("quota_status", {"model": "claude-sonnet"}))
    await rt.aclose()
    assert models == ["claude-sonnet", "claude-sonnet", "gemini-flash", "gemini-flash"]
    assert upstreams.anthropic.call_count == 2
    [sonnet] = status["models"]
    assert (sonnet["daily_requests_used"], sonnet["daily_requests_limit"]) == (2, 2)
    assert sonnet["left"]["daily_requests"] == 0
    assert sonnet["reserved_now"] == 0


async def test_daily_budget_refuses_a_call_that_could_overspend(
    make_routing: Any, upstreams: Upstreams, monkeypatch: pytest.MonkeyPatch
) -> None:
    # max_output_tokens 40000 at 25 USD/M = 1 USD estimate > 0.5 USD budget
    monkeypatch.setenv("CLAUDE_OPUS_DAILY_BUDGET_USD", "0.5")
    mcp, rt = make_routing()
    async with Client(mcp) as client:
        result = await ask(
            client,
            "Should we use event sourcing?",
            task_class="architecture_decision",
            max_output_tokens=40000,
        )
    await rt.aclose()
    assert result["model"] == "gemini-flash"
    assert result["fallbacks_tried"][0] == {
        "model": "claude-opus",
        "outcome": "refused",
        "reason": "quota: daily_budget",
    }
    assert upstreams.anthropic.call_count == 0


async def test_planning_is_parsed_locally_then_planned_by_gemini_thinking(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    result = await ask(routing, "Make a migration plan with milestones to move my NAS to ZFS")
    assert result["model"] == "gemini-thinking"
    assert result["preprocessed_by"] == "local-qwen"
    body = json.loads(upstreams.gemini.calls.last.request.content)
    assert (
        "A local pre-analysis of the request:\nlocal answer"
        in body["contents"][0]["parts"][0]["text"]
    )
    assert body["generationConfig"]["thinkingConfig"] == {"thinkingBudget": 8192}


async def test_route_decides_without_calling_any_model(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    decision = structured(await routing.call_tool("route", {"prompt": REVIEW}))
    assert decision["model"] == "claude-sonnet"
    assert decision["task_class"] == "premium_code_review"
    assert decision["quota_left"]["daily_requests"] == 20
    assert upstreams.cloud_calls() == 0
    assert upstreams.ollama.call_count == 0


async def test_local_model_down_escalates_non_pii_to_the_cloud(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.tags.mock(side_effect=httpx.ConnectError("Connection refused"))
    result = await ask(routing, "What is the capital of France?")
    assert result["model"] == "gemini-flash"
    assert [a["model"] for a in result["fallbacks_tried"]] == ["local-qwen", "local-llama"]


async def test_usage_report_and_persistence_across_restart(
    make_routing: Any, upstreams: Upstreams
) -> None:
    mcp, rt = make_routing()
    async with Client(mcp) as client:
        await ask(client, REVIEW)
        await ask(client, "Help me write a friendly note to my neighbours")
    await rt.aclose()
    mcp, rt = make_routing()  # a new process: same state dir, new store connection
    async with Client(mcp) as client:
        report = structured(await client.call_tool("usage_report", {"days": 2}))
        status = structured(await client.call_tool("quota_status", {"model": "claude-sonnet"}))
    await rt.aclose()
    rows = {(r["model"], r["requests"]) for r in report["days"]}
    assert rows == {("claude-sonnet", 1), ("gemini-flash", 1)}
    assert report["total_requests"] == 2
    assert report["total_cost_usd"] == pytest.approx((15 * 3 + 30 * 15 + 12 * 0.3 + 40 * 2.5) / 1e6)
    assert status["models"][0]["daily_requests_used"] == 1


async def test_admin_tools_are_write_class(make_routing: Any, upstreams: Upstreams) -> None:
    mcp, rt = make_routing()
    async with Client(mcp) as client:
        names = {t.name for t in await client.list_tools()}
        assert "set_limit" not in names and "reset_window" not in names
        with pytest.raises(ToolError, match="ROUTING_ALLOW_WRITE=true"):
            await client.call_tool(
                "set_limit", {"model": "claude-opus", "limit": "daily_requests", "value": 1}
            )
    await rt.aclose()
    mcp, rt = make_routing(allow_write=True)
    async with Client(mcp) as client:
        change = structured(
            await client.call_tool(
                "set_limit", {"model": "claude-opus", "limit": "daily_requests", "value": 1}
            )
        )
        assert change["effective"]["daily_requests"] == 1
        prompt, opus = "Kubernetes or compose?", {"task_class": "architecture_decision"}
        assert (await ask(client, prompt, **opus))["model"] == "claude-opus"
        assert (await ask(client, prompt, **opus))["model"] == "gemini-flash"
        reset = structured(await client.call_tool("reset_window", {"model": "claude-opus"}))
        assert reset["daily_requests_used"] == 0
        assert (await ask(client, prompt, **opus))["model"] == "claude-opus"
        with pytest.raises(ToolError, match="unknown model 'gpt-9'"):
            await client.call_tool("reset_window", {"model": "gpt-9"})
    await rt.aclose()


async def test_resources_expose_policy_and_catalogue(routing: Client[Any]) -> None:
    policy = json.loads((await routing.read_resource("routing://policy"))[0].text)  # type: ignore[union-attr]
    assert policy["routes"]["pii_sensitive"] == ["local-qwen", "local-llama"]
    models = json.loads((await routing.read_resource("routing://models"))[0].text)  # type: ignore[union-attr]
    assert models["claude-opus"]["output_per_mtok"] == 25.0


async def test_ask_reports_progress_while_it_waits(make_routing: Any, upstreams: Upstreams) -> None:
    seen: list[tuple[float, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, message))

    mcp, rt = make_routing()
    async with Client(mcp, progress_handler=on_progress) as client:
        await client.call_tool("ask", {"prompt": REVIEW})
    await rt.aclose()
    messages = [m for _, m in seen]
    assert messages[0] == "classified as premium_code_review"
    assert "asking claude-sonnet" in messages
    assert messages[-1] == "answered by claude-sonnet"
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)
