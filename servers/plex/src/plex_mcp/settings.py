"""Settings of the Plex server: ``PLEX_*`` for Plex and the safety switches, ``TAUTULLI_*``.

Either half may be configured alone: ``PLEX_URL`` + ``PLEX_TOKEN`` for Plex, ``TAUTULLI_URL`` +
``TAUTULLI_API_KEY`` for Tautulli (each secret also as ``<VAR>_FILE``). A half with only one of
its two variables is an error naming the missing one; with neither half the server cannot start.
"""

from __future__ import annotations

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator

from homelab_shared.errors import ConfigError
from homelab_shared.settings import UpstreamSettings, companion, normalise_url, server_config

# Optional each, but what a client configuration should offer to fill in (either half is enough;
# once one is started, client-config prints the rest of that half and leaves out the other).
PLEX = companion("plex", offer=True)
TAUTULLI = companion("tautulli", offer=True)


class PlexSettings(UpstreamSettings):
    """Plex and Tautulli connections (prefix ``PLEX_``; Tautulli's variables are ``TAUTULLI_*``)."""

    model_config = server_config("PLEX_")

    url: str | None = Field(
        None,
        description="Plex Media Server URL, e.g. http://plex.lan:32400",
        json_schema_extra=PLEX,
    )
    token: SecretStr | None = Field(
        None, description="Plex token (X-Plex-Token) of the owner", json_schema_extra=PLEX
    )
    tautulli_url: str | None = Field(
        None,
        validation_alias=AliasChoices("TAUTULLI_URL", "tautulli_url"),
        description="Tautulli URL incl. its HTTP root, e.g. http://tautulli.lan:8181",
        json_schema_extra=TAUTULLI,
    )
    tautulli_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("TAUTULLI_API_KEY", "tautulli_api_key"),
        description="Tautulli API key (Settings > Web Interface > API)",
        json_schema_extra=TAUTULLI,
    )

    @field_validator("url", "tautulli_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "@" in value.split("://")[-1].split("/")[0]:
            raise ValueError("put credentials in the token/key variable, not in the URL")
        return normalise_url(value).removesuffix("/api/v2")

    @model_validator(mode="after")
    def _halves(self) -> PlexSettings:
        problems = []
        if self.url and self.token is None:
            problems.append("PLEX_TOKEN or PLEX_TOKEN_FILE is not set (PLEX_URL is)")
        if self.token is not None and not self.url:
            problems.append("PLEX_URL is not set (PLEX_TOKEN is)")
        if self.tautulli_url and self.tautulli_api_key is None:
            problems.append(
                "TAUTULLI_API_KEY or TAUTULLI_API_KEY_FILE is not set (TAUTULLI_URL is)"
            )
        if self.tautulli_api_key is not None and not self.tautulli_url:
            problems.append("TAUTULLI_URL is not set (TAUTULLI_API_KEY is)")
        if not problems and not self.plex_configured and not self.tautulli_configured:
            problems.append(
                "neither Plex (PLEX_URL and PLEX_TOKEN) nor Tautulli (TAUTULLI_URL and "
                "TAUTULLI_API_KEY) is configured"
            )
        if problems:  # ConfigError passes through pydantic, so the message stays as written
            raise ConfigError("; ".join(problems), problems)
        return self

    @property
    def plex_configured(self) -> bool:
        return bool(self.url) and self.token is not None

    @property
    def tautulli_configured(self) -> bool:
        return bool(self.tautulli_url) and self.tautulli_api_key is not None
