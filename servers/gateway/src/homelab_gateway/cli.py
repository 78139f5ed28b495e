"""``homelab-mcp``: serve, list, doctor, client-config."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from homelab_gateway.app import GATEWAY_PORT, Member, build_gateway, load_member
from homelab_gateway.config import CLIENTS, client_config
from homelab_shared.errors import ConfigError
from homelab_shared.runner import run_probe, serve
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.spec import ServerSpec, add_run_arguments, discover_all, runtime_from_args
from homelab_shared.toolbox import Readiness, Toolbox

SERVER_VAR = "HOMELAB_SERVER"


def _find(specs: list[ServerSpec], name: str) -> ServerSpec:
    for spec in specs:
        if name in (spec.name, spec.namespace):
            return spec
    known = ", ".join(s.name for s in specs) or "none installed"
    raise ConfigError(f"no server named {name!r} (known: {known})")


def serve_target(name: str | None) -> str | None:
    """The server to serve alone: the argument, else HOMELAB_SERVER (how the images pick theirs);
    None (or "gateway") means every configured server."""
    name = name or os.environ.get(SERVER_VAR, "").strip() or None
    return None if name == "gateway" else name


def cmd_serve(args: argparse.Namespace) -> int:
    runtime = runtime_from_args(args)
    specs, broken = discover_all()
    for name, reason in broken.items():
        print(f"skipping {name}: {reason}", file=sys.stderr)
    target = serve_target(args.name)
    if target:
        spec = _find(specs, target)
        member = load_member(spec, runtime)
        if member.mcp is None:
            raise ConfigError(f"{spec.name} cannot start: " + "; ".join(member.problems))
        boxes = [member.box] if member.box else []
        serve(member.mcp, boxes, runtime, args.transport, spec.port)
        return 0
    members = [load_member(spec, runtime) for spec in specs]
    for m in members:
        if m.mcp is None:
            print(f"skipping {m.spec.name}: {'; '.join(m.problems)}", file=sys.stderr)
    gateway = build_gateway(members, broken)
    boxes = [m.box for m in members if m.box is not None]
    serve(gateway, boxes, runtime, args.transport, GATEWAY_PORT)
    return 0


def _rows_for(member: Member) -> list[tuple[str, str, str, str]]:
    box: Toolbox | None = member.box
    if box is None:
        return [(member.spec.name, "-", "-", f"not configured: {'; '.join(member.problems)}")]
    rows = []
    for tool, cls in sorted(box.classes.items()):
        if box.enabled(cls):
            state = "enabled"
        else:
            state = f"disabled (set {' and '.join(box.enable_vars(cls))})"
        rows.append((member.spec.name, f"{member.spec.namespace}_{tool}", cls, state))
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_list(args: argparse.Namespace) -> int:
    runtime = load_settings(RuntimeSettings)
    rows: list[tuple[str, str, str, str]] = []
    specs, broken = discover_all()
    for spec in specs:
        rows.extend(_rows_for(load_member(spec, runtime)))
    rows.extend((name, "-", "-", reason) for name, reason in broken.items())
    print(_table(("server", "tool", "safety", "state"), rows))
    return 0


async def _doctor(members: list[Member]) -> list[tuple[Member, Readiness | None]]:
    async def one(member: Member) -> tuple[Member, Readiness | None]:
        if member.settings is None:
            return member, None
        settings = member.settings
        return member, await run_probe(lambda: member.spec.check(settings))

    return list(await asyncio.gather(*(one(m) for m in members)))


def cmd_doctor(_args: argparse.Namespace) -> int:
    runtime = load_settings(RuntimeSettings)
    specs, broken = discover_all()
    members = [load_member(spec, runtime) for spec in specs]
    results = asyncio.run(_doctor(members))
    yes = {True: "yes", False: "NO"}
    rows = []
    failed = False
    for member, ready in results:
        if ready is None:
            rows.append((member.spec.name, "no", "-", "-", "-", "; ".join(member.problems)))
            continue
        failed = failed or not ready.ok
        rows.append(
            (
                member.spec.name,
                "yes",
                yes[ready.reachable],
                yes[ready.authenticated],
                ready.version or "-",
                ready.detail,
            )
        )
    for name, reason in broken.items():
        rows.append((name, "BROKEN", "-", "-", "-", reason))
        failed = True
    print(_table(("server", "configured", "reachable", "authenticated", "version", "detail"), rows))
    if not any(r is not None for _, r in results):
        print("\nNo server is configured: set the variables named above.", file=sys.stderr)
    return 1 if failed else 0


def cmd_client_config(args: argparse.Namespace) -> int:
    print(client_config(args.client, url=args.url, name=args.server))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="homelab-mcp", description="Homelab MCP suite")
    sub = top.add_subparsers(dest="command", required=True)
    serve_p = sub.add_parser("serve", help="serve all configured servers, or one by name")
    serve_p.add_argument(
        "name",
        nargs="?",
        help="serve only this server on its own port (default: HOMELAB_SERVER; unset or "
        "'gateway': every configured server on 8000)",
    )
    add_run_arguments(serve_p)
    serve_p.set_defaults(func=cmd_serve)
    sub.add_parser("list", help="servers, tools, safety class, enabled").set_defaults(func=cmd_list)
    sub.add_parser("doctor", help="check every configured upstream").set_defaults(func=cmd_doctor)
    cfg = sub.add_parser("client-config", help="print ready-to-paste client configuration")
    cfg.add_argument("client", choices=sorted(CLIENTS))
    cfg.add_argument("--url", help="a running HTTP gateway, e.g. http://nas.lan:8000/mcp")
    cfg.add_argument("--server", help="one server instead of the whole gateway")
    cfg.set_defaults(func=cmd_client_config)
    return top


def main(argv: Sequence[str] | None = None) -> None:
    args = parser().parse_args(argv)
    try:
        code = args.func(args)
    except ConfigError as err:
        print(f"homelab-mcp: configuration error: {err}", file=sys.stderr)
        code = 2
    raise SystemExit(code)


if __name__ == "__main__":
    main()
