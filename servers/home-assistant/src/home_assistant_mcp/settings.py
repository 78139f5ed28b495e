"""Settings of the Home Assistant server: every variable is ``HA_<NAME>``.

``HA_URL`` and ``HA_TOKEN`` (or ``HA_TOKEN_FILE``) are required. Tasmota devices are listed in
``HA_TASMOTA_DEVICES`` as JSON or as ``name=http://host`` entries separated by commas or spaces;
``HA_TASMOTA_PASSWORD`` (or ``_FILE``) is the default web password for all of them.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import NoDecode

from homelab_shared.redact import register_secret
from homelab_shared.settings import UpstreamSettings, normalise_url, parse_list, server_config

DEVICE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
# ``tasmota:<device>`` or ``tasmota:<device>/<relay>`` in HA_SENSITIVE_SERVICES: a guarded relay
TASMOTA_GUARD = re.compile(
    r"tasmota:(?P<device>[A-Za-z0-9][A-Za-z0-9_.-]{0,62})(/(?P<relay>[1-9]|[12][0-9]|3[0-2]))?"
)
EVERY_RELAY = range(1, 33)  # Tasmota has at most 32 relays (POWER1..POWER32)


class TasmotaDevice(BaseModel):
    """One Tasmota device reached over its HTTP command API (``/cm?cmnd=...``)."""

    name: str = Field(description="Short name used in tool calls, e.g. 'desk-plug'")
    url: str = Field(description="Base URL of the device, e.g. http://192.168.1.50")
    user: str | None = Field(default=None, description="Web user (Tasmota's is always 'admin')")
    password: SecretStr | None = Field(default=None, description="Web password, if one is set")
    guarded: bool | list[Annotated[int, Field(ge=1, le=32)]] = Field(
        default=False,
        description="Relays whose switching needs a confirmation: true (every relay) or [2, 3]",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not DEVICE_NAME.match(value):
            raise ValueError(f"device name {value!r} must be letters, digits, '-', '_' or '.'")
        return value

    @model_validator(mode="before")
    @classmethod
    def _credentials_out_of_url(cls, data: Any) -> Any:
        """``http://user:password@host`` -> url ``http://host`` plus user and password."""
        if not isinstance(data, dict) or not isinstance(data.get("url"), str):
            return data
        url = data["url"].strip()
        parts = urlsplit(url if "://" in url else f"http://{url}")
        if parts.username is None and parts.password is None:
            return data
        netloc = parts.hostname or ""
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
        return {
            **data,
            "url": urlunsplit((parts.scheme, netloc, parts.path, "", "")),
            "user": data.get("user") or unquote(parts.username or "") or None,
            "password": data.get("password") or unquote(parts.password or "") or None,
        }

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return normalise_url(value)


def _device_from_entry(entry: str) -> dict[str, Any]:
    """``name=http://user:password@host`` -> fields of a TasmotaDevice."""
    name, sep, url = entry.partition("=")
    if not sep or not name or not url:
        raise ValueError(f"entry {entry!r} is not name=http://host")
    return {"name": name.strip(), "url": url.strip()}


def parse_devices(value: Any) -> Any:
    """Accept a JSON list, a JSON object {name: url | {...}}, or ``name=url`` entries."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return []
    if text[0] in "[{":
        data = json.loads(text)
        if isinstance(data, dict):
            return [
                {"name": name, **(spec if isinstance(spec, dict) else {"url": spec})}
                for name, spec in data.items()
            ]
        return data
    return [_device_from_entry(e) for e in re.split(r"[,\s]+", text) if e]


class HASettings(UpstreamSettings):
    """Home Assistant connection, safety lists and Tasmota devices (prefix ``HA_``)."""

    model_config = server_config("HA_")

    url: str = Field(description="Home Assistant base URL, e.g. http://homeassistant.local:8123")
    token: SecretStr = Field(
        description="Long-lived access token (HA profile > Security > Long-lived access tokens)"
    )
    sensitive_services: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Extra services (domain.service, domain.* allowed) or script/scene/automation entity "
            "ids that need a confirmation, and guarded Tasmota relays "
            "(tasmota:<device>[/<relay>]), comma separated"
        ),
    )
    safe_services: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Services (domain.service, domain.*) or script/scene/automation entity ids the "
            "operator vouches for: plain writes instead of confirmations, comma separated"
        ),
    )
    ws_reconnect_max: float = Field(
        30.0, gt=0, le=600, description="Longest wait between WebSocket reconnect attempts, s"
    )
    tasmota_devices: Annotated[list[TasmotaDevice], NoDecode] = Field(
        default_factory=list,
        description="Tasmota devices: JSON, or name=http://[user:password@]host entries",
    )
    tasmota_password: SecretStr | None = Field(
        default=None, description="Default Tasmota web password for devices without their own"
    )
    tasmota_timeout: float = Field(5.0, gt=0, le=60, description="Tasmota request timeout, s")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        url = normalise_url(value)
        return url.removesuffix("/api")

    @field_validator("sensitive_services", "safe_services", mode="before")
    @classmethod
    def _sensitive(cls, value: Any) -> Any:
        return parse_list(value)

    @field_validator("sensitive_services", "safe_services")
    @classmethod
    def _sensitive_shape(cls, value: list[str], info: ValidationInfo) -> list[str]:
        for item in value:
            if info.field_name == "sensitive_services" and TASMOTA_GUARD.fullmatch(item):
                continue
            if not re.fullmatch(r"[a-z0-9_]+\.([a-z0-9_]+|\*)", item):
                raise ValueError(
                    f"{item!r} is not domain.service, domain.*, an entity id"
                    + (
                        " or tasmota:<device>[/<relay>]"
                        if info.field_name == "sensitive_services"
                        else ""
                    )
                )
        return value

    @model_validator(mode="after")
    def _guards_name_devices(self) -> HASettings:
        known = {d.name for d in self.tasmota_devices}
        for item in self.sensitive_services:
            found = TASMOTA_GUARD.fullmatch(item)
            if found and found["device"] not in known:
                raise ValueError(
                    f"HA_SENSITIVE_SERVICES entry {item!r} names no device of HA_TASMOTA_DEVICES "
                    f"(known: {', '.join(sorted(known)) or 'none'})"
                )
        return self

    @property
    def service_entries(self) -> list[str]:
        """HA_SENSITIVE_SERVICES without its Tasmota entries (those guard relays, not services)."""
        return [s for s in self.sensitive_services if not TASMOTA_GUARD.fullmatch(s)]

    def tasmota_guarded(self, device: str) -> frozenset[int]:
        """The relays of ``device`` the operator guards (every relay: 1-32)."""
        relays: set[int] = set()
        for d in self.tasmota_devices:
            if d.name == device and d.guarded:
                relays |= set(EVERY_RELAY if d.guarded is True else d.guarded)
        for item in self.sensitive_services:
            found = TASMOTA_GUARD.fullmatch(item)
            if found and found["device"] == device:
                relays |= {int(found["relay"])} if found["relay"] else set(EVERY_RELAY)
        return frozenset(relays)

    @field_validator("tasmota_devices", mode="before")
    @classmethod
    def _devices(cls, value: Any) -> Any:
        return parse_devices(value)

    @field_validator("tasmota_devices")
    @classmethod
    def _unique(cls, value: list[TasmotaDevice]) -> list[TasmotaDevice]:
        names = [d.name for d in value]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"device names must be unique: {', '.join(duplicates)}")
        for device in value:  # nested secrets are not registered by load_settings
            if device.password is not None:
                register_secret(device.password.get_secret_value())
        return value
