"""Serve an ASGI app with uvicorn on a free loopback port, in a thread, for real-HTTP tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from tests.peers import free_port


@contextmanager
def live_server(
    app: Any,
    *,
    ready_path: str = "/healthz",
    timeout: float = 15.0,
    tls: tuple[str, str] | None = None,
) -> Iterator[str]:
    """Run ``app`` until the block exits; yield its base URL (``http://127.0.0.1:PORT``, or
    https with ``tls=(certfile, keyfile)``)."""
    port = free_port()
    certfile, keyfile = tls or (None, None)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                # readiness only: the tests themselves verify the certificate
                httpx.get(base + ready_path, timeout=1.0, verify=not tls)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or not thread.is_alive():
                    raise RuntimeError(f"server on {base} did not start") from None
                time.sleep(0.05)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
