"""Read tools through a real MCP client against spec-checked fakes of every app."""

from __future__ import annotations

from typing import Any

from fastmcp import Client

from tests.servers.arr_suite import data
from tests.servers.arr_suite.conftest import Lab, call
from tests.servers.arr_suite.fake import in_days


async def test_list_library_is_lean_sorted_and_filtered(ro: Client[Any], lab: Lab) -> None:
    page = await call(ro, "list_library", app="sonarr")
    assert [i["title"] for i in page["items"]] == ["Andor", "Severance", "Show 000", "The Expanse"]
    severance = page["items"][1]
    assert severance == {
        "id": 1,
        "title": "Severance",
        "year": 2021,
        "monitored": True,
        "status": "continuing",
        "size_gb": 18.0,
        "episodes": "9/19",
        "profile": "HD-1080p",
        "tags": ["kids"],
    }
    missing = await call(ro, "list_library", app="sonarr", missing=True)
    assert [i["title"] for i in missing["items"]] == ["Severance"]
    unmonitored = await call(ro, "list_library", app="sonarr", monitored=False)
    assert [i["title"] for i in unmonitored["items"]] == ["The Expanse"]
    tagged = await call(ro, "list_library", app="sonarr", tag="KIDS")
    assert [i["title"] for i in tagged["items"]] == ["Severance"]
    none = await call(ro, "list_library", app="sonarr", quality_profile="Ultra-HD")
    assert none["items"] == [] and none["total"] == 0


async def test_list_library_pages(ro: Client[Any]) -> None:
    first = await call(ro, "list_library", app="sonarr", limit=3)
    assert first["total"] == 4 and first["truncated"] and first["next_offset"] == 3
    rest = await call(ro, "list_library", app="sonarr", limit=3, offset=3)
    assert [i["title"] for i in rest["items"]] == ["The Expanse"] and not rest["truncated"]


async def test_movies_of_the_chosen_instance(ro: Client[Any]) -> None:
    default = await call(ro, "list_library", app="radarr", instance="default", missing=True)
    assert [(m["title"], m["has_file"]) for m in default["items"]] == [("Arrival", False)]
    uhd = await call(ro, "list_library", app="radarr", instance="4k")
    assert [m["title"] for m in uhd["items"]] == ["Dune 4K"]
    assert uhd["items"][0]["profile"] == "Ultra-HD" and uhd["items"][0]["tags"] == ["4k"]


async def test_series_details_have_season_stats(ro: Client[Any]) -> None:
    details = await call(ro, "get_details", app="sonarr", id=1)
    assert details["seasons"] == [
        {"season": 1, "monitored": True, "episodes": "9/19", "total": 19, "size_gb": 18.0}
    ]
    assert details["path"] == "/tv/Severance" and details["instance"] == "default"


async def test_movie_details_have_file_and_quality(ro: Client[Any], lab: Lab) -> None:
    lab.radarr.library[0]["movieFile"] = {
        "id": 1,
        "movieId": 1,
        "relativePath": "Dune (2021).mkv",
        "size": 8 * 1024**3,
        "dateAdded": "2024-01-02T00:00:00Z",
        "releaseGroup": "FraMeSToR",
        "quality": {"quality": {"id": 19, "name": "Bluray-2160p"}},
    }
    details = await call(ro, "get_details", app="radarr", id=1, instance="default")
    assert details["file"] == {
        "name": "Dune (2021).mkv",
        "size_gb": 8.0,
        "quality": "Bluray-2160p",
        "release_group": "FraMeSToR",
    }
    assert details["profile"] == "Ultra-HD"


async def test_unknown_id_is_a_clear_not_found(ro: Client[Any]) -> None:
    result = await ro.call_tool("get_details", {"app": "sonarr", "id": 99}, raise_on_error=False)
    assert result.is_error and "Sonarr: not found" in str(result.content)


async def test_lookup_says_what_is_already_in_the_library(ro: Client[Any]) -> None:
    page = await call(ro, "lookup", app="sonarr", term="s")
    found = page["items"]
    assert [(f["title"], f["in_library"], f.get("library_id")) for f in found] == [
        ("Severance", True, 1),
        ("Slow Horses", False, None),
    ]
    assert found[1]["tvdb_id"] == 393424
    assert page["total"] == 2 and not page["truncated"]
    second = await call(ro, "lookup", app="sonarr", term="s", limit=1, offset=1)
    assert [f["title"] for f in second["items"]] == ["Slow Horses"]
    first = await call(ro, "lookup", app="sonarr", term="s", limit=1)
    assert first["truncated"] and first["next_offset"] == 1


