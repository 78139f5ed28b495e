"""The safety model through a real MCP client (in-memory): classes, hiding, confirmation, audit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.exceptions import ToolError

from homelab_shared.confirm import Confirmer
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.toolbox import ConfirmationRequired
from tests.example.upstream import InventoryServer
from tests.harness import structured


def audit_lines(runtime: RuntimeSettings) -> list[dict[str, Any]]:
    path = runtime.audit_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def preview_of(result: Any) -> ConfirmationRequired:
    return ConfirmationRequired.model_validate(structured(result)["result"])


async def test_read_only_by_default_hides_write_and_destructive(ro_client: Client[Any]) -> None:
    names = {t.name for t in await ro_client.list_tools()}
    assert names == {"list_items", "get_item", "dump_everything"}


async def test_hidden_write_tool_is_refused_with_the_variable_to_set(
    ro_client: Client[Any], inventory: InventoryServer, runtime: RuntimeSettings
) -> None:
    with pytest.raises(ToolError, match="EXAMPLE_ALLOW_WRITE=true"):
        await ro_client.call_tool("set_state", {"item_id": "item-1", "state": "on"})
    assert inventory.items["item-1"]["state"] == "off"
    assert not any(m == "PUT" for m, _ in inventory.requests)
    assert audit_lines(runtime) == []


async def test_write_enabled_but_destructive_not(
    example_server: Any, inventory: InventoryServer
) -> None:
    async with Client(example_server(allow_write=True)) as client:
        names = {t.name for t in await client.list_tools()}
        assert "set_state" in names
        assert "delete_item" not in names
        with pytest.raises(ToolError, match="EXAMPLE_ALLOW_DESTRUCTIVE=true"):
            await client.call_tool("delete_item", {"item_id": "item-1"})
    assert "item-1" in inventory.items


async def test_annotations_follow_the_class(rw_client: Client[Any]) -> None:
    tools = {t.name: t for t in await rw_client.list_tools()}
    read, write, destr = tools["get_item"], tools["set_state"], tools["delete_item"]
    assert read.annotations and read.annotations.read_only_hint is True
    assert write.annotations and write.annotations.read_only_hint is False
    assert write.annotations.destructive_hint is False
    assert destr.annotations and destr.annotations.destructive_hint is True
    assert "confirm_token" in destr.input_schema["properties"]
    assert "confirm_token" not in destr.input_schema.get("required", [])


async def test_write_call_changes_upstream_and_is_audited(
    rw_client: Client[Any], inventory: InventoryServer, runtime: RuntimeSettings
) -> None:
    result = await rw_client.call_tool("set_state", {"item_id": "item-2", "state": "on"})
    assert result.structured_content == {
        "id": "item-2",
        "name": "Widget 2",
        "state": "on",
        "notes": "x" * 40,
    }
    assert inventory.items["item-2"]["state"] == "on"
    [line] = audit_lines(runtime)
    assert line["tool"] == "set_state"
    assert line["client_id"] == "local"
    assert line["arguments"] == {"item_id": "item-2", "state": "on"}
    assert line["outcome"] == "ok"
    assert line["server"] == "Inventory"


async def test_destructive_preview_changes_nothing_then_token_executes_once(
    rw_client: Client[Any], inventory: InventoryServer, runtime: RuntimeSettings
) -> None:
    first = await rw_client.call_tool("delete_item", {"item_id": "item-3"})
    preview = preview_of(first)
    assert preview.status == "confirmation_required"
    assert "Delete Widget 3 (item-3), currently off" in preview.preview
    assert "item-3" in inventory.items
    assert not any(m == "DELETE" for m, _ in inventory.requests)

    args = {"item_id": "item-3", "confirm_token": preview.confirm_token}
    done = await rw_client.call_tool("delete_item", args)
    assert structured(done)["result"]["id"] == "item-3"
    assert "item-3" not in inventory.items

    with pytest.raises(ToolError, match="already used"):
        await rw_client.call_tool("delete_item", args)
    outcomes = [(line["tool"], line["outcome"]) for line in audit_lines(runtime)]
    assert outcomes == [
        ("delete_item", "preview"),
        ("delete_item", "ok"),
        ("delete_item", "error:tool_error"),
    ]
    assert all(
        line["arguments"].get("confirm_token") in (None, "***") for line in audit_lines(runtime)
    )


async def test_token_for_other_arguments_is_refused(
    rw_client: Client[Any], inventory: InventoryServer
) -> None:
    preview = preview_of(await rw_client.call_tool("delete_item", {"item_id": "item-4"}))
    with pytest.raises(ToolError, match="does not match"):
        await rw_client.call_tool(
            "delete_item", {"item_id": "item-5", "confirm_token": preview.confirm_token}
        )
    assert "item-4" in inventory.items and "item-5" in inventory.items


async def test_token_for_other_tool_or_garbage_is_refused(
    rw_client: Client[Any], inventory: InventoryServer
) -> None:
    with pytest.raises(ToolError, match="malformed"):
        await rw_client.call_tool("delete_item", {"item_id": "item-4", "confirm_token": "nope"})
    # a valid token for reset_item(item-4) is worthless for delete_item(item-4)
    preview = preview_of(await rw_client.call_tool("reset_item", {"item_id": "item-4"}))
    with pytest.raises(ToolError, match="does not match"):
        await rw_client.call_tool(
            "delete_item", {"item_id": "item-4", "confirm_token": preview.confirm_token}
        )
    assert "item-4" in inventory.items


async def test_expired_token_is_refused(
    example_server: Any, inventory: InventoryServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_000_000.0]
    monkeypatch.setattr(Confirmer, "__init__", _clocked_init(now))
    async with Client(example_server(allow_write=True, allow_destructive=True)) as client:
        preview = preview_of(await client.call_tool("delete_item", {"item_id": "item-6"}))
        now[0] += 121
        with pytest.raises(ToolError, match="expired"):
            await client.call_tool(
                "delete_item", {"item_id": "item-6", "confirm_token": preview.confirm_token}
            )
    assert "item-6" in inventory.items


def _clocked_init(now: list[float]) -> Any:
    original = Confirmer.__init__

    def init(self: Confirmer, key: bytes, ttl: float, clock: Any = None) -> None:
        original(self, key, ttl, lambda: now[0])

    return init


async def test_token_bound_to_defaults_applied_arguments(
    rw_client: Client[Any], inventory: InventoryServer
) -> None:
    """Order of keys and explicit defaults do not matter; the values do."""
    inventory.items["item-7"]["state"] = "on"
    inventory.items["item-8"]["state"] = "off"
    preview = preview_of(await rw_client.call_tool("reset_item", {"item_id": "item-7"}))
    assert preview.preview == "Reset item-7 to off."
    # the default (state="off") given explicitly, keys in another order: the same call
    await rw_client.call_tool(
        "reset_item", {"confirm_token": preview.confirm_token, "state": "off", "item_id": "item-7"}
    )
    assert inventory.items["item-7"]["state"] == "off"
    # a value other than the default is another call: refused, nothing changes
    preview = preview_of(await rw_client.call_tool("reset_item", {"item_id": "item-8"}))
    with pytest.raises(ToolError, match="does not match"):
        await rw_client.call_tool(
            "reset_item",
            {"item_id": "item-8", "state": "on", "confirm_token": preview.confirm_token},
        )
    assert inventory.items["item-8"]["state"] == "off"


async def test_confirm_key_is_persisted_and_private(
    runtime: RuntimeSettings, rw_client: Client[Any]
) -> None:
    key = runtime.state_dir / "confirm.key"
    assert key.exists()
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert len(bytes.fromhex(key.read_text())) == 32


def test_audit_redacts_secret_arguments(tmp_path: Path) -> None:
    from homelab_shared.audit import AuditLog

    log = AuditLog(tmp_path / "a.jsonl")
    log.record(
        server="s",
        client_id="c",
        tool="t",
        arguments={"code": "1234", "password": "hunter22", "entity_id": "lock.front"},
        outcome="ok",
    )
    line = json.loads((tmp_path / "a.jsonl").read_text())
    assert line["arguments"] == {"code": "***", "password": "***", "entity_id": "lock.front"}
