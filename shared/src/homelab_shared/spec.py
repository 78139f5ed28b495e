"""How a server describes itself to the gateway, and the ``main()`` every server shares.

A server's ``SPEC`` lives in a small ``spec`` module that imports only its settings class: the
gateway reads every installed server's spec (name, namespace, settings, to tell configured from
not configured and to catch misspelt variables) but imports a server's code, and the libraries it
needs (websockets, plexapi, kubernetes, the PII scanner...), only when that server is built. ``Ref``
names that code as ``"module:attr"`` and imports it on first use.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings, Transport
from homelab_shared.settings import BaseServerSettings, load_settings

if TYPE_CHECKING:
    from fastmcp import FastMCP

    from homelab_shared.toolbox import Readiness

log = logging.getLogger("homelab.spec")

ENTRY_POINT_GROUP = "homelab_mcp.servers"
EXTRA_SERVERS_VAR = "HOMELAB_EXTRA_SERVERS"


@dataclass(frozen=True)
class Ref:
    """A callable named ``"package.module:attr"`` (``attr`` may be dotted: ``Class.method``),
    imported on its first call, so a spec can point at a server's code without loading it."""

    target: str

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def resolve(self) -> Callable[..., Any]:
        return _resolve(self.target)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def value(self) -> Any:
        """The attribute itself, when it is data rather than a callable."""
        return _resolve(self.target)


@cache
def _resolve(target: str) -> Callable[..., Any]:
    module, _, path = target.partition(":")
    found: Any = import_module(module)
    for attr in path.split("."):
        found = getattr(found, attr)
    return found


def module_of(func: Callable[..., Any]) -> str:
    """The module that holds ``func`` (a ``Ref``'s target module, without importing it)."""
    return func.module if isinstance(func, Ref) else func.__module__


@dataclass(frozen=True)
class Vocabulary:
    """Words for the gateway's tool search only (``homelab_gateway.ranker``), never published in
    tools/list, so they cost no tokens. Each server keeps its own in ``<package>/search_terms.py``.

    ``app`` names the server as people say it ("plex tautulli"). ``tools`` maps each tool's own
    name to the everyday words (English, some German and French) for what it does beyond its
    name and description: its objects, verbs, symptoms, jargon. Write what the tool does and how
    people ask for it, never a particular request; every tool has an entry
    (``tests/gateway/test_search_terms.py``).
    """

    app: str
    tools: Mapping[str, str]


@dataclass(frozen=True)
class ServerSpec:
    name: str  # "home-assistant"
    title: str  # "Home Assistant"
    namespace: str  # tool prefix in the gateway: "ha" gives ha_<tool>
    port: int  # its own port when served alone
    settings_cls: type[BaseServerSettings]
    # build_server(settings, runtime) -> FastMCP; a Ref in the installed servers
    build: Callable[..., FastMCP[Any]]
    connect: Callable[[Any], Any]  # settings -> the upstream client (with ``aclose``)
    probe: Callable[[Any], Awaitable[Readiness]]  # client -> readiness, as /readyz reports it
    # Ref to a ``Vocabulary`` (``<package>.search_terms:VOCABULARY``), read on the first search
    vocabulary: Ref | None = None

    def load(self) -> BaseServerSettings:
        return load_settings(self.settings_cls)

    async def check(self, settings: BaseServerSettings) -> Readiness:
        """Readiness with a client of its own (``doctor``): connect, probe, close."""
        client = self.connect(settings)
        try:
            return await self.probe(client)
        finally:
            await client.aclose()


def discover_all() -> tuple[list[ServerSpec], dict[str, str]]:
    """Installed servers (entry points) plus ``HOMELAB_EXTRA_SERVERS=module:attr,...``.

    A server that cannot be imported is returned as a problem (name -> reason), never raised:
    one broken plugin must not keep the others from being served.
    """
    specs: dict[str, ServerSpec] = {}
    broken: dict[str, str] = {}
    refs = [(ep.name, ep.load) for ep in entry_points(group=ENTRY_POINT_GROUP)]
    for ref in filter(None, os.environ.get(EXTRA_SERVERS_VAR, "").split(",")):
        module, _, attr = ref.strip().partition(":")
        refs.append((ref.strip(), _importer(module, attr or "SPEC")))
    for name, load in refs:
        try:
            spec = load()
        except Exception as err:  # any import-time failure of a plugin
            broken[name] = f"cannot be loaded: {type(err).__name__}: {err}"
            continue
        specs[spec.name] = spec
    return sorted(specs.values(), key=lambda s: s.port), broken


def _importer(module: str, attr: str) -> Callable[[], ServerSpec]:
    def load() -> ServerSpec:
        return getattr(import_module(module), attr)

    return load


def installed_names() -> list[str]:
    """Server names for help texts, without importing any server (entry point names)."""
    names = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(names)


def discover() -> list[ServerSpec]:
    specs, broken = discover_all()
    for name, reason in broken.items():
        log.warning("server %s skipped: %s", name, reason)
    return specs


def add_run_arguments(parser: argparse.ArgumentParser, transport: Transport = "http") -> None:
    parser.add_argument(
        "--transport",
        choices=["stdio", "http", "sse"],
        default=transport,
        help="http: stateless streamable HTTP at /mcp; stdio: for Claude Desktop and other "
        f"clients that start the server; sse: legacy SSE at /sse (default: {transport})",
    )
    parser.add_argument("--host", help="bind address (HOMELAB_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (HOMELAB_PORT)")
    parser.add_argument(
        "--insecure-no-auth",
        action="store_true",
        help="allow a non-loopback bind without any authentication (dangerous)",
    )


def runtime_from_args(args: argparse.Namespace) -> RuntimeSettings:
    overrides: dict[str, Any] = {}
    if args.host:
        overrides["host"] = args.host
    if args.port:
        overrides["port"] = args.port
    if args.insecure_no_auth:
        overrides["insecure_no_auth"] = True
    return load_settings(RuntimeSettings, **overrides)


def _load_with_hints(spec: ServerSpec) -> BaseServerSettings:
    """Load settings; on failure add "did you mean" for misspelt variables of this server."""
    from homelab_shared.configured import typo_problems, typos

    try:
        return spec.load()
    except ConfigError as err:
        hints = typos([RuntimeSettings, spec.settings_cls])
        problems = err.problems + typo_problems(spec.settings_cls, hints)
        raise ConfigError("; ".join(problems), problems) from None


def server_main(
    spec: ServerSpec, argv: Sequence[str] | None = None, transport: Transport = "http"
) -> None:
    """``python -m <server>``: settings -> build_server -> serve. The console script named like
    the distribution (``uvx homelab-suite-<server>``) defaults to stdio: MCP clients start it."""
    from homelab_shared.runner import serve
    from homelab_shared.toolbox import toolbox_of

    parser = argparse.ArgumentParser(prog=spec.name, description=f"{spec.title} MCP server")
    add_run_arguments(parser, transport)
    args = parser.parse_args(argv)
    try:
        runtime = runtime_from_args(args)
        settings = _load_with_hints(spec)
        mcp = spec.build(settings, runtime)
        box = toolbox_of(mcp)
        if box is not None:
            box.label = spec.name
        serve(mcp, [box] if box else [], runtime, args.transport, spec.port)
    except ConfigError as err:
        print(f"{spec.name}: configuration error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
