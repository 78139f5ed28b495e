"""Bearer-token auth for the HTTP transports: static tokens (env or file) and optional JWT/OIDC.

Static tokens are compared in constant time against their SHA-256 digests, so the verifier keeps no
plain token and a lookup leaks nothing through timing.

Every verified caller gets one qualified identity, used for confirmation binding and the audit log:
``static:<client>`` for a static token, ``jwt:<iss>:<sub>`` for a JWT (the user, not the OAuth
app, so two users of one app are two callers, and no JWT claim can name a static client).

The JWT verifier (FastMCP's, on joserfc) lives in :mod:`homelab_shared.jwt_auth` and is imported
only when ``HOMELAB_JWT_JWKS_URI`` is set and the server is served over HTTP: static tokens and
stdio never load it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from fastmcp.server.auth import AccessToken, TokenVerifier

from homelab_shared.errors import ConfigError
from homelab_shared.redact import register_secret
from homelab_shared.runtime import RuntimeSettings

WRITE_SCOPE = "write"
READ_SCOPE = "read"


@dataclass(frozen=True)
class StaticToken:
    client_id: str
    scopes: tuple[str, ...]
    digest: bytes


def parse_tokens(text: str) -> list[StaticToken]:
    """Parse `client_id:scope,scope:token` entries separated by whitespace; `#` starts a comment.

    A bare ``token`` (no colon) is a client named ``default`` with scopes read and write.
    """
    tokens: list[StaticToken] = []
    for line in text.splitlines():
        for entry in line.split("#", 1)[0].split():
            parts = entry.split(":", 2)
            if len(parts) == 1:
                client_id, scopes, token = "default", f"{READ_SCOPE},{WRITE_SCOPE}", parts[0]
            elif len(parts) == 3:
                client_id, scopes, token = parts
            else:
                raise ConfigError(
                    "HOMELAB_AUTH_TOKENS has an entry that is neither 'token' nor "
                    "'client_id:scopes:token'"
                )
            if len(token) < 16:
                raise ConfigError(
                    f"HOMELAB_AUTH_TOKENS: the token of client {client_id!r} is shorter than 16 "
                    "characters; use e.g. `openssl rand -hex 32`"
                )
            register_secret(token)
            digest = hashlib.sha256(token.encode()).digest()
            scope_list = tuple(s for s in scopes.split(",") if s)
            tokens.append(StaticToken(client_id, scope_list, digest))
    return tokens


class CallerToken(AccessToken):
    """An access token whose ``client_id`` is the qualified caller id set by our verifiers.

    Its type, not a claim, marks it: a JWT cannot forge it, whatever it claims.
    """

    @property
    def caller(self) -> str:
        return self.client_id


def caller_id(token: AccessToken | None) -> str:
    """The qualified caller id: ``static:<client>``, ``jwt:<iss>:<sub>``, ``local`` without auth.

    A token from any other verifier is kept apart (``other:``) so it can never pass for ours.
    """
    if token is None:
        return "local"
    if isinstance(token, CallerToken):
        return token.caller
    return f"other:{token.client_id}"


class StaticBearerVerifier(TokenVerifier):
    def __init__(self, tokens: list[StaticToken]) -> None:
        super().__init__()
        self._tokens = tokens

    async def verify_token(self, token: str) -> AccessToken | None:
        digest = hashlib.sha256(token.encode()).digest()
        found: StaticToken | None = None
        for candidate in self._tokens:  # no early exit: constant work whatever matches
            if hmac.compare_digest(candidate.digest, digest):
                found = candidate
        if found is None:
            return None
        return CallerToken(
            token=token,
            client_id=f"static:{found.client_id}",
            scopes=list(found.scopes),
            original_client_id=found.client_id,
        )


class ChainVerifier(TokenVerifier):
    """Static tokens first, then JWT."""

    def __init__(self, verifiers: list[TokenVerifier]) -> None:
        super().__init__()
        self._verifiers = verifiers

    async def verify_token(self, token: str) -> AccessToken | None:
        for verifier in self._verifiers:
            result = await verifier.verify_token(token)
            if result is not None:
                return result
        return None


def build_auth(runtime: RuntimeSettings, *, http: bool = True) -> TokenVerifier | None:
    """The verifier for ``runtime``'s tokens and JWT settings; None without any.

    ``http=False`` (stdio, which has no auth) checks the settings and registers the static tokens
    as secrets (so logs still scrub them) but builds no JWT verifier.
    """
    verifiers: list[TokenVerifier] = []
    if runtime.auth_tokens is not None:
        tokens = parse_tokens(runtime.auth_tokens.get_secret_value())
        if tokens:
            verifiers.append(StaticBearerVerifier(tokens))
    if runtime.jwt_jwks_uri:
        if not runtime.jwt_issuer or not runtime.jwt_audience:
            raise ConfigError(
                "HOMELAB_JWT_JWKS_URI is set, so HOMELAB_JWT_ISSUER and HOMELAB_JWT_AUDIENCE must "
                "be set too"
            )
        if http:  # stdio has no auth: the settings are checked, the verifier is not loaded
            from homelab_shared.jwt_auth import QualifiedJWTVerifier  # joserfc's JWT and JWE

            verifiers.append(
                QualifiedJWTVerifier(
                    jwks_uri=runtime.jwt_jwks_uri,
                    issuer=runtime.jwt_issuer,
                    audience=runtime.jwt_audience,
                )
            )
    if not verifiers:
        return None
    return verifiers[0] if len(verifiers) == 1 else ChainVerifier(verifiers)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth: TokenVerifier | None, insecure_no_auth: bool) -> None:
    """Refuse to listen beyond loopback without auth unless the operator insists."""
    if auth is None and not is_loopback(host) and not insecure_no_auth:
        raise ConfigError(
            f"refusing to listen on {host} without authentication: set HOMELAB_AUTH_TOKENS "
            "(or HOMELAB_AUTH_TOKENS_FILE, or HOMELAB_JWT_*), or bind to 127.0.0.1; to expose it "
            "to your whole network with no auth anyway, pass --insecure-no-auth"
        )
