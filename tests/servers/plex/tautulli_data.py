"""Tautulli API v2 behind respx, in its documented envelope and data shapes.

``{"response": {"result": "success"|"error", "message": ..., "data": ...}}``; numbers mostly as
strings, as Tautulli sends them. A wrong key is HTTP 401 ``Invalid apikey`` and an unknown
command HTTP 400 (current Tautulli, plexpy/api2.py); ``legacy_errors`` makes them HTTP 200 with
``result: error`` as older versions did. The fake filters and pages ``get_history`` itself, so
the parameters the client sends decide what comes back.
"""

from __future__ import annotations

from typing import Any

import httpx

URL = "http://tautulli.test:8181"
KEY = "0123456789abcdef0123456789abcdef"
DAY = 86400


def activity() -> dict[str, Any]:
    return {
        "stream_count": "2", "stream_count_direct_play": 1, "stream_count_direct_stream": 0,
        "stream_count_transcode": 1, "total_bandwidth": 29200, "lan_bandwidth": 21000,
        "wan_bandwidth": 8200,
        "sessions": [
            {"session_key": "12", "user": "alice", "friendly_name": "Alice",
             "full_title": "Dune: Part Two", "media_type": "movie", "rating_key": "101",
             "state": "buffering", "progress_percent": "25", "view_offset": "1800000",
             "duration": "7200000", "player": "Living Room TV", "product": "Plex for Roku",
             "platform": "Roku", "location": "lan", "relayed": 0, "secure": 1,
             "bandwidth": "21000", "quality_profile": "Original", "transcode_decision": "transcode",
             "video_decision": "transcode", "audio_decision": "transcode",
             "subtitle_decision": "burn", "video_codec": "hevc", "stream_video_codec": "h264",
             "video_full_resolution": "4k", "stream_video_full_resolution": "1080p",
             "audio_codec": "truehd", "stream_audio_codec": "aac", "audio_channels": "8",
             "stream_audio_channels": "2", "bitrate": "24000", "stream_bitrate": "20000",
             "container": "mkv", "stream_container": "mpegts", "transcode_speed": "0.7",
             "transcode_throttled": 0, "transcode_hw_decoding": 0, "transcode_hw_encoding": 0,
             "ip_address": "192.168.1.50"},
            {"session_key": "13", "user": "bob", "friendly_name": "Bob",
             "full_title": "Severance - Goodbye, Mrs. Selvig", "media_type": "episode",
             "rating_key": "204", "state": "playing", "progress_percent": "20",
             "view_offset": "600000", "duration": "3000000", "player": "Bob's iPhone",
             "product": "Plex for iOS", "platform": "iOS", "location": "wan", "relayed": 1,
             "secure": 1, "bandwidth": "8200", "quality_profile": "Original",
             "transcode_decision": "direct play", "video_decision": "direct play",
             "audio_decision": "direct play", "subtitle_decision": "", "video_codec": "h264",
             "stream_video_codec": "h264", "video_full_resolution": "1080p",
             "stream_video_full_resolution": "1080p", "audio_codec": "eac3",
             "stream_audio_codec": "eac3", "bitrate": "8000", "stream_bitrate": "8000",
             "container": "mkv", "stream_container": "mkv", "ip_address": "203.0.113.9"},
        ],
    }  # fmt: skip


def history_rows(now: int) -> list[dict[str, Any]]:
    rows = []
    plays = [("Alice", "alice", "Dune: Part Two", "movie", "101", "transcode"),
             ("Bob", "bob", "Severance - Hello, Ms. Cobel", "episode", "203", "direct play"),
             ("Alice", "alice", "Arrival", "movie", "102", "direct play"),
             ("Carol", "carol", "Radiohead - Reckoner", "track", "303", "copy")]  # fmt: skip
    for i in range(12):
        name, user, title, kind, key, decision = plays[i % len(plays)]
        started = now - (i + 1) * DAY
        rows.append({
            "date": started, "started": started, "stopped": started + 3000, "duration": 3000,
            "play_duration": 2700, "paused_counter": 300, "user": user, "friendly_name": name,
            "user_id": 100 + i % 3, "platform": "Roku", "player": "Living Room TV",
            "ip_address": "192.168.1.50", "media_type": kind, "rating_key": key,
            "full_title": title, "title": title, "year": 2024, "transcode_decision": decision,
            "percent_complete": 90, "watched_status": 1,
        })  # fmt: skip
    return rows


