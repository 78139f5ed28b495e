from routing_mcp.server import main

main()
