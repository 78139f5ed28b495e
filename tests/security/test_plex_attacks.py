"""Attacks on plex-mcp with writes and destructive tools enabled: nothing reaches Plex or
Tautulli beyond what the tool is for. Each case asserts the upstream state is unchanged.

Cases: a generic call-anything tool, path traversal and odd types in ids, parameter/header
smuggling through string arguments, and a destructive effect reached without confirmation.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastmcp import Client

from tests.security.cases import AttackCase
from tests.servers.plex.conftest import *  # noqa: F403  (the fake Plex, Tautulli and server fixtures)
from tests.servers.plex.conftest import call, error_of
from tests.servers.plex.fake_plex import FakePlex
from tests.servers.plex.tautulli_data import FakeTautulli


def snapshot(plex: FakePlex) -> dict[str, Any]:
    return copy.deepcopy(
        {
            "items": plex.items,
            "playlists": plex.playlists,
            "scans": plex.scans,
            "trash": plex.trash_emptied,
            "optimized": plex.optimized,
            "commands": plex.commands,
        }
    )


def changing_requests(plex: FakePlex) -> list[tuple[str, str]]:
    writes = ("/:/scrobble", "/:/unscrobble", "/player/", "/refresh", "/emptyTrash", "/optimize")
    return [r for r in plex.requests if r[0] != "GET" or any(w in r[1] for w in writes)]


TRAVERSAL = ["../../library/optimize", "101/../../library/sections/1/emptyTrash", "101%2F..",
             "101?force=1", "-1", "0", "1.5", True, None, [101]]  # fmt: skip
_CALLS: list[tuple[str, dict[str, Any]]] = [
    # a generic pass-through tool does not exist
    *[(name, {"path": "/library/optimize", "method": "PUT"})
      for name in ("query", "request", "call_endpoint", "raw_request", "plex_api", "tautulli_cmd")],
    # ids that try to change the endpoint, or are not ids at all
    *[("delete_item", {"rating_key": bad}) for bad in TRAVERSAL],
    *[("set_watched", {"rating_key": bad}) for bad in TRAVERSAL],
    *[("scan_library", {"library_id": bad}) for bad in TRAVERSAL],
    *[("empty_trash", {"library_id": bad}) for bad in TRAVERSAL],
    ("add_to_playlist", {"playlist_id": "401/../../optimize", "rating_keys": [101]}),
    ("create_playlist", {"title": "x", "rating_keys": ["101,102/../../"]}),
    # smuggling through strings that end up in a header or a lookup
    ("control_playback", {"client": "roku-living-room\r\nX-Plex-Token: stolen", "action": "stop"}),
    ("control_playback", {"client": "Living Room TV?commandID=1", "action": "pause"}),
    ("control_playback", {"client": "../player/playback/stop", "action": "play"}),
    ("control_playback", {"client": "Living Room TV", "action": "stop&type=video"}),
    ("control_playback", {"client": "Living Room TV", "action": "delete"}),
    # a destructive effect without the confirmation token changes nothing
    ("delete_item", {"rating_key": 201}),
    ("empty_trash", {"library_id": 1}),
    ("optimize_database", {}),
]  # fmt: skip
# The same calls as cases.AttackCase (the shared contract): each is refused or stops at a preview.
ATTACKS = [
    AttackCase(f"{tool}-{n}", tool, arguments, expect="harmless")
    for n, (tool, arguments) in enumerate(_CALLS)
]


async def test_attacks_change_nothing(rw: Client[Any], plex: FakePlex) -> None:
    """One server for all cases (each case is checked and reported on its own)."""
    failures = []
    for case in ATTACKS:
        tool, arguments = case.tool, dict(case.arguments)
        before = snapshot(plex)
        result = await rw.call_tool(tool, arguments, raise_on_error=False)
        data = result.structured_content or {}
        data = data.get("result", data)
        if not (result.is_error or data.get("status") == "confirmation_required"):
            failures.append(f"{tool}({arguments}) was accepted: {data}")
        if snapshot(plex) != before or changing_requests(plex):
            failures.append(f"{tool}({arguments}) changed Plex: {changing_requests(plex)}")
    assert not failures, "\n".join(failures)


async def test_playlist_title_cannot_smuggle_parameters(rw: Client[Any], plex: FakePlex) -> None:
    title = "x&uri=server://other/com.plexapp.plugins.library/library/metadata/102&smart=1"
    created = await call(rw, "create_playlist", title=title, rating_keys=[101])
    playlist = plex.playlists[created["rating_key"]]
    assert playlist["title"] == title and playlist["_items"] == [101]
    assert playlist["smart"] is False


async def test_search_text_stays_one_parameter(ro: Client[Any], plex: FakePlex) -> None:
    words = "dune&sectionId=2&X-Plex-Token=other"
    await call(ro, "search", query=words)
    sent = [p for m, p in plex.requests if p.startswith("/hubs/search")][-1]
    params = dict(parse_qsl(urlsplit(sent).query))
    assert params["query"] == words and "sectionId" not in params


async def test_history_user_cannot_change_the_command(
    ro: Client[Any], tautulli: FakeTautulli
) -> None:
    user = "alice&cmd=delete_all_history&apikey=x"
    await call(ro, "history", user=user)
    sent = tautulli.calls[-1]
    assert sent["cmd"] == "get_history" and sent["user"] == user
    assert {c["cmd"] for c in tautulli.calls} == {"get_history"}


async def test_unknown_tool_is_named(rw: Client[Any]) -> None:
    assert "Unknown tool" in await error_of(rw, "query", path="/library/optimize")
