"""arr-suite-mcp: Sonarr, Radarr, Prowlarr and SABnzbd, several instances each."""
