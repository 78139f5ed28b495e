"""The difflib matcher search_entities used before rapidfuzz: the baseline of the quality test.

Kept verbatim (only here) so tests/servers/home_assistant/test_search_quality.py can check the
new matcher ranks at least as well on the same data; the server no longer uses it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def match_score(query: str, entity_id: str, name: str | None, extra: str = "") -> float:
    """0 (no match) to 100 (the exact id). Tolerates word order, ``_`` vs space and typos."""
    q = query.strip().casefold()
    if not q:
        return 1.0
    if q == entity_id.casefold():
        return 100.0
    name_cf = (name or "").casefold()
    if q == name_cf:
        return 95.0
    haystack = f"{entity_id} {name or ''} {extra}".casefold()
    if q in haystack or q.replace(" ", "_") in entity_id.casefold():
        return 80.0
    words = _words(haystack)
    wanted = _words(q)
    if not wanted:
        return 0.0
    scores = []
    for w in wanted:
        best = max((SequenceMatcher(None, w, h).ratio() for h in words), default=0.0)
        if any(h.startswith(w) for h in words):
            best = max(best, 0.9)
        scores.append(best)
    worst = min(scores)
    if worst < 0.65:
        return 0.0
    return 40.0 + 30.0 * (sum(scores) / len(scores))
