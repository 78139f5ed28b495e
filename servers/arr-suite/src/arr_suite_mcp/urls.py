"""Where ``add_download_url`` may send SABnzbd: public hosts, and local ones the operator names.

SABnzbd fetches whatever URL it is given, from inside the homelab. A model that can call a write
tool (or text that talks it into one) could otherwise point it at the router's admin page, a
cloud metadata address or SABnzbd's own API (``http://127.0.0.1:8080/api?mode=shutdown``). So a
URL whose host is loopback, private, link-local, reserved or otherwise not globally routable is
refused, and so are names that only a local resolver knows (single-label names such as a
compose service, ``.local``, ``.lan``, ``.internal``, ``.home.arpa``...). Names are resolved
here and every address they resolve to must be public; a name that does not resolve is refused
too (SABnzbd might still resolve it to something local). Local hosts the operator trusts, such
as Prowlarr's download proxy, go into ``ARR_DOWNLOAD_URL_HOSTS``.

Resolution here and SABnzbd's own may differ (DNS rebinding); the check narrows what a write can
reach, it does not replace firewalling SABnzbd.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from homelab_shared.errors import BadRequest

ALLOW_VAR = "ARR_DOWNLOAD_URL_HOSTS"
RESOLVE_TIMEOUT = 3.0
# Names only a local resolver answers (RFC 6761/6762/8375 and the usual homelab suffixes), and
# reserved names that never resolve publicly: refused without asking DNS.
LOCAL_SUFFIXES = (
    ".localhost",
    ".local",
    ".lan",
    ".home",
    ".internal",
    ".intranet",
    ".corp",
    ".private",
    ".localdomain",
    ".home.arpa",
    ".arpa",
    ".test",
    ".example",
    ".invalid",
)
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UrlRefused(BadRequest):
    cause = "URL refused before sending"


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _refuse(host: str, why: str) -> UrlRefused:
    return UrlRefused(
        "SABnzbd",
        f"{host!r} {why}",
        hint=f"only public hosts are allowed; add a trusted local host to {ALLOW_VAR}",
    )


async def check_download_url(url: str, allowed: list[str]) -> None:
    """Raise :class:`UrlRefused` unless SABnzbd may fetch ``url`` (see the module text)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as err:
        raise UrlRefused("SABnzbd", f"the URL cannot be parsed ({err})") from None
    if not host:
        raise UrlRefused("SABnzbd", "the URL has no host")
    if host in {h.rstrip(".").lower() for h in allowed}:
        return
    try:
        literal: Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        if not is_public(literal):
            raise _refuse(host, "is a local or reserved address")
        return
    if "." not in host or host == "localhost" or host.endswith(LOCAL_SUFFIXES):
        raise _refuse(host, "is a local name")
    for address in await _resolve(host, port):
        if not is_public(address):
            raise _refuse(host, f"resolves to the local address {address}")


async def _resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (numeric forms such as ``2130706433`` included)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT
        )
    except (OSError, TimeoutError):
        raise _refuse(host, "cannot be resolved here") from None
    found: list[Address] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # the scope of a link-local IPv6 address ("fe80::1%eth0") is not part of the address
        found.append(ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0]))
    if not found:
        raise _refuse(host, "cannot be resolved here")
    return found
