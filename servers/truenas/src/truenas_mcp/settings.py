"""Settings of the TrueNAS server: every variable is ``TRUENAS_<NAME>``.

``TRUENAS_URL`` and ``TRUENAS_API_KEY`` (or ``TRUENAS_API_KEY_FILE``) are required. Homelab boxes
usually have self-signed certificates: ``TRUENAS_CA_BUNDLE`` trusts your CA,
``TRUENAS_VERIFY_SSL=false`` skips verification.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, SecretStr, field_validator

from homelab_shared.settings import UpstreamSettings, server_config

API_SUFFIX = re.compile(r"/api(/current|/v[0-9][0-9.]*|/v2\.0)?/?$")


def normalise_url(value: str) -> str:
    """``truenas.lan``, ``https://truenas.lan/``, ``wss://truenas.lan/api/current`` ->
    ``https://truenas.lan`` (the socket path is added by the client)."""
    value = value.strip()
    if "://" not in value:
        value = f"https://{value}"
    parts = urlsplit(value)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) or ws(s) URL")
    path = API_SUFFIX.sub("", parts.path.rstrip("/"))
    return urlunsplit((scheme, parts.netloc, path, "", ""))


class TrueNASSettings(UpstreamSettings):
    """TrueNAS connection (prefix ``TRUENAS_``)."""

    model_config = server_config("TRUENAS_")

    url: str = Field(description="TrueNAS address, e.g. https://truenas.lan")
    api_key: SecretStr = Field(description="API key (Credentials > Users > API keys)")
    username: str | None = Field(
        default=None,
        description="User the API key belongs to (25.04+ user-linked keys; logs in with "
        "auth.login_ex); empty: auth.login_with_api_key",
    )
    job_timeout: float = Field(
        900.0, gt=0, le=86400, description="Longest wait for a job (scrub start, app update), s"
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return normalise_url(value)
