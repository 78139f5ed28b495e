"""The Python distributions as a release publishes them: built, checked, installed and run.

One build of every distribution (`uv build --all-packages --wheel`, about 15 s) feeds:

- `.ci/check_dists.py`, the check the release workflow runs before uploading (names, one version,
  members pinned to it, each manifest's distribution with its console script and `mcp-name:`);
- an install of that wheel set alone into a fresh virtual environment, offline where uv's cache
  allows it: the third-party distributions at the versions of uv.lock from uv's cache (which
  `uv sync` filled; the index is asked for metadata only when the cache lacks it), ours from the
  built wheels, then `uv pip check` (every Requires-Dist of every wheel is met). The console
  scripts `uvx` would run are then started over stdio by a real MCP client.

What this does not prove: `uvx` resolving from the package index itself. An offline `uvx
--find-links` needs the index's metadata of every third-party wheel, which uv's cache does not
keep for an environment synced from the lock; the resolution differs, the installed wheels and
their console scripts are the same.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from fastmcp import Client
from fastmcp.client.transports import StdioTransport

from homelab_gateway.registry import SUITE
from tests.deploy.test_deploy_files import ROOT, workspace
from tests.deploy.test_registry import committed, offering, present, stdio_env

CHECK = ROOT / ".ci" / "check_dists.py"


def uv() -> str:
    found = os.environ.get("UV") or shutil.which("uv")
    assert found, "uv is not on PATH"
    return found


def run(
    *argv: str | Path, cwd: Path = ROOT, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = run(uv(), "build", "--all-packages", "--wheel", "--out-dir", out, "--quiet")
    assert built.returncode == 0, built.stderr
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment holding the built wheels and their locked dependencies only."""
    folder = tmp_path_factory.mktemp("uvx")
    pins = folder / "requirements.txt"
    exported = run(
        uv(), "export", "--frozen", "--no-dev", "--all-packages", "--no-emit-workspace",
        "--no-hashes", "--quiet", "--output-file", pins,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    pins.write_text(
        pins.read_text() + "".join(f"{w}\n" for w in sorted(dist.glob("*.whl"))), encoding="utf-8"
    )
    env = folder / "venv"
    python = env / "bin" / "python"
    made = run(uv(), "venv", "--quiet", "--python", sys.executable, env, cwd=folder)
    assert made.returncode == 0, made.stderr
    sync = [uv(), "pip", "sync", "--quiet", "--python", python, pins]
    done = run(*sync[:3], "--offline", *sync[3:], cwd=folder)
    if done.returncode != 0 and "not found in the cache" in done.stderr:
        # `uv sync --frozen` installs from the lock's URLs and leaves no index metadata; a cache
        # filled that way (a fresh machine) lacks what an offline resolution reads. Resolve the
        # same exact pins against the index once; the wheels still come from the cache.
        done = run(*sync, cwd=folder)
    assert done.returncode == 0, f"pip sync: {done.stdout}{done.stderr}"
    checked = run(uv(), "pip", "check", "--python", python, cwd=folder)
    assert checked.returncode == 0, f"pip check: {checked.stdout}{checked.stderr}"
    return env


def test_every_distribution_is_built_and_passes_the_release_check(dist: Path) -> None:
    version = {tomllib.loads((ROOT / f / "pyproject.toml").read_text())["project"]["version"]
               for f, _ in workspace().values()}  # fmt: skip
    assert len(version) == 1, f"the members are at several versions: {version}"
    result = run(sys.executable, CHECK, dist, "--version", version.pop())
    assert result.returncode == 0, result.stderr
    assert f"{len(workspace())} distributions checked" in result.stdout, result.stdout
    wrong = run(sys.executable, CHECK, dist, "--version", "99.0.0")
    assert wrong.returncode == 1 and "not the release's 99.0.0" in wrong.stderr, wrong.stderr


def _rewrite(wheel: Path, member: str, edit: dict[str, str]) -> None:
    """Replace text in one file of a wheel (its RECORD hash goes stale: the check ignores it)."""
    with zipfile.ZipFile(wheel) as old:
        files = {n: old.read(n) for n in old.namelist()}
    name = next(n for n in files if n.endswith(member))
    text = files[name].decode()
    for before, after in edit.items():
        assert before in text, f"{before!r} not in {name}"
        text = text.replace(before, after)
    files[name] = text.encode()
    with zipfile.ZipFile(wheel, "w") as new:
        for n, data in files.items():
            new.writestr(n, data)


@pytest.mark.parametrize(
    ("wheel", "member", "edit", "expected"),
    [
        (
            "homelab_suite-",
            ".dist-info/METADATA",
            {"mcp-name: io.github.homelab-mcp/gateway": "mcp-name: io.github.someone/gateway"},
            "homelab-suite: its description lacks 'mcp-name: io.github.homelab-mcp/gateway'",
        ),
        (
            "homelab_suite_plex-",
            ".dist-info/entry_points.txt",
            {"homelab-suite-plex =": "plex-stdio ="},
            "homelab-suite-plex: no console script homelab-suite-plex for uvx",
        ),
        (
            "homelab_suite_truenas-",
            ".dist-info/METADATA",
            {"Requires-Dist: homelab-suite-shared==": "Requires-Dist: homelab-suite-shared>="},
            "homelab-suite-truenas: homelab-suite-shared>=",
        ),
    ],
)
def test_the_release_check_refuses_what_the_registry_or_uvx_would(
    dist: Path, tmp_path: Path, wheel: str, member: str, edit: dict[str, str], expected: str
) -> None:
    for path in dist.glob("*.whl"):
        shutil.copy(path, tmp_path)
    (target,) = tmp_path.glob(f"{wheel}*.whl")
    _rewrite(target, member, edit)
    result = run(sys.executable, CHECK, tmp_path)
    assert result.returncode == 1 and expected in result.stderr, result.stderr


def test_members_pin_each_other_at_the_suite_version() -> None:
    """The source of the wheels' pins: a member's dependency on another is `==<the version>`.
    Every member but the library has a console script named like it (`uvx <member>`)."""
    members = workspace()
    for name, (folder, _) in members.items():
        project = tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]
        assert name.startswith(SUITE), f"{name}: not a name of the suite on the index"
        if name != f"{SUITE}-shared":
            assert name in project.get("scripts", {}), f"{name}: no console script {name}"
        for dep in project.get("dependencies", []):
            dep_name = re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0]
            if dep_name in members:
                assert dep == f"{dep_name}=={project['version']}", f"{name}: {dep}"


