"""ArgoCD end to end against Prism serving ArgoCD's own swagger.

Prism answers a request that breaks the spec with 422 and lists the violations in its
``sl-violations`` header. Its generator cannot make valid Application or ApplicationSet bodies for
this spec (``format: byte`` fields, "schema too complex"), so those answers are 500s about the
*response*; what this test proves for every call is that Prism found nothing wrong with the
*request*. Where Prism can answer (version, resource tree), the tool result is checked too.
ApplicationSet bodies make Prism's dynamic generator hang, so ApplicationSets are covered by the
spec-validated tests in test_argocd.py only.
"""

from __future__ import annotations

import json

import httpx
import pytest

from homelab_shared.errors import UpstreamServerError
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.argocd import ArgoClient
from infrastructure_mcp.server import build_server, probe
from infrastructure_mcp.settings import InfraSettings
from infrastructure_mcp.tools import Upstreams
from tests.harness import mcp_client
from tests.peers.prism import prism_mock
from tests.servers.infrastructure.conftest import call

pytestmark = pytest.mark.peer


def parse_violations(header: str) -> list[dict[str, object]]:
    """Prism's header is a JSON list, sometimes after a "Too many violations! " prefix."""
    start = header.find("[")
    if start < 0:
        return []
    try:
        return json.loads(header[start:])
    except ValueError:  # cut short: keep what says where, so request problems still show
        return [
            {"location": ["request" if '"request"' in header else "response"], "message": header}
        ]


class Recording(httpx.AsyncHTTPTransport):
    """A real transport that keeps each exchange's method, path, status and Prism's verdict."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[str, str, int, list[dict[str, object]]]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        violations = parse_violations(response.headers.get("sl-violations", ""))
        self.exchanges.append((request.method, request.url.path, response.status_code, violations))
        return response


def request_violations(transport: Recording) -> list[str]:
    found = []
    for method, path, status, violations in transport.exchanges:
        if status == 422:
            found.append(f"{method} {path}: 422")
        found += [
            f"{method} {path}: {v.get('message')}"
            for v in violations
            if (v.get("location") or [""])[0] == "request"  # type: ignore[index]
        ]
    return found


async def test_requests_follow_the_spec(runtime: RuntimeSettings) -> None:
    # ArgoCD's swagger is large: Prism takes 20-40 s to start on a loaded 2-core machine.
    with prism_mock("argocd-swagger.json", start_timeout=120) as url:
        settings = load_settings(
            InfraSettings, argocd_url=url, argocd_token="prism-token", allow_write=True
        )
        transport = Recording()
        argo = ArgoClient(settings, transport=transport)
        try:
            server = build_server(settings, runtime, client=Upstreams(argocd=argo))
            async with mcp_client(server) as client:
                tree = await call(client, "application_resources", name="jellyfin")
                assert tree["application"] == "jellyfin" and tree["nodes"] >= 1
                for tool, args in [
                    ("list_applications", {"project": "homelab", "selector": "team=media"}),
                    ("get_application", {"name": "jellyfin"}),
                    ("application_history", {"name": "jellyfin"}),
                    ("refresh_application", {"name": "jellyfin", "hard": True}),
                    ("sync_application", {"name": "jellyfin", "dry_run": True, "revision": "v1"}),
                ]:
                    result = await client.call_tool(tool, args, raise_on_error=False)
                    if result.is_error:  # only Prism's own response generation may fail
                        assert "server error" in str(result.content[0]), (tool, result.content)
            with pytest.raises(UpstreamServerError):
                await argo.rollback("jellyfin", 4)  # a valid request; Prism cannot answer it
            ready = await probe(Upstreams(argocd=argo))
            assert ready.ok, ready.detail
        finally:
            await argo.aclose()
    assert len(transport.exchanges) >= 8
    assert request_violations(transport) == []
