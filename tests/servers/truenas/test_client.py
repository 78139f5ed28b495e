"""The TrueNAS JSON-RPC client against a real WebSocket server speaking the protocol."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from homelab_shared.errors import AuthFailed, BadRequest, NotFound, Unreachable, UpstreamTimeout
from tests.servers.truenas.conftest import API_KEY
from tests.servers.truenas.fake_truenas import FakeTrueNAS
from truenas_mcp.client import TrueNASClient
from truenas_mcp.rpc import parse_version
from truenas_mcp.settings import TrueNASSettings, normalise_url


def test_url_forms_are_normalised() -> None:
    assert normalise_url("truenas.lan") == "https://truenas.lan"
    assert normalise_url("wss://truenas.lan/api/current") == "https://truenas.lan"
    assert normalise_url("http://10.0.0.5:8080/api/v2.0/") == "http://10.0.0.5:8080"
    assert parse_version("TrueNAS-SCALE-24.10.2") == (24, 10, 2)
    assert parse_version("25.10-RC.1") == (25, 10)


async def test_wrong_key_is_tried_exactly_once(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    client = TrueNASClient(nas_settings(api_key="1-wrong-key-000000000000"))
    try:
        for _ in range(3):
            with pytest.raises(AuthFailed) as err:
                await client.system_info()
            assert "not retried" in str(err.value)
            assert "TRUENAS_API_KEY" in str(err.value)
            assert "wrong-key" not in str(err.value)
    finally:
        await client.aclose()
    assert nas.logins == 1  # TrueNAS locks accounts out after repeated failures


async def test_user_linked_key_logs_in_with_login_ex(nas: FakeTrueNAS) -> None:
    nas.username = "admin"
    settings = TrueNASSettings(url=nas.url, api_key=API_KEY, username="admin")  # type: ignore[arg-type]
    client = TrueNASClient(settings)
    try:
        info = await client.system_info()
    finally:
        await client.aclose()
    assert info["hostname"] == "nas"
    assert [m for m, _ in nas.calls][:2] == ["auth.login_ex", "system.version_short"]


async def test_release_before_25_04_is_refused_clearly(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    nas.version = "24.10.2"
    client = TrueNASClient(nas_settings())
    try:
        with pytest.raises(Unreachable, match=r"24\.10\.2 is too old.*25\.04 or newer"):
            await client.pools()
    finally:
        await client.aclose()


async def test_no_json_rpc_endpoint_means_an_old_release(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    nas.path = "/websocket"  # what releases before the JSON-RPC API serve
    client = TrueNASClient(nas_settings())
    try:
        with pytest.raises(Unreachable, match=r"25\.04 or newer is required"):
            await client.pools()
    finally:
        await client.aclose()


async def test_socket_dropped_mid_read_reconnects_and_answers(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    client = TrueNASClient(nas_settings())
    try:
        assert len(await client.pools()) == 2
        nas.drop_on.add("pool.dataset.query")
        rows = await client.datasets([])
    finally:
        await client.aclose()
    assert len(rows) == 6
    assert client.rpc.connects == 2
    assert nas.logins == 2  # one login per connection, not per call


async def test_socket_dropped_mid_write_is_not_resent(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    client = TrueNASClient(nas_settings())
    nas.drop_on.add("pool.snapshot.create")
    try:
        with pytest.raises(Unreachable, match=r"closed during pool\.snapshot\.create"):
            await client.create_snapshot("tank/media", "x", False)
    finally:
        await client.aclose()
    assert nas.count("pool.snapshot.create") == 1


async def test_a_hung_call_times_out_within_the_configured_time(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    client = TrueNASClient(nas_settings(timeout=0.5))
    nas.hang.add("pool.query")
    start = time.monotonic()
    try:
        with pytest.raises(UpstreamTimeout, match="TRUENAS_TIMEOUT"):
            await client.pools()
    finally:
        await client.aclose()
    assert time.monotonic() - start < 3


async def test_concurrent_calls_are_correlated_by_id(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    client = TrueNASClient(nas_settings())
    try:
        results = await asyncio.gather(
            *(client.pool(name) for name in ["tank", "fast"] * 10), client.system_info()
        )
    finally:
        await client.aclose()
    assert [r["name"] for r in results[:-1]] == ["tank", "fast"] * 10  # type: ignore[index]
    assert client.rpc.connects == 1


async def test_call_errors_map_to_their_cause(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    client = TrueNASClient(nas_settings())
    try:
        with pytest.raises(NotFound, match="not found"):
            await client.delete_snapshot("tank/media@nope")
        with pytest.raises(BadRequest, match="already exists"):
            await client.create_snapshot("tank/media", "daily-2025-11-29", False)
        with pytest.raises(BadRequest, match="not a method of this TrueNAS"):
            await client.read("no.such.method")
    finally:
        await client.aclose()


async def test_a_job_is_followed_to_its_end_with_progress(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    seen: list[float] = []

    async def progress(percent: float, _message: str) -> None:
        seen.append(percent)

    client = TrueNASClient(nas_settings())
    try:
        job = await client.app_action("stop", "jellyfin", progress)
    finally:
        await client.aclose()
    assert job["state"] == "SUCCESS"
    assert seen == sorted(seen) and seen[-1] == 100
    assert nas.state["apps"][0]["state"] == "STOPPED"


async def test_a_failed_job_reports_its_error(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    nas.fail_jobs["app.start"] = "[EFAULT] Failed to start app: port 8096 is in use"
    client = TrueNASClient(nas_settings())
    try:
        with pytest.raises(Exception, match="port 8096 is in use") as err:
            await client.app_action("start", "nextcloud", None)
    finally:
        await client.aclose()
    assert "Traceback" not in str(err.value)
    assert nas.state["apps"][1]["state"] == "STOPPED"


async def test_a_job_survives_a_dropped_socket(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    """Events are lost with the socket; the waiter polls core.get_jobs on a new connection."""
    nas.job_steps, nas.job_step_delay = 5, 0.3
    client = TrueNASClient(nas_settings())
    first_progress = asyncio.Event()

    async def on_progress(_percent: float, _text: str) -> None:
        first_progress.set()

    try:
        waiter = asyncio.create_task(client.app_action("stop", "jellyfin", on_progress))
        await asyncio.wait_for(first_progress.wait(), 10)  # the job runs, seen on this socket
        await client.rpc.drop()
        job = await asyncio.wait_for(waiter, 15)
    finally:
        await client.aclose()
    assert job["state"] == "SUCCESS"
    assert client.rpc.connects >= 2


async def test_calls_truenas_would_reject_fail_like_on_a_real_box(
    nas: FakeTrueNAS, nas_settings: Callable[..., TrueNASSettings]
) -> None:
    """The stand-in checks every call against TrueNAS 25.04's parameter models."""
    client = TrueNASClient(nas_settings())
    try:
        with pytest.raises(BadRequest, match=r"pool\.scrub\.scrub\.name: Input should be a valid"):
            await client.rpc.run_job("pool.scrub.scrub", 1, "START")  # an id, not the name
        with pytest.raises(BadRequest, match=r"options\.recursive_snapshots: Extra inputs"):
            await client.rpc.call("pool.snapshot.delete", "tank/a@b", {"recursive_snapshots": 1})
        with pytest.raises(BadRequest, match="invalid filter"):
            await client.rows("pool.query", [["name", "==", "tank"]])
        with pytest.raises(BadRequest, match="takes 2 arguments, got 3"):
            await client.read("pool.query", [], {}, "x")
    finally:
        await client.aclose()
    assert [m for m, _ in nas.rejected] == [
        "pool.scrub.scrub",
        "pool.snapshot.delete",
        "pool.query",
        "pool.query",
    ]
    nas.rejected.clear()  # expected here; the fixture fails any other test that leaves some
