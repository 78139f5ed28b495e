"""The shared HTTP client: error mapping by cause, bounded retries, Retry-After, TLS options."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from homelab_shared.errors import (
    AuthFailed,
    BadRequest,
    BadResponse,
    NotFound,
    RateLimited,
    Unreachable,
    UpstreamServerError,
    UpstreamTimeout,
)
from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.redact import register_secret

BASE = "http://sonarr.test:8989"


@pytest.fixture
async def http() -> AsyncIterator[UpstreamHTTP]:
    client = UpstreamHTTP(
        HttpOptions(
            base_url=BASE,
            service="Sonarr",
            auth_hint="check SONARR_API_KEY",
            url_hint="check SONARR_URL",
            headers={"X-Api-Key": "sonarr-secret-key-1"},
            backoff=0.001,
        )
    )
    register_secret("sonarr-secret-key-1")
    yield client
    await client.aclose()


@respx.mock
async def test_success_sends_key_accept_and_user_agent(http: UpstreamHTTP) -> None:
    route = respx.get(f"{BASE}/api/v3/system/status").respond(200, json={"version": "4.0.9"})
    assert await http.get_json("/api/v3/system/status") == {"version": "4.0.9"}
    sent = route.calls.last.request
    assert sent.headers["X-Api-Key"] == "sonarr-secret-key-1"
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["User-Agent"].startswith("homelab-mcp/")


@respx.mock
async def test_401_names_the_variable_and_hides_the_key(http: UpstreamHTTP) -> None:
    respx.get(f"{BASE}/api/v3/series").respond(401, text="Unauthorized sonarr-secret-key-1")
    with pytest.raises(AuthFailed) as err:
        await http.get_json("/api/v3/series")
    assert str(err.value) == (
        "Sonarr: rejected the credentials (HTTP 401 on GET /api/v3/series). Check SONARR_API_KEY"
    )
    assert "sonarr-secret-key-1" not in str(err.value)


@respx.mock
async def test_404_and_400_and_500(http: UpstreamHTTP) -> None:
    respx.get(f"{BASE}/api/v3/series/9").respond(404, json={"message": "NotFound"})
    respx.post(f"{BASE}/api/v3/series").respond(400, json=[{"errorMessage": "Path is required"}])
    respx.get(f"{BASE}/api/v3/queue").respond(500, text="boom")
    with pytest.raises(NotFound):
        await http.get_json("/api/v3/series/9")
    with pytest.raises(BadRequest, match="Path is required"):
        await http.json("POST", "/api/v3/series", json={})
    with pytest.raises(UpstreamServerError, match="HTTP 500"):
        await http.get_json("/api/v3/queue")


@respx.mock
async def test_idempotent_get_retries_503_then_succeeds(http: UpstreamHTTP) -> None:
    route = respx.get(f"{BASE}/api/v3/health").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=[])]
    )
    assert await http.get_json("/api/v3/health") == []
    assert route.call_count == 2


@respx.mock
async def test_post_is_not_retried_on_503(http: UpstreamHTTP) -> None:
    route = respx.post(f"{BASE}/api/v3/command").respond(503)
    with pytest.raises(UpstreamServerError):
        await http.json("POST", "/api/v3/command", json={"name": "RssSync"})
    assert route.call_count == 1


@respx.mock
async def test_refused_connection_is_not_retried(http: UpstreamHTTP) -> None:
    # a stopped server refuses again on retry; see test_retry_policy for real sockets
    route = respx.post(f"{BASE}/api/v3/command").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(201, json={"id": 1})]
    )
    with pytest.raises(Unreachable):
        await http.json("POST", "/api/v3/command", json={"name": "RssSync"})
    assert route.call_count == 1


@respx.mock
async def test_post_read_timeout_is_not_retried(http: UpstreamHTTP) -> None:
    route = respx.post(f"{BASE}/api/v3/command").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(UpstreamTimeout):
        await http.json("POST", "/api/v3/command", json={})
    assert route.call_count == 1


@respx.mock
async def test_retry_after_is_honoured_and_bounded(http: UpstreamHTTP) -> None:
    route = respx.get(f"{BASE}/api/v3/calendar").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json=[]),
        ]
    )
    assert await http.get_json("/api/v3/calendar") == []
    assert route.call_count == 2
    respx.get(f"{BASE}/api/v3/wanted").respond(429, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimited) as err:
        await http.get_json("/api/v3/wanted")
    assert err.value.retry_after == 3600
    assert "Retry after 3600 s" in str(err.value)


@respx.mock
async def test_retries_are_bounded(http: UpstreamHTTP) -> None:
    route = respx.get(f"{BASE}/api/v3/health").respond(502)
    with pytest.raises(UpstreamServerError):
        await http.get_json("/api/v3/health")
    assert route.call_count == 3  # first try + 2 retries


@respx.mock
async def test_connection_refused_is_unreachable_with_hint(http: UpstreamHTTP) -> None:
    respx.get(f"{BASE}/api/v3/health").mock(side_effect=httpx.ConnectError("Connection refused"))
    with pytest.raises(Unreachable, match="Check SONARR_URL and that it is running"):
        await http.get_json("/api/v3/health")


@respx.mock
async def test_html_instead_of_json_is_a_bad_response(http: UpstreamHTTP) -> None:
    respx.get(f"{BASE}/api/v3/series").respond(200, text="<html>login</html>")
    with pytest.raises(BadResponse, match="expected JSON"):
        await http.get_json("/api/v3/series")


async def test_real_tls_failure_says_how_to_fix() -> None:
    """A real TLS handshake against a plain-HTTP port fails; the message stays actionable."""
    from tests.example.upstream import InventoryServer
    from tests.peers import free_port

    server = InventoryServer(free_port(), "k").start()
    try:
        client = UpstreamHTTP(
            HttpOptions(base_url=server.url.replace("http:", "https:"), service="X", retries=0)
        )
        with pytest.raises(Unreachable) as err:
            await client.get_json("/api/items")
        await client.aclose()
    finally:
        server.stop()
    assert str(err.value) == (
        "X: cannot connect (no TLS on that port). Check the URL: use http:// if the upstream "
        "does not serve HTTPS there"
    )


@respx.mock
async def test_json_error_bodies_give_their_message(http: UpstreamHTTP) -> None:
    respx.post(f"{BASE}/api/v3/series").respond(
        400, json=[{"propertyName": "Path", "errorMessage": "'Path' must not be empty."}]
    )
    respx.put(f"{BASE}/api/v3/series/1").respond(
        500, json={"message": "database is locked", "description": "at Sonarr.Core..."}
    )
    with pytest.raises(BadRequest) as bad:
        await http.json("POST", "/api/v3/series", json={})
    assert str(bad.value).endswith("HTTP 400 on POST /api/v3/series: 'Path' must not be empty.)")
    with pytest.raises(
        UpstreamServerError, match=r"HTTP 500 on PUT /api/v3/series/1: database is locked\)"
    ):
        await http.json("PUT", "/api/v3/series/1", json={})
