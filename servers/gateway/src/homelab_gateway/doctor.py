"""``homelab-mcp doctor``: one row per server, exit 1 when anything the operator set is not usable.

"not configured" is kept for servers of which nothing was set; a server with some of its
variables set (a URL without its token, a placeholder, a typo) is an error to fix, as is a
server that loaded but whose upstream is unreachable, refuses the credentials or reports itself
not ready (any probe's ``ok=False``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

from homelab_gateway.app import ALL_SERVERS, Member
from homelab_shared.runner import run_probe
from homelab_shared.toolbox import Readiness

HEADER = ("server", "configured", "reachable", "auth", "ready", "version", "detail")
Row = tuple[str, str, str, str, str, str, str]
YES = {True: "yes", False: "NO"}


async def probe_all(members: Sequence[Member]) -> list[Readiness | None]:
    async def one(member: Member) -> Readiness | None:
        settings = member.settings
        if member.mcp is None or settings is None:
            return None
        return await run_probe(lambda: member.spec.check(settings))

    return list(await asyncio.gather(*(one(m) for m in members)))


def member_row(member: Member, ready: Readiness | None) -> tuple[Row, bool]:
    """The row, and whether it is a failure."""
    name = member.spec.name
    problems = "; ".join(member.problems)
    if member.state == "not_configured":
        return (name, "no", "-", "-", "-", "-", f"not configured: {problems}"), False
    if member.state == "misconfigured":
        partly = all("is not set" in p or "did you mean" in p for p in member.problems)
        return (name, "PARTLY" if partly else "INVALID", "-", "-", "NO", "-", problems), True
    if member.state == "failed" or ready is None:
        return (name, "INVALID", "-", "-", "NO", "-", problems), True
    detail = "; ".join(filter(None, [ready.detail, problems]))
    row = (
        name,
        "yes",
        YES[ready.reachable],
        YES[ready.authenticated],
        YES[ready.ok],
        ready.version or "-",
        detail,
    )
    return row, not ready.ok or bool(member.problems)


def doctor_rows(
    members: Sequence[Member],
    results: Sequence[Readiness | None],
    broken: Mapping[str, str],
    own: Sequence[str],
) -> tuple[list[Row], bool]:
    """``own``: the gateway's own problems (``selfcheck.gateway_problems``)."""
    rows: list[Row] = []
    failed = False
    for member, ready in zip(members, results, strict=True):
        row, bad = member_row(member, ready)
        rows.append(row)
        failed = failed or bad
    for name, reason in broken.items():
        rows.append((name, "BROKEN", "-", "-", "NO", "-", reason))
        failed = True
    if own:  # HOMELAB_PROT, a bad token entry, a broken profile: no server's, still mistakes
        rows.append((ALL_SERVERS, "INVALID", "-", "-", "NO", "-", "; ".join(own)))
        failed = True
    return rows, failed


def summary(members: Sequence[Member], failed: bool) -> str | None:
    if failed:
        return "doctor: fix the rows marked NO, PARTLY, INVALID or BROKEN above."
    if all(m.state == "not_configured" for m in members):
        return "No server is configured: set the variables named above."
    return None
