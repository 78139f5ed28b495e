"""Settings: one env prefix per server, secrets as ``SecretStr`` with a ``*_FILE`` twin, ``.env``.

``load_settings(HASettings)`` either returns valid settings or raises :class:`ConfigError` whose
message names each variable to set (``HA_URL is not set``), never a pydantic traceback.
"""

from __future__ import annotations

import json
import os
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    AliasChoices,
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from homelab_shared.errors import ConfigError
from homelab_shared.redact import register_secret

S = TypeVar("S", bound=BaseSettings)

# What ``client-config`` prints for a value the operator must fill in: ``<HA_TOKEN>``, ``<...>``.
PLACEHOLDER = re.compile(r"^\s*<[^<>]*>\s*$")


def companion(group: str, *, offer: bool = False) -> dict[str, Any]:
    """``json_schema_extra`` of a field that works only together with the other fields of
    ``group`` (a URL and its token): once one of them is set, ``client-config`` prints the
    others too. ``offer``: a usual part of the setup, printed to fill in while nothing is set
    (plex's two halves, either of which is enough; once one half is set the other is not)."""
    return {"group": group, **({"client_config": True} if offer else {})}


def reject_placeholder(value: str) -> None:
    """ValueError when ``value`` is still a ``client-config`` placeholder such as ``<HA_URL>``."""
    if PLACEHOLDER.match(value):
        raise ValueError(
            f"still holds the client-config placeholder {value.strip()}: "
            "replace it with the real value"
        )


def is_secret(annotation: Any) -> bool:
    """Is this field annotation a ``SecretStr`` (possibly optional or annotated)."""
    if annotation is SecretStr:
        return True
    if get_origin(annotation) in (Union, types.UnionType, typing.Annotated):
        return any(is_secret(a) for a in get_args(annotation))
    return False


def env_names(cls: type[BaseSettings], name: str) -> list[str]:
    """The variables that set field ``name``: its aliases if it has any, else PREFIX+NAME."""
    field = cls.model_fields[name]
    alias = field.validation_alias
    if isinstance(alias, str):
        return [alias.upper()]
    if isinstance(alias, AliasChoices):
        return [c.upper() for c in alias.choices if isinstance(c, str)]
    return [f"{cls.model_config.get('env_prefix', '')}{name}".upper()]


class FileSecretsSource(PydanticBaseSettingsSource):
    """For every ``SecretStr`` field, read ``<VAR>_FILE`` (Docker/Kubernetes secrets)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        if not is_secret(field.annotation):
            return None, field_name, False
        found = [
            (f"{v}_FILE", os.environ[f"{v}_FILE"])
            for v in env_names(self.settings_cls, field_name)
            if os.environ.get(f"{v}_FILE")
        ]
        if not found:
            return None, field_name, False
        var, path = found[0]
        try:
            return Path(path).read_text(encoding="utf-8").strip(), field_name, False
        except OSError as err:
            raise ConfigError(
                f"{var} points to {path!r}, which cannot be read: {err.strerror}"
            ) from err

    def __call__(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            value, _, _ = self.get_field_value(field, name)
            if value is not None:
                data[_input_key(field, name)] = value
        return data


def _input_key(field: FieldInfo, name: str) -> str:
    """The key the model accepts for a field: its first validation alias when it has one (a
    field with aliases ignores its own name unless populate_by_name is set)."""
    alias = field.validation_alias
    if isinstance(alias, str):
        return alias
    if isinstance(alias, AliasChoices):
        first = next((c for c in alias.choices if isinstance(c, str)), None)
        if first:
            return first
    return field.alias or name


class SettingsBase(BaseSettings):
    """Env, ``<VAR>_FILE`` secrets and ``.env``, in that order of precedence."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            FileSecretsSource(settings_cls),
            dotenv_settings,
            file_secret_settings,
        )

    @field_validator("*", mode="before")
    @classmethod
    def _not_a_placeholder(cls, value: Any) -> Any:
        """A pasted client config with ``<HA_URL>`` left in must not look configured."""
        if isinstance(value, str):
            reject_placeholder(value)
        return value

    @classmethod
    def env_prefix(cls) -> str:
        return str(cls.model_config.get("env_prefix", ""))

    @classmethod
    def env_name(cls, field: str) -> str:
        return env_names(cls, field)[0]


class BaseServerSettings(SettingsBase):
    """Base of every server's settings. Subclasses set ``model_config = server_config("HA_")``."""

    allow_write: bool = Field(False, description="Enable tools that change state")
    allow_destructive: bool = Field(
        False, description="Enable destructive tools (each call still needs a confirmation token)"
    )

    def unconfigured_parts(self) -> list[str]:
        """Optional parts left unset while the server runs, each with what enables it (arr-suite:
        "Radarr is not configured: set RADARR_URL and RADARR_API_KEY"). ``status`` lists them;
        they are not errors."""
        return []


class UpstreamSettings(BaseServerSettings):
    """Settings common to servers that talk to one HTTP upstream."""

    verify_ssl: bool = Field(True, description="Verify the upstream's TLS certificate")
    ca_bundle: Path | None = Field(None, description="CA bundle for a self-signed upstream")
    timeout: float = Field(10.0, gt=0, le=300, description="Read timeout in seconds")


def parse_list(value: Any) -> Any:
    """A JSON list or comma/space separated words (for list settings read with ``NoDecode``)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        return json.loads(text)
    return [w for w in re.split(r"[,\s]+", text) if w]


def normalise_url(value: str) -> str:
    """``host`` or ``http://host/`` -> ``http://host``; only http(s) is accepted."""
    value = value.strip()
    if "://" not in value:
        value = f"http://{value}"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def server_config(prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(
        env_prefix=prefix, env_file=".env", extra="ignore", env_ignore_empty=True
    )


def _describe(cls: type[BaseSettings], loc: tuple[Any, ...], msg: str, kind: str) -> str:
    field = str(loc[0]) if loc else ""
    info = cls.model_fields.get(field)
    if info is None:  # the error is reported under an alias
        field = next((n for n in cls.model_fields if field.upper() in env_names(cls, n)), field)
        info = cls.model_fields.get(field)
    var = env_names(cls, field)[0] if info is not None else field.upper()
    secret = info is not None and is_secret(info.annotation)
    what = f" ({info.description})" if info is not None and info.description else ""
    if kind == "missing":
        alt = f" or {var}_FILE" if secret else ""
        return f"{var}{alt} is not set{what}"
    return f"{var} is invalid: {msg.removeprefix('Value error, ')}"


def load_settings(cls: type[S], **overrides: Any) -> S:
    """Build settings from the environment; raise ConfigError naming every bad variable."""
    try:
        settings = cls(**overrides)
    except ValidationError as err:
        problems = [_describe(cls, e["loc"], e["msg"], e["type"]) for e in err.errors()]
        raise ConfigError("; ".join(problems), problems) from None
    _register_secrets(settings)
    return settings


def _register_secrets(value: Any) -> None:
    """Register every ``SecretStr`` in the settings, nested ones too (device lists, ...)."""
    if isinstance(value, SecretStr):
        register_secret(value.get_secret_value())
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _register_secrets(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            _register_secrets(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _register_secrets(item)
