"""Google Home through Home Assistant: Cast speakers and displays, text-to-speech, the Google
Assistant SDK (commands and broadcasts) and media control. Missing integrations are said plainly."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastmcp.exceptions import ToolError
from pydantic import Field

from home_assistant_mcp.calls import Call, execute, prepare, refuse_if_sensitive
from home_assistant_mcp.catalog import Catalog
from home_assistant_mcp.client import HAClient
from home_assistant_mcp.entities import domain_of
from home_assistant_mcp.models import ActionResult, CastDevice, CastDevices, ServiceResult
from home_assistant_mcp.safety import unvouched_speakers
from home_assistant_mcp.tools import Deps, EntityId, IdItem, IdList
from homelab_shared.errors import SafetyRefusal
from homelab_shared.toolbox import Toolbox

NO_CAST = "no Google Cast devices in Home Assistant (the cast integration is not set up)"
NO_CAST_PLAYERS = "no Google Cast devices in Home Assistant (the cast integration has no players)"
NO_SDK = (
    "the Google Assistant SDK integration is not set up in Home Assistant, so Assistant "
    "commands and broadcasts cannot be sent"
)
Players = (
    Annotated[list[IdItem], IdList(20, "media_player ids or names; empty: every Cast device")]
    | None
)
MEDIA_ACTIONS = {
    "play": "media_play",
    "pause": "media_pause",
    "play_pause": "media_play_pause",
    "stop": "media_stop",
    "next": "media_next_track",
    "previous": "media_previous_track",
    "volume_up": "volume_up",
    "volume_down": "volume_down",
    "volume_set": "volume_set",
    "mute": "volume_mute",
    "unmute": "volume_mute",
}


async def cast_players(ha: HAClient) -> tuple[list[dict[str, Any]], str | None]:
    """States of the media players of the cast integration, or why there are none."""
    catalog = await Catalog.load(ha)
    ids = {
        e
        for e, entry in catalog.entities.items()
        if entry.get("platform") == "cast" and domain_of(e) == "media_player"
    }
    if ids:
        return [s for s in await ha.states() if s["entity_id"] in ids], None
    components = (await ha.config()).get("components", [])
    return [], NO_CAST_PLAYERS if "cast" in components else NO_CAST


def register(box: Toolbox, deps: Deps) -> None:
    @box.read
    async def list_cast_devices() -> CastDevices:
        """Google Home / Nest speakers and displays and other Chromecasts, with what they
        play."""
        states, why = await cast_players(deps.ha())
        items = [
            CastDevice(
                entity_id=s["entity_id"],
                name=s["attributes"].get("friendly_name"),
                state=s["state"],
                app=s["attributes"].get("app_name"),
                media_title=s["attributes"].get("media_title"),
                volume=s["attributes"].get("volume_level"),
            )
            for s in states
        ]
        return CastDevices(items=items, message=why)

    @box.write()
    async def speak(
        text: Annotated[str, Field(min_length=1, max_length=1000, description="What to say")],
        media_player_ids: Players = None,
        tts_entity_id: Annotated[
            IdItem | None, Field(description="Default: the first tts.*")
        ] = None,
        language: Annotated[str | None, Field(description="e.g. en, nl")] = None,
    ) -> ActionResult:
        """Say a text on Google Home or other speakers the operator vouched for (tts.speak)."""
        ha = deps.ha()
        services = await ha.services()
        if "speak" not in services.get("tts", {}):
            return ActionResult(done=False, message="Home Assistant has no tts.speak service")
        targets = list(media_player_ids or [])
        if not targets:
            players, why = await cast_players(ha)
            if not players:
                return ActionResult(
                    done=False, message=f"{why}; pass media_player_ids to use other players"
                )
            targets = [p["entity_id"] for p in players]
        wrong = [t for t in targets if domain_of(t) != "media_player"]
        if wrong:
            raise ToolError(f"speak plays on media_player entities, not {', '.join(wrong)}.")
        unvouched = unvouched_speakers(targets, deps.policy)
        if unvouched:  # judged before anything else is looked up: see safety.VOICED
            raise SafetyRefusal(
                f"Not spoken: {', '.join(unvouched)} may be heard by a voice assistant, which "
                "would obey the text. The operator vouches for speakers no assistant can hear by "
                "adding their ids to HA_SAFE_SERVICES; otherwise call_sensitive_service with "
                "domain tts, service speak shows a preview and returns a confirm_token."
            )
        engine = tts_entity_id
        if engine is None:
            engines = sorted(
                s["entity_id"] for s in await ha.states() if domain_of(s["entity_id"]) == "tts"
            )
            if not engines:
                return ActionResult(
                    done=False,
                    message="no text-to-speech entity (tts.*) in Home Assistant: set up a TTS "
                    "integration such as Google Translate text-to-speech",
                    targets=targets,
                )
            engine = engines[0]
        data: dict[str, Any] = {"media_player_entity_id": targets, "message": text}
        if language:
            data["language"] = language
        call = await prepare(ha, "tts", "speak", entity_ids=[engine], data=data)
        await refuse_if_sensitive(ha, call, deps.policy)
        await execute(ha, call)
        return ActionResult(done=True, message=f"spoken with {engine}", targets=targets)

    async def assistant_call(command: str, media_player_ids: list[str] | None) -> Call | None:
        ha = deps.ha()
        services = await ha.services()
        if "send_text_command" not in services.get("google_assistant_sdk", {}):
            return None
        data: dict[str, Any] = {"command": command}
        if media_player_ids:
            data["media_player"] = list(media_player_ids)
        return await prepare(ha, "google_assistant_sdk", "send_text_command", data=data)

    async def describe_command(command: str, media_player_ids: list[str] | None = None) -> str:
        if await assistant_call(command, media_player_ids) is None:
            return f"Nothing can be sent: {NO_SDK}."
        where = ", ".join(media_player_ids or []) or "the default Google speaker"
        return (
            f"Send {command!r} to Google Assistant (answer on {where}). Google acts on free text "
            "as it understands it (it can unlock or open what is linked to it), so this server "
            "cannot check what it will do."
        )

    @box.destructive(preview=describe_command)
    async def send_google_assistant_command(
        command: Annotated[
            str,
            Field(
                min_length=1,
                max_length=500,
                description="e.g. 'broadcast dinner is ready'",
            ),
        ],
        media_player_ids: Players = None,
    ) -> ActionResult:
        """Send a text command to Google Assistant: control Google-only devices, or
        'broadcast ...' to every Google speaker."""
        call = await assistant_call(command, media_player_ids)
        if call is None:
            return ActionResult(done=False, message=NO_SDK)
        result = await execute(deps.ha(), call)
        response = result.response if isinstance(result.response, dict) else {}
        texts = [r.get("text", "") for r in response.get("responses", []) if r.get("text")]
        return ActionResult(
            done=True,
            message="sent to Google Assistant",
            targets=list(media_player_ids or []),
            responses=texts or None,
        )

    @box.write()
    async def control_media(
        entity_id: EntityId,
        action: Literal[
            "play",
            "pause",
            "play_pause",
            "stop",
            "next",
            "previous",
            "volume_up",
            "volume_down",
            "volume_set",
            "mute",
            "unmute",
        ],
        volume: Annotated[
            float | None, Field(ge=0, le=1, description="For volume_set: 0 to 1")
        ] = None,
    ) -> ServiceResult:
        """Control a media player (Google Home, Chromecast, any): play, pause, skip, volume."""
        if domain_of(entity_id) != "media_player":
            raise ToolError(f"control_media takes a media_player.* entity, not {entity_id}.")
        data: dict[str, Any] = {}
        if action == "volume_set":
            if volume is None:
                raise ToolError("volume_set needs volume (0 to 1).")
            data["volume_level"] = volume
        elif action in ("mute", "unmute"):
            data["is_volume_muted"] = action == "mute"
        ha = deps.ha()
        call = await prepare(
            ha, "media_player", MEDIA_ACTIONS[action], entity_ids=[entity_id], data=data
        )
        await refuse_if_sensitive(ha, call, deps.policy)
        return await execute(ha, call)
