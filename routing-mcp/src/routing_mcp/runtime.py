"""Everything the routing server owns for its lifetime: policy, quota store, providers, router."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from homelab_shared.http import HttpOptions, UpstreamHTTP, ssl_context
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.toolbox import Readiness
from routing_mcp.models import ModelInfo, ModelQuota
from routing_mcp.pii_pool import ScannerConfig, ScanOptions
from routing_mcp.policy import Policy, load_policy
from routing_mcp.provider_checks import ProviderChecks, verdict
from routing_mcp.providers.anthropic import AnthropicProvider
from routing_mcp.providers.base import Provider
from routing_mcp.providers.gemini import GeminiProvider
from routing_mcp.providers.ollama import OllamaProvider
from routing_mcp.providers.openai import OpenAIProvider
from routing_mcp.providers.stream_transport import AiohttpStreamTransport
from routing_mcp.quota.base import QuotaStore
from routing_mcp.quota.sqlite import SQLiteQuotaStore
from routing_mcp.router import Router
from routing_mcp.settings import RoutingSettings
from routing_mcp.tracing import make_tracing

if TYPE_CHECKING:
    from routing_mcp.pii import PiiScanner

log = logging.getLogger("routing")


class LazyScanner:
    """The scanner (its word lists, patterns and phone metadata) is built once, on first need."""

    def __init__(self, factory: Callable[[], PiiScanner | ScannerConfig]) -> None:
        self._factory = factory
        self._scanner: PiiScanner | ScannerConfig | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> PiiScanner | ScannerConfig:
        if self._scanner is None:
            async with self._lock:
                if self._scanner is None:
                    self._scanner = await asyncio.to_thread(self._factory)
        return self._scanner


def _http(base_url: str, service: str, settings: RoutingSettings) -> dict[str, httpx.AsyncClient]:
    """The provider's client, and one with the same options for its streams (aiohttp's parser:
    providers/stream_transport.py)."""
    options = HttpOptions(
        base_url=base_url,
        service=service,
        timeout=settings.read_timeout,
        connect_timeout=settings.connect_timeout,
    )
    streams = AiohttpStreamTransport(ssl_context(options.verify_ssl, options.ca_bundle))
    return {
        "client": UpstreamHTTP(options).client,
        "stream_client": UpstreamHTTP(options, transport=streams).client,
    }


def make_providers(settings: RoutingSettings) -> dict[str, Provider]:
    providers: dict[str, Provider] = {
        "ollama": OllamaProvider(
            settings.ollama_host, settings.read_timeout, settings.connect_timeout
        ),
    }
    if settings.gemini_api_key:
        providers["gemini"] = GeminiProvider(
            api_key=settings.gemini_api_key.get_secret_value(),
            **_http(settings.gemini_base_url, "Gemini", settings),
        )
    if settings.anthropic_api_key:
        providers["anthropic"] = AnthropicProvider(
            api_key=settings.anthropic_api_key.get_secret_value(),
            **_http(settings.anthropic_base_url, "Anthropic", settings),
        )
    if settings.openai_base_url:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        base = settings.openai_base_url.rstrip("/") + "/"
        providers["openai"] = OpenAIProvider(
            api_key=key, **_http(base, "OpenAI-compatible", settings)
        )
    return providers


def make_store(settings: RoutingSettings, runtime: RuntimeSettings) -> QuotaStore:
    if settings.redis_url is not None:
        from routing_mcp.quota.redis import RedisQuotaStore  # redis-py: only when configured

        return RedisQuotaStore(settings.redis_url.get_secret_value())
    return SQLiteQuotaStore(settings.db_path or runtime.state_dir / "routing.db")


class RoutingRuntime:
    def __init__(
        self,
        settings: RoutingSettings,
        policy: Policy,
        store: QuotaStore,
        providers: dict[str, Provider],
        *,
        scanner: PiiScanner | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self.store = store
        self.providers = providers
        regions = tuple(r.strip() for r in settings.phone_regions.split(",") if r.strip())

        def load_scanner() -> PiiScanner | ScannerConfig:
            if settings.pii_scan == "process":  # the workers build it (routing_mcp.pii_pool)
                return ScannerConfig(
                    settings.pii_threshold, regions, settings.pii_ner_model, settings.pii_context
                )
            from routing_mcp.pii import PiiScanner  # word lists and patterns: on first need

            return PiiScanner(
                settings.pii_threshold, regions, settings.pii_ner_model, settings.pii_context
            )

        # Every configured cloud provider; Ollama only when OLLAMA_HOST was set (see the module).
        checked = [
            p for p in providers if p != "ollama" or "ollama_host" in settings.model_fields_set
        ]
        self.checks = ProviderChecks(providers, checked, settings.connect_timeout)
        self._scanner = LazyScanner(load_scanner)
        if scanner is not None:
            self._scanner._scanner = scanner
        self._webhook = settings.alert_webhook
        self.router = Router(
            policy,
            store,
            providers,
            scanner,
            pii_mode=settings.pii_mode,
            classifier=settings.classifier,
            classifier_model=settings.classifier_model,
            classifier_timeout=settings.classifier_timeout,
            deadline=settings.deadline,
            attempt_timeout=settings.connect_timeout + settings.read_timeout,
            timeout_cooldown=settings.timeout_cooldown,
            alert=self._post_alert,
            clock=clock,
            scan_options=ScanOptions(
                max_chars=settings.max_prompt_chars,
                process_from=settings.pii_process_from,
                processes=settings.pii_workers,
                worker_idle=settings.pii_worker_idle,
            ),
            stream_timeout=settings.stream_timeout,
            tracing=make_tracing(settings.trace_prompts),
        )

    async def ensure_scanner(self) -> PiiScanner | ScannerConfig:
        scanner = await self._scanner.get()
        self.router.scanner = scanner
        return scanner

    async def _post_alert(self, model: str, kind: str, message: str) -> None:
        if self._webhook is None:
            return
        payload = {"source": "routing-mcp", "model": model, "limit": kind, "message": message}
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                await client.post(self._webhook.get_secret_value(), json=payload)
        except httpx.HTTPError as err:
            log.warning("quota alert webhook failed: %s", type(err).__name__)

    async def readiness(self) -> Readiness:
        try:
            await self.store.usage(self.policy.priority[0], self.router.window(), time.time())
        except Exception as err:  # the store is the one thing the router cannot work without
            return Readiness(
                ok=False,
                reachable=False,
                authenticated=False,
                detail=f"{self.store.backend} quota store: {type(err).__name__}",
            )
        failed = await self.checks.failures()
        why = {n: await self.router.unavailable(n) for n in self.policy.priority}
        return verdict(
            self.policy,
            why,
            failed,
            ollama_set="ollama" in self.checks.providers,
            disabled=bool(self.router.health.disabled_providers),
            backend=self.store.backend,
        )

    async def model_quota(self, name: str) -> ModelQuota:
        window = self.router.window()
        day, week = await self.store.usage(name, window, time.time())
        lim = self.router.limits(name)
        return ModelQuota(
            model=name,
            day=window.day,
            week=window.week,
            daily_requests_used=day.requests,
            daily_requests_limit=lim.daily_requests,
            weekly_requests_used=week.requests,
            weekly_requests_limit=lim.weekly_requests,
            spend_today_usd=round(day.cost, 8),
            daily_budget_usd=lim.daily_budget_usd,
            spend_week_usd=round(week.cost, 8),
            weekly_budget_usd=lim.weekly_budget_usd,
            reserved_now=day.reserved,
            left=self.router.left(name, day, week),
        )

    async def model_info(self, name: str) -> ModelInfo:
        spec = self.policy.models[name]
        why = await self.router.unavailable(name)
        return ModelInfo(
            name=name,
            provider=spec.provider,
            upstream_id=spec.upstream_id,
            local=spec.local,
            configured=spec.provider in self.providers,
            healthy=why is None,
            status=why or "ready",
            context_window=spec.context_window,
            input_per_mtok=spec.input_per_mtok,
            output_per_mtok=spec.output_per_mtok,
            quota_left=await self.router.quota_left(name),
        )

    def last_days(self, days: int) -> list[str]:
        today = dt.datetime.fromtimestamp(self.router.clock(), self.policy.zone).date()
        return [(today - dt.timedelta(days=i)).isoformat() for i in range(days)]

    async def aclose(self) -> None:
        self.router.close_scans()
        # Off the loop: the last export is a blocking HTTP post.
        await asyncio.to_thread(self.router.tracing.shutdown)
        for provider in self.providers.values():
            await provider.aclose()
        await self.store.aclose()


def make_runtime(
    settings: RoutingSettings, runtime: RuntimeSettings, policy: Policy | None = None
) -> RoutingRuntime:
    policy = policy or load_policy(settings.policy_file)
    return RoutingRuntime(settings, policy, make_store(settings, runtime), make_providers(settings))