@pytest.mark.parametrize("name", ["gateway", "truenas"])
async def test_the_installed_wheels_serve_over_stdio(name: str, venv: Path, tmp_path: Path) -> None:
    """The console script `uvx <distribution>` runs, from the fresh environment: the gateway's
    (`homelab-suite`: every server) and one server alone, with no argument (stdio)."""
    assert name in present()
    offered = offering(committed(name), "pypi")["identifier"]
    script = venv / "bin" / offered
    assert script.is_file(), f"{offered} installed no console script {offered}"
    where = run(
        venv / "bin" / "python", "-c", "import homelab_shared; print(homelab_shared.__file__)"
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), "the wheel, not the source tree"
    env = {**stdio_env(name, tmp_path), "PATH": str(venv / "bin")}
    transport = StdioTransport(command=str(script), args=[], env=env, cwd=str(tmp_path))
    async with Client(transport, timeout=90) as client:
        tools = {t.name for t in await client.list_tools()}
    expected = "truenas_" if name == "gateway" else ""
    assert any(t.startswith(expected) for t in tools), sorted(tools)
    if name == "gateway":  # every server is installed: each one's settings were given
        prefixes = {"ha_", "arr_", "infra_", "plex_", "truenas_", "route_"}
        assert {p for p in prefixes if any(t.startswith(p) for t in tools)} == prefixes, tools


def test_a_tag_publishes_every_distribution_after_the_tests_with_trusted_publishing() -> None:
    release = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert "tags" in release[True]["push"], "published on a tag (YAML reads `on:` as True)"
    job = release["jobs"]["pypi"]
    assert job["needs"] == "test" and release["jobs"]["test"]["uses"].endswith("/ci.yml")
    assert job["environment"] == "pypi"
    assert job["permissions"] == {"contents": "read", "id-token": "write"}, "OIDC, nothing more"
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert "uv build --all-packages --out-dir dist" in runs
    check = next(r for r in runs if ".ci/check_dists.py" in r)
    assert check.endswith('dist --version "${GITHUB_REF_NAME#v}"'), "checked against the tag"
    assert runs.index(check) > runs.index("uv build --all-packages --out-dir dist")
    (publish,) = [s for s in job["steps"] if "uses" in s and "publish" in s["uses"]]
    assert publish["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert job["steps"].index(publish) == len(job["steps"]) - 1, "published only once checked"
    assert "password" not in publish.get("with", {}), "trusted publishing: no stored token"
