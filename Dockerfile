# syntax=docker/dockerfile:1
#
# One image recipe for every server of the suite; SERVER names it and PORT is its port:
#
#   gateway 8000 (every server), home-assistant 8001, arr-suite 8002, infrastructure 8003,
#   plex 8004, truenas 8005, routing 8006
#
# Build from the repository root (the context is the uv workspace):
#   docker build --build-arg SERVER=gateway --build-arg PORT=8000 -t homelab-mcp/gateway .
#   docker build --build-arg SERVER=truenas --build-arg PORT=8005 -t homelab-mcp/truenas .
# (Releases are these images as ghcr.io/homelab-mcp/mcp-<server>:<version>.)
#
# Run (state in /data; the root filesystem may be read-only, /tmp a tmpfs):
#   docker run --read-only --tmpfs /tmp -p 8000:8000 -v homelab-mcp:/data \
#     -e HOMELAB_AUTH_TOKENS="claude:read,write:$(openssl rand -hex 32)" \
#     -e HA_URL=http://homeassistant.lan:8123 -e HA_TOKEN_FILE=/run/secrets/ha_token \
#     homelab-mcp/gateway
#
# AUTH IS REQUIRED. The image binds 0.0.0.0 (HOMELAB_HOST), and a server refuses to listen on a
# non-loopback address without auth. Set one of:
#   HOMELAB_AUTH_TOKENS="client_id:scope,scope:token ..."  or  HOMELAB_AUTH_TOKENS_FILE=/run/secrets/...
#   HOMELAB_JWT_JWKS_URI + HOMELAB_JWT_ISSUER + HOMELAB_JWT_AUDIENCE (OIDC)
#   HOMELAB_INSECURE_NO_AUTH=true   (only on a network you trust completely)

ARG PYTHON_IMAGE=python:3.11-slim
ARG UV_IMAGE=ghcr.io/astral-sh/uv:0.13.9

FROM ${UV_IMAGE} AS uv

# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS builder

ARG SERVER=gateway
COPY --from=uv /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app

# What goes in: the gateway image has every server; a server's image has that server and the
# `homelab-mcp` command (which serves it alone).
RUN case "$SERVER" in \
      gateway) echo "--all-packages" ;; \
      *) echo "--package homelab-suite-${SERVER} --package homelab-suite-gateway" ;; \
    esac > /app/.packages

# 1. Third-party dependencies, from the lock file and the members' pyproject.toml files alone
#    (a cached layer: only a change of the lock or of a pyproject.toml rebuilds it, so each
#    member's pyproject.toml is mounted by name, never a whole folder of sources; a new member
#    needs its line here, which tests/deploy checks). The package options are split into words
#    on purpose.
# hadolint ignore=SC2046
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=/app/uv.lock \
    --mount=type=bind,source=pyproject.toml,target=/app/pyproject.toml \
    --mount=type=bind,source=shared/pyproject.toml,target=/app/shared/pyproject.toml \
    --mount=type=bind,source=servers/arr-suite/pyproject.toml,target=/app/servers/arr-suite/pyproject.toml \
    --mount=type=bind,source=servers/gateway/pyproject.toml,target=/app/servers/gateway/pyproject.toml \
    --mount=type=bind,source=servers/home-assistant/pyproject.toml,target=/app/servers/home-assistant/pyproject.toml \
    --mount=type=bind,source=servers/infrastructure/pyproject.toml,target=/app/servers/infrastructure/pyproject.toml \
    --mount=type=bind,source=servers/plex/pyproject.toml,target=/app/servers/plex/pyproject.toml \
    --mount=type=bind,source=servers/truenas/pyproject.toml,target=/app/servers/truenas/pyproject.toml \
    --mount=type=bind,source=routing-mcp/pyproject.toml,target=/app/routing-mcp/pyproject.toml \
    --mount=type=bind,source=suite/pyproject.toml,target=/app/suite/pyproject.toml \
    uv sync --frozen --no-dev --no-install-workspace $(cat /app/.packages)

# 2. The workspace members, installed as regular (non-editable) packages, so the runtime stage
#    needs the virtual environment only.
COPY pyproject.toml uv.lock ./
COPY shared/ shared/
COPY servers/ servers/
COPY routing-mcp/ routing-mcp/
COPY suite/ suite/
# hadolint ignore=SC2046
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable $(cat /app/.packages)

# 3. Fail the build if the server cannot be found and imported.
RUN /app/.venv/bin/python -c "import sys; from homelab_shared.spec import discover_all; \
specs, broken = discover_all(); names = {s.name for s in specs}; \
print('servers in the image:', sorted(names), broken or ''); \
sys.exit(0 if not broken and ('$SERVER' == 'gateway' or '$SERVER' in names) else 1)"

# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ARG SERVER=gateway
ARG PORT=8000
ARG VERSION=0.1.0
# The GitHub owner publishing the images (homelab_gateway.registry.OWNER; tests/deploy checks).
ARG OWNER=homelab-mcp
ARG APP_UID=10001
RUN groupadd --system --gid "${APP_UID}" app \
 && useradd --system --uid "${APP_UID}" --gid app --home-dir /home/app --create-home \
      --shell /usr/sbin/nologin app \
 && mkdir -p /data \
 && chown app:app /data \
 && chmod 0700 /data

# The virtual environment stays owned by root: the app user can run it but not change it.
COPY --from=builder /app/.venv /app/.venv

ENV PATH="/app/.venv/bin:${PATH}" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FASTMCP_SHOW_SERVER_BANNER=false \
    FASTMCP_CHECK_FOR_UPDATES=off \
    XDG_CACHE_HOME=/tmp/cache \
    HOMELAB_SERVER=${SERVER} \
    HOMELAB_HOST=0.0.0.0 \
    HOMELAB_PORT=${PORT} \
    HOMELAB_STATE_DIR=/data

LABEL org.opencontainers.image.title="homelab-mcp-${SERVER}" \
      org.opencontainers.image.description="homelab-mcp ${SERVER}: MCP server(s) for a homelab, streamable HTTP at /mcp on port ${PORT}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://github.com/${OWNER}/homelab-mcp" \
      io.modelcontextprotocol.server.name="io.github.${OWNER}/${SERVER}"

WORKDIR /app
VOLUME ["/data"]
EXPOSE ${PORT}
USER ${APP_UID}:${APP_UID}

# /healthz answers without a token; HOMELAB_PORT moves the listener, so the check follows it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['HOMELAB_PORT'], timeout=4)"]

# Stateless streamable HTTP on 0.0.0.0; HOMELAB_SERVER picks the server (gateway: all of them).
CMD ["homelab-mcp", "serve", "--transport", "http"]
