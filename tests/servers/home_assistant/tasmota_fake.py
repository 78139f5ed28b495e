"""A Tasmota device as respx answers it, in the shapes of Tasmota's documented HTTP API
(``/cm?cmnd=...``, JSON answers; credentials in ``user``/``password``)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

PLUG = "http://192.0.2.10"
STRIP = "http://192.0.2.11"
PASSWORD = "plug-password-4711"

# `Status 0` of a Sonoff POW R2 on Tasmota 14 (abridged to the sections the server reads plus a
# few it ignores), as documented on the JSON status responses page.
STATUS_0: dict[str, Any] = {
    "Status": {
        "Module": 43,
        "DeviceName": "Desk plug",
        "FriendlyName": ["Desk plug"],
        "Topic": "tasmota_1A2B3C",
        "ButtonTopic": "0",
        "Power": "1",
        "PowerLock": "0",
        "PowerOnState": 3,
        "LedState": 1,
        "LedMask": "FFFF",
        "SaveData": 1,
        "SaveState": 1,
        "SwitchTopic": "0",
        "SwitchMode": [0, 0, 0, 0, 0, 0, 0, 0],
        "ButtonRetain": 0,
        "SwitchRetain": 0,
        "SensorRetain": 0,
        "PowerRetain": 0,
        "InfoRetain": 0,
        "StateRetain": 0,
        "StatusRetain": 0,
    },
    "StatusPRM": {
        "Baudrate": 4800,
        "SerialConfig": "8E1",
        "GroupTopic": "tasmotas",
        "OtaUrl": "http://ota.tasmota.com/tasmota/release/tasmota.bin.gz",
        "RestartReason": "Software/System restart",
        "Uptime": "3T04:05:06",
        "StartupUTC": "2024-08-17T06:00:00",
        "Sleep": 50,
        "CfgHolder": 4617,
        "BootCount": 21,
        "BCResetTime": "2023-01-02T10:00:00",
        "SaveCount": 97,
        "SaveAddress": "F6000",
    },
    "StatusFWR": {
        "Version": "14.2.0(release-tasmota)",
        "BuildDateTime": "2024-08-14T12:52:18",
        "Boot": 31,
        "Core": "2_7_7",
        "SDK": "2.2.2-dev(38a443e)",
        "CpuFrequency": 80,
        "Hardware": "ESP8266EX",
        "CR": "425/699",
    },
    "StatusNET": {
        "Hostname": "desk-plug-2876",
        "IPAddress": "192.0.2.10",
        "Gateway": "192.0.2.1",
        "Subnetmask": "255.255.255.0",
        "DNSServer1": "192.0.2.1",
        "DNSServer2": "0.0.0.0",
        "Mac": "A4:CF:12:1A:2B:3C",
        "Webserver": 2,
        "HTTP_API": 1,
        "WifiConfig": 4,
        "WifiPower": 17.0,
    },
    "StatusTIM": {
        "UTC": "2024-08-20T10:05:06Z",
        "Local": "2024-08-20T12:05:06",
        "StartDST": "2024-03-31T02:00:00",
        "EndDST": "2024-10-27T03:00:00",
        "Timezone": "+01:00",
        "Sunrise": "06:41",
        "Sunset": "20:52",
    },
    "StatusSNS": {
        "Time": "2024-08-20T12:05:06",
        "ENERGY": {
            "TotalStartTime": "2023-01-02T10:00:00",
            "Total": 123.456,
            "Yesterday": 1.234,
            "Today": 0.567,
            "Power": 45,
            "ApparentPower": 50,
            "ReactivePower": 22,
            "Factor": 0.9,
            "Voltage": 231,
            "Current": 0.217,
        },
        "DS18B20": {"Id": "01144A0CB2AA", "Temperature": 24.5},
        "TempUnit": "C",
    },
    "StatusSTS": {
        "Time": "2024-08-20T12:05:06",
        "Uptime": "3T04:05:06",
        "UptimeSec": 273906,
        "Heap": 25,
        "SleepMode": "Dynamic",
        "Sleep": 50,
        "LoadAvg": 19,
        "MqttCount": 1,
        "POWER": "ON",
        "Wifi": {
            "AP": 1,
            "SSId": "homelab",
            "BSSId": "A4:CF:12:00:00:01",
            "Channel": 6,
            "Mode": "11n",
            "RSSI": 76,
            "Signal": -62,
            "LinkCount": 1,
            "Downtime": "0T00:00:04",
        },
    },
}
STATUS_8 = {"StatusSNS": STATUS_0["StatusSNS"]}
RULE = re.compile(
    r"on power(?P<relay>\d)#state=(?P<state>[01]) do power(?P<target>\d) (?P<action>on|off) endon",
    re.IGNORECASE,
)
NEED_PASSWORD = {"WARNING": "Need user=<username>&password=<password>"}


class FakeTasmota:
    """Answers like a Tasmota device; records every command (as the device decodes it)."""

    def __init__(
        self, password: str | None = None, relays: int = 1, rules: dict[int, str] | None = None
    ) -> None:
        self.password = password
        self.power = ["OFF"] * relays
        self.commands: list[str] = []
        self.queries: list[dict[str, list[str]]] = []
        # Rule sets 1-3 (enabled when given), run like the device runs them: a relay change
        # fires ``on PowerN#State=S do PowerM on|off endon``.
        self.rules = dict(rules or {})

    def _switch(self, relay: int, action: str) -> None:
        before = self.power[relay - 1]
        if action in ("on", "1"):
            self.power[relay - 1] = "ON"
        elif action in ("off", "0"):
            self.power[relay - 1] = "OFF"
        elif action in ("toggle", "2"):
            self.power[relay - 1] = "OFF" if before == "ON" else "ON"
        if self.power[relay - 1] == before:
            return
        state = "1" if self.power[relay - 1] == "ON" else "0"
        for text in self.rules.values():
            for fired in RULE.finditer(text):
                if int(fired["relay"]) == relay and fired["state"] == state:
                    self._switch(int(fired["target"]), fired["action"].lower())

    def _rule(self, number: int) -> dict[str, Any]:
        text = self.rules.get(number, "")
        return {
            f"Rule{number}": {
                "State": "ON" if text else "OFF",
                "Once": "OFF",
                "StopOnError": "OFF",
                "Length": len(text),
                "Free": 511 - len(text),
                "Rules": text,
            }
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        query = parse_qs(urlsplit(str(request.url)).query)
        self.queries.append(query)
        if self.password and query.get("password") != [self.password]:
            return httpx.Response(401, json=NEED_PASSWORD)
        command = query.get("cmnd", [""])[0]
        self.commands.append(command)
        name, _, arg = command.partition(" ")
        lower = name.lower()
        if lower == "status" and arg in ("", "0"):
            return httpx.Response(200, json=STATUS_0)
        if lower == "status" and arg == "8":
            return httpx.Response(200, json=STATUS_8)
        if lower in ("rule1", "rule2", "rule3") and not arg:
            return httpx.Response(200, json=self._rule(int(lower[-1])))
        if lower.startswith("power"):
            relay = int(lower.removeprefix("power") or 1)
            self._switch(relay, arg.lower())
            key = "POWER" if len(self.power) == 1 else f"POWER{relay}"
            return httpx.Response(200, json={key: self.power[relay - 1]})
        if lower == "restart" and arg == "1":
            return httpx.Response(200, json={"Restart": "Restarting"})
        if lower == "dimmer":  # the light is on relay 1: dimming turns it on
            if arg:
                self._switch(1, "on")
            return httpx.Response(200, json={"POWER": "ON", "Dimmer": int(arg or 100)})
        return httpx.Response(200, json={"Command": "Unknown"})
