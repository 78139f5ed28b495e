"""Identifiers in URL paths: encode one segment safely, refuse paths that change the endpoint.

An id taken from a tool argument (``light.bed_light/../../error_log``) must never select another
endpoint of the upstream, which would then be called with the server's admin credentials. Servers
build paths with :func:`segment`; :class:`~homelab_shared.http.UpstreamHTTP` checks every path
with :func:`check_path` before anything is sent, so a path built without it is refused too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from homelab_shared.errors import BadRequest
from homelab_shared.redact import scrub

# Some upstreams (or proxies in front of them) decode more than once: judge every decoding level.
_MAX_DECODE = 4
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UnsafePath(BadRequest):
    cause = "request refused before sending"


def _decodings(text: str) -> list[str]:
    levels = [text]
    for _ in range(_MAX_DECODE):
        decoded = unquote(levels[-1])
        if decoded == levels[-1]:
            break
        levels.append(decoded)
    return levels


def _segment_problem(value: str) -> str | None:
    """Why ``value``, as one path segment, could change the endpoint (None when it cannot)."""
    for level in _decodings(value):
        if "/" in level or "\\" in level:
            return "it contains a path separator"
        # "..;x" is ".." to servers that strip path parameters (Tomcat, some proxies).
        if level.split(";", 1)[0] in (".", ".."):
            return "it is a relative path segment"
        if _CONTROL.search(level):
            return "it contains a control character"
    return None


def segment(value: str, *, service: str, what: str = "identifier") -> str:
    """``value`` encoded as exactly one path segment; refuse what no encoding makes safe.

    ``/`` and ``\\`` (also percent-encoded), ``.`` and ``..`` are refused rather than encoded:
    many servers decode ``%2F`` before routing, so an encoded slash can still change the endpoint.
    """
    problem = "it is empty" if not value else _segment_problem(value)
    if problem is not None:
        raise UnsafePath(
            service,
            f"{what} {value!r} cannot be used in a URL: {problem}",
            hint=f"pass a plain {what} (no '/', '\\', '.' or '..' segments)",
        )
    return quote(value, safe="")


def check_path(path: str, *, service: str) -> None:
    """Refuse a request path that could reach another endpoint or another host than meant."""
    problem = _path_problem(path)
    if problem is not None:
        shown = scrub(path.split("?", 1)[0][:200])  # never the query: it may carry a key
        raise UnsafePath(
            service,
            f"path {shown!r} refused: {problem}",
            hint="identifiers must be single path segments; nothing was sent",
        )


# Every upstream request checks its path (~10 µs of parsing); a server asks for the same few
# hundred paths again and again, and the verdict depends on the text alone.
@lru_cache(maxsize=4096)
def _path_problem(path: str) -> str | None:
    if "\\" in path or _CONTROL.search(path):
        return "it contains a backslash or a control character"
    if not path.startswith("/") or path.startswith("//"):
        return "it is not a path on the configured base URL"
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        return "it names a scheme or host"
    for raw in parts.path.split("/")[1:]:
        reason = _segment_problem(raw)
        if reason is not None:
            return f"segment {unquote(raw)!r} would change the endpoint ({reason})"
    return None
