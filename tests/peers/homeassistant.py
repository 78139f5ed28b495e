"""A real Home Assistant (2025.4.4, demo integration) for the tests, started as a subprocess.

Installed by `.ci/peers/homeassistant.sh` into `PEERS_DIR/homeassistant` (own Python 3.13.0 venv).
The peer writes a config dir, runs `hass -c DIR --skip-pip` on a free loopback port, creates the
owner through the onboarding API (no browser), turns the resulting access token into a long-lived
token over the WebSocket API, and waits for `/api/config` to report `RUNNING`. `stop()` ends it by
PID; `start()` again reuses the same config dir, so the token stays valid across restarts.

Demo entities in 2025.4.4 (queried from a running instance: 118 states; initial state in brackets)

lights
    light.bed_light [off], light.ceiling_lights [on, color_temp], light.kitchen_lights [on, hs],
    light.office_rgbw_lights [on, rgbw], light.living_room_rgbww_lights [on, rgbww],
    light.entrance_color_white_lights [on, hs]; all `on` ones at brightness 180
switches
    switch.decorative_lights [on, assumed_state], switch.ac [off, device_class outlet]
locks (no code needed by any; each lock/unlock/open passes through locking/unlocking/opening,
and the service call returns only after those 2 s)
    lock.front_door [locked], lock.kitchen_door [unlocked], lock.openable_lock [locked; supports
    `lock.open`, ends `open`], lock.poorly_installed_door [unlocked; `lock.lock` ends `jammed`]
alarm panels
    alarm_control_panel.security [disarmed] — HA's manual alarm, code `1234` (code_format number)
    required to arm and to disarm; arming takes 5 s (`arming`, then e.g. `armed_away`). A missing
    or wrong code: REST answers 500, WebSocket `service_validation_error` ("Arming requires a code
    but none was given…", "Invalid alarm code provided")
covers (all device_class None except the garage; positions move 10 %/s)
    cover.garage_door [closed, device_class garage, open/close only, immediate],
    cover.kitchen_window [closed, open/close/stop, no position],
    cover.hall_window [open, position 10], cover.living_room_window [open, position 70, tilt 50],
    cover.pergola_roof [closed, tilt 60 only]
media players (all `playing`; none is Cast — no cast integration or cast-like device here)
    media_player.living_room and media_player.bedroom [app YouTube, movie],
    media_player.walkman and media_player.kitchen [music],
    media_player.lounge_room [device_class tv, app Netflix, tvshow, sources dvd/youtube],
    media_player.browse [browse_media only],
    media_player.group [group player]
sensors with numeric values (state_class measurement unless noted)
    sensor.outside_temperature [15.6 °C], sensor.outside_humidity [54 %], sensor.carbon_monoxide
    [54 ppm], sensor.carbon_dioxide [54 ppm], sensor.power_consumption [100 W],
    sensor.total_energy_kwh [0 kWh, total], sensor.total_energy_mwh [0 MWh, total],
    sensor.total_gas_m3 [0 m³, total], sensor.total_gas_ft3 [0.0 m³, total];
    sensor.thermostat is an enum ("eco"); also number.* (large_range 500, pwm_1 0.42,
    small_range 128, temperature_setting 22 °C, volume 42.0) and
    air_quality.demo_air_quality_home/_office [14/4 µg/m³]
climate
    climate.hvac [cool, target 21, current 22, modes off/heat/cool/auto/dry/fan_only],
    climate.heatpump [heat, target 20.0, current 25.0, modes heat/off],
    climate.ecobee [heat_cool, range 21–24, current 23]
others
    binary_sensor.basement_floor_wet [off, moisture], binary_sensor.movement_backyard [on, motion],
    fan.{ceiling_fan,living_room_fan,percentage_full_fan,percentage_limited_fan,
    preset_only_limited_fan} [off], humidifier.{humidifier,dehumidifier,hygrostat} [on],
    vacuum.{0_ground_floor,…,4_fourth_floor} [docked], valve.front_garden [open], valve.orchard
    [closed], siren.siren, weather.demo_weather_south [sunny], weather.demo_weather_north [rainy],
    water_heater.demo_water_heater(_celsius) [eco], camera.demo_camera(_png/_without_stream),
    calendar.calendar_1/2, update.demo_* (5 with an update available), device_tracker.demo_paulus,
    person.test_owner, sun.sun, zone.home, sensor.backup_*, sensor.sun_*
energy
    loaded (`energy:`), no dashboard preferences saved (`energy/get_prefs` answers not_found)
registries
    areas: living_room, kitchen, bedroom (made by onboarding); 51 devices, none assigned to an area;
    no floors, no labels
repairs
    one persistent issue stored before the first start (REPAIR_ISSUE_ID: an automation calling
    light.turn_onn); config entries demo, sun and backup (local backup agent `backup.local`)

From this config file (helpers for tests): input_boolean.guest_mode [off],
input_boolean.vacation_mode [on], input_number.target_brightness [50.0], input_select.house_mode
[Home; Home/Away/Night], input_text.note [""], counter.test_counter [0],
sensor.outside_temperature_f [60.1 °F, template], script.bed_light_on (turns light.bed_light on),
automation.guest_mode_lights [on] (guest_mode → on turns light.kitchen_lights on),
scene.movie_night (bed light off, ceiling lights on at brightness 77).

Pitfalls: the recorder commits every second (history showed a change after ≈ 1 s: poll);
a service call on an unknown entity answers 200 `[]` (HA only logs a warning), an unknown service
400, `/api/states/<unknown>` 404;
entity pictures of the media players point to the internet (do not fetch `/api/media_player_proxy`);
a session-scoped peer is shared, so restore what a test changes.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Self

import httpx
from websockets.sync.client import connect as ws_connect

from tests.peers import PEERS_DIR, free_port, missing

HA_VERSION = "2025.4.4"
HA_VENV = PEERS_DIR / "homeassistant"
INSTALL_SCRIPT = ".ci/peers/homeassistant.sh"

OWNER_NAME = "Test Owner"
OWNER_USERNAME = "owner"
OWNER_PASSWORD = "test-owner-password"  # only for the throwaway peer's config dir
TOKEN_FILE = ".test_token"
# One repair issue, as Home Assistant stores the one an automation raises when it calls a service
# that does not exist (persistent issues are loaded back at start); the demo raises none.
REPAIR_ISSUE_ID = "automation.porch_light_service_not_found_light.turn_onn"
REPAIRS_STORAGE = {
    "version": 1,
    "minor_version": 2,
    "key": "repairs.issue_registry",
    "data": {
        "issues": [
            {
                "created": "2026-11-30T08:00:00+00:00",
                "dismissed_version": None,
                "domain": "automation",
                "is_persistent": True,
                "issue_id": REPAIR_ISSUE_ID,
                "breaks_in_ha_version": None,
                "data": None,
                "is_fixable": True,
                "issue_domain": None,
                "learn_more_url": None,
                "severity": "error",
                "translation_key": "service_not_found",
                "translation_placeholders": {
                    "service": "light.turn_onn",
                    "entity_id": "automation.porch_light",
                    "name": "Porch light",
                    "edit": "/config/automation/edit/porch_light",
                },
            }
        ]
    },
}
NETWORK_STORAGE = {
    "version": 1,
    "minor_version": 1,
    "key": "core.network",
    "data": {"configured_adapters": ["lo"]},
}

CONFIG_TEMPLATE = """\
homeassistant:
  name: Homelab Test
  latitude: 52.3731
  longitude: 4.8922
  elevation: 3
  time_zone: UTC
  unit_system: metric
  currency: EUR
  country: NL
  language: en

