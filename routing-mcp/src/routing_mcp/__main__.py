"""``python -m routing_mcp``: the model router alone (HTTP on 8006, or stdio)."""

from homelab_shared.spec import server_main
from routing_mcp.spec import SPEC


def main() -> None:
    server_main(SPEC)


def stdio() -> None:
    """``uvx homelab-suite-routing``, the distribution's command: stdio by default."""
    server_main(SPEC, transport="stdio")


if __name__ == "__main__":
    main()
