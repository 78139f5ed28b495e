"""The pure parts: settings parsing, the sensitive-call rules, summaries, matching; and the server
as the gateway finds and mounts it. No Home Assistant needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client

from home_assistant_mcp.fuzzy import match_score
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.summaries import (
    filter_records,
    log_records,
    parse_time,
    summarize_history,
)
from homelab_gateway.app import build_gateway, load_member
from homelab_shared.compact import compact
from homelab_shared.errors import ConfigError
from homelab_shared.redact import scrub
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.spec import ENTRY_POINT_GROUP

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def settings(**values: Any) -> HASettings:
    return load_settings(HASettings, url="http://ha.lan:8123", token="token-value-1234", **values)


# --- settings -------------------------------------------------------------------------------


def test_token_file_and_url_normalisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "token"
    secret.write_text("from-a-file-0123456789\n")
    monkeypatch.setenv("HA_URL", "https://ha.example.org/api/")
    monkeypatch.setenv("HA_TOKEN_FILE", str(secret))
    loaded = load_settings(HASettings)
    assert loaded.url == "https://ha.example.org"
    assert loaded.token.get_secret_value() == "from-a-file-0123456789"
    assert scrub("Bearer from-a-file-0123456789") == "Bearer ***"


def test_tasmota_devices_in_every_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "HA_TASMOTA_DEVICES", "plug=192.0.2.5, desk=http://admin:s3cret-pw@192.0.2.6:8080"
    )
    parsed = settings().tasmota_devices
    assert [(d.name, d.url, d.user) for d in parsed] == [
        ("plug", "http://192.0.2.5", None),
        ("desk", "http://192.0.2.6:8080", "admin"),
    ]
    assert parsed[1].password and parsed[1].password.get_secret_value() == "s3cret-pw"
    assert scrub("password=s3cret-pw") == "password=***"
    with_url_credentials = settings(
        tasmota_devices='[{"name": "e", "url": "http://admin:p%40ss-word@192.0.2.4/"}]'
    ).tasmota_devices[0]
    assert with_url_credentials.url == "http://192.0.2.4"
    assert with_url_credentials.password
    assert with_url_credentials.password.get_secret_value() == "p@ss-word"
    as_json = settings(
        tasmota_devices='[{"name": "a", "url": "http://192.0.2.7", "password": "pw12"}]'
    )
    assert as_json.tasmota_devices[0].url == "http://192.0.2.7"
    as_map = settings(tasmota_devices='{"b": "http://192.0.2.8", "c": {"url": "192.0.2.9"}}')
    assert [d.name for d in as_map.tasmota_devices] == ["b", "c"]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("HA_TASMOTA_DEVICES", "plug=http://a, plug=http://b", "device names must be unique"),
        ("HA_TASMOTA_DEVICES", "just-a-host", "is not name=http://host"),
        ("HA_URL", "ftp://ha.lan", "is not an http"),
        ("HA_SENSITIVE_SERVICES", "lock unlock", "is not domain.service"),
    ],
)
def test_bad_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv("HA_URL", "http://ha.lan")
    monkeypatch.setenv("HA_TOKEN", "token-value-1234")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=f"{variable} is invalid: .*{message}"):
        load_settings(HASettings)


def test_sensitive_services_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HA_SENSITIVE_SERVICES", "script.open_gate, switch.*,hassio.backup_full")
    assert settings().sensitive_services == ["script.open_gate", "switch.*", "hassio.backup_full"]


def test_the_operator_lists_parse_and_are_checked() -> None:
    parsed = settings(safe_services="script.bedtime, scene.*", sensitive_services='["switch.nas"]')
    assert parsed.safe_services == ["script.bedtime", "scene.*"]
    assert parsed.sensitive_services == ["switch.nas"]
    with pytest.raises(ConfigError, match="HA_SAFE_SERVICES"):
        settings(safe_services="lock.front_door/../x")


# --- summaries and matching -----------------------------------------------------------------


def point(state: str, minutes: float) -> dict[str, Any]:
    return {"state": state, "last_changed": (T0 + timedelta(minutes=minutes)).isoformat()}


def test_history_summary_numeric_is_time_weighted() -> None:
    points = [point("10", -5), point("20", 30), point("unavailable", 45)]
    summary = summarize_history("sensor.t", points, T0, T0 + timedelta(hours=1), unit="°C")
    assert (summary.min, summary.max, summary.changes) == (10.0, 20.0, 2)
    assert summary.mean == round((10 * 30 + 20 * 15) / 45, 3)
    assert summary.first == "10" and summary.last == "unavailable"


def test_history_summary_states() -> None:
    points = [point("off", 0), point("on", 10), point("off", 40)]
    summary = summarize_history("light.a", points, T0, T0 + timedelta(hours=1), recent=1)
    assert summary.time_in_state == {"off": 1800.0, "on": 1800.0}
    assert [c.state for c in summary.recent] == ["off"]
    assert summary.mean is None


def test_parse_time() -> None:
    now = T0
    assert parse_time("-24h", now, now) == now - timedelta(hours=24)
    assert parse_time("90m", now, now) == now - timedelta(minutes=90)
    assert parse_time("2026-01-01T10:00:00", now, now) == T0 - timedelta(hours=2)
    assert parse_time(None, now, now) == now
    with pytest.raises(ValueError, match="relative time like -24h"):
        parse_time("yesterday", now, now)


def test_error_log_records_keep_tracebacks_together() -> None:
    text = (
        "2026-01-01 10:00:00.001 WARNING (MainThread) [a] slow\n"
        "2026-01-01 10:00:01.002 ERROR (MainThread) [b] boom\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1\n'
        "2026-01-01 10:00:02.003 INFO (MainThread) [c] fine\n"
    )
    records = log_records(text)
    assert [level for level, _ in records] == ["WARNING", "ERROR", "INFO"]
    errors = filter_records(records, "error", None)
    assert errors == [records[1][1]] and "Traceback" in errors[0]
    assert filter_records(records, "DEBUG", "FINE") == [records[2][1]]


def test_match_score() -> None:
    assert match_score("light.bed_light", "light.bed_light", "Bed Light") == 100
    assert match_score("bed lite", "light.bed_light", "Bed Light") > 0
    assert match_score("kitchen", "light.bed_light", "Bed Light") == 0
    assert 78 <= match_score("bedroom", "light.x", "Lamp", extra="Bedroom") <= 80
    assert match_score("Bed Light", "light.bed_light", "Bed Light") == 95
    assert match_score("", "light.bed_light", "Bed Light") > 0  # no query: everything
    # each query word must be close to some word: one far word rules the entity out
    assert match_score("bed zebra", "light.bed_light", "Bed Light") == 0
    # the entity the words name outranks one that merely contains them
    assert match_score("garage door", "cover.garage_door", "Garage Door") > match_score(
        "garage door", "binary_sensor.garage_door_contact_3", "Garage door contact 3"
    )


# --- discovery and the gateway --------------------------------------------------------------


async def test_the_gateway_mounts_it_as_ha(
    monkeypatch: pytest.MonkeyPatch, runtime: RuntimeSettings
) -> None:
    [entry] = [e for e in entry_points(group=ENTRY_POINT_GROUP) if e.name == "home-assistant"]
    spec = entry.load()
    assert (spec.title, spec.namespace, spec.port) == ("Home Assistant", "ha", 8001)
    unconfigured = load_member(spec, runtime)
    assert unconfigured.state == "not_configured"
    assert "HA_URL is not set" in "; ".join(unconfigured.problems)

    monkeypatch.setenv("HA_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("HA_TOKEN", "token-value-1234")
    member = load_member(spec, runtime)
    async with Client(build_gateway([member])) as client:
        names = {t.name for t in await client.list_tools()}
        prompts = {p.name for p in await client.list_prompts()}
    assert {"ha_search_entities", "ha_overview", "ha_get_tasmota_status"} <= names
    assert not any(n.startswith("ha_ha_") for n in names)
    assert "ha_turn_on" not in names  # read-only by default
    assert {"ha_troubleshoot_entity", "ha_what_changed_before"} <= prompts


async def test_every_tool_is_described_and_unprefixed(runtime: RuntimeSettings) -> None:
    everything = settings(allow_write=True, allow_destructive=True)
    async with Client(build_server(everything, runtime)) as client:
        tools = await client.list_tools()
    assert len(tools) == 38 + 7 + 19 + 13  # + configuration, registries/system, home data
    for tool in tools:
        assert not tool.name.startswith("ha_"), tool.name
        assert tool.description and len(tool.description) > 30, tool.name
        assert tool.annotations is not None, tool.name
        for name, prop in tool.input_schema.get("properties", {}).items():
            described = "description" in prop or "enum" in prop or "const" in prop
            assert described or name in ("limit", "offset"), f"{tool.name}.{name}"


def test_compact_schemas() -> None:
    optional = {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "default": None,
        "description": "d",
    }
    nested = {"anyOf": [{"$ref": "#/$defs/X"}, {"type": "null"}], "default": None}
    assert compact({"properties": {"a": optional}}) == {
        "properties": {"a": {"type": "string", "description": "d"}}
    }
    assert compact(optional, keep_null=True) == {"type": ["string", "null"], "description": "d"}
    assert compact(nested, keep_null=True) == nested
    assert compact(nested) == {"$ref": "#/$defs/X"}


async def test_id_formats_are_checked_without_schema_patterns(runtime: RuntimeSettings) -> None:
    """Formats left the listed schemas (tokens) but not the validation: a wrong value is refused
    before anything reaches Home Assistant (nothing listens at the discard port), with its form."""
    unreachable = load_settings(
        HASettings, url="http://127.0.0.1:9", token="token-value-1234", allow_write=True
    )
    calls = {
        "call_service": ({"domain": "light/../config", "service": "turn_on"}, "is not an id"),
        "get_statistics": ({"statistic_ids": ["Energy Total"]}, "is not a statistic id"),
        # (entity_id itself takes names too: resolving one needs Home Assistant)
        "update_entity": (
            {"entity_id": "light.kitchen", "new_entity_id": "Kitchen Light"},
            "is not an entity id",
        ),
        "speak": ({"text": "hi", "tts_entity_id": "TTS Cloud"}, "is not an entity id"),
    }
    async with Client(build_server(unreachable, runtime)) as client:
        listed = {t.name: t for t in await client.list_tools()}
        for tool in ("call_service", "get_statistics", "get_logbook", "find_usage", "speak"):
            # the entity-id, slug and statistic-id formats are all gone from the listing
            assert "pattern" not in str(listed[tool].input_schema), tool
        for tool, (arguments, refusal) in calls.items():
            result = await client.call_tool(tool, arguments, raise_on_error=False)
            text = str(result.content[0].text) if result.content else ""  # type: ignore[union-attr]
            assert result.is_error and refusal in text, (tool, text)
