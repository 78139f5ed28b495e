"""Settings of the arr-suite server.

The safety switches and HTTP options use the prefix ``ARR_`` (``ARR_ALLOW_WRITE``,
``ARR_ALLOW_DESTRUCTIVE``, ``ARR_TIMEOUT``, ``ARR_VERIFY_SSL``). Each app instance is one pair of
variables, found by scanning the environment (and ``.env``):

```
SONARR_URL=http://sonarr:8989          SONARR_API_KEY=...            -> sonarr instance "default"
SONARR_ANIME_URL=http://sonarr-anime   SONARR_ANIME_API_KEY_FILE=... -> sonarr instance "anime"
RADARR_4K_URL=http://radarr-4k:7878    RADARR_4K_API_KEY=...         -> radarr instance "4k"
```

``RADARR_4K_ALLOW_WRITE=false`` keeps that one instance read-only under ``ARR_ALLOW_WRITE``.

Any subset of the apps may be configured; at least one instance must be. ``ARR_INSTANCES`` can add
instances as a JSON list (``[{"app": "radarr", "name": "4k", "url": ..., "api_key": ...}]``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from dotenv import dotenv_values
from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource

from homelab_shared.errors import ConfigError
from homelab_shared.settings import (
    UpstreamSettings,
    parse_list,
    reject_placeholder,
    server_config,
)
from homelab_shared.settings import normalise_url as shared_normalise_url

App = Literal["sonarr", "radarr", "prowlarr", "sabnzbd"]
APPS: tuple[App, ...] = ("sonarr", "radarr", "prowlarr", "sabnzbd")
TITLES: dict[str, str] = {
    "sonarr": "Sonarr",
    "radarr": "Radarr",
    "prowlarr": "Prowlarr",
    "sabnzbd": "SABnzbd",
}
EXAMPLE_URLS = {
    "sonarr": "http://sonarr:8989",
    "radarr": "http://radarr:7878",
    "prowlarr": "http://prowlarr:9696",
    "sabnzbd": "http://sabnzbd:8080",
}
KEY_PLACES = {
    "sonarr": "Settings > General > Security",
    "radarr": "Settings > General > Security",
    "prowlarr": "Settings > General > Security",
    "sabnzbd": "Config > General > Security",
}
DEFAULT = "default"
_VAR = re.compile(
    r"^(SONARR|RADARR|PROWLARR|SABNZBD)(?:_([A-Z0-9][A-Z0-9_]{0,30}?))?_"
    r"(URL|API_KEY|API_KEY_FILE|ALLOW_WRITE)$"
)
INSTANCE_NAME = r"^[a-z0-9][a-z0-9_]{0,30}$"
KINDS = ("URL", "API_KEY", "API_KEY_FILE", "ALLOW_WRITE")


class Instance(BaseModel):
    """One running app: Sonarr 'anime', Radarr '4k', SABnzbd 'default'..."""

    app: App
    name: str = Field(DEFAULT, pattern=INSTANCE_NAME)
    url: str
    api_key: SecretStr
    # False keeps this instance read-only even with ARR_ALLOW_WRITE (a 4K Radarr nobody should
    # touch); it cannot enable writes that ARR_ALLOW_WRITE leaves off.
    allow_write: bool | None = None

    @property
    def prefix(self) -> str:
        """The variables' prefix: ``SONARR_`` or ``SONARR_ANIME_``."""
        middle = "" if self.name == DEFAULT else f"{self.name.upper()}_"
        return f"{self.app.upper()}_{middle}"

    @property
    def label(self) -> str:
        title = TITLES[self.app]
        return title if self.name == DEFAULT else f"{title} ({self.name})"

    @model_validator(mode="after")
    def _normalise(self) -> Instance:
        # ARR_INSTANCES entries arrive here unchecked (the variables were checked by the scan).
        for kind, value in (("URL", self.url), ("API_KEY", self.api_key.get_secret_value())):
            problem = placeholder_problem(f"{self.prefix}{kind}", value)
            if problem:
                raise ConfigError(problem)
        self.url = normalise_url(self.url, f"{self.prefix}URL")
        return self


