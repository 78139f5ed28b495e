from homelab_gateway.cli import main

main()
