"""Serve a server (or the gateway) over stdio, stateless streamable HTTP, or legacy SSE.

Adds ``/healthz`` (process alive), ``/readyz`` (every upstream reachable and authenticated) and
``/metrics`` (Prometheus; behind the bearer token when auth is configured) to the top-level server.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import anyio
from fastmcp import FastMCP
from fastmcp.server.auth import TokenVerifier
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from homelab_shared.auth import build_auth, check_bind, is_loopback
from homelab_shared.errors import (
    AuthFailed,
    ConfigError,
    Forbidden,
    Unreachable,
    UpstreamError,
    UpstreamTimeout,
)
from homelab_shared.metrics import disable as disable_metrics
from homelab_shared.metrics import exposition
from homelab_shared.observability import configure_logging
from homelab_shared.readiness_metrics import record_readiness
from homelab_shared.runtime import RuntimeSettings, Transport
from homelab_shared.shutdown import (
    ClosableStdin,
    run_quietly,
    stop_on_sigterm,
    stop_stdio_on_signals,
)
from homelab_shared.stdio import native_possible, serve_stdio
from homelab_shared.toolbox import Readiness, Toolbox
from homelab_shared.warmup import FALLBACK_S, STDIO_FALLBACK_S, FirstListing, start_up_enabled

log = logging.getLogger("homelab.runner")
READY_TIMEOUT = 10.0
# Open streams get this long to finish on SIGINT/SIGTERM before uvicorn closes them.
GRACEFUL_SHUTDOWN_S = 5

Probe = Callable[[], Awaitable[Readiness]]


async def run_probe(probe: Probe, deadline_s: float = READY_TIMEOUT) -> Readiness:
    """Run a readiness probe with a deadline; turn every failure into a report, never a crash."""
    try:
        return await asyncio.wait_for(probe(), deadline_s)
    except TimeoutError:
        return Readiness(ok=False, reachable=False, authenticated=False, detail="timed out")
    except (Unreachable, UpstreamTimeout) as err:
        return Readiness(ok=False, reachable=False, authenticated=False, detail=str(err))
    except UpstreamError as err:
        denied = isinstance(err, AuthFailed | Forbidden)
        return Readiness(ok=False, reachable=True, authenticated=not denied, detail=str(err))
    except Exception as err:  # masked: the type only, never a message that may hold data
        log.warning("readiness probe failed", exc_info=True)
        return Readiness(ok=False, reachable=False, authenticated=False, detail=type(err).__name__)


async def check_ready(box: Toolbox) -> Readiness:
    if box.ready is None:
        return Readiness(ok=True, reachable=True, authenticated=True, detail="no upstream")
    return await run_probe(box.ready)


async def _authorized(request: Request, auth: TokenVerifier | None) -> bool:
    if auth is None:
        return True
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return False
    return await auth.verify_token(token.strip()) is not None


async def may_see_details(request: Request, auth: TokenVerifier | None, host: str) -> bool:
    """Readiness details (versions, location names, upstream errors) help an attacker map the
    house: only a valid bearer token sees them, or anyone on a loopback-only server without auth."""
    if auth is None:
        return is_loopback(host)
    return await _authorized(request, auth)


def add_routes(
    mcp: FastMCP[Any],
    boxes: Sequence[Toolbox],
    runtime: RuntimeSettings,
    auth: TokenVerifier | None,
    unready: Mapping[str, str] | None = None,
) -> None:
    """``unready``: servers the operator configured that could not be served (name -> what to
    fix); while there is any, ``/readyz`` answers 503."""
    metrics_auth = None if runtime.metrics_public else auth

    @mcp.custom_route("/healthz", methods=["GET"], include_in_schema=False)
    async def healthz(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    @mcp.custom_route("/readyz", methods=["GET"], include_in_schema=False)
    async def readyz(request: Request) -> Response:
        results = await asyncio.gather(*(check_ready(box) for box in boxes))
        record_readiness(boxes, results)
        ok = is_ready(results, unready)
        body: dict[str, Any] = {"ready": ok}
        if await may_see_details(request, auth, runtime.host):
            servers = {box.name: r.model_dump() for box, r in zip(boxes, results, strict=True)}
            servers.update(unready_body(unready))
            body["servers"] = servers
        return JSONResponse(body, status_code=200 if ok else 503)

    @mcp.custom_route("/metrics", methods=["GET"], include_in_schema=False)
    async def metrics(request: Request) -> Response:
        if not await _authorized(request, metrics_auth):
            return Response(
                "bearer token required\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
            )
        body, content_type = exposition()
        return Response(body, media_type=content_type)


def is_ready(results: Sequence[Readiness], unready: Mapping[str, str] | None) -> bool:
    """Ready only if every probe says ok and no configured server failed to load."""
    return all(r.ok for r in results) and not unready


def unready_body(unready: Mapping[str, str] | None) -> dict[str, Any]:
    return {
        name: Readiness(ok=False, reachable=False, authenticated=False, detail=reason).model_dump()
        for name, reason in (unready or {}).items()
    }


def prepare(
    mcp: FastMCP[Any],
    boxes: Sequence[Toolbox],
    runtime: RuntimeSettings,
    transport: Transport,
    unready: Mapping[str, str] | None = None,
) -> TokenVerifier | None:
    """Attach auth and routes; refuse an unauthenticated non-loopback bind."""
    auth = build_auth(runtime, http=transport != "stdio")
    if transport != "stdio":
        check_bind(runtime.host, auth, runtime.insecure_no_auth)
        if auth is None and not is_loopback(runtime.host):
            log.warning(
                "INSECURE: serving on %s with NO AUTHENTICATION (--insecure-no-auth): anyone who "
                "can reach this address can call every enabled tool; set HOMELAB_AUTH_TOKENS",
                runtime.host,
            )
    mcp.auth = auth
    add_routes(mcp, boxes, runtime, auth, unready)
    return auth


def http_app(
    mcp: FastMCP[Any],
    boxes: Sequence[Toolbox],
    runtime: RuntimeSettings,
    transport: Transport = "http",
    unready: Mapping[str, str] | None = None,
) -> Any:
    """The ASGI app (tests drive it in-process; ``serve`` runs it under uvicorn)."""
    prepare(mcp, boxes, runtime, transport, unready)
    if transport == "sse":
        return mcp.http_app(transport="sse")
    return mcp.http_app(path=runtime.path, stateless_http=True)


def resolve_port(runtime: RuntimeSettings, default_port: int) -> int:
    return runtime.port or default_port


def ensure_port_free(host: str, port: int) -> None:
    """Fail before start-up with a hint, instead of uvicorn's one-line bind error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind((host, port))
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise ConfigError(f"cannot listen on {host}:{port}: {err.strerror}") from None
            raise ConfigError(
                f"port {port} on {host} is already in use (another homelab-mcp?): stop that "
                "process, or choose another port with --port N (or HOMELAB_PORT)"
            ) from None


