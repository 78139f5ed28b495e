"""Why a stream is transcoded and what is likely making it buffer, from the facts Plex and
Tautulli report (decisions, codecs, resolutions, transcoder speed, relay, WAN bandwidth).

Each rule reads one signal and states its usual cause and remedy; the rules are ordered so the
most likely cause of buffering comes first.
"""

from __future__ import annotations

from plex_mcp.models import Playback

ORDER = ["SD", "480p", "576p", "720p", "1080p", "1440p", "4k"]
RELAY_HINT = (
    "relayed through Plex's relay (remote access is not reaching the server directly): the "
    "relay caps streams at about 2 Mbps (1 Mbps without Plex Pass); fix port forwarding"
)


def _rank(resolution: str | None) -> int:
    return ORDER.index(resolution) if resolution in ORDER else -1


def transcode_reasons(p: Playback) -> list[str]:
    reasons: list[str] = []
    src, out = p.source, p.delivered
    if p.video == "transcode" and src and out:
        if src.codec and out.codec and src.codec != out.codec:
            reasons.append(
                f"video {src.codec} is converted to {out.codec}: {p.product or 'the player'} "
                "cannot play it directly (or not at this bitrate)"
            )
        if _rank(src.resolution) > _rank(out.resolution) >= 0:
            why = (
                f"player quality is set to '{p.quality_profile}'"
                if p.quality_profile and p.quality_profile.lower() != "original"
                else "the player's quality setting or a bandwidth limit"
            )
            reasons.append(f"resolution lowered {src.resolution} -> {out.resolution}: {why}")
    if p.subtitles == "burn":
        reasons.append(
            "subtitles are burned into the video (image or styled subtitles the player cannot "
            "render): this alone forces a video transcode"
        )
    if p.audio == "transcode":
        src_audio = src.audio if src else None
        out_audio = out.audio if out else None
        reasons.append(
            f"audio {src_audio or ''} converted to {out_audio or 'another codec'}: the player "
            "or its receiver cannot decode it".replace("  ", " ")
        )
    if p.decision == "direct stream" and src and out and src.container != out.container:
        reasons.append(
            f"container {src.container} remuxed to {out.container} (cheap; video untouched)"
        )
    if p.decision == "transcode" and not reasons:
        reasons.append("Plex chose to transcode without detail (check the player's quality)")
    return reasons


def buffering_hints(p: Playback, wan_total_kbps: int | None) -> list[str]:
    hints: list[str] = []
    if p.state == "buffering":
        hints.append("the player reports it is buffering right now")
    if p.transcode_speed is not None and p.transcode_speed < 1.0 and not p.throttled:
        hw = "" if p.hw_transcoding else " in software (no hardware transcoding)"
        hints.append(
            f"the transcoder runs slower than real time ({p.transcode_speed:g}x){hw}: the "
            "server's CPU cannot keep up; enable hardware transcoding or avoid the transcode"
        )
    src = p.source
    if p.video == "transcode" and src and src.resolution == "4k" and not p.hw_transcoding:
        hints.append("4K is transcoded in software: very CPU heavy; play on a 4K-capable client")
    if p.relayed:
        hints.append(RELAY_HINT)
    if p.location == "wan" and p.bandwidth_kbps:
        total = (
            f"; all remote streams together use {wan_total_kbps / 1000:.1f} Mbps"
            if (wan_total_kbps)
            else ""
        )
        hints.append(
            f"remote stream needs {p.bandwidth_kbps / 1000:.1f} Mbps of the server's upload"
            f"{total}: compare with the upload speed, or lower the remote quality"
        )
    if p.subtitles == "burn" and p.transcode_speed is None:
        hints.append("subtitle burn-in adds transcoding load")
    return hints


def diagnose(p: Playback, wan_total_kbps: int | None = None) -> Playback:
    p.transcode_reasons = transcode_reasons(p)
    p.buffering_hints = buffering_hints(p, wan_total_kbps)
    return p
