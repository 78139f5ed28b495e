"""routing-mcp: the MCP server in front of the router (port 8006, namespace ``route_``)."""

from __future__ import annotations

import json
import logging
import time
from typing import Annotated, Any, Literal

from fastmcp import Context, FastMCP
from pydantic import Field

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ClientHolder, Toolbox
from routing_mcp.models import (
    AskResult,
    ClassifyResult,
    LimitChange,
    ModelInfo,
    ModelQuota,
    PiiEntity,
    PiiScan,
    QuotaStatus,
    RouteDecision,
    UsageReport,
    UsageRow,
)
from routing_mcp.openai_api import add_openai_routes
from routing_mcp.policy import TaskClass, load_policy
from routing_mcp.runtime import RoutingRuntime, make_runtime
from routing_mcp.settings import RoutingSettings

log = logging.getLogger("routing")

Prompt = Annotated[str, Field(min_length=1, max_length=2_000_000, description="The request text")]
ModelName = Annotated[str, Field(description="A model name from list_models, e.g. claude-haiku")]
SystemText = Annotated[
    str | None,
    Field(description="Optional system instruction; scanned for personal data like the prompt"),
]
TaskHint = Annotated[TaskClass | None, Field(description="Use this class (skips classification)")]


def build_server(
    settings: RoutingSettings,
    runtime: RuntimeSettings | None = None,
    client: RoutingRuntime | None = None,
) -> FastMCP[Any]:
    runtime = runtime or load_settings(RuntimeSettings)
    policy = client.policy if client else load_policy(settings.policy_file)  # fail fast
    holder = ClientHolder(lambda: make_runtime(settings, runtime, policy), client)
    box = Toolbox(
        "Model router",
        settings,
        runtime,
        instructions=(
            "Routes a request to the cheapest model that can do it. Prompts with personal data "
            "stay on local models. Use route to see the decision, ask to get an answer."
        ),
        lifespan=holder.lifespan,
        ready=lambda: holder.get().readiness(),
        open_world=True,
    )

    @box.read
    async def route(
        prompt: Prompt, task_class: TaskHint = None, system: SystemText = None
    ) -> RouteDecision:
        """Decide which model would answer (no model call): class, PII per field, model,
        reason, quota left. Pass the same system as to ask."""
        rt = holder.get()
        await rt.ensure_scanner()
        return await rt.router.decide(prompt, task_class, system)

    # Safety class: `ask` changes nothing in the homelab and its spend is bounded by the policy's
    # quotas and budgets (enforced before every call), so it is enabled by default like a read
    # tool; the write class is for what changes those bounds (set_limit, reset_window). It is
    # annotated honestly all the same: not read-only (it spends money and quota), open-world (it
    # reaches cloud providers), not idempotent (every call is billed), not destructive.
    @box.read(read_only=False, open_world=True, idempotent=False)
    async def ask(
        prompt: Prompt,
        ctx: Context,
        task_class: TaskHint = None,
        system: SystemText = None,
        max_output_tokens: Annotated[int | None, Field(ge=1, le=65536)] = None,
        temperature: Annotated[float, Field(ge=0, le=2)] = 0.2,
    ) -> AskResult:
        """Answer the prompt with the routed model, falling back along the policy's chain.

        Spends money and quota on cloud models (within the configured limits); returns the
        answer, model, tokens, cost and quota left. Prompts with personal data stay on a local
        model or are refused. Only task_class chooses a class, never the prompt's text.
        """
        rt = holder.get()
        await rt.ensure_scanner()

        async def notify(message: str) -> None:
            try:
                await ctx.warning(message)
            except Exception:  # a client that cannot take log messages must not fail the call
                log.debug("could not send a log message to the client", exc_info=True)

        async def progress(done: float, message: str) -> None:
            await ctx.report_progress(done, 1.0, message)

        return await rt.router.ask(
            prompt,
            task_class=task_class,
            system=system,
            max_tokens=max_output_tokens or settings.max_output_tokens,
            temperature=temperature,
            notify=notify,
            progress=progress,
        )

    @box.read
    async def classify(prompt: Prompt, task_class: TaskHint = None) -> ClassifyResult:
        """Classify a request into a task class (rules, or the local LLM when configured)."""
        rt = holder.get()
        if rt.router.classifier == "llm":
            await rt.ensure_scanner()  # a cloud classifier model must not see personal data
        found = await rt.router.classify_request(prompt, task_class)
        return ClassifyResult(
            task_class=found.task_class,
            by=found.by,
            reasons=found.reasons,
            estimated_tokens=found.tokens,
        )

    @box.read
    async def scan_pii(
        prompt: Prompt,
        redact: Annotated[bool, Field(description="Also return the redacted text")] = False,
    ) -> PiiScan:
        """Find personal data (email, phone, card, IBAN, IP, national ids, names, addresses)."""
        rt = holder.get()
        await rt.ensure_scanner()
        scan = (await rt.router.scan_fields({"prompt": prompt}, redact=redact))["prompt"]
        return PiiScan(
            found=bool(scan.findings),
            entities=[
                PiiEntity(type=f.entity, start=f.start, end=f.end, score=f.score)
                for f in scan.findings
            ],
            redacted=(scan.redacted or prompt) if redact else None,
        )

    @box.read
    async def quota_status(
        model: Annotated[str | None, Field(description="One model, or all with a quota")] = None,
    ) -> QuotaStatus:
        """Requests and spend used and left in today's and this week's windows, per model."""
        rt = holder.get()
        await rt.router.refresh_overrides()
        names = [model] if model else [m for m in rt.policy.models if not rt.policy.models[m].local]
        return QuotaStatus(
            backend=rt.store.backend, models=[await rt.model_quota(n) for n in _known(rt, names)]
        )

    @box.read
    async def usage_report(
        days: Annotated[int, Field(ge=1, le=90, description="How many days back")] = 7,
    ) -> UsageReport:
        """Usage per model and day (requests, tokens, cost) and this week's cost per model."""
        rt = holder.get()
        rows: list[UsageRow] = []
        for day in rt.last_days(days):
            for name in rt.policy.models:
                use = await rt.store.daily(name, day)
                if use.requests:
                    rows.append(
                        UsageRow(
                            model=name,
                            day=day,
                            requests=use.requests,
                            tokens_in=use.tokens_in,
                            tokens_out=use.tokens_out,
                            cost_usd=round(use.cost, 8),
                        )
                    )
        window = rt.router.window()
        week = {}
        for name in rt.policy.models:
            _, use = await rt.store.usage(name, window, time.time())
            if use.requests:
                week[name] = round(use.cost, 8)
        return UsageReport(
            days=rows,
            total_requests=sum(r.requests for r in rows),
            total_cost_usd=round(sum(r.cost_usd for r in rows), 8),
            week_cost_usd=week,
        )

    @box.read
    async def list_models() -> list[ModelInfo]:
        """Every model: provider, health, cooldowns, prices and quota left."""
        rt = holder.get()
        await rt.router.refresh_overrides()
        return [await rt.model_info(name) for name in rt.policy.priority]

    @box.write(idempotent=True)
    async def set_limit(
        model: ModelName,
        limit: Literal[
            "daily_requests", "weekly_requests", "daily_budget_usd", "weekly_budget_usd"
        ],
        value: Annotated[float | None, Field(ge=0, description="New limit; null removes it")],
    ) -> LimitChange:
        """Change a model's limit (stored with the quota state, so replicas share it)."""
        rt = holder.get()
        _known(rt, [model])
        await rt.store.set_limit(model, limit, value)
        await rt.router.refresh_overrides()
        return LimitChange(
            model=model, field=limit, value=value, effective=await rt.router.quota_left(model)
        )

    @box.write()
    async def reset_window(
        model: ModelName,
        window: Literal["day", "week", "both"] = "day",
    ) -> ModelQuota:
        """Forget a model's usage in the current day and/or week window."""
        rt = holder.get()
        _known(rt, [model])
        await rt.store.reset(model, rt.router.window(), window)
        return await rt.model_quota(model)

    # The same router as an OpenAI-compatible model (Open WebUI, agents): /v1/* beside /mcp.
    add_openai_routes(box.mcp, holder, settings.max_output_tokens)

    @box.mcp.resource("routing://policy", mime_type="application/json")
    def policy_resource() -> str:
        """The effective routing policy (routes, fallbacks, quotas)."""
        policy = holder.get().policy if holder_ready(holder) else None
        data = policy.model_dump(exclude={"models"}) if policy else {}
        return json.dumps(data, indent=2)

    @box.mcp.resource("routing://models", mime_type="application/json")
    def models_resource() -> str:
        """The model catalogue: providers, upstream ids, context windows, prices."""
        policy = holder.get().policy if holder_ready(holder) else None
        data = {k: v.model_dump() for k, v in policy.models.items()} if policy else {}
        return json.dumps(data, indent=2)

    return box.mcp


def holder_ready(holder: ClientHolder[RoutingRuntime]) -> bool:
    try:
        holder.get()
    except RuntimeError:
        return False
    return True


def _known(rt: RoutingRuntime, names: list[str]) -> list[str]:
    from fastmcp.exceptions import ToolError

    unknown = [n for n in names if n not in rt.policy.models]
    if unknown:
        raise ToolError(f"unknown model {unknown[0]!r}; known: {', '.join(rt.policy.models)}")
    return names


def connect(settings: RoutingSettings) -> RoutingRuntime:
    return make_runtime(settings, load_settings(RuntimeSettings))
