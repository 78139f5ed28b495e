"""Raw JSON-RPC results -> the lean models. TrueNAS shapes: datetimes as ``{"$date": ms}`` (or ISO
text), dataset properties as ``{"parsed", "rawvalue", "value", "source"}``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from truenas_mcp import models as m

UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")


def human(size: Any) -> str | None:
    """Bytes (int or numeric text) -> ``1.21 TiB``."""
    try:
        value = float(size)
    except (TypeError, ValueError):
        return None
    for unit in UNITS:
        if abs(value) < 1024 or unit == UNITS[-1]:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.2f} {unit}"
        value /= 1024
    return None


def when(value: Any) -> str | None:
    """``{"$date": ms}``, epoch seconds or ISO text -> ``2026-11-30T12:00:00Z``."""
    if isinstance(value, Mapping):
        value = value.get("$date", value.get("parsed"))
        if isinstance(value, int | float):
            value = value / 1000
        elif isinstance(value, Mapping):
            return when(value)
    if isinstance(value, int | float) and value > 0:
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, str) and value:
        return value
    return None


def timestamp(value: Any) -> float:
    """Seconds since the epoch of a TrueNAS datetime, for sorting (0 when unknown)."""
    if isinstance(value, Mapping):
        inner = value.get("$date", value.get("parsed"))
        if isinstance(inner, int | float):
            return inner / 1000
        if isinstance(inner, Mapping):
            return timestamp(inner)
        value = inner
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return 0.0
    return 0.0


def sub(item: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """``item[name]`` when it is an object, else an empty one."""
    value = item.get(name)
    return value if isinstance(value, Mapping) else {}


def prop(item: Mapping[str, Any], name: str) -> Any:
    """A property's parsed value (``item[name]["parsed"]``), or the plain value."""
    value = item.get(name)
    if isinstance(value, Mapping):
        return value.get("parsed", value.get("value"))
    return value


def text(value: Any, cap: int = 300) -> str | None:
    """Upstream text, single-spaced and capped."""
    if value is None:
        return None
    return " ".join(str(value).split())[:cap] or None


def uptime(seconds: Any) -> str | None:
    try:
        total = int(float(seconds))
    except (TypeError, ValueError):
        return None
    days, rest = divmod(total, 86400)
    return f"{days} d {rest // 3600} h {rest % 3600 // 60} min"


def system(info: Mapping[str, Any], version: str | None) -> m.SystemInfo:
    load = info.get("loadavg")
    return m.SystemInfo(
        hostname=info.get("hostname"),
        version=version or info.get("version"),
        model=text(info.get("model")),
        cores=info.get("cores"),
        memory=human(info.get("physmem")),
        uptime=uptime(info.get("uptime_seconds")),
        load=[round(float(x), 2) for x in load] if isinstance(load, list) else None,
        ecc_memory=info.get("ecc_memory"),
    )


def alert(a: Mapping[str, Any]) -> m.Alert:
    return m.Alert(
        id=str(a.get("uuid") or a.get("id")),
        level=str(a.get("level") or "INFO"),
        text=text(a.get("formatted") or a.get("text"), 400) or "",
        source=a.get("klass") or a.get("source"),
        since=when(a.get("datetime")),
        dismissed=bool(a.get("dismissed")),
    )


def scrub(scan: Any) -> m.Scrub | None:
    if not isinstance(scan, Mapping) or not scan:
        return None
    pct = scan.get("percentage")
    return m.Scrub(
        state=scan.get("state"),
        function=scan.get("function"),
        started=when(scan.get("start_time")),
        finished=when(scan.get("end_time")),
        percent=round(float(pct), 1) if isinstance(pct, int | float) else None,
        errors=scan.get("errors"),
    )


