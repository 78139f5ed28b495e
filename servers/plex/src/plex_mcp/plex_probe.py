"""Plex's version and our token, checked with one plain HTTP request (no plexapi).

plexapi and requests cost ~11 MiB and ~0.5 s to import; the start-up probe runs in every server
and gateway that has Plex configured, so it asks ``GET /`` ("Get PMS info", which needs the
token, unlike ``/identity``) through the shared ``UpstreamHTTP`` and leaves the SDK to the first
real tool call. Errors are the shared ones with the same hints as the SDK path.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from homelab_shared.errors import BadResponse
from homelab_shared.http import HttpOptions, UpstreamHTTP
from plex_mcp.plex_client import AUTH_HINT, SERVICE, URL_HINT

if TYPE_CHECKING:
    from plex_mcp.plex_client import PlexClient

# the root element's version attribute, read without an XML parser (nothing else is needed)
_XML_VERSION = re.compile(rb'<MediaContainer\b[^>]*?\sversion="([^"<>]{1,64})"')


def _version_of(content_type: str, body: bytes) -> str | None:
    """``MediaContainer.version`` from Plex's JSON (asked for) or XML (its default)."""
    if "json" in content_type:
        try:
            container = json.loads(body).get("MediaContainer")
        except (ValueError, AttributeError):
            return None
        version = container.get("version") if isinstance(container, dict) else None
        return str(version) if version else None
    found = _XML_VERSION.search(body[:4096])
    return found.group(1).decode(errors="replace") if found else None


async def plex_version(client: PlexClient) -> str:
    """Plex's version, or the shared error saying what to check (URL, token, TLS)."""
    settings = client.settings
    assert settings.url and settings.token is not None  # a PlexClient exists only then
    opts = HttpOptions(
        base_url=settings.url,
        service=SERVICE,
        auth_hint=AUTH_HINT,
        url_hint="check PLEX_URL",
        headers={"X-Plex-Token": settings.token.get_secret_value(), "Accept": "application/json"},
        timeout=settings.timeout,
        verify_ssl=settings.verify_ssl,
        ca_bundle=settings.ca_bundle,
        retries=0,  # as the SDK path: a dead Plex fails once, within PLEX_TIMEOUT
    )
    http = UpstreamHTTP(opts)
    try:
        response = await http.request("GET", "/")
    finally:
        await http.aclose()
    version = _version_of(response.headers.get("content-type", ""), response.content)
    if version is None:
        raise BadResponse(SERVICE, "GET / did not return Plex's server info", hint=URL_HINT)
    return version
