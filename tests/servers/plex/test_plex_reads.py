"""Plex read tools through a real MCP client; plexapi does its own HTTP and XML parsing against
the fake Plex (responses checked against the Plex spec)."""

from __future__ import annotations

from typing import Any

from fastmcp import Client

from tests.peers import free_port
from tests.servers.plex import plex_data
from tests.servers.plex.conftest import PLEX_TOKEN, call, error_of
from tests.servers.plex.fake_plex import FakePlex

GB = 1024**3


async def test_server_info(ro: Client[Any]) -> None:
    info = await call(ro, "server_info")
    assert info["name"] == "homelab-plex"
    assert info["version"] == "1.41.3.9314-a0bfb8370"
    assert info["platform"] == "Linux"
    assert info["transcoder"] == {"video": True, "audio": True, "active_video_sessions": 1}


async def test_libraries_have_counts_sizes_and_locations(ro: Client[Any]) -> None:
    libraries = {lib["title"]: lib for lib in await call(ro, "list_libraries")}
    assert set(libraries) == {"Movies", "TV Shows", "Music"}
    movies = libraries["Movies"]
    assert (movies["id"], movies["type"], movies["items"]) == (1, "movie", 3)
    assert movies["size_bytes"] == 75 * GB and movies["size"] == "75.0 GB"
    assert movies["locations"] == ["/data/movies"]
    assert libraries["TV Shows"]["items"] == 2  # shows, not episodes


async def test_search_is_lean_and_spans_libraries(ro: Client[Any]) -> None:
    page = await call(ro, "search", query="dune")
    assert page["items"] == [
        {"rating_key": 101, "title": "Dune: Part Two", "type": "movie", "year": 2024,
         "library": "Movies", "added_at": page["items"][0]["added_at"]}
    ]  # fmt: skip
    mixed = await call(ro, "search", query="r")
    assert {i["library"] for i in mixed["items"]} >= {"Movies", "Music"}
    only_movies = await call(ro, "search", query="r", type="movie")
    assert only_movies["items"] and {i["type"] for i in only_movies["items"]} == {"movie"}


def _sequels(plex: FakePlex, count: int) -> list[str]:
    """``count`` more movies matching 'sequel', in the order Plex's hub lists them."""
    titles = [f"Sequel {n:03d}" for n in range(count)]
    for n, title in enumerate(titles):
        key = 5000 + n
        plex.items[key] = plex_data._movie(key, title, 2000, plex.now, "h264", "1080", GB, "/m")
    return titles


async def test_search_pages_past_the_first_hundred_matches(ro: Client[Any], plex: FakePlex) -> None:
    titles = _sequels(plex, 150)
    first = await call(ro, "search", query="sequel", limit=50)
    assert [i["title"] for i in first["items"]] == titles[:50]
    assert first["truncated"] is True and first["next_offset"] == 50
    deep = await call(ro, "search", query="sequel", limit=30, offset=100)
    assert [i["title"] for i in deep["items"]] == titles[100:130]
    assert deep["next_offset"] == 130
    last = await call(ro, "search", query="sequel", limit=30, offset=130)
    assert [i["title"] for i in last["items"]] == titles[130:]
    assert last["truncated"] is False and last["complete"] is True and last["total"] == 150
    sent = [p for m, p in plex.requests if p.startswith("/hubs/search")][-1]
    assert "limit=161" in sent  # offset + limit + 1 per type: the page and whether more follow


async def test_search_says_when_plex_returned_less_than_asked(
    ro: Client[Any], plex: FakePlex
) -> None:
    titles = _sequels(plex, 150)
    plex.hub_cap = 100  # a server that cuts every hub at 100, however many were asked for
    page = await call(ro, "search", query="sequel", limit=50, offset=100)
    assert page["items"] == [] and page["complete"] is False
    assert "only the first 100 matches" in page["note"]
    within = await call(ro, "search", query="sequel", limit=50, offset=50)
    assert [i["title"] for i in within["items"]] == titles[50:100]
    assert within["complete"] is False and "note" in within


