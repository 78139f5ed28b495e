"""``add_download_url`` cannot turn SABnzbd into a fetcher of the homelab's own services.

SABnzbd downloads whatever URL it is given from inside the network. Each case below is a URL a
manipulated model could pass to reach something local (SABnzbd's own API, the router, a cloud
metadata address) in one of the spellings that hide it; all must be refused before SABnzbd hears
of them. Hosts the operator lists in ARR_DOWNLOAD_URL_HOSTS are the exception.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastmcp import Client

from tests.harness import mcp_client
from tests.servers.arr_suite.conftest import (  # noqa: F401 (fixtures)
    Lab,
    _servers,
    arr_server,
    call,
    fails,
    lab,
)

LOCAL = [
    "http://127.0.0.1:8080/api?mode=shutdown&apikey=x",
    "http://localhost:8080/api?mode=shutdown",
    "http://sab.localhost/x.nzb",
    "http://[::1]:8080/api",
    "http://[::ffff:127.0.0.1]/x.nzb",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/admin",
    "http://192.168.1.1/cgi-bin/luci",
    "http://172.17.0.1:2375/containers/json",
    "http://100.64.0.1/x.nzb",
    "http://0.0.0.0:8080/api",
    "http://[fe80::1]/x.nzb",
    "http://2130706433/x.nzb",
    "http://0x7f000001/x.nzb",
    "http://127.1/x.nzb",
    "http://sabnzbd:8080/api?mode=shutdown",
    "http://nas.lan/x.nzb",
    "http://printer.local/x.nzb",
    "http://router.home.arpa/",
    "https://user:pw@127.0.0.1/x.nzb",
    "http://no-such-host.invalid/x.nzb",
]


@pytest.fixture
async def writer(arr_server: Any) -> AsyncIterator[Client[Any]]:  # noqa: F811
    async with mcp_client(arr_server(allow_write=True)) as client:
        yield client


@pytest.mark.parametrize("url", LOCAL)
async def test_local_destinations_are_refused(
    writer: Client[Any],
    lab: Lab,  # noqa: F811
    url: str,
) -> None:
    text = await fails(writer, "add_download_url", url=url)
    assert "URL refused before sending" in text and "ARR_DOWNLOAD_URL_HOSTS" in text
    assert lab.sab.added == []
    assert not [r for r in lab.sab.requests if r.url.params.get("mode") == "addurl"]


async def test_public_addresses_reach_sabnzbd(writer: Client[Any], lab: Lab) -> None:  # noqa: F811
    for url in ("https://93.184.215.14/get/1.nzb", "http://[2606:4700::6810:84e5]/get/2.nzb"):
        assert (await call(writer, "add_download_url", url=url))["ok"]
    assert len(lab.sab.added) == 2


async def test_hosts_the_operator_lists_are_allowed(
    arr_server: Any,  # noqa: F811
    lab: Lab,  # noqa: F811
) -> None:
    allowed = arr_server(allow_write=True, download_url_hosts=["prowlarr", "192.168.1.20"])
    url = "http://prowlarr:9696/1/download?link=abc&file=Heat"
    async with mcp_client(allowed) as client:
        assert (await call(client, "add_download_url", url=url))["ok"]
        assert (await call(client, "add_download_url", url="http://192.168.1.20/x.nzb"))["ok"]
        text = await fails(client, "add_download_url", url="http://192.168.1.21/x.nzb")
    assert "URL refused before sending" in text
    assert lab.sab.added == [url, "http://192.168.1.20/x.nzb"]
