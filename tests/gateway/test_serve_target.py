"""What `homelab-mcp serve` serves: the argument, else HOMELAB_SERVER (set by each image)."""

from __future__ import annotations

import pytest

from homelab_gateway.cli import serve_target


@pytest.mark.parametrize(
    ("argument", "env", "expected"),
    [
        (None, None, None),
        (None, "gateway", None),
        (None, "truenas", "truenas"),
        ("home-assistant", "truenas", "home-assistant"),
        ("gateway", None, None),
        (None, "  ", None),
    ],
)
def test_serve_target(
    monkeypatch: pytest.MonkeyPatch, argument: str | None, env: str | None, expected: str | None
) -> None:
    if env is None:
        monkeypatch.delenv("HOMELAB_SERVER", raising=False)
    else:
        monkeypatch.setenv("HOMELAB_SERVER", env)
    assert serve_target(argument) == expected
