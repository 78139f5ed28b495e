"""A stateful SABnzbd behind respx, answering in its documented JSON shapes.

SABnzbd publishes no OpenAPI spec; the shapes follow its API documentation (``/api?mode=...&
output=json``): ``queue``/``history`` objects with string numbers (``"mb": "4096.00"``), actions
answering ``{"status": true, "nzo_ids": [...]}``, and errors as HTTP 200 with
``{"status": false, "error": "..."}`` (``"API Key Incorrect"`` for a wrong key). Requests it
would not understand (an unknown mode, a missing ``output=json``) are recorded as violations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from tests.servers.arr_suite.data import HOSTILE

MODES = {"version", "queue", "history", "warnings", "pause", "resume", "config", "addurl", "retry"}


def slot(nzo_id: str, name: str, *, mb: float, left: float, status: str = "Downloading") -> dict:
    return {
        "status": status,
        "index": 0,
        "password": "",
        "avg_age": "2d",
        "script": "None",
        "mb": f"{mb:.2f}",
        "mbleft": f"{left:.2f}",
        "mbmissing": "0.0",
        "size": f"{mb / 1024:.1f} GB",
        "sizeleft": f"{left / 1024:.1f} GB",
        "filename": name,
        "labels": [],
        "priority": "Normal",
        "cat": "tv",
        "timeleft": "0:02:00",
        "percentage": f"{int(100 * (mb - left) / mb) if mb else 0}",
        "nzo_id": nzo_id,
        "unpackopts": "3",
    }


def history_slot(nzo_id: str, name: str, status: str, fail: str = "") -> dict[str, Any]:
    return {
        "id": 1,
        "completed": 1764547200,
        "name": name,
        "nzb_name": f"{name}.nzb",
        "category": "movies",
        "pp": "D",
        "status": status,
        "nzo_id": nzo_id,
        "storage": f"/downloads/complete/{name}",
        "fail_message": fail,
        "bytes": 4 * 1024**3,
        "size": "4.0 GB",
        "retry": 1 if status == "Failed" else 0,
    }


@dataclass
class FakeSab:
    url: str
    api_key: str
    paused: bool = False
    speedlimit: str = "100"
    slots: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Any] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    disk_free: str = "120.50"  # GB free in the complete folder, a string as SABnzbd sends it
    refuse: str | None = None  # answer every action with this error (its text as SABnzbd sends it)
    requests: list[httpx.Request] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def fill(self) -> FakeSab:
        self.slots = [
            slot("SABnzbd_nzo_aaa111", "Severance.S01E09.1080p", mb=4096, left=1024),
            slot("SABnzbd_nzo_bbb222", HOSTILE, mb=2048, left=2048, status="Queued"),
        ]
        self.history = [
            history_slot("SABnzbd_nzo_ccc333", "Dune.2021.2160p", "Completed"),
            history_slot(
                "SABnzbd_nzo_ddd444",
                "Heat.1995.1080p",
                "Failed",
                "Aborted, cannot be completed - " + HOSTILE,
            ),
        ]
        self.warnings = [{"text": "Disk full soon", "type": "WARNING", "time": 1764547200}]
        return self

    def snapshot(self) -> str:
        return json.dumps([self.paused, self.speedlimit, self.slots, self.history, self.added])

    def install(self, router: respx.MockRouter) -> None:
        router.route(method="GET", url__startswith=f"{self.url}/api").mock(side_effect=self._api)

    def _api(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        params = request.url.params
        mode = params.get("mode", "")
        if params.get("output") != "json":
            self.violations.append(f"mode={mode} without output=json")
        if mode not in MODES:
            self.violations.append(f"unknown mode {mode!r}")
            return _json({"status": False, "error": "not implemented"})
        if mode == "version":
            return _json({"version": "4.3.2"})
        if params.get("apikey") != self.api_key:
            return _json({"status": False, "error": "API Key Incorrect"})
        if self.refuse is not None and mode not in ("queue", "history", "warnings"):
            return _json({"status": False, "error": self.refuse})
        return getattr(self, f"_{mode}")(params)

    def _queue(self, params: httpx.QueryParams) -> httpx.Response:
        name = params.get("name")
        if name in ("pause", "resume", "delete"):
            ids = params.get("value", "").split(",")
            hit = [s for s in self.slots if s["nzo_id"] in ids]
            for s in hit:
                if name == "delete":
                    self.slots.remove(s)
                else:
                    s["status"] = "Paused" if name == "pause" else "Queued"
            return _json({"status": True, "nzo_ids": [s["nzo_id"] for s in hit]})
        limit = int(params.get("limit", 0) or 0)
        shown = self.slots[:limit] if limit else self.slots
        mb = sum(float(s["mb"]) for s in self.slots)
        left = sum(float(s["mbleft"]) for s in self.slots)
        return _json(
            {
                "queue": {
                    "status": "Paused" if self.paused else "Downloading",
                    "speedlimit": self.speedlimit,
                    "speedlimit_abs": "",
                    "paused": self.paused,
                    "noofslots_total": len(self.slots),
                    "noofslots": len(self.slots),
                    "limit": limit,
                    "start": 0,
                    "timeleft": "0:10:00",
                    "speed": "10.0 M",
                    "kbpersec": "10240.00",
                    "size": f"{mb / 1024:.1f} GB",
                    "sizeleft": f"{left / 1024:.1f} GB",
                    "mb": f"{mb:.2f}",
                    "mbleft": f"{left:.2f}",
                    "slots": shown,
                    "diskspace1": "120.50",
                    "diskspace2": self.disk_free,
                    "diskspacetotal1": "4000.00",
                    "diskspacetotal2": "4000.00",
                    "version": "4.3.2",
                }
            }
        )

    def _history(self, params: httpx.QueryParams) -> httpx.Response:
        if params.get("name") == "delete":
            ids = params.get("value", "").split(",")
            hit = [s for s in self.history if s["nzo_id"] in ids]
            self.history[:] = [s for s in self.history if s not in hit]
            return _json({"status": True, "nzo_ids": [s["nzo_id"] for s in hit]})
        start, limit = int(params.get("start", 0)), int(params.get("limit", 0) or 0)
        shown = self.history[start : start + limit] if limit else self.history[start:]
        return _json({"history": {"noofslots": len(self.history), "slots": shown}})

    def _warnings(self, _params: httpx.QueryParams) -> httpx.Response:
        return _json({"warnings": self.warnings})

    def _pause(self, _params: httpx.QueryParams) -> httpx.Response:
        self.paused = True
        return _json({"status": True})

    def _resume(self, _params: httpx.QueryParams) -> httpx.Response:
        self.paused = False
        return _json({"status": True})

    def _config(self, params: httpx.QueryParams) -> httpx.Response:
        if params.get("name") != "speedlimit":
            self.violations.append(f"config {params.get('name')!r}")
            return _json({"status": False, "error": "not allowed"})
        self.speedlimit = params.get("value", "")
        return _json({"status": True})

    def _addurl(self, params: httpx.QueryParams) -> httpx.Response:
        url = params.get("name", "")
        if not url:
            return _json({"status": False, "error": "expects one parameter"})
        self.added.append(url)
        return _json({"status": True, "nzo_ids": [f"SABnzbd_nzo_new{len(self.added)}"]})

    def _retry(self, params: httpx.QueryParams) -> httpx.Response:
        hit = [s for s in self.history if s["nzo_id"] == params.get("value")]
        return _json({"status": bool(hit)} if hit else {"status": False, "error": "not found"})


def _json(data: Any) -> httpx.Response:
    return httpx.Response(200, json=data)
