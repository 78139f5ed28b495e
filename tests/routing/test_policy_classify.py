"""Policy validation, env overrides, the rules and LLM classifiers, the OpenAI-compatible path."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastmcp import Client

from homelab_shared.errors import ConfigError
from routing_mcp.classify import SPLIT_WORDS_UP_TO, classify_rules, estimate_tokens
from routing_mcp.policy import TASK_CLASSES, load_policy
from tests.harness import structured
from tests.routing.conftest import Upstreams
from tests.routing.payloads import OPENAI, OPENAI_NO_QUOTA, ollama_chat, openai_ok


def test_default_policy_has_every_class_and_the_architecture_quotas() -> None:
    policy = load_policy(environ={})
    assert set(policy.routes) == set(TASK_CLASSES)
    haiku = policy.quotas["claude-haiku"]
    assert (haiku.daily_requests, haiku.weekly_requests, haiku.alert_at) == (50, 200, 0.8)
    assert policy.quotas["claude-sonnet"].daily_budget_usd == 25
    assert policy.quotas["claude-opus"].alert_at == 0.5
    assert "gemini-flash" not in policy.quotas  # Gemini is unlimited by default
    assert all(policy.models[m].local for m in policy.routes["pii_sensitive"])


def test_env_overrides_quota_variables() -> None:
    env = {"CLAUDE_HAIKU_DAILY_LIMIT": "7", "GEMINI_FLASH_DAILY_BUDGET_USD": "2.5"}
    policy = load_policy(environ=env)
    assert policy.quotas["claude-haiku"].daily_requests == 7
    assert policy.quotas["claude-haiku"].weekly_requests == 200
    assert policy.quotas["gemini-flash"].daily_budget_usd == 2.5
    with pytest.raises(ConfigError, match="CLAUDE_OPUS_DAILY_LIMIT is invalid"):
        load_policy(environ={"CLAUDE_OPUS_DAILY_LIMIT": "lots"})


def test_invalid_policy_file_is_refused_at_start(tmp_path: Path) -> None:
    data = yaml.safe_load(
        resources.files("routing_mcp").joinpath("default_policy.yaml").read_text()
    )
    data["routes"]["pii_sensitive"] = ["gemini-flash"]
    data["fallback"]["on_quota"] = ["gpt-9"]
    data["timezone"] = "Mars/Olympus"
    bad = tmp_path / "policy.yaml"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError) as err:
        load_policy(bad, environ={})
    text = str(err.value)
    assert "unknown time zone 'Mars/Olympus'" in text
    with pytest.raises(ConfigError, match=r"ROUTING_POLICY_FILE .* cannot be read"):
        load_policy(tmp_path / "missing.yaml", environ={})
    data["timezone"] = "Europe/Berlin"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError) as err:
        load_policy(bad, environ={})
    assert "fallback.on_quota names unknown model 'gpt-9'" in str(err.value)
    assert "routes.pii_sensitive may only name local models" in str(err.value)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("What is the capital of France?", "simple_qa"),
        ("Write a python function that parses ISO dates", "code_completion"),
        ("Compare ZFS and btrfs for a home NAS in depth: pros and cons", "complex_analysis"),
        ("Prove that the square root of 2 is irrational", "deep_reasoning"),
        ("Make a step-by-step plan with milestones to migrate to Proxmox", "multi_step_planning"),
        ("Write a haiku about my server rack", "creative_writing"),
        ("Extract all the dates and amounts from this invoice as JSON: ...", "data_extraction"),
        (
            "Should we use microservices or a monolith for the home automation backend?",
            "architecture_decision",
        ),
        ("Say hi to the family for me", "general"),
    ],
)
def test_rules_classifier(prompt: str, expected: str) -> None:
    assert classify_rules(prompt).task_class == expected


def test_long_prompt_is_a_long_document() -> None:
    found = classify_rules("Summarise: " + "word " * 10_000, long_document_tokens=8000)
    assert (found.task_class, found.by) == ("long_document", "rules")


def test_size_is_measured_in_characters_as_well_as_tokens() -> None:
    """A pasted 20 KB document is long although 20,000 characters are only ~5,000 tokens."""
    paragraph = "The committee met on Tuesday to discuss the renovation of the east wing. " * 4
    document = "Summarise this:\n\n" + "\n\n".join([paragraph] * 70)
    assert 16_000 < len(document) < 32_000
    found = classify_rules(document, long_document_tokens=8000, long_document_chars=16000)
    assert found.task_class == "long_document"
    assert found.reasons == [f"{len(document)} characters > 16000"]
    short = classify_rules(document[:12_000], long_document_tokens=8000, long_document_chars=16000)
    assert short.task_class != "long_document"


async def test_llm_classifier_asks_ollama_at_temperature_zero(
    make_routing: Any, upstreams: Upstreams
) -> None:
    upstreams.ollama.mock(return_value=httpx.Response(200, json=ollama_chat("creative_writing")))
    mcp, rt = make_routing(classifier="llm")
    async with Client(mcp) as client:
        found = structured(await client.call_tool("classify", {"prompt": "Something for Mum"}))
        assert (found["task_class"], found["by"]) == ("creative_writing", "llm")
        sent = json.loads(upstreams.ollama.calls.last.request.content)
        assert sent["options"]["temperature"] == 0.0
        assert "creative_writing" in sent["messages"][-1]["content"]
        upstreams.ollama.mock(return_value=httpx.Response(200, json=ollama_chat("I think poetry")))
        found = structured(await client.call_tool("classify", {"prompt": "What is DNS?"}))
        assert (found["task_class"], found["by"]) == ("simple_qa", "rules")
        upstreams.tags.mock(side_effect=httpx.ConnectError("refused"))
        rt.providers["ollama"]._checked = 0.0  # forget the cached health
        found = structured(await client.call_tool("classify", {"prompt": "What is DNS?"}))
        assert found["by"] == "rules"
        assert "llm classifier unavailable" in found["reasons"][-1]
    await rt.aclose()


async def test_ollama_model_not_pulled_is_a_config_error(
    routing: Client[Any], upstreams: Upstreams
) -> None:
    upstreams.ollama.side_effect = [
        httpx.Response(404, json={"error": "model 'qwen2.5:3b' not found"}),
        httpx.Response(200, json=ollama_chat("llama answer", "llama3.2:3b")),
    ]
    result = structured(await routing.call_tool("ask", {"prompt": "What is DNS?"}))
    assert result["fallbacks_tried"][0]["reason"].startswith(
        "model_missing: model qwen2.5:3b is not pulled"
    )
    assert result["model"] == "local-llama"


async def test_openai_compatible_provider(
    make_routing: Any, upstreams: Upstreams, tmp_path: Path
) -> None:
    policy = yaml.safe_load(
        resources.files("routing_mcp").joinpath("default_policy.yaml").read_text()
    )
    policy["models"]["litellm-llama"] = {
        "provider": "openai",
        "upstream_id": "llama-3.1-8b-instruct",
        "context_window": 131072,
        "input_per_mtok": 0.1,
        "output_per_mtok": 0.2,
    }
    policy["routes"]["general"] = ["litellm-llama"]
    policy["priority"].append("litellm-llama")
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy))
    upstreams.openai.mock(return_value=httpx.Response(200, json=openai_ok("proxy answer")))
    mcp, rt = make_routing(
        policy_file=path, openai_base_url=OPENAI, openai_api_key="sk-litellm-0123456789"
    )
    async with Client(mcp) as client:
        result = structured(await client.call_tool("ask", {"prompt": "Say hi to the family"}))
        assert (result["model"], result["answer"]) == ("litellm-llama", "proxy answer")
        assert result["cost_usd"] == pytest.approx((20 * 0.1 + 10 * 0.2) / 1e6)
        request = upstreams.openai.calls.last.request
        assert request.headers["authorization"] == "Bearer sk-litellm-0123456789"
        assert json.loads(request.content)["model"] == "llama-3.1-8b-instruct"
        upstreams.openai.mock(return_value=OPENAI_NO_QUOTA)
        result = structured(await client.call_tool("ask", {"prompt": "Say hi to the family"}))
        assert result["model"] == "gemini-flash"
        assert result["fallbacks_tried"][0]["reason"].startswith("exhausted")
    await rt.aclose()


def test_a_pasted_megabyte_is_counted_like_a_prompt() -> None:
    """Past SPLIT_WORDS_UP_TO the words are counted by their breaks (no string per word on the
    event loop): the same estimate as ``split`` on text with single breaks."""
    line = "id 7 ok 3 x y z q\n"  # short words: the word estimate is the larger one
    big = line * (SPLIT_WORDS_UP_TO // len(line) + 500)
    assert len(big) > SPLIT_WORDS_UP_TO
    by_split = round(len(big.split()) * 1.3)
    assert by_split > len(big) // 4
    assert abs(estimate_tokens(big) - by_split) <= 2
