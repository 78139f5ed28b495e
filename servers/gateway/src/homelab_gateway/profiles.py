"""Tool profiles: named subsets of servers, tools and safety classes, chosen per client.

Profiles live in a TOML file (``HOMELAB_PROFILES_FILE``)::

    [profiles.media]                 # plex and the *arr suite, read tools only
    servers = ["plex", "arr-suite"]  # server names or namespaces; empty or absent: every server
    safety = ["read"]                # classes allowed; absent: read, write and destructive
    tools = "search"                 # optional: this profile's catalogue mode (all | search)

    [profiles.home]
    servers = ["home-assistant"]
    exclude = ["ha_restart_*"]       # gateway tool names (globs) left out; `include` narrows

A caller gets the profile named by its token (a ``profile=NAME`` entry among the token's scopes:
``openwebui:read,profile=media:<token>``), else the launch's (``--profile`` or
``HOMELAB_PROFILE``), else everything. A profile only ever takes tools away: the safety model
(writes enabled per server, the ``write`` scope, confirmation) still decides about what is left.
A caller naming a profile that does not exist is given nothing (default deny).
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from fastmcp.server.dependencies import get_access_token
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from homelab_shared.errors import ConfigError
from homelab_shared.settings import SettingsBase, server_config
from homelab_shared.spec import ServerSpec

ToolsMode = Literal["all", "search"]
Safety = Literal["read", "write", "destructive"]
PROFILE_SCOPE = "profile="
EVERYTHING = "all"  # the implicit profile: every tool the safety model allows


class GatewayOptions(SettingsBase):
    """The gateway's catalogue settings (``HOMELAB_TOOLS``, ``HOMELAB_PROFILE``, ...)."""

    model_config = server_config("HOMELAB_")

    tools: ToolsMode = Field(
        "all", description="Catalogue mode: all tools, or a search tool and a call proxy"
    )
    profile: str | None = Field(
        None, description="Profile of callers whose token names none (and of stdio)"
    )
    profiles_file: Path | None = Field(None, description="TOML file defining tool profiles")


class Profile(BaseModel):
    """One profile as written in the file."""

    model_config = ConfigDict(extra="forbid")

    servers: list[str] = Field(default_factory=list)
    safety: list[Safety] = Field(default_factory=lambda: ["read", "write", "destructive"])
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    tools: ToolsMode | None = None


@dataclass(frozen=True)
class Scope:
    """What one profile lets through, resolved against the mounted servers' namespaces."""

    name: str
    namespaces: frozenset[str] | None  # None: every server
    safety: frozenset[str]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    mode: ToolsMode | None = None

    def allows(self, tool: str, namespace: str | None, safety: str | None) -> bool:
        """``namespace`` is None for the gateway's own tools (``status``), which every profile
        keeps; ``safety`` None (a tool no toolbox classified) counts as destructive."""
        if namespace is None:
            return True
        if self.namespaces is not None and namespace not in self.namespaces:
            return False
        if (safety or "destructive") not in self.safety:
            return False
        if self.include and not any(fnmatch.fnmatchcase(tool, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(tool, p) for p in self.exclude)


NOTHING = Scope("(unknown profile)", frozenset(), frozenset())
ALL = Scope(EVERYTHING, None, frozenset({"read", "write", "destructive"}))


@dataclass
class Profiles:
    """Every defined profile and the default one, resolved per caller."""

    scopes: dict[str, Scope] = field(default_factory=dict)
    default: str = EVERYTHING
    mode: ToolsMode = "all"

    def get(self, name: str) -> Scope:
        if name == EVERYTHING and name not in self.scopes:
            return ALL
        return self.scopes.get(name, NOTHING)

    def names(self) -> list[str]:
        return sorted({EVERYTHING, *self.scopes})

    def current(self) -> Scope:
        """The profile of the caller of this request (see the module docstring)."""
        return self.get(self.requested() or self.default)

    def requested(self) -> str | None:
        try:
            token = get_access_token()
        except RuntimeError:
            return None
        return token_profile(token.scopes) if token is not None else None

    def current_mode(self) -> ToolsMode:
        return self.current().mode or self.mode

    def uses_search(self) -> bool:
        return self.mode == "search" or any(s.mode == "search" for s in self.scopes.values())

    def check_tokens(self, scope_lists: Iterable[Iterable[str]]) -> None:
        """Static tokens naming an unknown profile are a configuration error at start."""
        for scopes in scope_lists:
            name = token_profile(scopes)
            if name is not None and name != EVERYTHING and name not in self.scopes:
                raise ConfigError(unknown(name, self.names(), "a token in HOMELAB_AUTH_TOKENS"))


def token_profile(scopes: Iterable[str]) -> str | None:
    names = [s[len(PROFILE_SCOPE) :] for s in scopes if s.startswith(PROFILE_SCOPE)]
    if len(names) > 1:
        return NOTHING.name  # two profiles in one token: ambiguous, so nothing
    return names[0] if names else None


def unknown(name: str, known: list[str], where: str) -> str:
    return f"{where} names the profile {name!r}, which is not defined (defined: {', '.join(known)})"


def namespaces(specs: Iterable[ServerSpec]) -> dict[str, str]:
    """Every server's name and namespace -> its namespace (how profiles name servers)."""
    found: dict[str, str] = {}
    for spec in specs:
        found[spec.name] = found[spec.namespace] = spec.namespace
    return found


def resolve(
    name: str, profile: Profile, namespaces: Mapping[str, str], source: Path | None
) -> Scope:
    """``namespaces``: every installed server's name and namespace -> its namespace."""
    found: set[str] = set()
    for server in profile.servers:
        if server not in namespaces:
            known = ", ".join(sorted(set(namespaces) - set(namespaces.values())))
            raise ConfigError(f"{source}: profile {name!r}: no server {server!r} (known: {known})")
        found.add(namespaces[server])
    return Scope(
        name,
        frozenset(found) if profile.servers else None,
        frozenset(profile.safety),
        tuple(profile.include),
        tuple(profile.exclude),
        profile.tools,
    )


def read_file(path: Path) -> dict[str, Profile]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"HOMELAB_PROFILES_FILE: cannot read {path}: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"HOMELAB_PROFILES_FILE: {path} is not valid TOML: {err}") from None
    extra = set(data) - {"profiles"}
    if extra:
        raise ConfigError(f"{path}: unknown table(s) {sorted(extra)}; profiles go in [profiles.X]")
    found: dict[str, Profile] = {}
    for name, body in data.get("profiles", {}).items():
        try:
            found[name] = Profile.model_validate(body)
        except ValidationError as err:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'it'}: {e['msg']}" for e in err.errors()
            )
            raise ConfigError(f"{path}: profile {name!r}: {problems}") from None
    return found


def load_profiles(
    options: GatewayOptions,
    namespaces: Mapping[str, str],
    *,
    mode: ToolsMode | None = None,
    profile: str | None = None,
) -> Profiles:
    """The profiles of the file, the default profile (``profile`` from ``--profile`` wins over
    ``HOMELAB_PROFILE``) and the default mode (``--tools`` wins over ``HOMELAB_TOOLS``)."""
    path = options.profiles_file
    defined = read_file(path) if path is not None else {}
    scopes = {name: resolve(name, p, namespaces, path) for name, p in defined.items()}
    found = Profiles(scopes, EVERYTHING, mode or options.tools)
    default = profile or options.profile or EVERYTHING
    if default != EVERYTHING and default not in scopes:
        raise ConfigError(unknown(default, found.names(), "--profile / HOMELAB_PROFILE"))
    found.default = default
    return found
