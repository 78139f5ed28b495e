"""Keep secrets out of logs, errors, audit lines and tool output.

Two mechanisms: every secret value the settings load is registered here and replaced wherever
it appears in text; and argument or header names that look secret are masked by name.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

MASK = "***"
_SECRET_NAME = re.compile(
    r"(pass(word|wd)?|secret|token|api[_-]?key|apikey|authorization|cookie|credential|private|"
    r"(^|_)key$|(^|_)pin$|(^|_)code$)",
    re.IGNORECASE,
)
_lock = threading.Lock()
_values: set[str] = set()
# Longest first (a secret containing another is masked whole); rebuilt on register, so scrub,
# which runs on every log line, neither sorts nor locks.
_ordered: tuple[str, ...] = ()


def register_secret(value: str | None) -> None:
    """Remember a secret value so :func:`scrub` removes it from any text."""
    if value and len(value) >= 4:
        global _ordered
        with _lock:
            _values.add(value)
            _ordered = tuple(sorted(_values, key=len, reverse=True))


def scrub(text: str) -> str:
    """Replace every registered secret value in ``text``."""
    for value in _ordered:
        if value in text:
            text = text.replace(value, MASK)
    return text


def is_secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


def redact(value: Any) -> Any:
    """A copy of ``value`` with registered secrets scrubbed from every string, however deeply
    nested in mappings, lists, tuples and sets, and secret-looking keys masked."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Mapping):
        return redact_mapping(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [redact(v) for v in value]
    return value


def redact_mapping(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with secret-looking keys masked and registered values scrubbed."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        key = scrub(str(key))
        if is_secret_name(key) and value not in (None, ""):
            out[key] = MASK
        else:
            out[key] = redact(value)
    return out
