from homelab_shared.spec import server_main
from infrastructure_mcp.server import SPEC

server_main(SPEC)
