"""The HTTP door takes the same decisions as ``ask``: fallbacks before the first token, an error
chunk after it, exact quotas under concurrency, OpenAI-shaped errors, and the PII gate on every
message of the conversation."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import httpx2
import openai
import pytest

from routing_mcp.pii import PiiScanner
from tests.peers import free_port
from tests.routing.fake_providers import ANSWER, WORDS, Fakes
from tests.routing.openai_harness import GENERAL, REVIEW, TOKEN, Served, serve_router

pytestmark = pytest.mark.timeout(120)

GEMINI_OVERLOADED = {
    "error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}
}
ANTHROPIC_OVERLOADED = {
    "type": "error",
    "error": {"type": "overloaded_error", "message": "Overloaded"},
}
EMAIL = "jane.doe@gmail.com"


@pytest.fixture
def serve(
    fakes: Fakes, scanner: PiiScanner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Any:
    def start(env: dict[str, str] | None = None, **overrides: Any) -> Any:
        return serve_router(fakes, scanner, monkeypatch, tmp_path / "state", env, **overrides)

    return start


@pytest.fixture
def served(serve: Any) -> Iterator[Served]:
    with serve() as running:
        yield running


async def collect(stream: Any) -> tuple[str, dict[str, Any]]:
    text, meta = [], {}
    async for chunk in stream:
        meta = (chunk.model_extra or {}).get("homelab") or meta
        text += [c.delta.content or "" for c in chunk.choices]
    return "".join(text), meta


@pytest.mark.parametrize(
    "failure",
    [("status", 503, GEMINI_OVERLOADED), ("break", 0)],
    ids=["http-503", "error-event-before-any-text"],
)
async def test_failure_before_the_first_token_falls_back_unseen(
    served: Served, fakes: Fakes, failure: tuple[Any, ...]
) -> None:
    fakes.plan("gemini", failure)
    client = served.async_client()
    response = await client.chat.completions.with_raw_response.create(
        model="homelab-auto", messages=[{"role": "user", "content": GENERAL}], stream=True
    )
    assert response.headers["x-homelab-model"] == "claude-haiku"  # gemini's fallback chain
    assert response.headers["x-homelab-fallbacks"] == "gemini-flash"
    text, meta = await collect(response.parse())
    await client.close()
    assert text == ANSWER
    assert [f["model"] for f in meta["fallbacks"]] == ["gemini-flash"]
    assert (fakes.calls("gemini"), fakes.calls("anthropic")) == (1, 1)
    assert await served.rt.store.live_reservations(0) == 0


async def test_failure_after_the_first_token_ends_with_an_error_chunk(
    served: Served, fakes: Fakes
) -> None:
    fakes.plan("anthropic", ("break", 3))
    client = served.async_client()
    stream = await client.chat.completions.create(
        model="claude-haiku", messages=[{"role": "user", "content": GENERAL}], stream=True
    )
    seen: list[str] = []

    async def read() -> None:
        async for chunk in stream:
            seen.extend(c.delta.content or "" for c in chunk.choices)

    with pytest.raises(openai.APIError, match="failed after it started answering"):
        await read()
    await client.close()
    assert "".join(seen) == "".join(WORDS[:3])
    assert fakes.calls("gemini") == 0  # no second answer spliced onto the first
    day, _ = await served.rt.store.usage("claude-haiku", served.rt.router.window(), 0)
    # The provider billed what it produced: the reservation is settled, not leaked or dropped.
    assert (day.requests, day.reserved, day.tokens_in) == (1, 0, 15)


def test_non_streamed_failure_falls_back_like_ask(served: Served, fakes: Fakes) -> None:
    fakes.plan("anthropic", ("status", 529, ANTHROPIC_OVERLOADED))
    raw = served.client().chat.completions.with_raw_response.create(
        model="homelab-auto", messages=[{"role": "user", "content": REVIEW}]
    )
    assert raw.headers["x-homelab-model"] == "gemini-flash"  # anthropic's fallback chain
    assert raw.headers["x-homelab-fallbacks"] == "claude-sonnet"
    assert raw.parse().choices[0].message.content == ANSWER


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"model": "homelab-auto", "messages": []}, "messages"),
        ({"model": "gpt-9", "messages": [{"role": "user", "content": "hi"}]}, "unknown model"),
        ({"model": "homelab-auto", "messages": [{"role": "system", "content": "x"}]}, "user"),
        ({"model": "homelab-auto", "messages": [{"role": "user", "content": "  "}]}, "empty"),
        (
            {
                "model": "homelab-auto",
                "messages": [
                    {
                        "role": "user",
                        "content": [{"type": "image_url", "image_url": {"url": "x"}}],
                    }
                ],
            },
            "only text",
        ),
        (
            {"model": "homelab-auto", "messages": [{"role": "user", "content": "hi"}], "n": 3},
            "n:",
        ),
    ],
)
def test_bad_requests_are_400_in_openais_error_shape(
    served: Served, fakes: Fakes, body: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        served.client().chat.completions.create(**body)
    error = caught.value.body
    assert isinstance(error, dict)
    assert fragment in error["message"]
    assert error["type"] == "invalid_request_error"
    assert "Traceback" not in caught.value.response.text
    assert fakes.cloud_calls() + fakes.calls("ollama") == 0


def test_not_json_is_400(served: Served) -> None:
    response = httpx.post(
        served.url + "/v1/chat/completions",
        content=b"{not json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "the request body is not JSON"


def test_every_candidate_over_quota_is_429_with_retry_after(serve: Any, fakes: Fakes) -> None:
    limits = ("CLAUDE_HAIKU", "GEMINI_FLASH", "GEMINI_PRO", "LOCAL_QWEN")
    with (
        serve({f"{m}_DAILY_LIMIT": "0" for m in limits}) as served,
        pytest.raises(openai.RateLimitError) as caught,
    ):
        served.client().chat.completions.create(
            model="claude-haiku", messages=[{"role": "user", "content": GENERAL}]
        )
    wait = int(caught.value.response.headers["retry-after"])
    assert 0 < wait <= 86400  # until the day's window starts over
    assert "quota: daily_requests" in caught.value.message
    assert fakes.cloud_calls() + fakes.calls("ollama") == 0


def test_nothing_able_to_answer_is_503(serve: Any, fakes: Fakes) -> None:
    down = f"http://127.0.0.1:{free_port()}"
    with (
        serve({"OLLAMA_HOST": down}) as served,
        pytest.raises(openai.InternalServerError) as caught,
    ):
        served.client().chat.completions.create(
            model="homelab-auto",
            messages=[{"role": "user", "content": f"Write to {EMAIL} about the party"}],
        )
    assert caught.value.status_code == 503
    assert "only local models may answer" in caught.value.message
    assert fakes.cloud_calls() == 0


# Personal data in each place a conversation can carry it; the request itself is general.
PII_CONVERSATIONS = {
    "system": [
        {"role": "system", "content": f"The user is {EMAIL}."},
        {"role": "user", "content": GENERAL},
    ],
    "earlier-user-turn": [
        {"role": "user", "content": f"My address is {EMAIL}."},
        {"role": "assistant", "content": "Noted."},
        {"role": "user", "content": GENERAL},
    ],
    "earlier-assistant-turn": [
        {"role": "user", "content": "Who sent the invoice?"},
        {"role": "assistant", "content": f"It came from {EMAIL}."},
        {"role": "user", "content": GENERAL},
    ],
    "content-part": [
        {
            "role": "user",
            "content": [{"type": "text", "text": GENERAL}, {"type": "text", "text": EMAIL}],
        }
    ],
    "developer": [
        {"role": "developer", "content": f"Reply-To: {EMAIL}"},
        {"role": "user", "content": GENERAL},
    ],
}


@pytest.mark.parametrize("stream", [False, True], ids=["complete", "stream"])
@pytest.mark.parametrize("where", list(PII_CONVERSATIONS))
@pytest.mark.parametrize("model", ["homelab-auto", "claude-sonnet"])
async def test_personal_data_in_any_message_never_reaches_a_cloud_provider(
    served: Served, fakes: Fakes, where: str, stream: bool, model: str
) -> None:
    client = served.async_client()
    messages: Any = PII_CONVERSATIONS[where]
    response = await client.chat.completions.with_raw_response.create(
        model=model, messages=messages, stream=stream
    )
    parsed: Any = response.parse()  # a stream or a completion, as ``stream`` asked
    if stream:
        text, _ = await collect(parsed)
    else:
        text = parsed.choices[0].message.content or ""
    await client.close()
    assert text == ANSWER
    assert response.headers["x-homelab-model"] == "local-qwen"
    assert response.headers["x-homelab-pii"] == "EMAIL_ADDRESS"
    assert fakes.cloud_calls() == 0
    assert EMAIL in str(fakes.bodies["ollama"])  # answered locally, with the whole conversation


async def test_concurrent_completions_reach_claude_exactly_its_limit(
    serve: Any, fakes: Fakes
) -> None:
    fakes.answer_delay = 0.02  # keep many calls in flight at once
    with serve({"CLAUDE_SONNET_DAILY_LIMIT": "13"}) as served:
        client = served.async_client(
            http_client=openai.DefaultAsyncHttpxClient(limits=httpx2.Limits(max_connections=100))
        )

        async def one(i: int) -> str:
            messages: Any = [{"role": "user", "content": REVIEW}]
            if i % 2:  # half streamed, half not: one quota behind both
                response = await client.chat.completions.with_raw_response.create(
                    model="homelab-auto", messages=messages, stream=True
                )
                await collect(response.parse())
            else:
                response = await client.chat.completions.with_raw_response.create(
                    model="homelab-auto", messages=messages
                )
            return response.headers["x-homelab-model"]

        models = await asyncio.gather(*(one(i) for i in range(60)))
        await client.close()
        live = await served.rt.store.live_reservations(0)
        day, _ = await served.rt.store.usage("claude-sonnet", served.rt.router.window(), 0)
    assert models.count("claude-sonnet") == 13
    assert fakes.calls("anthropic") == 13
    assert models.count("gemini-flash") == 47  # the quota fallback chain
    assert (day.requests, day.reserved, live) == (13, 0, 0)
