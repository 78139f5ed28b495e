"""Create a server with the standard middleware and register tools by safety class.

```python
box = Toolbox("Home Assistant", settings, runtime, lifespan=holder.lifespan, ready=probe)

@box.read
async def get_entity(entity_id: str) -> Entity: ...

@box.write()
async def turn_on(entity_id: str) -> StateChange: ...

@box.destructive(preview=describe_unlock)
async def unlock(entity_id: str) -> StateChange: ...

mcp = box.mcp
```
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeVar

import anyio.to_thread
from fastmcp import Context, FastMCP
from fastmcp.tools.function_tool import FunctionTool
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from homelab_shared.audit import AuditLog
from homelab_shared.compact import CompactSchemas, InlinedRefs
from homelab_shared.confirm import Confirmer, load_or_create_key
from homelab_shared.errors import ConfigError
from homelab_shared.middleware import (
    ObservabilityMiddleware,
    SafetyMiddleware,
    SizeCapMiddleware,
    current_client_id,
)
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.schema_cache import SchemaCache, Stored, cached_tool
from homelab_shared.server_class import HomelabFastMCP
from homelab_shared.settings import BaseServerSettings
from homelab_shared.warmup import with_start_up

if TYPE_CHECKING:
    from homelab_shared.nonces import NonceStore

Safety = Literal["read", "write", "destructive"]
C = TypeVar("C")


class Readiness(BaseModel):
    """Is the upstream reachable and does it accept our credentials."""

    ok: bool
    reachable: bool
    authenticated: bool
    version: str | None = None
    detail: str = ""


class ConfirmationRequired(BaseModel):
    """Nothing done yet; see instructions."""

    status: Literal["confirmation_required"] = "confirmation_required"
    tool: str
    preview: str = Field(description="Exactly what the confirmed call will do")
    confirm_token: str
    expires_at: int = Field(description="Unix time after which the token is refused")
    instructions: str


ConfirmToken = Annotated[
    str | None,
    Field(description="From the preview; omit to get one"),
]
Preview = Callable[..., Awaitable[str]] | Callable[..., str]


class ClientHolder(Generic[C]):
    """Owns a server's upstream client: made and closed by the lifespan, or injected by tests."""

    def __init__(self, factory: Callable[[], C], injected: C | None = None) -> None:
        self._factory = factory
        self._client = injected
        self._injected = injected is not None

    def get(self) -> C:
        if self._client is None:
            raise RuntimeError("the upstream client is used outside the server lifespan")
        return self._client

    @asynccontextmanager
    async def lifespan(self, _server: FastMCP[Any]) -> AsyncIterator[dict[str, Any]]:
        if self._injected:
            yield {}
            return
        self._client = self._factory()
        try:
            yield {}
        finally:
            closer = getattr(self._client, "aclose", None)
            if closer is not None:
                await closer()
            self._client = None


async def _call(fn: Callable[..., Any], **kwargs: Any) -> Any:
    if inspect.iscoroutinefunction(fn):
        return await fn(**kwargs)
    return await anyio.to_thread.run_sync(partial(fn, **kwargs))


def _is_context(annotation: Any) -> bool:
    return inspect.isclass(annotation) and issubclass(annotation, Context)


_ATTR = "_homelab_toolbox"


def _open_nonce_store(runtime: RuntimeSettings) -> NonceStore:
    from homelab_shared.nonces import nonce_store  # sqlite3 (or redis): on the first confirmation

    return nonce_store(runtime)


def toolbox_of(mcp: FastMCP[Any]) -> Toolbox | None:
    """The Toolbox that made ``mcp`` (for the runner's readiness checks and the gateway)."""
    return getattr(mcp, _ATTR, None)


