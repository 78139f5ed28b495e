"""What the gateway reads of this server without importing it: names, port, settings class.

Imports only the settings module; the server's code is named by ``Ref`` and imported when built.
"""

from homelab_shared.spec import Ref, ServerSpec
from infrastructure_mcp.settings import InfraSettings

SPEC = ServerSpec(
    name="infrastructure",
    title="Infrastructure",
    namespace="infra",
    port=8003,
    settings_cls=InfraSettings,
    build=Ref("infrastructure_mcp.server:build_server"),
    connect=Ref("infrastructure_mcp.server:connect"),
    probe=Ref("infrastructure_mcp.server:probe"),
    vocabulary=Ref("infrastructure_mcp.search_terms:VOCABULARY"),
)
