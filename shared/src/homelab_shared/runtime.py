"""Process-wide settings shared by every server and the gateway (prefix ``HOMELAB_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr

from homelab_shared.settings import SettingsBase, server_config

Transport = Literal["stdio", "http", "sse"]


class RuntimeSettings(SettingsBase):
    """Transport, auth, state, audit and output limits. Every field is ``HOMELAB_<NAME>``."""

    model_config = server_config("HOMELAB_")

    host: str = Field("127.0.0.1", description="Address the HTTP transport binds to")
    port: int | None = Field(None, ge=1, le=65535, description="HTTP port (default: per server)")
    path: str = Field("/mcp", description="Path of the streamable HTTP endpoint")
    auth_tokens: SecretStr | None = Field(
        None,
        description="Bearer tokens: entries 'client_id:scope,scope:token' separated by spaces",
    )
    jwt_jwks_uri: str | None = Field(None, description="JWKS URI of an OIDC provider")
    jwt_issuer: str | None = Field(None, description="Expected JWT issuer")
    jwt_audience: str | None = Field(None, description="Expected JWT audience")
    insecure_no_auth: bool = Field(
        False, description="Allow listening on a non-loopback address without any auth"
    )
    metrics_public: bool = Field(
        False, description="Serve /metrics without a token even when auth is configured"
    )
    state_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_state_dir("homelab-mcp")),
        description="Where the confirmation key, audit log and other state live",
    )
    audit_log: Path | None = Field(
        None, description="Audit log file (JSON lines); default <state_dir>/audit.jsonl"
    )
    schema_cache: bool = Field(
        True,
        description="Keep the tools' schemas in <state_dir>/tool-schemas for the next start "
        "(rebuilt when the code changes)",
    )
    confirm_secret: SecretStr | None = Field(
        None, description="Key for confirmation tokens; generated in state_dir if unset"
    )
    redis_url: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("REDIS_URL", "HOMELAB_REDIS_URL"),
        description="Redis for state shared by replicas (used confirmation tokens); "
        "default: SQLite in state_dir",
    )
    confirm_ttl: float = Field(120.0, gt=0, le=3600, description="Confirmation token lifetime, s")
    max_result_chars: int = Field(
        60_000, ge=1_000, description="Largest tool result returned before a continuation hint"
    )
    startup_wait: float = Field(
        1.0,
        ge=0,
        le=60,
        description="A server served alone answers once its start-up (probe, warm-up, caches) "
        "is done or this many seconds have passed; 0 answers at once",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Log level (logs go to stderr)"
    )
    log_format: Literal["json", "text"] = Field("json", description="Log line format")

    def audit_path(self) -> Path:
        return self.audit_log or self.state_dir / "audit.jsonl"
