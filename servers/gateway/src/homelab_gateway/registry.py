"""MCP registry manifests (``server.json``) for the gateway and every installed server.

Each manifest offers two packages with the same server settings:

- ``pypi``: ``uvx homelab-suite-<server>`` over stdio, the distribution's console script named
  like it (the gateway's is ``homelab-suite``, the distribution that brings every server; the
  gateway's own, ``homelab-suite-gateway``, carries none). Every distribution of the suite is
  named ``homelab-suite-...``: the servers' former names (``arr-suite-mcp``, ``plex-mcp``) belong
  to other projects on the package index. The registry proves the package is ours through the
  ``mcp-name: <server name>`` line of its README (tests/deploy checks it is there).
- ``oci``: the release image ``ghcr.io/<OWNER>/mcp-<server>:<version>`` over streamable HTTP.

The environment variables come from the server's settings classes, so a new setting, a new
required one or a version bump changes the output:

    uv run python -m homelab_gateway.registry --write    # rewrite <package>/server.json

Secrets are listed by their variable only, not also as ``<VARIABLE>_FILE``: the schema has no way
to say "this or that", and a file path from the user's machine means nothing inside the
container without a mount that the manifest cannot tie to one variable.

tests/deploy/test_registry.py fails while a committed file differs from this output.
"""

from __future__ import annotations

import argparse
import json
import sys
import types
import typing
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import distribution, entry_points
from pathlib import Path
from typing import Any, cast

from pydantic import SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

from homelab_gateway.profiles import GatewayOptions
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import env_names
from homelab_shared.spec import ENTRY_POINT_GROUP, ServerSpec, module_of

SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
# The GitHub owner publishing the suite, the one name every deployment form uses: registry
# namespace io.github.<OWNER>, images ghcr.io/<OWNER>/mcp-<server> (IMAGE_OWNER of
# .github/workflows/release.yml, the chart's image repositories, the Dockerfile's OWNER);
# tests/deploy/test_registry.py fails while they differ.
OWNER = "homelab-mcp"
GATEWAY = "gateway"
GATEWAY_PORT = 8000
# Fixed by the image (0.0.0.0, the server's port, the /data volume): not for the user to set.
IMAGE_FIXED = frozenset({"host", "port", "state_dir"})
# Settings of the HTTP listener: nothing listens over stdio.
HTTP_ONLY = frozenset(
    {"host", "port", "path", "metrics_public", "insecure_no_auth", "auth_tokens"}
    | {"jwt_jwks_uri", "jwt_issuer", "jwt_audience"}
)
# Every distribution's prefix; SUITE (no code of its own) depends on the gateway and every server.
PREFIX = "homelab-suite-"
SUITE = "homelab-suite"
GATEWAY_DISTRIBUTION = PREFIX + GATEWAY
MAX_DESCRIPTION = 100  # the schema's limit


def distribution_name(server: str) -> str:
    """The distribution of a server (and of its console script): homelab-suite-<server>."""
    return PREFIX + server


def image(server: str) -> str:
    """The release image of a server, without tag."""
    return f"ghcr.io/{OWNER}/mcp-{server}"


def server_name(server: str) -> str:
    """The registry name of a server (also the image's io.modelcontextprotocol.server.name)."""
    return f"io.github.{OWNER}/{server}"


@dataclass(frozen=True)
class Target:
    name: str  # "home-assistant", "gateway"
    title: str
    port: int
    package: str  # the distribution: its version and summary
    summary: str
    uvx: str  # the distribution `uvx` runs over stdio: the package, or the suite for the gateway
    root: Path  # the folder holding its pyproject.toml (and server.json)
    settings: tuple[type[BaseSettings], ...]


def installed() -> list[tuple[ServerSpec, str]]:
    """The servers installed as packages (entry points; HOMELAB_EXTRA_SERVERS plugins are not
    published), with their distribution names, by port."""
    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.dist is None:
            raise LookupError(f"entry point {ep.name} belongs to no distribution")
        found.append((ep.load(), ep.dist.name))
    return sorted(found, key=lambda pair: pair[0].port)


def _root_of(module: str) -> Path:
    """The package folder of an (editable) workspace member: the one with pyproject.toml."""
    here = Path(str(import_module(module).__file__)).resolve()
    for folder in here.parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    raise LookupError(f"{module} is not installed from a source tree")


def _summary(package: str) -> str:
    """The package's summary, shortened at a comma or parenthesis to the schema's limit."""
    text = distribution(package).metadata["Summary"] or package
    while len(text) > MAX_DESCRIPTION:
        cut = max(text.rfind(", "), text.rfind(" ("))
        text = text[:cut] if cut > 0 else text[: MAX_DESCRIPTION - 1] + "…"
    return text


def targets() -> list[Target]:
    servers = installed()
    gateway = GATEWAY_DISTRIBUTION
    found = [
        Target(
            GATEWAY,
            "homelab-mcp gateway",
            GATEWAY_PORT,
            gateway,
            _summary(gateway),
            SUITE,
            _root_of("homelab_gateway"),
            # Its own catalogue settings (HOMELAB_TOOLS, HOMELAB_PROFILE...), then every server's.
            (GatewayOptions, *(spec.settings_cls for spec, _ in servers)),
        )
    ]
    for spec, package in servers:
        found.append(
            Target(
                spec.name,
                spec.title,
                spec.port,
                package,
                _summary(package),
                package,
                _root_of(module_of(spec.build)),
                (spec.settings_cls,),
            )
        )
    return found


