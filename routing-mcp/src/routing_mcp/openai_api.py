"""The router's second front door: an OpenAI-compatible API beside ``/mcp`` (same app, same auth).

``GET /v1/models`` lists ``homelab-auto`` (routes each request) and every policy model (an
explicit choice, still behind the PII gate and the quotas). ``POST /v1/chat/completions`` goes
through the same engine as the MCP ``ask`` tool; with ``stream: true`` the answer is relayed as
server-sent events in OpenAI's chunk format as the chosen model produces it.

Auth: these are custom routes, which FastMCP does not guard, so each handler checks the caller
the app's authentication middleware resolved from the same bearer token as ``/mcp`` (the shared
``HOMELAB_AUTH_TOKENS``/JWT verifier). Without auth configured the server only binds to loopback.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import anyio
from fastmcp import FastMCP
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from routing_mcp.engine import NoAnswer
from routing_mcp.gate import AUTO_MODEL, Refused
from routing_mcp.models import AskResult, Attempt
from routing_mcp.openai_wire import (
    Metadata,
    chunk,
    completion,
    error_body,
    error_status,
    new_id,
    parse_body,
    sse,
    to_request,
    usage,
)
from routing_mcp.streaming import RoutedStream, StreamBroken

if TYPE_CHECKING:
    from homelab_shared.toolbox import ClientHolder
    from routing_mcp.runtime import RoutingRuntime

log = logging.getLogger("routing")


def error(
    status: int, message: str, kind: str, code: str | None = None, **headers: str
) -> Response:
    return JSONResponse(error_body(message, kind, code), status_code=status, headers=headers)


def denied(request: Request, mcp: FastMCP[Any]) -> Response | None:
    """401 unless the authentication middleware verified the caller's bearer token. No user in
    the scope means no authentication middleware: allowed only when no auth is configured."""
    user = request.scope.get("user")
    if user is None and mcp.auth is None:
        return None
    if user is not None and getattr(user, "is_authenticated", False):
        return None
    return error(
        401,
        "a valid bearer token is required (Authorization: Bearer <token from HOMELAB_AUTH_TOKENS>)",
        "invalid_request_error",
        "invalid_api_key",
        **{"WWW-Authenticate": 'Bearer realm="routing"'},
    )


def refusal(err: Refused) -> Response:
    status, kind, code = error_status(err)
    headers: dict[str, str] = {}
    if status == 429 and isinstance(err, NoAnswer) and err.retry_after is not None:
        headers["retry-after"] = str(math.ceil(err.retry_after))
    return error(status, str(err), kind, code, **headers)


def decision_headers(
    model: str, provider: str, task_class: str, fallbacks: list[Attempt], pii: list[str]
) -> dict[str, str]:
    return {
        "x-homelab-model": model,
        "x-homelab-provider": provider,
        "x-homelab-task-class": task_class,
        "x-homelab-fallbacks": ",".join(a.model for a in fallbacks),
        "x-homelab-pii": ",".join(pii) or "none",
    }


def add_openai_routes(
    mcp: FastMCP[Any], holder: ClientHolder[RoutingRuntime], default_max_tokens: int
) -> None:
    @mcp.custom_route("/v1/models", methods=["GET"], include_in_schema=False)
    async def models(request: Request) -> Response:
        if (no := denied(request, mcp)) is not None:
            return no
        policy = holder.get().policy
        data = [{"id": AUTO_MODEL, "object": "model", "created": 0, "owned_by": "homelab"}]
        data += [
            {"id": name, "object": "model", "created": 0, "owned_by": spec.provider}
            for name, spec in policy.models.items()
        ]
        return JSONResponse({"object": "list", "data": data})

    @mcp.custom_route("/v1/chat/completions", methods=["POST"], include_in_schema=False)
    async def chat_completions(request: Request) -> Response:
        if (no := denied(request, mcp)) is not None:
            return no
        try:
            body = parse_body(await request.body())
            chat = to_request(body, default_max_tokens)
            rt = holder.get()
            await rt.ensure_scanner()
            if body.stream:
                include_usage = bool(body.stream_options and body.stream_options.include_usage)
                return streamed(await rt.router.stream(chat), include_usage)
            return answered(await rt.router.answer(chat))
        except Refused as err:
            return refusal(err)
        except Exception:  # never a stack trace to the caller; the log has it
            log.exception("chat completion failed")
            return error(500, "internal error in the router (see its log)", "server_error")


def answered(result: AskResult) -> Response:
    meta = Metadata(
        model=result.model,
        provider=result.provider,
        task_class=result.task_class,
        pii_found=result.pii_found,
        pii_fields=result.pii_fields,
        fallbacks=result.fallbacks_tried,
        cost_usd=result.cost_usd,
        quota_left=result.quota_left,
    )
    body = completion(
        result.answer, result.finish_reason, (result.tokens_in, result.tokens_out), meta
    )
    pii = sorted({kind for f in result.pii_fields for kind in f.types})
    headers = decision_headers(
        result.model, result.provider, result.task_class, result.fallbacks_tried, pii
    )
    headers["x-homelab-cost-usd"] = f"{result.cost_usd:.8f}"
    return JSONResponse(body, headers=headers)


def streamed(routed: RoutedStream, include_usage: bool) -> Response:
    gate = routed.gate
    headers = decision_headers(
        routed.model,
        routed.provider,
        gate.classification.task_class,
        routed.fallbacks,
        gate.pii_types,
    )
    headers["cache-control"] = "no-cache"
    return RelayResponse(
        relay(routed, include_usage), media_type="text/event-stream", headers=headers
    )


class RelayResponse(StreamingResponse):
    """A stream that ends, and settles, as soon as the client leaves: it listens for the
    disconnect whatever ASGI spec version the server speaks (Starlette does only below 2.4),
    and closes the relay at once, so the reader task stops and the reservation is settled even
    when the cancellation lands in a send (Starlette would leave the relay to the collector)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with anyio.create_task_group() as group:

            async def stream() -> None:
                try:
                    await self.stream_response(send)
                finally:
                    group.cancel_scope.cancel()
                    with anyio.CancelScope(shield=True):  # settle now, not when collected
                        await self.body_iterator.aclose()  # type: ignore[attr-defined]

            group.start_soon(stream)
            await self.listen_for_disconnect(receive)
            group.cancel_scope.cancel()


