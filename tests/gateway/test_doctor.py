"""doctor and /readyz are honest: anything the operator set that does not work is an error that
says what to fix; "not configured" only when nothing of a server was set."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from arr_suite_mcp.spec import SPEC as ARR
from homelab_gateway.app import build_gateway, config_hints, load_member, unready
from homelab_gateway.selfcheck import gateway_problems
from homelab_shared.runner import http_app
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.spec import discover_all
from tests.conftest import API_KEY
from tests.example.upstream import InventoryServer
from tests.gateway.test_gateway import row, run_cli, table_rows
from tests.harness.live import live_server

EXTRA = "tests.example.server:SPEC"


@pytest.fixture(autouse=True)
def _example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOMELAB_EXTRA_SERVERS", EXTRA)


def doctor(capsys: pytest.CaptureFixture[str], *servers: str) -> tuple[int, str, str]:
    code, out, err = run_cli(capsys, "doctor", *servers)
    assert max(len(line) for line in out.splitlines()) <= 100, out
    return code, out, err


def test_nothing_set_is_not_configured_and_not_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = doctor(capsys, "example")
    assert code == 0
    cells = table_rows(out)[0]
    assert cells[:2] == ["example", "no"]
    assert cells[-1].startswith("not configured: EXAMPLE_URL is not set")
    assert "No server is configured" in err


def test_url_without_key_is_a_partial_configuration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inventory: InventoryServer
) -> None:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    code, out, err = doctor(capsys, "example")
    assert code == 1
    cells = table_rows(out)[0]
    assert cells[:5] == ["example", "PARTLY", "-", "-", "NO"]
    assert cells[-1] == "EXAMPLE_API_KEY or EXAMPLE_API_KEY_FILE is not set (Inventory API key)"
    assert "fix the rows" in err


def test_a_typo_gets_did_you_mean_and_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inventory: InventoryServer
) -> None:
    monkeypatch.setenv("EXAMPLE_ULR", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    code, out, _ = doctor(capsys, "example")
    assert code == 1
    assert "EXAMPLE_URL is not set" in row(out, "example")
    assert "EXAMPLE_ULR is set: did you mean EXAMPLE_URL?" in row(out, "example")


def test_a_typo_in_dotenv_is_found_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("EXAMPLE_API_KYE=abc\n")  # the tests run in tmp_path
    code, out, _ = doctor(capsys, "example")
    assert code == 1
    assert "EXAMPLE_API_KYE is set: did you mean EXAMPLE_API_KEY?" in row(out, "example")


def test_a_runtime_typo_fails_doctor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inventory: InventoryServer
) -> None:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv("HOMELAB_AUTH_TOKEN", "c:read:abcdefgh12345678")
    monkeypatch.setenv("AWS_CA_BUNDLE", "/etc/ssl/aws.pem")  # another tool's variable: no typo
    code, out, _ = doctor(capsys, "example")
    assert code == 1
    assert row(out, "example").split()[:5] == ["example", "yes", "yes", "yes", "yes"]
    assert "AWS_CA_BUNDLE" not in out
    assert "HOMELAB_AUTH_TOKEN is set: did you mean HOMELAB_AUTH_TOKENS?" in row(
        out, "(all servers)"
    )
    assert "abcdefgh12345678" not in out


@pytest.mark.parametrize("variable", ["EXAMPLE_URL", "EXAMPLE_API_KEY"])
def test_client_config_placeholders_are_rejected_at_load(
    variable: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    inventory: InventoryServer,
) -> None:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv(variable, f"<{variable}>")
    code, out, _ = doctor(capsys, "example")
    assert code == 1
    assert row(out, "example").split()[:2] == ["example", "INVALID"]
    assert f"{variable} is invalid: still holds the client-config placeholder <{variable}>" in (
        row(out, "example")
    )
    code, _, err = run_cli(capsys, "serve", "example")
    assert code == 2
    assert "placeholder" in err


def test_reachable_but_not_ready_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inventory: InventoryServer
) -> None:
    """Any probe's ok=False is a failure, even when reachable and authenticated."""
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    inventory.items.clear()
    code, out, _ = doctor(capsys, "example")
    assert code == 1
    cells = table_rows(out)[0]
    assert cells[:5] == ["example", "yes", "yes", "yes", "NO"]
    assert cells[-1] == "inventory is empty"


BAD_POLICIES = {
    "missing": None,
    "bad yaml": "models: [unclosed\n",
    "fails validation": "models:\n  x: {provider: nowhere}\n",
}


