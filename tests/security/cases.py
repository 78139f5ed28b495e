"""Attack cases any server's security suite can reuse.

A case is data: which tool an attacker calls with which arguments, under which server settings,
after which preparatory calls, and what the safety model must answer. ``run_case`` drives it
through a real MCP client; the suite then checks the upstream's state itself (the only proof
that nothing happened is the upstream, never the tool's own answer).

```python
CASES = [
    AttackCase(
        name="scene-apply-unlocks",
        tool="call_service",
        arguments={"domain": "scene", "service": "apply", "data": {...}},
        settings={"allow_write": True},
        expect="confirmation",
    ),
]

@pytest.mark.parametrize("case", params(CASES))
async def test_attack(case: AttackCase) -> None:
    async with mcp_client(build_server(...case.settings)) as client:
        outcome = await run_case(client, case)
    outcome.check()
    assert door_is_still_locked()
```
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from homelab_shared.runtime import RuntimeSettings

Expectation = Literal["refused", "confirmation", "harmless"]
"""``refused``: the call raises a ToolError (nothing sent upstream).
``confirmation``: the call only returns a ``confirmation_required`` preview.
``harmless``: the call may answer or fail; the suite's state check is the whole assertion."""

Kind = Literal["refused", "confirmation", "executed"]


@dataclass(frozen=True)
class Call:
    """One preparatory call (e.g. ``group.set`` before toggling the group)."""

    tool: str
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AttackCase:
    name: str
    tool: str
    arguments: Mapping[str, Any]
    expect: Expectation = "refused"
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Overrides for the server's settings (``allow_write``, ``allow_destructive``...)."""
    setup: tuple[Call, ...] = ()
    """Calls made first; their outcome is recorded, not asserted (they may be refused too)."""
    match: str | None = None
    """A regex the refusal or preview text must contain (e.g. the entity that is protected)."""
    why: str = ""
    """What the attacker is trying, for the reader of a failure."""


@dataclass
class Outcome:
    case: AttackCase
    kind: Kind
    text: str
    setup: list[tuple[Call, Kind, str]] = field(default_factory=list)

    def check(self) -> None:
        """Assert that the final call got the answer the case expects."""
        case = self.case
        context = f"{case.name} ({case.why or case.tool}): got {self.kind}: {self.text[:300]}"
        if case.expect == "refused":
            assert self.kind == "refused", context
        elif case.expect == "confirmation":
            assert self.kind == "confirmation", context
        if case.match is not None and case.expect != "harmless":
            assert re.search(case.match, self.text), f"{context} (expected /{case.match}/)"


def _text_of(result: Any) -> str:
    parts = [getattr(block, "text", "") or "" for block in result.content]
    return "\n".join(p for p in parts if p) or str(result.structured_content)


def _is_confirmation(result: Any) -> bool:
    data = result.structured_content
    if not isinstance(data, dict):
        return False
    inner = data.get("result", data)
    return isinstance(inner, dict) and inner.get("status") == "confirmation_required"


async def _call(client: Client[Any], tool: str, arguments: Mapping[str, Any]) -> tuple[Kind, str]:
    try:
        result = await client.call_tool(tool, dict(arguments), raise_on_error=False)
    except ToolError as err:
        return "refused", str(err)
    if result.is_error:
        return "refused", _text_of(result)
    if _is_confirmation(result):
        return "confirmation", _text_of(result)
    return "executed", _text_of(result)


async def run_case(client: Client[Any], case: AttackCase) -> Outcome:
    """Make the setup calls, then the attack; classify what the server answered."""
    done: list[tuple[Call, Kind, str]] = []
    for step in case.setup:
        kind, text = await _call(client, step.tool, step.arguments)
        done.append((step, kind, text))
    kind, text = await _call(client, case.tool, case.arguments)
    return Outcome(case, kind, text, done)


def params(cases: Iterable[AttackCase]) -> list[Any]:
    """``pytest.param`` per case, named by ``case.name`` (names must be unique)."""
    cases = list(cases)
    names = [c.name for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"attack case names must be unique: {duplicates}"
    return [pytest.param(c, id=c.name) for c in cases]


def audit_outcomes(runtime: RuntimeSettings) -> list[tuple[str, str]]:
    """(tool, outcome) of every line of the server's audit log, oldest first."""
    lines = runtime.audit_path().read_text().splitlines()
    return [(entry["tool"], entry["outcome"]) for entry in map(json.loads, lines)]
