"""The gateway's generic ``call_tool`` proxy under attack, as ``cases.AttackCase``: a
"call anything" tool must not reach a write without the ``write`` scope, nor a destructive effect
without the confirmation of its exact arguments, nor a tool outside the catalogue.

The gateway (search mode, the example inventory server mounted with writes and destructive tools
on) runs over real streamable HTTP with bearer tokens; ``settings`` of a case names the caller
(``reader``: scope read; ``writer``: read and write). The witness is the inventory upstream: its
items are unchanged and it received no request that changes anything.
"""

from __future__ import annotations

from typing import Any

import pytest

from homelab_gateway.toolsearch import CALL_TOOL
from homelab_shared.runtime import RuntimeSettings
from tests.example.upstream import InventoryServer
from tests.gateway.test_toolsearch_http import READER, WRITER, base, client  # noqa: F401
from tests.security.cases import AttackCase, Call, params, run_case

SERVER = "gateway"  # its suite (tests/security/test_attack_contract.py)
TOKENS = {"reader": READER, "writer": WRITER}
READER_CALLS = {"caller": "reader"}
WRITER_CALLS = {"caller": "writer"}


def proxied(name: str, **arguments: Any) -> dict[str, Any]:
    return {"name": name, "arguments": arguments}


CASES = [
    AttackCase(
        "write-through-proxy-needs-write-scope",
        CALL_TOOL,
        proxied("ex_set_state", item_id="item-4", state="on"),
        settings=READER_CALLS,
        match="lacks the 'write' scope",
    ),
    AttackCase(
        "destructive-through-proxy-needs-write-scope",
        CALL_TOOL,
        proxied("ex_delete_item", item_id="item-4"),
        settings=READER_CALLS,
        match="lacks the 'write' scope",
    ),
    AttackCase(
        "destructive-through-proxy-only-previews",
        CALL_TOOL,
        proxied("ex_delete_item", item_id="item-4"),
        settings=WRITER_CALLS,
        expect="confirmation",
        match=r"Delete .* \(item-4\)",
    ),
    AttackCase(
        "destructive-through-proxy-forged-token",
        CALL_TOOL,
        proxied("ex_delete_item", item_id="item-4", confirm_token="c1.9999999999.forged.token"),
        settings=WRITER_CALLS,
    ),
    AttackCase(
        "token-of-one-item-deletes-another",
        CALL_TOOL,
        proxied("ex_delete_item", item_id="item-5"),
        settings=WRITER_CALLS,
        setup=(Call(CALL_TOOL, proxied("ex_delete_item", item_id="item-4")),),
        expect="confirmation",
        why="a preview never authorises another call (the attack repeats the preview)",
    ),
    AttackCase(
        "token-outside-the-arguments",
        CALL_TOOL,
        {**proxied("ex_delete_item", item_id="item-4"), "confirm_token": "x"},
        settings=WRITER_CALLS,
        why="the proxy takes no token of its own that could skip the tool's check",
    ),
    AttackCase(
        "proxy-calls-itself",
        CALL_TOOL,
        {"name": CALL_TOOL, "arguments": proxied("ex_delete_item", item_id="item-4")},
        settings=WRITER_CALLS,
        match="cannot be called through",
    ),
    AttackCase(
        "proxy-reaches-an-unknown-tool",
        CALL_TOOL,
        proxied("ex_raw_request", path="/api/items/item-4", method="DELETE"),
        settings=WRITER_CALLS,
        match="Unknown tool",
    ),
    AttackCase(
        "proxy-escapes-the-namespace",
        CALL_TOOL,
        proxied("ex_../delete_item", item_id="item-4"),
        settings=WRITER_CALLS,
    ),
]


@pytest.mark.parametrize("case", params(CASES))
async def test_attack(
    case: AttackCase,
    base: tuple[str, RuntimeSettings],  # noqa: F811
    inventory: InventoryServer,
) -> None:
    url, _runtime = base
    before = {k: dict(v) for k, v in inventory.items.items()}
    async with client(url, TOKENS[case.settings["caller"]]) as caller:
        outcome = await run_case(caller, case)
    outcome.check()
    assert inventory.items == before, f"{case.name}: the inventory changed"
    assert all(method == "GET" for method, _ in inventory.requests), inventory.requests
