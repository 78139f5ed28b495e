"""``python -m truenas_mcp``: the TrueNAS server alone (HTTP on 8005, or ``--transport stdio``)."""

from homelab_shared.spec import server_main
from truenas_mcp.spec import SPEC


def main() -> None:
    server_main(SPEC)


def stdio() -> None:
    """``uvx homelab-suite-truenas``, the distribution's command: stdio by default."""
    server_main(SPEC, transport="stdio")


if __name__ == "__main__":
    main()
