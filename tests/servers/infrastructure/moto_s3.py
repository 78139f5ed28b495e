"""A real S3 server on loopback: moto's server (Flask + werkzeug) in a thread of this process.

It speaks the S3 REST protocol (SigV4, XML, ListObjectsV2), so the ``minio`` SDK works against it
unchanged. It is not MinIO: the admin API and ``/minio/health/*`` do not exist there.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from tests.peers import free_port, missing

ACCESS_KEY = "homelab-access-key"
SECRET_KEY = "homelab-secret-key-5e1f0a"


class MotoS3:
    def __init__(self, url: str) -> None:
        self.url = url
        self.endpoint = url.removeprefix("http://")

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200


@contextmanager
def moto_s3() -> Iterator[MotoS3]:
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:  # the dev group is not installed
        missing('moto[server] is not installed: uv sync (dev group has "moto[server]")')
        raise AssertionError("unreachable") from None
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield MotoS3(f"http://127.0.0.1:{port}")
    finally:
        server.stop()
