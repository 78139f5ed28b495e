"""``python -m home_assistant_mcp``: Home Assistant alone (HTTP on 8001, or stdio)."""

from home_assistant_mcp.spec import SPEC
from homelab_shared.spec import server_main


def main() -> None:
    server_main(SPEC)


def stdio() -> None:
    """``uvx homelab-suite-home-assistant``, the distribution's command: stdio by default."""
    server_main(SPEC, transport="stdio")


if __name__ == "__main__":
    main()