http:
  server_host: 127.0.0.1
  server_port: {port}

api:
websocket_api:
onboarding:
config:
history:
logbook:
recorder:
  commit_interval: 1
demo:
energy:

# Known-harmless noise on this machine (no ffmpeg binary, no libturbojpeg, no zlib-ng/isal);
# silenced so that the log shows real problems. HA's default level stays WARNING.
logger:
  default: warning
  logs:
    haffmpeg: critical
    homeassistant.components.camera.img_util: critical
    aiohttp_fast_zlib: error

input_boolean:
  guest_mode:
    name: Guest mode
    initial: false
  vacation_mode:
    name: Vacation mode
    initial: true

input_number:
  target_brightness:
    name: Target brightness
    min: 0
    max: 100
    step: 5
    initial: 50

input_select:
  house_mode:
    name: House mode
    options: [Home, Away, Night]
    initial: Home

input_text:
  note:
    name: Note
    initial: ""

counter:
  test_counter:
    name: Test counter
    initial: 0
    step: 1

template:
  - sensor:
      - name: Outside temperature F
        unique_id: outside_temperature_f
        unit_of_measurement: "°F"
        state: >-
          {{% set c = states('sensor.outside_temperature') %}}
          {{{{ ((c | float(0)) * 9 / 5 + 32) | round(1) if is_number(c) else 'unavailable' }}}}

script:
  bed_light_on:
    alias: Bed light on
    sequence:
      - action: light.turn_on
        target:
          entity_id: light.bed_light

automation:
  - id: guest_mode_lights
    alias: Guest mode lights
    triggers:
      - trigger: state
        entity_id: input_boolean.guest_mode
        to: "on"
    actions:
      - action: light.turn_on
        target:
          entity_id: light.kitchen_lights