def placeholder_problem(var: str, value: str) -> str | None:
    """A pasted client config with ``<SONARR_API_KEY>`` left in must not look configured."""
    try:
        reject_placeholder(value)
    except ValueError as err:
        return f"{var} is invalid: {err}"
    return None


def normalise_url(value: str, var: str) -> str:
    """The shared URL rule, with the error naming the instance's own variable."""
    try:
        return shared_normalise_url(value)
    except ValueError as err:
        raise ConfigError(f"{var} is invalid: {err}") from None


def _read_secret_file(var: str, path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as err:
        raise ConfigError(
            f"{var} points to {path!r}, which cannot be read: {err.strerror}"
        ) from err


def scan_instances(environ: dict[str, str]) -> list[dict[str, Any]]:
    """Group ``<APP>[_<NAME>]_URL`` / ``_API_KEY`` / ``_API_KEY_FILE`` variables by instance."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for var, value in environ.items():
        match = _VAR.match(var)
        if match and value.strip():
            app, name, kind = match.groups()
            found.setdefault((app.lower(), (name or DEFAULT).lower()), {})[kind] = value.strip()
    problems: list[str] = []
    instances: list[dict[str, Any]] = []
    for (app, name), values in sorted(found.items()):
        prefix = f"{app.upper()}_" + ("" if name == DEFAULT else f"{name.upper()}_")
        key, key_var = values.get("API_KEY"), "API_KEY"
        if key is None and "API_KEY_FILE" in values:
            key_var = "API_KEY_FILE"
            key = _read_secret_file(f"{prefix}{key_var}", values[key_var])
        if "URL" not in values and not key:
            if "ALLOW_WRITE" in values:  # a misspelt instance name must not go unnoticed
                problems.append(f"{prefix}ALLOW_WRITE is set, but {prefix}URL is not")
            continue  # e.g. compose's empty secret file of an app that is not used
        given = [("URL", values.get("URL")), (key_var, key)]
        bad = [placeholder_problem(f"{prefix}{kind}", v) for kind, v in given if v]
        if any(bad):
            problems += filter(None, bad)
        elif "URL" not in values:
            problems.append(f"{prefix}URL is not set (its API key is)")
        elif not key:
            problems.append(f"{prefix}API_KEY or {prefix}API_KEY_FILE is not set")
        else:
            found_instance = {"app": app, "name": name, "url": values["URL"], "api_key": key}
            if "ALLOW_WRITE" in values:
                found_instance["allow_write"] = values["ALLOW_WRITE"]
            instances.append(found_instance)
    if problems:
        raise ConfigError("; ".join(problems), problems)
    return instances


class InstancesSource(PydanticBaseSettingsSource):
    """``instances`` from the environment, then ``.env`` (the environment wins per variable)."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        environ: dict[str, str] = {}
        if Path(".env").is_file():
            environ.update({k: v for k, v in dotenv_values(".env").items() if v is not None})
        environ.update(os.environ)
        instances = scan_instances(environ)
        extra = environ.get("ARR_INSTANCES", "").strip()
        if extra:  # the JSON form, for setups generated by a tool; adds to the variables above
            try:
                listed = json.loads(extra)
            except ValueError as err:
                raise ConfigError(f"ARR_INSTANCES is invalid: not JSON ({err})") from None
            if not isinstance(listed, list):
                raise ConfigError("ARR_INSTANCES is invalid: expected a JSON list of instances")
            instances += listed
        return {"instances": instances} if instances else {}


class ArrSettings(UpstreamSettings):
    """Every configured Sonarr, Radarr, Prowlarr and SABnzbd instance (switches: ``ARR_``)."""

    model_config = server_config("ARR_")

    instances: list[Instance] = Field(
        default_factory=list,
        description=(
            "Read from SONARR_URL/SONARR_API_KEY, RADARR_4K_URL/RADARR_4K_API_KEY ...; "
            'ARR_INSTANCES adds a JSON list: [{"app": "radarr", "name": "4k", "url": ..., '
            '"api_key": ...}]'
        ),
    )

    download_url_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Local hosts add_download_url may send SABnzbd to (e.g. prowlarr), comma separated; "
            "others must be public"
        ),
    )

    @field_validator("download_url_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> Any:
        return parse_list(value)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        inherited = super().settings_customise_sources(
            settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings
        )
        return (init_settings, InstancesSource(settings_cls), *inherited[1:])

    @classmethod
    def known_variables(cls, names: list[str]) -> list[str]:
        """The variables the instance scan reads (for ``doctor``'s "configured?" and its typo
        hints): every app's default pair, and all three of each instance named in ``names``."""
        prefixes = {f"{app.upper()}_" for app in APPS}
        for var in names:
            match = _VAR.match(var)
            if match and match.group(2):
                prefixes.add(f"{match.group(1)}_{match.group(2)}_")
        return [f"{prefix}{kind}" for prefix in sorted(prefixes) for kind in KINDS]

    @classmethod
    def registry_inputs(cls) -> list[dict[str, Any]]:
        """The per-app variables InstancesSource reads, for the MCP registry manifest and
        ``client-config`` (any subset may be set; a second instance adds a pair named after it,
        e.g. RADARR_4K_URL)."""
        inputs: list[dict[str, Any]] = []
        for app in APPS:
            var, title = app.upper(), TITLES[app]
            inputs.append(
                {
                    "name": f"{var}_URL",
                    "description": (
                        f"{title} base URL, e.g. {EXAMPLE_URLS[app]} (set the apps you run; "
                        f"another instance: {var}_<NAME>_URL)"
                    ),
                    "isRequired": False,
                    "isSecret": False,
                    "format": "string",
                }
            )
            inputs.append(
                {
                    "name": f"{var}_API_KEY",
                    "description": (f"{title} API key ({KEY_PLACES[app]}); or {var}_API_KEY_FILE"),
                    "isRequired": False,
                    "isSecret": True,
                    "format": "string",
                }
            )
        return inputs

    @classmethod
    def dynamic_variables(cls, environ: Mapping[str, str]) -> dict[str, bool]:
        """Each instance ``environ`` touches: its URL and API key variables -> holds a secret
        (``_API_KEY_FILE`` too when set), so that ``client-config`` offers the pair and
        ``doctor`` counts ``RADARR_4K_URL`` as set, not as a typo."""
        found: dict[str, bool] = {}
        for var in sorted(environ):
            match = _VAR.match(var)
            if match and environ[var].strip():
                prefix = var[: match.start(3)]
                found.setdefault(f"{prefix}URL", False)
                found.setdefault(f"{prefix}API_KEY", True)
                if match.group(3) == "API_KEY_FILE":
                    found[var] = True
                if match.group(3) == "ALLOW_WRITE":
                    found[var] = False
        return found

    @model_validator(mode="after")
    def _at_least_one(self) -> ArrSettings:
        # ConfigError (not ValueError) so that load_settings passes the message through as is.
        if not self.instances:
            raise ConfigError(
                "no app is configured: set SONARR_URL and SONARR_API_KEY (likewise RADARR_, "
                "PROWLARR_, SABNZBD_; a second instance: RADARR_4K_URL and RADARR_4K_API_KEY)"
            )
        seen: set[tuple[str, str]] = set()
        for inst in self.instances:
            if (inst.app, inst.name) in seen:
                raise ConfigError(f"{inst.label} is configured twice")
            seen.add((inst.app, inst.name))
        return self

    def of(self, app: App) -> list[Instance]:
        return [i for i in self.instances if i.app == app]

    def missing_apps(self) -> list[App]:
        return [app for app in APPS if not self.of(app)]

    def unconfigured_parts(self) -> list[str]:
        return [
            f"{TITLES[app]} is not configured: set {app.upper()}_URL and {app.upper()}_API_KEY"
            for app in self.missing_apps()
        ]
