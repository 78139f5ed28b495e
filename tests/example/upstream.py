"""A real HTTP upstream for the example server: a small inventory API with an API key.

It runs in a thread (tests) or as a process (``python -m tests.example.upstream PORT KEY``).
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SEED = {
    f"item-{i}": {"id": f"item-{i}", "name": f"Widget {i}", "state": "off", "notes": "x" * 40}
    for i in range(1, 31)
}


class InventoryServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, api_key: str) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.api_key = api_key
        self.items: dict[str, dict[str, Any]] = json.loads(json.dumps(SEED))
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> InventoryServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: InventoryServer  # pyright: ignore[reportIncompatibleVariableOverride]

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _route(self, method: str) -> None:
        srv = self.server
        with srv.lock:
            srv.requests.append((method, self.path))
        if self.headers.get("X-Api-Key") != srv.api_key:
            self._send(401, {"error": "Unauthorized"})
            return
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[:2] != ["api", "items"]:
            self._send(404, {"error": "no such path"})
            return
        if len(parts) == 2 and method == "GET":
            self._send(200, list(srv.items.values()))
            return
        item_id = parts[2] if len(parts) == 3 else ""
        item = srv.items.get(item_id)
        if item is None:
            self._send(404, {"error": f"item {item_id} not found"})
        elif method == "GET":
            self._send(200, item)
        elif method == "PUT":
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if body.get("state") not in ("on", "off"):
                self._send(400, {"error": "state must be on or off"})
                return
            with srv.lock:
                item["state"] = body["state"]
            self._send(200, item)
        elif method == "DELETE":
            with srv.lock:
                del srv.items[item_id]
            self.send_response(204)
            self.end_headers()
        else:
            self._send(405, {"error": "method not allowed"})

    def do_GET(self) -> None:
        self._route("GET")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")


if __name__ == "__main__":
    server = InventoryServer(int(sys.argv[1]), sys.argv[2])
    print(server.url, flush=True)
    server.serve_forever()
