"""Ready-to-paste configuration for MCP clients. Secrets are placeholders, never real values."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pydantic.fields import FieldInfo

from homelab_gateway.app import GATEWAY_PORT
from homelab_shared.settings import BaseServerSettings
from homelab_shared.spec import discover

CLIENTS = {"claude", "openwebui", "inspector"}
TOKEN_PLACEHOLDER = "<a token from HOMELAB_AUTH_TOKENS>"  # noqa: S105 (a placeholder)


def project_root() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        if (parent / "uv.lock").exists() and (parent / "servers").is_dir():
            return parent
    return None


def stdio_command(name: str | None) -> list[str]:
    serve = ["serve", *([name] if name else []), "--transport", "stdio"]
    root = project_root()
    if root is not None:
        return ["uv", "run", "--directory", str(root), "homelab-mcp", *serve]
    return [shutil.which("homelab-mcp") or "homelab-mcp", *serve]


def _offered(field: FieldInfo) -> bool:
    """Required, or optional but part of the usual setup (``json_schema_extra={"client_config":
    True}``: e.g. plex's PLEX_URL and TAUTULLI_URL, either of which is enough)."""
    extra = field.json_schema_extra
    return field.is_required() or (isinstance(extra, dict) and extra.get("client_config") is True)


def required_env(cls: type[BaseServerSettings]) -> dict[str, str]:
    return {
        cls.env_name(name): f"<{cls.env_name(name)}>"
        for name, field in cls.model_fields.items()
        if _offered(field)
    }


def env_template(name: str | None) -> dict[str, str]:
    env: dict[str, str] = {}
    for spec in discover():
        if name in (None, spec.name, spec.namespace):
            env.update(required_env(spec.settings_cls))
    return env


def default_url(name: str | None) -> str:
    if name:
        for spec in discover():
            if name in (spec.name, spec.namespace):
                return f"http://127.0.0.1:{spec.port}/mcp"
    return f"http://127.0.0.1:{GATEWAY_PORT}/mcp"


def claude(url: str | None, name: str | None) -> str:
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
        command = stdio_command(name)
        entry = {"command": command[0], "args": command[1:], "env": env_template(name)}
    body = json.dumps({"mcpServers": {key: entry}}, indent=2)
    return (
        "# Claude Desktop: merge into claude_desktop_config.json, fill the <placeholders>, "
        "restart Claude.\n" + body
    )


def openwebui(url: str | None, name: str | None) -> str:
    target = url or default_url(name)
    mcpo = (
        "uvx --with 'mcp<2' --with 'fastapi<0.125' mcpo --host 127.0.0.1 --port 8080 "
        "--api-key <an api key for Open WebUI> --server-type streamable-http "
        f'--header \'{{"Authorization": "Bearer {TOKEN_PLACEHOLDER}"}}\' -- {target}'
    )
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


def inspector(url: str | None, name: str | None) -> str:
    target = url or default_url(name)
    stdio = " ".join(stdio_command(name))
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


def client_config(client: str, *, url: str | None = None, name: str | None = None) -> str:
    return {"claude": claude, "openwebui": openwebui, "inspector": inspector}[client](url, name)
