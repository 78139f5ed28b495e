"""MCP clients for the benchmark: fastmcp.Client (what users run) and raw JSON-RPC over httpx.

The raw client sends the requests fastmcp.Client 4.x sends on the 2026-07-28 protocol (one POST
per request, the same headers and protocol ``_meta``, without its logLevel/progressToken), but
skips the client-side parsing and validation, so the server's share of the cost is easier to see
on a small machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import httpx
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport

from bench.procs import ROOT, pin

PROTOCOL = "2026-07-28"
META = {
    "io.modelcontextprotocol/protocolVersion": PROTOCOL,
    "io.modelcontextprotocol/clientInfo": {"name": "bench", "version": "1"},
    "io.modelcontextprotocol/clientCapabilities": {},
}
HEADERS = {
    "accept": "application/json, text/event-stream",
    "content-type": "application/json",
    "mcp-protocol-version": PROTOCOL,
}


def request(rid: int, method: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": rid,
        "method": method,
        "params": {**(params or {}), "_meta": META},
    }


def _decode(response: httpx.Response) -> dict[str, Any]:
    response.raise_for_status()
    if response.headers.get("content-type", "").startswith("text/event-stream"):
        for line in response.text.splitlines():
            if line.startswith("data:"):
                msg = json.loads(line[5:])
                if "id" in msg:
                    return msg
        raise RuntimeError("no JSON-RPC response in the event stream")
    return response.json()


async def rpc(
    http: httpx.AsyncClient,
    url: str,
    rid: int,
    method: str,
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    headers = {**HEADERS, "mcp-method": method}
    if params and "name" in params:
        headers["mcp-name"] = str(params["name"])
    msg = _decode(await http.post(url, json=request(rid, method, params), headers=headers))
    if "error" in msg:
        raise RuntimeError(f"{method} failed: {msg['error']}")
    return msg["result"]


async def list_tools(url: str) -> list[str]:
    async with httpx.AsyncClient(timeout=30.0) as http:
        result = await rpc(http, url, 1, "tools/list")
    return [t["name"] for t in result["tools"]]


async def call_tool(url: str, name: str, arguments: Mapping[str, Any] | None = None) -> Any:
    async with httpx.AsyncClient(timeout=30.0) as http:
        result = await rpc(http, url, 1, "tools/call", {"name": name, "arguments": arguments or {}})
    if result.get("isError"):
        raise RuntimeError(f"{name} returned an error: {result.get('content')}")
    return result.get("structuredContent")


class Caller(Protocol):
    async def __aenter__(self) -> Caller: ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def call(self) -> None: ...


class FastMCPCaller:
    """One fastmcp.Client over StreamableHttpTransport: what an MCP client sees."""

    def __init__(self, url: str, tool: str) -> None:
        self.client = Client(StreamableHttpTransport(url), timeout=30)
        self.tool = tool

    async def __aenter__(self) -> FastMCPCaller:
        await self.client.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.__aexit__(None, None, None)

    async def call(self) -> None:
        result = await self.client.call_tool(self.tool, {}, raise_on_error=False)
        if result.is_error:
            raise RuntimeError(f"{self.tool} returned an error: {result.content}")


class RawCaller:
    """One httpx.AsyncClient (own keep-alive connection) sending raw JSON-RPC tools/call."""

    def __init__(self, url: str, tool: str) -> None:
        self.url = url
        self.tool = tool
        self.http = httpx.AsyncClient(timeout=30.0)
        self.rid = 0

    async def __aenter__(self) -> RawCaller:
        await rpc(self.http, self.url, 0, "server/discover")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    async def call(self) -> None:
        self.rid += 1
        result = await rpc(
            self.http, self.url, self.rid, "tools/call", {"name": self.tool, "arguments": {}}
        )
        if result.get("isError"):
            raise RuntimeError(f"{self.tool} returned an error: {result.get('content')}")


CALLERS: dict[str, type[FastMCPCaller] | type[RawCaller]] = {
    "fastmcp": FastMCPCaller,
    "raw": RawCaller,
}


async def stdio_cold_start(
    argv: Sequence[str],
    env: Mapping[str, str],
    log: Path,
    limit_s: float = 60.0,
    cpus: set[int] | None = None,
) -> float:
    """Seconds from spawn until the answer to tools/list arrives over stdio.

    Sends what fastmcp.Client sends on connect (``server/discover``) and then ``tools/list``,
    both written at once; the server reads them in order.
    """
    lines = b"".join(
        json.dumps(request(i, m)).encode() + b"\n"
        for i, m in ((1, "server/discover"), (2, "tools/list"))
    )
    with log.open("ab") as err:
        start = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=err,
            env=dict(env),
            cwd=ROOT,
            start_new_session=True,
            limit=64 * 1024 * 1024,  # the full gateway's tools/list is one line of ~200 KB
        )
    if cpus:
        pin(proc.pid, cpus)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(lines)
        await proc.stdin.drain()
        async with asyncio.timeout(limit_s):
            while True:
                line = await proc.stdout.readline()
                if not line:
                    raise RuntimeError(f"{argv} closed stdout before answering (see {log})")
                msg = json.loads(line)
                if msg.get("id") == 2:
                    elapsed = time.perf_counter() - start
                    if "result" not in msg or not msg["result"].get("tools"):
                        raise RuntimeError(f"tools/list failed: {msg}")
                    return elapsed
    finally:
        proc.stdin.close()
        try:
            async with asyncio.timeout(5):
                await proc.wait()
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
