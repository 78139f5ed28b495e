"""Every command the README's Deployment section shows is checked against the project.

Commands are the lines of its ```bash blocks and the inline `code` that starts with a command.
Each is dispatched on what it runs: compose profiles and services, chart values and secret keys,
Docker build arguments and ports, secret file names are compared with the files; the `helm`
commands are rendered by the real Helm engine with their `--set` values (`--reuse-values`
included) and the manifests validated; the client-config commands and the servers' own commands
are run. A command no checker knows fails the test, so a new one needs a check here.
(.ci/images.sh runs the `docker run` line itself, with podman.)
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, cast

import helm_python
import pytest

from homelab_gateway.registry import image
from tests.deploy.test_chart_render import Manifests, containers, env_of, render
from tests.deploy.test_deploy_files import (
    CHART,
    COMPOSE,
    DOCKERFILE,
    README,
    ROOT,
    _instructions,
    compose,
    readme_servers,
    settings_variables,
    values,
)

BIN = Path(sys.executable).parent
STARTS = (
    "docker ",
    "helm ",
    "kubectl ",
    "uv ",
    "uvx ",
    "sudo ",
    "cp ",
    "mkdir ",
    "touch ",
    "echo ",
)


@cache
def section() -> str:
    text = README.read_text(encoding="utf-8")
    assert "\n## Deployment\n" in text, "the README has no Deployment section"
    return text.split("\n## Deployment\n", 1)[1].split("\n## ", 1)[0]


def commands() -> list[str]:
    found = []
    for block in re.findall(r"```bash\n(.*?)```", section(), re.DOTALL):
        found += [ln.strip() for ln in block.splitlines() if ln.strip() and ln[0] != "#"]
    found += [c for c in re.findall(r"`([^`\n]+)`", section()) if c.startswith(STARTS)]
    return found


def _subsections() -> list[str]:
    return re.findall(r"^### (.+)$", section(), re.MULTILINE)


def test_the_section_covers_every_form() -> None:
    assert _subsections() == [
        "Docker Compose",
        "Helm",
        "A single container",
        "Claude Desktop",
        "Open WebUI",
    ]
    assert len(commands()) >= 12


# --- the checkers ------------------------------------------------------------------------------

Seen = dict[str, Any]  # what earlier commands made: secrets created, images built


def _known_variables() -> set[str]:
    return set().union(*settings_variables().values())


def _compose_secret_files() -> set[str]:
    return {str(COMPOSE.parent / s["file"]) for s in compose()["secrets"].values()}


def check_files(words: list[str], _seen: Seen) -> None:
    op, args = words[0], [a for a in words[1:] if not a.startswith("-")]
    if op == "cp":
        assert (ROOT / args[0]).is_file(), f"cp: no {args[0]}"
        assert (ROOT / args[1]).parent.is_dir()
    elif op == "mkdir":
        assert (ROOT / args[0]).parent.is_dir()
    elif op == "touch":
        for path in args:
            assert str(ROOT / path) in _compose_secret_files(), f"{path} is no compose secret"
    elif op == "chown":
        uid = next(a for op_, a in _instructions(DOCKERFILE) if op_ == "ARG" and "APP_UID" in a)
        assert args[0] == f"{uid.split('=')[1]}:{uid.split('=')[1]}", "not the image's uid"


def check_echo(line: str, _seen: Seen) -> None:
    m = re.fullmatch(r'echo "([^"]+)" > (\S+)', line)
    assert m, line
    assert str(ROOT / m.group(2)) in _compose_secret_files(), f"{m.group(2)} is no compose secret"
    assert re.fullmatch(r"[\w.-]+:[\w,]+:\S+", m.group(1)), "not a client_id:scopes:token entry"


def check_compose(words: list[str], _seen: Seen) -> None:
    assert words[:2] == ["docker", "compose"]
    assert words[words.index("-f") + 1] == str(COMPOSE.relative_to(ROOT))
    services = compose()["services"]
    profiles = {words[i + 1] for i, w in enumerate(words) if w == "--profile"}
    known = {p for s in services.values() for p in s.get("profiles", [])}
    assert profiles <= known, f"no such profile: {profiles - known}"
    assert "up" in words
    named = [w for w in words[words.index("up") + 1 :] if not w.startswith("-")]
    for name in named:
        assert name in services, f"no service {name}"
        wanted = set(services[name].get("profiles", []))
        assert not wanted or wanted & profiles, f"{name} needs one of the profiles {wanted}"


def _set_pairs(words: list[str]) -> dict[str, str]:
    pairs = {}
    for i, w in enumerate(words):
        if w == "--set":
            key, _, value = words[i + 1].partition("=")
            pairs[key] = value
    return pairs


def check_kubectl(words: list[str], seen: Seen) -> None:
    assert words[:4] == ["kubectl", "create", "secret", "generic"]
    keys = [w.split("=", 2)[1] for w in words if w.startswith("--from-literal=")]
    secret_keys = set(values()["secret"]["values"])
    assert set(keys) <= secret_keys, f"not a secret the chart knows: {set(keys) - secret_keys}"
    seen.setdefault("secrets", {})[words[4]] = set(keys)


def _value_path_exists(key: str) -> bool:
    node: Any = values()
    parts = key.split(".")
    for i, part in enumerate(parts):
        if isinstance(node, dict) and part in node:
            node = node[part]
            continue
        # A free-form map (env) takes any variable name the suite knows.
        return parts[i - 1] == "env" and i == len(parts) - 1 and part in _known_variables()
    return True


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Helm's coalescing of two value trees: maps merge, anything else is replaced."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(cast("dict[str, Any]", old), cast("dict[str, Any]", value))
        else:
            merged[key] = value
    return merged


def helm_values(words: list[str], seen: Seen) -> dict[str, Any]:
    """The user values of a release after this command: every --set parsed by Helm's own
    strvals parser, in order, over the release's earlier values with --reuse-values."""
    release = words[2]
    given: dict[str, Any] = {}
    if words[1] == "upgrade":
        assert "--reuse-values" in words, "an upgrade without --reuse-values drops the install's"
        assert release in seen.get("releases", {}), f"upgrade of {release}, never installed"
        given = seen["releases"][release]
    for i, w in enumerate(words):
        if w == "--set":
            given = _merge(given, helm_python.parse_set_string(words[i + 1]))
    seen.setdefault("releases", {})[release] = given
    return given


