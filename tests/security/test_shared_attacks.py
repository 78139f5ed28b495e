"""Attacks on the shared library, through a real MCP client: path traversal into other upstream
endpoints, identity confusion between static tokens and JWTs, unaudited refusals, and secrets
hidden in nested arguments. Token replay is in test_token_replay.py."""

from __future__ import annotations

import io
import json
import logging
import sys
from typing import Any

import pytest

from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.observability import JsonFormatter, ScrubFilter
from homelab_shared.paths import UnsafePath, segment
from homelab_shared.redact import MASK, register_secret
from homelab_shared.runtime import RuntimeSettings
from tests.example.upstream import InventoryServer
from tests.harness import mcp_client
from tests.peers import free_port
from tests.security.cases import AttackCase, params, run_case
from tests.security.probe import build_probe

KEY = "inventory-key-0123456789"
ESCAPES = r"would change the endpoint|not a path on the configured base URL|backslash"

PATH_ATTACKS = [
    AttackCase(
        name=f"path-{label}",
        tool="raw_item",
        arguments={"item_id": item_id},
        match=ESCAPES,
        why=f"reach another endpoint with the server's credentials via {label}",
    )
    for label, item_id in [
        ("dot-dot", "item-1/../../error_log"),
        ("dot-dot-only", ".."),
        ("dot", "./item-1"),
        ("encoded-dot-dot", "%2e%2e/%2e%2e/error_log"),
        ("double-encoded-dot-dot", "%252e%252e/admin"),
        ("mixed-case-encoding", "%2E./admin"),
        ("encoded-slash", "item-1%2f..%2f..%2fadmin"),
        ("backslash", "item-1\\..\\..\\admin"),
        ("encoded-backslash", "..%5c..%5cadmin"),
        ("nul-byte", "item-1%00.json"),
        ("path-parameter-dot-dot", "..;/admin"),
    ]
]


def probe_server(runtime: RuntimeSettings, inventory: InventoryServer, **settings: Any) -> Any:
    return build_probe(runtime, url=inventory.url, api_key=KEY, **settings)


