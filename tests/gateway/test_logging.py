"""The gateway's logs say what matters: no library chatter on the first routed prompt (the
scanner starts, a worker process with it), and an expected "no model could answer" is a warning,
not an ERROR."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastmcp import Client

from homelab_gateway.app import build_gateway, load_member
from homelab_shared.observability import configure_logging
from homelab_shared.runtime import RuntimeSettings
from routing_mcp.spec import SPEC as ROUTING


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    configure_logging("INFO", "json")  # what `serve` does
    handler = Records()
    root.addHandler(handler)
    yield handler.records
    root.handlers[:], level = saved
    root.setLevel(level)


async def test_routed_prompts_log_no_library_info_and_no_error(
    records: list[logging.LogRecord], runtime: RuntimeSettings
) -> None:
    member = load_member(ROUTING, runtime)  # no provider configured: nothing can answer
    async with Client(build_gateway([member])) as client:
        decision = await client.call_tool(
            "route_route", {"prompt": "Call me on +44 20 7946 0958 or at bob.smith@gmail.com"}
        )
        assert decision.structured_content is not None
        assert decision.structured_content["pii_found"] is True  # the scanner ran
        answer = await client.call_tool("route_ask", {"prompt": "hello"}, raise_on_error=False)
    assert answer.is_error
    assert "No model could answer" in answer.content[0].text  # type: ignore[union-attr]
    ours = ("homelab", "routing", "fastmcp")  # the call log, the router, the tool errors
    assert [r.name for r in records if not r.name.startswith(ours)] == []
    assert [(r.name, r.getMessage()) for r in records if r.levelno >= logging.ERROR] == []
    warned = [r for r in records if r.levelno == logging.WARNING]
    assert any("ask" in r.getMessage() for r in warned)  # still reported, as a warning
