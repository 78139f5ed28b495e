"""The JWT/OIDC verifier, kept apart from :mod:`homelab_shared.auth` so that only a server
with ``HOMELAB_JWT_JWKS_URI`` served over HTTP imports FastMCP's JWT provider (joserfc's JWT and
JWE modules, ~30 modules)."""

from __future__ import annotations

import logging

from fastmcp.server.auth import AccessToken
from fastmcp.server.auth.providers.jwt import JWTVerifier

from homelab_shared.auth import CallerToken

log = logging.getLogger("homelab.auth")


class QualifiedJWTVerifier(JWTVerifier):
    """FastMCP's JWT checks, plus: ``exp``, ``iss`` and ``sub`` are required, and the caller is
    ``jwt:<iss>:<sub>`` (FastMCP names it by ``client_id``/``azp``, the OAuth app)."""

    async def verify_token(self, token: str) -> AccessToken | None:
        verified = await super().verify_token(token)
        if verified is None:
            return None
        claims = verified.claims
        exp, iss, sub = claims.get("exp"), claims.get("iss"), claims.get("sub")
        if not isinstance(exp, int | float) or not iss or not sub:
            # A token without expiry is valid forever once leaked; without iss/sub it names no one.
            log.info("JWT rejected: exp, iss and sub are required")
            return None
        return CallerToken(
            token=verified.token,
            client_id=f"jwt:{iss}:{sub}",
            scopes=verified.scopes,
            expires_at=int(exp),
            subject=str(sub),
            claims=claims,
            original_client_id=verified.client_id,
        )
