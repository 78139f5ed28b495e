"""Output size of the infrastructure server's Kubernetes tools against the raw API JSON, and the
cost of its tools/list.

Starts kmock (the Kubernetes API emulator the tests use) with a 200-pod namespace in the API's
real JSON shape, asks the same questions through the MCP tools (in-memory client) and through the
raw API a naive server would return (`GET .../pods`, the pod plus its events, the whole log), and
prints a markdown table of bytes, approximate tokens (bytes / 4) and ratios. Goals: every answer
at least 5x smaller than the raw JSON; tools/list at most 120 tokens per tool.

    uv run python -m bench.infrastructure_size          # ~10 s
    uv run python -m bench.infrastructure_size --json   # also write bench/results/*.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("FASTMCP_SHOW_SERVER_BANNER", "false")
os.environ.setdefault("FASTMCP_CHECK_FOR_UPDATES", "off")

from fastmcp import Client

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from tests.servers.infrastructure import kube_objects as ko
from tests.servers.infrastructure.conftest import write_kubeconfig
from tests.servers.infrastructure.kmock_cluster import Cluster, start_cluster

GOAL = 5.0
TOKENS_PER_TOOL = 120
PODS = 200
LOG_LINES = 3000
RESULTS = Path(__file__).parent / "results"


def size(data: Any) -> int:
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def seed(cluster: Cluster) -> str:
    cluster.add(ko.namespace("media"))
    web = cluster.add(ko.deployment("web", "media", replicas=PODS, ready=PODS - 3))
    rs = cluster.add(ko.replicaset("web-6c9d", "media", web))
    for i in range(PODS):
        crash = i % 67 == 5
        pod = ko.pod(
            f"web-6c9d-{i:05d}",
            "media",
            owner=rs,
            ready=not crash,
            restarts=9 if crash else i % 3,
            waiting="CrashLoopBackOff" if crash else None,
        )
        cluster.add(pod)
    target = cluster.get("Pod", "media", "web-6c9d-00005")
    assert target is not None
    for n in range(12):
        cluster.add(
            ko.event(
                f"web-6c9d-00005.{n}",
                "media",
                target,
                "BackOff" if n % 2 else "Pulled",
                f"Back-off restarting failed container app in pod web-6c9d-00005 ({n})",
                warning=bool(n % 2),
                minutes_ago=n,
            )
        )
    lines = [
        f"2026-12-01T10:{i // 60 % 60:02d}:{i % 60:02d}.000Z INFO GET /api/items/{i} 200 "
        f"in {i % 97} ms user=u{i % 13} trace=0x{i * 7919:08x}"
        for i in range(LOG_LINES)
    ]
    text = "\n".join(lines) + "\n"
    reaction = cluster.k["get /api/v1/namespaces/media/pods/web-6c9d-00005/log"] << text.encode()
    assert reaction is not None
    return text


def raw_get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


async def measure(state_dir: Path) -> dict[str, Any]:
    async with start_cluster() as cluster:
        log_text = seed(cluster)
        base = cluster.url
        raw_pods = await asyncio.to_thread(raw_get, f"{base}/api/v1/namespaces/media/pods")
        raw_pod = await asyncio.to_thread(
            raw_get, f"{base}/api/v1/namespaces/media/pods/web-6c9d-00005"
        )
        raw_events = await asyncio.to_thread(raw_get, f"{base}/api/v1/namespaces/media/events")
        raw_rs = await asyncio.to_thread(
            raw_get, f"{base}/apis/apps/v1/namespaces/media/replicasets/web-6c9d"
        )
        raw_dep = await asyncio.to_thread(
            raw_get, f"{base}/apis/apps/v1/namespaces/media/deployments/web"
        )
        raw = {
            "pods": len(raw_pods),
            "describe": len(raw_pod) + len(raw_events) + len(raw_rs) + len(raw_dep),
            "logs": len(log_text.encode()),
        }
        kubeconfig = write_kubeconfig(state_dir.parent / "kubeconfig", base)
        runtime = load_settings(RuntimeSettings, state_dir=state_dir)
        settings = load_settings(InfraSettings, kubeconfig=kubeconfig)
        questions = [
            (
                "pods of a 200-pod namespace",
                "list_resources",
                {"kind": "Pod", "namespace": "media", "limit": PODS},
                "pods",
                "GET /api/v1/namespaces/media/pods",
            ),
            (
                "why is this pod crashing? (describe)",
                "describe",
                {"kind": "Pod", "name": "web-6c9d-00005", "namespace": "media"},
                "describe",
                "GET pod + its events + owner ReplicaSet + Deployment",
            ),
            (
                "recent log of a pod",
                "pod_logs",
                {"name": "web-6c9d-00005", "namespace": "media"},
                "logs",
                f"GET .../log (whole log, {LOG_LINES} lines)",
            ),
        ]
        answers = []
        async with Client(build_server(settings, runtime)) as client:
            for question, tool, arguments, key, raw_what in questions:
                result = await client.call_tool(tool, arguments)
                ours = size(result.structured_content)
                answers.append(
                    {
                        "question": question,
                        "call": tool,
                        "raw_what": raw_what,
                        "ours": ours,
                        "raw": raw[key],
                        "ratio": raw[key] / ours,
                    }
                )
            read_only = await client.list_tools()
        everything = load_settings(
            InfraSettings,
            kubeconfig=kubeconfig,
            argocd_url="http://argocd.invalid",
            argocd_token="x",
            minio_endpoint="127.0.0.1:9",
            minio_access_key="a",
            minio_secret_key="b",
            allow_write=True,
            allow_destructive=True,
        )
        async with Client(build_server(everything, runtime)) as client:
            all_tools = await client.list_tools()

    def listing(tools: list[Any]) -> dict[str, Any]:
        dumped = [t.model_dump(by_alias=True, exclude_none=True, mode="json") for t in tools]
        cost = [
            (t["name"], size({k: t.get(k) for k in ("name", "description", "inputSchema")}) // 4)
            for t in dumped
        ]
        cost.sort(key=lambda x: -x[1])
        per_tool = sum(c for _, c in cost) / len(cost)
        return {
            "tools": len(tools),
            "bytes": size({"tools": dumped}),
            "tokens_per_tool": per_tool,
            "largest": cost[:4],
        }

    return {
        "answers": answers,
        "tools_list": {
            "kubernetes read-only": listing(read_only),
            "all three apps, all enabled": listing(all_tools),
        },
    }


def report(data: dict[str, Any]) -> str:
    lines = [
        row(
            "question", "tool", "ours B", "~tokens", "raw", "raw B", "x smaller", f"goal {GOAL:g}x"
        ),
        row(*["---"] * 8),
    ]
    for a in data["answers"]:
        ok = "ok" if a["ratio"] >= GOAL else "MISSED"
        lines.append(
            row(
                a["question"],
                f"`{a['call']}`",
                f"{a['ours']:,}",
                a["ours"] // 4,
                a["raw_what"],
                f"{a['raw']:,}",
                f"{a['ratio']:.1f}",
                ok,
            )
        )
    lines += [
        "",
        row(
            "tools/list",
            "tools",
            "bytes",
            "~tokens per tool (name+description+input schema)",
            f"goal ≤ {TOKENS_PER_TOOL}",
            "largest (~tokens)",
        ),
        row(*["---"] * 6),
    ]
    for name, listing in data["tools_list"].items():
        ok = "ok" if listing["tokens_per_tool"] <= TOKENS_PER_TOOL else "MISSED"
        largest = ", ".join(f"{n} {c}" for n, c in listing["largest"])
        lines.append(
            row(
                name,
                listing["tools"],
                f"{listing['bytes']:,}",
                f"{listing['tokens_per_tool']:.0f}",
                ok,
                largest,
            )
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="infrastructure server output size")
    parser.add_argument("--json", action="store_true", help="also write bench/results/*.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="infra-size-") as tmp:
        data = asyncio.run(measure(Path(tmp) / "state"))
    print(report(data))
    if args.json:
        RESULTS.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"infrastructure_size-{stamp}.json"
        out.write_text(json.dumps(data, indent=2))
        print(f"\nwritten {out}")
    worst = min(a["ratio"] for a in data["answers"])
    per_tool = max(t["tokens_per_tool"] for t in data["tools_list"].values())
    return 0 if worst >= GOAL and per_tool <= TOKENS_PER_TOOL else 1


if __name__ == "__main__":
    raise SystemExit(main())
