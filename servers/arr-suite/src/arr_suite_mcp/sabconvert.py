"""SABnzbd JSON (queue slots, history slots, status) -> lean models. Pure functions, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from arr_suite_mcp.models import HistoryEntry, QueueEntry
from arr_suite_mcp.text import MESSAGE_CAP, clean

MB_PER_GB = 1024


def _float(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def queue_entry(instance: str, slot: dict[str, Any], paused_all: bool) -> QueueEntry:
    """A queue slot: ``mb``/``mbleft`` are strings of MB, ``percentage`` a string of percent."""
    status = str(slot.get("status") or "")
    state = "Paused" if paused_all and status == "Downloading" else status
    return QueueEntry(
        app="sabnzbd",
        instance=instance,
        id=str(slot.get("nzo_id") or ""),
        title=clean(slot.get("filename")),
        media=clean(slot.get("cat")),
        progress=round(_float(slot.get("percentage")), 1),
        size_gb=round(_float(slot.get("mb")) / MB_PER_GB, 2),
        eta=clean(slot.get("timeleft")),
        state=clean(state),
        error=None,
    )


def history_entry(slot: dict[str, Any]) -> HistoryEntry:
    completed = slot.get("completed")
    when = None
    if isinstance(completed, int | float) and completed > 0:
        when = datetime.fromtimestamp(completed, UTC).strftime("%Y-%m-%dT%H:%MZ")
    return HistoryEntry(
        date=when,
        event="download",
        title=clean(slot.get("category")),
        release=clean(slot.get("name")),
        status=clean(slot.get("status")),
        message=clean(slot.get("fail_message"), MESSAGE_CAP) or None,
    )


def warning_text(item: Any) -> str | None:
    """Warnings are ``{"text", "type", "time"}`` objects (SABnzbd 4) or plain strings (older)."""
    if isinstance(item, dict):
        return clean(item.get("text"), MESSAGE_CAP)
    return clean(item, MESSAGE_CAP)
