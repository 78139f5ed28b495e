"""Common library of the homelab MCP suite."""

__version__ = "0.1.0"
