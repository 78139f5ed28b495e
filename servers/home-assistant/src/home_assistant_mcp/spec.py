"""What the gateway reads of this server without importing it: names, port, settings class.

Imports only the settings module; the server's code is named by ``Ref`` and imported when built.
"""

from home_assistant_mcp.settings import HASettings
from homelab_shared.spec import Ref, ServerSpec

SPEC = ServerSpec(
    name="home-assistant",
    title="Home Assistant",
    namespace="ha",
    port=8001,
    settings_cls=HASettings,
    build=Ref("home_assistant_mcp.server:build_server"),
    connect=Ref("home_assistant_mcp.client:HAClient"),
    probe=Ref("home_assistant_mcp.server:probe"),
    vocabulary=Ref("home_assistant_mcp.search_terms:VOCABULARY"),
)
