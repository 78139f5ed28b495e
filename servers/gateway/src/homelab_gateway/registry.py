"""MCP registry manifests (``server.json``) for the gateway and every installed server.

Each manifest offers two ways to run the server: stdio through ``uvx <package>`` (the PyPI
package and its console script of the same name) and streamable HTTP through the release image
``ghcr.io/<OWNER>/mcp-<server>:<version>``. The environment variables come from the server's
settings class, so a new setting, a new required one or a version bump changes the output:

    uv run python -m homelab_gateway.registry --write    # rewrite <package>/server.json

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

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import env_names
from homelab_shared.spec import ENTRY_POINT_GROUP, ServerSpec, module_of

SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
# The GitHub owner publishing the suite: registry namespace io.github.<OWNER>, images on GHCR
# (the release workflow pushes ghcr.io/${{ github.repository_owner }}/mcp-<server>).
OWNER = "homelab-mcp"
GATEWAY = "gateway"
GATEWAY_PORT = 8000
# Runtime settings that only concern the HTTP transport: not offered to a stdio client.
HTTP_ONLY = frozenset(
    {"host", "port", "path", "auth_tokens", "jwt_jwks_uri", "jwt_issuer", "jwt_audience"}
    | {"insecure_no_auth", "metrics_public"}
)
# Fixed by the image (0.0.0.0, the server's port, the /data volume): not for the user to set.
IMAGE_FIXED = frozenset({"host", "port", "state_dir"})
MAX_DESCRIPTION = 100  # the schema's limit


@dataclass(frozen=True)
class Target:
    name: str  # "home-assistant", "gateway"
    title: str
    port: int
    package: str  # the distribution: PyPI name and console script
    summary: str
    root: Path  # the folder holding its pyproject.toml (and server.json)
    settings: tuple[type[BaseSettings], ...]
    stdio_args: tuple[dict[str, Any], ...]


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
    stdio = {"type": "named", "name": "--transport", "value": "stdio"}
    servers = installed()
    gateway = "homelab-gateway"
    found = [
        Target(
            GATEWAY,
            "homelab-mcp gateway",
            GATEWAY_PORT,
            gateway,
            _summary(gateway),
            _root_of("homelab_gateway"),
            tuple(spec.settings_cls for spec, _ in servers),
            ({"type": "positional", "value": "serve"}, stdio),
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
                _root_of(module_of(spec.build)),
                (spec.settings_cls,),
                (stdio,),
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


def manifest(target: Target, version: str) -> dict[str, Any]:
    optional = target.name == GATEWAY  # the gateway skips a server that is not configured
    servers: list[dict[str, Any]] = []
    for cls in target.settings:
        servers += env_inputs(cls, optional=optional)
    stdio_env = env_inputs(RuntimeSettings, skip=HTTP_ONLY) + servers
    http_env = [
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
        "name": f"io.github.{OWNER}/{target.name}",
        "title": target.title,
        "description": target.summary,
        "version": version,
        "packages": [
            {
                "registryType": "pypi",
                "identifier": target.package,
                "version": version,
                "runtimeHint": "uvx",
                "transport": {"type": "stdio"},
                "packageArguments": list(target.stdio_args),
                "environmentVariables": stdio_env,
            },
            {
                "registryType": "oci",
                "identifier": f"ghcr.io/{OWNER}/mcp-{target.name}:{version}",
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
                "environmentVariables": http_env,
            },
        ],
    }


def render(target: Target) -> str:
    version = distribution(target.package).version
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
