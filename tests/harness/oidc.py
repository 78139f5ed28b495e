"""An OIDC provider's JWKS endpoint on real loopback, and a way to mint the tokens it signs."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.peers import free_port

ISSUER = "https://id.homelab.test/realms/home"
AUDIENCE = "homelab-mcp"


class _Jwks(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def oidc_provider() -> Iterator[tuple[str, Any]]:
    """Yield the JWKS URI (as an OIDC provider publishes it) and the private key that signs."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Jwks(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/certs", key
    finally:
        server.shutdown()
        server.server_close()


def mint(key: Any, *, ttl: int | None = 300, **claims: Any) -> str:
    """A signed JWT with iss/aud/iat (and exp unless ``ttl`` is None) plus ``claims``."""
    now = int(time.time())
    payload: dict[str, Any] = {"iss": ISSUER, "aud": AUDIENCE, "iat": now, **claims}
    if ttl is not None:
        payload.setdefault("exp", now + ttl)
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "k1"})
