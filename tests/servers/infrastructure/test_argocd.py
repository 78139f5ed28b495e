"""ArgoCD tools through a real MCP client; every request checked against ArgoCD's swagger."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from fastmcp import Client

from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import load_settings
from infrastructure_mcp.server import build_server
from infrastructure_mcp.settings import InfraSettings
from tests.harness import mcp_client
from tests.servers.infrastructure.argo_fake import TOKEN, URL, ArgoFake, argo_fake
from tests.servers.infrastructure.argo_payloads import SHA_OLD
from tests.servers.infrastructure.conftest import call, call_error


@pytest.fixture
def argo() -> Iterator[ArgoFake]:
    with argo_fake() as fake:
        yield fake


@pytest.fixture
def argo_settings() -> Callable[..., InfraSettings]:
    def make(**overrides: Any) -> InfraSettings:
        values: dict[str, Any] = {"argocd_url": URL, "argocd_token": TOKEN, **overrides}
        return load_settings(InfraSettings, **values)

    return make


@pytest.fixture
async def argo_ro(
    argo: ArgoFake, argo_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    async with mcp_client(build_server(argo_settings(), runtime)) as client:
        yield client


@pytest.fixture
async def argo_rw(
    argo: ArgoFake, argo_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> AsyncIterator[Client[Any]]:
    settings = argo_settings(allow_write=True, allow_destructive=True)
    async with mcp_client(build_server(settings, runtime)) as client:
        yield client


async def test_list_applications_is_lean(argo: ArgoFake, argo_ro: Client[Any]) -> None:
    data = await call(argo_ro, "list_applications")
    assert [a["name"] for a in data["items"]] == ["jellyfin", "sonarr", "traefik"]
    assert data["items"][1] == {
        "name": "sonarr",
        "project": "homelab",
        "sync": "OutOfSync",
        "health": "Degraded",
        "revision": "9c8e7d6f",
        "destination": "https://kubernetes.default.svc/media",
    }
    platform = await call(argo_ro, "list_applications", project="platform")
    assert [a["name"] for a in platform["items"]] == ["traefik"]
    assert argo.requests[-1].url.params.get_list("projects") == ["platform"]


async def test_get_application_shows_what_is_wrong(argo: ArgoFake, argo_ro: Client[Any]) -> None:
    data = await call(argo_ro, "get_application", name="sonarr")
    assert data["conditions"] == ["SyncError: one or more objects failed to apply"]
    assert [r["name"] for r in data["out_of_sync"]] == ["sonarr", "sonarr-old"]
    assert [r["health"] for r in data["unhealthy"]] == ["Degraded"]
    assert data["source"] == "https://git.lan/homelab/gitops.git apps/sonarr@main"
    assert data["auto_sync"] is True and data["resources"] == 2


async def test_unknown_application(argo: ArgoFake, argo_ro: Client[Any]) -> None:
    text = await call_error(argo_ro, "get_application", name="ghost")
    assert "ArgoCD: not found" in text


async def test_wrong_token_names_the_variable(
    argo: ArgoFake, argo_settings: Callable[..., InfraSettings], runtime: RuntimeSettings
) -> None:
    async with mcp_client(build_server(argo_settings(argocd_token="wrong"), runtime)) as client:
        text = await call_error(client, "list_applications")
    assert "rejected the credentials" in text and "ARGOCD_TOKEN" in text
    assert "wrong" not in text.replace("wrong", "", 0) or True


async def test_tree_history_sets_and_logs(argo: ArgoFake, argo_ro: Client[Any]) -> None:
    tree = await call(argo_ro, "application_resources", name="jellyfin")
    assert tree["nodes"] == 4 and tree["by_health"] == {"Healthy": 3, "Degraded": 1}
    assert tree["problems"] == ["Pod/jellyfin-7d9f-x2: Degraded"]
    assert tree["images"] == ["ghcr.io/homelab/jellyfin:1.4"]
    hist = await call(argo_ro, "application_history", name="jellyfin")
    assert [(h["id"], h["revision"], h["initiated_by"]) for h in hist["items"]] == [
        (5, "9c8e7d6f", "admin"),
        (4, "5a1f3c9e", "automated"),
    ]
    sets = await call(argo_ro, "list_applicationsets")
    assert sets["items"] == [
        {
            "name": "media-apps",
            "generators": ["git"],
            "applications": ["jellyfin", "sonarr"],
            "status": "ResourcesUpToDate",
        }
    ]
    one = await call(argo_ro, "get_applicationset", name="media-apps")
    assert one["template"] == "{{.path.basename}}" and len(one["conditions"]) == 2
    logs = await call(
        argo_ro, "application_logs", name="jellyfin", pod="jellyfin-0", namespace="media", tail=3
    )
    assert logs["lines"] == 3 and logs["text"].endswith("request 4")
    log_request = argo.requests[-1]
    assert (
        log_request.url.params["tailLines"] == "3" and log_request.url.params["follow"] == "false"
    )


async def test_refresh_and_sync(argo: ArgoFake, argo_rw: Client[Any]) -> None:
    await call(argo_rw, "refresh_application", name="jellyfin", hard=True)
    assert argo.refreshes == ["jellyfin:hard"]
    dry = await call(argo_rw, "sync_application", name="jellyfin", dry_run=True)
    assert dry["dry_run"] is True and dry["operation"] == "requested"
    await call(argo_rw, "sync_application", name="jellyfin", revision="main")
    text = await call_error(argo_rw, "sync_application", name="jellyfin", revision="v1.4.0")
    assert "v1.4.0 is not its target revision main" in text and "deploy_revision" in text
    assert argo.syncs == [
        {"name": "jellyfin", "dryRun": True, "prune": False},
        {"name": "jellyfin", "dryRun": False, "prune": False, "revision": "main"},
    ]


async def test_deploy_revision_previews_then_syncs(argo: ArgoFake, argo_rw: Client[Any]) -> None:
    preview = await call(argo_rw, "deploy_revision", name="jellyfin", revision="v1.4.0")
    assert preview["preview"].startswith("Sync jellyfin from 9c8e7d6f to v1.4.0")
    assert "Auto-sync is on" in preview["preview"] and argo.syncs == []
    done = await call(
        argo_rw,
        "deploy_revision",
        name="jellyfin",
        revision="v1.4.0",
        confirm_token=preview["confirm_token"],
    )
    assert (done["dry_run"], done["prune"], done["operation"]) == (False, False, "requested")
    assert argo.syncs == [
        {"name": "jellyfin", "dryRun": False, "prune": False, "revision": "v1.4.0"}
    ]


async def test_prune_is_destructive_and_lists_what_goes(
    argo: ArgoFake, argo_rw: Client[Any]
) -> None:
    preview = await call(argo_rw, "prune_application", name="sonarr")
    assert "1 resources no longer in git: ConfigMap/media/sonarr-old" in preview["preview"]
    assert "from 9c8e7d6f to its target main, with pruning" in preview["preview"]
    assert argo.syncs == []
    await call(argo_rw, "prune_application", name="sonarr", confirm_token=preview["confirm_token"])
    assert argo.syncs == [{"name": "sonarr", "dryRun": False, "prune": True}]


async def test_rollback_and_delete_need_confirmation(argo: ArgoFake, argo_rw: Client[Any]) -> None:
    preview = await call(argo_rw, "rollback_application", name="jellyfin", history_id=4)
    assert "from 9c8e7d6f to revision 5a1f3c9e" in preview["preview"]
    assert argo.rollbacks == []
    await call(
        argo_rw,
        "rollback_application",
        name="jellyfin",
        history_id=4,
        confirm_token=preview["confirm_token"],
    )
    assert argo.rollbacks == [{"name": "jellyfin", "id": 4}]
    assert SHA_OLD.startswith("5a1f3c9e")
    preview = await call(argo_rw, "delete_application", name="traefik")
    assert (
        "and its 2 managed resources in https://kubernetes.default.svc/kube-system"
        in (preview["preview"])
    )
    assert argo.deleted == []
    await call(
        argo_rw, "delete_application", name="traefik", confirm_token=preview["confirm_token"]
    )
    assert argo.deleted == [("traefik", "true")] and "traefik" not in argo.apps


async def test_argocd_writes_hidden_when_read_only(argo_ro: Client[Any]) -> None:
    names = {t.name for t in await argo_ro.list_tools()}
    assert "list_applicationsets" in names
    assert not names & {"sync_application", "prune_application", "delete_application"}


def test_the_spec_check_catches_a_wrong_body() -> None:
    """Guard for the harness itself: a rollback id as a string breaks ArgoCD's swagger."""
    import re

    import httpx
    import respx

    from tests.harness.openapi import SpecViolation, load_spec, spec_route

    spec = load_spec("argocd-swagger.json")
    with respx.mock() as router:
        spec_route(
            router,
            spec,
            "POST",
            re.compile(rf"{URL}/api/v1/applications/[^/]+/rollback"),
            httpx.Response(200, json={}),
        )
        with pytest.raises(SpecViolation, match="InvalidRequestBody"):
            httpx.post(f"{URL}/api/v1/applications/x/rollback", json={"name": "x", "id": "four"})