async def test_calendar_merges_apps_and_instances_by_date(ro: Client[Any]) -> None:
    page = await call(ro, "calendar", days=7)
    rows = [(e["app"], e["instance"], e["title"], e["what"]) for e in page["items"]]
    assert rows == [
        ("sonarr", "default", "Severance", "S01E10 Episode 10"),
        ("radarr", "4k", "Arrival", "digital release"),
        ("radarr", "default", "Arrival", "digital release"),
    ]
    dates = [e["date"] for e in page["items"]]
    assert dates == sorted(dates)
    short = await call(ro, "calendar", days=1)
    assert short["items"] == []  # nothing in the next 24 h: both dates are 2 and 3 days away


async def test_wanted_missing_and_history(ro: Client[Any], lab: Lab) -> None:
    wanted = await call(ro, "wanted_missing", app="sonarr")
    assert [(w["title"], w["episode"]) for w in wanted["items"]] == [
        ("Severance", "S01E10 Episode 10"),
        ("Severance", "S01E09 Episode 9"),
    ]
    second = await call(ro, "wanted_missing", app="sonarr", limit=1, offset=1)
    assert second["items"][0]["episode"] == "S01E09 Episode 9" and second["total"] == 2
    history = await call(ro, "history", app="radarr", instance="default")
    assert history["items"] == [
        {
            "date": lab.radarr.history[0]["date"],
            "event": "grabbed",
            "title": "Dune",
            "release": "Dune.2021.2160p",
            "quality": "Bluray-2160p",
        }
    ]


async def test_queue_spans_every_app_and_says_why_it_is_stuck(ro: Client[Any]) -> None:
    view = await call(ro, "queue")
    apps = {(i["app"], i["instance"]) for i in view["items"]}
    assert apps == {("sonarr", "default"), ("radarr", "default"), ("sabnzbd", "default")}
    stuck = await call(ro, "queue", problems_only=True)
    assert [(i["app"], i["state"]) for i in stuck["items"]] == [("sonarr", "importBlocked")]
    assert "Automatic import is not possible" in stuck["items"][0]["error"]
    sab = await call(ro, "queue", app="sabnzbd")
    first = sab["items"][0]
    assert first["id"] == "SABnzbd_nzo_aaa111" and first["progress"] == 75.0
    assert first["size_gb"] == 4.0 and first["eta"] == "0:02:00"


async def test_health_covers_every_instance(ro: Client[Any]) -> None:
    report = await call(ro, "health")
    by = {(h["app"], h["instance"]): h for h in report["instances"]}
    assert set(by) == {
        ("sonarr", "default"),
        ("radarr", "default"),
        ("radarr", "4k"),
        ("prowlarr", "default"),
        ("sabnzbd", "default"),
    }
    assert by["prowlarr", "default"]["failing_indexers"] == ["Broken Tracker"]
    assert not by["prowlarr", "default"]["ok"] and not report["ok"]
    assert by["sonarr", "default"]["disks"] == [
        {"path": "/data", "free_gb": 120.0, "total_gb": 4000.0}
    ]
    assert by["sonarr", "default"]["checks"][0]["level"] == "warning"
    sab = by["sabnzbd", "default"]
    assert sab["paused"] is False and sab["speed"] == "10.0 MB/s" and sab["version"] == "4.3.2"
    assert sab["checks"] == [{"level": "warning", "message": "Disk full soon"}]
    assert not sab["ok"]  # SABnzbd's own warning counts
    assert report["not_configured"] == []


async def test_sabnzbd_is_healthy_only_when_it_can_download(ro: Client[Any], lab: Lab) -> None:
    async def sab() -> dict[str, Any]:
        report = await call(ro, "health")
        return next(h for h in report["instances"] if h["app"] == "sabnzbd")

    lab.sab.warnings = []
    assert (await sab())["ok"] and "checks" not in await sab()
    lab.sab.paused = True
    paused = await sab()
    assert not paused["ok"] and paused["paused"]
    assert paused["checks"] == [
        {"level": "warning", "source": "queue", "message": "downloads are paused"}
    ]
    lab.sab.paused = False
    lab.sab.disk_free = "3.20"  # GB, of 4000
    full = await sab()
    assert not full["ok"]
    assert {"level": "error", "source": "disk", "message": "complete folder: 3.2 GB free"} in (
        full["checks"]
    )


