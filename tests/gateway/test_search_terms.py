"""The servers' search vocabularies (``<package>/search_terms.py``): one entry per tool, read by
the gateway's tool search, never published in tools/list.

Every installed server is mounted with dummy settings and writes on (the whole catalogue;
tools/list contacts no upstream), as the tool-budget and tool-search benches do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastmcp import Client

from bench.tool_catalog import mounted_members
from homelab_gateway.app import build_gateway
from homelab_gateway.profiles import Profiles
from homelab_gateway.toolsearch import SEARCH_TOOL, Catalogue, apply
from homelab_shared.spec import Vocabulary
from tests.harness import structured


def terms_of(name: str, servers: dict[str, Vocabulary]) -> str | None:
    ns, _, own = name.partition("_")
    if ns not in servers or not own:
        ns, own = "", name
    return servers[ns].tools.get(own)


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]{3,}", text.casefold()))


async def test_every_tool_has_search_terms_and_every_entry_names_a_tool(tmp_path: Path) -> None:
    members = mounted_members(str(tmp_path))
    servers = Catalogue(members).servers()
    tools = await build_gateway(members).list_tools()
    assert len(tools) > 100
    assert [t.name for t in tools if not terms_of(t.name, servers)] == []
    names = {t.name for t in tools}
    stale = [
        f"{ns}_{own}" if ns else own
        for ns, vocabulary in servers.items()
        for own in vocabulary.tools
        if (f"{ns}_{own}" if ns else own) not in names
    ]
    assert stale == []
    # Each vocabulary adds words people use that the tool's own text does not already say.
    for tool in tools:
        own_text = f"{tool.name} {tool.description} {json.dumps(tool.parameters)}"
        assert words(terms_of(tool.name, servers) or "") - words(own_text), tool.name


async def test_the_vocabulary_is_searched_but_never_published_in_tools_list(
    tmp_path: Path,
) -> None:
    members = mounted_members(str(tmp_path))
    servers = Catalogue(members).servers()
    plain = build_gateway(members)
    searching = build_gateway(members)
    apply(searching, members, Profiles(mode="search"))
    async with Client(plain) as client:
        listed = await client.list_tools()
    async with Client(searching) as client:
        search_listed = await client.list_tools()
        # What a tool's definition says (name, description, schemas), not what is sent with it.
        said = set()
        for tool in [*listed, *search_listed]:
            said |= words(f"{tool.name} {tool.description} {json.dumps(tool.input_schema)}")
            said |= words(json.dumps(tool.output_schema or {}))
        only_searched = set()
        for tool in listed:
            only_searched |= words(terms_of(tool.name, servers) or "") - said
        assert len(only_searched) > 200
        # The whole wire form (meta, annotations, tags...) in both modes: none of those words.
        for mode, tools in (("all", listed), ("search", search_listed)):
            wire = json.dumps([wire_form(t) for t in tools], ensure_ascii=False).casefold()
            assert only_searched.isdisjoint(words(wire)), mode
        # ...and search finds tools by them: a word only the vocabulary says, per server.
        for ns, vocabulary in servers.items():
            own, text = next(
                (own, text) for own, text in vocabulary.tools.items() if words(text) - said
            )
            word = sorted(words(text) - said)[0]
            found = structured(await client.call_tool(SEARCH_TOOL, {"query": word, "limit": 10}))
            expected = f"{ns}_{own}" if ns else own
            assert expected in [t["name"] for t in found["tools"]], (word, expected)


def wire_form(tool: Any) -> dict[str, Any]:
    return tool.model_dump(mode="json", by_alias=True, exclude_none=True)
