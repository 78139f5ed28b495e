"""The Home Assistant peer itself: reachable, authenticated, demo entities present, controllable."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.peers.homeassistant import HomeAssistantPeer, require_homeassistant

pytestmark = pytest.mark.peer


def test_start_time(ha_peer: HomeAssistantPeer) -> None:
    print(
        f"\nHome Assistant peer at {ha_peer.url}: RUNNING {ha_peer.start_seconds:.2f} s after "
        f"spawn (of which onboarding + long-lived token {ha_peer.bootstrap_seconds:.2f} s)"
    )
    assert ha_peer.running
    assert ha_peer.start_seconds < 90


async def test_api_running(ha_peer: HomeAssistantPeer) -> None:
    async with httpx.AsyncClient(base_url=ha_peer.url, headers=ha_peer.headers) as client:
        resp = await client.get("/api/")
    assert resp.status_code == 200
    assert resp.json() == {"message": "API running."}


async def test_wrong_token_is_401(ha_peer: HomeAssistantPeer) -> None:
    async with httpx.AsyncClient(base_url=ha_peer.url) as client:
        wrong = await client.get("/api/", headers={"Authorization": "Bearer not-a-token"})
        absent = await client.get("/api/states")
    assert wrong.status_code == 401
    assert absent.status_code == 401


async def test_demo_states(ha_peer: HomeAssistantPeer) -> None:
    async with httpx.AsyncClient(base_url=ha_peer.url, headers=ha_peer.headers) as client:
        resp = await client.get("/api/states")
    assert resp.status_code == 200
    ids = {state["entity_id"] for state in resp.json()}
    assert "light.bed_light" in ids
    assert any(entity_id.startswith("lock.") for entity_id in ids)


async def test_turn_on_light(ha_peer: HomeAssistantPeer) -> None:
    async with httpx.AsyncClient(base_url=ha_peer.url, headers=ha_peer.headers) as client:
        resp = await client.post(
            "/api/services/light/turn_on", json={"entity_id": "light.bed_light"}
        )
        assert resp.status_code == 200
        state = await client.get("/api/states/light.bed_light")
        # leave the shared peer as the demo started it
        await client.post("/api/services/light/turn_off", json={"entity_id": "light.bed_light"})
    assert state.status_code == 200
    assert state.json()["state"] == "on"


async def test_websocket_area_registry(ha_peer: HomeAssistantPeer) -> None:
    async with connect(ha_peer.ws_url) as ws:
        assert json.loads(await ws.recv())["type"] == "auth_required"
        await ws.send(json.dumps({"type": "auth", "access_token": ha_peer.token}))
        assert json.loads(await ws.recv())["type"] == "auth_ok"
        await ws.send(json.dumps({"id": 1, "type": "config/area_registry/list"}))
        reply = json.loads(await ws.recv())
    assert reply["id"] == 1
    assert reply["success"] is True
    assert isinstance(reply["result"], list)


def test_restart_keeps_token(tmp_path) -> None:
    """A stopped peer starts again on the same config dir and its token still works."""
    peer = HomeAssistantPeer(tmp_path / "ha", hass=require_homeassistant())
    try:
        peer.start()
        token, url = peer.token, peer.url
        t0 = time.monotonic()
        peer.stop()
        stopped = time.monotonic() - t0
        assert not peer.running
        peer.start()
        print(f"\nHome Assistant peer: stop {stopped:.2f} s, restart {peer.start_seconds:.2f} s")
        assert peer.token == token
        assert peer.url == url
        resp = httpx.get(f"{peer.url}/api/", headers=peer.headers)
        assert resp.status_code == 200
    finally:
        peer.stop()
