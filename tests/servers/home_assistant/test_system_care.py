"""System care on the real Home Assistant: health, repairs, integrations, add-ons, updates and
backups. Every change is checked on Home Assistant itself and undone."""

from __future__ import annotations

from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from home_assistant_mcp.models_system import BackupPage, IntegrationPage, SystemHealth
from home_assistant_mcp.server import build_server
from home_assistant_mcp.settings import HASettings
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import ConfirmationRequired
from tests.harness import mcp_client
from tests.peers.homeassistant import REPAIR_ISSUE_ID, HomeAssistantPeer
from tests.servers.home_assistant.conftest import call
from tests.servers.home_assistant.fake_ha import TOKEN, FakeHomeAssistant
from tests.servers.home_assistant.test_write_tools import service, state_of

pytestmark = pytest.mark.peer


def entry_id(peer: HomeAssistantPeer, domain: str) -> str:
    return peer.ws_command({"type": "config_entries/get", "domain": domain})[0]["entry_id"]


def repair(peer: HomeAssistantPeer) -> dict[str, Any]:
    issues = peer.ws_command({"type": "repairs/list_issues"})["issues"]
    return next(i for i in issues if i["issue_id"] == REPAIR_ISSUE_ID)


async def test_system_health_collects_the_subscription(ro_ha: Client[Any]) -> None:
    health = SystemHealth.model_validate(await call(ro_ha, "system_health"))
    sections = {s.domain: s.info for s in health.sections}
    assert sections["homeassistant"]["version"] == "core-2025.4.4"
    assert sections["homeassistant"]["hassio"] is False
    # dates arrive as {"type": "date", "value": ...}: the answer carries the plain value
    assert sections["recorder"]["database_engine"] == "sqlite"
    assert str(sections["recorder"]["current_recorder_run"]).startswith("20")
    assert health.incomplete is None


async def test_system_health_pending_items_updated_or_failed(runtime: RuntimeSettings) -> None:
    """Slow items (cloud reachability) arrive as update events after the initial one; a failed
    check says why. The demo peer has no slow item, so a stand-in sends Home Assistant's events."""
    async with FakeHomeAssistant().running() as fake:
        settings = load_settings(HASettings, url=fake.url, token=TOKEN)
        async with mcp_client(build_server(settings, runtime)) as client:
            health = SystemHealth.model_validate(
                (await client.call_tool("system_health", {})).structured_content
            )
    sections = {s.domain: s.info for s in health.sections}
    assert sections["cloud"] == {
        "logged_in": True,
        "can_reach_cert_server": "ok",
        "can_reach_cloud": "failed: unreachable",
    }
    assert sections["homeassistant"] == {"installation_type": "Home Assistant OS"}
    assert health.incomplete == ["cloud.remote_server"]


async def test_repairs_are_listed_and_ignored_and_shown_again(
    ha_peer: HomeAssistantPeer, ro_ha: Client[Any], rw_ha: Client[Any]
) -> None:
    page = await call(ro_ha, "list_repairs")
    issue = next(i for i in page["items"] if i["issue_id"] == REPAIR_ISSUE_ID)
    assert issue["severity"] == "error"
    assert issue["details"]["service"] == "light.turn_onn"
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE"):
        await ro_ha.call_tool("ignore_repair", {"domain": "automation", "issue_id": "x"})
    with pytest.raises(ToolError, match="No repair issue automation/nope"):
        await rw_ha.call_tool("ignore_repair", {"domain": "automation", "issue_id": "nope"})
    try:
        done = await call(rw_ha, "ignore_repair", domain="automation", issue_id=REPAIR_ISSUE_ID)
        assert done["ignored"] is True
        assert repair(ha_peer)["ignored"] is True
        hidden = await call(ro_ha, "list_repairs")
        assert REPAIR_ISSUE_ID not in {i["issue_id"] for i in hidden["items"]}
        shown = await call(ro_ha, "list_repairs", include_ignored=True)
        assert REPAIR_ISSUE_ID in {i["issue_id"] for i in shown["items"]}
        again = await call(
            rw_ha, "ignore_repair", domain="automation", issue_id=REPAIR_ISSUE_ID, ignore=False
        )
        assert "ignored" not in again
    finally:
        ha_peer.ws_command(
            {
                "type": "repairs/ignore_issue",
                "domain": "automation",
                "issue_id": REPAIR_ISSUE_ID,
                "ignore": False,
            }
        )
    assert repair(ha_peer)["ignored"] is False


