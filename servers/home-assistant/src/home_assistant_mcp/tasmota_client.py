"""Tasmota devices over their HTTP command API (``GET /cm?cmnd=...``). Knows nothing of MCP.

Tasmota answers every command with JSON; credentials go in the ``user``/``password`` query
parameters (the form every firmware accepts). A wrong password is HTTP 401 on current firmware and
HTTP 200 with ``{"WARNING": "Need user=<username>&password=<password>"}`` on older ones; an unknown
command is ``{"Command": "Unknown"}``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from home_assistant_mcp.settings import HASettings, TasmotaDevice
from homelab_shared.errors import AuthFailed, BadRequest, BadResponse, NotFound
from homelab_shared.http import HttpOptions, UpstreamHTTP

DEFAULT_USER = "admin"

# Commands the write tool may send, each with the arguments it may carry. A command with no
# argument only reads a setting; everything else (Backlog, Reset, Restart, Upgrade, OtaUrl with a
# value, Rule, Script, WebSend, GPIO, Template ...) needs the destructive tool.
_ARG_PATTERNS: dict[str, str] = {
    "status": r"(|[0-9]|1[0-2])",
    "state": r"",
    "power[1-8]?": r"(|on|off|toggle|0|1|2|blink|blinkoff)",
    "dimmer[0-4]?": r"(|[0-9]{1,3}|\+|-)",
    "ct": r"(|1[5-9][0-9]|[2-4][0-9]{2}|500|\+|-)",
    "white": r"(|[0-9]{1,3})",
    "color[1-6]?": r"(|#?[0-9a-f]{6,10}|[0-9]{1,3}(,[0-9]{1,3}){2,4}|\+|-)",
    "hsbcolor[1-3]?": r"(|[0-9]{1,3}(,[0-9]{1,3}){0,2})",
    "channel[1-5]": r"(|[0-9]{1,3}|\+|-)",
    "fade": r"(|on|off|0|1|toggle)",
    "speed": r"(|[0-9]{1,2}|\+|-)",
    "scheme": r"(|[0-9]{1,2})",
    "ledpower[1-4]?": r"(|on|off|0|1|toggle)",
    "timers": r"",
    "timer[0-9]{1,2}": r"",
    "energytoday": r"",
    "energytotal": r"",
    "energyyesterday": r"",
    "module": r"",
    "template": r"",
    "friendlyname[1-8]?": r"",
    "devicename": r"",
    "hostname": r"",
    "ipaddress[1-4]?": r"",
    "poweronstate": r"",
    "teleperiod": r"",
    "sleep": r"",
    "timezone": r"",
    "wifipower": r"",
    "setoption[0-9]{1,3}": r"",
    "rule[1-3]": r"",
}
SAFE_COMMANDS = [
    (re.compile(rf"^{name}$"), re.compile(rf"^{args}$")) for name, args in _ARG_PATTERNS.items()
]


def is_safe_command(command: str) -> bool:
    """True when ``command`` is on the allowlist (its name and its argument)."""
    name, _, args = command.strip().partition(" ")
    name, args = name.lower(), args.strip().lower()
    if ";" in command:
        return False
    return any(n.match(name) and a.match(args) for n, a in SAFE_COMMANDS)


def is_read_command(command: str) -> bool:
    """Queries (no argument, or Status N) are safe to retry; switching is not."""
    name, _, args = command.strip().partition(" ")
    return not args.strip() or name.lower() == "status"


class TasmotaClient:
    """All configured Tasmota devices; one pooled HTTP client per device, made on first use."""

    def __init__(self, settings: HASettings) -> None:
        self.devices = {d.name: d for d in settings.tasmota_devices}
        self._default_password = settings.tasmota_password
        self._timeout = settings.tasmota_timeout
        self._http: dict[str, UpstreamHTTP] = {}

    async def aclose(self) -> None:
        for http in self._http.values():
            await http.aclose()
        self._http.clear()

    def device(self, name: str) -> TasmotaDevice:
        try:
            return self.devices[name]
        except KeyError:
            known = ", ".join(sorted(self.devices)) or "none configured (set HA_TASMOTA_DEVICES)"
            raise NotFound("Tasmota", f"no device named {name!r}", hint=f"known: {known}") from None

    def _client(self, device: TasmotaDevice) -> UpstreamHTTP:
        http = self._http.get(device.name)
        if http is None:
            http = UpstreamHTTP(
                HttpOptions(
                    base_url=device.url,
                    service=f"Tasmota {device.name}",
                    auth_hint=f"check the password of {device.name} in HA_TASMOTA_DEVICES "
                    "or HA_TASMOTA_PASSWORD",
                    url_hint=f"check the URL of {device.name} in HA_TASMOTA_DEVICES "
                    "and that the device is powered and on the network",
                    timeout=self._timeout,
                    connect_timeout=min(self._timeout, 5.0),
                    retries=1,
                )
            )
            self._http[device.name] = http
        return http

    def _query(self, device: TasmotaDevice, command: str) -> str:
        parts = [f"cmnd={quote(command, safe='')}"]
        password = device.password or self._default_password
        if password is not None:
            user = device.user or DEFAULT_USER
            parts.append(f"user={quote(user, safe='')}")
            parts.append(f"password={quote(password.get_secret_value(), safe='')}")
        return "/cm?" + "&".join(parts)

    async def command(self, name: str, command: str) -> dict[str, Any]:
        """Send one command; return Tasmota's JSON answer."""
        device = self.device(name)
        http = self._client(device)
        data = await http.json(
            "GET", self._query(device, command), idempotent=is_read_command(command)
        )
        service = f"Tasmota {device.name}"
        if not isinstance(data, dict):
            raise BadResponse(service, f"expected a JSON object for {command!r}")
        warning = str(data.get("WARNING", ""))
        if warning.startswith("Need user="):
            raise AuthFailed(service, "the web password is required", hint=http.opts.auth_hint)
        if data.get("Command") == "Unknown":
            raise BadRequest(service, f"unknown command {command.split(' ')[0]!r}")
        return data

    async def status(self, name: str) -> dict[str, Any]:
        return await self.command(name, "Status 0")

    async def power(self, name: str, action: str, relay: int = 1) -> dict[str, Any]:
        return await self.command(name, f"Power{relay} {action}")
