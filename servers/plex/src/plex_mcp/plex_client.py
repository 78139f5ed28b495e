"""Plex Media Server through plexapi (blocking; call from worker threads). Knows nothing of MCP.

plexapi uses ``requests`` and does not retry by itself; the session here mounts adapters with
``max_retries=0`` so a dead Plex fails once, within ``PLEX_TIMEOUT``, never after silent retries.
Every plexapi/requests exception leaves this module as one of the shared upstream errors.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    BadResponse,
    NotFound,
    Unreachable,
    UpstreamError,
    UpstreamServerError,
    UpstreamTimeout,
)
from homelab_shared.http import USER_AGENT
from homelab_shared.redact import scrub
from plex_mcp.settings import PlexSettings

SERVICE = "Plex"
AUTH_HINT = "check PLEX_TOKEN (the server owner's X-Plex-Token)"
URL_HINT = "check PLEX_URL and that Plex Media Server is running"
# library type -> the item type "recently added" lists (episodes, not shows)
RECENT_TYPES = {"movie": "movie", "show": "episode", "artist": "album", "photo": "photo"}


def _status_of(message: str) -> int | None:
    """plexapi's messages start with '(404) not_found; ...'."""
    if message.startswith("(") and ")" in message:
        code = message[1 : message.index(")")]
        return int(code) if code.isdigit() else None
    return None


if TYPE_CHECKING:
    import requests
    from plexapi.server import PlexServer


# plexapi and requests cost ~0.5 s and ~11 MiB at import: loaded on the first Plex call (or the
# start-up warm-up), not when the server starts.
@cache
def _plex_errors() -> ModuleType:
    from plexapi import exceptions

    return exceptions


@cache
def _requests() -> ModuleType:
    import requests

    return requests


@contextmanager
def mapped(what: str) -> Iterator[None]:
    """Translate plexapi/requests exceptions for ``what`` ('GET /status/sessions', ...)."""
    try:
        yield
    except UpstreamError:
        raise
    except _plex_errors().Unauthorized as err:
        raise AuthFailed(SERVICE, f"HTTP 401 on {what}", hint=AUTH_HINT) from err
    except _plex_errors().NotFound as err:
        raise NotFound(SERVICE, f"{what}: {scrub(str(err))[:160]}") from err
    except _plex_errors().BadRequest as err:
        status = _status_of(str(err))
        detail = f"HTTP {status} on {what}" if status else scrub(str(err))[:160]
        if status is not None and status >= 500:
            raise UpstreamServerError(SERVICE, detail) from err
        raise BadRequest(SERVICE, detail) from err
    except (_plex_errors().UnknownType, _plex_errors().Unsupported) as err:
        raise BadRequest(SERVICE, f"{what}: {scrub(str(err))[:160]}") from err
    except _requests().Timeout as err:
        raise UpstreamTimeout(
            SERVICE, f"no answer to {what} within PLEX_TIMEOUT", hint=URL_HINT
        ) from err
    except _requests().ConnectionError as err:
        text = str(err).lower()
        reason = next(
            (r for r in ("connection refused", "name or service not known", "certificate")
             if r in text),
            type(err).__name__,
        )  # fmt: skip
        raise Unreachable(SERVICE, reason, hint=URL_HINT) from err
    except _requests().RequestException as err:
        raise Unreachable(SERVICE, scrub(str(err))[:160], hint=URL_HINT) from err
    except SyntaxError as err:  # ElementTree.ParseError: not Plex XML (wrong URL/proxy page)
        raise BadResponse(SERVICE, f"{what} did not return Plex XML", hint=URL_HINT) from err


def rating_key_path(key: int) -> str:
    """``/library/metadata/<n>``: the key is an int, so nothing can change the endpoint."""
    return f"/library/metadata/{int(key)}"


