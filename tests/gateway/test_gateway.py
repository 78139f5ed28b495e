"""The gateway: namespaced mounts, skipping unconfigured servers, status, list, doctor, configs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from home_assistant_mcp.spec import SPEC as HA
from homelab_gateway.app import build_gateway, load_member
from homelab_gateway.cli import main
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from routing_mcp.spec import SPEC as ROUTING
from tests.conftest import API_KEY
from tests.example.server import SPEC
from tests.example.upstream import InventoryServer
from tests.harness import structured
from tests.routing.fake_providers import fake_providers


@pytest.fixture
def configured(
    monkeypatch: pytest.MonkeyPatch, inventory: InventoryServer
) -> Iterator[InventoryServer]:
    monkeypatch.setenv("HOMELAB_EXTRA_SERVERS", "tests.example.server:SPEC")
    monkeypatch.setenv("EXAMPLE_URL", inventory.url)
    monkeypatch.setenv("EXAMPLE_API_KEY", API_KEY)
    # routing is ready only with a usable model: a Gemini key its (loopback) listing accepts.
    with fake_providers() as fakes:
        monkeypatch.setenv("GEMINI_API_KEY", fakes.keys["gemini"])
        monkeypatch.setenv("GEMINI_BASE_URL", fakes.url)
        yield inventory


def table_rows(out: str) -> list[list[str]]:
    """The rows of a CLI table, a wrapped last column joined back into one cell."""
    lines = out.splitlines()
    starts = [m.start() for m in re.finditer(r"-+", lines[1])]
    rows: list[list[str]] = []
    for line in lines[2:]:
        if not line.strip():
            break
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
        if cells[0] or not rows:
            rows.append(cells)
        else:  # a continuation line of the last column
            rows[-1][-1] += " " + cells[-1]
    return rows


def row(out: str, server: str) -> str:
    """One row of a table as a line of text (wrapped cells joined)."""
    return "  ".join(next(cells for cells in table_rows(out) if cells[0] == server))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    out = capsys.readouterr()
    return int(exit_info.value.code or 0), out.out, out.err


async def test_mounted_server_tools_are_namespaced(
    configured: InventoryServer, runtime: RuntimeSettings
) -> None:
    gateway = build_gateway([load_member(SPEC, runtime)])
    async with Client(gateway) as client:
        names = {t.name for t in await client.list_tools()}
        assert names == {"status", "ex_list_items", "ex_get_item", "ex_dump_everything"}
        item = await client.call_tool("ex_get_item", {"item_id": "item-4"})
        assert structured(item)["name"] == "Widget 4"
        with pytest.raises(ToolError, match="EXAMPLE_ALLOW_WRITE=true"):
            await client.call_tool("ex_set_state", {"item_id": "item-4", "state": "on"})
        status = structured(await client.call_tool("status", {}))
    [server] = status["servers"]
    assert server == {
        "name": "example",
        "title": "Inventory (example)",
        "namespace": "ex",
        "state": "mounted",
        "missing": [],
        "tools_enabled": 3,
        "writes_enabled": False,
    }


async def test_unconfigured_server_is_skipped_and_status_names_the_variables(
    runtime: RuntimeSettings,
) -> None:
    member = load_member(SPEC, runtime)
    assert member.state == "not_configured"
    gateway = build_gateway([member])
    async with Client(gateway) as client:
        assert {t.name for t in await client.list_tools()} == {"status"}
        status = structured(await client.call_tool("status", {}))
    assert status["mounted"] == 0
    assert status["servers"][0]["missing"] == [
        "EXAMPLE_URL is not set (Inventory API base URL, e.g. http://127.0.0.1:9000)",
        "EXAMPLE_API_KEY or EXAMPLE_API_KEY_FILE is not set (Inventory API key)",
    ]


async def test_a_tool_of_an_unconfigured_server_names_what_enables_it(
    runtime: RuntimeSettings,
) -> None:
    gateway = build_gateway([load_member(SPEC, runtime)])
    async with Client(gateway) as client:
        with pytest.raises(ToolError) as err:
            await client.call_tool("ex_get_item", {"item_id": "item-1"})
        with pytest.raises(ToolError, match="Unknown tool"):
            await client.call_tool("nothing_of_ours", {})
    message = str(err.value)
    assert "Unknown tool" not in message
    assert "Inventory (example)" in message
    assert "EXAMPLE_URL is not set" in message
    assert "EXAMPLE_API_KEY or EXAMPLE_API_KEY_FILE is not set" in message


async def test_instructions_name_only_mounted_servers(
    configured: InventoryServer, runtime: RuntimeSettings
) -> None:
    members = [load_member(spec, runtime) for spec in (SPEC, ROUTING, HA)]
    assert [m.state for m in members] == ["mounted", "mounted", "not_configured"]
    async with Client(build_gateway(members)) as client:
        text = client.instructions or ""
    assert "ex_ (Inventory (example))" in text
    assert "route_ (Model router)" in text
    for absent in ("ha_", "arr_", "infra_", "plex_", "truenas_"):
        assert absent not in text


def test_list_shows_classes_and_what_enables_them(
    configured: InventoryServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EXAMPLE_ALLOW_WRITE", "true")
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    rows = {cells[1]: cells[2:] for cells in table_rows(out)}
    assert rows["ex_get_item"] == ["read", "enabled"]
    assert rows["ex_set_state"] == ["write", "enabled"]
    assert rows["ex_delete_item"] == [
        "destructive",
        "disabled (set EXAMPLE_ALLOW_WRITE=true and EXAMPLE_ALLOW_DESTRUCTIVE=true)",
    ]
    assert max(len(line) for line in out.splitlines()) <= 100


def test_doctor_passes_when_reachable_and_fails_on_a_bad_key(
    configured: InventoryServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 0
    assert row(out, "example").split()[:4] == ["example", "yes", "yes", "yes"]
    monkeypatch.setenv("EXAMPLE_API_KEY", "a-wrong-api-key-123")
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 1
    line = row(out, "example")
    assert line.split()[:4] == ["example", "yes", "yes", "NO"]
    assert "Check EXAMPLE_API_KEY" in line
    assert "a-wrong-api-key-123" not in out


def test_doctor_reports_unreachable(
    configured: InventoryServer, capsys: pytest.CaptureFixture[str]
) -> None:
    configured.stop()
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 1
    assert row(out, "example").split()[:4] == ["example", "yes", "NO", "NO"]


def test_serve_unknown_or_unconfigured_server_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOMELAB_EXTRA_SERVERS", "tests.example.server:SPEC")
    code, _, err = run_cli(capsys, "serve", "nope")
    assert code == 2
    assert "no server named 'nope'" in err
    code, _, err = run_cli(capsys, "serve", "example")
    assert code == 2
    assert "EXAMPLE_URL is not set" in err


def test_client_configs_are_valid_and_hold_no_secrets(
    configured: InventoryServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "client-config", "claude")
    assert code == 0
    config = json.loads(out.split("\n", 1)[1])
    entry = config["mcpServers"]["homelab"]
    assert entry["args"][-4:] == ["homelab-mcp", "serve", "--transport", "stdio"]
    # the URL is no secret and comes from the environment; the key stays a placeholder
    expected = {"EXAMPLE_URL": configured.url, "EXAMPLE_API_KEY": "<EXAMPLE_API_KEY>"}
    assert expected.items() <= entry["env"].items()
    assert API_KEY not in out

    _, out, _ = run_cli(capsys, "client-config", "claude", "--url", "http://nas.lan:8000/mcp")
    remote = json.loads(out.split("\n", 1)[1])["mcpServers"]["homelab"]
    assert remote["args"][:3] == ["-y", "mcp-remote", "http://nas.lan:8000/mcp"]

    _, out, _ = run_cli(capsys, "client-config", "openwebui", "--server", "example")
    assert "Type: MCP (Streamable HTTP)" in out
    assert "URL: http://127.0.0.1:8009/mcp" in out
    _, out, _ = run_cli(capsys, "client-config", "inspector")
    assert "--cli http://127.0.0.1:8000/mcp --transport http" in out


BROKEN = "tests.example.server:SPEC,tests.no_such_module:SPEC"


def test_a_server_that_cannot_be_imported_is_reported_not_fatal(
    configured: InventoryServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(
        "HOMELAB_EXTRA_SERVERS", "tests.example.server:SPEC,tests.no_such_module:SPEC"
    )
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 1
    assert row(out, "example").split()[:4] == ["example", "yes", "yes", "yes"]
    assert "BROKEN" in row(out, "tests.no_such_module:SPEC")
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    assert "cannot be loaded: ModuleNotFoundError" in row(out, "tests.no_such_module:SPEC")


async def test_status_lists_a_server_that_cannot_be_imported(
    configured: InventoryServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from homelab_shared.spec import discover_all

    monkeypatch.setenv("HOMELAB_EXTRA_SERVERS", BROKEN)
    specs, broken = discover_all()
    gateway = build_gateway([load_member(s, load_settings(RuntimeSettings)) for s in specs], broken)
    async with Client(gateway) as client:
        status = structured(await client.call_tool("status", {}))
    states = {s["name"]: s["state"] for s in status["servers"]}
    assert states["example"] == "mounted"
    assert states["tests.no_such_module:SPEC"] == "failed"


class _Bound(Exception):
    pass


@pytest.mark.parametrize(("argv", "port"), [((), 8000), (("example",), 8009)])
def test_serve_defaults_to_the_gateway_or_the_servers_own_port(
    argv: tuple[str, ...],
    port: int,
    configured: InventoryServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The port `serve` would bind, observed at the bind check (without taking the port)."""
    import homelab_shared.runner as runner

    seen: list[tuple[str, int]] = []

    def bind_check(host: str, chosen: int) -> None:
        seen.append((host, chosen))
        raise _Bound

    monkeypatch.setattr(runner, "ensure_port_free", bind_check)
    with pytest.raises(_Bound):
        main(["serve", *argv])
    assert seen == [("127.0.0.1", port)]


@pytest.mark.parametrize("command", ["serve", "list", "doctor", "client-config"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, command, "--help")
    assert code == 0
    usage, _, body = out.partition("\n\n")
    assert usage.startswith(f"usage: homelab-mcp {command}")
    description = body.split("\n\n")[0]
    assert len(description.split()) >= 15, out  # a sentence or two, not just the usage line
    if command in ("serve", "doctor"):
        assert "home-assistant" in out and "routing" in out  # names the installed servers
