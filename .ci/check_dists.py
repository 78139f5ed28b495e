"""Check built distributions before they are published: python .ci/check_dists.py DIST [--version V]

The release workflow runs it on `uv build --all-packages` output before uploading, and
tests/deploy/test_packages.py runs it on a fresh build. Checked, from each wheel's own metadata:

- one wheel for every workspace member and nothing else (an sdist beside its wheel);
- each wheel's name and version are its member's; every member is at one version (the tag's,
  with --version) and members depend on each other at exactly that version, so that
  `uvx homelab-suite-plex==X` never mixes releases;
- for each registry manifest (server.json) the distribution its pypi package names: that
  version, a console script named like it (what `uvx <distribution>` runs), and the line
  `mcp-name: <the manifest's name>` in its description, the registry's proof of ownership.

Exit status 1 with one line per problem. Needs `packaging` (PEP 440 versions and requirements).
"""

from __future__ import annotations

import argparse
import configparser
import json
import sys
import tomllib
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def members() -> dict[str, Path]:
    """Distribution name (canonical) -> folder, for every member of the uv workspace."""
    root = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = {}
    for pattern in root["tool"]["uv"]["workspace"]["members"]:
        for folder in sorted(ROOT.glob(pattern)):
            if (folder / "pyproject.toml").is_file():
                text = (folder / "pyproject.toml").read_text(encoding="utf-8")
                found[canonicalize_name(tomllib.loads(text)["project"]["name"])] = folder
    return found


def read_wheel(path: Path) -> tuple[Message, dict[str, str]]:
    """The wheel's METADATA and its console scripts."""
    with zipfile.ZipFile(path) as wheel:
        info = next(n for n in wheel.namelist() if n.count("/") == 1 and ".dist-info/" in n)
        folder = info.split("/", 1)[0]
        metadata = Parser().parsestr(wheel.read(f"{folder}/METADATA").decode())
        scripts = configparser.ConfigParser(interpolation=None)
        if f"{folder}/entry_points.txt" in wheel.namelist():
            scripts.read_string(wheel.read(f"{folder}/entry_points.txt").decode())
    section = scripts["console_scripts"] if scripts.has_section("console_scripts") else {}
    return metadata, dict(section)


def check(dist: Path, version: str | None) -> tuple[list[str], list[str]]:
    """(problems, distributions checked)."""
    problems: list[str] = []
    workspace = members()
    wheels: dict[str, tuple[Message, dict[str, str]]] = {}
    for path in sorted(dist.glob("*.whl")):
        name = canonicalize_name(parse_wheel_filename(path.name)[0])
        if name not in workspace:
            problems.append(f"{path.name}: not a distribution of this workspace")
        wheels[name] = read_wheel(path)
    problems += [f"{name}: no wheel built" for name in sorted(set(workspace) - set(wheels))]
    versions = {Version(meta["Version"]) for meta, _ in wheels.values()}
    for path in sorted(dist.glob("*.tar.gz")):  # sdists: published beside the wheels
        name, sdist_version = parse_sdist_filename(path.name)
        if canonicalize_name(name) not in wheels:
            problems.append(f"{path.name}: an sdist without its wheel")
        versions.add(sdist_version)
    if version is not None and versions != {Version(version)}:
        problems.append(f"versions {sorted(map(str, versions))} are not the release's {version}")
    elif len(versions) > 1:
        problems.append(f"the distributions are at several versions: {sorted(map(str, versions))}")
    for name, (meta, _) in wheels.items():
        if name in workspace:
            folder = workspace[name]
            project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
            declared = project["project"]["version"]
            if Version(declared) != Version(meta["Version"]):
                problems.append(f"{name}: wheel {meta['Version']} but pyproject.toml {declared}")
        for line in meta.get_all("Requires-Dist") or []:
            req = Requirement(line)
            pins = [s for s in req.specifier if s.operator == "=="]
            if canonicalize_name(req.name) in workspace and (
                len(pins) != 1 or Version(pins[0].version) != Version(meta["Version"])
            ):
                problems.append(f"{name}: {line} is not its own version {meta['Version']}")
    for manifest in sorted(p for f in workspace.values() for p in f.glob("server.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        for package in data["packages"]:
            if package["registryType"] != "pypi":
                continue
            offered = canonicalize_name(package["identifier"])
            if offered not in wheels:
                problems.append(f"{data['name']}: {offered} was not built")
                continue
            meta, scripts = wheels[offered]
            if Version(meta["Version"]) != Version(package["version"]):
                problems.append(f"{data['name']}: {offered} {meta['Version']} != manifest's")
            if package["identifier"] not in scripts:
                problems.append(f"{offered}: no console script {package['identifier']} for uvx")
            if f"mcp-name: {data['name']}" not in (meta.get_payload() or ""):
                problems.append(f"{offered}: its description lacks 'mcp-name: {data['name']}'")
    return problems, sorted(wheels)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python .ci/check_dists.py")
    parser.add_argument("dist", type=Path, help="the folder `uv build` wrote")
    parser.add_argument("--version", help="the release's version (the tag without its v)")
    args = parser.parse_args()
    problems, checked = check(args.dist, args.version)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        raise SystemExit(1)
    print(f"{len(checked)} distributions checked: {', '.join(checked)}")


if __name__ == "__main__":
    main()
