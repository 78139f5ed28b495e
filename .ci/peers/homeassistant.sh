#!/usr/bin/env bash
# Install the Home Assistant test peer (2025.4.4 on Python 3.13.0) into its own venv.
#
#   bash .ci/peers/homeassistant.sh        # idempotent; quick when already installed
#
# Result: ${HOMELAB_PEERS_DIR:-<repo>/.peers}/homeassistant/bin/hass, used by tests/peers/homeassistant.py.
# Everything HA would otherwise pip-install on its first start (for the test config) is installed
# here, so the tests run it with `--skip-pip` and no network.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS_DIR="${HOMELAB_PEERS_DIR:-$ROOT/.peers}"
VENV="$PEERS_DIR/homeassistant"

HA_VERSION="2025.4.4"
# Bump this whenever the package list below changes, so existing installs are refreshed.
RECIPE="ha-$HA_VERSION-r2"
MARKER="$VENV/.installed"

PACKAGES=(
  "homeassistant==$HA_VERSION"
  # Installed by HA at first start otherwise (frontend; auth's TOTP/notify MFA modules).
  "home-assistant-frontend==20250411.0"
  "pyotp==2.8.0"
  "PyQRCode==1.2.1"
  # Local Calendar (set up by the calendar tests through its config flow): its requirement, with
  # pydantic at HA's own constraint (package_constraints.txt) so nothing else moves.
  "ical==9.1.0"
  "pydantic==2.10.6"
)
# Checked with 2025.4.4: a first start *without* --skip-pip on the test config
# (tests/peers/homeassistant.py) installs nothing beyond these (pip freeze unchanged).

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$RECIPE" && -x "$VENV/bin/hass" ]]; then
  echo "homeassistant peer: already installed ($RECIPE) at $VENV"
  exit 0
fi

PYENV_ROOT_DIR="$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")"
PY="$PYENV_ROOT_DIR/versions/3.13.0/bin/python3.13"
if [[ ! -x "$PY" ]]; then
  echo "homeassistant peer: Python 3.13.0 not found at $PY (pyenv install 3.13.0)" >&2
  exit 1
fi

start=$SECONDS
export UV_PYTHON_DOWNLOADS=never
mkdir -p "$PEERS_DIR"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:3] == (3, 13, 0)' 2>/dev/null; then
  rm -rf "$VENV"
  uv venv --quiet --python "$PY" "$VENV"
fi
# No --compile-bytecode (+20 s here): the first start writes the .pyc files of the modules HA
# really imports (+7 s once); tests/peers/homeassistant.py drops PYTHONDONTWRITEBYTECODE for it.
uv pip install --quiet --python "$VENV/bin/python" "${PACKAGES[@]}"
"$VENV/bin/hass" --version >/dev/null

echo "$RECIPE" >"$MARKER"
echo "homeassistant peer: installed $RECIPE at $VENV in $((SECONDS - start)) s"
