"""``python -m plex_mcp --transport stdio`` writes nothing but JSON-RPC on stdout, also while
plexapi runs and when a tool fails (logs go to stderr)."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.servers.plex.conftest import PLEX_TOKEN
from tests.servers.plex.fake_plex import FakePlex

DEADLINE = 60.0


class StdioServer:
    def __init__(self, env: dict[str, str], stderr: Path) -> None:
        self.stderr_path = stderr
        with stderr.open("wb") as err:  # a file, not a pipe: a full pipe would block the server
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "plex_mcp", "--transport", "stdio"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                env=env,
            )
        self.lines: list[bytes] = []
        self._buffer = b""
        self.selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message).encode() + b"\n")
        self.proc.stdin.flush()

    def answer(self, ident: int) -> dict[str, Any]:
        """Read stdout lines until the response to ``ident`` arrives (polling, with a deadline)."""
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            for line in self._drain(timeout=0.5):
                message = json.loads(line)
                if message.get("id") == ident:
                    return message
            assert self.proc.poll() is None, f"server exited: {self.stderr()}"
        raise AssertionError(f"no answer to request {ident} within {DEADLINE} s")

    def _drain(self, timeout: float) -> list[bytes]:
        assert self.proc.stdout is not None
        fresh: list[bytes] = []
        if self.selector.select(timeout):
            self._buffer += self.proc.stdout.read() or b""
            *complete, self._buffer = self._buffer.split(b"\n")
            fresh = [c for c in complete if c.strip()]
            self.lines.extend(fresh)
        return fresh

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")[-2000:]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.selector.close()
        assert self.proc.stdout is not None
        rest = self._buffer + (self.proc.stdout.read() or b"")
        self.lines.extend(line for line in rest.split(b"\n") if line.strip())
        self.proc.stdout.close()


def test_stdout_is_only_json_rpc(plex: FakePlex, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLEX_", "TAUTULLI_"))}
    env.update(
        PLEX_URL=plex.url,
        PLEX_TOKEN=PLEX_TOKEN,
        HOMELAB_STATE_DIR=str(tmp_path / "state"),
        HOMELAB_LOG_LEVEL="DEBUG",  # as chatty as it gets: still nothing on stdout
        PYTHONUNBUFFERED="1",
    )
    server = StdioServer(env, tmp_path / "stderr.log")
    try:
        server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {},
            "clientInfo": {"name": "stdio-test", "version": "0"}}})  # fmt: skip
        assert "result" in server.answer(1)
        server.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        server.send({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        names = {t["name"] for t in server.answer(2)["result"]["tools"]}
        assert {"now_playing", "recently_added", "search", "server_info"} <= names
        calls = [("server_info", {}), ("now_playing", {}), ("set_watched", {"rating_key": 1}),
                 ("history", {})]  # fmt: skip
        for ident, (tool, args) in enumerate(calls, start=3):
            request = {"name": tool, "arguments": args}
            server.send({"jsonrpc": "2.0", "id": ident, "method": "tools/call", "params": request})
            server.answer(ident)
    finally:
        server.close()
    assert len(server.lines) >= 6
    for line in server.lines:
        message = json.loads(line)  # every line is JSON ...
        assert message.get("jsonrpc") == "2.0", line  # ... and JSON-RPC
    texts = b"\n".join(server.lines).decode()
    assert "homelab-plex" in texts  # plexapi ran inside the process
    assert PLEX_TOKEN not in texts
    logs = server.stderr()
    assert "set_watched" in logs and PLEX_TOKEN not in logs  # the logs went to stderr
