"""The attack-case contract: every installed server (``homelab_mcp.servers`` entry points) has an
adversarial suite here, and every write or destructive tool it registers is attacked by at least
one case of that suite; so is the gateway's generic ``call_tool``.

A server's suite is ``test_<name>_attacks.py`` (``-`` as ``_``) plus every module here that
declares ``SERVER = "<name>"`` (the gateway's is ``test_gateway_attacks.py``). The tools a suite
covers are read from its case lists, whatever their shape: ``cases.AttackCase`` (with its setup
calls), Home Assistant's ``Attack``/``Step`` sequences, ``(label, tool, arguments)`` or
``(tool, arguments)`` tuples and ``{tool: arguments}`` tables. Tools are discovered from the
servers themselves (the safety classes their toolbox registered), so a tool added tomorrow fails
here, by name, until a case attacks it.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bench.tool_catalog import mounted_members
from homelab_gateway.app import Member
from homelab_gateway.toolsearch import CALL_TOOL

HERE = Path(__file__).parent
PACKAGE = "tests.security"


def suite(name: str) -> list[ModuleType]:
    """The modules of ``name``'s suite (imported; a module that cannot be imported fails)."""
    stem = f"test_{name.replace('-', '_')}_attacks"
    declared = re.compile(rf"^SERVER = \"{re.escape(name)}\"", re.MULTILINE)
    paths = [
        p
        for p in sorted(HERE.glob("*.py"))
        if p.stem == stem or declared.search(p.read_text(encoding="utf-8"))
    ]
    return [importlib.import_module(f"{PACKAGE}.{p.stem}") for p in paths]


def tools_in(value: Any, depth: int = 0) -> set[str]:
    """Tool names a case list names (see the module doc for the shapes understood)."""
    if depth > 6 or isinstance(value, str | bytes | type):
        return set()
    found: set[str] = set()
    tool = getattr(value, "tool", None)
    if isinstance(tool, str):
        found.add(tool)
    for attribute in ("steps", "setup"):
        for step in getattr(value, attribute, None) or ():
            found |= tools_in(step, depth + 1)
    if isinstance(value, tuple):
        for before, item in itertools.pairwise(value):
            if isinstance(before, str) and isinstance(item, Mapping):
                found.add(before)
    if isinstance(value, Mapping) and value and all(isinstance(v, Mapping) for v in value.values()):
        found |= {k for k in value if isinstance(k, str)}
    if isinstance(value, list | tuple):
        for item in value:
            found |= tools_in(item, depth + 1)
    return found


def covered(modules: list[ModuleType]) -> set[str]:
    return {t for m in modules for v in vars(m).values() for t in tools_in(v)}


@pytest.fixture(scope="module")
def members(tmp_path_factory: pytest.TempPathFactory) -> list[Member]:
    """Every installed server with dummy settings, writes and destructive tools on."""
    return mounted_members(str(tmp_path_factory.mktemp("contract")))


def test_every_installed_server_is_built(members: list[Member]) -> None:
    unbuilt = {m.spec.name: m.problems for m in members if m.box is None}
    assert not unbuilt, f"could not build (so its tools are unknown): {unbuilt}"
    assert len(members) >= 6


def test_every_server_has_an_attack_suite(members: list[Member]) -> None:
    missing = [m.spec.name for m in members if not suite(m.spec.name)]
    assert not missing, f"no tests/security/test_<name>_attacks.py for {missing}"


def test_every_write_and_destructive_tool_is_attacked(members: list[Member]) -> None:
    gaps: dict[str, list[str]] = {}
    for member in members:
        assert member.box is not None, member.spec.name
        changing = {t for t, cls in member.box.classes.items() if cls != "read"}
        missing = sorted(changing - covered(suite(member.spec.name)))
        if missing:
            gaps[member.spec.name] = missing
    assert not gaps, f"write/destructive tools no attack case names: {gaps}"


def test_the_gateways_call_proxy_is_attacked() -> None:
    assert CALL_TOOL in covered(suite("gateway"))


def test_the_reader_finds_tools_in_every_case_shape() -> None:
    """The contract is only as good as its reader: each shape in use is understood."""
    from tests.security.cases import AttackCase, Call
    from tests.security.home_assistant_cases import Attack, Direct, Step

    shapes = [
        AttackCase("a", "one", {}, setup=(Call("two"),)),
        Attack("b", (Step("three"), Direct({"type": "x"}))),
        ("label", "four", {"x": 1}),
        ("five", {"x": 1}),
        {"six": {}, "seven": {"x": 1}},
    ]
    assert tools_in(shapes) == {"one", "two", "three", "four", "five", "six", "seven"}
    assert tools_in({"FREE_FORM", "path"}) == set()
    assert tools_in(["path", "body"]) == set()
