"""``homelab-mcp``: serve, list, doctor, client-config."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable, Sequence

from homelab_gateway.app import (
    GATEWAY_PORT,
    Member,
    build_gateway,
    config_hints,
    find_spec,
    load_member,
    unready,
)
from homelab_gateway.config import CLIENTS, client_config
from homelab_gateway.doctor import HEADER, doctor_rows, probe_all, summary
from homelab_gateway.selfcheck import gateway_problems
from homelab_gateway.table import table
from homelab_gateway.toolsearch import install
from homelab_shared.errors import ConfigError
from homelab_shared.runner import serve
from homelab_shared.runtime import RuntimeSettings, Transport
from homelab_shared.settings import load_settings
from homelab_shared.spec import (
    add_run_arguments,
    discover_all,
    installed_names,
    runtime_from_args,
)
from homelab_shared.toolbox import Toolbox

SERVER_VAR = "HOMELAB_SERVER"
Command = Callable[[argparse.Namespace], int]


def serve_target(name: str | None) -> str | None:
    """The server to serve alone: the argument, else HOMELAB_SERVER (how the images pick theirs);
    None (or "gateway") means every configured server."""
    name = name or os.environ.get(SERVER_VAR, "").strip() or None
    return None if name == "gateway" else name


def cmd_serve(args: argparse.Namespace) -> int:
    runtime = runtime_from_args(args)
    specs, broken = discover_all()
    hints = config_hints(specs)
    for name, reason in broken.items():
        print(f"skipping {name}: {reason}", file=sys.stderr)
    target = serve_target(args.name)
    if target:
        if args.tools or args.profile:
            raise ConfigError("--tools and --profile apply to the gateway, not to one server")
        spec = find_spec(specs, target)
        member = load_member(spec, runtime, hints)
        if member.mcp is None:
            raise ConfigError(f"{spec.name} cannot start: " + "; ".join(member.problems))
        boxes = [member.box] if member.box else []
        serve(member.mcp, boxes, runtime, args.transport, spec.port)
        return 0
    members = [load_member(spec, runtime, hints) for spec in specs]
    for m in members:
        if m.mcp is None:
            what = "not configured" if m.state == "not_configured" else "NOT SERVED, fix"
            print(f"skipping {m.spec.name} ({what}): {'; '.join(m.problems)}", file=sys.stderr)
        elif m.problems:
            print(f"warning: {m.spec.name}: {'; '.join(m.problems)}", file=sys.stderr)
    # What would stop the gateway raises here; what is left (typos) is worth a warning.
    own = gateway_problems(
        runtime, specs, hints, transport=args.transport, profile=args.profile, strict=True
    )
    gateway = build_gateway(members, broken)
    install(gateway, members, runtime, mode=args.tools, profile=args.profile)
    for problem in own:
        print(f"warning: {problem}", file=sys.stderr)
    boxes = [m.box for m in members if m.box is not None]
    serve(
        gateway,
        boxes,
        runtime,
        args.transport,
        GATEWAY_PORT,
        unready=unready(members, broken, own),
    )
    return 0


def _rows_for(member: Member) -> list[tuple[str, str, str, str]]:
    box: Toolbox | None = member.box
    if box is None:
        state = member.state.replace("_", " ")
        return [(member.spec.name, "-", "-", f"{state}: {'; '.join(member.problems)}")]
    rows = []
    for tool, cls in sorted(box.classes.items()):
        if box.enabled(cls):
            state = "enabled"
        else:
            state = f"disabled (set {' and '.join(box.enable_vars(cls))})"
        rows.append((member.spec.name, f"{member.spec.namespace}_{tool}", cls, state))
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    runtime = load_settings(RuntimeSettings)
    rows: list[tuple[str, str, str, str]] = []
    specs, broken = discover_all()
    hints = config_hints(specs)
    for spec in specs:
        rows.extend(_rows_for(load_member(spec, runtime, hints)))
    rows.extend((name, "-", "-", reason) for name, reason in broken.items())
    print(table(("server", "tool", "safety", "state"), rows))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    runtime = load_settings(RuntimeSettings)
    specs, broken = discover_all()
    hints = config_hints(specs)
    own = gateway_problems(runtime, specs, hints)
    if args.servers:
        specs = [find_spec(specs, name) for name in args.servers]
        broken = {}
    members = [load_member(spec, runtime, hints) for spec in specs]
    results = asyncio.run(probe_all(members))
    rows, failed = doctor_rows(members, results, broken, own)
    print(table(HEADER, rows))
    note = summary(members, failed)
    if note:
        print(f"\n{note}", file=sys.stderr)
    return 1 if failed else 0


def cmd_client_config(args: argparse.Namespace) -> int:
    print(
        client_config(
            args.client, url=args.url, name=args.server, tools=args.tools, profile=args.profile
        )
    )
    return 0


def parser(transport: Transport = "http") -> argparse.ArgumentParser:
    names = ", ".join(installed_names()) or "none installed"
    top = argparse.ArgumentParser(
        prog="homelab-mcp",
        description="Homelab MCP suite: one gateway for every homelab MCP server.",
        epilog=f"installed servers: {names}. Run `homelab-mcp COMMAND --help` for details.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Command, summary: str, text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=summary, description=text)
        cmd.set_defaults(func=func)
        return cmd

    serve_p = command(
        "serve",
        cmd_serve,
        "serve all configured servers, or one by name",
        "Serve every configured server under its namespace (the gateway, port 8000), or one "
        f"server alone on its own port. Servers: {names}. Unconfigured servers are skipped "
        "with the variables that enable them; `doctor` checks them.",
    )
    serve_p.add_argument(
        "name",
        nargs="?",
        metavar="SERVER",
        help=f"serve only this server ({names}); default: HOMELAB_SERVER, unset or 'gateway' "
        "serves every configured server",
    )
    add_run_arguments(serve_p, transport)
    serve_p.add_argument(
        "--tools",
        choices=["all", "search"],
        help="all: every tool (default, HOMELAB_TOOLS); search: only search_tools, call_tool "
        "and status, for small context windows",
    )
    serve_p.add_argument(
        "--profile",
        help="the tool profile of stdio and of HTTP tokens naming none (HOMELAB_PROFILE; "
        "profiles are defined in HOMELAB_PROFILES_FILE)",
    )
    command(
        "list",
        cmd_list,
        "servers, tools, safety class, enabled",
        "List every installed server's tools with their safety class (read, write, "
        "destructive) and whether they are enabled, or the variables that would enable them.",
    )
    doctor_p = command(
        "doctor",
        cmd_doctor,
        "check every configured upstream",
        "For each server: is it configured, is its upstream reachable, does it accept the "
        "credentials, is it ready, and what to fix. Exits 1 when anything that was set is "
        "broken (a partial configuration, a placeholder, a typo, an unreachable upstream); "
        "servers of which nothing was set are only reported as not configured.",
    )
    doctor_p.add_argument(
        "servers", nargs="*", metavar="SERVER", help=f"check only these servers ({names})"
    )
    cfg = command(
        "client-config",
        cmd_client_config,
        "print ready-to-paste client configuration",
        "Print the configuration of an MCP client for this clone: Claude Desktop (stdio, or "
        "mcp-remote with --url), Open WebUI, MCP Inspector. Non-secret values come from your "
        "environment; secrets stay <placeholders> to fill in.",
    )
    cfg.add_argument("client", choices=sorted(CLIENTS), help="the client to configure")
    cfg.add_argument("--url", help="a running HTTP gateway, e.g. http://nas.lan:8000/mcp")
    cfg.add_argument("--server", help=f"one server instead of the whole gateway ({names})")
    cfg.add_argument(
        "--tools",
        choices=["all", "search"],
        help="catalogue mode to launch with (stdio); search suits small context windows",
    )
    cfg.add_argument("--profile", help="tool profile to launch with (stdio) or to put in the token")
    return top


def main(argv: Sequence[str] | None = None, transport: Transport = "http") -> None:
    args = parser(transport).parse_args(argv)
    try:
        code = args.func(args)
    except ConfigError as err:
        print(f"homelab-mcp: configuration error: {err}", file=sys.stderr)
        code = 2
    raise SystemExit(code)


def stdio(argv: Sequence[str] | None = None) -> None:
    """``uvx homelab-suite`` (every server) and ``homelab-suite-gateway``: ``serve`` over stdio,
    for MCP clients that start the gateway; the options of ``serve`` still apply."""
    main(["serve", *(sys.argv[1:] if argv is None else argv)], transport="stdio")


if __name__ == "__main__":
    main()
