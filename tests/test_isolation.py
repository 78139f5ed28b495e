"""The isolation fixture: a developer's environment does not reach any test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.peers import ROOT, spec_path

# Variables a developer plausibly has set, one per kind the fixture must cover: a prefix of a
# settings class, an alias, a secret's _FILE twin, a per-model policy override, a .env-only file.
LEAKY = {
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "OLLAMA_HOST": "http://127.0.0.1:1",
    "GEMINI_API_KEY_FILE": "/nonexistent/gemini",
    "ANTHROPIC_API_KEY": "sk-ant-developer",
    "OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
    "CLAUDE_HAIKU_DAILY_LIMIT": "1",
    "HA_URL": "http://127.0.0.1:1",
    "HA_TOKEN_FILE": "/nonexistent/ha",
    "ROUTING_POLICY_FILE": "/nonexistent/policy.yaml",
    "HOMELAB_AUTH_TOKENS": "dev:read:developer-token-0123",
}


def test_env_is_clean() -> None:
    assert sorted(set(LEAKY) & set(os.environ)) == []
    assert Path.cwd() != ROOT  # a developer's .env in the checkout is not read either


def test_the_developers_environment_is_cleared() -> None:
    """Run the check above in a pytest that inherits a polluted environment."""
    env = {**os.environ, **LEAKY}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_env_is_clean",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "1 passed" in proc.stdout


def test_a_missing_spec_is_a_missing_peer_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REQUIRE_PEERS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="team handbook"):
        spec_path("no-such-spec.json")
    monkeypatch.setenv("REQUIRE_PEERS", "1")
    with pytest.raises(pytest.fail.Exception, match=r"REQUIRE_PEERS=1.*no-such-spec\.json"):
        spec_path("no-such-spec.json")


def test_ci_stops_at_once_without_the_specs(tmp_path: Path) -> None:
    """.ci/run, copied into a checkout with no ../shared beside it, stops before installing."""
    checkout = tmp_path / "checkout"
    (checkout / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", checkout / ".ci" / "run")
    proc = subprocess.run(
        ["bash", str(checkout / ".ci" / "run")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert f"{tmp_path}/shared/specs is missing or empty" in proc.stderr
    assert "== uv" not in proc.stdout
