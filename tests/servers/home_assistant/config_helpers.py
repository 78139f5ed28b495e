"""Direct access to the peer's stored configuration, for arranging and cleaning up the config
authoring tests (what another user editing in the UI would do)."""

from __future__ import annotations

import contextlib
import time
from typing import Any

import httpx

from tests.peers.homeassistant import HomeAssistantError, HomeAssistantPeer


def rest(peer: HomeAssistantPeer, method: str, path: str, body: Any = None) -> httpx.Response:
    return httpx.request(method, f"{peer.url}{path}", headers=peer.headers, json=body, timeout=20)


def stored(peer: HomeAssistantPeer, kind: str, item_id: str) -> dict[str, Any] | None:
    response = rest(peer, "GET", f"/api/config/{kind}/config/{item_id}")
    return None if response.status_code == 404 else response.json()


def states(peer: HomeAssistantPeer) -> dict[str, dict[str, Any]]:
    return {s["entity_id"]: s for s in rest(peer, "GET", "/api/states").json()}


def until(condition: Any, what: str, seconds: float = 15) -> None:
    """Poll ``condition()`` until it is true (Home Assistant reloads in the background)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def remove(peer: HomeAssistantPeer, kind: str, item_id: str) -> None:
    """Delete a UI automation/script/scene if it exists, and wait for its entity to go."""
    if stored(peer, kind, item_id) is None:
        return
    rest(peer, "DELETE", f"/api/config/{kind}/config/{item_id}")
    if kind == "script":
        until(lambda: f"script.{item_id}" not in states(peer), f"script.{item_id} removed")
    else:
        until(
            lambda: (
                not any(
                    s["attributes"].get("id") == item_id
                    for e, s in states(peer).items()
                    if e.startswith(f"{kind}.")
                )
            ),
            f"{kind} {item_id} removed",
        )


def remove_helper(peer: HomeAssistantPeer, kind: str, item_id: str) -> None:
    with contextlib.suppress(HomeAssistantError):
        peer.ws_command({"type": f"{kind}/delete", f"{kind}_id": item_id})


def remove_entry(peer: HomeAssistantPeer, entry_id: str) -> None:
    rest(peer, "DELETE", f"/api/config/config_entries/entry/{entry_id}")
