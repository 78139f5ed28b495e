"""Tasmota devices directly (not through Home Assistant): status, power, allowlisted commands,
and a destructive tool for anything else."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from home_assistant_mcp.models import (
    TasmotaCommandResult,
    TasmotaDeviceInfo,
    TasmotaEnergy,
    TasmotaPower,
    TasmotaStatus,
    TasmotaWifi,
)
from home_assistant_mcp.tasmota_client import is_safe_command
from home_assistant_mcp.tasmota_safety import describe, refuse_if_guarded
from home_assistant_mcp.tools import Deps
from homelab_shared.errors import SafetyRefusal
from homelab_shared.toolbox import Toolbox

DeviceName = Annotated[str, Field(description="From list_tasmota_devices")]
Command = Annotated[
    str,
    Field(
        min_length=1, max_length=200, description="Tasmota command, e.g. 'Status 8', 'Dimmer 40'"
    ),
]
Relay = Annotated[int, Field(ge=1, le=8, description="Relay number")]
ENERGY_FIELDS = {
    "Power": "power_w",
    "Voltage": "voltage_v",
    "Current": "current_a",
    "Factor": "power_factor",
    "Today": "today_kwh",
    "Yesterday": "yesterday_kwh",
    "Total": "total_kwh",
    "TotalStartTime": "total_since",
}


def power_of(data: dict[str, Any]) -> dict[str, str]:
    """``{"POWER": "ON"}`` / ``{"POWER1": "ON", "POWER2": "OFF"}`` -> {"1": "ON", ...}."""
    found = {}
    for key, value in data.items():
        if key.upper().startswith("POWER") and isinstance(value, str):
            found[key.upper().removeprefix("POWER") or "1"] = value
    return found


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _energy(sns: dict[str, Any]) -> TasmotaEnergy | None:
    raw = sns.get("ENERGY")
    if not isinstance(raw, dict):
        return None
    fields = {ours: _first(raw[theirs]) for theirs, ours in ENERGY_FIELDS.items() if theirs in raw}
    return TasmotaEnergy(**fields)


def _sensors(sns: dict[str, Any]) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    for name, value in sns.items():
        if name in ("Time", "ENERGY") or not isinstance(value, dict):
            continue
        for key, reading in value.items():
            if isinstance(reading, int | float | str) and key != "Id":
                found[f"{name}.{key}"] = reading
    if "TempUnit" in sns and found:
        found["TempUnit"] = sns["TempUnit"]
    return found or None


def parse_status(device: str, data: dict[str, Any]) -> TasmotaStatus:
    status = data.get("Status", {})
    fwr, net = data.get("StatusFWR", {}), data.get("StatusNET", {})
    sts, sns, prm = data.get("StatusSTS", {}), data.get("StatusSNS", {}), data.get("StatusPRM", {})
    wifi = sts.get("Wifi")
    return TasmotaStatus(
        device=device,
        friendly_name=_first(status.get("FriendlyName")) or status.get("DeviceName"),
        firmware=fwr.get("Version"),
        hardware=fwr.get("Hardware"),
        uptime=sts.get("Uptime") or prm.get("Uptime"),
        restart_reason=prm.get("RestartReason"),
        ip=net.get("IPAddress"),
        hostname=net.get("Hostname"),
        power=power_of(sts),
        wifi=TasmotaWifi(
            ssid=wifi.get("SSId"),
            rssi_percent=wifi.get("RSSI"),
            signal_dbm=wifi.get("Signal"),
            channel=wifi.get("Channel"),
            downtime=wifi.get("Downtime"),
        )
        if isinstance(wifi, dict)
        else None,
        energy=_energy(sns),
        sensors=_sensors(sns),
    )


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_tasmota_devices() -> list[TasmotaDeviceInfo]:
        """Tasmota devices this server can reach directly (configured in HA_TASMOTA_DEVICES)."""
        settings = deps.settings
        return [
            TasmotaDeviceInfo(
                name=d.name,
                url=d.url,
                password_set=d.password is not None or settings.tasmota_password is not None,
            )
            for d in settings.tasmota_devices
        ]

    @box.read
    async def get_tasmota_status(device: DeviceName) -> TasmotaStatus:
        """A Tasmota device's power state per relay, Wi-Fi signal, energy meter and sensors,
        firmware and uptime (works when Home Assistant is down)."""
        return parse_status(device, await deps.tasmota().status(device))

    @box.write()
    async def set_tasmota_power(
        device: DeviceName, action: Literal["on", "off", "toggle"], relay: Relay = 1
    ) -> TasmotaPower:
        """Switch a Tasmota relay on, off or toggle it (guarded relays: refused)."""
        await refuse_if_guarded(deps.settings, deps.tasmota(), device, f"Power{relay} {action}")
        data = await deps.tasmota().power(device, action, relay)
        return TasmotaPower(device=device, power=power_of(data))

    @box.write()
    async def run_tasmota_command(device: DeviceName, command: Command) -> TasmotaCommandResult:
        """Send a safe Tasmota command (Status, Power, Dimmer, Color, CT, White, Fade, Scheme,
        setting queries); others need run_tasmota_unsafe_command."""
        if not is_safe_command(command):
            raise SafetyRefusal(
                f"{command!r} is not on the safe list. run_tasmota_unsafe_command sends it after "
                "a confirmation (the operator enables it with HA_ALLOW_DESTRUCTIVE=true)."
            )
        await refuse_if_guarded(deps.settings, deps.tasmota(), device, command)
        data = await deps.tasmota().command(device, command)
        return TasmotaCommandResult(device=device, command=command, response=data)

    def describe_unsafe(device: str, command: str) -> str:
        target = deps.tasmota().device(device)
        return (
            f"Send {command!r} to Tasmota {target.name} ({target.url}). It may reset, "
            "restart, reflash or reconfigure the device." + describe(deps.settings, device, command)
        )

    @box.destructive(preview=describe_unsafe)
    async def run_tasmota_unsafe_command(
        device: DeviceName, command: Command
    ) -> TasmotaCommandResult:
        """Send any Tasmota command (Backlog, Restart, Reset, Upgrade, settings...)."""
        data = await deps.tasmota().command(device, command)
        return TasmotaCommandResult(device=device, command=command, response=data)