async def relay(routed: RoutedStream, include_usage: bool) -> AsyncIterator[bytes]:
    """The chosen model's stream as OpenAI chunks; after a failure, an error chunk ends it."""
    chunk_id, created, model = new_id(), int(time.time()), routed.model
    try:
        yield sse(chunk(chunk_id, created, model, {"role": "assistant", "content": ""}))
        async for batch in routed.batches():
            # What arrived together goes out as one chunk: the same text, never held back.
            if text := "".join(piece.text for piece in batch):
                yield sse(chunk(chunk_id, created, model, {"content": text}))
    except StreamBroken as err:
        yield sse(error_body(str(err), "server_error", "stream_interrupted"))
        yield sse("[DONE]")
        return
    finally:
        await routed.aclose()
    done = routed.usage
    if done is None:  # unreachable: batches() settles before it ends
        raise RuntimeError("stream ended without settlement")
    gate = routed.gate
    final = chunk(chunk_id, created, model, {}, done.finish)
    final["homelab"] = Metadata(
        model=model,
        provider=routed.provider,
        task_class=gate.classification.task_class,
        pii_found=bool(gate.pii_types),
        pii_fields=gate.fields_found(),
        fallbacks=routed.fallbacks,
        cost_usd=done.cost_usd,
        quota_left=done.quota_left,
    ).model_dump(mode="json")
    yield sse(final)
    if include_usage:
        last = {**chunk(chunk_id, created, model, {}), "choices": []}
        last["usage"] = usage(done.tokens_in, done.tokens_out)
        yield sse(last)
    yield sse("[DONE]")
