"""Tools registered from the schema cache are the tools FastMCP builds: the full ``tools/list``
of every server and of the gateway, writes off and on, is the same byte for byte with the cache
off (FastMCP's own ``mcp.tool`` path and its own ``$ref`` inlining on every list, as before the
cache), on its first start (the cache is written) and on the next (every tool and its inlined
schemas read from the cache); calls validate as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastmcp import Client, Context, FastMCP
from fastmcp.exceptions import ToolError
from pydantic import BaseModel, Field

from homelab_gateway.app import Member, build_gateway, config_hints, load_member
from homelab_gateway.toolsearch import install
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.schema_cache import SchemaCache
from homelab_shared.settings import load_settings
from homelab_shared.spec import discover_all
from homelab_shared.toolbox import Toolbox
from routing_mcp.settings import RoutingSettings
from tests.gateway.test_imports import EVERY_SERVER
from tests.harness import structured


async def listing(mcp: FastMCP[Any]) -> str:
    """The tools/list answer, as JSON; listed twice (the inlined schemas are remembered)."""
    async with Client(mcp) as client:
        texts = [
            json.dumps(listed.model_dump(mode="json", by_alias=True, exclude_none=True))
            for listed in [await client.list_tools_mcp(), await client.list_tools_mcp()]
        ]
    assert texts[0] == texts[1]
    return texts[0]


def members(state_dir: Path) -> list[Member]:
    runtime = load_settings(RuntimeSettings, state_dir=state_dir)
    specs, broken = discover_all()
    assert not broken
    found = [load_member(spec, runtime, config_hints(specs)) for spec in specs]
    assert all(m.mcp is not None for m in found), [m.problems for m in found]
    return found


async def every_listing(state_dir: Path) -> tuple[dict[str, str], list[SchemaCache]]:
    """Each server's own tools/list and the gateway's (its CLI's tool mode), one build each."""
    alone = members(state_dir)
    lists = {m.spec.name: await listing(m.mcp) for m in alone if m.mcp is not None}
    mounted = members(state_dir)
    gateway = build_gateway(mounted)
    install(gateway, mounted, load_settings(RuntimeSettings, state_dir=state_dir))
    lists["gateway"] = await listing(gateway)
    caches = [m.box.schemas for m in alone + mounted if m.box is not None]
    return lists, caches


@pytest.fixture
def every_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for var, value in EVERY_SERVER.items():
        monkeypatch.setenv(var, value)


@pytest.mark.parametrize("writes", [False, True])
async def test_tools_list_is_the_same_with_and_without_the_cache(
    writes: bool, every_server: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if writes:
        for spec in discover_all()[0]:
            prefix = spec.settings_cls.env_prefix()
            monkeypatch.setenv(f"{prefix}ALLOW_WRITE", "true")
            monkeypatch.setenv(f"{prefix}ALLOW_DESTRUCTIVE", "true")
    monkeypatch.setenv("HOMELAB_SCHEMA_CACHE", "false")
    fastmcp_built, caches = await every_listing(tmp_path / "off")
    assert not any(c.enabled for c in caches)
    monkeypatch.delenv("HOMELAB_SCHEMA_CACHE")

    first, caches = await every_listing(tmp_path / "on")
    assert all(c.enabled and c.added for c in caches)  # every tool built by FastMCP
    for cache in caches:
        cache.save()
    files = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "on/tool-schemas").iterdir())
    assert files == sorted({c.package for c in caches})  # one per package, no leftovers

    second, caches = await every_listing(tmp_path / "on")
    assert all(c.entries and not c.added for c in caches)  # every tool from the cache
    counts = {name: len(json.loads(text)["tools"]) for name, text in fastmcp_built.items()}
    gateway = counts.pop("gateway")
    assert len(counts) == 6 and all(counts.values()) and gateway > sum(counts.values())
    for name, text in fastmcp_built.items():
        assert first[name] == text, name
        assert second[name] == text, name


async def test_a_tool_from_the_cache_validates_and_answers_calls(
    every_server: None, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    for m in members(state):  # the first start writes the cache
        assert m.box is not None
        m.box.schemas.save()
    [routing] = [m for m in members(state) if m.spec.name == "routing"]
    assert routing.mcp is not None and routing.box is not None
    assert routing.box.schemas.entries and not routing.box.schemas.added
    async with Client(routing.mcp) as client:
        report = structured(await client.call_tool("usage_report", {"days": 3}))
        assert report["days"] == [] and report["total_requests"] == 0  # nothing routed yet
        with pytest.raises(ToolError, match="greater than or equal to 1"):
            await client.call_tool("usage_report", {"days": 0})
        with pytest.raises(ToolError, match="unexpected"):
            await client.call_tool("usage_report", {"days": 3, "weeks": 1})


def test_changed_code_reads_another_file(tmp_path: Path) -> None:
    cache = SchemaCache("routing_mcp", tmp_path)
    assert cache.path is not None
    other = SchemaCache("home_assistant_mcp", tmp_path)
    assert other.path is not None and other.path.name != cache.path.name
    # a broken or foreign file is a miss, never an error
    cache.directory.mkdir(parents=True)
    cache.path.write_text('{"usage_report": {"input": "not a schema"}, "x": 1}')
    assert SchemaCache("routing_mcp", tmp_path).entries == {}
    cache.path.write_text("not json")
    assert SchemaCache("routing_mcp", tmp_path).entries == {}


class Said(BaseModel):
    text: str
    times: int


def probe_box(state_dir: Path, said: list[str]) -> Toolbox:
    """A server whose tools take a ``Context`` (made a dependency by FastMCP) and need a
    confirmation (the toolbox's wrapper): what a cached tool must still do when called."""
    settings = load_settings(RoutingSettings, allow_write=True, allow_destructive=True)
    box = Toolbox("probe", settings, load_settings(RuntimeSettings, state_dir=state_dir))

    @box.read
    async def repeat(
        text: Annotated[str, Field(min_length=1, description="What to say")],
        ctx: Context,
        times: Annotated[int, Field(ge=1, le=3)] = 1,
    ) -> Said:
        """Say it again."""
        await ctx.info(f"saying {text}")
        return Said(text=" ".join([text] * times), times=times)

    async def preview(text: str) -> str:
        return f"would forget {text}"

    @box.destructive(preview=preview)
    async def forget(text: str, ctx: Context) -> str:
        """Forget it."""
        await ctx.info("forgetting")
        said.append(text)
        return f"forgot {text}"

    return box


async def test_cached_tools_take_their_context_and_confirmations(tmp_path: Path) -> None:
    said: list[str] = []
    first = probe_box(tmp_path, said)
    assert first.schemas.added
    first.schemas.save()
    box = probe_box(tmp_path, said)
    assert box.schemas.get("repeat") is not None and not box.schemas.added
    assert box.schemas.get("forget") is not None
    logged: list[str] = []

    async def log(message: Any) -> None:
        logged.append(str(message.data))

    async with Client(box.mcp, log_handler=log) as client:
        result = await client.call_tool("repeat", {"text": "hi", "times": 2})
        assert structured(result) == {"text": "hi hi", "times": 2}
        with pytest.raises(ToolError, match="less than or equal to 3"):
            await client.call_tool("repeat", {"text": "hi", "times": 4})
        asked = structured(await client.call_tool("forget", {"text": "x"}))["result"]
        assert asked["preview"] == "would forget x" and said == []
        token = asked["confirm_token"]
        done = await client.call_tool("forget", {"text": "x", "confirm_token": token})
        assert done.data == "forgot x" and said == ["x"]
    assert any("saying hi" in line for line in logged) and any(
        "forgetting" in line for line in logged
    )
