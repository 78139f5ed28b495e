"""Provider payloads in the real shapes of each API (success bodies and error bodies)."""

from __future__ import annotations

from typing import Any

import httpx

OLLAMA = "http://ollama.test:11434"
GEMINI = "https://gemini.test"
ANTHROPIC = "https://anthropic.test"
OPENAI = "http://litellm.test:4000/v1"


def ollama_tags(*models: str) -> dict[str, Any]:
    return {
        "models": [
            {
                "name": m,
                "model": m,
                "modified_at": "2025-10-02T09:14:21.372Z",
                "size": 1929912432,
                "digest": "357c53fb659c5076de1d65ccb0b397446227b71a42be9d1603d46168015c9e4b",
                "details": {
                    "parent_model": "",
                    "format": "gguf",
                    "family": "qwen2",
                    "families": ["qwen2"],
                    "parameter_size": "3.1B",
                    "quantization_level": "Q4_K_M",
                },
            }
            for m in models
        ]
    }


def ollama_chat(
    text: str, model: str = "qwen2.5:3b", tin: int = 26, tout: int = 9
) -> dict[str, Any]:
    return {
        "model": model,
        "created_at": "2026-11-26T10:00:00.000000Z",
        "message": {"role": "assistant", "content": text},
        "done_reason": "stop",
        "done": True,
        "total_duration": 812345678,
        "load_duration": 12345678,
        "prompt_eval_count": tin,
        "prompt_eval_duration": 123456789,
        "eval_count": tout,
        "eval_duration": 623456789,
    }


def gemini_ok(text: str, tin: int = 12, tout: int = 40, thoughts: int = 0) -> dict[str, Any]:
    usage: dict[str, Any] = {
        "promptTokenCount": tin,
        "candidatesTokenCount": tout,
        "totalTokenCount": tin + tout + thoughts,
        "promptTokensDetails": [{"modality": "TEXT", "tokenCount": tin}],
    }
    if thoughts:
        usage["thoughtsTokenCount"] = thoughts
    return {
        "candidates": [
            {
                "content": {"parts": [{"text": text}], "role": "model"},
                "finishReason": "STOP",
                "index": 0,
            }
        ],
        "usageMetadata": usage,
        "modelVersion": "gemini-2.5-flash",
        "responseId": "mFcnafPxNqWEvdIP0Yy5sQ4",
    }


def gemini_error(
    code: int, status: str, message: str, details: list[Any] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details is not None:
        error["details"] = details
    return {"error": error}


def gemini_429(per_day: bool, retry: str = "42s") -> httpx.Response:
    quota = (
        "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
        if per_day
        else ("GenerateRequestsPerMinutePerProjectPerModel-FreeTier")
    )
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            "violations": [
                {
                    "quotaMetric": (
                        "generativelanguage.googleapis.com/generate_content_free_tier_requests"
                    ),
                    "quotaId": quota,
                    "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"},
                    "quotaValue": "250" if per_day else "10",
                }
            ],
        },
        {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "Learn more"}]},
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry},
    ]
    body = gemini_error(
        429,
        "RESOURCE_EXHAUSTED",
        "You exceeded your current quota, please check your plan and billing details.",
        details,
    )
    return httpx.Response(429, json=body)


GEMINI_BAD_KEY = httpx.Response(
    400,
    json=gemini_error(
        400,
        "INVALID_ARGUMENT",
        "API key not valid. Please pass a valid API key.",
        [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": {"service": "generativelanguage.googleapis.com"},
            }
        ],
    ),
)
GEMINI_OVERLOADED = httpx.Response(
    503, json=gemini_error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
)
GEMINI_BAD_REQUEST = httpx.Response(
    400,
    json=gemini_error(
        400,
        "INVALID_ARGUMENT",
        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
    ),
)
GEMINI_INTERNAL = httpx.Response(
    500, json=gemini_error(500, "INTERNAL", "An internal error has occurred.")
)


def anthropic_ok(
    text: str, model: str = "claude-haiku-4-5-20251001", tin: int = 15, tout: int = 30
) -> dict[str, Any]:
    return {
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": tin,
            "output_tokens": tout,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }


def anthropic_error(
    status: int, kind: str, message: str, headers: dict[str, str] | None = None
) -> httpx.Response:
    body = {
        "type": "error",
        "error": {"type": kind, "message": message},
        "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
    }
    return httpx.Response(status, json=body, headers=headers or {})


ANTHROPIC_OVERLOADED = anthropic_error(529, "overloaded_error", "Overloaded")
ANTHROPIC_RATE_LIMITED = anthropic_error(
    429,
    "rate_limit_error",
    "Number of request tokens has exceeded your per-minute rate limit",
    {"retry-after": "17"},
)
ANTHROPIC_BAD_KEY = anthropic_error(401, "authentication_error", "invalid x-api-key")
ANTHROPIC_NO_CREDIT = anthropic_error(
    400,
    "invalid_request_error",
    "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to "
    "upgrade or purchase credits.",
)


def openai_ok(text: str, tin: int = 20, tout: int = 10) -> dict[str, Any]:
    return {
        "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "object": "chat.completion",
        "created": 1741570283,
        "model": "llama-3.1-8b-instruct",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": tin, "completion_tokens": tout, "total_tokens": tin + tout},
    }


OPENAI_NO_QUOTA = httpx.Response(
    429,
    json={
        "error": {
            "message": (
                "You exceeded your current quota, please check your plan and billing details."
            ),
            "type": "insufficient_quota",
            "param": None,
            "code": "insufficient_quota",
        }
    },
)


# The model listings each provider serves for free (readiness checks them), and OpenAI's refusal.
def anthropic_models(*ids: str) -> dict[str, Any]:
    """``GET /v1/models`` (newest first, paginated by ``first_id``/``last_id``)."""
    data = [
        {
            "type": "model",
            "id": model,
            "display_name": model.replace("-", " ").title(),
            "created_at": "2025-10-15T00:00:00Z",
        }
        for model in ids
    ]
    return {
        "data": data,
        "has_more": False,
        "first_id": ids[0] if ids else None,
        "last_id": ids[-1] if ids else None,
    }


def gemini_models(*ids: str) -> dict[str, Any]:
    """``GET /v1beta/models`` (names carry the ``models/`` prefix)."""
    return {
        "models": [
            {
                "name": f"models/{model}",
                "version": "001",
                "displayName": model.replace("-", " ").title(),
                "description": "Stable version of the model.",
                "inputTokenLimit": 1048576,
                "outputTokenLimit": 65536,
                "supportedGenerationMethods": ["generateContent", "countTokens"],
                "temperature": 1,
                "topP": 0.95,
                "topK": 64,
                "maxTemperature": 2,
                "thinking": True,
            }
            for model in ids
        ]
    }


def openai_models(*ids: str) -> dict[str, Any]:
    """``GET /v1/models``."""
    return {
        "object": "list",
        "data": [
            {"id": model, "object": "model", "created": 1721172741, "owned_by": "system"}
            for model in ids
        ],
    }


OPENAI_BAD_KEY = httpx.Response(
    401,
    json={
        "error": {
            "message": "Incorrect API key provided: sk-wrong. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    },
)
