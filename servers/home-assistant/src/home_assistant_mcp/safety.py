"""Which service calls are plain writes and which need the confirmation flow (default-deny).

A call is a write only if every service it applies is on :data:`SAFE_SERVICES` (effect confined
to the entities it targets: lights, switches, fans, climate, media controls, helpers, ...) or on
the operator's ``HA_SAFE_SERVICES``, and no entity it reaches is a lock, an alarm panel or a
door-like cover that the call would do anything but secure. Everything else — scenes, scripts,
automations, free-text commands, group changes, backups, add-ons, unknown services — is
destructive. ``HA_SENSITIVE_SERVICES`` makes more calls destructive; nothing makes unlocking,
disarming or opening a door a write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from home_assistant_mcp.targets import Effect, domain_of, listed

_ON_OFF = ("turn_on", "turn_off", "toggle")

# Services whose effect stays on the entities they target. Judged and kept short on purpose;
# left out, with the reason: media_player.play_media (fetches any URL), notify.<legacy> (the
# companion apps take remote commands), vacuum/remote.send_command (arbitrary commands),
# button/input_button.press and timer.finish (exist to start automations), camera.* (turning a
# camera off stops surveillance; snapshot writes files), device_tracker.see (fakes presence),
# logbook.log (forges history), valve.open_valve (water), alarm_trigger, update.install,
# tts.speak (see VOICED).
SAFE_SERVICES: dict[str, tuple[str, ...]] = {
    "homeassistant": (*_ON_OFF, "update_entity"),
    "light": _ON_OFF,
    "switch": _ON_OFF,
    "fan": (
        *_ON_OFF,
        *("set_percentage", "set_preset_mode", "oscillate", "set_direction"),
        *("increase_speed", "decrease_speed"),
    ),
    "climate": (
        *_ON_OFF,
        *("set_temperature", "set_hvac_mode", "set_preset_mode", "set_fan_mode"),
        *("set_humidity", "set_swing_mode", "set_swing_horizontal_mode", "set_aux_heat"),
    ),
    "humidifier": (*_ON_OFF, "set_humidity", "set_mode"),
    "water_heater": (
        *("turn_on", "turn_off", "set_temperature", "set_operation_mode", "set_away_mode"),
    ),
    "media_player": (
        *_ON_OFF,
        *("media_play", "media_pause", "media_play_pause", "media_stop", "media_seek"),
        *("media_next_track", "media_previous_track", "volume_up", "volume_down"),
        *("volume_set", "volume_mute", "select_source", "select_sound_mode"),
        *("shuffle_set", "repeat_set", "clear_playlist"),
    ),
    "cover": (
        *("open_cover", "close_cover", "stop_cover", "toggle", "set_cover_position"),
        *("open_cover_tilt", "close_cover_tilt", "stop_cover_tilt", "toggle_cover_tilt"),
        "set_cover_tilt_position",
    ),  # opening a door-like cover is caught per entity below
    "vacuum": (
        *("start", "pause", "stop", "return_to_base", "clean_spot", "locate"),
        *("set_fan_speed", "turn_on", "turn_off", "toggle", "start_pause"),
    ),
    "lawn_mower": ("start_mowing", "pause", "dock"),
    "siren": _ON_OFF,
    "remote": _ON_OFF,
    "valve": ("close_valve", "stop_valve"),
    "lock": ("lock",),
    "alarm_control_panel": (
        *("alarm_arm_away", "alarm_arm_home", "alarm_arm_night", "alarm_arm_vacation"),
        "alarm_arm_custom_bypass",
    ),
    "input_boolean": _ON_OFF,
    "input_number": ("set_value", "increment", "decrement"),
    "input_select": tuple(f"select_{w}" for w in ("option", "next", "previous", "first", "last")),
    "input_text": ("set_value",),
    "input_datetime": ("set_datetime",),
    "counter": ("increment", "decrement", "reset"),
    "number": ("set_value",),
    "select": tuple(f"select_{w}" for w in ("option", "next", "previous", "first", "last")),
    "text": ("set_value",),
    "date": ("set_value",),
    "time": ("set_value",),
    "datetime": ("set_value",),
    "notify": ("send_message",),
    "persistent_notification": ("create", "dismiss", "dismiss_all"),
    "weather": ("get_forecasts",),
    # Confined to the list or calendar; a calendar or to-do trigger of an automation is followed
    # like any other (chains.py), so an event on a calendar that unlocks stays destructive.
    "calendar": ("get_events", "create_event"),
    "todo": ("get_items", "add_item", "update_item", "remove_item"),
}
DEFAULT_SAFE = frozenset(f"{d}.{s}" for d, services in SAFE_SERVICES.items() for s in services)

# Always destructive, with what it does and the destructive tool that does it.
ALWAYS: dict[str, tuple[str, str]] = {
    "lock.unlock": ("unlocks", "unlock"),
    "lock.open": ("opens (unlatches)", "unlock"),
    "alarm_control_panel.alarm_disarm": ("disarms", "disarm_alarm"),
    "homeassistant.restart": ("restarts Home Assistant", "restart_home_assistant"),
    "homeassistant.stop": ("stops Home Assistant", "restart_home_assistant"),
}
# The tool that runs a call the allow-list refuses, where a dedicated one exists.
TOOL_FOR: dict[str, str] = {
    "scene.turn_on": "activate_scene",
    "script.turn_on": "run_script",
    "automation.trigger": "trigger_automation",
    "automation.turn_on": "set_automation_enabled",
    "automation.turn_off": "set_automation_enabled",
    "google_assistant_sdk.send_text_command": "send_google_assistant_command",
}
GENERIC = "call_sensitive_service"
# Services that say a text aloud on speakers (data key naming them). A voice assistant in earshot
# (a Google/Alexa speaker, an Assist satellite) obeys what it hears: "Hey Google, open the garage"
# acts out of this server's sight. So speech is destructive unless the operator vouches for every
# speaker it reaches (its entity id in HA_SAFE_SERVICES: no assistant can hear it) or for the
# service itself (``tts.speak`` in HA_SAFE_SERVICES).
VOICED: dict[str, str] = {"tts.speak": "media_player_entity_id"}

# Entities whose change matters to the home's security, and the services that only secure them.
DOOR_LIKE_COVERS = frozenset({"garage", "door", "gate", None})  # None: unknown, may be a gate
SECURING: dict[str, frozenset[str]] = {
    "lock": frozenset({"lock.lock"}),
    "alarm_control_panel": frozenset(
        f"alarm_control_panel.{s}" for s in SAFE_SERVICES["alarm_control_panel"]
    ),
    "cover": frozenset(
        {"cover.close_cover", "cover.stop_cover", "cover.close_cover_tilt", "cover.stop_cover_tilt"}
    ),
}
COVER_OPENING = frozenset({"cover.open_cover", "cover.set_cover_position", "cover.toggle"})


@dataclass(frozen=True)
class Policy:
    """The operator's additions: ``sensitive`` (always confirm) and ``safe`` (plain writes).

    Entries are ``domain.service``, ``domain.*`` or entity ids (a script, scene or switch).
    """

    sensitive: tuple[str, ...] = ()
    safe: tuple[str, ...] = ()

    def is_safe(self, service: str, entity_id: str | None = None) -> bool:
        return (
            service in DEFAULT_SAFE
            or service in self.safe
            or f"{domain_of(service)}.*" in self.safe
            or (entity_id is not None and entity_id in self.safe)
        )


@dataclass(frozen=True)
class Sensitive:
    """Why a call needs confirmation, and which destructive tool performs it."""

    reason: str
    tool: str

    def refusal(self, called: str) -> str:
        return (
            f"{called} was not run: it {self.reason}, which needs a confirmation. Use the "
            f"{self.tool} tool instead: it shows a preview and returns a confirm_token to repeat "
            "the call with (the operator enables it with HA_ALLOW_DESTRUCTIVE=true)."
        )


def label(entity_id: str, states: Mapping[str, Mapping[str, Any]]) -> str:
    name = states.get(entity_id, {}).get("attributes", {}).get("friendly_name")
    return f"{name} ({entity_id})" if name else entity_id


def _via(effect: Effect) -> str:
    return f" (through {effect.via})" if effect.via else ""


def guarded(entity_id: str, states: Mapping[str, Mapping[str, Any]]) -> bool:
    """A lock, an alarm panel, or a cover that may be a garage door, door or gate."""
    kind = domain_of(entity_id)
    attributes = states.get(entity_id, {}).get("attributes", {})
    if kind == "cover":
        if attributes.get("entity_id"):  # a cover group: its members are judged one by one
            return False
        return attributes.get("device_class") in DOOR_LIKE_COVERS
    return kind in SECURING


def _secures(effect: Effect, data: Mapping[str, Any]) -> bool:
    if effect.service == "cover.set_cover_position" and data.get("position") == 0:
        return True
    return effect.service in SECURING.get(domain_of(effect.entity_id), frozenset())


def _touches_guarded(
    effects: Iterable[Effect], data: Mapping[str, Any], states: Mapping[str, Mapping[str, Any]]
) -> Sensitive | None:
    def vague(effect: Effect) -> bool:  # report a known garage before an unclassified cover
        attributes = states.get(effect.entity_id, {}).get("attributes", {})
        return domain_of(effect.entity_id) == "cover" and attributes.get("device_class") is None

    for effect in sorted(effects, key=vague):
        if not guarded(effect.entity_id, states) or _secures(effect, data):
            continue
        name = label(effect.entity_id, states) + _via(effect)
        if effect.service in COVER_OPENING:
            return Sensitive(f"opens {name}", "open_cover")
        how = f"with {effect.service}" if effect.service else "to a state it carries or stores"
        return Sensitive(f"changes {name} {how}", GENERIC)
    return None


def unvouched_speakers(players: Iterable[str], policy: Policy) -> list[str]:
    """The speakers speech would reach that the operator has not vouched for."""
    if "tts.speak" in policy.safe or "tts.*" in policy.safe:
        return []
    return [p for p in players if p not in policy.safe]


def _voiced(effects: list[Effect], data: Mapping[str, Any], policy: Policy) -> Sensitive | None:
    for effect in effects:
        key = VOICED.get(effect.service or "")
        if key is None:
            continue
        named = data.get(key)
        players = [named] if isinstance(named, str) else list(named or [])
        wrong = unvouched_speakers(players, policy) if players else ["(no speaker named)"]
        if wrong:
            return Sensitive(
                f"says a text aloud on {', '.join(wrong)}, where a voice assistant may hear and "
                "obey it (the operator vouches for a speaker no assistant can hear by adding "
                "its entity id to HA_SAFE_SERVICES)",
                GENERIC,
            )
    return None


def _not_allowed(called: str, effects: list[Effect], policy: Policy) -> Sensitive | None:
    applied = [e for e in effects if e.service is not None and e.service not in VOICED]
    if not applied and called not in VOICED and not policy.is_safe(called):
        return Sensitive(
            f"runs {called}, which is not on the list of services whose effect stays on their "
            "targets (the operator can add it to HA_SAFE_SERVICES)",
            TOOL_FOR.get(called, GENERIC),
        )
    for effect in applied:
        assert effect.service is not None
        if not policy.is_safe(effect.service, effect.entity_id):
            return Sensitive(
                f"runs {effect.service} on {effect.entity_id}{_via(effect)}, which is not on the "
                "list of services whose effect stays on their targets (the operator can add it "
                "to HA_SAFE_SERVICES)",
                TOOL_FOR.get(effect.service, GENERIC),
            )
    return None


def judge(
    called: str,
    data: Mapping[str, Any],
    effects: list[Effect],
    states: Mapping[str, Mapping[str, Any]],
    policy: Policy,
    *,
    unresolved: bool = False,
) -> Sensitive | None:
    """The reason this call is destructive, or None for a plain write.

    ``unresolved``: the target could not be expanded (registries unavailable), so what it
    reaches is unknown and the call is treated as destructive.
    """
    for service in [called, *(e.service for e in effects if e.service)]:
        if service in ALWAYS:
            what, tool = ALWAYS[service]
            names = ", ".join(label(e.entity_id, states) for e in effects if e.service == service)
            return Sensitive(f"{what} {names}".strip(), tool)
    entry = listed(policy.sensitive, called, effects)
    if entry is not None:
        return Sensitive(f"is on the operator's sensitive list ({entry})", GENERIC)
    if unresolved:
        return Sensitive(
            "has a target that could not be expanded to entities (registries unavailable), "
            "so what it reaches cannot be checked",
            GENERIC,
        )
    guard = _touches_guarded(effects, data, states)
    deny = _not_allowed(called, effects, policy) or _voiced(effects, data, policy)
    if deny and guard:  # name the tool for the service, and say what it would reach
        return Sensitive(f"{deny.reason}, and {guard.reason}", deny.tool)
    return deny or guard