async def test_integrations_with_a_disabled_entry_highlighted(
    ha_peer: HomeAssistantPeer, ro_ha: Client[Any]
) -> None:
    page = IntegrationPage.model_validate(await call(ro_ha, "list_integrations"))
    assert {"demo", "sun", "backup"} <= {i.domain for i in page.items}
    assert all(i.state == "loaded" for i in page.items)
    assert page.attention is None
    sun = entry_id(ha_peer, "sun")
    ha_peer.ws_command({"type": "config_entries/disable", "entry_id": sun, "disabled_by": "user"})
    try:
        page = IntegrationPage.model_validate(await call(ro_ha, "list_integrations"))
        assert page.attention == {"disabled": 1}
        assert (page.items[0].domain, page.items[0].state) == ("sun", "disabled")  # first
        problems = await call(ro_ha, "list_integrations", state="problem")
        assert problems["items"] == []  # disabled on purpose is not a failure
    finally:
        ha_peer.ws_command({"type": "config_entries/disable", "entry_id": sun, "disabled_by": None})
    assert ha_peer.ws_command({"type": "config_entries/get", "domain": "sun"})[0]["state"] == (
        "loaded"
    )


async def test_reload_is_a_write_unless_the_entry_provides_a_lock(
    ha_peer: HomeAssistantPeer, rw_ha: Client[Any]
) -> None:
    done = await call(rw_ha, "reload_integration", entry_id=entry_id(ha_peer, "sun"))
    assert (done["domain"], done["state"]) == ("sun", "loaded")
    demo = entry_id(ha_peer, "demo")
    with pytest.raises(ToolError, match=r"re-creates Security \(alarm_control_panel.security\)"):
        await rw_ha.call_tool("reload_integration", {"entry_id": demo})
    # the path the refusal names is the confirmation flow (previewed here, not confirmed)
    first = ConfirmationRequired.model_validate(
        await call(
            rw_ha,
            "call_sensitive_service",
            domain="homeassistant",
            service="reload_config_entry",
            entity_ids=["alarm_control_panel.security"],
        )
    )
    assert "homeassistant.reload_config_entry" in first.preview
    with pytest.raises(ToolError, match="No integration entry 'nope'"):
        await rw_ha.call_tool("reload_integration", {"entry_id": "nope"})


async def test_addons_without_a_supervisor_say_so(ro_ha: Client[Any]) -> None:
    with pytest.raises(ToolError) as refused:
        await ro_ha.call_tool("list_addons", {})
    message = str(refused.value)
    assert "no Supervisor (Unsupported Third Party Container install)" in message
    assert "no add-ons" in message


async def test_addons_through_the_supervisor(runtime: RuntimeSettings) -> None:
    """The positive path needs a Supervisor, which no peer here has: a stand-in speaking Home
    Assistant's WebSocket protocol answers supervisor/api with the Supervisor's /addons data."""
    async with FakeHomeAssistant(supervisor=True).running() as fake:
        settings = load_settings(HASettings, url=fake.url, token=TOKEN)
        async with mcp_client(build_server(settings, runtime)) as client:
            addons = (await client.call_tool("list_addons", {})).structured_content
    assert addons == {
        "result": [
            {
                "slug": "core_mosquitto",
                "name": "Mosquitto broker",
                "version": "6.4.1",
                "latest": "6.5.0",
                "update_available": True,
                "state": "started",
            },
            {
                "slug": "core_configurator",
                "name": "File editor",
                "version": "5.8.0",
                "latest": "5.8.0",
                "update_available": False,
                "state": "stopped",
            },
        ]
    }


