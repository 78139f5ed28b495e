"""A confirmation token executes once: across restarts (SQLite in the state dir), across replicas
(Redis, or several processes sharing one SQLite file), and never again however it is replayed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastmcp.exceptions import ToolError

from homelab_shared.confirm import Confirmer
from homelab_shared.nonces import NonceStore, RedisNonceStore, SQLiteNonceStore, nonce_store
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from homelab_shared.toolbox import toolbox_of
from tests.example.server import build_server
from tests.example.upstream import InventoryServer
from tests.harness import mcp_client, structured
from tests.peers import ROOT
from tests.peers.redis import redis_server

SHARED_SECRET = "replicas-share-this-confirm-secret-0123"


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def replica(example_settings: Any, runtime: RuntimeSettings) -> Any:
    return build_server(example_settings(allow_write=True, allow_destructive=True), runtime)


async def preview_token(server: Any, item: str) -> str:
    async with mcp_client(server) as client:
        first = await client.call_tool("delete_item", {"item_id": item})
    return structured(first)["result"]["confirm_token"]


async def confirm(server: Any, item: str, token: str) -> None:
    async with mcp_client(server) as client:
        await client.call_tool("delete_item", {"item_id": item, "confirm_token": token})


def deletes(inventory: InventoryServer) -> list[str]:
    return [path for method, path in inventory.requests if method == "DELETE"]


async def test_used_token_is_refused_after_a_restart(
    example_settings: Any, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    before = replica(example_settings, runtime)
    token = await preview_token(before, "item-1")
    await confirm(before, "item-1", token)
    inventory.items["item-1"] = {"id": "item-1", "name": "Widget 1", "state": "off"}  # recreated

    after_restart = replica(example_settings, runtime)  # same state dir, a new process's objects
    with pytest.raises(ToolError, match="already used"):
        await confirm(after_restart, "item-1", token)
    assert "item-1" in inventory.items
    assert deletes(inventory) == ["/api/items/item-1"]


async def test_token_issued_before_a_restart_works_once_after_it(
    example_settings: Any, runtime: RuntimeSettings, inventory: InventoryServer
) -> None:
    token = await preview_token(replica(example_settings, runtime), "item-2")
    await confirm(replica(example_settings, runtime), "item-2", token)
    assert "item-2" not in inventory.items
    with pytest.raises(ToolError, match="already used"):
        await confirm(replica(example_settings, runtime), "item-2", token)
    assert deletes(inventory) == ["/api/items/item-2"]


@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_replicas_sharing_a_store_accept_a_token_once(
    backend: str,
    request: pytest.FixtureRequest,
    example_settings: Any,
    tmp_path: Path,
    inventory: InventoryServer,
) -> None:
    """Two replicas with their own state dirs and the operator's shared confirm secret."""
    shared: dict[str, Any] = {"confirm_secret": SHARED_SECRET}
    if backend == "redis":
        shared["redis_url"] = request.getfixturevalue("redis_url")
    else:  # one SQLite file on a shared volume
        shared["state_dir"] = tmp_path / "shared"
    one = load_settings(RuntimeSettings, **{"state_dir": tmp_path / "a", **shared})
    two = load_settings(RuntimeSettings, **{"state_dir": tmp_path / "b", **shared})
    a, b = replica(example_settings, one), replica(example_settings, two)
    store_a, store_b = (toolbox_of(s).confirmer.store for s in (a, b))  # type: ignore[union-attr]
    kind = RedisNonceStore if backend == "redis" else SQLiteNonceStore
    assert isinstance(store_a, kind) and isinstance(store_b, kind)

    token = await preview_token(a, "item-3")
    await confirm(b, "item-3", token)
    inventory.items["item-3"] = {"id": "item-3", "name": "Widget 3", "state": "off"}
    for server in (a, b):
        with pytest.raises(ToolError, match="already used"):
            await confirm(server, "item-3", token)
    assert "item-3" in inventory.items
    assert deletes(inventory) == ["/api/items/item-3"]


def test_redis_url_selects_redis_and_its_absence_sqlite(tmp_path: Path, redis_url: str) -> None:
    plain = load_settings(RuntimeSettings, state_dir=tmp_path)
    assert isinstance(nonce_store(plain), SQLiteNonceStore)
    assert (tmp_path / "confirm-nonces.sqlite").exists()
    with_redis = load_settings(RuntimeSettings, state_dir=tmp_path, redis_url=redis_url)
    assert isinstance(nonce_store(with_redis), RedisNonceStore)


def test_processes_sharing_one_sqlite_file_claim_each_nonce_once(tmp_path: Path) -> None:
    path, count = tmp_path / "nonces.sqlite", 120
    SQLiteNonceStore(path)  # create the schema once, as the first server start does
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.security.claim_worker", str(path), str(count), str(o)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for o in (0, count // 3, 2 * count // 3)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
        for worker in workers:  # release them together so their claims overlap
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        won = [json.loads(w.communicate(timeout=60)[0]) for w in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    claimed = [n for batch in won for n in batch]
    assert sorted(claimed) == sorted(f"n{i}" for i in range(count))  # each once, none twice


def test_threads_racing_on_redis_claim_each_nonce_once(redis_url: str) -> None:
    store = RedisNonceStore(redis_url)
    nonces = [f"race-{i}" for i in range(100)] * 4
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: (n, store.claim(n, 4_102_444_800)), nonces))
    assert sorted(n for n, won in results if won) == sorted(set(nonces))
    store.close()


class _Broken:
    def claim(self, nonce: str, expires: int) -> bool:
        raise ConnectionError("store down")


async def test_an_unavailable_store_refuses_the_token() -> None:
    """Fail closed: a token that cannot be recorded as used is not accepted."""
    broken: NonceStore = _Broken()
    confirmer = Confirmer(b"k" * 32, 60, broken)
    token, _ = confirmer.issue("delete_item", {"item_id": "x"}, "local")
    with pytest.raises(ToolError, match="could not be recorded"):
        await confirmer.verify(token, "delete_item", {"item_id": "x"}, "local")


async def test_expired_tokens_leave_the_sqlite_store(tmp_path: Path) -> None:
    now = [1_000_000.0]
    store = SQLiteNonceStore(tmp_path / "n.sqlite", clock=lambda: now[0])
    assert store.claim("old", 1_000_010) is True
    now[0] = 1_000_011.0
    assert store.claim("new", 1_000_100) is True
    import sqlite3

    with sqlite3.connect(tmp_path / "n.sqlite") as db:
        left = [row[0] for row in db.execute("SELECT nonce FROM used_nonces")]
    assert left == ["new"]
