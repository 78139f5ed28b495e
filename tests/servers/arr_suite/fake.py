"""Stateful fakes of Sonarr, Radarr and Prowlarr behind respx, checked against the official specs.

Every request the server's clients send is validated against ``../shared/specs/<app>.json``
(path, method, parameters, body, the ``X-Api-Key`` security scheme) and so is every response the
fake returns, so a fixture that drifts from the real shape fails as loudly as a wrong request.
Violations are collected in ``violations`` (a tool call would otherwise mask them as an internal
error) and the fixtures assert the list is empty at teardown.

One known gap of the specs is allowed explicitly: ``POST /command`` is typed as the generic
``CommandResource`` (``additionalProperties: false``), while the apps read the command's own
fields (``seriesId``, ``movieIds``, ``movieId``) from the same body. Those three keys are checked
for their type here and removed before the body is validated against the spec.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import respx

from tests.harness.openapi import SpecViolation, checked, load_spec

SPECS = {"sonarr": "sonarr-v3.json", "radarr": "radarr-v3.json", "prowlarr": "prowlarr-v1.json"}
ROOT = {"sonarr": "/api/v3", "radarr": "/api/v3", "prowlarr": "/api/v1"}
COMMAND_ID_KEYS = {"seriesId": int, "movieId": int, "movieIds": list}
GB = 1024**3
Handler = Callable[[httpx.Request], httpx.Response]


class Undocumented(Exception):
    """An error answer the real app gives but the spec does not list (404 for an unknown id).

    Raised by a handler after the request passed validation; returned without response checking.
    """

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def missing_item() -> httpx.Response:
    raise Undocumented(httpx.Response(404, json={"message": "NotFound"}))


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ok(data: Any = None) -> httpx.Response:
    if data is None:
        return httpx.Response(200)
    return httpx.Response(200, json=data)


@dataclass
class FakeArr:
    app: str
    url: str
    api_key: str
    library: list[dict[str, Any]] = field(default_factory=list)
    episodes: list[dict[str, Any]] = field(default_factory=list)
    lookup: list[dict[str, Any]] = field(default_factory=list)
    queue: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    calendar: list[dict[str, Any]] = field(default_factory=list)
    health: list[dict[str, Any]] = field(default_factory=list)
    indexers: list[dict[str, Any]] = field(default_factory=list)
    indexer_status: list[dict[str, Any]] = field(default_factory=list)
    releases: list[dict[str, Any]] = field(default_factory=list)
    tests: list[dict[str, Any]] = field(default_factory=list)  # /indexer/testall results
    commands: list[dict[str, Any]] = field(default_factory=list)
    grabs: list[dict[str, Any]] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    version: str = "4.0.11.2680"
    down: bool = False  # refuse connections, like a stopped container

    @property
    def media(self) -> str:
        return "series" if self.app == "sonarr" else "movie"

    def snapshot(self) -> str:
        """The fake's whole state, to assert that an attack changed nothing."""
        state = [self.library, self.queue, self.commands, self.grabs, self.indexers]
        return json.dumps(state, sort_keys=True)

    def writes(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests if r.method != "GET"]

    # --- routing ------------------------------------------------------------------------------

    def install(self, router: respx.MockRouter) -> None:
        spec = load_spec(SPECS[self.app])
        root = ROOT[self.app]
        for method, path, handler in self._routes():
            pattern = re.escape(f"{self.url}{root}") + path + r"(\?.*)?$"
            side_effect = self._guarded(checked(spec, handler), method, path)
            router.route(method=method, url__regex=pattern).mock(side_effect=side_effect)

    def _guarded(self, inner: Handler, method: str, path: str) -> Handler:
        def side_effect(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            if self.down:
                raise httpx.ConnectError("connection refused", request=request)
            if request.headers.get("x-api-key") != self.api_key:
                return httpx.Response(401)  # the apps answer a wrong key with an empty 401
            if path == "/command":
                request = self._without_command_ids(request)
            try:
                return inner(request)
            except Undocumented as answer:
                return answer.response
            except SpecViolation as err:
                self.violations.append(str(err))
                raise

        return side_effect

    def _without_command_ids(self, request: httpx.Request) -> httpx.Request:
        body = json.loads(request.content)
        self.commands.append(dict(body))
        for key, kind in COMMAND_ID_KEYS.items():
            if key in body and not isinstance(body.pop(key), kind):
                self.violations.append(f"command {key} is not a {kind.__name__}")
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        return httpx.Request(request.method, request.url, headers=headers, json=body)

    def _routes(self) -> list[tuple[str, str, Handler]]:
        common: list[tuple[str, str, Handler]] = [
            ("GET", "/system/status", lambda _r: ok(self._status())),
            ("GET", "/health", lambda _r: ok(self.health)),
            ("GET", "/tag", lambda _r: ok([{"id": 1, "label": "kids"}, {"id": 2, "label": "4k"}])),
        ]
        if self.app == "prowlarr":
            return [
                *common,
                ("GET", "/indexer", lambda _r: ok(self.indexers)),
                ("GET", "/indexerstatus", lambda _r: ok(self.indexer_status)),
                ("GET", "/indexerstats", lambda _r: ok(self._stats())),
                ("GET", "/search", lambda _r: ok(self.releases)),
                ("POST", "/search", self._grab),
                ("POST", "/indexer/testall", self._test_all),
            ]
        m = self.media
        return [
            *common,
            ("GET", "/diskspace", lambda _r: ok(self._disks())),
            ("GET", "/qualityprofile", lambda _r: ok(self._profiles())),
            ("GET", "/rootfolder", lambda _r: ok(self._roots())),
            ("GET", f"/{m}", lambda _r: ok(self.library)),
            ("GET", f"/{m}/lookup", self._lookup),
            ("POST", f"/{m}", self._add),
            ("PUT", f"/{m}/editor", self._editor),
            ("GET", f"/{m}/(\\d+)", self._item),
            ("DELETE", f"/{m}/(\\d+)", self._delete),
            ("GET", "/episode", lambda _r: ok(self.episodes)),
            ("GET", "/moviefile", lambda _r: ok([])),
            ("GET", "/calendar", self._calendar),
            ("GET", "/queue", lambda r: ok(self._paging(self.queue, r))),
            ("DELETE", "/queue/(\\d+)", self._remove_queue),
            ("GET", "/wanted/missing", lambda r: ok(self._paging(self._missing(), r))),
            ("GET", "/history", lambda r: ok(self._paging(self.history, r))),
            ("POST", "/command", self._command),
        ]

    # --- handlers -----------------------------------------------------------------------------

    def _status(self) -> dict[str, Any]:
        return {"appName": self.app.title(), "version": self.version, "isDocker": True}

    def _stats(self) -> dict[str, Any]:
        return {
            "id": 1,
            "indexers": [
                {
                    "indexerId": i["id"],
                    "indexerName": i["name"],
                    "averageResponseTime": 420,
                    "numberOfQueries": 120,
                    "numberOfGrabs": 7,
                    "numberOfFailedQueries": 3,
                    "numberOfFailedGrabs": 0,
                }
                for i in self.indexers
            ],
        }

    def _disks(self) -> list[dict[str, Any]]:
        return [
            {
                "id": 1,
                "path": "/data",
                "label": "data",
                "freeSpace": 120 * GB,
                "totalSpace": 4000 * GB,
            }
        ]

    def _profiles(self) -> list[dict[str, Any]]:
        return [{"id": 1, "name": "HD-1080p"}, {"id": 4, "name": "Ultra-HD"}]

    def _roots(self) -> list[dict[str, Any]]:
        path = "/tv" if self.app == "sonarr" else "/movies"
        return [{"id": 1, "path": path, "accessible": True, "freeSpace": 120 * GB}]

    def _find(self, request: httpx.Request) -> dict[str, Any] | None:
        item_id = int(request.url.path.rsplit("/", 1)[1])
        return next((i for i in self.library if i["id"] == item_id), None)

    def _item(self, request: httpx.Request) -> httpx.Response:
        item = self._find(request)
        return ok(item) if item else missing_item()

    def _delete(self, request: httpx.Request) -> httpx.Response:
        item = self._find(request)
        if item is None:
            return missing_item()
        self.library.remove(item)
        return ok()

    def _lookup(self, request: httpx.Request) -> httpx.Response:
        term = request.url.params.get("term", "")
        kind, _, number = term.partition(":")
        if kind in ("tvdb", "tmdb") and number.isdigit():
            key = f"{kind}Id"
            return ok([i for i in self.lookup if i.get(key) == int(number)])
        return ok([i for i in self.lookup if term.lower() in str(i.get("title")).lower()])

    def _add(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        new_id = max((i["id"] for i in self.library), default=0) + 1
        added = {
            **body,
            "id": new_id,
            "path": f"{body['rootFolderPath']}/{body['title']}",
            "added": iso(datetime.now(UTC)),
        }
        added.pop("addOptions", None)
        self.library.append(added)
        return ok(added)

    def _editor(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        ids = set(body.get("seriesIds") or body.get("movieIds") or [])
        for item in self.library:
            if item["id"] in ids:
                item["monitored"] = body["monitored"]
        return ok()

    def _remove_queue(self, request: httpx.Request) -> httpx.Response:
        item_id = int(request.url.path.rsplit("/", 1)[1])
        before = len(self.queue)
        self.queue[:] = [q for q in self.queue if q["id"] != item_id]
        return ok() if len(self.queue) < before else missing_item()

    def _command(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        return ok({"id": len(self.commands), "name": body.get("name"), "status": "queued"})

    def _grab(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        release = next((r for r in self.releases if r["guid"] == body.get("guid")), None)
        if release is None:
            return missing_item()
        self.grabs.append(body)
        return ok(release)

    def _calendar(self, request: httpx.Request) -> httpx.Response:
        """Entries with an air or release date between ``start`` and ``end``, as the apps do."""
        params = request.url.params
        start = datetime.fromisoformat(params["start"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(params["end"].replace("Z", "+00:00"))
        fields = ("airDateUtc", "inCinemas", "digitalRelease", "physicalRelease")

        def inside(item: dict[str, Any]) -> bool:
            dates = [item[f] for f in fields if item.get(f)]
            return any(
                start <= datetime.fromisoformat(d.replace("Z", "+00:00")) <= end for d in dates
            )

        return ok([i for i in self.calendar if inside(i)])

    def _test_all(self, _request: httpx.Request) -> httpx.Response:
        """Every indexer's result; 400 with the same list when any fails, as Prowlarr answers
        (its spec documents neither the body nor the 400)."""
        failed = any(not t["isValid"] for t in self.tests)
        raise Undocumented(httpx.Response(400 if failed else 200, json=copy.deepcopy(self.tests)))

    def _missing(self) -> list[dict[str, Any]]:
        if self.app == "sonarr":
            by_id = {s["id"]: s for s in self.library}
            return [
                {**e, "series": by_id.get(e["seriesId"], {})}
                for e in self.episodes
                if not e.get("hasFile") and e.get("monitored")
            ]
        return [m for m in self.library if not m.get("hasFile") and m.get("monitored")]

    def _paging(self, records: list[dict[str, Any]], request: httpx.Request) -> dict[str, Any]:
        page = int(request.url.params.get("page", 1))
        size = int(request.url.params.get("pageSize", 10))
        records = self._sorted(records, request.url.params)
        window = records[(page - 1) * size : page * size]
        return {
            "page": page,
            "pageSize": size,
            "totalRecords": len(records),
            "records": copy.deepcopy(window),
        }

    def _sorted(self, records: list[dict[str, Any]], params: httpx.QueryParams) -> list[dict]:
        """Sorted as the apps sort: by a key they list, else by their default (Radarr: title);
        missing values last when descending, as in their SQL."""
        key = params.get("sortKey", "")
        field = SORT_KEYS.get(key) or DEFAULT_SORT.get(self.app, "")
        if not field:
            return records

        def value(record: dict[str, Any]) -> tuple[bool, str]:
            found = record.get(field, (record.get("series") or {}).get(field))
            return found is not None, str(found or "").lower()

        descending = params.get("sortDirection") == "descending"
        return sorted(records, key=value, reverse=descending)


# The sort keys the fakes honour (the apps' own names) -> the record field; others fall back.
SORT_KEYS = {
    "episodes.airDateUtc": "airDateUtc",
    "movieMetadata.digitalRelease": "digitalRelease",
    "movieMetadata.inCinemas": "inCinemas",
    "movieMetadata.physicalRelease": "physicalRelease",
    "movieMetadata.sortTitle": "sortTitle",
    "series.sortTitle": "sortTitle",
    "date": "date",
}
DEFAULT_SORT = {"radarr": "sortTitle"}


def now() -> datetime:
    return datetime.now(UTC)


def in_days(days: float) -> str:
    return iso(now() + timedelta(days=days))
