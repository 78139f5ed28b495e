from home_assistant_mcp.server import SPEC
from homelab_shared.spec import server_main

server_main(SPEC)
