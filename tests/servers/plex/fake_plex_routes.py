"""The endpoints of the fake Plex (the ones plexapi calls for this server's tools).

Each returns ``(status, MediaContainer dict)`` in Plex's JSON shape, or ``(status, None)`` for an
empty answer. Filtering, sorting and paging happen here, as in Plex, so the client's requests
matter (a wrong filter returns the wrong items).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from tests.servers.plex.fake_plex import FakePlex

TYPE_IDS = {"1": "movie", "2": "show", "3": "season", "4": "episode", "8": "artist",
            "9": "album", "10": "track"}  # fmt: skip
SECTION_FIELDS = {"agent": "tv.plex.agents.movie", "scanner": "Plex Movie", "language": "en-US",
                  "allowSync": True, "refreshing": False, "updatedAt": 1_700_000_000,
                  "scannedAt": 1_700_000_000, "content": True, "directory": True}  # fmt: skip


def page(items: list[dict[str, Any]], paging: dict[str, int], **extra: Any) -> dict[str, Any]:
    start, size = paging["X-Plex-Container-Start"], paging["X-Plex-Container-Size"]
    window = items[start : start + size]
    return {"size": len(window), "totalSize": len(items), "offset": start, "Metadata": window,
            **extra}  # fmt: skip


class Routes:
    def __init__(self, plex: FakePlex) -> None:
        self.plex = plex
        self.table: list[tuple[str, re.Pattern[str], Any]] = [
            ("GET", re.compile(r"^/$"), self.root),
            ("GET", re.compile(r"^/library$"), self.library),
            ("GET", re.compile(r"^/library/sections/?$"), self.sections),
            ("GET", re.compile(r"^/library/sections/(\d+)/all$"), self.section_all),
            ("GET", re.compile(r"^/library/sections/(\d+)/refresh$"), self.refresh),
            ("PUT", re.compile(r"^/library/sections/(\d+)/emptyTrash$"), self.empty_trash),
            ("PUT", re.compile(r"^/library/optimize$"), self.optimize),
            ("GET", re.compile(r"^/media/providers$"), self.providers),
            ("GET", re.compile(r"^/hubs/search$"), self.search),
            ("GET", re.compile(r"^/library/onDeck$"), self.on_deck),
            ("GET", re.compile(r"^/status/sessions$"), self.status_sessions),
            ("GET", re.compile(r"^/clients$"), self.clients),
            ("GET", re.compile(r"^/playlists$"), self.playlists),
            ("POST", re.compile(r"^/playlists$"), self.create_playlist),
            ("GET", re.compile(r"^/playlists/(\d+)$"), self.metadata),
            ("GET", re.compile(r"^/playlists/(\d+)/items$"), self.playlist_items),
            ("PUT", re.compile(r"^/playlists/(\d+)/items$"), self.add_items),
            ("GET", re.compile(r"^/library/metadata/(\d+)$"), self.metadata),
            ("DELETE", re.compile(r"^/library/metadata/(\d+)$"), self.delete),
            ("GET", re.compile(r"^/library/metadata/(\d+)/allLeaves$"), self.leaves),
            ("GET", re.compile(r"^/:/(scrobble|unscrobble)$"), self.scrobble),
            ("GET", re.compile(r"^/player/playback/(\w+)$"), self.player),
        ]

    def dispatch(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
        paging: dict[str, int],
    ) -> tuple[int, dict[str, Any] | None]:  # fmt: skip
        for verb, pattern, handler in self.table:
            match = pattern.match(path)
            if match and verb == method:
                return handler(*match.groups(), query=query, headers=headers, paging=paging)
        return 404, None

    # --- reads ---------------------------------------------------------------------------------

    def root(self, **_: Any) -> tuple[int, dict[str, Any]]:
        features = [{"key": "/library/sections", "title": "Library"}]
        return 200, {**self.plex.root, "size": 1, "Directory": features}

    def library(self, **_: Any) -> tuple[int, dict[str, Any]]:
        dirs = [{"key": "sections", "title": "Library Sections"}]
        return 200, {"size": 1, "title1": "Plex Library", "Directory": dirs}

    def sections(self, **_: Any) -> tuple[int, dict[str, Any]]:
        dirs = [{**SECTION_FIELDS, **s, "uuid": f"uuid-{s['key']}"} for s in self.plex.sections]
        return 200, {"size": len(dirs), "title1": "Plex Library", "Directory": dirs}

    def section_all(self, key: str, *, query: dict[str, str], paging: dict[str, int],
                    **_: Any) -> tuple[int, dict[str, Any]]:  # fmt: skip
        section = next((s for s in self.plex.sections if s["key"] == key), None)
        if section is None:
            return 404, None  # type: ignore[return-value]
        wanted = TYPE_IDS.get(query.get("type", ""), section["type"])
        items = [
            i for i in self.plex.items.values()
            if i.get("librarySectionID") == int(key) and i["type"] == wanted
        ]  # fmt: skip
        since = query.get("addedAt>>")
        if since is not None:
            items = [i for i in items if i["addedAt"] >= int(since)]
        if query.get("sort", "").startswith("addedAt"):
            items.sort(key=lambda i: i["addedAt"], reverse=query["sort"].endswith(":desc"))
        title = section["title"]
        return 200, page(items, paging, librarySectionID=int(key), librarySectionTitle=title)

    def providers(self, **_: Any) -> tuple[int, dict[str, Any]]:
        dirs = [
            {"id": k, "title": s["title"], "durationTotal": d, "storageTotal": size}
            for k, (d, size) in self._storage().items()
            for s in self.plex.sections if s["key"] == k
        ]  # fmt: skip
        feature = {"key": "/library/sections", "type": "content", "Directory": dirs}
        provider = {"identifier": "com.plexapp.plugins.library", "title": "Library",
                    "Feature": [feature]}  # fmt: skip
        return 200, {"size": 1, "MediaProvider": [provider]}

    def _storage(self) -> dict[str, tuple[int, int]]:
        from tests.servers.plex.plex_data import STORAGE

        return {k: v for k, v in STORAGE.items() if any(s["key"] == k for s in self.plex.sections)}

    def search(self, *, query: dict[str, str], **_: Any) -> tuple[int, dict[str, Any]]:
        """``/hubs/search``: one hub per type, each cut at ``limit`` (and at the fake's
        ``hub_cap``, standing for a server that returns less than asked), ``more`` when cut."""
        words = query.get("query", "").lower()
        hits = [i for i in self.plex.items.values() if words and words in i["title"].lower()]
        cut = min(int(query.get("limit") or 10**9), self.plex.hub_cap or 10**9)
        hubs = []
        for kind in ("movie", "show", "episode", "artist", "album"):
            found = [i for i in hits if i["type"] == kind]
            if found:
                hubs.append({"title": kind.title(), "type": kind, "hubIdentifier": kind,
                             "size": len(found[:cut]), "more": len(found) > cut,
                             "Metadata": found[:cut]})  # fmt: skip
        return 200, {"size": len(hubs), "Hub": hubs}

    def on_deck(self, *, paging: dict[str, int], **_: Any) -> tuple[int, dict[str, Any]]:
        items = [i for i in self.plex.items.values() if i.get("viewOffset")]
        return 200, page(items, paging)

    def status_sessions(self, **_: Any) -> tuple[int, dict[str, Any]]:
        return 200, {"size": len(self.plex.sessions), "Metadata": self.plex.sessions}

    def clients(self, **_: Any) -> tuple[int, dict[str, Any]]:
        return 200, {"size": len(self.plex.clients), "Server": self.plex.clients}

    def playlists(self, *, paging: dict[str, int], **_: Any) -> tuple[int, dict[str, Any]]:
        return 200, page(list(self.plex.playlists.values()), paging)

    def playlist_items(self, key: str, *, paging: dict[str, int], **_: Any) -> tuple[int, Any]:
        playlist = self.plex.playlists.get(int(key))
        if playlist is None:
            return 404, None
        items = [self.plex.items[k] for k in playlist["_items"]]
        return 200, page(items, paging)

    def metadata(self, key: str, **_: Any) -> tuple[int, Any]:
        item = self.plex.items.get(int(key)) or self.plex.playlists.get(int(key))
        if item is None:
            return 404, None
        return 200, {"size": 1, "Metadata": [item]}

    def leaves(self, key: str, *, paging: dict[str, int], **_: Any) -> tuple[int, Any]:
        if int(key) not in self.plex.items:
            return 404, None
        parent = key
        items = [
            i for i in self.plex.items.values()
            if i["type"] in ("episode", "track")
            and parent in (i.get("parentRatingKey"), i.get("grandparentRatingKey"))
        ]  # fmt: skip
        return 200, page(items, paging)

    # --- writes --------------------------------------------------------------------------------

    def refresh(self, key: str, *, query: dict[str, str], **_: Any) -> tuple[int, None]:
        self.plex.scans.append((int(key), query.get("force") == "1"))
        return 200, None

    def empty_trash(self, key: str, **_: Any) -> tuple[int, None]:
        self.plex.trash_emptied.append(int(key))
        return 200, None

    def optimize(self, **_: Any) -> tuple[int, None]:
        self.plex.optimized += 1
        return 200, None

    def scrobble(self, verb: str, *, query: dict[str, str], **_: Any) -> tuple[int, None]:
        item = self.plex.items.get(int(query.get("key", "0")))
        if item is None or query.get("identifier") != "com.plexapp.plugins.library":
            return 404, None
        item["viewCount"] = 1 if verb == "scrobble" else 0
        return 200, None

    def delete(self, key: str, **_: Any) -> tuple[int, None]:
        if not self.plex.root.get("allowMediaDeletion"):
            return 403, None
        for rk, item in list(self.plex.items.items()):
            if key in (str(rk), item.get("parentRatingKey"), item.get("grandparentRatingKey")):
                del self.plex.items[rk]
        return 200, None

    def player(self, command: str, *, headers: dict[str, str], query: dict[str, str],
               **_: Any) -> tuple[int, Any]:  # fmt: skip
        target = headers.get("X-Plex-Target-Client-Identifier", "")
        if not any(c["machineIdentifier"] == target for c in self.plex.clients):
            return 404, None
        extra = f" offset={query['offset']}" if "offset" in query else ""
        self.plex.commands.append((target, f"{command} type={query.get('type')}{extra}"))
        return 200, {"size": 0}

    def _uri_keys(self, uri: str) -> list[int]:
        match = re.search(r"/library/metadata/([\d,]+)$", unquote(uri))
        return [int(k) for k in match.group(1).split(",")] if match else []

    def create_playlist(self, *, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        keys = self._uri_keys(query.get("uri", ""))
        if not keys or any(k not in self.plex.items for k in keys):
            return 400, None
        new = max(self.plex.playlists) + 1
        playlist = {"ratingKey": str(new), "key": f"/playlists/{new}/items", "type": "playlist",
                    "title": query.get("title", ""), "playlistType": query.get("type", "video"),
                    "smart": False, "leafCount": len(keys), "addedAt": self.plex.now,
                    "_items": keys}  # fmt: skip
        self.plex.playlists[new] = playlist
        return 200, {"size": 1, "Metadata": [playlist]}

    def add_items(self, key: str, *, query: dict[str, str], **_: Any) -> tuple[int, Any]:
        playlist = self.plex.playlists.get(int(key))
        keys = self._uri_keys(query.get("uri", ""))
        if playlist is None or not keys:
            return 404 if playlist is None else 400, None
        playlist["_items"].extend(keys)
        playlist["leafCount"] = len(playlist["_items"])
        return 200, {"size": 1, "Metadata": [playlist]}
