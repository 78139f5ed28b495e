"""The two servers of bench/routing_openai.py, each in its own process (as deployed: a router and
a model server do not share an interpreter lock):

    python -m bench.routing_openai_serve fakes PORT
    python -m bench.routing_openai_serve router PORT PROVIDER_URL STATE_DIR [thread|process]

``thread``: the bench's in-process scanner (short prompts scanned in the server process);
``process``: the served default (``ROUTING_PII_SCAN=process``, scans in a worker process).
With ``BENCH_PROFILE=FILE`` the router answers ``POST /bench/profile/start`` and ``/stop``
(cProfile of the requests in between, written to FILE).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import uvicorn

CLASSES = [
    "simple_qa", "code_completion", "general", "complex_analysis", "deep_reasoning",
    "long_document", "multi_step_planning", "creative_writing", "data_extraction",
    "premium_code_review", "architecture_decision",
]  # fmt: skip


def policy_file(folder: Path) -> Path:
    """Every class routed to one OpenAI-compatible model (no quota, so no budget stops it)."""
    policy = {
        "models": {
            "lan-llm": {
                "provider": "openai",
                "upstream_id": "llama-3.1-8b-instruct",
                "context_window": 131072,
            },
            "local-qwen": {
                "provider": "ollama",
                "upstream_id": "qwen2.5:3b",
                "context_window": 32768,
                "local": True,
            },
        },
        "routes": {c: ["lan-llm"] for c in CLASSES} | {"pii_sensitive": ["local-qwen"]},
        "priority": ["lan-llm", "local-qwen"],
    }
    path = folder / "policy.json"  # JSON is YAML
    path.write_text(json.dumps(policy))
    return path


def main() -> None:
    role, port = sys.argv[1], int(sys.argv[2])
    if role == "fakes":
        from tests.routing.fake_providers import Fakes, make_app

        app = make_app(Fakes(fill_to_max_tokens=True))
    else:
        from routing_mcp.pii import PiiScanner
        from tests.routing.fake_providers import Fakes, provider_env
        from tests.routing.openai_harness import router_app

        state = Path(sys.argv[4])
        mode = sys.argv[5] if len(sys.argv) > 5 else "thread"
        os.environ.update(provider_env(Fakes(url=sys.argv[3])))
        scanner = PiiScanner(0.4, ("US", "GB", "DE", "FR")) if mode == "thread" else None
        app, _rt = router_app(state, scanner, policy_file=policy_file(state), pii_scan=mode)
        if out := os.environ.get("BENCH_PROFILE"):
            app = profiled(app, out)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def profiled(app: Any, out: str) -> Any:
    """The app, plus two bench-only routes that start and stop a cProfile of the process."""
    import cProfile
    import time

    # CPU time of the event loop's thread: waiting (descheduled, blocked) does not count.
    profile = cProfile.Profile(time.thread_time)

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/bench/profile/"):
            await app(scope, receive, send)
            return
        if path.endswith("/start"):
            profile.enable()
        else:
            profile.disable()
            profile.dump_stats(out)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    return wrapped


if __name__ == "__main__":
    main()
