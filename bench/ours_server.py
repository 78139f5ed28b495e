"""The same one-tool server on homelab_shared: Toolbox + UpstreamHTTP + standard middleware.

Built exactly like ``tests/example/server.py`` and started through ``server_main`` (what every
real server's ``python -m`` does): ``python -m bench.ours_server --transport http --port N``.
Settings: ``BENCH_URL``, ``BENCH_API_KEY``; runtime: the usual ``HOMELAB_*`` variables.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from bench.payload import Payload
from homelab_shared.http import HttpOptions, UpstreamHTTP
from homelab_shared.runtime import RuntimeSettings
from homelab_shared.settings import UpstreamSettings, load_settings, server_config
from homelab_shared.spec import ServerSpec, server_main
from homelab_shared.toolbox import ClientHolder, Readiness, Toolbox


class BenchSettings(UpstreamSettings):
    model_config = server_config("BENCH_")

    url: str = Field(description="Upstream base URL")
    api_key: SecretStr = Field(description="Upstream API key")


class BenchClient:
    def __init__(self, settings: BenchSettings) -> None:
        self.http = UpstreamHTTP(
            HttpOptions(
                base_url=settings.url,
                service="Bench",
                auth_hint="check BENCH_API_KEY",
                url_hint="check BENCH_URL",
                headers={"X-Api-Key": settings.api_key.get_secret_value()},
                timeout=settings.timeout,
                verify_ssl=settings.verify_ssl,
                ca_bundle=settings.ca_bundle,
            )
        )

    async def aclose(self) -> None:
        await self.http.aclose()

    async def payload(self, item_id: str) -> dict[str, object]:
        return await self.http.get_json(f"/payload/{item_id}")


async def probe(client: BenchClient) -> Readiness:
    await client.payload("bench-1")
    return Readiness(ok=True, reachable=True, authenticated=True)


def build_server(
    settings: BenchSettings,
    runtime: RuntimeSettings | None = None,
    client: BenchClient | None = None,
):
    runtime = runtime or load_settings(RuntimeSettings)
    holder = ClientHolder(lambda: BenchClient(settings), client)
    box = Toolbox(
        "Bench", settings, runtime, lifespan=holder.lifespan, ready=lambda: probe(holder.get())
    )

    @box.read
    async def get_payload(item_id: str = "bench-1") -> Payload:
        """Get the benchmark payload from the upstream."""
        return Payload.model_validate(await holder.get().payload(item_id))

    return box.mcp


SPEC = ServerSpec(
    name="bench",
    title="Bench",
    namespace="bench",
    port=8101,
    settings_cls=BenchSettings,
    build=build_server,
    connect=BenchClient,
    probe=probe,
)

if __name__ == "__main__":
    server_main(SPEC)