def serve(
    mcp: FastMCP[Any],
    boxes: Sequence[Toolbox],
    runtime: RuntimeSettings,
    transport: Transport,
    default_port: int,
    *,
    unready: Mapping[str, str] | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM. ``unready``: configured servers that could not be loaded
    (``/readyz`` is 503). Each server probes its upstream once at start and warms up: one
    server before it answers (capped), several after the first ``tools/list``
    (``homelab_shared.warmup``)."""
    configure_logging(runtime.log_level, runtime.log_format)
    if transport == "stdio":
        disable_metrics()  # /metrics is served over HTTP only: nobody could read them
    prepare(mcp, boxes, runtime, transport, unready)
    for box in boxes:  # the tool schemas a first start computed, for the next start
        box.schemas.save()
    mcp.add_middleware(FirstListing())
    fallback_s = STDIO_FALLBACK_S if transport == "stdio" else FALLBACK_S
    with start_up_enabled(fallback_s, before_serving=len(boxes) == 1, wait_s=runtime.startup_wait):
        _run(mcp, runtime, transport, default_port)


def _run(mcp: FastMCP[Any], runtime: RuntimeSettings, transport: Transport, port: int) -> None:
    if transport == "stdio":
        if native_possible():  # a client's own pipes: served on the event loop, no threads
            run_quietly(lambda: anyio.run(serve_stdio, mcp))
            return
        stop_stdio_on_signals(ClosableStdin().close)  # a terminal or a file: the SDK's transport
        run_quietly(lambda: mcp.run(transport="stdio", show_banner=False))
        return
    port = resolve_port(runtime, port)
    ensure_port_free(runtime.host, port)
    kwargs: dict[str, Any] = {
        "host": runtime.host,
        "port": port,
        "show_banner": False,
        # Keep uvicorn from installing its own handlers: its access log would print every
        # request line (query strings included) to stdout, unscrubbed and not JSON.
        "uvicorn_config": {"log_config": None, "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_S},
    }
    if transport == "http":
        kwargs.update(path=runtime.path, stateless_http=True)
    log.info("serving", extra={"transport": transport, "host": runtime.host, "port": port})
    stop_on_sigterm()
    run_quietly(lambda: mcp.run(transport=transport, **kwargs))
