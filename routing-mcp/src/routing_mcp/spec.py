"""What the gateway reads of this server without importing it: names, port, settings class.

Imports only the settings module; the server's code is named by ``Ref`` and imported when built.
"""

from homelab_shared.spec import Ref, ServerSpec
from routing_mcp.settings import RoutingSettings

SPEC = ServerSpec(
    name="routing",
    title="Model router",
    namespace="route",
    port=8006,
    settings_cls=RoutingSettings,
    build=Ref("routing_mcp.server:build_server"),
    connect=Ref("routing_mcp.server:connect"),
    probe=Ref("routing_mcp.runtime:RoutingRuntime.readiness"),
    vocabulary=Ref("routing_mcp.search_terms:VOCABULARY"),
)