async def test_updates_listed_and_installed_with_a_preview(
    ha_peer: HomeAssistantPeer, ro_ha: Client[Any], rw_ha: Client[Any]
) -> None:
    page = await call(ro_ha, "list_updates")
    updates = {u["entity_id"]: u for u in page["items"]}
    assert updates["update.demo_add_on"]["installed"] == "1.0.0"
    assert updates["update.demo_add_on"]["latest"] == "1.0.1"
    assert updates["update.demo_update_no_install"]["installable"] is False
    assert updates["update.demo_living_room_bulb_update"]["kind"] == "firmware"
    assert "update.demo_no_update" not in updates
    everything = await call(ro_ha, "list_updates", include_current=True)
    assert "update.demo_no_update" in {u["entity_id"] for u in everything["items"]}

    with pytest.raises(ToolError, match="cannot be installed"):
        await rw_ha.call_tool("install_update", {"entity_id": "update.demo_update_no_install"})
    with pytest.raises(ToolError, match="takes an update"):
        await rw_ha.call_tool("install_update", {"entity_id": "light.bed_light"})
    first = ConfirmationRequired.model_validate(
        await call(rw_ha, "install_update", entity_id="update.demo_add_on")
    )
    assert "Demo add-on (update.demo_add_on, integration): 1.0.0 -> 1.0.1" in first.preview
    assert "Release notes: https://www.example.com/release/1.0.1" in first.preview
    assert state_of(ha_peer, "update.demo_add_on")["attributes"]["installed_version"] == "1.0.0"
    try:
        token = first.confirm_token
        await call(rw_ha, "install_update", entity_id="update.demo_add_on", confirm_token=token)
        after = state_of(ha_peer, "update.demo_add_on")
        assert (after["state"], after["attributes"]["installed_version"]) == ("off", "1.0.1")
    finally:  # the demo installs any version it is given: back to the one it started with
        service(ha_peer, "update", "install", entity_id="update.demo_add_on", version="1.0.0")
    assert state_of(ha_peer, "update.demo_add_on")["state"] == "on"


async def test_backup_created_listed_and_restore_previewed(
    ha_peer: HomeAssistantPeer, ro_ha: Client[Any], rw_ha: Client[Any]
) -> None:
    with pytest.raises(ToolError, match="HA_ALLOW_WRITE"):
        await ro_ha.call_tool("create_backup", {})
    made = await call(rw_ha, "create_backup", name="mcp test", include_database=False)
    backup_id = made["backup"]["backup_id"]
    try:
        assert made["state"] == "idle"
        assert made["backup"]["locations"] == ["backup.local"]
        assert made["backup"]["database"] is False
        stored = ha_peer.ws_command({"type": "backup/info"})["backups"]
        assert backup_id in {b["backup_id"] for b in stored}

        page = BackupPage.model_validate(await call(ro_ha, "list_backups"))
        assert page.state == "idle"
        assert [b.name for b in page.items if b.backup_id == backup_id] == ["mcp test"]

        first = ConfirmationRequired.model_validate(
            await call(rw_ha, "restore_backup", backup_id=backup_id)
        )
        assert first.preview.startswith(f"Restore backup mcp test of {made['backup']['date']}")
        assert "restarts Home Assistant" in first.preview
        with pytest.raises(ToolError, match="No backup 'nope'"):
            await rw_ha.call_tool("restore_backup", {"backup_id": "nope"})
    finally:
        ha_peer.ws_command({"type": "backup/delete", "backup_id": backup_id})
    assert ha_peer.ws_command({"type": "backup/info"})["backups"] == []