@pytest.mark.parametrize("case", params(PATH_ATTACKS))
async def test_path_traversal_is_refused_before_anything_is_sent(
    case: AttackCase, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    async with mcp_client(probe_server(runtime, inventory, **case.settings)) as client:
        outcome = await run_case(client, case)
    outcome.check()
    assert "nothing was sent" in outcome.text
    assert inventory.requests == []


async def test_a_plain_id_still_reaches_its_endpoint(
    runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    async with mcp_client(probe_server(runtime, inventory)) as client:
        await client.call_tool("raw_item", {"item_id": "item-1"})
        with pytest.raises(Exception, match="not found"):
            await client.call_tool("safe_item", {"item_id": "50% off?#x"})
    assert inventory.requests == [
        ("GET", "/api/items/item-1"),
        ("GET", "/api/items/50%25%20off%3F%23x"),
    ]


@pytest.mark.parametrize("item_id", ["a/b", "..", ".", "", "%2e%2E", "x%2fy", "x\\y", "a%252fb"])
async def test_segment_helper_refuses_ids_no_encoding_makes_safe(
    item_id: str, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    async with mcp_client(probe_server(runtime, inventory)) as client:
        with pytest.raises(Exception, match=r"item id .* cannot be used in a URL") as caught:
            await client.call_tool("safe_item", {"item_id": item_id})
    assert repr(item_id) in str(caught.value)  # the error names the bad identifier
    assert inventory.requests == []


async def test_absolute_urls_and_host_smuggling_never_leave_the_base_url(
    inventory: InventoryServer,
) -> None:
    """The recording server plays the attacker's host: nothing may reach it."""
    elsewhere = InventoryServer(free_port(), KEY).start()
    try:
        http = UpstreamHTTP(
            HttpOptions(base_url=inventory.url, service="Inventory", headers={"X-Api-Key": KEY})
        )
        host = elsewhere.url.removeprefix("http://")
        for path in (
            f"{elsewhere.url}/api/items",
            f"//{host}/api/items",
            f"http:/{host}/api/items",
            f"/\\{host}/api/items",
            "api/items",
            f"/api/../admin?apikey={KEY}",
        ):
            with pytest.raises(UnsafePath, match="nothing was sent") as refused:
                await http.get_json(path)
            assert KEY not in str(refused.value)
        await http.aclose()
    finally:
        elsewhere.stop()
    assert elsewhere.requests == [] and inventory.requests == []


def test_segment_encodes_what_it_accepts() -> None:
    assert segment("light.bed_light", service="HA") == "light.bed_light"
    assert segment("a b?c#d%", service="HA") == "a%20b%3Fc%23d%25"


async def test_refusals_by_the_gate_are_audited(
    runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    async with mcp_client(probe_server(runtime, inventory)) as client:  # read-only
        with pytest.raises(Exception, match="EXAMPLE_ALLOW_WRITE=true"):
            await client.call_tool("tag_items", {"tags": ["a"], "labels": {}})
        with pytest.raises(Exception, match="EXAMPLE_ALLOW_DESTRUCTIVE=true"):
            await client.call_tool("wipe", {"target": "disk"})
        with pytest.raises(Exception, match="Unknown tool"):
            await client.call_tool("not_a_tool", {"x": 1})
    rw = probe_server(runtime, inventory, allow_write=True, allow_destructive=True)
    async with mcp_client(rw) as client:
        with pytest.raises(Exception, match="malformed"):
            await client.call_tool("wipe", {"target": "disk", "confirm_token": "nope"})
        with pytest.raises(Exception, match="does not match"):
            await client.call_tool("wipe", {"target": "disk", "confirm_token": "c1.9999999999.x.y"})
    lines = [json.loads(line) for line in runtime.audit_path().read_text().splitlines()]
    assert [(line["tool"], line["outcome"]) for line in lines] == [
        ("tag_items", "refused:disabled"),
        ("wipe", "refused:disabled"),
        ("not_a_tool", "refused:unknown_tool"),
        ("wipe", "refused:confirm_malformed"),
        ("wipe", "refused:confirm_mismatch"),
    ]
    assert {line["client_id"] for line in lines} == {"local"}


async def test_a_secret_nested_in_list_arguments_reaches_neither_audit_nor_error_nor_logs(
    runtime: RuntimeSettings, inventory: InventoryServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "nested-secret-value-31337"
    register_secret(secret)
    arguments = {"tags": ["ok", f"x{secret}y"], "labels": {"k": [secret, ["deeper", secret]]}}
    async with mcp_client(probe_server(runtime, inventory, allow_write=True)) as client:
        with pytest.raises(Exception, match="could not apply tags") as caught:
            await client.call_tool("tag_items", arguments)
        with pytest.raises(Exception, match="validation error") as invalid:
            await client.call_tool("tag_items", {"tags": [{"v": secret}], "labels": {}})
    assert secret not in str(caught.value) and MASK in str(caught.value)
    assert secret not in str(invalid.value) and MASK in str(invalid.value)
    line, _ = runtime.audit_path().read_text().splitlines()
    assert secret not in runtime.audit_path().read_text()
    assert json.loads(line)["arguments"] == {
        "tags": ["ok", f"x{MASK}y"],
        "labels": {"k": [MASK, ["deeper", MASK]]},
    }
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "call %s", (secret,), None)
    record.arguments = arguments
    record.pairs = ((secret, 1),)
    formatted = JsonFormatter().format(record)
    assert secret not in formatted and MASK in formatted
    assert json.loads(runtime.audit_path().read_text().splitlines()[1])["outcome"] == (
        "error:invalid_arguments"
    )


def test_text_logs_scrub_secrets_from_tracebacks() -> None:
    secret = "traceback-secret-value-4242"
    register_secret(secret)
    try:
        raise RuntimeError(f"upstream said {secret}")
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(ScrubFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.handle(record)
    text = handler.stream.getvalue()
    assert "RuntimeError: upstream said ***" in text and secret not in text
