"""Google Home through Home Assistant. The demo has no Cast devices and no Google Assistant SDK:
the real peer shows the plain messages; the positive paths run against a stand-in (fake_ha)."""

from __future__ import annotations

from typing import Any

import pytest
from fastmcp import Client

from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.servers.home_assistant.conftest import call, mcp_client
from tests.servers.home_assistant.fake_ha import TOKEN, FakeHomeAssistant


@pytest.mark.peer
async def test_without_cast_or_the_assistant_sdk_it_says_so(rw_ha: Client[Any]) -> None:
    devices = await call(rw_ha, "list_cast_devices")
    assert devices == {
        "items": [],
        "message": "no Google Cast devices in Home Assistant (the cast integration is not set up)",
    }
    spoken = await call(rw_ha, "speak", text="Dinner is ready")
    assert spoken["done"] is False
    assert spoken["message"].startswith("no Google Cast devices in Home Assistant")
    other = await call(rw_ha, "speak", text="Hi", media_player_ids=["media_player.living_room"])
    assert other["done"] is False
    assert other["message"].startswith("no text-to-speech entity (tts.*) in Home Assistant")
    command = await call(rw_ha, "send_google_assistant_command", command="broadcast hello")
    assert command["preview"] == (
        "Nothing can be sent: the Google Assistant SDK integration is not set up in Home "
        "Assistant, so Assistant commands and broadcasts cannot be sent."
    )
    done = await call(
        rw_ha,
        "send_google_assistant_command",
        command="broadcast hello",
        confirm_token=command["confirm_token"],
    )
    assert done == {
        "done": False,
        "message": "the Google Assistant SDK integration is not set up in Home Assistant, so "
        "Assistant commands and broadcasts cannot be sent",
        "targets": [],
    }


async def test_cast_speakers_speech_and_assistant_commands(runtime: RuntimeSettings) -> None:
    async with FakeHomeAssistant().running() as fake:
        settings = load_settings(
            HASettings, url=fake.url, token=TOKEN, allow_write=True, allow_destructive=True
        )
        async with mcp_client(build_server(settings, runtime)) as client:
            devices = await call(client, "list_cast_devices")
            assert devices == {
                "items": [
                    {
                        "entity_id": "media_player.kitchen_speaker",
                        "name": "Kitchen speaker",
                        "state": "idle",
                        "volume": 0.4,
                    },
                    {
                        "entity_id": "media_player.living_room_display",
                        "name": "Living room display",
                        "state": "playing",
                        "app": "YouTube Music",
                        "media_title": "So What",
                        "volume": 0.25,
                    },
                ]
            }
            spoken = await call(client, "speak", text="Dinner is ready", language="en")
            assert spoken == {
                "done": True,
                "message": "spoken with tts.google_translate_en_com",
                "targets": ["media_player.kitchen_speaker", "media_player.living_room_display"],
            }
            arguments = {
                "command": "what's the weather",
                "media_player_ids": ["media_player.kitchen_speaker"],
            }
            preview = await call(client, "send_google_assistant_command", **arguments)
            assert "Google acts on free text" in preview["preview"]
            assert len(fake.calls) == 1  # the preview sent nothing
            answer = await call(
                client,
                "send_google_assistant_command",
                **arguments,
                confirm_token=preview["confirm_token"],
            )
            assert answer["done"] is True
            assert answer["responses"] == ["It's 18 degrees and cloudy."]

    speak, command = fake.calls
    assert (speak["domain"], speak["service"]) == ("tts", "speak")
    assert speak["target"] == {"entity_id": ["tts.google_translate_en_com"]}
    assert speak["service_data"] == {
        "media_player_entity_id": [
            "media_player.kitchen_speaker",
            "media_player.living_room_display",
        ],
        "message": "Dinner is ready",
        "language": "en",
    }
    assert (command["domain"], command["service"]) == ("google_assistant_sdk", "send_text_command")
    assert command["service_data"] == {
        "command": "what's the weather",
        "media_player": ["media_player.kitchen_speaker"],
    }
    assert command["return_response"] is True
