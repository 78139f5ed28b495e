from homelab_shared.spec import server_main
from plex_mcp.server import SPEC

server_main(SPEC)
