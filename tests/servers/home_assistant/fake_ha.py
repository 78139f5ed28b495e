"""A stand-in for the parts of Home Assistant the demo cannot show (Google Cast, the Google
Assistant SDK): a real WebSocket server speaking HA's protocol for a few commands, plus respx
routes for the REST API. Payload shapes follow Home Assistant 2025.4 as seen on the real peer."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import respx
from websockets.asyncio.server import ServerConnection, serve

TOKEN = "fake-ha-token-0123456789"
CONTEXT = {"id": "01JFAKECONTEXT0000000000000", "parent_id": None, "user_id": "abc123"}


def registry_entry(entity_id: str, platform: str) -> dict[str, Any]:
    return {
        "area_id": None,
        "categories": {},
        "config_entry_id": "01JCASTENTRY000000000000000",
        "config_subentry_id": None,
        "created_at": 1795695044.0,
        "device_id": f"device-{entity_id}",
        "disabled_by": None,
        "entity_category": None,
        "entity_id": entity_id,
        "has_entity_name": True,
        "hidden_by": None,
        "icon": None,
        "id": f"id-{entity_id}",
        "labels": [],
        "modified_at": 1795695044.0,
        "name": None,
        "options": {"conversation": {"should_expose": True}},
        "original_name": None,
        "platform": platform,
        "translation_key": None,
        "unique_id": f"uid-{entity_id}",
    }


def state(entity_id: str, value: str, **attributes: Any) -> dict[str, Any]:
    stamp = "2026-11-26T12:00:00.000000+00:00"
    return {
        "entity_id": entity_id,
        "state": value,
        "attributes": attributes,
        "last_changed": stamp,
        "last_reported": stamp,
        "last_updated": stamp,
        "context": CONTEXT,
    }


STATES = [
    state(
        "media_player.kitchen_speaker",
        "idle",
        volume_level=0.4,
        is_volume_muted=False,
        friendly_name="Kitchen speaker",
        supported_features=152461,
    ),
    state(
        "media_player.living_room_display",
        "playing",
        volume_level=0.25,
        is_volume_muted=False,
        media_content_type="music",
        media_title="So What",
        media_artist="Miles Davis",
        app_id="2872939A",
        app_name="YouTube Music",
        friendly_name="Living room display",
        supported_features=152463,
    ),
    state("media_player.tv", "off", friendly_name="TV", supported_features=20413),
    state("tts.google_translate_en_com", "unknown", friendly_name="Google Translate en com"),
]
ENTITIES = [
    registry_entry("media_player.kitchen_speaker", "cast"),
    registry_entry("media_player.living_room_display", "cast"),
    registry_entry("media_player.tv", "samsungtv"),
    registry_entry("tts.google_translate_en_com", "google_translate"),
]
LEGACY_NOTIFY = {  # a legacy notify service's description, as Home Assistant lists it
    "name": "Send a notification",
    "description": "Sends a notification message.",
    "fields": {
        "message": {"required": True, "selector": {"text": None}, "name": "Message"},
        "title": {"selector": {"text": None}, "name": "Title"},
        "target": {"selector": {"object": None}, "name": "Target"},
        "data": {"selector": {"object": None}, "name": "Data"},
    },
}
SERVICES = [
    {
        # the Companion app's phone, and the Google Assistant SDK's broadcast (says the message
        # aloud on every Google speaker)
        "domain": "notify",
        "services": {"mobile_app_pixel": LEGACY_NOTIFY, "google_assistant_sdk": LEGACY_NOTIFY},
    },
    {
        "domain": "tts",
        "services": {
            "speak": {
                "name": "Speak",
                "description": "Speaks something using text-to-speech on a media player.",
                "fields": {
                    "media_player_entity_id": {
                        "required": True,
                        "selector": {"entity": {"domain": "media_player"}},
                        "name": "Media player entity",
                        "description": "Media players to play the message.",
                    },
                    "message": {
                        "example": "My name is hanna",
                        "required": True,
                        "selector": {"text": None},
                        "name": "Message",
                        "description": "The text you want to convert into speech.",
                    },
                    "cache": {"default": True, "selector": {"boolean": None}, "name": "Cache"},
                    "language": {"example": "ru", "selector": {"text": None}, "name": "Language"},
                    "options": {"advanced": True, "selector": {"object": None}, "name": "Options"},
                },
                "target": {"entity": [{"domain": ["tts"]}]},
            }
        },
    },
    {
        "domain": "google_assistant_sdk",
        "services": {
            "send_text_command": {
                "name": "Send text command",
                "description": "Sends a command as a text query to Google Assistant.",
                "fields": {
                    "command": {
                        "example": "turn off kitchen TV",
                        "selector": {"text": {"multiple": True}},
                        "name": "Command",
                        "description": "Command(s) to send to Google Assistant.",
                    },
                    "media_player": {
                        "example": "media_player.living_room_speaker",
                        "selector": {
                            "entity": {
                                "integration": "cast",
                                "domain": "media_player",
                                "multiple": True,
                            }
                        },
                        "name": "Media player entity",
                        "description": "Name(s) of media player entities to play response on.",
                    },
                },
                "response": {"optional": True},
            }
        },
    },
]
ASSISTANT_RESPONSE = {"responses": [{"text": "It's 18 degrees and cloudy."}]}


HEALTH_EVENTS = [
    {
        "type": "initial",
        "data": {
            "homeassistant": {"info": {"installation_type": "Home Assistant OS"}},
            "cloud": {
                "info": {
                    "logged_in": True,
                    "can_reach_cert_server": {"type": "pending"},
                    "can_reach_cloud": {"type": "pending"},
                    "remote_server": {"type": "pending"},
                },
                "manage_url": "/config/cloud",
            },
        },
    },
    {
        "type": "update",
        "domain": "cloud",
        "key": "can_reach_cert_server",
        "success": True,
        "data": "ok",
    },
    {
        "type": "update",
        "domain": "cloud",
        "key": "can_reach_cloud",
        "success": False,
        "error": {"type": "failed", "error": "unreachable", "more_info": "https://status.example"},
    },
    {"type": "finish"},
]  # remote_server stays pending: Home Assistant had not answered it when finish came

# Supervisor's GET /addons data (its API docs' fields), as `supervisor/api` returns it.
ADDONS = {
    "addons": [
        {
            "name": "Mosquitto broker",
            "slug": "core_mosquitto",
            "description": "An Open Source MQTT broker",
            "advanced": False,
            "stage": "stable",
            "version": "6.4.1",
            "version_latest": "6.5.0",
            "update_available": True,
            "available": True,
            "detached": False,
            "homeassistant": None,
            "state": "started",
            "repository": "core",
            "build": False,
            "url": "https://github.com/home-assistant/addons/tree/master/mosquitto",
            "icon": True,
            "logo": True,
            "system_managed": False,
        },
        {
            "name": "File editor",
            "slug": "core_configurator",
            "description": "Simple browser-based file editor for Home Assistant",
            "advanced": False,
            "stage": "stable",
            "version": "5.8.0",
            "version_latest": "5.8.0",
            "update_available": False,
            "available": True,
            "detached": False,
            "homeassistant": None,
            "state": "stopped",
            "repository": "core",
            "build": False,
            "url": "https://github.com/home-assistant/addons/tree/master/configurator",
            "icon": True,
            "logo": True,
            "system_managed": False,
        },
    ],
    "repositories": [],
}


class FakeHomeAssistant:
    def __init__(self, *, supervisor: bool = False) -> None:
        self.port = 0
        self.calls: list[dict[str, Any]] = []
        self.supervisor = supervisor  # a Home Assistant OS / Supervised install

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, ws: ServerConnection) -> None:
        await ws.send(json.dumps({"type": "auth_required", "ha_version": "2025.4.4"}))
        auth = json.loads(await ws.recv())
        if auth.get("access_token") != TOKEN:
            await ws.send(json.dumps({"type": "auth_invalid", "message": "Invalid access token"}))
            return
        await ws.send(json.dumps({"type": "auth_ok", "ha_version": "2025.4.4"}))
        async for raw in ws:
            message = json.loads(raw)
            if message["type"] == "unsubscribe_events":
                continue  # this fake's subscriptions end by themselves
            if message["type"] == "system_health/info":
                await self._system_health(ws, message["id"])
                continue
            await ws.send(
                json.dumps(
                    {
                        "id": message["id"],
                        "type": "result",
                        "success": True,
                        "result": self._answer(message),
                    }
                )
            )

    async def _system_health(self, ws: ServerConnection, msg_id: int) -> None:
        """Home Assistant's subscription: the result, an ``initial`` event with slow items
        pending, one ``update`` per pending item (here one succeeds, one fails), ``finish``."""
        for message in (
            {"type": "result", "success": True, "result": None},
            *({"type": "event", "event": event} for event in HEALTH_EVENTS),
        ):
            await ws.send(json.dumps({"id": msg_id, **message}))

    def _answer(self, message: dict[str, Any]) -> Any:
        kind = message["type"]
        if kind == "config/entity_registry/list":
            return ENTITIES
        if kind.startswith("config/") and kind.endswith("_registry/list"):
            return []
        if kind == "supervisor/api" and self.supervisor:
            assert (message["endpoint"], message["method"]) == ("/addons", "get"), message
            return ADDONS
        if kind == "call_service":
            self.calls.append(message)
            response = None
            if message["domain"] == "google_assistant_sdk" and message.get("return_response"):
                response = ASSISTANT_RESPONSE
            return {"context": CONTEXT, "response": response}
        raise AssertionError(f"the fake has no answer for {kind}")

    @asynccontextmanager
    async def running(self) -> AsyncIterator[FakeHomeAssistant]:
        async with serve(self._handle, "127.0.0.1", 0) as server:
            self.port = next(iter(server.sockets)).getsockname()[1]
            with respx.mock(base_url=self.url, assert_all_called=False) as rest:
                rest.get("/api/services").mock(return_value=httpx.Response(200, json=SERVICES))
                rest.get("/api/states").mock(return_value=httpx.Response(200, json=STATES))
                for s in STATES:
                    rest.get(f"/api/states/{s['entity_id']}").mock(
                        return_value=httpx.Response(200, json=s)
                    )
                rest.get("/api/config").mock(
                    return_value=httpx.Response(
                        200,
                        json={
                            "components": ["cast", "google_assistant_sdk", "tts"]
                            + (["hassio"] if self.supervisor else []),
                            "version": "2025.4.4",
                            "state": "RUNNING",
                        },
                    )
                )
                yield self