async def test_radarr_wanted_missing_is_newest_release_first(ro: Client[Any], lab: Lab) -> None:
    lab.radarr.library += [
        data.movie(40, "Aaa Old", has_file=False, digitalRelease=in_days(-400)),
        data.movie(41, "Zzz Recent", has_file=False, digitalRelease=in_days(-2)),
        data.movie(42, "Mmm Middle", has_file=False, digitalRelease=in_days(-30)),
    ]
    wanted = await call(ro, "wanted_missing", app="radarr", instance="default")
    titles = [w["title"] for w in wanted["items"]]
    assert titles == ["Arrival", "Zzz Recent", "Mmm Middle", "Aaa Old"]
    dates = [w["date"] for w in wanted["items"]]
    assert dates == sorted(dates, reverse=True)


async def test_prowlarr_indexers_stats_and_search(ro: Client[Any]) -> None:
    page = await call(ro, "list_indexers")
    indexers = page["items"]
    assert page["total"] == len(indexers) == 2
    broken = next(i for i in indexers if i["name"] == "Broken Tracker")
    assert broken["failing_since"] and broken["disabled_till"] and broken["enabled"]
    assert broken["last_failure"] and "failing_since" not in indexers[0]
    stats = (await call(ro, "indexer_stats", limit=1))["items"]
    assert stats[0] == {
        "name": "NZBgeek",
        "queries": 120,
        "grabs": 7,
        "failed_queries": 3,
        "failed_grabs": 0,
        "avg_ms": 420,
    }
    found = await call(ro, "search_releases", query="heat", kind="movie", categories=[2000])
    assert [r.get("seeders") for r in found["items"]] == [57, None]  # most seeded first
    heat = found["items"][1]
    assert heat["title"] == "Heat.1995.1080p.BluRay" and heat["size_mb"] == 4096.0
    assert heat["categories"] == ["Movies/HD"] and heat["age_days"] == 3


async def test_sabnzbd_history_with_failure_message(ro: Client[Any]) -> None:
    page = await call(ro, "download_history")
    rows = page["items"]
    assert [(r["release"], r["status"]) for r in rows] == [
        ("Dune.2021.2160p", "Completed"),
        ("Heat.1995.1080p", "Failed"),
    ]
    assert rows[1]["message"].startswith("Aborted, cannot be completed")
    assert rows[0]["date"] == "2025-12-01T00:00Z"
    assert page["total"] == 2 and not page["truncated"]


async def test_sabnzbd_history_pages_with_its_slot_count(ro: Client[Any], lab: Lab) -> None:
    first = await call(ro, "download_history", limit=1)
    assert [r["release"] for r in first["items"]] == ["Dune.2021.2160p"]
    assert first["total"] == 2 and first["truncated"] and first["next_offset"] == 1
    second = await call(ro, "download_history", limit=1, offset=first["next_offset"])
    assert [r["release"] for r in second["items"]] == ["Heat.1995.1080p"]
    assert not second["truncated"] and second.get("next_offset") is None
    asked = [dict(r.url.params) for r in lab.sab.requests if r.url.params.get("mode") == "history"]
    assert [(a["start"], a["limit"]) for a in asked] == [("0", "1"), ("1", "1")]


def test_fixture_text_is_hostile() -> None:
    """The fencing tests below are only meaningful while the fixtures carry hostile text."""
    assert "\u202e" in data.HOSTILE and "\x1b[31m" in data.HOSTILE and len(data.HOSTILE) > 5000


async def test_calendar_names_an_instance_that_is_down_and_keeps_the_others(
    ro: Client[Any], lab: Lab
) -> None:
    lab.radarr4k.down = True
    page = await call(ro, "calendar", days=7)
    rows = [(e["app"], e["instance"], e["title"]) for e in page["items"]]
    assert rows == [("sonarr", "default", "Severance"), ("radarr", "default", "Arrival")]
    [gone] = page["unavailable"]
    assert "cannot connect" in gone and "RADARR_4K_URL" in gone
