"""Partial edits of a stored configuration, and the hash that guards against lost updates.

An edit names paths in the config (``triggers[0]``, ``actions[1].data.brightness``, ``alias``) and
the value each gets (``None``: remove it), so that changing one trigger does not need the whole
automation resent (and cannot silently drop what the caller did not resend). The hash is taken
of the stored config as read; a save carrying an older hash is refused, so an edit made in the UI
meanwhile is not overwritten.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastmcp.exceptions import ToolError

from homelab_shared.confirm import canonical


@dataclass
class Stored:
    """One stored configuration item: its kind, id, entity (once loaded) and config."""

    kind: str
    id: str
    entity_id: str | None
    config: dict[str, Any]


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_PATH = re.compile(r"^(?:[^.\[\]]+|\[\d+\])(?:\.[^.\[\]]+|\[\d+\])*$")


def config_hash(config: Mapping[str, Any]) -> str:
    """A short digest of a config as stored (key order does not matter)."""
    return hashlib.sha256(canonical(config).encode()).hexdigest()[:16]


def parse_path(path: str) -> list[str | int]:
    """``actions[1].data.brightness`` -> ``["actions", 1, "data", "brightness"]``."""
    if not _PATH.fullmatch(path):
        raise ToolError(
            f"{path!r} is not a config path: use keys and [index], e.g. triggers[0] or "
            "actions[1].data.brightness"
        )
    return [key if key else int(index) for key, index in _PART.findall(path)]


def _container(config: Any, parts: Sequence[str | int], path: str, *, create: bool) -> Any:
    """The dict or list holding the last part (intermediate dicts made when ``create``)."""
    node = config
    for i, part in enumerate(parts[:-1]):
        following = parts[i + 1]
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                raise ToolError(f"{path}: no item [{part}] there")
            node = node[part]
            continue
        if not isinstance(node, dict):
            raise ToolError(f"{path}: {part!r} is inside something that is not a mapping")
        if part not in node:
            if not create:
                raise ToolError(f"{path}: there is no {part!r}")
            node[part] = [] if isinstance(following, int) else {}
        node = node[part]
    return node


def _set(config: dict[str, Any], path: str, value: Any) -> None:
    parts = parse_path(path)
    node = _container(config, parts, path, create=True)
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or last > len(node):
            size = len(node) if isinstance(node, list) else 0
            raise ToolError(f"{path}: the list has {size} items; [{size}] appends one")
        if last == len(node):
            node.append(value)
        else:
            node[last] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise ToolError(f"{path}: {last!r} is inside something that is not a mapping")


def _unset(config: dict[str, Any], path: str) -> None:
    parts = parse_path(path)
    node = _container(config, parts, path, create=False)
    last = parts[-1]
    nothing = ToolError(f"{path}: nothing there to remove")
    if isinstance(node, list):
        if not isinstance(last, int) or last >= len(node):
            raise nothing
        del node[last]
    elif isinstance(node, dict) and last in node:
        del node[last]
    else:
        raise nothing


def _index_order(path: str) -> tuple[int, ...]:
    # Remove later list items first so that earlier indices keep meaning what the caller read.
    return tuple(-p if isinstance(p, int) else 0 for p in parse_path(path))


def apply_edits(stored: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``stored`` with each path set to its value; ``None`` removes the path (list
    items are removed after the sets, last first, so indices mean what the caller read)."""
    config = copy.deepcopy(dict(stored))
    removals = [path for path, value in changes.items() if value is None]
    for path, value in changes.items():
        if value is not None:
            _set(config, path, copy.deepcopy(value))
    for path in sorted(removals, key=_index_order):
        _unset(config, path)
    return config


def changed_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Top-level keys that differ (for previews)."""
    keys = dict.fromkeys([*before, *after])
    return [k for k in keys if before.get(k) != after.get(k)]
