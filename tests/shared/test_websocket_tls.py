"""TLS of the shared persistent WebSocket against a real ``wss://`` server on loopback.

A homelab box (TrueNAS, Home Assistant behind a proxy) usually has a self-signed certificate or
one from a private CA. The certificates are made here at test time with ``cryptography`` (already
in the lock): a private CA, a server certificate it signs for 127.0.0.1, and one it signs for
another name. Refused by default; accepted with the CA bundle; accepted with verification off.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from websockets.asyncio.server import ServerConnection, serve

from homelab_shared.errors import Unreachable
from homelab_shared.websocket import SocketOptions
from tests.shared.test_retry_policy import Socket  # the smallest protocol: ids, no login

TLS_HINT = "set TEST_CA_BUNDLE to your CA, or TEST_VERIFY_SSL=false"


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _cert(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None,
    san: list[x509.GeneralName] | None,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    issuer_name, signer = issuer or (_name(subject), key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(signer, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclass
class Pki:
    ca_bundle: Path
    other_ca_bundle: Path
    server_chain: tuple[Path, Path]  # for 127.0.0.1
    wrong_name_chain: tuple[Path, Path]  # for nas.example, signed by the same CA


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    root = tmp_path_factory.mktemp("pki")
    ca_key, other_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = _cert("homelab test CA", ca_key, None, None)
    other = _cert("some other CA", other_key, None, None)
    (root / "ca.pem").write_bytes(_pem(ca))
    (root / "other.pem").write_bytes(_pem(other))

    def leaf(stem: str, san: list[x509.GeneralName]) -> tuple[Path, Path]:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _cert(stem, key, (ca.subject, ca_key), san)
        (root / f"{stem}.pem").write_bytes(_pem(cert))
        (root / f"{stem}.key").write_bytes(_key_pem(key))
        return root / f"{stem}.pem", root / f"{stem}.key"

    return Pki(
        ca_bundle=root / "ca.pem",
        other_ca_bundle=root / "other.pem",
        server_chain=leaf("loopback", [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
        wrong_name_chain=leaf("elsewhere", [x509.DNSName("nas.example")]),
    )


async def _echo(ws: ServerConnection) -> None:
    async for raw in ws:
        msg = json.loads(raw)
        await ws.send(json.dumps({"id": msg["id"], "pong": msg.get("ping")}))


async def _wss(chain: tuple[Path, Path]) -> AsyncIterator[str]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*chain)
    async with serve(_echo, "127.0.0.1", 0, ssl=context) as server:
        port = server.sockets[0].getsockname()[1]
        yield f"wss://127.0.0.1:{port}/api/current"


@pytest.fixture
async def wss_url(pki: Pki) -> AsyncIterator[str]:
    async for url in _wss(pki.server_chain):
        yield url


@pytest.fixture
async def wrong_name_url(pki: Pki) -> AsyncIterator[str]:
    async for url in _wss(pki.wrong_name_chain):
        yield url


async def _ping(url: str, **tls: Any) -> Any:
    sock = Socket(SocketOptions(url=url, service="Test", attempts=1, tls_hint=TLS_HINT, **tls))
    try:
        reply = await sock.request({"ping": "hello"})
    finally:
        await sock.aclose()
    return reply["pong"]


async def test_a_self_signed_upstream_is_refused_by_default(wss_url: str) -> None:
    with pytest.raises(Unreachable) as err:
        await _ping(wss_url)
    assert "TLS certificate not trusted" in str(err.value)
    # names the settings that fix it
    assert "TEST_CA_BUNDLE" in str(err.value) and "TEST_VERIFY_SSL=false" in str(err.value)
    assert isinstance(err.value.__cause__, ssl.SSLCertVerificationError)


async def test_the_ca_bundle_makes_it_trusted(wss_url: str, pki: Pki) -> None:
    assert await _ping(wss_url, ca_bundle=str(pki.ca_bundle)) == "hello"


async def test_another_ca_bundle_does_not(wss_url: str, pki: Pki) -> None:
    with pytest.raises(Unreachable, match="TLS certificate not trusted"):
        await _ping(wss_url, ca_bundle=str(pki.other_ca_bundle))


async def test_the_ca_bundle_still_checks_the_host_name(wrong_name_url: str, pki: Pki) -> None:
    """A certificate from the trusted CA but for another host is refused all the same."""
    with pytest.raises(Unreachable, match="TLS certificate not trusted") as err:
        await _ping(wrong_name_url, ca_bundle=str(pki.ca_bundle))
    assert "match" in str(err.value.__cause__).lower()  # hostname mismatch, not an unknown CA


async def test_verification_off_accepts_any_certificate(wss_url: str, wrong_name_url: str) -> None:
    assert await _ping(wss_url, verify_ssl=False) == "hello"
    assert await _ping(wrong_name_url, verify_ssl=False) == "hello"
