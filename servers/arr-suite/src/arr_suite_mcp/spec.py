"""What the gateway reads of this server without importing it: names, port, settings class.

Imports only the settings module; the server's code is named by ``Ref`` and imported when built.
"""

from arr_suite_mcp.settings import ArrSettings
from homelab_shared.spec import Ref, ServerSpec

SPEC = ServerSpec(
    name="arr-suite",
    title="arr suite (Sonarr, Radarr, Prowlarr, SABnzbd)",
    namespace="arr",
    port=8002,
    settings_cls=ArrSettings,
    build=Ref("arr_suite_mcp.server:build_server"),
    connect=Ref("arr_suite_mcp.upstreams:Upstreams"),
    probe=Ref("arr_suite_mcp.server:probe"),
    vocabulary=Ref("arr_suite_mcp.search_terms:VOCABULARY"),
)
