#!/usr/bin/env bash
# Install Redis (Debian package) for the quota-store tests; the tests start their own server.
set -euo pipefail
if command -v redis-server >/dev/null; then
  echo "redis peer: $(redis-server --version | cut -d' ' -f3)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq redis-server >/dev/null
# The package starts a system service on 6379; the tests use their own servers on free ports.
(service redis-server stop || true) >/dev/null 2>&1
echo "redis peer: installed $(redis-server --version | cut -d' ' -f3)"
