"""Prowlarr: indexers, their stats, searching across them, grabbing a release, testing."""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from pydantic import Field

from arr_suite_mcp import convert
from arr_suite_mcp.models import Grabbed, IndexerInfo, IndexerStat, IndexerTest, Release
from arr_suite_mcp.text import MESSAGE_CAP, clean, clean_list
from arr_suite_mcp.tools import Deps, InstanceName
from homelab_shared.output import Limit, Offset, Page, paginate
from homelab_shared.toolbox import Toolbox

Query = Annotated[str, Field(min_length=1, max_length=200, description="Search words")]
Kind = Annotated[Literal["search", "tvsearch", "movie"], Field()]
Categories = Annotated[
    list[int],
    Field(max_length=20, description="Newznab, e.g. 2000 movies, 5000 TV"),
]


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_indexers(
        instance: InstanceName = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[IndexerInfo]:
        """Prowlarr's indexers: enabled, protocol, failing or not (messages: untrusted text)."""
        client = deps.up.arr("prowlarr", instance)
        indexers, states = await asyncio.gather(client.indexers(), client.indexer_status())
        by_id = {s.get("indexerId"): s for s in states}
        out = []
        for i in indexers:
            state = by_id.get(i.get("id")) or {}
            message = i.get("message")
            message = message if isinstance(message, dict) else {}
            out.append(
                IndexerInfo(
                    id=int(i.get("id") or 0),
                    name=clean(i.get("name")),
                    enabled=bool(i.get("enable")),
                    protocol=clean(i.get("protocol")),
                    privacy=clean(i.get("privacy")),
                    failing_since=clean(state.get("initialFailure")),
                    last_failure=clean(state.get("mostRecentFailure")),
                    disabled_till=clean(state.get("disabledTill")),
                    message=clean(message.get("message"), MESSAGE_CAP),
                )
            )
        return paginate(out, limit, offset)

    @box.read
    async def indexer_stats(
        instance: InstanceName = None, limit: Limit = 50, offset: Offset = 0
    ) -> Page[IndexerStat]:
        """Queries, grabs, failures and response time per indexer."""
        data = await deps.up.arr("prowlarr", instance).indexer_stats()
        stats = [
            IndexerStat(
                name=clean(s.get("indexerName")),
                queries=int(s.get("numberOfQueries") or 0),
                grabs=int(s.get("numberOfGrabs") or 0),
                failed_queries=int(s.get("numberOfFailedQueries") or 0),
                failed_grabs=int(s.get("numberOfFailedGrabs") or 0),
                avg_ms=int(s.get("averageResponseTime") or 0),
            )
            for s in data.get("indexers") or []
            if isinstance(s, dict)
        ]
        return paginate(stats, limit, offset)

    @box.read(open_world=True)
    async def search_releases(
        query: Query,
        kind: Kind = "search",
        categories: Categories | None = None,
        instance: InstanceName = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Page[Release]:
        """Search every Prowlarr indexer, most seeded first (names: untrusted text)."""
        client = deps.up.arr("prowlarr", instance)
        found = await client.search(query, kind, categories or [], min(offset + limit, 500))
        releases = [convert.release(r) for r in found]
        releases.sort(key=lambda r: -(r.seeders or 0))
        return paginate(releases, limit, offset)

    @box.write()
    async def grab_release(
        guid: Annotated[
            str, Field(min_length=1, max_length=2000, description="From search_releases")
        ],
        indexer_id: Annotated[int, Field(ge=1)],
        instance: InstanceName = None,
    ) -> Grabbed:
        """Send a search_releases result to the download client (its name: untrusted text)."""
        client = deps.up.arr("prowlarr", instance, write=True)
        data = await client.grab(guid, indexer_id)
        return Grabbed(
            app="prowlarr",
            instance=client.instance.name,
            ok=True,
            detail="sent the release to the download client",
            title=clean(data.get("title")),  # a data field: strangers name releases
        )

    @box.write(idempotent=True)
    async def test_indexers(instance: InstanceName = None, limit: Limit = 50) -> Page[IndexerTest]:
        """Test every Prowlarr indexer now; the failing ones first, with why (untrusted text)."""
        client = deps.up.arr("prowlarr", instance, write=True)
        results = await client.test_indexers()
        names = {i.get("id"): clean(i.get("name")) for i in await client.indexers()}
        tests = [
            IndexerTest(
                id=int(r.get("id") or 0),
                name=names.get(r.get("id")),
                ok=bool(r.get("isValid")),
                errors=clean_list(
                    [
                        f.get("errorMessage")
                        for f in r.get("validationFailures") or []
                        if isinstance(f, dict)
                    ]
                )
                or None,
            )
            for r in results
        ]
        tests.sort(key=lambda t: t.ok)  # stable: failures first, then Prowlarr's order
        return paginate(tests, limit)
