"""Fixtures for the Home Assistant server tests: a real Home Assistant peer (see tests/peers)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.peers.homeassistant import HomeAssistantPeer, require_homeassistant


@pytest.fixture(scope="session")
def ha_peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HomeAssistantPeer]:
    """One started Home Assistant (demo entities, long-lived token) shared by the whole session.

    Skipped when `.ci/peers/homeassistant.sh` has not been run (a failure with REQUIRE_PEERS=1).
    Tests share its state: restore what you change, or assert on what you set yourself.
    """
    hass = require_homeassistant()
    peer = HomeAssistantPeer(tmp_path_factory.mktemp("homeassistant"), hass=hass)
    try:
        peer.start()
        yield peer
    finally:
        peer.stop()