HOME_STATS = [
    {"stat_id": "top_movies", "stat_type": "total_plays", "stat_title": "Most Watched Movies",
     "rows": [{"title": "Dune: Part Two", "total_plays": 9, "total_duration": 54000,
               "users_watched": "", "rating_key": 101, "year": 2024},
              {"title": "Arrival", "total_plays": 4, "total_duration": 28800,
               "users_watched": "", "rating_key": 102, "year": 2016}]},
    {"stat_id": "popular_tv", "stat_title": "Most Popular TV Shows",
     "rows": [{"title": "Severance", "users_watched": 3, "total_plays": 14,
               "total_duration": 42000, "rating_key": 201}]},
    {"stat_id": "top_users", "stat_type": "total_plays", "stat_title": "Most Active Users",
     "rows": [{"friendly_name": "Alice", "user": "alice", "user_id": 100, "total_plays": 21,
               "total_duration": 90000}]},
    {"stat_id": "top_platforms", "stat_type": "total_plays", "stat_title": "Most Active Platforms",
     "rows": [{"platform": "Roku", "platform_name": "roku", "total_plays": 30,
               "total_duration": 120000}]},
    {"stat_id": "most_concurrent", "stat_title": "Most Concurrent Streams", "rows": []},
]  # fmt: skip
USERS_TABLE = {
    "recordsFiltered": 2, "recordsTotal": 2, "draw": 1,
    "data": [{"user_id": 100, "username": "alice", "friendly_name": "Alice", "plays": 21,
              "duration": 90000, "last_seen": 1_764_000_000, "last_played": "Dune: Part Two"},
             {"user_id": 101, "username": "bob", "friendly_name": "Bob", "plays": 14,
              "duration": 42000, "last_seen": 1_763_000_000, "last_played": "Severance"}],
}  # fmt: skip
WATCH_TIME = [{"query_days": 1, "total_plays": 1, "total_time": 3000},
              {"query_days": 7, "total_plays": 5, "total_time": 15000},
              {"query_days": 30, "total_plays": 21, "total_time": 90000},
              {"query_days": 0, "total_plays": 80, "total_time": 400000}]  # fmt: skip
LIBRARIES_TABLE = {
    "recordsFiltered": 2, "recordsTotal": 2, "draw": 1,
    "data": [{"section_id": 1, "section_name": "Movies", "section_type": "movie", "count": 3,
              "plays": 40, "duration": 200000, "last_played": "Dune: Part Two"},
             {"section_id": 2, "section_name": "TV Shows", "section_type": "show", "count": 2,
              "parent_count": 2, "child_count": 3, "plays": 30, "duration": 90000,
              "last_played": "Severance"}],
}  # fmt: skip
INFO = {"tautulli_version": "v2.15.2", "tautulli_branch": "master", "tautulli_update_available": 0}
SERVER_INFO = {"pms_name": "homelab-plex", "pms_version": "1.41.3.9314-a0bfb8370"}


class FakeTautulli:
    """A respx side effect answering ``/api/v2`` like Tautulli."""

    def __init__(self, now: int, key: str = KEY) -> None:
        self.key = key
        self.now = now
        self.calls: list[dict[str, str]] = []
        self.legacy_errors = False
        self.api_enabled = True
        self.data: dict[str, Any] = {
            "get_activity": activity(), "get_home_stats": HOME_STATS,
            "get_users_table": USERS_TABLE, "get_user_watch_time_stats": WATCH_TIME,
            "get_libraries_table": LIBRARIES_TABLE, "get_library_watch_time_stats": WATCH_TIME,
            "get_tautulli_info": INFO, "server_status": {"connected": True},
            "get_server_info": SERVER_INFO,
        }  # fmt: skip
        self.history = history_rows(now)
        # a response or an exception to answer every request with (not Tautulli, or down)
        self.override: httpx.Response | Exception | None = None

    def _error(self, status: int, message: str) -> httpx.Response:
        body = {"response": {"result": "error", "message": message, "data": {}}}
        return httpx.Response(200 if self.legacy_errors else status, json=body)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        self.calls.append(params)
        if isinstance(self.override, Exception):
            raise self.override
        if self.override is not None:
            return self.override
        if not self.api_enabled:
            return self._error(404, "API not enabled")
        if params.get("apikey") != self.key:
            return self._error(401, "Invalid apikey")
        cmd = params.get("cmd", "")
        if cmd == "get_history":
            data: Any = self._history(params)
        elif cmd in self.data:
            data = self.data[cmd]
        else:
            return self._error(400, f"Unknown command: {cmd}. Possible commands are: ...")
        body = {"response": {"result": "success", "message": None, "data": data}}
        return httpx.Response(200, json=body)

    def _history(self, params: dict[str, str]) -> dict[str, Any]:
        from datetime import UTC, datetime

        rows = list(self.history)
        if params.get("user"):
            rows = [r for r in rows if r["user"] == params["user"]]
        if params.get("media_type"):
            rows = [r for r in rows if r["media_type"] == params["media_type"]]
        day = lambda r: datetime.fromtimestamp(r["date"], UTC).date().isoformat()  # noqa: E731
        # Tautulli's API.md: "History after and including the date" / "before and including"
        if params.get("after"):
            rows = [r for r in rows if day(r) >= params["after"]]
        if params.get("before"):
            rows = [r for r in rows if day(r) <= params["before"]]
        start, length = int(params.get("start", 0)), int(params.get("length", 25))
        return {
            "recordsFiltered": len(rows), "recordsTotal": len(self.history), "draw": 1,
            "data": rows[start : start + length], "total_duration": "9 hrs 0 mins",
            "filter_duration": "1 hr",
        }  # fmt: skip
