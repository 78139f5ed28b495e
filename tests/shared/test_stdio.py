"""The stdio transport on the event loop (``homelab_shared.stdio``), as a client process sees it:
JSON-RPC lines on its own pipes, nothing else on stdout (stray output of a tool goes to stderr),
lines of any length arriving in pieces, the descriptors given back as they were after the session,
and the SDK's transport wherever the descriptors are not the client's own pipes."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, ClassVar

import pytest

DEADLINE_S = 30.0

SERVER = textwrap.dedent(
    """
    import contextlib
    import os

    import anyio
    from fastmcp import FastMCP

    from homelab_shared.stdio import serve_stdio

    mcp = FastMCP("stdio-test")


    @mcp.tool
    def measure(text: str) -> str:
        print("stray print from a tool", flush=True)
        os.write(1, b"stray write from a tool\\n")
        return f"{len(text)} characters, ending {text[-3:]}"


    before = (os.get_blocking(0), os.get_blocking(1), os.fstat(0).st_ino, os.fstat(1).st_ino)
    anyio.run(serve_stdio, mcp)
    after = (os.get_blocking(0), os.get_blocking(1), os.fstat(0).st_ino, os.fstat(1).st_ino)
    report = "descriptors restored" if after == before else f"changed: {before} -> {after}"
    with contextlib.suppress(BrokenPipeError):  # (a client that closed stdout)
        os.write(1, report.encode() + b"\\n")
    """
)


class Wire:
    """A client's end of the server's stdin and stdout pipes; stderr goes to a file."""

    def __init__(self, argv: list[str], stderr: Path) -> None:
        with stderr.open("wb") as err:
            self.proc = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err
            )
        self.stderr = stderr
        self.lines: queue.Queue[bytes] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, stdout: IO[bytes]) -> None:
        for line in stdout:
            self.lines.put(line)
        self.lines.put(b"")  # end of output

    def write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.write(json.dumps(message).encode() + b"\n")

    def line(self) -> bytes:
        try:
            return self.lines.get(timeout=DEADLINE_S)
        except queue.Empty:
            log = self.stderr.read_text()
            raise AssertionError(f"no output in {DEADLINE_S} s: {log}") from None

    def answer(self, ident: int) -> dict[str, Any]:
        while line := self.line():
            message = json.loads(line)  # every line on stdout is JSON-RPC
            if message.get("id") == ident:
                return message
        raise AssertionError(f"stdout ended before answer {ident}: {self.stderr.read_text()}")

    INITIALIZE: ClassVar[dict[str, Any]] = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "test", "version": "1"},
        },
    }

    def initialize(self) -> None:
        self.send(self.INITIALIZE)
        assert "result" in self.answer(1)
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Wire]:
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    wire = Wire([sys.executable, str(script)], tmp_path / "stderr.log")
    yield wire
    if wire.proc.poll() is None:
        wire.proc.kill()
        wire.proc.wait()


def call(ident: int, text: str) -> dict[str, Any]:
    params = {"name": "measure", "arguments": {"text": text}}
    return {"jsonrpc": "2.0", "id": ident, "method": "tools/call", "params": params}


def test_a_long_line_in_pieces_is_one_message_and_stray_output_goes_to_stderr(
    server: Wire,
) -> None:
    server.initialize()
    text = "é" * 1_000_000 + "end"  # 2 MB of UTF-8, split inside a character below
    data = json.dumps(call(2, text), ensure_ascii=False).encode() + b"\n"
    for start in range(0, len(data), 300_001):
        server.write(data[start : start + 300_001])
        time.sleep(0.01)
    answer = server.answer(2)
    assert answer["result"]["content"][0]["text"] == "1000003 characters, ending end"
    # A tool's print() and a raw write to fd 1 missed the wire: they are in stderr.
    server.send(call(3, "short"))
    assert server.answer(3)["result"]["content"][0]["text"] == "5 characters, ending ort"
    assert server.proc.stdin is not None
    server.proc.stdin.close()  # end of the session
    assert server.line() == b"descriptors restored\n"
    assert server.proc.wait(timeout=DEADLINE_S) == 0
    log = server.stderr.read_text()
    assert log.count("stray print from a tool") == 2
    assert log.count("stray write from a tool") == 2


def test_the_last_line_without_a_newline_is_read_and_invalid_utf8_is_replaced(
    server: Wire,
) -> None:
    server.initialize()
    data = json.dumps(call(2, "ab\udcff"), ensure_ascii=True).encode()
    server.write(data.replace(b"\\udcff", b"\xff") + b"\n")  # an invalid byte in a string
    assert server.answer(2)["result"]["content"][0]["text"] == "3 characters, ending ab\ufffd"
    server.write(json.dumps(call(3, "last")).encode())  # no newline, then end of input
    assert server.proc.stdin is not None
    server.proc.stdin.close()
    # Read, though the session ends with the input: the call is answered as cut short.
    assert server.answer(3)["error"]["message"] == "Connection closed"
    assert server.proc.wait(timeout=DEADLINE_S) == 0


PROBE = "from homelab_shared.stdio import native_possible; print(native_possible())"


@pytest.mark.parametrize(
    ("stdin", "stderr", "native"),
    [
        ("pipe", "file", True),  # a desktop client: its own pipes, stderr to a log
        ("pipe", "pipe", True),  # stderr on a pipe of its own
        ("pipe", "stdout", False),  # stderr shares stdout's pipe: it must stay blocking
        ("file", "file", False),  # input from a file: asyncio cannot poll a regular file
    ],
)
def test_the_transport_on_the_loop_serves_only_a_clients_own_pipes(
    stdin: str, stderr: str, native: bool, tmp_path: Path
) -> None:
    source = tmp_path / "input"
    source.write_bytes(b"")
    with source.open("rb") as file_in, (tmp_path / "err").open("wb") as file_err:
        result = subprocess.run(
            [sys.executable, "-c", PROBE],
            stdin=None if stdin == "pipe" else file_in,
            stdout=subprocess.PIPE,
            stderr={"file": file_err, "pipe": subprocess.PIPE, "stdout": subprocess.STDOUT}[stderr],
            input=b"" if stdin == "pipe" else None,
            timeout=DEADLINE_S,
            check=True,
        )
    assert result.stdout.decode().strip() == str(native)


def test_a_client_that_closed_stdout_ends_the_session_without_a_traceback(
    tmp_path: Path,
) -> None:
    script = tmp_path / "server.py"
    script.write_text(SERVER)
    with (tmp_path / "stderr.log").open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err
        )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        init = Wire.INITIALIZE
        proc.stdin.write(json.dumps(init).encode() + b"\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["id"] == 1
        proc.stdout.close()  # the client stops reading: the next answer has nowhere to go
        proc.stdin.write(json.dumps(call(2, "x" * 200_000)).encode() + b"\n")
        proc.stdin.flush()
        time.sleep(0.5)
        proc.stdin.close()
        assert proc.wait(timeout=DEADLINE_S) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = (tmp_path / "stderr.log").read_text()
    assert "stray print from a tool" in log  # the call ran; its answer could not be written
    assert "Traceback" not in log, log