scene:
  - id: movie_night
    name: Movie night
    entities:
      light.bed_light: "off"
      light.ceiling_lights:
        state: "on"
        brightness: 77

# Where the config API (the UI editors) saves automations, scripts and scenes, next to the
# hand-written ones above; `timer:` makes the timer helper collection available.
automation ui: !include automations.yaml
script ui: !include scripts.yaml
scene ui: !include scenes.yaml
timer:
"""
# Empty UI config files (HA's own default config creates these on onboarding).
UI_CONFIG_FILES = {"automations.yaml": "[]\n", "scripts.yaml": "{}\n", "scenes.yaml": "[]\n"}


def ha_binary() -> Path | None:
    """The installed `hass`, or None when `.ci/peers/homeassistant.sh` has not run (completely)."""
    hass = HA_VENV / "bin" / "hass"
    if (HA_VENV / ".installed").is_file() and hass.is_file():
        return hass
    return None


def require_homeassistant() -> Path:
    """The `hass` binary; skips the test (fails with REQUIRE_PEERS=1) when it is not installed."""
    hass = ha_binary()
    if hass is None:
        missing(
            f"Home Assistant {HA_VERSION} peer not installed at {HA_VENV}: "
            f"run `bash {INSTALL_SCRIPT}` (needs pyenv Python 3.13.0 and uv; ≈ 0.7 GB)"
        )
        raise AssertionError("unreachable")  # missing() always raises
    return hass


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as HA's server binds
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class HomeAssistantError(RuntimeError):
    """The peer did not start or could not be bootstrapped; the message ends with HA's log tail."""