def check_rendered(manifests: Manifests, release: str, given: dict[str, Any]) -> None:
    """What the release's values ask for is in the manifests the chart renders."""
    effective = _merge(values(), given)
    enabled = [n for n, srv in effective["servers"].items() if srv["enabled"]]
    deployments = {n for kind, n in manifests if kind == "Deployment"}
    for name in enabled:
        pod = containers(manifests, name, release)
        image_ref = pod["containers"][0]["image"]
        assert image_ref.rsplit(":", 1)[0] == image(name), f"{name} pulls {image_ref}"
        env = env_of(pod)
        for key, value in given.get("servers", {}).get(name, {}).get("env", {}).items():
            assert env[key] == str(value), key
        secret = given.get("secret", {}).get("existingSecret")
        if secret:
            volumes = {v["name"]: v for v in pod["volumes"]}
            assert volumes["secrets"]["secret"]["secretName"] == secret, name
    if effective["redis"]["enabled"]:
        assert any(n.endswith("-redis") for n in deployments), "redis.enabled deploys no Redis"
    if effective["persistence"]["enabled"]:
        claims = {n for kind, n in manifests if kind == "PersistentVolumeClaim"}
        assert len(claims) == len(enabled), f"one claim per server, got {sorted(claims)}"


def check_helm(words: list[str], seen: Seen) -> None:
    assert words[1] in ("install", "upgrade")
    chart = ROOT / words[3]
    assert chart.resolve() == CHART.resolve() and (chart / "Chart.yaml").is_file()
    pairs = _set_pairs(words)
    assert pairs, "a helm command without --set checks nothing"
    for key in pairs:
        assert _value_path_exists(key), f"values.yaml has no {key}"
    if "secret.existingSecret" in pairs:
        created = seen.get("secrets", {}).get(pairs["secret.existingSecret"])
        assert created is not None, "existingSecret names a secret the section does not create"
        listed = set(pairs["secret.existingSecretKeys"].strip("{}").split(","))
        assert listed <= created, f"existingSecretKeys not in the secret: {listed - created}"
    for key, value in pairs.items():
        if key.endswith(".enabled"):
            assert value in ("true", "false")
            if key.startswith("servers."):
                assert key.split(".")[1] in readme_servers()
    given = helm_values(words, seen)
    # Rendered by the Helm engine and validated (strict); a refusal of the chart fails here.
    try:
        manifests = render(given, name=words[2])
    except helm_python.HelmError as err:
        raise AssertionError(f"the chart refuses these values: {err}") from err
    check_rendered(manifests, words[2], given)


def _state_dir() -> str:
    env = " ".join(a for op, a in _instructions(DOCKERFILE) if op == "ENV")
    m = re.search(r"HOMELAB_STATE_DIR=(\S+)", env)
    assert m
    return m.group(1)


