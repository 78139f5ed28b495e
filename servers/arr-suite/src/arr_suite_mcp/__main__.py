"""``python -m arr_suite_mcp`` / ``arr-suite-mcp``: the arr suite alone (HTTP on 8002, or stdio)."""

from arr_suite_mcp.spec import SPEC
from homelab_shared.spec import server_main


def main() -> None:
    server_main(SPEC)


if __name__ == "__main__":
    main()
