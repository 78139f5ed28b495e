from arr_suite_mcp.server import SPEC
from homelab_shared.spec import server_main

server_main(SPEC)