def _format(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if annotation is bool:
        return "boolean"
    if annotation in (int, float):
        return "number"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "filepath"
    return "string"


def _default(info: FieldInfo) -> str | None:
    value = info.default
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str) and value != "":
        return str(value)
    return None


def env_inputs(
    cls: type[BaseSettings], *, skip: frozenset[str] = frozenset(), optional: bool = False
) -> list[dict[str, Any]]:
    """One registry input per setting: name, description, required, secret, format, default."""
    inputs = []
    for field, info in cls.model_fields.items():
        if field in skip:
            continue
        entry: dict[str, Any] = {
            "name": env_names(cls, field)[0],
            "description": info.description or field.replace("_", " "),
            "isRequired": info.is_required() and not optional,
            "isSecret": "SecretStr" in str(info.annotation) or info.annotation is SecretStr,
            "format": _format(info.annotation),
        }
        default = _default(info)
        if default is not None:
            entry["default"] = default
        inputs.append(entry)
    # Variables a settings class reads through a source of its own (arr-suite's per-app pairs).
    extra = getattr(cls, "registry_inputs", None)
    entries = cast("list[dict[str, Any]]", extra() if callable(extra) else [])
    inputs += [{**e, "isRequired": e["isRequired"] and not optional} for e in entries]
    return inputs


def merged(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One input per variable name: a variable several settings classes read (REDIS_URL: the
    runtime's confirmation tokens and routing's quotas) is listed once, with both descriptions;
    required or secret if any reader says so. Readers that disagree on its format or default
    are a bug of the settings classes, refused here rather than published."""
    by_name: dict[str, dict[str, Any]] = {}
    for entry in entries:
        first = by_name.get(entry["name"])
        if first is None:
            by_name[entry["name"]] = dict(entry)
            continue
        for key in ("format", "default"):
            if first.get(key) != entry.get(key):
                raise ValueError(
                    f"{entry['name']}: settings disagree on its {key} "
                    f"({first.get(key)!r} != {entry.get(key)!r})"
                )
        if entry["description"] not in first["description"]:
            first["description"] += "; " + entry["description"]
        first["isRequired"] = first["isRequired"] or entry["isRequired"]
        first["isSecret"] = first["isSecret"] or entry["isSecret"]
    return list(by_name.values())


def manifest(target: Target, version: str) -> dict[str, Any]:
    optional = target.name == GATEWAY  # the gateway skips a server that is not configured
    servers: list[dict[str, Any]] = []
    for cls in target.settings:
        servers += env_inputs(cls, optional=optional)
    # Over stdio nothing listens and no token is asked for: the runtime's other settings only.
    stdio_env = env_inputs(RuntimeSettings, skip=HTTP_ONLY) + servers
    env = [
        {
            **entry,
            **(
                {"isRequired": True, "description": entry["description"] + " (or HOMELAB_JWT_*)"}
                if entry["name"] == "HOMELAB_AUTH_TOKENS"
                else {}
            ),
        }
        for entry in env_inputs(RuntimeSettings, skip=IMAGE_FIXED)
    ] + servers
    port = target.port
    return {
        "$schema": SCHEMA,
        "name": server_name(target.name),
        "title": target.title,
        "description": target.summary,
        "version": version,
        "packages": [
            {
                "registryType": "oci",
                "identifier": f"{image(target.name)}:{version}",
                "runtimeHint": "docker",
                "runtimeArguments": [
                    {"type": "named", "name": "-p", "value": f"{port}:{port}"},
                    {"type": "named", "name": "-v", "value": f"mcp-{target.name}-data:/data"},
                ],
                "transport": {
                    "type": "streamable-http",
                    "url": f"http://localhost:{port}/mcp",
                    "headers": [
                        {
                            "name": "Authorization",
                            "description": "Bearer <token>, a token of HOMELAB_AUTH_TOKENS",
                            "isRequired": True,
                            "isSecret": True,
                        }
                    ],
                },
                "environmentVariables": merged(env),
            },
            {
                "registryType": "pypi",
                "identifier": target.uvx,
                "version": version,
                "runtimeHint": "uvx",
                "transport": {"type": "stdio"},
                "environmentVariables": merged(stdio_env),
            },
        ],
    }


def render(target: Target) -> str:
    version = distribution(target.package).version
    offered = distribution(target.uvx).version
    if offered != version:
        raise ValueError(
            f"{target.uvx} {offered} != {target.package} {version}: the suite's distributions "
            "are released together, at one version (the tag's)"
        )
    return json.dumps(manifest(target, version), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m homelab_gateway.registry")
    parser.add_argument("--write", action="store_true", help="rewrite each <package>/server.json")
    args = parser.parse_args(argv)
    for target in targets():
        path = target.root / "server.json"
        text = render(target)
        if args.write:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)
        else:
            print(f"# {path}\n{text}")


if __name__ == "__main__":
    main()
