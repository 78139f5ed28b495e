"""``homelab-mcp`` as a user runs it, one process per test: clean SIGINT/SIGTERM shutdown with a
real Home Assistant mounted (gateway over HTTP, one server over HTTP, stdio), start-up warnings
for an unreachable upstream, a busy port, and the printed Claude config launched as printed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.client.transports import StdioTransport

from tests.gateway.test_gateway import run_cli
from tests.peers import ROOT, free_port
from tests.peers.clients import FASTMCP_QUIET_ENV, wait_for_port
from tests.peers.homeassistant import HomeAssistantPeer

HOMELAB_MCP = str(Path(sys.executable).parent / "homelab-mcp")
SHUTDOWN_S = 20.0


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The user's environment, minus anything of ours (the isolation fixture cleared it)."""
    return {**os.environ, **FASTMCP_QUIET_ENV, "HOMELAB_STATE_DIR": str(tmp_path / "state")}


def poll(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Proc:
    def __init__(
        self, argv: list[str], env: dict[str, str], log: Path, stdin: Any = None, stdout: Any = None
    ):
        """stdout and stderr to ``log``, or only stderr when ``stdout`` is given."""
        self.log = log
        with log.open("wb") as out:
            self.popen = subprocess.Popen(
                argv,
                env=env,
                cwd=log.parent,
                stdin=stdin,
                stdout=out if stdout is None else stdout,
                stderr=subprocess.STDOUT if stdout is None else out,
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop_with(self, sig: signal.Signals) -> int:
        self.popen.send_signal(sig)
        return self.popen.wait(timeout=SHUTDOWN_S)

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait()


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., Proc]]:
    procs: list[Proc] = []

    def start(argv: list[str], env: dict[str, str], stdin: Any = None, stdout: Any = None) -> Proc:
        proc = Proc(argv, env, tmp_path / f"proc{len(procs)}.log", stdin, stdout)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.kill()


def assert_clean(proc: Proc, code: int) -> None:
    text = proc.text()
    assert code == 0, text[-3000:]
    for noise in ("Traceback", "CancelledError", "KeyboardInterrupt"):
        assert noise not in text, text[-3000:]


async def touch_home_assistant(url: str) -> None:
    """A call that opens the WebSocket to Home Assistant, so shutdown has something to close."""
    async with Client(url) as client:
        names = {t.name for t in await client.list_tools()}
        tool = "ha_list_areas" if "ha_list_areas" in names else "list_areas"
        result = await client.call_tool(tool, {})
    assert not result.is_error


@pytest.mark.peer
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("alone", [False, True], ids=["gateway", "home-assistant-alone"])
async def test_http_shuts_down_cleanly(
    sig: signal.Signals,
    alone: bool,
    ha_peer: HomeAssistantPeer,
    env: dict[str, str],
    spawn: Callable[..., Proc],
) -> None:
    port = free_port()
    env.update(HA_URL=ha_peer.url, HA_TOKEN=ha_peer.token)
    name = ["home-assistant"] if alone else []
    proc = spawn([HOMELAB_MCP, "serve", *name, "--port", str(port)], env)
    wait_for_port(port, proc=proc.popen, log=proc.log)
    await touch_home_assistant(f"http://127.0.0.1:{port}/mcp")
    assert_clean(proc, proc.stop_with(sig))


@pytest.mark.peer
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("own_pipes", [True, False], ids=["own-pipes", "stdout-with-stderr"])
def test_stdio_shuts_down_cleanly(
    sig: signal.Signals,
    own_pipes: bool,
    ha_peer: HomeAssistantPeer,
    env: dict[str, str],
    spawn: Callable[..., Proc],
) -> None:
    """On a client's own pipes the transport runs on the event loop; with stdout shared with
    stderr (a log file here), the SDK's transport serves: both stop the same clean way."""
    env.update(HA_URL=ha_peer.url, HA_TOKEN=ha_peer.token, HOMELAB_LOG_LEVEL="DEBUG")
    stdout = subprocess.PIPE if own_pipes else None
    argv = [HOMELAB_MCP, "serve", "--transport", "stdio"]
    proc = spawn(argv, env, stdin=subprocess.PIPE, stdout=stdout)
    poll(lambda: "Starting MCP server" in proc.text(), "the stdio server to start")
    assert ("(on the loop)" in proc.text()) is own_pipes
    assert_clean(proc, proc.stop_with(sig))
    assert "stopping" in proc.text()


