"""A Plex Media Server stand-in on loopback that plexapi talks to for real (requests + XML).

Every read response is first built as Plex JSON, checked against the community OpenAPI spec
(``../shared/specs/plex-api-spec.yaml``, which describes the JSON form only), and then rendered
as the XML Plex serves by default (the two forms are isomorphic: scalar fields become attributes,
lists of objects become child elements; ``Metadata`` children are named by type, e.g.
``<Video type="movie">``, ``<Directory type="show">``). A fixture that drifts from the spec is
recorded in ``violations`` and fails the test that used it.

Writes change the state, so tests assert on Plex's state, not on calls they set up.
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from xml.etree.ElementTree import Element, tostring

import httpx
from openapi_core.exceptions import OpenAPIError

from tests.harness.openapi import _Request, _Response, load_spec
from tests.servers.plex import plex_data
from tests.servers.plex.fake_plex_routes import Routes

SPEC = "plex-api-spec.yaml"
TAGS = {"movie": "Video", "episode": "Video", "clip": "Video", "track": "Track",
        "photo": "Photo", "playlist": "Playlist"}  # fmt: skip
# Our path -> the spec operation whose response schema it follows. /library and /library/onDeck
# are not in the spec; they return the same containers as / (Directory list) and
# /library/metadata/{ids} (Metadata list). /clients is not in the spec at all (checked by shape
# only: plexapi's PlexClient parser reads these attributes).
SPEC_PATHS = [
    (re.compile(r"^/$"), "/"),
    (re.compile(r"^/library$"), "/"),
    (re.compile(r"^/library/sections$"), "/library/sections/all"),
    (re.compile(r"^/library/sections/\d+/all$"), None),
    (re.compile(r"^/media/providers$"), None),
    (re.compile(r"^/hubs/search$"), None),
    (re.compile(r"^/library/onDeck$"), "/library/metadata/1"),
    (re.compile(r"^/status/sessions$"), None),
    (re.compile(r"^/playlists$"), None),
    (re.compile(r"^/playlists/\d+/items$"), None),
    (re.compile(r"^/playlists/\d+$"), None),
    (re.compile(r"^/library/metadata/\d+$"), None),
    (re.compile(r"^/library/metadata/\d+/allLeaves$"), None),
]


def _public(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def clean(value: Any) -> Any:
    """Drop the fake's own bookkeeping keys (``_items``...) before validation and rendering."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in _public(value).items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def to_xml(tag: str, obj: dict[str, Any]) -> Element:
    element = Element(tag)
    for key, value in obj.items():
        if value is None:
            continue
        if isinstance(value, dict):
            element.append(to_xml(key, value))
        elif isinstance(value, list):
            for child in value:
                if isinstance(child, dict):
                    name = key
                    if key == "Metadata":
                        name = TAGS.get(str(child.get("type")), "Directory")
                    element.append(to_xml(name, child))
        elif isinstance(value, bool):
            element.set(key, "1" if value else "0")
        else:
            element.set(key, str(value))
    return element


class FakePlex(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, token: str) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.token = token
        self.now = int(time.time())
        self.root = dict(plex_data.ROOT)
        self.sections = [dict(s) for s in plex_data.SECTIONS]
        self.items = plex_data.library(self.now)
        self.sessions = plex_data.sessions(self.items)
        self.clients = [dict(c) for c in plex_data.CLIENTS]
        self.playlists = plex_data.playlists(self.now)
        self.requests: list[tuple[str, str]] = []
        self.commands: list[tuple[str, str]] = []  # (target client, command)
        self.scans: list[tuple[int, bool]] = []
        self.trash_emptied: list[int] = []
        self.optimized = 0
        self.violations: list[str] = []
        self.delay = 0.0  # seconds before answering (slow Plex)
        self.hub_cap: int | None = None  # most items a search hub returns, whatever was asked
        self.lock = threading.Lock()
        self.routes = Routes(self)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> FakePlex:
        # a short poll interval: stop() waits for it
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def check(self, path: str, body: dict[str, Any]) -> None:
        """Validate a JSON body against the spec operation that ``path`` follows."""
        for pattern, spec_path in SPEC_PATHS:
            if pattern.match(path):
                target = spec_path or path
                break
        else:
            return
        request = _Request(httpx.Request("GET", f"http://localhost:32400{target}"), "")
        response = _Response(httpx.Response(200, json=body))
        try:
            load_spec(SPEC).validate_response(request, response)
        except OpenAPIError as err:
            cause = err.__cause__ or err.__context__
            errors = getattr(cause, "schema_errors", None) or [cause or err]
            found = "; ".join(str(getattr(e, "message", e))[:200] for e in errors)
            self.violations.append(f"GET {path} breaks the spec: {found}")


class _Handler(BaseHTTPRequestHandler):
    server: FakePlex  # pyright: ignore[reportIncompatibleVariableOverride]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _handle(self, method: str) -> None:
        srv = self.server
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if srv.delay:
            time.sleep(srv.delay)
        with srv.lock:
            srv.requests.append((method, self.path))
        token = self.headers.get("X-Plex-Token") or query.get("X-Plex-Token")
        if token != srv.token:
            page = b"<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized"
            self._send(401, page + b"</h1></body></html>", "text/html", {})
            return
        paging = {
            k: int(self.headers.get(k) or query.get(k) or d)
            for k, d in (("X-Plex-Container-Start", 0), ("X-Plex-Container-Size", 10_000))
        }
        try:
            with srv.lock:
                status, container = srv.routes.dispatch(
                    method, parts.path, query, dict(self.headers), paging
                )
        except Exception as err:  # a bug in the fake: answer, and fail the test that hit it
            srv.violations.append(f"{method} {self.path}: fake crashed: {err!r}")
            self._send(500, b"fake crashed", "text/plain", {})
            return
        if container is None:
            self._send(status, b"", "text/html", {})
            return
        body = {"MediaContainer": clean(container)}
        if method == "GET":
            srv.check(parts.path, body)
        if "application/json" in (self.headers.get("Accept") or ""):
            import json

            data = json.dumps(body).encode()
            self._send(status, data, "application/json", {})
            return
        xml = b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(
            to_xml("MediaContainer", body["MediaContainer"])
        )
        self._send(status, xml, "text/xml;charset=utf-8", {})

    def do_GET(self) -> None:
        self._handle("GET")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_DELETE(self) -> None:
        self._handle("DELETE")
