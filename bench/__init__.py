"""Benchmarks of the foundation (homelab_shared) against a bare FastMCP server. See README.md."""
