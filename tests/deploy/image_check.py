"""Check a running image as a user would (called by .ci/images.sh after `podman run`).

    python -m tests.deploy.image_check CONTAINER PORT TOKEN

/healthz answers 200; /mcp refuses a request without a token (401); a real MCP client with the
token lists the tools; the process runs as uid 10001, not root; the root filesystem is read-only
while /data (the volume) is writable and holds the server's state.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport

START_TIMEOUT = 120.0


def fail(message: str) -> None:
    print(f"image check FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def podman(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["podman", *args], capture_output=True, text=True, check=False)


def wait_healthy(base: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    fail(f"/healthz did not answer 200 within {START_TIMEOUT:.0f} s")


def unauthenticated_status(base: str) -> int:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).encode()
    request = urllib.request.Request(
        f"{base}/mcp",
        data=body,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


async def list_tools(base: str, token: str) -> list[str]:
    transport = StreamableHttpTransport(f"{base}/mcp", headers={"Authorization": f"Bearer {token}"})
    async with Client(transport) as client:
        return [t.name for t in await client.list_tools()]


def main(container: str, port: str, token: str) -> None:
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base)
    if (status := unauthenticated_status(base)) != 401:
        fail(f"/mcp without a token answered {status}, not 401")
    tools = asyncio.run(list_tools(base, token))
    if not tools:
        fail("tools/list with a token listed no tool")
    uid = podman("exec", container, "id", "-u").stdout.strip()
    if uid != "10001":
        fail(f"the server runs as uid {uid!r}, not 10001")
    if podman("exec", container, "touch", "/app/written").returncode == 0:
        fail("the root filesystem is writable (expected --read-only to hold)")
    mount = podman("volume", "inspect", container, "--format", "{{.Mountpoint}}").stdout.strip()
    state = sorted(p.name for p in Path(mount).iterdir()) if mount else []
    if "confirm.key" not in state:
        fail(f"the state volume holds {state}, not the confirmation key")
    print(f"image check ok: {container}: {len(tools)} tools, uid 10001, read-only root, {state}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
