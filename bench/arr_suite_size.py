"""Output size of the arr-suite server against the raw API JSON, and its tools/list cost.

The upstreams are the spec-checked fakes of the tests (``tests/servers/arr_suite``), filled with a
homelab-sized library in the apps' full shapes (images, alternate titles, ratings, seasons,
overviews, as Sonarr 4 and Radarr 5 return them). Each question is asked once through the MCP
tools (in-memory client) and once the way a naive server answers it (the raw JSON of the
endpoints involved); a check confirms the facts asked for are still in our answer.

    uv run python -m bench.arr_suite_size          # a few seconds
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

import httpx
import respx
from fastmcp import Client

from arr_suite_mcp.server import build_server
from arr_suite_mcp.settings import ArrSettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.servers.arr_suite import data
from tests.servers.arr_suite.conftest import Lab, make_lab
from tests.servers.arr_suite.fake import in_days

NOW = datetime.now(UTC)
WEEK = (
    NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
    (NOW + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
)
GOAL_RATIO = 5.0
GOAL_TOKENS = 120
SERIES, MOVIES, QUEUE = 150, 400, 12


def size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def _images(kind: str, ident: int) -> list[dict[str, Any]]:
    return [
        {
            "coverType": t,
            "url": f"/MediaCover/{ident}/{t}.jpg?lastWrite=638400000000000000",
            "remoteUrl": f"https://artworks.thetvdb.com/banners/{kind}/{ident}-{t}.jpg",
        }
        for t in ("banner", "poster", "fanart")
    ]


def _rich(item: dict[str, Any], kind: str) -> dict[str, Any]:
    ident = item["id"]
    item.update(
        overview=("A story of people, places and consequences. " * 8).strip(),
        images=_images(kind, ident),
        alternateTitles=[
            {"title": f"{item['title']} (alt {n})", "seasonNumber": -1}
            if kind == "tv"
            else {"title": f"{item['title']} (alt {n})", "sourceType": "tmdb", "id": n}
            for n in range(2)
        ],
        ratings={"votes": 1200 + ident, "value": 8.1}
        if kind == "tv"
        else {
            "imdb": {"votes": 1200 + ident, "value": 8.1, "type": "user"},
            "tmdb": {"votes": 800, "value": 7.9, "type": "user"},
        },
        genres=["Drama", "Mystery", "Science Fiction"],
        cleanTitle=item["title"].lower().replace(" ", ""),
        titleSlug=item["title"].lower().replace(" ", "-"),
        imdbId=f"tt{1000000 + ident}",
        certification="TV-MA",
        rootFolderPath=f"/{kind}",
        folder=item["title"],
        runtime=50,
        originalLanguage={"id": 1, "name": "English"},
    )
    return item


def fill(lab: Lab) -> None:
    lab.sonarr.library = [
        _rich(
            data.series(i, f"Series {i:03d}", have=i % 11, total=10, tags=[1] if i % 5 else []),
            "tv",
        )
        for i in range(1, SERIES + 1)
    ]
    for s in lab.sonarr.library:
        s["seasons"] = [data._season(n, 10, 10, 20 * data.GB) for n in range(1, 5)]
    lab.radarr.library = [
        _rich(
            data.movie(
                i, f"Movie {i:03d}", has_file=i % 4 != 0, digitalRelease=in_days(i % 20 + 0.5)
            ),
            "movies",
        )
        for i in range(1, MOVIES + 1)
    ]
    lab.sonarr.calendar = [
        dict(
            data.episode(1000 + n, n, n, has_file=False, air_in=n / 3),
            series=lab.sonarr.library[n % SERIES],
            overview="An episode. " * 10,
        )
        for n in range(1, 20)
    ]
    lab.radarr.calendar = [m for m in lab.radarr.library if m["id"] % 20 < 7][:25]
    lab.sonarr.queue = [
        data.queue_item(
            100 + n,
            f"Series.{n:03d}.S01E0{n % 9}.1080p.WEB.h264-GRP",
            left=n % 4,
            state="downloading",
            media={
                "series": lab.sonarr.library[n % SERIES],
                "episode": lab.sonarr.calendar[n % 19],
            },
        )
        for n in range(QUEUE)
    ]
    lab.radarr.queue = [
        data.queue_item(
            200 + n,
            f"Movie.{n:03d}.2023.2160p.UHD.BluRay-GRP",
            left=n % 3,
            state="downloading",
            media={"movie": lab.radarr.library[n % MOVIES]},
        )
        for n in range(QUEUE)
    ]
    lab.radarr4k.library, lab.radarr4k.queue, lab.radarr4k.calendar = [], [], []


# (question, tool, arguments, raw endpoints [(fake attr, path)], facts check(raw, ours))
Check = Callable[[dict[str, Any], dict[str, Any]], bool]


def titles_present(ours: dict[str, Any], titles: list[str]) -> bool:
    text = json.dumps(ours)
    return all(json.dumps(t)[1:-1] in text for t in titles)


QUESTIONS: list[tuple[str, str, dict[str, Any], list[tuple[str, str]], Check]] = [
    (
        "what is in my TV library? (all 150 series)",
        "list_library",
        {"app": "sonarr", "limit": 500},
        [("sonarr", "/api/v3/series")],
        lambda raw, ours: (
            titles_present(ours, [s["title"] for s in raw["sonarr"]])
            and all(i["episodes"] and "size_gb" in i for i in ours["items"])
        ),
    ),
    (
        "which movies are missing? (of 400)",
        "list_library",
        {"app": "radarr", "instance": "default", "missing": True, "limit": 500},
        [("radarr", "/api/v3/movie")],
        lambda raw, ours: titles_present(
            ours, [m["title"] for m in raw["radarr"] if not m["hasFile"]]
        ),
    ),
    (
        "what is downloading? (queue)",
        "queue",
        {"limit": 100},
        [
            ("sonarr", "/api/v3/queue?page=1&pageSize=200&includeSeries=true&includeEpisode=true"),
            ("radarr", "/api/v3/queue?page=1&pageSize=200&includeMovie=true"),
            ("sab", "/api?mode=queue&output=json"),
        ],
        lambda raw, ours: titles_present(
            ours, [r["title"] for r in raw["sonarr"]["records"] + raw["radarr"]["records"]]
        ),
    ),
    (
        "what comes out in the next 7 days? (calendar)",
        "calendar",
        {"days": 7},
        [
            ("sonarr", f"/api/v3/calendar?start={WEEK[0]}&end={WEEK[1]}&includeSeries=true"),
            ("radarr", f"/api/v3/calendar?start={WEEK[0]}&end={WEEK[1]}"),
        ],
        lambda raw, ours: titles_present(
            ours,
            [e["series"]["title"] for e in raw["sonarr"]] + [m["title"] for m in raw["radarr"]],
        ),
    ),
]


async def raw_answer(lab: Lab, endpoints: list[tuple[str, str]]) -> tuple[int, dict[str, Any]]:
    total, found = 0, {}
    async with httpx.AsyncClient() as http:
        for name, path in endpoints:
            fake = getattr(lab, name)
            key = {"X-Api-Key": fake.api_key}
            url = f"{fake.url}{path}"
            if name == "sab":
                url += f"&apikey={fake.api_key}"
            response = await http.get(url, headers=key)
            response.raise_for_status()
            total += len(response.content)
            found[name] = response.json()
    return total, found


def tool_cost(tool: Any) -> int:
    return (
        size({"name": tool.name, "description": tool.description, "inputSchema": tool.input_schema})
        // 4
    )


async def measure(state: Path) -> dict[str, Any]:
    lab = make_lab()
    fill(lab)
    runtime = load_settings(RuntimeSettings, state_dir=state)
    rows = []
    with respx.mock(assert_all_called=False) as router:
        for fake in lab.all():
            fake.install(router)
        settings = load_settings(ArrSettings, instances=lab.instances())
        async with Client(build_server(settings, runtime)) as client:
            for question, tool, args, endpoints, check in QUESTIONS:
                result = await client.call_tool(tool, args)
                ours = result.structured_content or {}
                raw_bytes, raw = await raw_answer(lab, endpoints)
                rows.append(
                    {
                        "question": question,
                        "call": f"{tool}({args})",
                        "ours": size(ours),
                        "raw": raw_bytes,
                        "ratio": raw_bytes / size(ours),
                        "facts": check(raw, ours),
                    }
                )
        everything = load_settings(
            ArrSettings, instances=lab.instances(), allow_write=True, allow_destructive=True
        )
        async with Client(build_server(everything, runtime)) as client:
            tools = await client.list_tools()
    violations = [v for f in lab.all() for v in f.violations]
    costs = sorted(((t.name, tool_cost(t)) for t in tools), key=lambda x: -x[1])
    return {"answers": rows, "tools": costs, "violations": violations}


def report(result: dict[str, Any]) -> str:
    lines = [
        "| question | tool call | ours B | raw B | x smaller | facts present | goal 5x |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in result["answers"]:
        ok = "ok" if a["ratio"] >= GOAL_RATIO and a["facts"] else "MISSED"
        lines.append(
            f"| {a['question']} | `{a['call']}` | {a['ours']:,} | {a['raw']:,} | "
            f"{a['ratio']:.1f} | {'yes' if a['facts'] else 'NO'} | {ok} |"
        )
    costs = result["tools"]
    mean = sum(c for _, c in costs) / len(costs)
    lines += [
        "",
        f"tools/list, every tool enabled: {len(costs)} tools, "
        f"{sum(c for _, c in costs):,} tokens (bytes/4), mean {mean:.0f} per tool "
        f"(goal <= {GOAL_TOKENS}); largest: " + ", ".join(f"{n} {c}" for n, c in costs[:5]),
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="arr-size-") as tmp:
        result = asyncio.run(measure(Path(tmp) / "state"))
    print(report(result))
    if result["violations"]:
        print("spec violations:", *result["violations"], sep="\n", file=sys.stderr)
        return 1
    mean = sum(c for _, c in result["tools"]) / len(result["tools"])
    good = all(a["ratio"] >= GOAL_RATIO and a["facts"] for a in result["answers"])
    return 0 if good and mean <= GOAL_TOKENS else 1


if __name__ == "__main__":
    raise SystemExit(main())
