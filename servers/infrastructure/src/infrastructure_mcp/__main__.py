"""``python -m infrastructure_mcp`` / ``infrastructure-mcp``: Kubernetes, ArgoCD and S3 alone
(HTTP on 8003, or stdio)."""

from homelab_shared.spec import server_main
from infrastructure_mcp.spec import SPEC


def main() -> None:
    server_main(SPEC)


def stdio() -> None:
    """``uvx homelab-suite-infrastructure``, the distribution's command: stdio by default."""
    server_main(SPEC, transport="stdio")


if __name__ == "__main__":
    main()
