"""What the gateway reads of this server without importing it: names, port, settings class.

Imports only the settings module; the server's code is named by ``Ref`` and imported when built.
"""

from homelab_shared.spec import Ref, ServerSpec
from truenas_mcp.settings import TrueNASSettings

SPEC = ServerSpec(
    name="truenas",
    title="TrueNAS",
    namespace="truenas",
    port=8005,
    settings_cls=TrueNASSettings,
    build=Ref("truenas_mcp.server:build_server"),
    connect=Ref("truenas_mcp.client:TrueNASClient"),
    probe=Ref("truenas_mcp.server:probe"),
    vocabulary=Ref("truenas_mcp.search_terms:VOCABULARY"),
)