class PlexClient:
    """One Plex server. Connects on first use (a dead Plex does not stop the server starting)."""

    def __init__(self, settings: PlexSettings) -> None:
        if not settings.url or settings.token is None:
            raise ValueError("Plex is not configured (PLEX_URL, PLEX_TOKEN)")
        self.settings = settings  # the start-up probe's plain HTTP request (plex_probe)
        self.base_url = settings.url
        self._token = settings.token.get_secret_value()
        self.timeout = settings.timeout
        self._verify = str(settings.ca_bundle) if settings.ca_bundle is not None else None
        self._verify_ssl = settings.verify_ssl
        self._session: requests.Session | None = None
        self._server: PlexServer | None = None
        self._lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        """Made on first use, so the server starts without importing requests."""
        with self._lock:
            if self._session is None:
                requests = _requests()
                from requests.adapters import HTTPAdapter

                made: requests.Session = requests.Session()
                for prefix in ("http://", "https://"):
                    made.mount(prefix, HTTPAdapter(max_retries=0))
                made.verify = self._verify or self._verify_ssl
                made.headers["User-Agent"] = USER_AGENT
                self._session = made
            return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    @property
    def server(self) -> PlexServer:
        session = self.session
        with self._lock:
            if self._server is None:
                with mapped("GET /"):
                    from plexapi.server import PlexServer

                    self._server = PlexServer(
                        self.base_url, self._token, session=session, timeout=self.timeout
                    )
            return self._server

    def query(self, key: str, method: str = "GET", what: str | None = None) -> Any:
        """A raw XML query (an ElementTree element) for endpoints plexapi does not wrap."""
        server = self.server
        call = {
            "GET": self.session.get,
            "PUT": self.session.put,
            "POST": self.session.post,
            "DELETE": self.session.delete,
        }[method]
        with mapped(what or f"{method} {key.split('?')[0]}"):
            return server.query(key, method=call)

    @contextmanager
    def call(self, what: str) -> Iterator[PlexServer]:
        """``with client.call('GET /clients') as server: ...``: connected, errors mapped."""
        server = self.server
        with mapped(what):
            yield server

    # --- reads --------------------------------------------------------------------------------

    def sections(self) -> list[Any]:
        with self.call("GET /library/sections") as server:
            return static(server.library.sections())

    def section(self, library_id: int) -> Any:
        with self.call("GET /library/sections") as server:
            for section in server.library.sections():
                if int(section.key) == library_id:
                    return section
        raise NotFound(
            SERVICE, f"no library with id {library_id}", hint="call list_libraries for the ids"
        )

    def section_count(self, section: Any) -> int | None:
        with mapped(f"GET /library/sections/{section.key}/all"):
            return section.totalViewSize(includeCollections=False)

    def storage(self) -> dict[int, tuple[int | None, int | None]]:
        """Library id -> (duration ms, bytes on disk) from ``/media/providers?includeStorage=1``."""
        data = self.query("/media/providers?includeStorage=1")
        found: dict[int, tuple[int | None, int | None]] = {}
        xpath = './MediaProvider[@identifier="com.plexapp.plugins.library"]/Feature/Directory'
        for node in data.findall(xpath):
            ident = node.attrib.get("id", "")
            if ident.isdigit():
                found[int(ident)] = (
                    _int(node.attrib.get("durationTotal")),
                    _int(node.attrib.get("storageTotal")),
                )
        return found

    def search(self, query: str, mediatype: str | None, per_hub: int) -> tuple[list[Any], bool]:
        """Hub search (what PlexServer.search sends), at most ``per_hub`` items of each type.

        Returns the items, hub after hub, and whether that is every match: False when a hub
        filled ``per_hub`` or says ``more`` (Plex may cap a hub below the limit asked for)."""
        from plexapi.library import Hub

        params = {"query": query, "includeCollections": 1, "includeExternalMedia": 1}
        key = f"/hubs/search?{urlencode({**params, 'limit': per_hub})}"
        found: list[Any] = []
        complete = True
        with self.call("GET /hubs/search") as server:
            for hub in server.fetchItems(key, Hub):
                if hub is None or (mediatype and hub.type != mediatype):
                    continue
                items = list(hub._partialItems)
                if hub.more or len(items) >= per_hub:
                    complete = False
                found += items
        return static([item for item in found if getattr(item, "ratingKey", None)]), complete

    def recently_added(self, section: Any, since: int, cap: int) -> tuple[list[Any], int]:
        """Items of ``section`` added at or after Unix time ``since``, newest first, at most
        ``cap``; and how many matched in all (Plex filters and counts server-side)."""
        kind = RECENT_TYPES.get(section.type)
        if kind is None:
            return [], 0
        from plexapi.utils import searchType

        args = f"type={searchType(kind)}&sort=addedAt:desc&{quote('addedAt>>')}={since}"
        key = f"/library/sections/{int(section.key)}/all?{args}"
        with self.call(f"GET /library/sections/{section.key}/all") as server:
            counted = server.query(f"{key}&X-Plex-Container-Start=0&X-Plex-Container-Size=0")
            total = _int(counted.attrib.get("totalSize")) if counted is not None else None
            total = total or 0
            if not total:
                return [], 0
            items = server.fetchItems(key, container_start=0, container_size=cap, maxresults=cap)
        return static(list(items)), total

    def on_deck(self) -> list[Any]:
        with self.call("GET /library/onDeck") as server:
            return static(server.library.onDeck())

    def sessions(self) -> list[Any]:
        with self.call("GET /status/sessions") as server:
            return static(server.sessions())

    def clients(self) -> list[Any]:
        with self.call("GET /clients") as server:
            return static(server.clients())

    def playlists(self) -> list[Any]:
        with self.call("GET /playlists") as server:
            return static(server.playlists())

    def item(self, rating_key: int) -> Any:
        with self.call(f"GET {rating_key_path(rating_key)}") as server:
            return static(server.fetchItem(rating_key_path(rating_key)))

    def playlist(self, rating_key: int) -> Any:
        item = self.item(rating_key)
        if getattr(item, "TYPE", None) != "playlist":
            raise BadRequest(SERVICE, f"{rating_key} is a {item.type}, not a playlist")
        return item

    def client(self, name: str) -> Any:
        """A client by name or machine id; commands go through the server (no direct route
        to the player is needed)."""
        for found in self.clients():
            if name in (found.title, found.machineIdentifier):
                found.proxyThroughServer(True, self.server)
                return found
        raise NotFound(
            SERVICE, f"no connected client named {name!r}", hint="call list_clients for the names"
        )

    def allows_deletion(self) -> bool | None:
        """The server's current 'Allow media deletion' setting (read fresh, not cached)."""
        value = self.query("/").attrib.get("allowMediaDeletion")
        return None if value is None else value == "1"

    def version(self) -> str:
        return str(self.server.version)


def static(items: Any) -> Any:
    """Stop plexapi from re-fetching an item whenever a lean view reads an attribute that the
    list response left empty (its auto-reload would turn one list into N+1 requests)."""
    for item in items if isinstance(items, list) else [items]:
        if hasattr(item, "_autoReload"):
            item._autoReload = False
    return items


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


def unix_days_ago(days: int) -> int:
    return int(time.time()) - days * 86400
