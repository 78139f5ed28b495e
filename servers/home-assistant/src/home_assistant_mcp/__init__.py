"""Home Assistant MCP server: REST + WebSocket client, Tasmota directly, Google Home through HA."""

__version__ = "0.1.0"
