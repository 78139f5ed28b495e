"""The gateway's own settings, checked the way ``serve`` uses them.

``doctor`` reports these in its ``(all servers)`` row and ``/readyz`` counts them as unready:
misspelt ``HOMELAB_*`` variables, ``HOMELAB_AUTH_TOKENS``/``HOMELAB_JWT_*`` that ``serve`` would
refuse, a non-loopback bind without auth, ``HOMELAB_TOOLS``/``HOMELAB_PROFILE`` and the profiles
of ``HOMELAB_PROFILES_FILE`` (including tokens naming a profile it does not define).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from homelab_gateway.profiles import GatewayOptions, load_profiles, namespaces
from homelab_shared.auth import build_auth, check_bind, parse_tokens
from homelab_shared.configured import typo_problems
from homelab_shared.errors import ConfigError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.spec import ServerSpec


def gateway_problems(
    runtime: RuntimeSettings,
    specs: Sequence[ServerSpec],
    hints: Mapping[str, str],
    *,
    transport: str = "http",
    profile: str | None = None,
    strict: bool = False,
) -> list[str]:
    """What is wrong with the gateway's own configuration, one line per problem. ``serve``
    passes its ``--transport``/``--profile`` and ``strict``: what would stop the gateway raises
    ConfigError there, and only what is left (typos) is returned."""
    problems = typo_problems(RuntimeSettings, hints) + typo_problems(GatewayOptions, hints)

    def check(step: Callable[[], None]) -> None:
        if strict:
            step()
            return
        try:
            step()
        except ConfigError as err:
            problems.extend(p for p in err.problems if p not in problems)

    auth_check = _check_auth if transport != "stdio" else _check_tokens
    check(lambda: auth_check(runtime))
    check(lambda: _check_profiles(runtime, specs, profile))
    return problems


def _check_auth(runtime: RuntimeSettings) -> None:
    check_bind(runtime.host, build_auth(runtime), runtime.insecure_no_auth)


def _check_tokens(runtime: RuntimeSettings) -> None:
    build_auth(runtime, http=False)  # stdio ignores auth, but serve still parses it


def _check_profiles(
    runtime: RuntimeSettings, specs: Sequence[ServerSpec], profile: str | None
) -> None:
    options = load_settings(GatewayOptions)
    profiles = load_profiles(options, namespaces(specs), profile=profile)
    if runtime.auth_tokens is not None:
        tokens = parse_tokens(runtime.auth_tokens.get_secret_value())
        profiles.check_tokens(t.scopes for t in tokens)