class Toolbox:
    """One server: its FastMCP instance, safety policy, confirmer, audit log and readiness."""

    def __init__(
        self,
        name: str,
        settings: BaseServerSettings,
        runtime: RuntimeSettings,
        *,
        instructions: str | None = None,
        lifespan: Callable[[FastMCP[Any]], AbstractAsyncContextManager[Any]] | None = None,
        ready: Callable[[], Awaitable[Readiness]] | None = None,
        warm: Callable[[], Awaitable[Any]] | None = None,
        open_world: bool = False,
    ) -> None:
        self.name = name
        self.label = name  # in start-up log lines; the spec's name once the spec built it
        self.settings = settings
        self.runtime = runtime
        self.env_prefix = type(settings).env_prefix()
        self.ready = ready
        self.warm = warm  # start-up warm-up after the first tools/list (homelab_shared.warmup)
        self.open_world = open_world
        self.classes: dict[str, Safety] = {}
        self.confirmer = Confirmer(
            load_or_create_key(runtime), runtime.confirm_ttl, partial(_open_nonce_store, runtime)
        )
        self.audit_log = AuditLog(runtime.audit_path())
        # The tools' schemas as the first start computed them (homelab_shared.schema_cache).
        package = type(settings).__module__.partition(".")[0]
        self.schemas = SchemaCache(package, runtime.state_dir, runtime.schema_cache)
        # FastMCP's $ref inlining for tools/list, remembered (where FastMCP puts it: innermost).
        self.listed = InlinedRefs() if self.schemas.enabled else None
        self.mcp: FastMCP[Any] = HomelabFastMCP(
            name,
            instructions=instructions,
            lifespan=with_start_up(self, lifespan),
            mask_error_details=True,
            dereference_schemas=self.listed is None,
            middleware=[
                ObservabilityMiddleware(name),
                SafetyMiddleware(self),
                SizeCapMiddleware(runtime.max_result_chars),
                CompactSchemas(),
                *([self.listed] if self.listed is not None else []),
            ],
        )
        setattr(self.mcp, _ATTR, self)

    # --- policy -------------------------------------------------------------------------------

    def enabled(self, cls: Safety) -> bool:
        if cls == "read":
            return True
        if cls == "write":
            return self.settings.allow_write
        return self.settings.allow_write and self.settings.allow_destructive

    def enable_vars(self, cls: Safety) -> list[str]:
        """The settings an operator sets to enable tools of this class."""
        needed = [f"{self.env_prefix}ALLOW_WRITE=true"] if cls != "read" else []
        if cls == "destructive":
            needed.append(f"{self.env_prefix}ALLOW_DESTRUCTIVE=true")
        return needed

    def disabled_message(self, tool: str, cls: Safety) -> str:
        needed = self.enable_vars(cls)
        return (
            f"{tool} is a {cls} tool of {self.name} and is disabled (the server is read-only by "
            f"default). The operator can enable it by setting {' and '.join(needed)}."
        )

    def audit(self, client_id: str, tool: str, arguments: dict[str, Any], outcome: str) -> None:
        self.audit_log.record(
            server=self.name, client_id=client_id, tool=tool, arguments=arguments, outcome=outcome
        )

    # --- registration -------------------------------------------------------------------------

    def _register(self, fn: Callable[..., Any], cls: Safety, hints: dict[str, Any]) -> Any:
        name = hints.pop("name", None) or fn.__name__
        if name in self.classes:
            raise ConfigError(f"{self.name}: tool {name} is registered twice")
        self.classes[name] = cls
        annotations = ToolAnnotations(
            # A read-class tool may still change something outside (spend money): it says so.
            read_only_hint=hints.pop("read_only", cls == "read"),
            destructive_hint=cls == "destructive",
            idempotent_hint=hints.pop("idempotent", cls == "read"),
            open_world_hint=hints.pop("open_world", self.open_world),
            title=hints.pop("title", None),
        )
        metadata: dict[str, Any] = {"tags": {cls}, "annotations": annotations}
        metadata["meta"] = {"safety": cls}
        if self.listed is None or hints:
            return self.mcp.tool(fn, name=name, **metadata, **hints)
        # As FastMCP's decorator registers it (task=False is its default), or from the cache.
        stored = self.schemas.get(name)
        if stored is None:
            signature = inspect.signature(fn)
            tool = FunctionTool.from_function(fn, name=name, task=False, **metadata)
            stored = Stored.of(tool, signature)
            self.schemas.put(name, stored)
        else:
            tool = cached_tool(fn, stored, name=name, **metadata)
        stored.seed(self.listed, tool)
        self.mcp.add_tool(tool)
        return fn

    def read(self, fn: Callable[..., Any] | None = None, **hints: Any) -> Any:
        """Register a read-only tool (always enabled)."""
        if fn is not None:
            return self._register(fn, "read", hints)
        return lambda f: self._register(f, "read", hints)

    def write(self, **hints: Any) -> Callable[[Callable[..., Any]], Any]:
        """Register a tool that changes state; hidden unless <PREFIX>ALLOW_WRITE=true."""
        return lambda f: self._register(f, "write", hints)

    def destructive(self, *, preview: Preview, **hints: Any) -> Callable[[Callable[..., Any]], Any]:
        """Register a tool that needs ALLOW_DESTRUCTIVE and a confirmation token per call."""

        def decorate(fn: Callable[..., Any]) -> Any:
            name = hints.get("name") or fn.__name__
            return self._register(self._confirmed(name, fn, preview), "destructive", hints)

        return decorate

    def _confirmed(self, name: str, fn: Callable[..., Any], preview: Preview) -> Any:
        sig = inspect.signature(fn, eval_str=True)
        context_params = {p for p, v in sig.parameters.items() if _is_context(v.annotation)}
        confirmer = self.confirmer

        async def wrapper(**kwargs: Any) -> Any:
            token = kwargs.pop("confirm_token", None)
            bound = sig.bind(**kwargs)
            bound.apply_defaults()
            call_args = dict(bound.arguments)
            args = {k: v for k, v in call_args.items() if k not in context_params}
            client = current_client_id()
            if not token:
                text = await _call(preview, **args)
                issued, expires = confirmer.issue(name, args, client)
                return ConfirmationRequired(
                    tool=name,
                    preview=text,
                    confirm_token=issued,
                    expires_at=expires,
                    instructions=(
                        "Nothing has been done. Show the preview to the user; if they agree, call "
                        "this tool again with exactly the same arguments plus confirm_token within "
                        f"{int(confirmer.ttl)} s. The token works once."
                    ),
                )
            await confirmer.verify(token, name, args, client)
            return await _call(fn, **call_args)

        token_param = inspect.Parameter(
            "confirm_token",
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=ConfirmToken,
        )
        returns = sig.return_annotation
        union = (
            ConfirmationRequired
            if returns is inspect.Signature.empty
            else returns | ConfirmationRequired
        )
        wrapper.__signature__ = sig.replace(  # type: ignore[attr-defined]
            parameters=[*sig.parameters.values(), token_param], return_annotation=union
        )
        wrapper.__annotations__ = {
            **{p: v.annotation for p, v in sig.parameters.items()},
            "confirm_token": ConfirmToken,
            "return": union,
        }
        wrapper.__name__ = fn.__name__
        # No confirmation paragraph in the description: every tools/list pays for it on each
        # destructive tool. The destructiveHint annotation, the confirm_token parameter and the
        # ConfirmationRequired answer (its preview and instructions) say it where it is needed.
        wrapper.__doc__ = inspect.cleandoc(fn.__doc__ or "")
        return wrapper
