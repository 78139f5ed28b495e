"""Tasmota devices through respx, with the shapes of Tasmota's documented HTTP API
(``/cm?cmnd=...``, JSON answers; credentials in ``user``/``password``)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import respx
from fastmcp import Client
from fastmcp.exceptions import ToolError

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from home_assistant_mcp.tasmota_client import is_safe_command
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ConfirmationRequired
from tests.servers.home_assistant.conftest import call, mcp_client
from tests.servers.home_assistant.tasmota_fake import (
    NEED_PASSWORD,
    PASSWORD,
    PLUG,
    STRIP,
    FakeTasmota,
)


@pytest.fixture
def plug() -> FakeTasmota:
    return FakeTasmota(password=PASSWORD)


@pytest.fixture
def strip() -> FakeTasmota:
    return FakeTasmota(relays=4)


@pytest.fixture
def tasmota_settings() -> Callable[..., HASettings]:
    def make(**overrides: Any) -> HASettings:
        values: dict[str, Any] = {
            "url": "http://127.0.0.1:9",  # Home Assistant is not needed for Tasmota
            "token": "unused-token-value",
            "tasmota_devices": f"plug={PLUG} strip={STRIP}",
            "tasmota_password": PASSWORD,
            **overrides,
        }
        return load_settings(HASettings, **values)

    return make


@pytest.fixture
async def tasmota(
    tasmota_settings: Callable[..., HASettings],
    runtime: RuntimeSettings,
    plug: FakeTasmota,
    strip: FakeTasmota,
) -> AsyncIterator[Client[Any]]:
    settings = tasmota_settings(allow_write=True, allow_destructive=True)
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        mock.get(url__startswith=f"{PLUG}/cm").mock(side_effect=plug)
        mock.get(url__startswith=f"{STRIP}/cm").mock(side_effect=strip)
        async with mcp_client(build_server(settings, runtime)) as client:
            yield client


async def test_list_devices_hides_credentials(tasmota: Client[Any]) -> None:
    result = await tasmota.call_tool("list_tasmota_devices", {})
    assert json.loads(json.dumps(result.structured_content)) == {
        "result": [
            {"name": "plug", "url": PLUG, "password_set": True},
            {"name": "strip", "url": STRIP, "password_set": True},
        ]
    }
    assert PASSWORD not in str(result.content)


async def test_status_is_lean(tasmota: Client[Any], plug: FakeTasmota) -> None:
    status = await call(tasmota, "get_tasmota_status", device="plug")
    assert status == {
        "device": "plug",
        "friendly_name": "Desk plug",
        "firmware": "14.2.0(release-tasmota)",
        "hardware": "ESP8266EX",
        "uptime": "3T04:05:06",
        "restart_reason": "Software/System restart",
        "ip": "192.0.2.10",
        "hostname": "desk-plug-2876",
        "power": {"1": "ON"},
        "wifi": {
            "ssid": "homelab",
            "rssi_percent": 76,
            "signal_dbm": -62,
            "channel": 6,
            "downtime": "0T00:00:04",
        },
        "energy": {
            "power_w": 45,
            "voltage_v": 231,
            "current_a": 0.217,
            "power_factor": 0.9,
            "today_kwh": 0.567,
            "yesterday_kwh": 1.234,
            "total_kwh": 123.456,
            "total_since": "2023-01-02T10:00:00",
        },
        "sensors": {"DS18B20.Temperature": 24.5, "TempUnit": "C"},
    }
    assert plug.commands == ["Status 0"]
    assert plug.queries[0]["user"] == ["admin"]
    assert plug.queries[0]["password"] == [PASSWORD]


async def test_power_on_off_toggle_per_relay(tasmota: Client[Any], strip: FakeTasmota) -> None:
    on = await call(tasmota, "set_tasmota_power", device="strip", action="on", relay=2)
    assert on == {"device": "strip", "power": {"2": "ON"}}
    toggled = await call(tasmota, "set_tasmota_power", device="strip", action="toggle", relay=2)
    assert toggled["power"] == {"2": "OFF"}
    assert strip.commands == ["Power2 on", "Power2 toggle"]


async def test_allowlisted_commands_and_energy(tasmota: Client[Any], plug: FakeTasmota) -> None:
    energy = await call(tasmota, "run_tasmota_command", device="plug", command="Status 8")
    assert energy["response"]["StatusSNS"]["ENERGY"]["Power"] == 45
    dimmer = await call(tasmota, "run_tasmota_command", device="plug", command="Dimmer 40")
    assert dimmer["response"] == {"POWER": "ON", "Dimmer": 40}
    for unsafe in ("Reset 1", "Restart 1", "Backlog Power on; Restart 1", "Upgrade 1", "OtaUrl x"):
        with pytest.raises(ToolError, match="run_tasmota_unsafe_command"):
            await tasmota.call_tool("run_tasmota_command", {"device": "plug", "command": unsafe})
    assert plug.commands == ["Status 8", "Dimmer 40"]


async def test_unsafe_command_needs_confirmation(tasmota: Client[Any], plug: FakeTasmota) -> None:
    args = {"device": "plug", "command": "Restart 1"}
    first = ConfirmationRequired.model_validate(
        await call(tasmota, "run_tasmota_unsafe_command", **args)
    )
    assert first.preview.startswith(f"Send 'Restart 1' to Tasmota plug ({PLUG})")
    assert plug.commands == []
    done = await call(
        tasmota, "run_tasmota_unsafe_command", **args, confirm_token=first.confirm_token
    )
    assert done["response"] == {"Restart": "Restarting"}
    assert plug.commands == ["Restart 1"]


async def test_wrong_password_and_unknown_things(
    tasmota_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> None:
    settings = tasmota_settings(tasmota_password="wrong-password", allow_write=True)
    old_firmware = FakeTasmota(password=PASSWORD)
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as mock:
        mock.get(url__startswith=f"{PLUG}/cm").mock(side_effect=old_firmware)
        mock.get(url__startswith=f"{STRIP}/cm").mock(
            return_value=httpx.Response(200, json=NEED_PASSWORD)  # firmware before 401s
        )
        async with mcp_client(build_server(settings, runtime)) as client:
            for device in ("plug", "strip"):
                with pytest.raises(ToolError) as caught:
                    await client.call_tool("get_tasmota_status", {"device": device})
                message = str(caught.value)
                assert message.startswith(f"Tasmota {device}: rejected the credentials")
                assert "HA_TASMOTA_PASSWORD" in message and "wrong-password" not in message
            with pytest.raises(ToolError, match=r"no device named 'lamp'.*Known: plug, strip"):
                await client.call_tool("get_tasmota_status", {"device": "lamp"})


async def test_unreachable_device(
    tasmota_settings: Callable[..., HASettings], runtime: RuntimeSettings
) -> None:
    settings = tasmota_settings(tasmota_devices="gone=http://127.0.0.1:9", tasmota_timeout=1)
    async with mcp_client(build_server(settings, runtime)) as client:
        with pytest.raises(ToolError, match=r"Tasmota gone: cannot connect.*HA_TASMOTA_DEVICES"):
            await client.call_tool("get_tasmota_status", {"device": "gone"})


def test_command_allowlist() -> None:
    safe = [
        "Status",
        "Status 10",
        "Power",
        "POWER2 toggle",
        "Dimmer 40",
        "CT 300",
        "Color #FF0000",
        "Timers",
        "SetOption19",
        "Fade on",
    ]
    unsafe = [
        "Status 99",
        "Power2 on; Reset 1",
        "SetOption19 1",
        "Timer1 {}",
        "WebSend x",
        "Rule1 on x do y",
        "GPIO1 21",
        "Template {}",
        "Sleep 0",
        "Restart 99",
    ]
    assert all(is_safe_command(c) for c in safe)
    assert not any(is_safe_command(c) for c in unsafe)
