"""Why a stream is transcoded and what is likely making it buffer, from the facts Plex and
Tautulli report (decisions, codecs, resolutions, transcoder speed, relay, WAN bandwidth).

Each rule reads one signal and states its usual cause and remedy; the rules are ordered so the
most likely cause of buffering comes first.
"""

from __future__ import annotations

from plex_mcp.models import Playback

ORDER = ["SD", "480p", "576p", "720p", "1080p", "1440p", "4k"]
RELAY_HINT = (
    "through Plex's relay (remote access not direct): capped at ~2 Mbps (1 without Plex Pass); "
    "fix port forwarding"
)


def _rank(resolution: str | None) -> int:
    return ORDER.index(resolution) if resolution in ORDER else -1


def transcode_reasons(p: Playback) -> list[str]:
    reasons: list[str] = []
    src, out = p.source, p.delivered
    if p.video == "transcode" and src and out:
        if src.codec and out.codec and src.codec != out.codec:
            reasons.append(
                f"video {src.codec} -> {out.codec}: {p.product or 'the player'} cannot play "
                f"{src.codec} directly"
            )
        if _rank(src.resolution) > _rank(out.resolution) >= 0:
            why = (
                f"player quality set to '{p.quality_profile}'"
                if p.quality_profile and p.quality_profile.lower() != "original"
                else "player quality setting or bandwidth limit"
            )
            reasons.append(f"resolution {src.resolution} -> {out.resolution}: {why}")
    if p.subtitles == "burn":
        reasons.append("subtitles burned in (image/styled subtitles): forces a video transcode")
    if p.audio == "transcode":
        src_audio = src.audio if src else None
        out_audio = out.audio if out else None
        reasons.append(
            f"audio {src_audio or '?'} -> {out_audio or '?'}: player/receiver cannot decode it"
        )
    if p.decision == "direct stream" and src and out and src.container != out.container:
        reasons.append(f"container {src.container} -> {out.container} (cheap remux)")
    if p.decision == "transcode" and not reasons:
        reasons.append("Plex chose to transcode without detail (check the player's quality)")
    return reasons


def buffering_hints(p: Playback, wan_total_kbps: int | None) -> list[str]:
    hints: list[str] = []
    if p.state == "buffering":
        hints.append("player is buffering now")
    if p.transcode_speed is not None and p.transcode_speed < 1.0 and not p.throttled:
        hw = "" if p.hw_transcoding else ", software only"
        hints.append(
            f"transcoder slower than real time ({p.transcode_speed:g}x{hw}): the server cannot "
            "keep up; enable hardware transcoding or avoid the transcode"
        )
    src = p.source
    if p.video == "transcode" and src and src.resolution == "4k" and not p.hw_transcoding:
        hints.append("4K software transcode: very CPU heavy; use a 4K-capable client")
    if p.relayed:
        hints.append(RELAY_HINT)
    if p.location == "wan" and p.bandwidth_kbps:
        total = f", all remote {wan_total_kbps / 1000:.1f}" if wan_total_kbps else ""
        hints.append(
            f"remote stream uses {p.bandwidth_kbps / 1000:.1f} Mbps of upload{total}: compare "
            "with the upload speed or lower remote quality"
        )
    if p.subtitles == "burn" and p.transcode_speed is None:
        hints.append("subtitle burn-in adds transcoding load")
    return hints


def diagnose(p: Playback, wan_total_kbps: int | None = None) -> Playback:
    if p.decision == "direct play":
        p.delivered = None  # the same as the source
    p.transcode_reasons = transcode_reasons(p)
    p.buffering_hints = buffering_hints(p, wan_total_kbps)
    return p
