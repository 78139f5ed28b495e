"""What the gateway reads of this server without importing it: names, port, settings class.

Imports only the settings module; the server's code is named by ``Ref`` and imported when built.
"""

from homelab_shared.spec import Ref, ServerSpec
from plex_mcp.settings import PlexSettings

SPEC = ServerSpec(
    name="plex",
    title="Plex",
    namespace="plex",
    port=8004,
    settings_cls=PlexSettings,
    build=Ref("plex_mcp.server:build_server"),
    connect=Ref("plex_mcp.server:Upstreams"),
    probe=Ref("plex_mcp.server:probe"),
    vocabulary=Ref("plex_mcp.search_terms:VOCABULARY"),
)
