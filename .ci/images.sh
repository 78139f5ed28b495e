#!/usr/bin/env bash
# Build the suite's images with podman and run them as a user would (no Docker engine here).
#
#   bash .ci/images.sh               # gateway + truenas images: build, run, check; ~3 min cold
#   IMAGES="gateway routing" bash .ci/images.sh
#
# No base image can be pulled on these machines, so the build uses two local stand-ins passed as
# build arguments (the Dockerfile's defaults stay the public images users build from):
#   PYTHON_IMAGE  a Debian bookworm root filesystem made by mmdebstrap from the machine's own apt
#                 mirror (python3 3.11, venv, CA certificates; the machine's CA bundle copied in,
#                 since package-registry traffic here is verified against it)
#   UV_IMAGE      a FROM-scratch image holding the uv binary of the PyPI wheel, at the version of
#                 the Dockerfile's UV_IMAGE
# Then, per image, run as a user would (the gateway with the README's own `docker run` line,
# published on a free port): /healthz 200; /mcp without a token 401; tools/list with a token
# through a real MCP client; the process is not root; the root filesystem is read-only; state
# lands in the volume; the image's HEALTHCHECK passes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${HOMELAB_PEERS_DIR:-$ROOT/.peers}/images"
IMAGES="${IMAGES:-gateway truenas}"
mkdir -p "$WORK"
cd "$ROOT"

declare -A PORTS=([gateway]=8000 [home-assistant]=8001 [arr-suite]=8002 [infrastructure]=8003
  [plex]=8004 [truenas]=8005 [routing]=8006)

# --- podman, configured for this kind of machine (runc; crun fails on rlimits here) -------------
if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman buildah runc mmdebstrap slirp4netns uidmap >/dev/null
fi
export CONTAINERS_CONF="$WORK/containers.conf"
cat >"$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF

# --- the two base stand-ins ------------------------------------------------------------------
BASE="localhost/homelab-ci-python:bookworm"
if ! podman image exists "$BASE"; then
  mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
  rm -f "$WORK/rootfs.tar"
  mmdebstrap --quiet --variant=minbase \
    --include=python3,python3-venv,python-is-python3,ca-certificates,passwd \
    --customize-hook='copy-in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/' \
    bookworm "$WORK/rootfs.tar" "$mirror"
  podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    "$WORK/rootfs.tar" "$BASE" >/dev/null
  rm -f "$WORK/rootfs.tar"
fi

uv_version="$(sed -n 's/^ARG UV_IMAGE=.*:\([0-9.]*\)$/\1/p' Dockerfile)"
UV_IMAGE="localhost/homelab-ci-uv:$uv_version"
if ! podman image exists "$UV_IMAGE"; then
  tmp="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp" "uv==$uv_version"
  python3 - "$tmp" <<'PY'
import sys, zipfile, pathlib
folder = pathlib.Path(sys.argv[1])
wheel = next(folder.glob("uv-*.whl"))
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".data/scripts/uv"))
    (folder / "uv").write_bytes(z.read(name))
(folder / "uv").chmod(0o755)
(folder / "Containerfile").write_text("FROM scratch\nCOPY uv /uv\n")
PY
  podman build --quiet --pull=never --format docker -t "$UV_IMAGE" "$tmp" >/dev/null
  rm -rf "$tmp"
fi

# --- build and check each image ----------------------------------------------------------------
token="ci-$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
run_id="$$"  # containers and volumes of this run only: others may run beside it
cleanup() {
  for name in $IMAGES; do
    podman rm -f "homelab-ci-$name-$run_id" >/dev/null 2>&1 || true
    podman volume rm -f "homelab-ci-$name-$run_id" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

for name in $IMAGES; do
  port="${PORTS[$name]}"
  image="localhost/homelab-mcp/$name:ci"
  start=$SECONDS
  podman build --quiet --pull=never --network host --format docker \
    --build-arg SERVER="$name" --build-arg PORT="$port" \
    --build-arg PYTHON_IMAGE="$BASE" --build-arg UV_IMAGE="$UV_IMAGE" \
    -t "$image" -f Dockerfile . >/dev/null
  echo "images: built $name in $((SECONDS - start)) s"

  host_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  container="homelab-ci-$name-$run_id"
  podman volume create "$container" >/dev/null
  if [[ "$name" == "gateway" ]]; then
    # The README's own `docker run` line (A single container), run with podman: only the
    # container/volume name, the host port (a free one), the image tag and the placeholders
    # change (tests/deploy/readme_run.py, which refuses a line of another shape).
    words="$(uv run --frozen python -m tests.deploy.readme_run \
      "$container" "$image" "$host_port" "$token")"
    mapfile -t argv <<<"$words"
  else
    # A standalone server, run the same way on its own port.
    argv=(podman run --health-interval=disable -d --name "$container" --read-only --tmpfs /tmp
      -v "$container:/data" -p "127.0.0.1:$host_port:$port"
      -e "HOMELAB_AUTH_TOKENS=ci:read,write:$token")
    if [[ "$name" == "truenas" ]]; then  # configured, upstream absent: the server still serves
      argv+=(-e TRUENAS_URL=http://127.0.0.1:9 -e TRUENAS_API_KEY=ci-key-not-used)
    fi
    argv+=("$image")
  fi
  echo "images: ${argv[*]//$token/<token>}"
  # --health-interval=disable: periodic checks need systemd (absent); the check runs once below.
  "${argv[@]}" >/dev/null 2>"$WORK/run.err" \
    || { cat "$WORK/run.err" >&2; exit 1; }  # (without systemd, podman logs healthcheck noise)
  uv run --frozen python -m tests.deploy.image_check "$container" "$host_port" "$token" \
    || { podman logs "$container" | tail -40; exit 1; }
  podman healthcheck run "$container" >/dev/null \
    || { echo "images: the image's HEALTHCHECK failed for $name" >&2; exit 1; }
  echo "images: $name healthy (HEALTHCHECK)"
done