@pytest.mark.parametrize("case", list(BAD_POLICIES))
def test_a_broken_routing_policy_file_is_an_error(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    policy = tmp_path / "policy.yaml"
    text = BAD_POLICIES[case]
    if text is not None:
        policy.write_text(text)
    monkeypatch.setenv("ROUTING_POLICY_FILE", str(policy))
    code, out, _ = doctor(capsys, "routing")
    assert code == 1
    cells = table_rows(out)[0]
    assert cells[:5] == ["routing", "INVALID", "-", "-", "NO"]
    assert str(policy) in cells[-1].replace(" ", "")  # a long path wraps
    assert "not configured" not in out


def test_readyz_is_503_while_a_configured_server_cannot_be_served(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)  # the key is missing
    specs, broken = discover_all()
    members = [load_member(s, runtime, config_hints(specs)) for s in specs if s.name == "example"]
    app = http_app(build_gateway(members, broken), [], runtime, unready=unready(members, broken))
    with live_server(app) as base:
        ready = httpx.get(f"{base}/readyz")
    assert ready.status_code == 503
    assert ready.json()["ready"] is False
    assert "EXAMPLE_API_KEY" in ready.json()["servers"]["example"]["detail"]


def test_readyz_is_503_on_a_misspelt_runtime_variable(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings
) -> None:
    monkeypatch.setenv("HOMELAB_CONFIRM_TLL", "60")
    specs, broken = discover_all()
    members = [load_member(s, runtime) for s in specs if s.name == "example"]
    gaps = unready(members, broken, gateway_problems(runtime, specs, config_hints(specs)))
    app = http_app(build_gateway(members, broken), [], runtime, unready=gaps)
    with live_server(app) as base:
        ready = httpx.get(f"{base}/readyz")
    assert ready.status_code == 503
    detail = ready.json()["servers"]["(all servers)"]["detail"]
    assert detail == "HOMELAB_CONFIRM_TLL is set: did you mean HOMELAB_CONFIRM_TTL?"


def test_readyz_is_200_when_only_unset_servers_are_missing(
    runtime: RuntimeSettings,
) -> None:
    specs, broken = discover_all()
    members = [load_member(s, runtime) for s in specs if s.name == "example"]
    assert members[0].state == "not_configured"
    app = http_app(build_gateway(members, broken), [], runtime, unready=unready(members, broken))
    with live_server(app) as base:
        assert httpx.get(f"{base}/readyz").status_code == 200


def readyz_of(name: str, runtime: RuntimeSettings) -> httpx.Response:
    """/readyz of a gateway built the way ``serve`` builds it, with only server ``name``."""
    specs, broken = discover_all()
    hints = config_hints(specs)
    members = [load_member(s, runtime, hints) for s in specs if s.name == name]
    gaps = unready(members, broken, gateway_problems(runtime, specs, hints))
    app = http_app(build_gateway(members, broken), [], runtime, unready=gaps)
    with live_server(app) as base:
        return httpx.get(f"{base}/readyz")


# arr-suite reads its per-instance variables itself (not through settings fields): half of an
# instance, a bad URL, a placeholder or a misspelt name must still count as set and broken.
ARR_CASES = {
    "url only": (
        {"SONARR_URL": "http://127.0.0.1:9"},
        "PARTLY",
        "SONARR_API_KEY or SONARR_API_KEY_FILE is not set",
    ),
    "ftp url": (
        {"SONARR_URL": "ftp://sonarr.lan", "SONARR_API_KEY": API_KEY},
        "INVALID",
        "SONARR_URL is invalid: 'ftp://sonarr.lan' is not an http(s) URL",
    ),
    "placeholder key": (
        {"RADARR_4K_URL": "http://127.0.0.1:9", "RADARR_4K_API_KEY": "<RADARR_4K_API_KEY>"},
        "INVALID",
        "RADARR_4K_API_KEY is invalid: still holds the client-config placeholder",
    ),
    "placeholder url": (
        {"SONARR_URL": "<SONARR_URL>", "SONARR_API_KEY": API_KEY},
        "INVALID",
        "SONARR_URL is invalid: still holds the client-config placeholder <SONARR_URL>",
    ),
    "typo": (
        {"SONAR_URL": "http://127.0.0.1:9", "SONARR_API_KEY": API_KEY},
        "PARTLY",
        "SONAR_URL is set: did you mean SONARR_URL?",
    ),
    "typo alone": (
        {"PROWLAR_URL": "http://127.0.0.1:9"},
        "INVALID",
        "PROWLAR_URL is set: did you mean PROWLARR_URL?",
    ),
    "typo of a named instance": (
        {"RADARR_4K_URL": "http://127.0.0.1:9", "RADARR_4K_API_KYE": API_KEY},
        "PARTLY",
        "RADARR_4K_API_KYE is set: did you mean RADARR_4K_API_KEY?",
    ),
}


@pytest.mark.parametrize("case", list(ARR_CASES))
def test_a_partial_or_invalid_arr_instance_fails_doctor_and_readyz(
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    runtime: RuntimeSettings,
) -> None:
    env, configured, problem = ARR_CASES[case]
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    code, out, err = doctor(capsys, ARR.name)
    assert code == 1, out
    cells = next(c for c in table_rows(out) if c[0] == ARR.name)
    assert cells[:5] == [ARR.name, configured, "-", "-", "NO"]
    assert problem in cells[-1]
    assert API_KEY not in out + err
    ready = readyz_of(ARR.name, runtime)
    assert ready.status_code == 503
    assert problem in ready.json()["servers"][ARR.name]["detail"]


def test_a_second_arr_instance_is_no_typo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """RADARR_4K_URL is a variable of its own (instance "4k"), not a misspelt RADARR_URL: the
    row gets past configuration to the (refused) connection."""
    monkeypatch.setenv("RADARR_4K_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("RADARR_4K_API_KEY", API_KEY)
    code, out, _ = doctor(capsys, ARR.name)
    assert code == 1
    cells = table_rows(out)[0]
    assert cells[:3] == [ARR.name, "yes", "NO"]
    assert "did you mean" not in out


TOKEN = "c:read:abcdefgh12345678"
GATEWAY_CASES = {
    "short token": (
        {"HOMELAB_AUTH_TOKENS": "c:read:short"},
        "HOMELAB_AUTH_TOKENS: the token of client 'c' is shorter than 16 characters",
    ),
    "malformed token entry": (
        {"HOMELAB_AUTH_TOKENS": "c:abcdefgh12345678abcdefgh12345678"},
        "HOMELAB_AUTH_TOKENS has an entry that is neither",
    ),
    "half of the JWT settings": (
        {"HOMELAB_JWT_JWKS_URI": "https://id.lan/jwks"},
        "HOMELAB_JWT_ISSUER and HOMELAB_JWT_AUDIENCE must be set",
    ),
    "open bind without auth": (
        {"HOMELAB_HOST": "0.0.0.0"},
        "refusing to listen on 0.0.0.0 without authentication",
    ),
    "bad catalogue mode": ({"HOMELAB_TOOLS": "some"}, "HOMELAB_TOOLS is invalid"),
    "missing profiles file": (
        {"HOMELAB_PROFILES_FILE": "missing.toml"},
        "HOMELAB_PROFILES_FILE: cannot read missing.toml",
    ),
    "profiles file that is not TOML": (
        {"HOMELAB_PROFILES_FILE": "bad.toml"},
        "HOMELAB_PROFILES_FILE: bad.toml is not valid TOML",
    ),
    "profile naming no server": (
        {"HOMELAB_PROFILES_FILE": "nowhere.toml"},
        "profile 'media': no server 'jellyfin'",
    ),
    "undefined default profile": (
        {"HOMELAB_PROFILE": "media"},
        "--profile / HOMELAB_PROFILE names the profile 'media', which is not defined",
    ),
    "token naming an undefined profile": (
        {"HOMELAB_AUTH_TOKENS": "c:read,profile=kids:abcdefgh12345678"},
        "a token in HOMELAB_AUTH_TOKENS names the profile 'kids', which is not defined",
    ),
}


@pytest.mark.parametrize("case", list(GATEWAY_CASES))
def test_the_gateways_own_settings_fail_doctor_and_stop_serve(
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    inventory: InventoryServer,
    tmp_path: Path,
) -> None:
    """What ``serve`` would refuse is reported under (all servers), with exit 1."""
    (tmp_path / "bad.toml").write_text("[profiles.media\n")
    (tmp_path / "nowhere.toml").write_text('[profiles.media]\nservers = ["jellyfin"]\n')
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    env, problem = GATEWAY_CASES[case]
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    code, out, _ = doctor(capsys, "example")
    assert code == 1, out
    assert row(out, "example").split()[:5] == ["example", "yes", "yes", "yes", "yes"]
    cells = next(c for c in table_rows(out) if c[0] == "(all servers)")
    assert cells[1:5] == ["INVALID", "-", "-", "NO"]
    assert problem in cells[-1]
    assert "abcdefgh12345678" not in out
    # serve refuses to start on each of these, before binding: the same message, exit 2.
    code, _, err = run_cli(capsys, "serve")
    assert code == 2
    assert problem in err
    assert "abcdefgh12345678" not in err


def test_a_misspelt_gateway_option_fails_doctor_and_readyz(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    inventory: InventoryServer,
    runtime: RuntimeSettings,
) -> None:
    """A typo does not stop serve (the gateway runs on defaults) but keeps it unready."""
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv("HOMELAB_PROFILES_FLE", "p.toml")
    problem = "HOMELAB_PROFILES_FLE is set: did you mean HOMELAB_PROFILES_FILE?"
    code, out, _ = doctor(capsys, "example")
    assert code == 1
    assert row(out, "(all servers)").endswith(problem)
    ready = readyz_of("example", runtime)
    assert ready.status_code == 503
    assert ready.json()["servers"]["(all servers)"]["detail"] == problem


def test_the_gateway_row_is_absent_when_its_settings_are_sound(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    inventory: InventoryServer,
    tmp_path: Path,
) -> None:
    (tmp_path / "profiles.toml").write_text('[profiles.media]\nservers = ["example"]\n')
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    monkeypatch.setenv("HOMELAB_PROFILES_FILE", "profiles.toml")
    monkeypatch.setenv("HOMELAB_AUTH_TOKENS", "c:read,profile=media:abcdefgh12345678")
    monkeypatch.setenv("HOMELAB_TOOLS", "search")
    code, out, _ = doctor(capsys, "example")
    assert code == 0, out
    assert "(all servers)" not in out
