"""The WebSocket survives Home Assistant going down, through the confirmed restart tool (action
stop) on the session peer, which is started again afterwards. While HA is down the tools say to
check HA_URL; when it is back the same socket reconnects with backoff and re-subscribes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from fastmcp.exceptions import ToolError

from home_assistant_mcp.client import HAClient
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from tests.harness import until
from tests.peers.homeassistant import HomeAssistantPeer
from tests.servers.home_assistant.conftest import call, mcp_client

pytestmark = pytest.mark.peer


@pytest.fixture
def restarted_peer(ha_peer: HomeAssistantPeer) -> Iterator[HomeAssistantPeer]:
    """The session peer, started again after the test whatever happens (it keeps URL and token).

    Restarting it here costs one start (≈ 5 s) instead of bootstrapping a second Home Assistant.
    """
    try:
        yield ha_peer
    finally:
        ha_peer.start()


def subscribed(ha: HAClient) -> bool:
    """Home Assistant has confirmed a subscription (its request is no longer pending)."""
    ws = ha.ws
    return any(sub_id not in ws._pending for sub_id in ws._subs)


async def test_restart_reconnects_and_resubscribes(
    restarted_peer: HomeAssistantPeer, runtime: RuntimeSettings
) -> None:
    settings = load_settings(
        HASettings,
        url=restarted_peer.url,
        token=restarted_peer.token,
        allow_write=True,
        allow_destructive=True,
        ws_reconnect_max=0.5,
    )
    ha = HAClient(settings)
    try:
        async with mcp_client(build_server(settings, runtime, client=ha)) as client:
            assert (await call(client, "list_areas"))["total"] == 3
            assert ha.ws.connects == 1

            waiting = asyncio.create_task(
                call(
                    client,
                    "wait_for_state",
                    entity_id="input_boolean.guest_mode",
                    state="on",
                    timeout_seconds=90,
                )
            )
            await until(lambda: ha.ws.subscriptions == 1, 5)
            short = asyncio.create_task(
                client.call_tool(
                    "wait_for_state",
                    {"entity_id": "input_boolean.vacation_mode", "timeout_seconds": 15},
                )
            )
            await until(lambda: ha.ws.subscriptions == 2, 5)

            first = await call(client, "restart_home_assistant", action="stop")
            done = await call(
                client,
                "restart_home_assistant",
                action="stop",
                confirm_token=first["confirm_token"],
            )
            assert done["message"] == "Home Assistant is stopping."
            process = restarted_peer.process
            assert process is not None
            await asyncio.to_thread(process.wait, 60)

            with pytest.raises(ToolError, match=r"cannot connect.*HA_URL"):  # over the WebSocket
                await client.call_tool("get_statistics", {"statistic_ids": ["sensor.x"]})
            with pytest.raises(ToolError, match=r"cannot connect.*HA_URL"):
                await client.call_tool("get_entity", {"entity_id": "light.bed_light"})
            assert not waiting.done()
            # a wait that times out while Home Assistant is gone is an error, not "no change"
            with pytest.raises(ToolError, match=r"connection to Home Assistant was lost"):
                await short

            await asyncio.to_thread(restarted_peer.start)
            await until(lambda: ha.ws.connects >= 2, 15)
            async with httpx.AsyncClient(
                base_url=restarted_peer.url, headers=restarted_peer.headers
            ) as http:
                response = await http.post(
                    "/api/services/input_boolean/turn_on",
                    json={"entity_id": "input_boolean.guest_mode"},
                )
                response.raise_for_status()
            result = await asyncio.wait_for(waiting, 30)
            assert result["reached"] is True and result["state"] == "on"
            assert (await call(client, "list_areas"))["total"] == 3
    finally:
        await ha.aclose()