def check_docker_build(words: list[str], seen: Seen) -> None:
    build_args = dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--build-arg")
    declared = {a.split("=")[0] for op, a in _instructions(DOCKERFILE) if op == "ARG"}
    assert set(build_args) <= declared, f"the Dockerfile has no ARG {set(build_args) - declared}"
    server = readme_servers()[build_args["SERVER"]]
    assert int(build_args["PORT"]) == server.port, f"{server.name} listens on {server.port}"
    tag = words[words.index("-t") + 1]
    assert compose()["services"][server.name]["image"] == tag, "not the image compose uses"
    assert words[-1] == "." and (ROOT / "Dockerfile").is_file()
    seen.setdefault("images", {})[tag] = server


def check_docker_run(words: list[str], seen: Seen) -> None:
    image = words[-1]
    server = seen.get("images", {}).get(image)
    assert server is not None, f"{image} is not built by a command above"
    assert "--read-only" in words and words[words.index("--tmpfs") + 1] == "/tmp"
    ports = [words[i + 1] for i, w in enumerate(words) if w == "-p"]
    assert ports == [f"{server.port}:{server.port}"], f"{server.name} listens on {server.port}"
    mounts = [words[i + 1] for i, w in enumerate(words) if w == "-v"]
    assert [m.split(":")[1] for m in mounts] == [_state_dir()], "state is not in the image's dir"
    names = {words[i + 1].split("=")[0] for i, w in enumerate(words) if w == "-e"}
    assert "HOMELAB_AUTH_TOKENS" in names, "the image refuses to start without a token"
    assert names <= _known_variables(), f"unknown variables {names - _known_variables()}"


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv), capture_output=True, text=True, timeout=60, check=False, cwd=ROOT
    )


def check_client_config(words: list[str], _seen: Seen) -> None:
    assert words[:3] == ["uv", "run", "homelab-mcp"] and words[3] == "client-config"
    result = _run(str(BIN / "homelab-mcp"), *words[3:])
    assert result.returncode == 0, result.stderr
    url = words[words.index("--url") + 1] if "--url" in words else None
    if words[4] == "claude":
        config = json.loads("\n".join(ln for ln in result.stdout.splitlines() if ln[:1] != "#"))
        entry = config["mcpServers"]["homelab"]
        assert (url in entry["args"]) if url else (entry["args"][-2:] == ["--transport", "stdio"])
    else:
        assert url is None or f"URL: {url}" in result.stdout, result.stdout


def offered(registry_type: str) -> dict[str, dict[str, Any]]:
    """Identifier -> package entry, of the committed registry manifests' packages of a type."""
    return {
        package["identifier"]: package
        for p in ROOT.glob("**/server.json")
        if ".venv" not in p.parts
        for package in json.loads(p.read_text())["packages"]
        if package["registryType"] == registry_type
    }


def check_docker_pull(words: list[str], _seen: Seen) -> None:
    """A release image: the name the registry manifests and the release workflow use, at the
    version of the server's package."""
    name, _, tag = words[2].partition(":")
    assert words[2] in offered("oci"), f"no registry manifest names {words[2]}"
    server = name.rsplit("/mcp-", 1)[1]
    assert name == image(server) and tag, words[2]


def check_server_command(words: list[str], _seen: Seen) -> None:
    """`uv run <distribution>` / `uvx <distribution>`: a distribution a registry manifest offers
    over stdio, whose console script (named the same; test_registry serves tools through it and
    test_packages through uvx) takes no argument and starts stdio by default."""
    command = words[1] if words[0] == "uvx" else words[2]
    args = words[2:] if words[0] == "uvx" else words[3:]
    assert command in offered("pypi"), f"no registry manifest offers {command} over stdio"
    assert not args, f"{command} needs no arguments: stdio is its default"
    result = _run(str(BIN / command), "--help")
    assert result.returncode == 0 and "(default: stdio)" in result.stdout, result.stdout


def check_client_json(config: dict[str, Any]) -> None:
    """A Claude Desktop block: `uvx <distribution>` of a manifest, with variables it lists."""
    for name, entry in config["mcpServers"].items():
        assert entry["command"] == "uvx", f"{name}: only the uvx form is shown as JSON"
        check_server_command(["uvx", *entry["args"]], {})
        listed = {e["name"] for e in offered("pypi")[entry["args"][0]]["environmentVariables"]}
        assert set(entry.get("env", {})) <= listed, f"{name}: not a variable of the manifest"


def check_registry(words: list[str], _seen: Seen) -> None:
    """The manifest generator runs (without --write: it prints); test_registry.py checks that
    the committed manifests equal its output."""
    assert words[5:] == ["--write"]
    result = _run(sys.executable, "-m", "homelab_gateway.registry")
    assert result.returncode == 0, result.stderr
    assert '"$schema"' in result.stdout


