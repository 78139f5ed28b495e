"""Tautulli tools through a real MCP client; Tautulli's API v2 behind respx in its envelope,
including its errors (wrong key, API disabled, unknown command, old-style 200 errors)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastmcp import Client

from tests.servers.plex.conftest import call, error_of
from tests.servers.plex.tautulli_data import KEY, FakeTautulli


async def test_history_pages_and_filters_in_tautulli(
    ro: Client[Any], tautulli: FakeTautulli
) -> None:
    page = await call(ro, "history", limit=5)
    assert page["total"] == 12 and len(page["items"]) == 5 and page["next_offset"] == 5
    first = page["items"][0]
    assert (first["user"], first["title"], first["decision"]) == (
        "Alice",
        "Dune: Part Two",
        "transcode",
    )
    assert first["watched_minutes"] == 45 and first["date"].endswith("Z")
    alice = await call(ro, "history", user="alice", media_type="movie", limit=50)
    assert alice["total"] == 6 and {i["user"] for i in alice["items"]} == {"Alice"}
    sent = tautulli.calls[-1]
    assert (sent["cmd"], sent["user"], sent["media_type"]) == ("get_history", "alice", "movie")
    assert (sent["start"], sent["length"], sent["order_dir"]) == ("0", "50", "desc")
    second = await call(ro, "history", limit=5, offset=5)
    assert [i["date"] for i in second["items"]] != [i["date"] for i in page["items"]]


async def test_history_date_range(ro: Client[Any], tautulli: FakeTautulli) -> None:
    from datetime import UTC, datetime

    days = sorted({datetime.fromtimestamp(r["date"], UTC).date() for r in tautulli.history})
    on = [datetime.fromtimestamp(r["date"], UTC).date() for r in tautulli.history]
    # both days are included, as Tautulli documents for get_history
    window = await call(ro, "history", after=str(days[2]), before=str(days[6]), limit=50)
    assert window["total"] == sum(days[2] <= d <= days[6] for d in on) > 3
    one_day = await call(ro, "history", after=str(days[2]), before=str(days[2]), limit=50)
    assert one_day["total"] == on.count(days[2]) >= 1
    text = await error_of(ro, "history", after=str(days[6]), before=str(days[2]))
    assert f"after ({days[6]}) is later than before ({days[2]}): both days are included" in text


async def test_home_stats(ro: Client[Any]) -> None:
    stats = await call(ro, "home_stats", days=30, count=5)
    blocks = {b["id"]: b for b in stats["stats"]}
    assert set(blocks) == {"top_movies", "popular_tv", "top_users", "top_platforms"}
    assert blocks["top_movies"]["rows"][0] == {
        "name": "Dune: Part Two", "plays": 9, "hours": 15.0
    }  # fmt: skip
    assert blocks["top_users"]["rows"][0]["name"] == "Alice"
    assert blocks["top_platforms"]["rows"][0]["name"] == "Roku"
    assert blocks["popular_tv"]["rows"][0]["users"] == 3


async def test_user_and_library_stats(ro: Client[Any]) -> None:
    users = await call(ro, "user_stats")
    assert [(u["user"], u["plays"], u["hours"]) for u in users["items"]] == [
        ("Alice", 21, 25.0),
        ("Bob", 14, 11.7),
    ]
    alice = await call(ro, "user_stats", user_id=100)
    windows = alice["items"][0]["windows"]
    assert [(w["days"], w["plays"]) for w in windows] == [(1, 1), (7, 5), (30, 21), (0, 80)]
    assert "no user with id 999" in await error_of(ro, "user_stats", user_id=999)
    libraries = await call(ro, "library_stats")
    assert [(lib["name"], lib["items"], lib["plays"]) for lib in libraries] == [
        ("Movies", 3, 40),
        ("TV Shows", 2, 30),
    ]
    movies = await call(ro, "library_stats", library_id=1)
    assert movies[0]["windows"][1] == {"days": 7, "plays": 5, "hours": 4.2}


async def test_tautulli_status(ro: Client[Any]) -> None:
    assert await call(ro, "tautulli_status") == {
        "version": "v2.15.2",
        "plex_connected": True,
        "plex_name": "homelab-plex",
        "plex_version": "1.41.3.9314-a0bfb8370",
        "update_available": False,
    }


@pytest.mark.parametrize("legacy", [False, True], ids=["http-401", "legacy-200"])
async def test_wrong_key(ro: Client[Any], tautulli: FakeTautulli, legacy: bool) -> None:
    tautulli.key = "another-key-ffffffffffffffffffff"
    tautulli.legacy_errors = legacy
    text = await error_of(ro, "home_stats")
    assert text.startswith("Tautulli: rejected the credentials (Invalid apikey)")
    assert "TAUTULLI_API_KEY" in text and KEY not in text


@pytest.mark.parametrize("legacy", [False, True], ids=["http-404", "legacy-200"])
async def test_api_disabled(ro: Client[Any], tautulli: FakeTautulli, legacy: bool) -> None:
    tautulli.api_enabled = False
    tautulli.legacy_errors = legacy
    text = await error_of(ro, "history")
    assert "API not enabled" in text and "Enable the API in Tautulli" in text


async def test_unknown_command_is_a_bad_request(ro: Client[Any], tautulli: FakeTautulli) -> None:
    del tautulli.data["get_home_stats"]  # an old Tautulli without the command
    text = await error_of(ro, "home_stats")
    assert text.startswith("Tautulli: rejected the request as invalid (Unknown command: get_home")


async def test_not_tautulli_and_server_errors(ro: Client[Any], tautulli: FakeTautulli) -> None:
    tautulli.override = httpx.Response(200, text="<html>login</html>")
    text = await error_of(ro, "tautulli_status")
    assert "did not return Tautulli's JSON envelope" in text and "TAUTULLI_URL" in text
    tautulli.override = httpx.Response(503, text="Service Unavailable")
    before = len(tautulli.calls)
    text = await error_of(ro, "history")
    assert text.startswith("Tautulli: failed with a server error (HTTP 503")
    assert len(tautulli.calls) - before == 3  # a transient 503 is retried twice, then reported


async def test_tautulli_down(ro: Client[Any], tautulli: FakeTautulli) -> None:
    tautulli.override = httpx.ConnectError("connection refused")
    text = await error_of(ro, "history")
    assert text.startswith("Tautulli: cannot connect") and "TAUTULLI_URL" in text


async def test_length_caps_kept_out_of_the_schema_still_hold(
    ro: Client[Any], tautulli: FakeTautulli
) -> None:
    sent = len(tautulli.calls)
    text = await error_of(ro, "history", user="x" * 101)
    assert "at most 100 characters" in text
    assert len(tautulli.calls) == sent  # refused before Tautulli is asked
    tools = {t.name: t for t in await ro.list_tools()}
    assert "maxLength" not in str(tools["history"].input_schema)
