"""Ollama's health probe without the ``ollama`` library: the same address, the same answer.

The probe (``GET /api/tags``: start-up warm-up, readiness, which local models are pulled) goes
over plain httpx; the library loads only for a prompt sent to a local model. These tests hold
the probe to the library: ``OLLAMA_HOST`` is parsed as the library's ``_parse_host`` parses it
(on the examples in its own docstring and more), the key header is the one it sends, and a
server that probed a real loopback Ollama fake has still not imported it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import ollama
import pytest
import respx
from ollama._client import _parse_host  # pyright: ignore[reportPrivateUsage]

from routing_mcp.providers.ollama import OllamaProvider, base_url
from tests.harness.fresh import run_script
from tests.routing.fake_providers import Fakes
from tests.routing.payloads import ollama_tags

# Beyond the docstring's examples: what people write in OLLAMA_HOST.
MORE_HOSTS = [
    "http://127.0.0.1:11434",
    "localhost",
    "localhost:11434",
    "ollama:11434/",
    "0.0.0.0",
    "::1",
    "[::1]",
    "[::1]:8080",
    "http://[::1]:8080/ollama/",
    "https://ollama.lan",
    "https://ollama.lan/api-proxy/v1",
    "HTTP://Ollama.LAN:8080",
    "http://user:secret@ollama.lan:9000",
    "ftp://ollama.lan",
    ":8080",
    "   ",
]


def docstring_hosts() -> list[str | None]:
    """Every input of the ``>>> _parse_host(...)`` examples in the installed library."""
    found = re.findall(r">>> _parse_host\((.*)\)", _parse_host.__doc__ or "")
    return [ast.literal_eval(arg) for arg in found]


def test_the_library_documents_enough_examples_to_compare_on() -> None:
    hosts = docstring_hosts()
    assert len(hosts) >= 30, hosts  # scheme or not, port or not, paths, IPv6
    assert None in hosts and "[0001:002:003:0004::1]:56789/path/" in hosts


@pytest.mark.parametrize("host", [*docstring_hosts(), *MORE_HOSTS])
def test_ollama_host_is_parsed_as_the_ollama_client_parses_it(host: str | None) -> None:
    try:
        expected = _parse_host(host)
    except ValueError:  # e.g. "::1" unbracketed (a port that is not a number): refused too
        with pytest.raises(ValueError, match=r"[Pp]ort"):
            base_url(host)
        return
    assert base_url(host) == expected


@pytest.mark.parametrize("host", ["bad:port:x", "ollama.lan:99999"])
def test_a_host_the_library_refuses_is_refused(host: str) -> None:
    with pytest.raises(ValueError, match=r"[Pp]ort"):
        _parse_host(host)
    with pytest.raises(ValueError, match=r"[Pp]ort"):
        base_url(host)


async def probe(host: str) -> tuple[OllamaProvider, httpx.Request]:
    provider = OllamaProvider(host, read_timeout=5.0, connect_timeout=2.0)
    with respx.mock(assert_all_called=True) as router:
        route = router.get(f"{_parse_host(host)}/api/tags").respond(
            json=ollama_tags("qwen2.5:3b", "llama3.2")
        )
        await provider.check(2.0)
    await provider.aclose()
    return provider, route.calls.last.request


async def test_the_probe_sends_the_key_header_the_library_sends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OLLAMA_API_KEY", "ollama-proxy-key-0123456789")
    library = ollama.AsyncClient(host="ollama.lan:9000")
    expected = library._client.headers["authorization"]  # pyright: ignore[reportPrivateUsage]
    await library.close()
    _provider, request = await probe("ollama.lan:9000")
    assert request.headers["authorization"] == expected == "Bearer ollama-proxy-key-0123456789"


async def test_the_probe_lists_pulled_models_as_the_library_did(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OLLAMA_API_KEY", raising=False)
    provider, request = await probe("ollama.lan")
    assert str(request.url) == "http://ollama.lan:11434/api/tags"
    assert "authorization" not in request.headers
    assert await provider.available("qwen2.5:3b")
    assert await provider.available("llama3.2")  # listed as llama3.2:latest by Ollama itself
    assert not await provider.available("mistral")


async def test_an_error_status_is_up_but_lists_nothing() -> None:
    provider = OllamaProvider("ollama.lan", read_timeout=5.0, connect_timeout=2.0)
    with respx.mock() as router:
        router.get("http://ollama.lan:11434/api/tags").respond(500, text="internal error")
        await provider.check(2.0)  # it answered: not "down"
        assert not await provider.available("qwen2.5:3b")
    await provider.aclose()


SCRIPT = """
import asyncio, json, sys
from fastmcp import Client
from homelab_shared.settings import load_settings
from routing_mcp.server import build_server
from routing_mcp.settings import RoutingSettings
from routing_mcp.spec import SPEC

async def main():
    settings = load_settings(RoutingSettings)
    async with Client(build_server(settings)) as client:
        await client.list_tools()
        listed = await client.call_tool("list_models", {})
    ready = await SPEC.check(settings)
    models = {m["name"]: m["status"] for m in listed.structured_content["result"]}
    print(json.dumps({"ollama": "ollama" in sys.modules, "models": models, "ready": ready.ok}))

asyncio.run(main())
"""


def test_probing_a_real_ollama_never_imports_the_ollama_library(
    fakes: Fakes, tmp_path: Path
) -> None:
    """The real server and readiness check, against the loopback Ollama fake, with
    ``OLLAMA_HOST`` written without a scheme (host:port, as Ollama's own docs write it)."""
    before = fakes.listings["ollama"]
    seen = run_script(SCRIPT, tmp_path, {"OLLAMA_HOST": urlsplit(fakes.url).netloc})
    assert fakes.listings["ollama"] - before >= 2  # list_models and the readiness check
    assert seen["ready"] is True
    assert seen["models"]["local-qwen"] == "ready"  # qwen2.5:3b is in the fake's tags
    assert seen["ollama"] is False
