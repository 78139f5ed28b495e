"""TrueNAS MCP server: the JSON-RPC 2.0 WebSocket API of TrueNAS 25.04 and newer."""
