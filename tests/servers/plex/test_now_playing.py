"""now_playing: 'what is playing and why is it buffering?' in one call, from Plex, Tautulli or
both; a failing half degrades to a note, a dead Plex fails fast within PLEX_TIMEOUT."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastmcp import Client

from tests.harness import mcp_client
from tests.peers import free_port
from tests.servers.plex.conftest import PLEX_TOKEN, call, error_of
from tests.servers.plex.tautulli_data import FakeTautulli


def by_user(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["user"]: s for s in answer["streams"]}


async def test_plex_and_tautulli_explain_the_transcode_and_the_buffering(ro: Client[Any]) -> None:
    answer = await call(ro, "now_playing")
    assert answer["sources"] == ["plex", "tautulli"] and answer["count"] == 2
    assert answer["transcodes"] == 1 and answer["wan_bandwidth_kbps"] == 8200
    alice, bob = by_user(answer)["alice"], by_user(answer)["bob"]
    assert (alice["title"], alice["decision"], alice["state"]) == (
        "Dune: Part Two",
        "transcode",
        "buffering",
    )
    assert alice["source"]["codec"] == "hevc" and alice["source"]["resolution"] == "4k"
    assert alice["delivered"]["codec"] == "h264" and alice["delivered"]["resolution"] == "1080p"
    assert alice["delivered"]["bitrate_kbps"] == 20000  # from Tautulli: Plex does not report it
    assert alice["quality_profile"] == "Original"
    reasons = " | ".join(alice["transcode_reasons"])
    for fact in ("hevc -> h264", "4k -> 1080p", "subtitles burned in", "truehd 8ch -> aac 2ch"):
        assert fact in reasons
    hints = alice["buffering_hints"]
    assert hints[0] == "player is buffering now"
    assert "slower than real time (0.7x, software only)" in hints[1]
    assert (bob["decision"], bob["relayed"], bob["location"]) == ("direct play", True, "wan")
    assert "transcode_reasons" not in bob and "delivered" not in bob  # direct play
    assert any("relay" in h for h in bob["buffering_hints"])
    assert any("8.2 Mbps" in h for h in bob["buffering_hints"])


async def test_plex_alone(server: Any) -> None:
    async with mcp_client(server(tautulli_url=None, tautulli_api_key=None)) as client:
        answer = await call(client, "now_playing")
    assert answer["sources"] == ["plex"] and answer["count"] == 2
    alice = by_user(answer)["alice"]
    assert "quality_profile" not in alice and alice["decision"] == "transcode"
    assert "slower than real time" in " ".join(alice["buffering_hints"])


async def test_tautulli_alone(server: Any) -> None:
    async with mcp_client(server(url=None, token=None)) as client:
        answer = await call(client, "now_playing")
        text = await error_of(client, "server_info")
    assert answer["sources"] == ["tautulli"] and answer["count"] == 2
    users = by_user(answer)
    assert users["Alice"]["decision"] == "transcode" and users["Bob"]["relayed"] is True
    assert "subtitles burned in" in " ".join(users["Alice"]["transcode_reasons"])
    assert "Plex is not configured" in text and "PLEX_URL" in text


async def test_a_broken_tautulli_leaves_a_note_not_a_failure(
    ro: Client[Any], tautulli: FakeTautulli
) -> None:
    tautulli.key = "a-different-key-00000000000000000"
    answer = await call(ro, "now_playing")
    assert answer["sources"] == ["plex"] and answer["count"] == 2
    assert len(answer["notes"]) == 1 and "TAUTULLI_API_KEY" in answer["notes"][0]


@pytest.fixture
def blackhole() -> Iterator[tuple[str, list[int]]]:
    """A TCP port that accepts connections and never answers; counts the connections."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", free_port()))
    sock.listen(16)
    sock.settimeout(0.2)
    accepted: list[int] = []
    held: list[socket.socket] = []
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            accepted.append(1)
            held.append(conn)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", accepted
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    sock.close()


async def test_a_hung_plex_fails_once_within_the_timeout(
    server: Any, blackhole: tuple[str, list[int]]
) -> None:
    url, accepted = blackhole
    settings = {"url": url, "timeout": 1.0, "tautulli_url": None, "tautulli_api_key": None}
    async with mcp_client(server(**settings)) as client:
        started = time.monotonic()
        text = await error_of(client, "now_playing")
        elapsed = time.monotonic() - started
    assert "Plex: timed out" in text and "PLEX_URL" in text
    assert elapsed < 2.5, f"took {elapsed:.1f} s with PLEX_TIMEOUT=1"
    assert len(accepted) == 1, "plexapi/requests retried silently"
    assert PLEX_TOKEN not in text


async def test_a_stopped_plex_is_reported_at_once(server: Any) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    async with mcp_client(server(url=dead, tautulli_url=None, tautulli_api_key=None)) as client:
        started = time.monotonic()
        text = await error_of(client, "list_libraries")
        status = await call(client, "status")
    assert time.monotonic() - started < 2
    assert "Plex: cannot connect (connection refused). Check PLEX_URL" in text
    plex = status["upstreams"][0]
    assert (plex["configured"], plex["reachable"]) == (True, False)
    assert status["upstreams"][1] == {
        "name": "tautulli",
        "configured": False,
        "reachable": False,
        "authenticated": False,
        "detail": "set TAUTULLI_URL and TAUTULLI_API_KEY",
    }
