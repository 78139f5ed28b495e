"""Write and destructive tools through a real MCP client, asserting the fake Plex's state."""

from __future__ import annotations

from typing import Any

from fastmcp import Client

from tests.harness import mcp_client
from tests.servers.plex.conftest import call, error_of
from tests.servers.plex.fake_plex import FakePlex

WRITES = {"control_playback", "scan_library", "set_watched", "create_playlist", "add_to_playlist"}
DESTRUCTIVE = {"delete_item", "empty_trash", "optimize_database"}


async def test_read_only_by_default(ro: Client[Any], plex: FakePlex) -> None:
    listed = {t.name for t in await ro.list_tools()}
    assert not listed & (WRITES | DESTRUCTIVE)
    text = await error_of(ro, "set_watched", rating_key=102)
    assert "PLEX_ALLOW_WRITE=true" in text
    text = await error_of(ro, "delete_item", rating_key=101)
    assert "PLEX_ALLOW_WRITE=true and PLEX_ALLOW_DESTRUCTIVE=true" in text
    assert "viewCount" not in plex.items[102] and 101 in plex.items
    assert not [r for r in plex.requests if r[0] != "GET"]


async def test_writes_without_destructive(server: Any) -> None:
    async with mcp_client(server(allow_write=True)) as client:
        listed = {t.name for t in await client.list_tools()}
    assert listed >= WRITES and not listed & DESTRUCTIVE


async def test_playback_control(rw: Client[Any], plex: FakePlex) -> None:
    result = await call(rw, "control_playback", client="Living Room TV", action="pause")
    assert result == {"action": "pause", "target": "Living Room TV", "detail": "video"}
    await call(
        rw, "control_playback", client="roku-living-room", action="seek", position_seconds=90
    )
    assert plex.commands == [
        ("roku-living-room", "pause type=video"),
        ("roku-living-room", "seekTo type=video offset=90000"),
    ]
    assert "seek needs position_seconds" in await error_of(
        rw, "control_playback", client="Living Room TV", action="seek"
    )
    text = await error_of(rw, "control_playback", client="Kitchen", action="play")
    assert "no connected client named 'Kitchen'" in text and "list_clients" in text
    assert len(plex.commands) == 2


async def test_scan_and_watched(rw: Client[Any], plex: FakePlex) -> None:
    await call(rw, "scan_library", library_id=2)
    await call(rw, "scan_library", library_id=1, refresh_metadata=True)
    assert plex.scans == [(2, False), (1, True)]
    assert "no library with id 9" in await error_of(rw, "scan_library", library_id=9)
    done = await call(rw, "set_watched", rating_key=204)
    assert done["target"] == "Severance S02E02 Goodbye, Mrs. Selvig"
    assert plex.items[204]["viewCount"] == 1
    await call(rw, "set_watched", rating_key=204, watched=False)
    assert plex.items[204]["viewCount"] == 0
    assert "Plex: not found" in await error_of(rw, "set_watched", rating_key=999)


async def test_playlists(rw: Client[Any], plex: FakePlex) -> None:
    created = await call(rw, "create_playlist", title="Sci-fi night", rating_keys=[101, 103])
    assert (created["title"], created["items"]) == ("Sci-fi night", 2)
    new = created["rating_key"]
    assert plex.playlists[new]["_items"] == [101, 103]
    added = await call(rw, "add_to_playlist", playlist_id=new, rating_keys=[102])
    assert added["detail"] == "1 item(s) added"
    assert plex.playlists[new]["_items"] == [101, 103, 102]
    text = await error_of(rw, "add_to_playlist", playlist_id=402, rating_keys=[102])
    assert "smart playlist" in text and plex.playlists[402]["_items"] == []
    text = await error_of(rw, "add_to_playlist", playlist_id=101, rating_keys=[102])
    assert "is a movie, not a playlist" in text


async def test_delete_previews_files_and_sizes_then_deletes_once(
    rw: Client[Any], plex: FakePlex
) -> None:
    preview = await call(rw, "delete_item", rating_key=101)
    assert preview["status"] == "confirmation_required"
    text = preview["preview"]
    assert "Dune.Part.Two.2024.2160p.mkv" in text and "61.0 GB" in text
    assert 101 in plex.items and not [r for r in plex.requests if r[0] == "DELETE"]
    token = preview["confirm_token"]
    done = await call(rw, "delete_item", rating_key=101, confirm_token=token)
    assert done["action"] == "delete" and "Dune.Part.Two" in done["detail"]
    assert 101 not in plex.items
    assert "token" in (await error_of(rw, "delete_item", rating_key=101, confirm_token=token))


async def test_delete_show_preview_names_every_episode(rw: Client[Any], plex: FakePlex) -> None:
    preview = (await call(rw, "delete_item", rating_key=201))["preview"]
    assert "show 'Severance'" in preview and "2 items" in preview
    assert "Severance - S02E01.mkv" in preview and "Severance - S02E02.mkv" in preview
    assert "2 file(s), 6.0 GB in total" in preview
    plex.root["allowMediaDeletion"] = False
    preview = (await call(rw, "delete_item", rating_key=201))["preview"]
    assert "does not allow media deletion" in preview


async def test_a_token_is_bound_to_its_arguments(rw: Client[Any], plex: FakePlex) -> None:
    token = (await call(rw, "delete_item", rating_key=103))["confirm_token"]
    await error_of(rw, "delete_item", rating_key=102, confirm_token=token)
    assert 102 in plex.items and 103 in plex.items


async def test_empty_trash_and_optimize(rw: Client[Any], plex: FakePlex) -> None:
    preview = await call(rw, "empty_trash", library_id=2)
    assert "'TV Shows'" in preview["preview"] and plex.trash_emptied == []
    await call(rw, "empty_trash", library_id=2, confirm_token=preview["confirm_token"])
    assert plex.trash_emptied == [2]
    preview = await call(rw, "optimize_database")
    assert "homelab-plex" in preview["preview"] and plex.optimized == 0
    await call(rw, "optimize_database", confirm_token=preview["confirm_token"])
    assert plex.optimized == 1
