"""Tautulli's data shapes -> lean models. Tautulli sends most numbers as strings; ``num`` copes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from plex_mcp.models import HistoryEntry, Playback, StatBlock, StatRow, StreamDetail, WatchWindow
from plex_mcp.plex_views import resolution

DECISIONS = {"direct play": "direct play", "copy": "direct stream", "transcode": "transcode"}


def num(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def flag(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    return str(value).lower() in ("1", "true")


def when(value: Any) -> str | None:
    stamp = num(value)
    if not stamp:
        return None
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _audio(codec: Any, channels: Any) -> str | None:
    if not codec:
        return None
    return f"{codec} {num(channels)}ch" if num(channels) else str(codec)


def playback(s: dict[str, Any]) -> Playback:
    """One ``get_activity`` session."""
    decision = DECISIONS.get(str(s.get("transcode_decision") or ""))
    duration, offset = num(s.get("duration")), num(s.get("view_offset"))
    return Playback(
        session=_text(s.get("session_key")),
        user=_text(s.get("friendly_name") or s.get("user")),
        title=str(s.get("full_title") or s.get("title") or "?"),
        type=str(s.get("media_type") or "unknown"),
        rating_key=num(s.get("rating_key")),
        state=_text(s.get("state")),
        progress_percent=num(s.get("progress_percent")),
        minutes_left=round((duration - offset) / 60000) if duration and offset else None,
        player=_text(s.get("player")),
        product=_text(s.get("product")),
        platform=_text(s.get("platform")),
        location=_text(s.get("location")),
        relayed=flag(s.get("relayed")),
        decision=decision,  # type: ignore[arg-type]
        video=_text(s.get("video_decision")),
        audio=_text(s.get("audio_decision")),
        subtitles=_text(s.get("subtitle_decision")),
        source=StreamDetail(
            codec=_text(s.get("video_codec")),
            resolution=resolution(s.get("video_full_resolution") or s.get("video_resolution")),
            bitrate_kbps=num(s.get("bitrate")),
            audio=_audio(s.get("audio_codec"), s.get("audio_channels")),
            container=_text(s.get("container")),
        ),
        delivered=StreamDetail(
            codec=_text(s.get("stream_video_codec")),
            resolution=resolution(
                s.get("stream_video_full_resolution") or s.get("stream_video_resolution")
            ),
            bitrate_kbps=num(s.get("stream_bitrate")),
            audio=_audio(s.get("stream_audio_codec"), s.get("stream_audio_channels")),
            container=_text(s.get("stream_container")),
        ),
        quality_profile=_text(s.get("quality_profile")),
        bandwidth_kbps=num(s.get("bandwidth")),
        transcode_speed=float(s["transcode_speed"]) if s.get("transcode_speed") else None,
        throttled=flag(s.get("transcode_throttled")),
        hw_transcoding=_hw(s) if decision == "transcode" else None,
    )


def _hw(s: dict[str, Any]) -> bool:
    return bool(flag(s.get("transcode_hw_encoding")) or flag(s.get("transcode_hw_decoding")))


def enrich(plex: Playback, taut: Playback) -> Playback:
    """Fill what Plex's session list leaves out (quality profile, delivered bitrate, relay...)
    from the same session in Tautulli; Plex's own values win where both have one."""
    plex.quality_profile = plex.quality_profile or taut.quality_profile
    plex.relayed = plex.relayed if plex.relayed is not None else taut.relayed
    plex.location = plex.location or taut.location
    plex.bandwidth_kbps = plex.bandwidth_kbps or taut.bandwidth_kbps
    if plex.delivered is None:
        plex.delivered = taut.delivered
    elif taut.delivered is not None:
        plex.delivered.bitrate_kbps = plex.delivered.bitrate_kbps or taut.delivered.bitrate_kbps
        plex.delivered.resolution = plex.delivered.resolution or taut.delivered.resolution
    if plex.source is not None and taut.source is not None:
        plex.source.resolution = plex.source.resolution or taut.source.resolution
    return plex


def history_entry(row: dict[str, Any]) -> HistoryEntry:
    played = num(row.get("play_duration") or row.get("duration"))
    return HistoryEntry(
        date=when(row.get("started") or row.get("date")),
        user=_text(row.get("friendly_name") or row.get("user")),
        title=str(row.get("full_title") or row.get("title") or "?"),
        type=_text(row.get("media_type")),
        rating_key=num(row.get("rating_key")),
        player=_text(row.get("player")),
        platform=_text(row.get("platform")),
        watched_minutes=round(played / 60) if played is not None else None,
        percent_complete=num(row.get("percent_complete")),
        decision=DECISIONS.get(str(row.get("transcode_decision") or "")),
    )


def stat_block(block: dict[str, Any]) -> StatBlock:
    rows = []
    for row in block.get("rows") or []:
        name = (
            row.get("title")
            or row.get("friendly_name")
            or row.get("platform")
            or row.get("user")
            or "?"
        )
        seconds = num(row.get("total_duration"))
        rows.append(
            StatRow(
                name=str(name),
                plays=num(row.get("total_plays")),
                hours=round(seconds / 3600, 1) if seconds is not None else None,
                users=num(row.get("users_watched")),
            )
        )
    return StatBlock(
        id=str(block.get("stat_id") or "?"), title=str(block.get("stat_title") or ""), rows=rows
    )


def windows(rows: list[dict[str, Any]]) -> list[WatchWindow]:
    return [
        WatchWindow(
            days=num(r.get("query_days")) or 0,
            plays=num(r.get("total_plays")) or 0,
            hours=round((num(r.get("total_time")) or 0) / 3600, 1),
        )
        for r in rows
    ]
