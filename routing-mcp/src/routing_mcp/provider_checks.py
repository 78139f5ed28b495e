"""Is every provider the operator configured reachable, and does it take the key?

A cloud key alone proves nothing: before ``/readyz`` and ``doctor`` call the router ready, each
configured provider gets one free, cheap request (its model listing: Anthropic ``GET
/v1/models``, Gemini ``GET /v1beta/models``, OpenAI-compatible ``GET models``, Ollama
``/api/tags``), all at once and each bounded by a timeout. Ollama is checked only when
``OLLAMA_HOST`` was set: the default local address is a guess, not something configured.
Results are kept for a while, so a readiness probe every few seconds is not a request each time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection, Mapping

from homelab_shared.toolbox import Readiness
from routing_mcp.policy import Policy
from routing_mcp.providers.base import Provider, ProviderError

CHECK_TTL = 30.0  # s a result is reused (Kubernetes probes every 10 s by default)
CHECK_TIMEOUT_CAP = 5.0  # s; the whole readiness probe has 10 s (homelab_shared.runner)
UNREACHABLE = ("timeout", "transient")
# Where each provider is looked for: what to check when it cannot be reached.
URL_VARS = {
    "ollama": "OLLAMA_HOST",
    "gemini": "GEMINI_BASE_URL",
    "anthropic": "ANTHROPIC_BASE_URL",
    "openai": "OPENAI_BASE_URL",
}


class ProviderChecks:
    def __init__(
        self,
        providers: Mapping[str, Provider],
        checked: Collection[str],
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.providers = {name: providers[name] for name in checked if name in providers}
        self.timeout = min(timeout, CHECK_TIMEOUT_CAP)
        self.clock = clock
        self._results: dict[str, tuple[float, ProviderError | None]] = {}

    async def failures(self) -> dict[str, ProviderError]:
        """Provider -> why it failed its check (unreachable or key refused)."""
        stale = [n for n in self.providers if self._fresh(n) is None]
        results = await asyncio.gather(*(self._check(n) for n in stale))
        now = self.clock()
        self._results.update({n: (now, r) for n, r in zip(stale, results, strict=True)})
        return {n: err for n, (_, err) in self._results.items() if err is not None}

    def _fresh(self, name: str) -> tuple[float, ProviderError | None] | None:
        found = self._results.get(name)
        return found if found and self.clock() - found[0] < CHECK_TTL else None

    async def _check(self, name: str) -> ProviderError | None:
        try:
            # The request has its own timeout; this bounds whatever else a client may do.
            await asyncio.wait_for(self.providers[name].check(self.timeout), self.timeout + 1)
        except ProviderError as err:
            return err
        except TimeoutError:
            return ProviderError(name, "timeout", f"no answer within {self.timeout:g} s")
        return None


def describe(failures: Mapping[str, ProviderError]) -> list[str]:
    """One line per failed provider: ``anthropic unreachable: cannot connect (ConnectError)``."""
    lines = []
    for name, err in failures.items():
        if err.kind in UNREACHABLE:
            where = URL_VARS.get(name)
            hint = f" (check {where})" if where and where not in err.detail else ""
            lines.append(f"{name} unreachable: {err.detail}{hint}")
        else:
            lines.append(f"{name} refused the key: {err.detail}")
    return lines


def verdict(
    policy: Policy,
    why: dict[str, str | None],
    failed: Mapping[str, ProviderError],
    *,
    ollama_set: bool,
    disabled: bool,
    backend: str,
) -> Readiness:
    """Ready when some model can answer and every checked provider passed. ``why``: model ->
    why it cannot take a call now (None: it can); ``disabled``: a key was refused in a call."""
    for name, reason in why.items():  # a model behind a failed provider cannot answer
        provider = policy.models[name].provider
        if reason is None and provider in failed:
            why[name] = failed[provider].detail
    usable = [n for n, reason in why.items() if reason is None]
    problems = describe(failed)
    if ollama_set and "ollama" not in failed:
        problems += idle_ollama(policy, why)
    if usable and not problems:
        detail = f"{backend} store; usable models: {', '.join(usable)}"
        return Readiness(ok=True, reachable=True, authenticated=True, detail=detail)
    if usable:
        detail = "; ".join([*problems, f"usable models: {', '.join(usable)}"])
    else:
        detail = "; ".join([no_usable_model(policy, why), *problems])
    return Readiness(
        ok=False,
        reachable=bool(usable) and not any(e.kind in UNREACHABLE for e in failed.values()),
        authenticated=not disabled and not any(e.kind == "auth" for e in failed.values()),
        detail=detail,
    )


def idle_ollama(policy: Policy, why: Mapping[str, str | None]) -> list[str]:
    """An OLLAMA_HOST that was set and answers, but none of the policy's local models can."""
    local = [n for n in why if policy.models[n].provider == "ollama"]
    if not local or any(why[n] is None for n in local):
        return []
    return [f"OLLAMA_HOST is set but no local model can answer ({local[0]}: {why[local[0]]})"]


def no_usable_model(policy: Policy, why: Mapping[str, str | None]) -> str:
    """What to configure when no model can answer: the first reason per provider."""
    per_provider: dict[str, str] = {}
    for name, reason in why.items():
        per_provider.setdefault(policy.models[name].provider, f"{name}: {reason}")
    return "no usable model; configure at least one: " + "; ".join(per_provider.values())
