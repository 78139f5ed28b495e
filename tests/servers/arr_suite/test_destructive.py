"""Destructive tools: a preview that says exactly what would happen, then a single-use token."""

from __future__ import annotations

from typing import Any

from fastmcp import Client

from tests.servers.arr_suite.conftest import Lab, call, fails


async def test_delete_series_keeping_files(rw: Client[Any], lab: Lab) -> None:
    first = await call(rw, "delete_title", app="sonarr", id=1)
    assert first["status"] == "confirmation_required"
    assert (
        "'Severance'" in first["preview"] and "Files are kept on disk (18.0 GB" in first["preview"]
    )
    assert any(s["id"] == 1 for s in lab.sonarr.library)  # the preview changed nothing
    done = await call(rw, "delete_title", app="sonarr", id=1, confirm_token=first["confirm_token"])
    assert done["ok"] and "files kept" in done["detail"]
    assert not any(s["id"] == 1 for s in lab.sonarr.library)
    [delete] = [r for r in lab.sonarr.requests if r.method == "DELETE"]
    assert delete.url.params["deleteFiles"] == "false"


async def test_deleting_files_is_explicit_and_shows_the_size(rw: Client[Any], lab: Lab) -> None:
    first = await call(rw, "delete_title", app="sonarr", id=2, delete_files=True)
    preview = first["preview"]
    assert "ALSO DELETES its files from disk: 62 file(s), 124.0 GB freed" in preview
    assert "'/tv/The Expanse'" in preview
    # The token is bound to the arguments: it cannot confirm a delete that keeps files, or the
    # same delete of another title.
    token = first["confirm_token"]
    text = await fails(
        rw, "delete_title", app="sonarr", id=3, delete_files=True, confirm_token=token
    )
    assert "confirm" in text.lower()
    assert len(lab.sonarr.library) == 4
    done = await call(
        rw, "delete_title", app="sonarr", id=2, delete_files=True, confirm_token=token
    )
    assert "files were deleted" in done["detail"]
    [delete] = [r for r in lab.sonarr.requests if r.method == "DELETE"]
    assert delete.url.params["deleteFiles"] == "true"
    again = await fails(
        rw, "delete_title", app="sonarr", id=2, delete_files=True, confirm_token=token
    )
    assert "confirm" in again.lower()


async def test_remove_and_blocklist_a_queue_item(rw: Client[Any], lab: Lab) -> None:
    first = await call(rw, "remove_queue_item", app="sonarr", id=12, blocklist=True)
    preview = first["preview"]
    assert "(4.0 GB, 100.0% done)" in preview and "blocklisted" in preview
    assert "\u202e" not in preview and "\x1b" not in preview
    assert len(lab.sonarr.queue) == 2
    await call(
        rw,
        "remove_queue_item",
        app="sonarr",
        id=12,
        blocklist=True,
        confirm_token=first["confirm_token"],
    )
    assert [q["id"] for q in lab.sonarr.queue] == [11]
    [delete] = [r for r in lab.sonarr.requests if r.method == "DELETE"]
    assert delete.url.params["blocklist"] == "true"
    assert delete.url.params["removeFromClient"] == "true"


async def test_delete_a_sabnzbd_job_with_its_files(rw: Client[Any], lab: Lab) -> None:
    args = {"nzo_id": "SABnzbd_nzo_ddd444", "where": "history", "delete_files": True}
    first = await call(rw, "delete_download", **args)
    assert first["preview"] == (
        "Delete job 'Heat.1995.1080p' (4.00 GB) from SABnzbd's history. "
        "ALSO DELETES its downloaded files."
    )
    assert len(lab.sab.history) == 2
    await call(rw, "delete_download", **args, confirm_token=first["confirm_token"])
    assert [s["nzo_id"] for s in lab.sab.history] == ["SABnzbd_nzo_ccc333"]
    [delete] = [r for r in lab.sab.requests if r.url.params.get("name") == "delete"]
    assert delete.url.params["del_files"] == "1" and delete.url.params["mode"] == "history"


async def test_preview_of_something_that_is_not_there(rw: Client[Any], lab: Lab) -> None:
    first = await call(rw, "delete_download", nzo_id="SABnzbd_nzo_gone")
    assert "not in SABnzbd's queue; nothing would be deleted" in first["preview"]
    text = await fails(rw, "delete_title", app="radarr", instance="4k", id=1)
    assert "Radarr (4k): not found" in text
    assert len(lab.radarr4k.library) == 1