async def test_recently_added_this_week(ro: Client[Any]) -> None:
    week = await call(ro, "recently_added", days=7)
    titles = [i["title"] for i in week["items"]]
    # newest first, episodes named with their show; Arrival (40 d) and The Expanse (100 d) are out
    assert titles == [
        "Severance S02E02 Goodbye, Mrs. Selvig",
        "Dune: Part Two",
        "Severance S02E01 Hello, Ms. Cobel",
        "Blade Runner 2049",
        "Radiohead - In Rainbows",
    ]
    assert week["per_library"] == {"Movies": 2, "TV Shows": 2, "Music": 1}
    assert week["total"] == 5 and not week["truncated"]
    movies = await call(ro, "recently_added", days=4, library_id=1)
    assert [i["rating_key"] for i in movies["items"]] == [101]
    paged = await call(ro, "recently_added", days=7, limit=2, offset=2)
    assert [i["rating_key"] for i in paged["items"]] == [203, 103]
    assert paged["next_offset"] == 4


async def test_on_deck_clients_playlists(ro: Client[Any]) -> None:
    deck = await call(ro, "on_deck")
    assert [(i["title"], i["progress_percent"]) for i in deck["items"]] == [("Arrival", 50)]
    clients = await call(ro, "list_clients")
    assert clients[0]["name"] == "Living Room TV" and clients[0]["can_control"] is True
    playlists = await call(ro, "list_playlists")
    assert [(p["title"], p["items"], p["smart"]) for p in playlists["items"]] == [
        ("Friday Movies", 2, False),
        ("Unwatched", 0, True),
    ]


async def test_wrong_token_is_an_actionable_auth_error(server: Any, plex: FakePlex) -> None:
    from tests.harness import mcp_client

    async with mcp_client(server(token="wrong-token-0000000000")) as client:
        text = await error_of(client, "server_info")
    assert "Plex: rejected the credentials" in text and "PLEX_TOKEN" in text
    assert "wrong-token" not in text and PLEX_TOKEN not in text


async def test_status_reports_both_halves(ro: Client[Any]) -> None:
    status = await call(ro, "status")
    by_name = {u["name"]: u for u in status["upstreams"]}
    assert by_name["plex"]["authenticated"] and by_name["plex"]["version"].startswith("1.41")
    assert by_name["tautulli"]["authenticated"] and by_name["tautulli"]["version"] == "v2.15.2"


async def test_readiness_checks_every_configured_half(settings: Any, tautulli: Any) -> None:
    from plex_mcp.spec import SPEC

    ready = await SPEC.check(settings())
    assert ready.ok and ready.version == "plex 1.41.3.9314-a0bfb8370, tautulli v2.15.2"
    tautulli.key = "not-the-configured-key-000000000"
    ready = await SPEC.check(settings())
    assert not ready.ok and ready.reachable and not ready.authenticated
    assert "tautulli: Tautulli: rejected the credentials" in ready.detail
    alone = await SPEC.check(settings(tautulli_url=None, tautulli_api_key=None))
    assert alone.ok and alone.version == "plex 1.41.3.9314-a0bfb8370"


async def test_readiness_names_a_wrong_plex_token_and_a_wrong_url(settings: Any) -> None:
    """The probe's plain request (no plexapi) keeps the SDK path's actionable messages."""
    from plex_mcp.spec import SPEC

    bad = "not-the-plex-token-00000000000000"
    ready = await SPEC.check(settings(token=bad, tautulli_url=None, tautulli_api_key=None))
    assert not ready.ok and ready.reachable and not ready.authenticated
    assert "plex: Plex: rejected the credentials (HTTP 401 on GET /)" in ready.detail
    assert "PLEX_TOKEN" in ready.detail and bad not in ready.detail
    dead = f"http://127.0.0.1:{free_port()}"
    ready = await SPEC.check(settings(url=dead, tautulli_url=None, tautulli_api_key=None))
    assert not ready.ok and not ready.reachable
    assert "connection refused" in ready.detail and "PLEX_URL" in ready.detail