class HomeAssistantPeer:
    """One Home Assistant process with the demo config, a long-lived token, and its config dir.

    Usage::

        with HomeAssistantPeer() as peer:  # start(); on exit stop() and remove the temp config dir
            httpx.get(f"{peer.url}/api/states", headers=peer.headers)
    """

    def __init__(self, config_dir: Path | None = None, *, hass: Path | None = None) -> None:
        hass = hass or ha_binary()
        if hass is None:
            raise HomeAssistantError(f"Home Assistant not installed: run `bash {INSTALL_SCRIPT}`")
        self.hass: Path = hass
        self._own_dir = config_dir is None
        self.config_dir = (
            Path(tempfile.mkdtemp(prefix="ha-peer-")) if config_dir is None else config_dir
        )
        self.port = 0
        self.token = ""
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds = 0.0  # process start until /api/config says RUNNING
        self.bootstrap_seconds = 0.0  # onboarding + long-lived token (first start only)
        atexit.register(self.stop)

    # -- public ---------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/api/websocket"

    @property
    def log_path(self) -> Path:
        """HA's console output (also the startup tracebacks); HA's own log is home-assistant.log."""
        return self.config_dir / "hass.console.log"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 90.0) -> Self:
        """Start HA (again) and wait until it is RUNNING; bootstrap the token on the first start."""
        if self.running:
            return self
        began = time.monotonic()
        deadline = began + timeout
        self.config_dir.mkdir(parents=True, exist_ok=True)
        if not self.port or not _port_is_free(self.port):
            self.port = free_port()  # a restart keeps its port (and URL) while it is free
        (self.config_dir / "configuration.yaml").write_text(CONFIG_TEMPLATE.format(port=self.port))
        for name, empty in UI_CONFIG_FILES.items():
            if not (self.config_dir / name).exists():
                (self.config_dir / name).write_text(empty)
        self._seed_storage()
        token_file = self.config_dir / TOKEN_FILE
        self.token = token_file.read_text().strip() if token_file.is_file() else ""

        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(self.hass), "-c", str(self.config_dir), "--skip-pip", "--log-no-color"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self._env(),
                start_new_session=True,  # a Ctrl-C in pytest must not hit HA first
            )
        try:
            with httpx.Client(base_url=self.url, timeout=10.0) as client:
                if not self.token:
                    t0 = time.monotonic()
                    self.token = self._bootstrap_token(client, deadline)
                    token_file.write_text(self.token)
                    self.bootstrap_seconds = time.monotonic() - t0
                self._wait_running(client, deadline)
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - began
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Stop HA by its PID: SIGTERM (graceful shutdown), then SIGKILL after `timeout`."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def cleanup(self) -> None:
        """Stop, and remove the config dir when this peer created it."""
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.config_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def ws_command(self, message: dict[str, Any], timeout: float = 10.0) -> Any:
        """Send one WebSocket command (id added here) and return its `result`; raises on failure."""
        return self._ws_call(self.token, message, timeout)

    # -- internals ------------------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        """The test process's environment minus what must not leak into HA's own venv.

        PYTHON* goes (PYTHONPATH of the workspace, and PYTHONDONTWRITEBYTECODE: the first start
        writes HA's .pyc files, later starts are then ≈ 7 s faster); SUPERVISOR would switch HA
        into Supervisor (hassio) mode.
        """
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "VIRTUAL_ENV")) and k != "SUPERVISOR"
        }
        env["PATH"] = f"{self.hass.parent}{os.pathsep}{env.get('PATH', '')}"
        return env

    def _seed_storage(self) -> None:
        """Pin HA's network integration to loopback before the first start, and store one
        repair issue (REPAIRS_STORAGE).

        Any aiohttp client session in HA (analytics creates one at start) brings up a zeroconf
        instance for its mDNS resolver; with the auto-detected adapters it joins the mDNS multicast
        group on the machine's real interface. With only `lo` configured it joins none.
        """
        for name, content in (
            ("core.network", NETWORK_STORAGE),
            ("repairs.issue_registry", REPAIRS_STORAGE),
        ):
            stored = self.config_dir / ".storage" / name
            if not stored.exists():
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_text(json.dumps(content))

    def _fail(self, what: str) -> HomeAssistantError:
        code = self.process.poll() if self.process else None
        exited = f" (hass exited with {code})" if code is not None else ""
        return HomeAssistantError(
            f"Home Assistant peer: {what}{exited}; config {self.config_dir}\n"
            f"--- tail of {self.log_path} ---\n{self.log_tail()}"
        )

    def _sleep_or_fail(self, deadline: float, what: str) -> None:
        if self.process is None or self.process.poll() is not None:
            raise self._fail(f"hass died while waiting for {what}")
        if time.monotonic() > deadline:
            raise self._fail(f"timed out waiting for {what}")
        time.sleep(0.1)

    def _bootstrap_token(self, client: httpx.Client, deadline: float) -> str:
        client_id = f"{self.url}/"
        while True:  # the onboarding view exists once http + onboarding are set up
            try:
                resp = client.post(
                    "/api/onboarding/users",
                    json={
                        "client_id": client_id,
                        "name": OWNER_NAME,
                        "username": OWNER_USERNAME,
                        "password": OWNER_PASSWORD,
                        "language": "en",
                    },
                )
            except httpx.TransportError:
                resp = None
            if resp is not None and resp.status_code == 200:
                auth_code = resp.json()["auth_code"]
                break
            if resp is not None and resp.status_code == 403:
                raise self._fail(
                    "onboarding already done but no token saved in the config dir "
                    f"({TOKEN_FILE}); use a fresh config dir"
                )
            self._sleep_or_fail(deadline, "the onboarding API")

        resp = client.post(
            "/auth/token",
            data={"grant_type": "authorization_code", "code": auth_code, "client_id": client_id},
        )
        if resp.status_code != 200:
            raise self._fail(f"/auth/token answered {resp.status_code}: {resp.text}")
        access_token = resp.json()["access_token"]
        token = self._ws_call(
            access_token,
            {"type": "auth/long_lived_access_token", "client_name": "tests", "lifespan": 3650},
        )
        if not isinstance(token, str):
            raise self._fail(f"unexpected long-lived token answer {token!r}")
        return token

    def _ws_call(self, token: str, message: dict[str, Any], timeout: float = 10.0) -> Any:
        with ws_connect(self.ws_url, open_timeout=timeout, close_timeout=2) as ws:
            hello = json.loads(ws.recv(timeout=timeout))
            if hello.get("type") != "auth_required":
                raise HomeAssistantError(f"unexpected WebSocket greeting {hello!r}")
            ws.send(json.dumps({"type": "auth", "access_token": token}))
            auth = json.loads(ws.recv(timeout=timeout))
            if auth.get("type") != "auth_ok":
                raise HomeAssistantError(f"WebSocket auth failed: {auth!r}")
            ws.send(json.dumps({"id": 1, **message}))
            while True:
                reply = json.loads(ws.recv(timeout=timeout))
                if reply.get("id") == 1 and reply.get("type") == "result":
                    break
        if not reply.get("success"):
            raise HomeAssistantError(f"WebSocket {message.get('type')} failed: {reply!r}")
        return reply.get("result")

    def _wait_running(self, client: httpx.Client, deadline: float) -> None:
        state = None
        while True:
            try:
                resp = client.get("/api/config", headers=self.headers)
                if resp.status_code == 401:
                    raise self._fail("the saved token was rejected (401)")
                if resp.status_code == 200:
                    state = resp.json().get("state")
                    if state == "RUNNING":
                        return
            except httpx.TransportError:
                pass
            self._sleep_or_fail(deadline, f"state RUNNING (last state {state!r})")
