"""The MCP registry manifests (<package>/server.json) are valid, current and consistent.

Valid: against the registry's released schema named by `$schema` (bundled by skillsaw, a dev
dependency; no network) and skillsaw's registry rules (e.g. no version on an OCI package).
Current: equal to what `python -m homelab_gateway.registry` makes from the settings classes and
the installed versions, with the version of the package's pyproject.toml. Consistent: the image
a manifest names is the one the release workflow pushes, the chart deploys and the Dockerfile
labels, all under the one owner of registry.OWNER; the distribution it names is a workspace
member at that version whose README carries the `mcp-name:` line the registry looks for, and its
console script serves the tools over stdio.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastmcp import Client
from fastmcp.client.transports import StdioTransport
from jsonschema.validators import validator_for

from homelab_gateway.registry import (
    OWNER,
    SUITE,
    Target,
    distribution_name,
    image,
    merged,
    render,
    server_name,
    targets,
)
from homelab_shared.settings import env_names
from tests.deploy.test_deploy_files import (
    CHART,
    DOCKERFILE,
    ROOT,
    _instructions,
    readme_servers,
    settings_variables,
    workspace,
)

MANIFEST = "server.json"


@cache
def by_name() -> dict[str, Target]:
    return {t.name: t for t in targets()}


def present() -> list[str]:
    return [s.name for s in readme_servers().values() if (ROOT / s.folder).is_dir()]


def committed(name: str) -> dict[str, Any]:
    path = ROOT / readme_servers()[name].folder / MANIFEST
    assert path.is_file(), f"{name} has no {path.relative_to(ROOT)}"
    return json.loads(path.read_text(encoding="utf-8"))


def pyproject(name: str) -> dict[str, Any]:
    return tomllib.loads((ROOT / readme_servers()[name].folder / "pyproject.toml").read_text())


def offering(data: dict[str, Any], registry_type: str) -> dict[str, Any]:
    (found,) = [p for p in data["packages"] if p["registryType"] == registry_type]
    return found


def member(distribution: str) -> dict[str, Any]:
    """The pyproject.toml of the workspace member publishing a distribution."""
    folder, _ = workspace()[distribution]
    return tomllib.loads((ROOT / folder / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_server_of_the_readme_has_a_manifest_in_its_package() -> None:
    names = present()
    assert {"gateway", "home-assistant", "routing", "truenas"} <= set(names)
    assert set(by_name()) == set(names), "installed servers and the README's table differ"
    for name in names:
        assert by_name()[name].root == (ROOT / readme_servers()[name].folder).resolve()
        committed(name)


@pytest.mark.parametrize("name", present())
def test_the_manifest_is_current(name: str) -> None:
    path = ROOT / readme_servers()[name].folder / MANIFEST
    assert path.read_text(encoding="utf-8") == render(by_name()[name]), (
        f"{path.relative_to(ROOT)} is stale: uv run python -m homelab_gateway.registry --write"
    )


@pytest.mark.parametrize("name", present())
def test_versions_and_images_match_the_project(name: str) -> None:
    data, project = committed(name), pyproject(name)["project"]
    assert data["version"] == project["version"]
    assert [p["registryType"] for p in data["packages"]] == ["oci", "pypi"]
    oci, pypi = data["packages"]
    assert data["name"] == f"io.github.{OWNER}/{name}"
    # uvx runs the distribution named like the server; the gateway's brings every server.
    assert project["name"] == distribution_name(name)
    offered = SUITE if name == "gateway" else project["name"]
    assert pypi["identifier"] == offered and pypi["version"] == project["version"]
    assert member(offered)["project"]["version"] == project["version"]
    assert (pypi["runtimeHint"], pypi["transport"]) == ("uvx", {"type": "stdio"})
    assert oci["identifier"] == f"ghcr.io/{OWNER}/mcp-{name}:{project['version']}"
    port = readme_servers()[name].port
    assert {"type": "named", "name": "-p", "value": f"{port}:{port}"} in oci["runtimeArguments"]
    assert oci["transport"]["url"] == f"http://localhost:{port}/mcp"


def _release() -> dict[str, Any]:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())


def released_images() -> dict[str, str]:
    """Server -> image (no tag) as the release workflow pushes it, its expressions resolved."""
    release = _release()
    job = release["jobs"]["image"]
    meta = next(s for s in job["steps"] if s.get("id") == "meta")
    found = {}
    for entry in job["strategy"]["matrix"]["include"]:
        text = meta["with"]["images"]
        text = text.replace("${{ env.IMAGE_OWNER }}", release["env"]["IMAGE_OWNER"])
        text = text.replace("${{ matrix.server }}", entry["server"])
        assert "${{" not in text, f"the image name depends on {text}: not a fixed name"
        found[entry["server"]] = text
    return found


def test_chart_release_and_manifests_name_the_same_images() -> None:
    """One owner everywhere: what `helm install` pulls by default is what a tag pushes and what
    the registry manifests (and the image's own label) name."""
    chart_values = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    chart = {n: s["image"]["repository"] for n, s in chart_values["servers"].items()}
    released = released_images()
    manifests = {n: offering(committed(n), "oci")["identifier"].rsplit(":")[0] for n in present()}
    assert set(chart) == set(released) == set(manifests) == set(present())
    for name in present():
        assert chart[name] == released[name] == manifests[name] == image(name), name
    args = dict(a.split("=", 1) for op, a in _instructions(DOCKERFILE) if op == "ARG" and "=" in a)
    assert args["OWNER"] == OWNER, "the Dockerfile's OWNER labels the images"
    labels = " ".join(a for op, a in _instructions(DOCKERFILE) if op == "LABEL")
    assert 'io.modelcontextprotocol.server.name="io.github.${OWNER}/${SERVER}"' in labels
    assert server_name("truenas") == f"io.github.{OWNER}/truenas"


def test_the_release_tags_the_manifests_version() -> None:
    steps = _release()["jobs"]["image"]["steps"]
    tags = next(s["with"]["tags"] for s in steps if s.get("id") == "meta")
    assert "type=semver,pattern={{version}}" in tags  # v0.1.0 -> :0.1.0, the manifest's tag


@pytest.mark.parametrize("name", present())
def test_no_variable_is_listed_twice(name: str) -> None:
    for package in committed(name)["packages"]:
        counts = Counter(e["name"] for e in package["environmentVariables"])
        assert not [v for v, n in counts.items() if n > 1], f"{name}: listed twice"


def test_a_variable_read_twice_is_merged_and_conflicts_are_refused() -> None:
    first = {"name": "REDIS_URL", "description": "A", "isRequired": False, "isSecret": True}
    second = {**first, "description": "B", "isRequired": True}
    (entry,) = merged([first, second])
    assert entry["description"] == "A; B" and entry["isRequired"] and entry["isSecret"]
    with pytest.raises(ValueError, match="REDIS_URL: settings disagree on its format"):
        merged([first, {**second, "format": "number"}])


@pytest.mark.parametrize("name", present())
def test_every_setting_is_listed_and_required_ones_are_marked(name: str) -> None:
    settings = settings_variables()
    servers = [s for s in settings if s != "runtime"] if name == "gateway" else [name]
    for package in committed(name)["packages"]:
        listed = {e["name"]: e for e in package["environmentVariables"]}
        for server in servers:
            for variable, secret in settings[server].items():
                assert variable in listed, f"{package['registryType']}: {variable} missing"
                assert listed[variable]["isSecret"] is secret, variable
        known = set().union(*settings.values())
        assert set(listed) <= known, f"not a setting: {sorted(set(listed) - known)}"
    # A standalone server cannot start without its required settings: the manifest says so.
    if name != "gateway":
        cls = by_name()[name].settings[0]
        required = {env_names(cls, f)[0] for f, i in cls.model_fields.items() if i.is_required()}
        for package in committed(name)["packages"]:
            marked = {e["name"] for e in package["environmentVariables"] if e["isRequired"]}
            assert required <= marked, f"required but not marked: {required - marked}"
    oci = offering(committed(name), "oci")
    auth = next(e for e in oci["environmentVariables"] if e["name"] == "HOMELAB_AUTH_TOKENS")
    assert auth["isRequired"] and auth["isSecret"], "the image refuses to start without auth"


@pytest.mark.parametrize("name", present())
def test_stdio_lists_the_servers_variables_but_none_of_the_listener(name: str) -> None:
    """Over stdio nothing listens: no port, token or JWT to set; every server variable of the
    image is there too, equally required."""
    data = committed(name)
    oci, pypi = offering(data, "oci"), offering(data, "pypi")
    stdio = {e["name"]: e for e in pypi["environmentVariables"]}
    listener = {"HOMELAB_HOST", "HOMELAB_PORT", "HOMELAB_PATH", "HOMELAB_AUTH_TOKENS"}
    assert not stdio.keys() & (listener | {"HOMELAB_JWT_ISSUER", "HOMELAB_METRICS_PUBLIC"})
    for entry in oci["environmentVariables"]:
        if not entry["name"].startswith("HOMELAB_"):
            assert stdio[entry["name"]]["isRequired"] == entry["isRequired"], entry["name"]
    assert "HOMELAB_STATE_DIR" in stdio, "the image fixes it (/data); over stdio it is the user's"


@pytest.mark.parametrize("name", present())
def test_the_package_readme_proves_ownership_to_the_registry(name: str) -> None:
    """The registry accepts a PyPI package only if its description (the pyproject's readme)
    holds `mcp-name: <the manifest's name>`; no other distribution claims that name."""
    data = committed(name)
    offered = offering(data, "pypi")["identifier"]
    claims: dict[str, list[str]] = {}
    for distribution, (folder, _) in workspace().items():
        readme = member(distribution)["project"].get("readme")
        assert readme, f"{distribution} has no readme: its page on the index would be empty"
        text = (ROOT / folder / readme).read_text(encoding="utf-8")
        for claimed in re.findall(r"mcp-name: (\S+?)(?: -->|\s|$)", text):
            claims.setdefault(claimed, []).append(distribution)
    assert claims.get(data["name"]) == [offered], claims


def _schema(url: str) -> dict[str, Any]:
    m = re.fullmatch(
        r"https://static\.modelcontextprotocol\.io/schemas/(\d{4})-(\d\d)-(\d\d)/server\.schema\.json",
        url,
    )
    assert m, f"unknown $schema {url}"
    folder = resources.files("skillsaw.schemas.mcp_registry") / f"v{'_'.join(m.groups())}"
    return json.loads((folder / "server.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", present())
def test_the_manifest_is_valid_against_the_registry_schema(name: str, tmp_path: Path) -> None:
    data = committed(name)
    schema = _schema(data["$schema"])
    validator_cls = validator_for(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors
    # The registry's publishing rules on top of the schema (skillsaw's mcp-registry rules).
    (tmp_path / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    skillsaw = shutil.which("skillsaw", path=str(Path(sys.executable).parent))
    assert skillsaw, "skillsaw (dev dependency) is not installed: uv sync"
    result = subprocess.run(
        [skillsaw, "lint", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and "Repo type: mcp-registry" in result.stdout, result.stdout


def test_the_registry_checks_catch_mistakes(tmp_path: Path) -> None:
    """The semantic check above can fail: a version on an OCI package is refused."""
    data = committed("gateway")
    data["packages"][0]["version"] = data["version"]
    (tmp_path / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    skillsaw = shutil.which("skillsaw", path=str(Path(sys.executable).parent))
    assert skillsaw
    result = subprocess.run(
        [skillsaw, "lint", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode != 0
    assert "version must be omitted" in result.stdout


def stdio_env(name: str, tmp_path: Path) -> dict[str, str]:
    """The manifest's required stdio variables set (to unreachable upstreams: tools/list needs
    none)."""
    env = {"HOMELAB_STATE_DIR": str(tmp_path / "state"), "PATH": str(Path(sys.executable).parent)}
    entries = offering(committed(name), "pypi")["environmentVariables"]
    required = [e for e in entries if e["isRequired"] and e["name"] != "HOMELAB_AUTH_TOKENS"]
    # A server with no single required variable (plex: Plex or Tautulli) gets its upstream URLs
    # and credentials.
    chosen = required or [
        e
        for e in entries
        if (e["name"].endswith("_URL") and not e.get("isSecret"))
        or (e.get("isSecret") and e["name"].endswith(("_TOKEN", "_API_KEY")))
    ]
    for entry in chosen:
        if entry.get("isSecret"):
            env[entry["name"]] = "not-a-real-secret-0123456789"
        else:
            env[entry["name"]] = "http://127.0.0.1:9" if entry["format"] != "boolean" else "false"
    return env


@pytest.mark.parametrize("name", present())
async def test_the_uvx_form_serves_tools(name: str, tmp_path: Path) -> None:
    """What `uvx <distribution>` runs, from this clone's environment: the console script named
    like the manifest's distribution, without arguments (stdio by default). The same from an
    installed wheel, through uvx itself: tests/deploy/test_packages.py."""
    offered = offering(committed(name), "pypi")["identifier"]
    assert member(offered)["project"]["scripts"].get(offered), f"no console script {offered}"
    script = Path(sys.executable).parent / offered
    assert script.is_file(), f"console script {script.name} is not installed: uv sync"
    env = stdio_env(name, tmp_path)
    transport = StdioTransport(command=str(script), args=[], env=env, cwd=str(tmp_path))
    async with Client(transport, timeout=60) as client:
        tools = await client.list_tools()
    assert tools, f"{name} over stdio lists no tools"
