"""A small Plex library in Plex's JSON shape (the spec's ``MediaContainer`` / ``Metadata``).

The fake server validates each response built from this data against
``../shared/specs/plex-api-spec.yaml`` and then renders it as the XML Plex sends to plexapi.
Times are relative to ``now`` so "added this week" does not depend on the wall clock.
"""

from __future__ import annotations

from typing import Any

GB = 1024**3
MACHINE_ID = "5f1c3e8a9b7d4c2e8f6a1b3c5d7e9f01"
ROOT = {
    "friendlyName": "homelab-plex",
    "version": "1.41.3.9314-a0bfb8370",
    "platform": "Linux",
    "platformVersion": "6.8.0",
    "machineIdentifier": MACHINE_ID,
    "myPlex": True,
    "myPlexSubscription": True,
    "myPlexUsername": "homelab-owner",
    "transcoderVideo": True,
    "transcoderAudio": True,
    "transcoderActiveVideoSessions": 1,
    "allowMediaDeletion": True,
    "multiuser": True,
}
SECTIONS: list[dict[str, Any]] = [
    {"key": "1", "title": "Movies", "type": "movie",
     "Location": [{"id": 1, "path": "/data/movies"}]},
    {"key": "2", "title": "TV Shows", "type": "show", "Location": [{"id": 2, "path": "/data/tv"}]},
    {"key": "3", "title": "Music", "type": "artist",
     "Location": [{"id": 3, "path": "/data/music"}]},
]  # fmt: skip
STORAGE = {"1": (3 * 7_200_000, 75 * GB), "2": (2 * 3_000_000, 9 * GB), "3": (240_000, GB // 20)}


def _movie(key: int, title: str, year: int, added: int, codec: str, res: str, size: int,
           path: str, **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "ratingKey": str(key), "key": f"/library/metadata/{key}", "type": "movie",
        "title": title, "year": year, "addedAt": added, "duration": 7_200_000,
        "librarySectionID": 1, "librarySectionTitle": "Movies",
        "Media": [_media(key, codec, res, size, path)], **extra,
    }  # fmt: skip


def _media(key: int, codec: str, res: str, size: int, path: str) -> dict[str, Any]:
    return {
        "id": key * 10, "videoCodec": codec, "videoResolution": res, "bitrate": 24000,
        "container": "mkv", "audioCodec": "truehd", "audioChannels": 8, "duration": 7_200_000,
        "Part": [{"id": key * 100, "key": f"/library/parts/{key * 100}/file.mkv", "file": path,
                  "size": size, "container": "mkv", "duration": 7_200_000}],
    }  # fmt: skip


def _episode(key: int, show: int, season: int, s: int, e: int, title: str, show_title: str,
             added: int, size: int) -> dict[str, Any]:  # fmt: skip
    path = f"/data/tv/{show_title}/Season {s:02d}/{show_title} - S{s:02d}E{e:02d}.mkv"
    media = _media(key, "h264", "1080", size, path)
    media.update(audioCodec="eac3", audioChannels=6, bitrate=8000)
    return {
        "ratingKey": str(key), "key": f"/library/metadata/{key}", "type": "episode",
        "title": title, "index": e, "parentIndex": s, "addedAt": added, "duration": 3_000_000,
        "grandparentTitle": show_title, "grandparentRatingKey": str(show),
        "grandparentKey": f"/library/metadata/{show}", "parentRatingKey": str(season),
        "parentKey": f"/library/metadata/{season}", "parentTitle": f"Season {s}",
        "librarySectionID": 2, "librarySectionTitle": "TV Shows", "year": 2025,
        "Media": [media],
    }  # fmt: skip


SUMMARY = (
    "A long plot summary as Plex's agents fetch it: who the characters are, what happens to "
    "them, and why it matters, in three or four sentences that a listing sends for every item "
    "whether the client asked for it or not. Real summaries run from 200 to 800 characters."
)
CAST = ["Timothée Chalamet", "Zendaya", "Rebecca Ferguson", "Javier Bardem", "Josh Brolin"]


def streams(key: int, codec: str, res: str, audio: str, channels: int) -> list[dict[str, Any]]:
    """Video, audio and subtitle streams as Plex lists them on a Part."""
    height = {"4k": 2160, "1080": 1080}.get(res, 720)
    return [
        {"id": key * 1000 + 1, "key": f"/library/streams/{key * 1000 + 1}", "streamType": 1,
         "codec": codec, "index": 0, "bitrate": 22000, "bitDepth": 10, "chromaLocation": "left",
         "chromaSubsampling": "4:2:0", "codedHeight": height, "codedWidth": height * 16 // 9,
         "colorPrimaries": "bt2020", "colorRange": "tv", "colorSpace": "bt2020nc",
         "colorTrc": "smpte2084", "frameRate": 23.976, "height": height,
         "width": height * 16 // 9, "level": 150, "profile": "main 10", "refFrames": 1,
         "scanType": "progressive", "default": True, "displayTitle": f"{res.upper()} HDR10",
         "extendedDisplayTitle": f"{res.upper()} HDR10 ({codec.upper()} Main 10)"},
        {"id": key * 1000 + 2, "key": f"/library/streams/{key * 1000 + 2}", "streamType": 2,
         "codec": audio, "index": 1, "channels": channels, "bitrate": 4000, "language": "English",
         "languageCode": "eng", "languageTag": "en", "audioChannelLayout": "7.1",
         "samplingRate": 48000, "selected": True, "default": True,
         "displayTitle": f"English ({audio.upper()} 7.1)",
         "extendedDisplayTitle": f"English ({audio.upper()} 7.1) Default"},
        {"id": key * 1000 + 3, "key": f"/library/streams/{key * 1000 + 3}", "streamType": 3,
         "codec": "pgs", "index": 2, "language": "English", "languageCode": "eng",
         "languageTag": "en", "selected": True, "displayTitle": "English (PGS)",
         "extendedDisplayTitle": "English (PGS Forced)", "forced": True},
    ]  # fmt: skip


def rich(item: dict[str, Any], n: int) -> dict[str, Any]:
    """The fields a real Plex sends with every listed item (agents' metadata, artwork, tags)."""
    key = item["ratingKey"]
    item.update(
        guid=f"plex://{item['type']}/5d77{n:020d}", slug=item["title"].lower().replace(" ", "-"),
        summary=SUMMARY, thumb=f"/library/metadata/{key}/thumb/1732000000",
        art=f"/library/metadata/{key}/art/1732000000", updatedAt=1_732_000_000,
        contentRating="PG-13", studio="Legendary Pictures", rating=8.5, audienceRating=9.0,
        audienceRatingImage="rottentomatoes://image.rating.upright",
        ratingImage="rottentomatoes://image.rating.ripe", originallyAvailableAt="2024-03-01",
        Guid=[{"id": f"imdb://tt{n:07d}"}, {"id": f"tmdb://{n}"}, {"id": f"tvdb://{n}"}],
        Genre=[{"tag": "Science Fiction", "id": 1, "filter": "genre=1"},
               {"tag": "Adventure", "id": 2, "filter": "genre=2"}],
        Country=[{"tag": "United States of America", "id": 3, "filter": "country=3"}],
        Director=[{"tag": "Denis Villeneuve", "id": 4, "filter": "director=4"}],
        Writer=[{"tag": "Jon Spaihts", "id": 5, "filter": "writer=5"}],
        Role=[{"tag": name, "id": 10 + i, "filter": f"actor={10 + i}", "role": "Role",
               "thumb": f"https://metadata-static.plex.tv/people/{10 + i}.jpg"}
              for i, name in enumerate(CAST)],
    )  # fmt: skip
    for media in item.get("Media", []):
        media.update(aspectRatio=1.78, audioProfile="ma", videoFrameRate="24p",
                     videoProfile="main 10", optimizedForStreaming=False)  # fmt: skip
        for part in media["Part"]:
            part["Stream"] = streams(int(key), media["videoCodec"], media["videoResolution"],
                                     media["audioCodec"], media["audioChannels"])  # fmt: skip
    return item


def library(now: int) -> dict[int, dict[str, Any]]:
    day = 86400
    items = [
        _movie(101, "Dune: Part Two", 2024, now - 2 * day, "hevc", "4k", 61 * GB,
               "/data/movies/Dune Part Two (2024)/Dune.Part.Two.2024.2160p.mkv"),
        _movie(102, "Arrival", 2016, now - 40 * day, "h264", "1080", 12 * GB,
               "/data/movies/Arrival (2016)/Arrival.2016.1080p.mkv", viewOffset=3_600_000),
        _movie(103, "Blade Runner 2049", 2017, now - 5 * day, "h264", "1080", 2 * GB,
               "/data/movies/Blade Runner 2049 (2017)/Blade.Runner.2049.mkv"),
        {"ratingKey": "201", "key": "/library/metadata/201/children", "type": "show",
         "title": "Severance", "year": 2022, "addedAt": now - 300 * day, "leafCount": 2,
         "childCount": 1, "librarySectionID": 2, "librarySectionTitle": "TV Shows"},
        {"ratingKey": "202", "key": "/library/metadata/202/children", "type": "season",
         "title": "Season 2", "index": 2, "parentTitle": "Severance", "parentRatingKey": "201",
         "addedAt": now - 3 * day, "leafCount": 2, "librarySectionID": 2,
         "librarySectionTitle": "TV Shows"},
        _episode(203, 201, 202, 2, 1, "Hello, Ms. Cobel", "Severance", now - 3 * day, 3 * GB),
        _episode(204, 201, 202, 2, 2, "Goodbye, Mrs. Selvig", "Severance", now - day, 3 * GB),
        {"ratingKey": "210", "key": "/library/metadata/210/children", "type": "show",
         "title": "The Expanse", "year": 2015, "addedAt": now - 100 * day, "leafCount": 1,
         "childCount": 1, "librarySectionID": 2, "librarySectionTitle": "TV Shows"},
        _episode(211, 210, 212, 1, 1, "Dulcinea", "The Expanse", now - 100 * day, 2 * GB),
        {"ratingKey": "301", "key": "/library/metadata/301/children", "type": "artist",
         "title": "Radiohead", "addedAt": now - 6 * day, "librarySectionID": 3,
         "librarySectionTitle": "Music"},
        {"ratingKey": "302", "key": "/library/metadata/302/children", "type": "album",
         "title": "In Rainbows", "parentTitle": "Radiohead", "parentRatingKey": "301",
         "year": 2007, "addedAt": now - 6 * day, "librarySectionID": 3,
         "librarySectionTitle": "Music"},
    ]  # fmt: skip
    return {int(i["ratingKey"]): rich(i, n) for n, i in enumerate(items, start=1)}


def sessions(items: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """alice: 4K HEVC movie transcoded in software, slower than real time, subtitles burned in,
    player buffering. bob: an episode direct-played over a relayed remote connection."""
    dune = dict(items[101], sessionKey="12", viewOffset=1_800_000)
    dune["User"] = {"id": "1", "title": "alice"}
    dune["Player"] = {
        "title": "Living Room TV", "product": "Plex for Roku", "platform": "Roku",
        "state": "buffering", "local": True, "relayed": False, "secure": True,
        "machineIdentifier": "roku-living-room", "address": "192.168.1.50",
    }  # fmt: skip
    dune["Session"] = {"id": "s-12", "bandwidth": 21000, "location": "lan"}
    dune["TranscodeSession"] = {
        "key": "/transcode/sessions/t12", "throttled": False, "complete": False,
        "progress": 31.5, "speed": 0.7, "duration": 7_200_000, "context": "streaming",
        "sourceVideoCodec": "hevc", "sourceAudioCodec": "truehd", "videoDecision": "transcode",
        "audioDecision": "transcode", "subtitleDecision": "burn", "protocol": "hls",
        "container": "mpegts", "videoCodec": "h264", "audioCodec": "aac", "audioChannels": 2,
        "width": 1920, "height": 1080, "transcodeHwRequested": False,
        "transcodeHwFullPipeline": False,
    }  # fmt: skip
    episode = dict(items[204], sessionKey="13", viewOffset=600_000)
    episode["User"] = {"id": "7", "title": "bob"}
    episode["Player"] = {
        "title": "Bob's iPhone", "product": "Plex for iOS", "platform": "iOS",
        "state": "playing", "local": False, "relayed": True, "secure": True,
        "machineIdentifier": "iphone-bob", "address": "203.0.113.9",
    }  # fmt: skip
    episode["Session"] = {"id": "s-13", "bandwidth": 8200, "location": "wan"}
    return [dune, episode]


CLIENTS = [
    {"name": "Living Room TV", "host": "192.168.1.50", "address": "192.168.1.50", "port": 8324,
     "machineIdentifier": "roku-living-room", "version": "12.4.0", "protocol": "plex",
     "product": "Plex for Roku", "deviceClass": "stb", "platform": "Roku",
     "protocolCapabilities": "timeline,playback,navigation,playqueues", "protocolVersion": "3"},
]  # fmt: skip


def playlists(now: int) -> dict[int, dict[str, Any]]:
    return {
        401: {"ratingKey": "401", "key": "/playlists/401/items", "type": "playlist",
              "title": "Friday Movies", "playlistType": "video", "smart": False,
              "leafCount": 2, "duration": 14_400_000, "addedAt": now - 20 * 86400,
              "_items": [101, 102]},
        402: {"ratingKey": "402", "key": "/playlists/402/items", "type": "playlist",
              "title": "Unwatched", "playlistType": "video", "smart": True, "leafCount": 0,
              "addedAt": now - 10 * 86400, "_items": []},
    }  # fmt: skip
