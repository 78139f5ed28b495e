#!/usr/bin/env bash
# Install promtool (Debian's prometheus package) for the alert-rule tests
# (tests/deploy/test_dashboards.py runs `promtool check rules` and `promtool test rules`).
#
#   bash .ci/peers/prometheus.sh        # idempotent; quick when already installed
set -euo pipefail
if command -v promtool >/dev/null; then
  echo "prometheus peer: $(promtool --version 2>&1 | head -1)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The package may start a Prometheus server on 9090; the tests only need promtool.
(service prometheus stop || true) >/dev/null 2>&1
echo "prometheus peer: installed $(promtool --version 2>&1 | head -1)"
