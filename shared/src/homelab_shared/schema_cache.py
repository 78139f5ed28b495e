"""Tool schemas computed once per version of the code, as Python caches bytecode.

Registering a tool, FastMCP (4.2) builds a pydantic validator from the function's signature and
derives the tool's input and output JSON schemas from it: about 6 ms a tool, most of a server's
start beyond importing FastMCP (Home Assistant has 77 tools, the gateway 194). The schemas depend
only on the code, so the first start writes them to ``<state_dir>/tool-schemas/`` and later
starts register each tool with its stored schemas; the validator is built on the tool's first
call (FastMCP builds it lazily anyway, and the start-up warm-up builds them after the first
``tools/list``). A tool registered this way is the one FastMCP would build
(``tests/shared/test_schema_cache.py`` compares the full ``tools/list`` of every server, with
the cache and without it).

A cache file is named by a fingerprint of everything the schemas come from: the Python version,
the versions of FastMCP, pydantic and pydantic-core, and the source of the server's package and
of ``homelab_shared``. Changed code reads another file (a miss: the tools are built as FastMCP
builds them, and the new file replaces the old). ``HOMELAB_SCHEMA_CACHE=false`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, get_type_hints

import fastmcp
import pydantic
import pydantic_core
from fastmcp.tools.function_tool import FunctionTool

from homelab_shared.compact import InlinedRefs, inline_refs

log = logging.getLogger("homelab.schemas")


@dataclass(frozen=True)
class Stored:
    """What FastMCP derived from a tool's function: its schemas and description, whether it
    takes injected parameters (``Context``) that FastMCP rewrites into dependencies, and the
    schemas with their ``$ref``s inlined as tools/list sends them (None: no ``$ref``)."""

    input: dict[str, Any]
    output: dict[str, Any] | None
    description: str | None
    injected: bool
    inlined_input: dict[str, Any] | None = None
    inlined_output: dict[str, Any] | None = None

    @classmethod
    def of(cls, tool: FunctionTool, signature: inspect.Signature) -> Stored:
        """From a tool FastMCP built; ``signature``: its function's before FastMCP saw it."""
        injected = inspect.signature(tool.fn) != signature
        params, output = tool.parameters, tool.output_schema
        inlined_input = inline_refs(params)
        inlined_output = inline_refs(output) if output is not None else None
        return cls(
            params,
            output,
            tool.description,
            injected,
            inlined_input if inlined_input is not params else None,
            inlined_output if inlined_output is not output else None,
        )

    def seed(self, listed: InlinedRefs, tool: FunctionTool) -> None:
        """Tell ``listed`` what inlining the tool's schemas gives (they are these dicts)."""
        listed.seed(tool.parameters, self.inlined_input or tool.parameters)
        if tool.output_schema is not None:
            listed.seed(tool.output_schema, self.inlined_output or tool.output_schema)

    @classmethod
    def load(cls, entry: Any) -> Stored | None:
        if not isinstance(entry, dict):
            return None
        input_, output = entry.get("input"), entry.get("output")
        description, injected = entry.get("description"), entry.get("injected")
        if not isinstance(input_, dict) or not isinstance(output, dict | None):
            return None
        if not isinstance(description, str | None) or not isinstance(injected, bool):
            return None
        inlined = entry.get("inlined_input"), entry.get("inlined_output")
        if not all(isinstance(schema, dict | None) for schema in inlined):
            return None
        return cls(input_, output, description, injected, *inlined)


def _package_sources(package: str) -> list[Path]:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    roots = [Path(p) for p in spec.submodule_search_locations]
    return sorted(p for root in roots for p in root.rglob("*.py"))


def fingerprint(package: str) -> str:
    """What the schemas of ``package``'s tools are made from, hashed."""
    digest = hashlib.blake2b(digest_size=12)
    versions = (sys.version, fastmcp.__version__, pydantic.VERSION, pydantic_core.__version__)
    digest.update(repr(versions).encode())
    for name in sorted({package, "homelab_shared"}):
        for path in _package_sources(name):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class SchemaCache:
    """The stored schemas of one package's tools; :meth:`save` writes what was added."""

    def __init__(self, package: str, state_dir: Path, enabled: bool = True) -> None:
        self.package = package
        self.directory = state_dir / "tool-schemas"
        self.path: Path | None = None
        self.entries: dict[str, Stored] = {}
        self.added = False
        if not enabled:
            return
        try:
            self.path = self.directory / f"{package}-{fingerprint(package)}.json"
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no file yet (or unreadable): built as FastMCP builds them, then saved
        if isinstance(loaded, dict):
            for tool, entry in loaded.items():
                if (stored := Stored.load(entry)) is not None:
                    self.entries[tool] = stored

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get(self, tool: str) -> Stored | None:
        return self.entries.get(tool)

    def put(self, tool: str, stored: Stored) -> None:
        if self.path is not None:
            self.entries[tool] = stored
            self.added = True

    def save(self) -> None:
        """Write the file if a tool was added (atomically), and drop older versions' files."""
        if self.path is None or not self.added:
            return
        entries = {tool: asdict(stored) for tool, stored in self.entries.items()}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            part = self.path.with_suffix(f".{os.getpid()}.part")
            part.write_text(json.dumps(entries, separators=(",", ":")), encoding="utf-8")
            part.replace(self.path)
            for old in self.directory.glob(f"{self.package}-*.json"):
                if old != self.path:
                    with contextlib.suppress(OSError):
                        old.unlink()
            self.added = False
        except OSError as err:  # a read-only state dir: every start builds them
            log.debug("tool schema cache not written: %s", type(err).__name__)


def _no_arguments() -> None:
    pass


@cache
def _template() -> FunctionTool:
    """A tool as FastMCP's decorator makes it (``task=False``), of a function without
    arguments: every field that is not the function's comes from FastMCP itself."""
    return FunctionTool.from_function(_no_arguments, task=False)


def cached_tool(
    fn: Callable[..., Any], stored: Stored, *, name: str, **metadata: Any
) -> FunctionTool:
    """The ``FunctionTool`` that ``FunctionTool.from_function(fn, name=..., task=False,
    **metadata)`` makes, with what it would derive from ``fn`` taken from ``stored``: ``fn`` as
    FastMCP's parsing leaves it (``Context`` parameters made dependencies) and its return
    type are the only things still read from the function."""
    if stored.injected:
        from fastmcp.server.dependencies import transform_context_annotations

        fn = transform_context_annotations(fn)
    update = {
        "fn": fn,
        "name": name,
        "description": stored.description,
        "parameters": stored.input,
        "output_schema": stored.output,
        "return_type": _return_type(fn),
        **metadata,
    }
    return _template().model_copy(update=update)


def _return_type(fn: Callable[..., Any]) -> Any:
    """The return annotation, resolved as FastMCP's parsing resolves it."""
    returns = inspect.signature(fn).return_annotation
    if isinstance(returns, str):
        with contextlib.suppress(Exception):  # FastMCP keeps the string when it cannot resolve
            returns = get_type_hints(fn, include_extras=True).get("return", returns)
    return returns