def device_problems(topology: Any) -> list[str]:
    """Every device of a pool's topology that is not ONLINE or has errors, e.g.
    ``nvme1n1 (mirror-0): REMOVED`` or ``sdb (raidz1-0): 3 checksum errors``."""
    problems: list[str] = []

    def walk(node: Mapping[str, Any], parent: str) -> None:
        name = str(node.get("disk") or node.get("name") or "?")
        stats = sub(node, "stats")
        errors = {
            k.removesuffix("_errors"): stats.get(k)
            for k in ("read_errors", "write_errors", "checksum_errors")
            if stats.get(k)
        }
        where = f" ({parent})" if parent else ""
        if not node.get("children") and node.get("status") not in (None, "ONLINE"):
            problems.append(f"{name}{where}: {node.get('status')}")
        if errors:
            counts = ", ".join(f"{n} {k}" for k, n in errors.items())
            problems.append(f"{name}{where}: {counts} errors")
        for child in node.get("children") or []:
            if isinstance(child, Mapping):
                walk(child, str(node.get("name") or ""))

    if isinstance(topology, Mapping):
        for group in topology.values():
            for node in group or []:
                if isinstance(node, Mapping):
                    walk(node, "")
    return problems[:20]


def pool(p: Mapping[str, Any]) -> m.Pool:
    size, allocated = p.get("size"), p.get("allocated")
    used_pct = None
    if isinstance(size, int | float) and isinstance(allocated, int | float) and size:
        used_pct = round(100 * allocated / size, 1)
    frag = p.get("fragmentation")
    try:
        frag_pct = float(frag) if frag not in (None, "") else None
    except (TypeError, ValueError):
        frag_pct = None
    return m.Pool(
        name=str(p.get("name")),
        status=str(p.get("status")),
        healthy=bool(p.get("healthy")),
        size=human(size),
        used=human(allocated),
        free=human(p.get("free")),
        used_pct=used_pct,
        fragmentation_pct=frag_pct,
        last_scrub=scrub(p.get("scan")),
        status_detail=text(p.get("status_detail")),
        problems=device_problems(p.get("topology")),
    )


def dataset(d: Mapping[str, Any]) -> m.Dataset:
    name = str(d.get("id") or d.get("name"))
    quota = prop(d, "quota") or prop(d, "refquota")
    encryption = prop(d, "encryption")
    return m.Dataset(
        name=name,
        type=d.get("type"),
        used=human(prop(d, "used")),
        available=human(prop(d, "available")),
        quota=human(quota) if quota else None,
        compression=text(prop(d, "compression")),
        compress_ratio=text(prop(d, "compressratio")),
        encrypted=bool(d.get("encrypted")) if "encrypted" in d else encryption not in (None, "off"),
        depth=name.count("/"),
    )


def snapshot(s: Mapping[str, Any]) -> m.Snapshot:
    props = sub(s, "properties")
    return m.Snapshot(
        name=str(s.get("id") or s.get("name")),
        created=when(prop(props, "creation")),
        used=human(prop(props, "used")),
        referenced=human(prop(props, "referenced")),
    )


def snapshot_order(s: Mapping[str, Any]) -> tuple[float, int]:
    """Creation time, then transaction group: the order ZFS rolls back through."""
    props = sub(s, "properties")
    txg = prop(props, "createtxg")
    try:
        txg_n = int(txg)
    except (TypeError, ValueError):
        txg_n = 0
    return timestamp(props.get("creation") or {}), txg_n


def used_bytes(s: Mapping[str, Any]) -> int:
    props = sub(s, "properties")
    try:
        return int(prop(props, "used") or 0)
    except (TypeError, ValueError):
        return 0


def job(j: Mapping[str, Any]) -> m.Job:
    prog = sub(j, "progress")
    pct = prog.get("percent")
    return m.Job(
        id=int(j.get("id", 0)),
        method=j.get("method"),
        state=j.get("state"),
        percent=float(pct) if isinstance(pct, int | float) else None,
        description=text(prog.get("description")),
        started=when(j.get("time_started")),
        error=text(j.get("error")),
    )
