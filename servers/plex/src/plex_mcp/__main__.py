"""``python -m plex_mcp`` / ``plex-mcp``: the Plex server alone (HTTP on 8004, or stdio)."""

from homelab_shared.spec import server_main
from plex_mcp.spec import SPEC


def main() -> None:
    server_main(SPEC)


def stdio() -> None:
    """``uvx homelab-suite-plex``, the distribution's command: stdio by default."""
    server_main(SPEC, transport="stdio")


if __name__ == "__main__":
    main()
