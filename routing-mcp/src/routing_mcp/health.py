"""Which models can take a call now, and what a provider failure does to that.

State is per process: cooldowns (rate limit, timeout), a model disabled alone (not pulled), a
provider disabled as a whole (its key was rejected: every model behind the key is unusable),
and a provider quota exhausted until the day ends.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from routing_mcp.policy import Policy
from routing_mcp.providers.base import Provider, ProviderError
from routing_mcp.providers.ollama import OllamaProvider
from routing_mcp.quota.base import seconds_to_reset
from routing_mcp.settings import CONFIG_VARS

log = logging.getLogger("routing")

DEFAULT_COOLDOWN = 30.0
Notify = Callable[[str], Awaitable[None]]
Alert = Callable[[str, str, str], Awaitable[None]]


@dataclass
class ModelState:
    cooldown_until: float = 0.0
    cooldown_reason: str = ""
    disabled: str | None = None
    exhausted_day: str | None = None


class ModelHealth:
    def __init__(
        self,
        policy: Policy,
        providers: dict[str, Provider],
        clock: Callable[[], float],
        today: Callable[[], str],
        *,
        timeout_cooldown: float,
        alert: Alert | None,
    ) -> None:
        self.policy = policy
        self.providers = providers
        self.clock = clock
        self.today = today
        self.timeout_cooldown = timeout_cooldown
        self._alert = alert
        self.state: dict[str, ModelState] = {name: ModelState() for name in policy.models}
        self.disabled_providers: dict[str, str] = {}  # provider -> why its key was rejected

    async def unavailable(self, model: str) -> str | None:
        """Why ``model`` cannot take a call now, or None."""
        spec = self.policy.models[model]
        provider = self.providers.get(spec.provider)
        if provider is None:
            return f"{spec.provider} is not configured: set {CONFIG_VARS[spec.provider]}"
        if spec.provider in self.disabled_providers:
            return f"disabled: {self.disabled_providers[spec.provider]}"
        state = self.state[model]
        if state.disabled:
            return f"disabled: {state.disabled}"
        now = self.clock()
        if state.cooldown_until > now:
            return f"cooling down for {state.cooldown_until - now:.0f} s ({state.cooldown_reason})"
        if state.exhausted_day == self.today():
            return "provider quota exhausted until tomorrow"
        if isinstance(provider, OllamaProvider) and not await provider.available(spec.upstream_id):
            return (
                f"Ollama is down or {spec.upstream_id} is not pulled "
                f"(check OLLAMA_HOST; ollama pull {spec.upstream_id})"
            )
        return None

    def wait(self, model: str) -> float | None:
        """Seconds until a rate-limited model takes calls again; None if no limit holds it."""
        state, now = self.state[model], self.clock()
        if state.cooldown_until > now and state.cooldown_reason == "rate limited":
            return state.cooldown_until - now
        if state.exhausted_day == self.today():
            return seconds_to_reset(now, self.policy.zone, weekly=False)
        return None

    async def on_failure(self, name: str, err: ProviderError, notify: Notify) -> None:
        state = self.state[name]
        if err.kind == "rate_limited":
            state.cooldown_until = self.clock() + (err.retry_after or DEFAULT_COOLDOWN)
            state.cooldown_reason = "rate limited"
        elif err.kind == "timeout":
            state.cooldown_until = self.clock() + self.timeout_cooldown
            state.cooldown_reason = "timed out"
        elif err.kind == "exhausted":
            state.exhausted_day = self.today()
        elif err.kind == "model_missing":
            state.disabled = err.detail
            await self._config_alert(name, f"{name} disabled: {err.detail}", notify)
        elif err.kind == "auth":
            provider = self.policy.models[name].provider
            self.disabled_providers[provider] = err.detail
            behind = [m for m, spec in self.policy.models.items() if spec.provider == provider]
            message = f"{provider} disabled (every model behind its key: {', '.join(behind)}): "
            await self._config_alert(name, message + err.detail, notify)

    async def _config_alert(self, name: str, message: str, notify: Notify) -> None:
        log.warning(message)
        await notify(message)
        if self._alert:
            await self._alert(name, "config", message)