def test_an_unreachable_upstream_gives_one_warning_line_and_serving_goes_on(
    env: dict[str, str], spawn: Callable[..., Proc]
) -> None:
    port, dead = free_port(), free_port()
    env.update(HA_URL=f"http://127.0.0.1:{dead}", HA_TOKEN="some-token-0123456789")
    proc = spawn([HOMELAB_MCP, "serve", "--port", str(port)], env)
    wait_for_port(port, proc=proc.popen, log=proc.log)

    def warnings() -> list[dict[str, Any]]:
        lines = [json.loads(x) for x in proc.text().splitlines() if x.startswith("{")]
        return [x for x in lines if x["level"] == "WARNING" and x.get("server")]

    poll(lambda: any(w["server"] == "home-assistant" for w in warnings()), "the warning")
    [line] = [w for w in warnings() if w["server"] == "home-assistant"]
    assert "not ready at start" in line["message"]
    assert "cannot connect" in line["message"]
    assert "some-token-0123456789" not in proc.text()
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass  # still serving
    assert proc.popen.poll() is None


def test_a_busy_port_suggests_port(env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [HOMELAB_MCP, "serve", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in proc.stderr
    assert "--port" in proc.stderr
    assert "Traceback" not in proc.stderr


async def test_printed_claude_config_starts_with_a_minimal_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Exactly as printed (PATH as short as a desktop app's): tools/list over stdio."""
    code, out, _ = run_cli(capsys, "client-config", "claude")
    assert code == 0
    entry = json.loads(out.split("\n", 1)[1])["mcpServers"]["homelab"]
    assert Path(entry["command"]).is_absolute()
    assert entry["env"]["HOMELAB_STATE_DIR"] == str(tmp_path / "state")
    transport = StdioTransport(
        command=entry["command"],
        args=entry["args"],
        env={**entry["env"], "PATH": "/usr/bin:/bin"},
        cwd="/",
        keep_alive=False,
        log_file=tmp_path / "server.log",
    )
    async with Client(transport, timeout=60) as client:
        names = {t.name for t in await client.list_tools()}
    log = (tmp_path / "server.log").read_text()
    assert {"status", "route_ask", "route_list_models"} <= names, log


def test_client_config_rejects_an_unknown_server(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "client-config", "claude", "--server", "bogus")
    assert code == 2
    assert out == ""
    assert "no server named 'bogus' (known: " in err
    known = err.split("(known: ", 1)[1].split(")", 1)[0].split(", ")
    assert {"home-assistant", "routing"} <= set(known)


def test_client_config_for_one_server_fills_non_secrets_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HA_URL", "http://ha.lan:8123")
    monkeypatch.setenv("HA_TOKEN", "the-real-token-0123456789")
    monkeypatch.setenv("HA_ALLOW_WRITE", "true")
    code, out, _ = run_cli(capsys, "client-config", "claude", "--server", "home-assistant")
    assert code == 0
    entry = json.loads(out.split("\n", 1)[1])["mcpServers"]["homelab-home-assistant"]
    assert entry["args"][-4:] == ["serve", "home-assistant", "--transport", "stdio"]
    assert {
        "HA_URL": "http://ha.lan:8123",
        "HA_ALLOW_WRITE": "true",
        "HA_TOKEN": "<HA_TOKEN>",
    }.items() <= entry["env"].items()
    assert "the-real-token-0123456789" not in out
    assert ROOT.name in " ".join(entry["args"])
