"""The spec-checked respx harness catches wrong requests and drifted fixtures (Sonarr's spec)."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.harness.openapi import SpecViolation, load_spec, spec_route

BASE = "http://sonarr.test:8989"
KEY = {"X-Api-Key": "0123456789abcdef"}


async def test_valid_request_and_response_pass() -> None:
    spec = load_spec("sonarr-v3.json")
    with respx.mock() as router:
        spec_route(
            router,
            spec,
            "GET",
            f"{BASE}/api/v3/series/7",
            httpx.Response(200, json={"id": 7, "title": "Severance", "year": 2022}),
        )
        async with httpx.AsyncClient(headers=KEY) as client:
            response = await client.get(f"{BASE}/api/v3/series/7")
    assert response.json()["title"] == "Severance"


async def test_fixture_with_wrong_types_fails() -> None:
    spec = load_spec("sonarr-v3.json")
    with respx.mock() as router:
        spec_route(
            router,
            spec,
            "GET",
            f"{BASE}/api/v3/series/7",
            httpx.Response(200, json={"id": "seven", "year": "2022"}),
        )
        async with httpx.AsyncClient(headers=KEY) as client:
            with pytest.raises(SpecViolation, match="fixture response to GET /api/v3/series/7"):
                await client.get(f"{BASE}/api/v3/series/7")


async def test_request_the_spec_does_not_have_fails() -> None:
    spec = load_spec("sonarr-v3.json")
    with respx.mock() as router:
        spec_route(router, spec, "DELETE", f"{BASE}/api/v3/system/status", httpx.Response(200))
        async with httpx.AsyncClient(headers=KEY) as client:
            with pytest.raises(SpecViolation, match="request DELETE /api/v3/system/status"):
                await client.delete(f"{BASE}/api/v3/system/status")


async def test_request_with_bad_parameter_type_fails() -> None:
    spec = load_spec("sonarr-v3.json")
    with respx.mock() as router:
        spec_route(router, spec, "GET", f"{BASE}/api/v3/series/abc", httpx.Response(200, json={}))
        async with httpx.AsyncClient(headers=KEY) as client:
            with pytest.raises(SpecViolation, match="request GET /api/v3/series/abc"):
                await client.get(f"{BASE}/api/v3/series/abc")


async def test_request_without_the_api_key_fails() -> None:
    spec = load_spec("sonarr-v3.json")
    with respx.mock() as router:
        spec_route(router, spec, "GET", f"{BASE}/api/v3/series/7", httpx.Response(200, json={}))
        async with httpx.AsyncClient() as client:
            with pytest.raises(SpecViolation, match="Security"):
                await client.get(f"{BASE}/api/v3/series/7")
