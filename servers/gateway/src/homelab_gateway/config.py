"""Ready-to-paste configuration for MCP clients. Secrets are placeholders, never real values.

Non-secret values the operator has set (``HA_URL``, ``HA_ALLOW_WRITE``, ``HOMELAB_STATE_DIR``)
are copied from the environment: a desktop app starts the server without the shell's variables.
The command is the absolute path of the ``uv`` that ran this, since desktop apps start with a
short PATH that rarely holds it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_settings import BaseSettings

from homelab_gateway.app import GATEWAY_PORT, find_spec
from homelab_shared.configured import dynamic_variables, offered_fields, present, registry_inputs
from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import env_names, is_secret
from homelab_shared.spec import EXTRA_SERVERS_VAR, ServerSpec, discover

CLIENTS = {"claude", "openwebui", "inspector"}
TOKEN_PLACEHOLDER = "<a token from HOMELAB_AUTH_TOKENS>"  # noqa: S105 (a placeholder)


def project_root() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        if (parent / "uv.lock").exists() and (parent / "servers").is_dir():
            return parent
    return None


def uv_binary() -> str | None:
    """The uv that ran us (``uv run`` sets ``UV``), else the one on PATH, as an absolute path.

    Shell-script shims (pyenv's) are skipped: they need the PATH a desktop app does not have.
    """
    for candidate in (os.environ.get("UV"), shutil.which("uv")):
        if candidate and _is_executable_binary(Path(candidate)):
            return str(Path(candidate).resolve())
    return None


def _is_executable_binary(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return path.is_file() and os.access(path, os.X_OK) and handle.read(2) != b"#!"
    except OSError:
        return False


def stdio_command(name: str | None, extra: Sequence[str] = ()) -> list[str]:
    serve = ["serve", *([name] if name else []), "--transport", "stdio", *extra]
    root = project_root()
    uv = uv_binary()
    if root is not None and uv is not None:
        return [uv, "run", "--directory", str(root), "homelab-mcp", *serve]
    script = shutil.which("homelab-mcp") or str(Path(sys.argv[0]).resolve())
    return [str(Path(script).resolve()), *serve]


def named(name: str) -> ServerSpec:
    return find_spec(discover(), name)


def holds_secret(annotation: Any) -> bool:
    """A ``SecretStr``, or models that hold one (``ARR_INSTANCES``' JSON carries API keys): the
    value must not be copied into a client config."""
    if is_secret(annotation):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(holds_secret(f.annotation) for f in annotation.model_fields.values())
    return any(holds_secret(arg) for arg in get_args(annotation))


def server_env(cls: type[BaseSettings], everything: bool) -> dict[str, str]:
    """Required variables (``everything``) and any the operator set: the set value when it is
    not a secret, else a ``<VARIABLE>`` placeholder to fill in (rejected at load if left)."""
    values = present(cls)
    wanted = offered_fields(cls, values, everything)  # a URL's token, one half of an either/or
    env: dict[str, str] = {}
    for field_name, field in cls.model_fields.items():
        names = env_names(cls, field_name)
        secret = holds_secret(field.annotation)
        given = [n for n in names if n in values or (secret and f"{n}_FILE" in values)]
        if secret and (given or field_name in wanted):
            var = given[0] if given else names[0]
            env[var] = f"<{var}>"
        elif given:
            env[given[0]] = values[given[0]]
        elif field_name in wanted:
            env[names[0]] = f"<{names[0]}>"
    env.update(_own_source_env(cls, values, everything))
    return env


def _own_source_env(
    cls: type[BaseSettings], values: Mapping[str, str], everything: bool
) -> dict[str, str]:
    """Variables a class reads through a source of its own (arr-suite's ``SONARR_URL``,
    ``RADARR_4K_API_KEY``): those of the instances the operator set, else (``everything``) the
    ones it offers. Secrets (and their ``_FILE`` twins) become placeholders."""
    found = dynamic_variables(cls, values)
    if not found and everything:
        found = {e["name"]: bool(e.get("isSecret")) for e in registry_inputs(cls)}
    env: dict[str, str] = {}
    for var, secret in found.items():
        name = var.removesuffix("_FILE") if secret else var
        env[name] = f"<{name}>" if secret or var not in values else values[var]
    return env


def runtime_env() -> dict[str, str]:
    """Set, non-secret ``HOMELAB_*`` values (the state directory, extra servers, log level)."""
    values = present(RuntimeSettings)
    env = {k: v for k, v in server_env(RuntimeSettings, False).items() if not v.startswith("<")}
    if values.get(EXTRA_SERVERS_VAR):
        env[EXTRA_SERVERS_VAR] = values[EXTRA_SERVERS_VAR]
    return env


def env_template(name: str | None) -> dict[str, str]:
    """One server's variables, or those of every server the operator has started to configure
    (all of them when none is)."""
    specs = [named(name)] if name else discover()
    chosen = [s for s in specs if name or server_env(s.settings_cls, False)] or specs
    env = runtime_env()
    for spec in chosen:
        env.update(server_env(spec.settings_cls, True))
    return env


def default_url(name: str | None) -> str:
    if name:
        return f"http://127.0.0.1:{named(name).port}/mcp"
    return f"http://127.0.0.1:{GATEWAY_PORT}/mcp"


def launch_args(tools: str | None, profile: str | None) -> list[str]:
    return [*(["--tools", tools] if tools else []), *(["--profile", profile] if profile else [])]


def http_note(tools: str | None, profile: str | None) -> str:
    """Over HTTP the gateway, not the client, picks the catalogue: say where it is set."""
    if not tools and not profile:
        return ""
    parts = []
    if profile:
        parts.append(
            f"give this client's token the profile: HOMELAB_AUTH_TOKENS entry "
            f"'<client>:read,profile={profile}:<token>'"
        )
    if tools:
        parts.append(
            f'serve with `homelab-mcp serve --tools {tools}` (or set `tools = "{tools}"` in '
            "the profile, for this client only)"
        )
    return "# Over HTTP the gateway chooses the catalogue: " + "; ".join(parts) + ".\n"


def claude(url: str | None, name: str | None, extra: Sequence[str] = ()) -> str:
    key = f"homelab-{name}" if name else "homelab"
    if url:
        entry: dict[str, object] = {
            "command": "npx",
            "args": [
                "-y",
                "mcp-remote",
                url,
                "--transport",
                "http-only",
                "--header",
                "Authorization:${HOMELAB_AUTH}",
            ],
            "env": {"HOMELAB_AUTH": f"Bearer {TOKEN_PLACEHOLDER}"},
        }
    else:
        command = stdio_command(name, extra)
        entry = {"command": command[0], "args": command[1:], "env": env_template(name)}
    body = json.dumps({"mcpServers": {key: entry}}, indent=2)
    return (
        "# Claude Desktop: merge into claude_desktop_config.json, fill the <placeholders>, "
        "restart Claude.\n" + body
    )


def openwebui(url: str | None, name: str | None, extra: Sequence[str] = ()) -> str:
    target = url or default_url(name)
    mcpo = (
        "uvx --with 'mcp<2' --with 'fastapi<0.125' mcpo --host 127.0.0.1 --port 8080 "
        "--api-key <an api key for Open WebUI> --server-type streamable-http "
        f'--header \'{{"Authorization": "Bearer {TOKEN_PLACEHOLDER}"}}\' -- {target}'
    )
    tools = _openwebui_tools(target, mcpo)
    if name is not None and named(name).name != "routing":
        return tools  # only the router (alone or in the gateway) serves the model API
    return tools + "\n\n" + openwebui_model(target)


def openwebui_model(mcp_url: str) -> str:
    """The router as a model: Open WebUI's OpenAI API connection to routing-mcp's ``/v1``
    (served beside ``/mcp`` by the router alone and by the gateway)."""
    base = mcp_url.removesuffix("/mcp").rstrip("/") + "/v1"
    return (
        "# The model router as a model (routing-mcp's OpenAI-compatible API): Admin Settings > "
        "Connections > OpenAI API > +\n"
        f"URL: {base}\n"
        f"Key: {TOKEN_PLACEHOLDER}\n"
        "# Pick the model homelab-auto (routed: local first, personal data kept local, quotas "
        "enforced) or a policy model by name."
    )


def _openwebui_tools(target: str, mcpo: str) -> str:
    return (
        "# Open WebUI 0.6.31 or newer: Admin Settings > External Tools > + (Add Server)\n"
        "Type: MCP (Streamable HTTP)\n"
        f"URL: {target}\n"
        "Auth: Bearer\n"
        f"Key: {TOKEN_PLACEHOLDER}\n"
        "# Serve the gateway for it with `homelab-mcp serve` (set HOMELAB_HOST and "
        "HOMELAB_AUTH_TOKENS when Open WebUI runs on another host).\n\n"
        "# Older Open WebUI (OpenAPI tool servers only): put mcpo in front and add "
        "http://127.0.0.1:8080 as a tool server:\n"
        f"{mcpo}"
    )


def inspector(url: str | None, name: str | None, extra: Sequence[str] = ()) -> str:
    target = url or default_url(name)
    stdio = " ".join(stdio_command(name, extra))
    config = {"mcpServers": {"homelab": {"type": "streamable-http", "url": target}}}
    return (
        "# MCP Inspector CLI over HTTP:\n"
        f"npx @modelcontextprotocol/inspector --cli {target} --transport http "
        f"--header 'Authorization: Bearer {TOKEN_PLACEHOLDER}' --method tools/list\n\n"
        "# MCP Inspector CLI over stdio:\n"
        f"npx @modelcontextprotocol/inspector --cli --method tools/list -- {stdio}\n\n"
        "# Inspector UI: save as mcp.json and run `npx @modelcontextprotocol/inspector "
        "--config mcp.json --server homelab`\n"
        f"{json.dumps(config, indent=2)}"
    )


def client_config(
    client: str,
    *,
    url: str | None = None,
    name: str | None = None,
    tools: str | None = None,
    profile: str | None = None,
) -> str:
    if name:
        named(name)  # an unknown --server is an error, not a config that cannot work
        if tools or profile:
            raise ConfigError("--tools and --profile apply to the gateway, not to --server")
    render = {"claude": claude, "openwebui": openwebui, "inspector": inspector}[client]
    text = render(url, name, launch_args(tools, profile))
    remote = url is not None or client == "openwebui"
    return (http_note(tools, profile) if remote else "") + text
