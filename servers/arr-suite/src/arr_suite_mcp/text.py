"""Untrusted text (release names, indexer messages, overviews) made safe to hand to a model.

Strangers write these strings. Control characters, bidi overrides, zero-width and tag characters
(Unicode categories Cc, Cf, Co, Cs, Zl, Zp) can hide or reorder text a person reviewing the output
would not see, so they are removed; whitespace runs collapse to one space; the length is capped.
The result only ever goes into a data field of a model, never into an instruction or a preview
sentence without quotes.
"""

from __future__ import annotations

import re
import unicodedata

_HIDDEN = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Cn"})
_SPACES = re.compile(r"\s+")
# Terminal escape sequences (colour, cursor moves, OSC titles and links): the ESC alone would go
# with the control characters, but their visible tail ("[31m") would stay.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
NAME_CAP = 200
MESSAGE_CAP = 300
OVERVIEW_CAP = 600


def clean(value: object, cap: int = NAME_CAP) -> str | None:
    """Visible characters only, single-spaced, at most ``cap`` characters (``…`` marks a cut)."""
    if value is None:
        return None
    text = _ESCAPES.sub("", str(value))
    text = "".join(
        " " if unicodedata.category(ch) in _HIDDEN else ch
        for ch in unicodedata.normalize("NFC", text)
    )
    text = _SPACES.sub(" ", text).strip()
    if len(text) > cap:
        text = text[: cap - 1].rstrip() + "…"
    return text


def clean_list(values: object, cap: int = MESSAGE_CAP, most: int = 10) -> list[str]:
    if not isinstance(values, list):
        return []
    cleaned = (clean(v, cap) for v in values[:most])
    return [v for v in cleaned if v]
