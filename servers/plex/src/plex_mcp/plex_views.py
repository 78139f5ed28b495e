"""plexapi objects -> lean models. Pure functions: no I/O beyond what plexapi already parsed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from plex_mcp.models import Client, MediaItem, Playback, Playlist, StreamDetail

RESOLUTIONS = {"4k": "4k", "2160": "4k", "1080": "1080p", "720": "720p", "480": "480p", "sd": "SD"}


def iso(value: datetime | None) -> str | None:
    """plexapi gives naive local datetimes from Unix times; report them as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def resolution(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).lower()
    return RESOLUTIONS.get(text, text if text.endswith("p") or text == "4k" else f"{text}p")


def display_title(item: Any) -> str:
    """'Show S01E02 Title' for episodes, 'Artist - Title' for tracks, else the title."""
    kind = getattr(item, "type", None)
    title = getattr(item, "title", None) or "?"
    if kind == "episode":
        season, episode = getattr(item, "parentIndex", None), getattr(item, "index", None)
        code = f"S{int(season):02d}E{int(episode):02d} " if season and episode else ""
        return f"{item.grandparentTitle or ''} {code}{title}".strip()
    if kind == "season":
        return f"{getattr(item, 'parentTitle', '') or ''} {title}".strip()
    if kind in ("track", "album"):
        artist = getattr(item, "grandparentTitle", None) or getattr(item, "parentTitle", None)
        return f"{artist} - {title}" if artist else title
    return title


def percent(offset: int | None, duration: int | None) -> int | None:
    if not duration or offset is None:
        return None
    return max(0, min(100, round(100 * offset / duration)))


def media_item(item: Any) -> MediaItem:
    return MediaItem(
        rating_key=int(item.ratingKey),
        title=display_title(item),
        type=item.type or "unknown",
        year=getattr(item, "year", None),
        library=getattr(item, "librarySectionTitle", None),
        added_at=iso(getattr(item, "addedAt", None)),
        progress_percent=percent(getattr(item, "viewOffset", None), getattr(item, "duration", None))
        or None,
    )


def _first(values: list[Any] | None) -> Any:
    return values[0] if values else None


def _audio(media: Any) -> str | None:
    codec = getattr(media, "audioCodec", None)
    channels = getattr(media, "audioChannels", None)
    if not codec:
        return None
    return f"{codec} {channels}ch" if channels else codec


def source_detail(item: Any) -> StreamDetail | None:
    media = _first(getattr(item, "media", None))
    if media is None:
        return None
    return StreamDetail(
        codec=media.videoCodec,
        resolution=resolution(media.videoResolution),
        bitrate_kbps=media.bitrate,
        audio=_audio(media),
        container=media.container,
    )


def _decision(video: str | None, audio: str | None, transcode: Any) -> str:
    if transcode is None:
        return "direct play"
    if "transcode" in (video, audio):
        return "transcode"
    return "direct stream"


def playback(item: Any) -> Playback:
    """A /status/sessions item. Plex reports the *delivered* stream on Media of a transcode."""
    player, session, transcode = item.player, item.session, item.transcodeSession
    source = source_detail(item)
    delivered = None
    video = audio = subs = None
    if transcode is not None:
        video, audio = transcode.videoDecision, transcode.audioDecision
        subs = transcode.subtitleDecision
        if source is not None:
            source.codec = transcode.sourceVideoCodec or source.codec
        delivered = StreamDetail(
            codec=transcode.videoCodec,
            resolution=resolution(transcode.height and _height_name(transcode.height)),
            audio=f"{transcode.audioCodec} {transcode.audioChannels}ch"
            if transcode.audioCodec
            else None,
            container=transcode.container,
        )
    duration, offset = getattr(item, "duration", None), getattr(item, "viewOffset", None)
    left = round((duration - offset) / 60000) if duration and offset is not None else None
    return Playback(
        session=str(item.sessionKey) if item.sessionKey is not None else None,
        user=_first(item.usernames),
        title=display_title(item),
        type=item.type or "unknown",
        rating_key=int(item.ratingKey) if item.ratingKey else None,
        state=player.state if player else None,
        progress_percent=percent(offset, duration),
        minutes_left=left,
        player=player.title if player else None,
        product=player.product if player else None,
        platform=player.platform if player else None,
        location=session.location if session else None,
        relayed=player.relayed if player else None,
        decision=_decision(video, audio, transcode),  # type: ignore[arg-type]
        video=video,
        audio=audio,
        subtitles=subs,
        source=source,
        delivered=delivered,
        bandwidth_kbps=session.bandwidth if session else None,
        transcode_speed=transcode.speed if transcode else None,
        throttled=transcode.throttled if transcode else None,
        hw_transcoding=bool(transcode.transcodeHwEncoding or transcode.transcodeHwDecoding)
        if transcode
        else None,
    )


def _height_name(height: int) -> str:
    for limit, name in ((2000, "4k"), (1000, "1080"), (700, "720"), (400, "480")):
        if height >= limit:
            return name
    return "sd"


def client(item: Any) -> Client:
    capabilities = getattr(item, "protocolCapabilities", None) or []
    return Client(
        name=item.title,
        machine_id=item.machineIdentifier,
        product=item.product,
        platform=item.platform,
        device=getattr(item, "device", None) or getattr(item, "deviceClass", None),
        address=getattr(item, "address", None),
        can_control="playback" in capabilities,
    )


def playlist(item: Any) -> Playlist:
    duration = getattr(item, "duration", None)
    return Playlist(
        rating_key=int(item.ratingKey),
        title=item.title,
        type=item.playlistType or "video",
        items=getattr(item, "leafCount", None),
        smart=bool(getattr(item, "smart", False)),
        duration_minutes=round(duration / 60000) if duration else None,
    )


def human_size(size: int | None) -> str | None:
    if size is None:
        return None
    value = float(size)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.1f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return None
