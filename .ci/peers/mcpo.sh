#!/usr/bin/env bash
# Install mcpo (Open WebUI's MCP -> OpenAPI proxy) into its own venv.
#
#   bash .ci/peers/mcpo.sh        # idempotent; quick when already installed
#
# Result: ${HOMELAB_PEERS_DIR:-<repo>/.peers}/mcpo/bin/mcpo, used by tests/peers/clients.py.
# mcpo only works with the MCP SDK 1.x and a FastAPI older than 0.125, so those are pinned; the
# rest of its dependency tree is frozen with --exclude-newer so the install is reproducible.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS_DIR="${HOMELAB_PEERS_DIR:-$ROOT/.peers}"
VENV="$PEERS_DIR/mcpo"

EXCLUDE_NEWER="2026-11-24T00:00:00Z"
PACKAGES=(
  "mcpo==0.0.20"
  "mcp==1.30.0"
  "fastapi==0.124.4"
)
# Bump the suffix whenever the list above changes, so existing installs are refreshed.
RECIPE="mcpo-0.0.20-r1"
MARKER="$VENV/.installed"

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$RECIPE" && -x "$VENV/bin/mcpo" ]]; then
  echo "mcpo peer: already installed ($RECIPE) at $VENV"
  exit 0
fi

start=$SECONDS
export UV_PYTHON_DOWNLOADS=never
mkdir -p "$PEERS_DIR"
rm -f "$MARKER"
if [[ ! -x "$VENV/bin/python" ]]; then
  rm -rf "$VENV"
  uv venv --quiet "$VENV"
fi
uv pip install --quiet --python "$VENV/bin/python" --exclude-newer "$EXCLUDE_NEWER" "${PACKAGES[@]}"
"$VENV/bin/mcpo" --help >/dev/null

echo "$RECIPE" >"$MARKER"
echo "mcpo peer: installed $RECIPE at $VENV in $((SECONDS - start)) s"
