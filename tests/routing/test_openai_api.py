"""The OpenAI-compatible API through the official ``openai`` SDK, sync and async, streaming and not,
over real HTTP, with every provider faked on loopback in its real wire format."""

from __future__ import annotations

import time
from typing import Any

import httpx
import openai
import pytest

from tests.routing.fake_providers import ANSWER, WORDS, Fakes
from tests.routing.openai_harness import GENERAL, SIMPLE, TOKEN, Served

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def served(lan_served: Served) -> Served:
    return lan_served


def test_models_lists_the_routing_model_and_every_policy_model(served: Served) -> None:
    ids = [m.id for m in served.client().models.list()]
    assert ids[0] == "homelab-auto"
    assert {"local-qwen", "gemini-flash", "claude-sonnet", "lan-llm"} <= set(ids)


def test_a_token_is_required_as_for_mcp(served: Served) -> None:
    wrong = openai.OpenAI(base_url=served.url + "/v1", api_key="not-a-token", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        wrong.models.list()
    bare = httpx.post(served.url + "/v1/chat/completions", json={})
    assert bare.status_code == 401
    assert bare.json()["error"]["code"] == "invalid_api_key"
    mcp = httpx.post(served.url + "/mcp", json={})
    assert mcp.status_code == 401  # the same token guards both doors


def test_sync_completion_routes_and_reports_the_decision(served: Served, fakes: Fakes) -> None:
    raw = served.client().chat.completions.with_raw_response.create(
        model="homelab-auto",
        messages=[
            {"role": "system", "content": "Answer in plain words."},
            {"role": "user", "content": GENERAL},
        ],
        max_tokens=300,
        temperature=0.7,
        stop=["\n\n"],
    )
    done = raw.parse()
    assert done.choices[0].message.content == ANSWER
    assert done.choices[0].finish_reason == "stop"
    assert done.model == "gemini-flash"
    assert done.usage is not None
    assert (done.usage.prompt_tokens, done.usage.completion_tokens) == (12, len(WORDS))
    assert raw.headers["x-homelab-model"] == "gemini-flash"
    assert raw.headers["x-homelab-task-class"] == "general"
    assert raw.headers["x-homelab-pii"] == "none"
    [sent] = fakes.bodies["gemini"]
    assert sent["generationConfig"] == {
        "maxOutputTokens": 300,
        "temperature": 0.7,
        "stopSequences": ["\n\n"],
    }
    assert sent["systemInstruction"] == {"parts": [{"text": "Answer in plain words."}]}
    meta = (done.model_extra or {})["homelab"]
    assert meta["cost_usd"] == pytest.approx((12 * 0.30 + len(WORDS) * 2.50) / 1e6)


def test_conversation_turns_reach_the_provider_in_order(served: Served, fakes: Fakes) -> None:
    served.client().chat.completions.create(
        model="claude-haiku",
        messages=[
            {"role": "user", "content": [{"type": "text", "text": "Name a prime."}]},
            {"role": "assistant", "content": "Seven."},
            {"role": "user", "content": "And one larger than it?"},
        ],
    )
    [sent] = fakes.bodies["anthropic"]
    assert sent["messages"] == [
        {"role": "user", "content": "Name a prime."},
        {"role": "assistant", "content": "Seven."},
        {"role": "user", "content": "And one larger than it?"},
    ]


# (model asked for, prompt, provider that must answer, its model name, usage it reports)
STREAMS = [
    ("homelab-auto", SIMPLE, "ollama", "local-qwen", (26, len(WORDS))),
    ("homelab-auto", GENERAL, "gemini", "gemini-flash", (12, len(WORDS))),
    ("claude-haiku", GENERAL, "anthropic", "claude-haiku", (15, len(WORDS))),
    ("lan-llm", GENERAL, "openai", "lan-llm", (20, len(WORDS))),
]


@pytest.mark.parametrize(("asked", "prompt", "provider", "model", "tokens"), STREAMS)
async def test_async_stream_relays_each_provider_as_it_arrives(
    served: Served,
    fakes: Fakes,
    asked: str,
    prompt: str,
    provider: str,
    model: str,
    tokens: tuple[int, int],
) -> None:
    fakes.chunk_delay = 0.05
    client = served.async_client()
    stream = await client.chat.completions.create(
        model=asked,
        messages=[{"role": "user", "content": prompt}],
        stream=True,
        stream_options={"include_usage": True},
    )
    texts, arrivals, usage, finish = [], [], None, None
    async for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            finish = choice.finish_reason or finish
            if choice.delta.content:
                texts.append(choice.delta.content)
                arrivals.append(time.monotonic())
        assert chunk.model == model
    await client.close()
    assert "".join(texts) == ANSWER
    assert texts == WORDS  # relayed piece by piece, not gathered
    # The first token is out long before the provider has finished (8 chunks, 50 ms apart).
    assert arrivals[-1] - arrivals[0] > 0.2
    assert finish == "stop"
    assert usage is not None
    assert (usage.prompt_tokens, usage.completion_tokens) == tokens
    assert fakes.calls(provider) == 1
    assert await served.rt.store.live_reservations(0) == 0


def test_sync_stream_with_the_decision_in_headers(served: Served) -> None:
    with served.client().chat.completions.with_streaming_response.create(
        model="homelab-auto", messages=[{"role": "user", "content": GENERAL}], stream=True
    ) as response:
        assert response.headers["x-homelab-model"] == "gemini-flash"
        assert response.headers["content-type"].startswith("text/event-stream")
        text = "".join(c.choices[0].delta.content or "" for c in response.parse() if c.choices)
    assert text == ANSWER


async def test_quota_is_settled_from_the_streams_final_usage(served: Served) -> None:
    client = served.async_client()
    stream = await client.chat.completions.create(
        model="claude-haiku", messages=[{"role": "user", "content": GENERAL}], stream=True
    )
    meta: dict[str, Any] = {}
    async for chunk in stream:
        meta = (chunk.model_extra or {}).get("homelab") or meta
    await client.close()
    day, _week = await served.rt.store.usage("claude-haiku", served.rt.router.window(), 0)
    assert (day.requests, day.tokens_in, day.tokens_out) == (1, 15, len(WORDS))
    assert day.reserved == 0
    assert meta["cost_usd"] == pytest.approx((15 * 1.0 + len(WORDS) * 5.0) / 1e6)
    assert meta["quota_left"]["daily_requests"] == 49


def test_bearer_token_value_never_appears_in_answers(served: Served) -> None:
    raw = served.client().chat.completions.with_raw_response.create(
        model="homelab-auto", messages=[{"role": "user", "content": SIMPLE}]
    )
    assert TOKEN not in raw.http_response.text
    assert all(TOKEN not in v for v in raw.headers.values())
