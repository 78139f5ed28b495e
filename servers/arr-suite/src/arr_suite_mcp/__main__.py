"""``python -m arr_suite_mcp`` / ``arr-suite-mcp``: the arr suite alone (HTTP on 8002, or stdio)."""

from arr_suite_mcp.spec import SPEC
from homelab_shared.spec import server_main


def main() -> None:
    server_main(SPEC)


def stdio() -> None:
    """``uvx homelab-suite-arr-suite``, the distribution's command: stdio by default."""
    server_main(SPEC, transport="stdio")


if __name__ == "__main__":
    main()
