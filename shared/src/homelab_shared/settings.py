"""Settings: one env prefix per server, secrets as ``SecretStr`` with a ``*_FILE`` twin, ``.env``.

``load_settings(HASettings)`` either returns valid settings or raises :class:`ConfigError` whose
message names each variable to set (``HA_URL is not set``), never a pydantic traceback.
"""

from __future__ import annotations

import os
import types
import typing
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import Field, SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from homelab_shared.errors import ConfigError
from homelab_shared.redact import register_secret

S = TypeVar("S", bound=BaseSettings)


def _is_secret(annotation: Any) -> bool:
    if annotation is SecretStr:
        return True
    if get_origin(annotation) in (Union, types.UnionType, typing.Annotated):
        return any(_is_secret(a) for a in get_args(annotation))
    return False


class FileSecretsSource(PydanticBaseSettingsSource):
    """For every ``SecretStr`` field ``x``, read ``<PREFIX>X_FILE`` (Docker/Kubernetes secrets)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        prefix = str(self.config.get("env_prefix", ""))
        var = f"{prefix}{field_name}_FILE".upper()
        path = os.environ.get(var)
        if not path or not _is_secret(field.annotation):
            return None, field_name, False
        try:
            return Path(path).read_text(encoding="utf-8").strip(), field_name, False
        except OSError as err:
            raise ConfigError(
                f"{var} points to {path!r}, which cannot be read: {err.strerror}"
            ) from err

    def __call__(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(field, name)
            if value is not None:
                data[key] = value
        return data


class BaseServerSettings(BaseSettings):
    """Base of every server's settings. Subclasses set ``model_config = server_config("HA_")``."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    allow_write: bool = Field(False, description="Enable tools that change state")
    allow_destructive: bool = Field(
        False, description="Enable destructive tools (each call still needs a confirmation token)"
    )

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

    @classmethod
    def env_prefix(cls) -> str:
        return str(cls.model_config.get("env_prefix", ""))

    @classmethod
    def env_name(cls, field: str) -> str:
        return f"{cls.env_prefix()}{field}".upper()


class UpstreamSettings(BaseServerSettings):
    """Settings common to servers that talk to one HTTP upstream."""

    verify_ssl: bool = Field(True, description="Verify the upstream's TLS certificate")
    ca_bundle: Path | None = Field(None, description="CA bundle for a self-signed upstream")
    timeout: float = Field(10.0, gt=0, le=300, description="Read timeout in seconds")


def server_config(prefix: str) -> SettingsConfigDict:
    return SettingsConfigDict(
        env_prefix=prefix, env_file=".env", extra="ignore", env_ignore_empty=True
    )


def _describe(cls: type[BaseSettings], loc: tuple[Any, ...], msg: str, kind: str) -> str:
    field = str(loc[0]) if loc else ""
    prefix = str(cls.model_config.get("env_prefix", ""))
    var = f"{prefix}{field}".upper()
    info = cls.model_fields.get(field)
    secret = info is not None and _is_secret(info.annotation)
    what = f" ({info.description})" if info is not None and info.description else ""
    if kind == "missing":
        alt = f" or {var}_FILE" if secret else ""
        return f"{var}{alt} is not set{what}"
    return f"{var} is invalid: {msg}"


def load_settings(cls: type[S], **overrides: Any) -> S:
    """Build settings from the environment; raise ConfigError naming every bad variable."""
    try:
        settings = cls(**overrides)
    except ValidationError as err:
        problems = [_describe(cls, e["loc"], e["msg"], e["type"]) for e in err.errors()]
        raise ConfigError("; ".join(problems)) from None
    for name in cls.model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            register_secret(value.get_secret_value())
    return settings


def settings_problems(cls: type[BaseSettings]) -> list[str]:
    """What keeps ``cls`` from loading, one line per variable (for ``status`` and ``doctor``)."""
    try:
        load_settings(cls)
    except ConfigError as err:
        return str(err).split("; ")
    return []
