"""Plex and Tautulli MCP server."""
