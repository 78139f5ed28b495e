"""OpenAI's chat-completions wire format: the request body, and the bodies the router answers.

Kept apart from the routes (openai_api.py) so the shapes can be read against OpenAI's reference
in one place. Only text is accepted: an image or a tool result could carry personal data the
gate cannot scan, and the router has nowhere to send it.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from routing_mcp.engine import NoAnswer
from routing_mcp.gate import AUTO_MODEL, BadRequest, ChatRequest
from routing_mcp.models import Attempt, PiiField, QuotaLeft
from routing_mcp.policy import TaskClass
from routing_mcp.providers.base import Params, Turn


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class ChatBody(BaseModel):
    """The fields the router honours; other OpenAI fields (top_p, user, seed...) are ignored."""

    model_config = ConfigDict(extra="ignore")
    model: str = Field(min_length=1)
    messages: list[Message] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    max_tokens: int | None = Field(None, ge=1, le=65536)
    max_completion_tokens: int | None = Field(None, ge=1, le=65536)
    temperature: float | None = Field(None, ge=0, le=2)
    stop: str | list[str] | None = None
    n: int = Field(1, ge=1, le=1, description="One choice only")
    task_class: TaskClass | None = Field(None, description="Extension: skip classification")

    @field_validator("stop")
    @classmethod
    def _stops(cls, value: str | list[str] | None) -> str | list[str] | None:
        if isinstance(value, list) and len(value) > 4:
            raise ValueError("at most 4 stop sequences")
        return value

    def stops(self) -> tuple[str, ...]:
        if self.stop is None:
            return ()
        return (self.stop,) if isinstance(self.stop, str) else tuple(s for s in self.stop if s)


def parse_body(raw: bytes) -> ChatBody:
    try:
        data = json.loads(raw)
    except ValueError:
        raise BadRequest("the request body is not JSON") from None
    try:
        return ChatBody.model_validate(data)
    except ValidationError as err:
        # Where and what only: the input itself may be personal data.
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in err.errors()
        ]
        raise BadRequest("invalid request: " + "; ".join(problems[:5])) from None


def _text(message: Message, index: int) -> str:
    if message.content is None or isinstance(message.content, str):
        return message.content or ""
    texts = []
    for part in message.content:
        if part.type != "text":
            raise BadRequest(
                f"messages[{index}] has a {part.type!r} part: only text is supported (the "
                "router cannot scan other content for personal data)"
            )
        texts.append(part.text or "")
    return "\n".join(texts)


def to_request(body: ChatBody, default_max_tokens: int) -> ChatRequest:
    """The conversation as the router takes it: system and developer messages form the system
    text; user and assistant messages are the turns, each named after its index."""
    system, turns, fields = list[str](), list[Turn](), list[str]()
    for index, message in enumerate(body.messages):
        text = _text(message, index)
        if message.role in ("system", "developer"):
            system.append(text)
        elif message.role in ("user", "assistant"):
            turns.append(Turn(message.role, text))
            fields.append(f"messages[{index}]")
        else:
            raise BadRequest(
                f"messages[{index}] has role {message.role!r}: tool calls are not supported; "
                "send system, user and assistant messages"
            )
    if not any(t.role == "user" for t in turns):
        raise BadRequest("messages has no user message: give the request as a user message")
    params = Params(
        body.max_completion_tokens or body.max_tokens or default_max_tokens,
        0.2 if body.temperature is None else body.temperature,
        body.stops(),
    )
    return ChatRequest(
        tuple(turns),
        tuple(fields),
        "\n\n".join(s for s in system if s) or None,
        body.task_class,
        None if body.model == AUTO_MODEL else body.model,
        params,
        door="http",
    )


class Metadata(BaseModel):
    """What the router decided, beside OpenAI's fields (clients ignore what they do not know)."""

    model: str
    provider: str
    task_class: str
    pii_found: bool
    pii_fields: list[PiiField]
    fallbacks: list[Attempt]
    cost_usd: float | None = None
    quota_left: QuotaLeft | None = None


def new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def usage(tokens_in: int, tokens_out: int) -> dict[str, int]:
    return {
        "prompt_tokens": tokens_in,
        "completion_tokens": tokens_out,
        "total_tokens": tokens_in + tokens_out,
    }


def completion(answer: str, finish: str, tokens: tuple[int, int], meta: Metadata) -> dict[str, Any]:
    return {
        "id": new_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": meta.model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer},
                "finish_reason": finish,
            }
        ],
        "usage": usage(*tokens),
        "homelab": meta.model_dump(mode="json"),
    }


def chunk(
    chunk_id: str, created: int, model: str, delta: dict[str, Any], finish: str | None = None
) -> dict[str, Any]:
    return {
        "id": chunk_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def sse(data: dict[str, Any] | str) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    return f"data: {text}\n\n".encode()


def error_body(message: str, kind: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def error_status(err: Exception) -> tuple[int, str, str]:
    """HTTP status, OpenAI error type and code for a refusal."""
    if isinstance(err, BadRequest):
        return 400, "invalid_request_error", "invalid_request"
    if isinstance(err, NoAnswer) and err.retry_after is not None:
        return 429, "rate_limit_error", "quota_exceeded"
    return 503, "server_error", "no_model_available"