def checker(line: str) -> Callable[[Seen], None]:
    words = shlex.split(line.replace("<", "").replace(">", "") if "echo" not in line else line)
    if words[0] == "sudo":
        words = words[1:]
    table: list[tuple[bool, Callable[[Seen], None]]] = [
        (words[:2] == ["docker", "compose"], lambda s: check_compose(words, s)),
        (words[:2] == ["docker", "build"], lambda s: check_docker_build(words, s)),
        (words[:2] == ["docker", "run"], lambda s: check_docker_run(words, s)),
        (words[:2] == ["docker", "pull"], lambda s: check_docker_pull(words, s)),
        (words[0] == "helm", lambda s: check_helm(words, s)),
        (words[0] == "kubectl", lambda s: check_kubectl(words, s)),
        (
            words[:2] == ["uv", "run"] and words[2] not in ("python", "homelab-mcp"),
            lambda s: check_server_command(words, s),
        ),
        (words[0] == "uvx", lambda s: check_server_command(words, s)),
        (
            words[:4] == ["uv", "run", "homelab-mcp", "client-config"],
            lambda s: check_client_config(words, s),
        ),
        (
            words[:5] == ["uv", "run", "python", "-m", "homelab_gateway.registry"],
            lambda s: check_registry(words, s),
        ),
        (words[0] == "echo", lambda s: check_echo(line, s)),
        (words[0] in ("cp", "mkdir", "touch", "chown"), lambda s: check_files(words, s)),
    ]
    for matches, check in table:
        if matches:
            return check
    raise AssertionError(f"no test checks this README command: {line}")


def test_every_command_of_the_deployment_section_is_right() -> None:
    seen: Seen = {}
    for line in commands():  # in order: a secret or image is made before it is used
        checker(line)(seen)


def test_every_client_block_of_the_deployment_section_is_right() -> None:
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", section(), re.DOTALL)]
    configs = [b for b in blocks if "mcpServers" in b]
    assert configs, "the Claude Desktop uvx form is not shown"
    for config in configs:
        check_client_json(config)
    with pytest.raises(AssertionError, match="not a variable"):
        check_client_json(
            {
                "mcpServers": {
                    "x": {"command": "uvx", "args": ["homelab-suite"], "env": {"HA_TOKN": "x"}}
                }
            }
        )


@pytest.mark.parametrize(
    "line",
    [
        "docker compose -f compose/compose.yaml --profile plexx up -d",
        "helm install homelab charts/homelab-mcp --set servers.gateway.replica=2",
        "docker build --build-arg SERVER=routing --build-arg PORT=8001 -t homelab-mcp/routing .",
        "kubectl create secret generic s --from-literal=HA_TOKENS=x",
        "touch compose/secrets/ha_tokn",
        "podman run homelab-mcp/gateway",
        "helm install homelab charts/homelab-mcp --set servers.routing.enabled=true",
        "helm upgrade homelab charts/homelab-mcp --set servers.plex.enabled=true",
        "docker pull ghcr.io/someone/mcp-gateway:0.1.0",
        "uv run home-assistant-mcp --transport sse",
        "uvx home-assistant-mcp",
        "uvx homelab-suite-plex --transport http",
        "uvx homelab-suite-shared",
    ],
)
def test_wrong_commands_are_caught(line: str) -> None:
    with pytest.raises(AssertionError):
        checker(line)({})


def test_the_ci_runs_the_readmes_container_line() -> None:
    """.ci/images.sh runs the README's docker run line through tests/deploy/readme_run.py: with
    podman, only names, the host port, the image and the placeholders differ."""
    from tests.deploy.readme_run import podman_argv, readme_line

    words = readme_line()
    argv = podman_argv(words, "c-1", "localhost/x:ci", 40123, "tok")
    assert argv[:3] == ["podman", "run", "--health-interval=disable"]
    assert len(argv) - 1 == len(words), "one word for one word"
    changed = {(a, b) for a, b in zip(words[2:], argv[3:], strict=True) if a != b}
    port = readme_servers()["gateway"].port
    assert changed == {
        ("homelab-mcp", "c-1"),
        ("homelab-mcp-data:/data", "c-1:/data"),
        (f"{port}:{port}", f"127.0.0.1:40123:{port}"),
        (
            "HOMELAB_AUTH_TOKENS=claude:read,write:<token>",
            "HOMELAB_AUTH_TOKENS=claude:read,write:tok",
        ),
        ("HA_TOKEN=<token>", "HA_TOKEN=ci-placeholder"),
        ("homelab-mcp/gateway", "localhost/x:ci"),
    }
    with pytest.raises(AssertionError, match="not the same port"):
        podman_argv([*words[:-1], "-p", "8080:8000", words[-1]], "c", "i", 1, "t")
