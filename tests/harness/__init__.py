"""Test harness shared by every server's tests: a live HTTP server, spec-checked respx."""

from typing import Any


def structured(result: Any) -> dict[str, Any]:
    """The structured content of a tool result (fails the test when there is none)."""
    data = result.structured_content
    assert isinstance(data, dict), f"no structured content in {result!r}"
    return data
