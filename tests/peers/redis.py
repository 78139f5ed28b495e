"""A real Redis server on a free loopback port (installed by `.ci/peers/redis.sh`)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis

from tests.peers import free_port, missing


@contextmanager
def redis_server() -> Iterator[str]:
    """Start redis-server, yield its URL, stop it by PID."""
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis-server is not installed: run `bash .ci/peers/redis.sh`")
        raise AssertionError("unreachable")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("redis-server did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
