"""Run a server over stdio with a cProfile of chosen tool calls, each from its request line to
its answer's serialization (``bench.first_call --profile`` drives it).

    BENCH_PROFILE_DIR=/tmp/p BENCH_PROFILE_CALLS=1,6 \\
        python -m bench.call_profile home_assistant_mcp --transport stdio

``BENCH_PROFILE_CALLS`` are the ordinals of ``tools/call`` requests (1 = the first call after
start); each profile is written to ``<dir>/call-<n>.prof`` (``pstats``). The profiler runs in the
event loop's thread, which is where a call's work happens (parse, dispatch, middleware, tool,
upstream requests, serialization); the threads that read and write the pipe are not profiled
(the same work for every call). Anything else the loop runs inside the window (a warm-up step,
a live-state event) is in the profile too: that is the point, it delays the call.
"""

from __future__ import annotations

import cProfile
import os
import runpy
import sys
from pathlib import Path
from typing import Any

import mcp_types
from mcp_types import jsonrpc

DIR = Path(os.environ.get("BENCH_PROFILE_DIR", "."))
WANTED = {int(n) for n in os.environ.get("BENCH_PROFILE_CALLS", "1").split(",") if n}


class Window:
    def __init__(self) -> None:
        self.calls = 0
        self.profiler: cProfile.Profile | None = None
        self.request_id: Any = None
        self.ordinal = 0

    def request(self, line: str | bytes) -> None:
        text = line if isinstance(line, str) else line.decode(errors="replace")
        if '"tools/call"' not in text or self.profiler is not None:
            return
        self.calls += 1
        if self.calls not in WANTED:
            return
        import json

        self.request_id = json.loads(text).get("id")
        self.ordinal = self.calls
        self.profiler = cProfile.Profile()
        self.profiler.enable()

    def answered(self, message: Any) -> None:
        if self.profiler is None or getattr(message, "id", None) != self.request_id:
            return
        self.profiler.disable()
        DIR.mkdir(parents=True, exist_ok=True)
        self.profiler.dump_stats(DIR / f"call-{self.ordinal}.prof")
        self.profiler = None


WINDOW = Window()


class Adapter:
    """``mcp_types.jsonrpc_message_adapter`` with the window opened before a call's line is
    parsed (the stdio transport looks the adapter up on the module for every line)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def validate_json(self, data: Any, *args: Any, **kwargs: Any) -> Any:
        WINDOW.request(data)
        return self._inner.validate_json(data, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def closing(cls: type[Any]) -> None:
    """The window closes after the answer is serialized (the stdio writer's last step in the
    loop before the pipe write)."""
    dump = cls.model_dump_json

    def model_dump_json(self: Any, *args: Any, **kwargs: Any) -> str:
        text = dump(self, *args, **kwargs)
        WINDOW.answered(self)
        return text

    cls.model_dump_json = model_dump_json  # type: ignore[method-assign]


def main() -> None:
    mcp_types.jsonrpc_message_adapter = Adapter(mcp_types.jsonrpc_message_adapter)  # type: ignore[assignment]
    closing(jsonrpc.JSONRPCResponse)
    closing(jsonrpc.JSONRPCError)
    module, *rest = sys.argv[1:]
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()


def load(path: Path) -> dict[tuple[str, int, str], tuple[int, float]]:
    """Function → (calls, own time in s) from a profile ``Window`` wrote."""
    import pstats

    stats: dict[Any, Any] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    return {func: (nc, tt) for func, (_cc, nc, tt, _ct, _callers) in stats.items()}


def where(func: tuple[str, int, str]) -> str:
    file, line, name = func
    if file == "~":
        return name
    for marker in ("site-packages/", "/src/", "/lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    return f"{file}:{line}({name})"


def compare(first: Path, warm: Path, top: int = 40) -> str:
    """What the first call ran that the warm call did not: call counts (deterministic; the
    profiler's own time inflates the seconds, compare them only with each other)."""
    a, b = load(first), load(warm)
    calls_a, calls_b = sum(c for c, _ in a.values()), sum(c for c, _ in b.values())
    time_a, time_b = sum(t for _, t in a.values()), sum(t for _, t in b.values())
    lines = [
        f"function calls: first {calls_a:,}, warm {calls_b:,} (+{calls_a - calls_b:,}); "
        f"profiled time: first {time_a * 1000:.1f} ms, warm {time_b * 1000:.1f} ms",
        f"functions: first {len(a):,}, warm {len(b):,}, only in the first {len(set(a) - set(b)):,}",
    ]
    extra = []
    for func, (calls, own) in a.items():
        warm_calls, warm_own = b.get(func, (0, 0.0))
        if calls > warm_calls:
            extra.append((own - warm_own, calls - warm_calls, func))
    packages: dict[str, list[float]] = {}
    for own, calls, func in extra:
        key = where(func).split("/", 1)[0].split(":", 1)[0]
        total = packages.setdefault(key, [0, 0.0])
        total[0] += calls
        total[1] += own
    lines.append("extra calls by package: " + ", ".join(
        f"{k} {int(v[0]):,} ({v[1] * 1000:.1f} ms)"
        for k, v in sorted(packages.items(), key=lambda kv: -kv[1][0])[:12]
    ))  # fmt: skip
    lines.append(f"top {top} by extra own time (ms, extra calls, function):")
    for own, calls, func in sorted(extra, key=lambda e: (-e[0], -e[1]))[:top]:
        lines.append(f"  {own * 1000:7.2f} {calls:7,}  {where(func)}")
    return "\n".join(lines)
