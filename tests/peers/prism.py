"""Stoplight Prism: a mock server driven by an official OpenAPI spec (Sonarr, Radarr, Prowlarr,
ArgoCD, Plex in ``../shared/specs``).

Installed with the Node tools (``bash .ci/peers/node-tools.sh``; Prism needs the Node 24 binary
that comes with them). ``prism mock --errors`` answers requests that break the spec with 4xx
(422 for a bad body or parameter, 401 for a missing security scheme), so a server run against it
proves its requests follow the contract.

```python
with prism_mock("sonarr-v3.json") as url:   # http://127.0.0.1:<port>
    ...
```
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from tests.peers import free_port, missing, spec_path
from tests.peers.clients import NODE_MODULES, NODE_TOOLS_SCRIPT, node_bin

PRISM_JS = NODE_MODULES / "@stoplight" / "prism-cli" / "dist" / "index.js"
START_TIMEOUT = 30.0


@contextmanager
def prism_mock(spec: str, *, seed: int = 42, start_timeout: float = START_TIMEOUT) -> Iterator[str]:
    """Run ``prism mock --errors`` on a free loopback port for ``spec``; yield its base URL."""
    node = node_bin()
    if node is None or not PRISM_JS.is_file():
        missing(f"Prism is not installed: bash {NODE_TOOLS_SCRIPT}")
        raise AssertionError("unreachable")
    path = spec_path(spec)
    port = free_port()
    cmd = [str(node), str(PRISM_JS), "mock", "-d", "--seed", str(seed), "--errors"]
    cmd += ["-h", "127.0.0.1", "-p", str(port), str(path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_listening(proc, url, start_timeout)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()


def _wait_until_listening(proc: subprocess.Popen[str], url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"prism exited with {proc.returncode}: {output[-2000:]}")
        try:
            urllib.request.urlopen(f"{url}/__prism_probe__", timeout=1)
            return
        except urllib.error.HTTPError:  # any HTTP answer means it is listening
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"prism did not listen on {url} within {timeout:.0f} s")
