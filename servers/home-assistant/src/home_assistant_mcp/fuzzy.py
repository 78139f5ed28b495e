"""Typo-tolerant name matching on rapidfuzz, through an index built once per set of names.

Scores run from 0 (no match) to 100 (the exact id): 95 for the exact name, 80 when the query
is a substring of the id, name or extra text (area, device), and 40-70 for a fuzzy match,
where every query word must be close to some word of the entity (word order, ``_`` vs space,
a missing, extra, wrong or swapped letter, a word cut short, or words run together).

Fuzzy word similarity is computed once per *distinct* word of all entities (a homelab of 5,000
entities has a few thousand distinct words), in C, then spread to entities through an
inverted index, so a search costs far less than comparing the query with every entity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")
CUTOFF = 0.65  # a query word less similar than this to every word of an entity rules it out
PREFIX = 0.9  # a query word that starts a word of the entity ("perg" for pergola)
MIN_PREFIX = 3  # shorter starts ("li") match too much to mean anything

Doc = tuple[str, str | None, str]  # entity id, friendly name, extra words (area, device...)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


@cache
def _rapidfuzz() -> tuple[Callable[..., Any], Callable[..., float], Callable[..., float]]:
    """(extract, Indel ratio, OSA similarity): rapidfuzz (47 modules) is imported by the first
    fuzzy search, not at start-up."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    return process.extract, fuzz.ratio, OSA.normalized_similarity


class FuzzyIndex:
    """The words of a fixed list of entities; ``scores(query)`` ranks them."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.docs = docs
        self._ids = [d[0].casefold() for d in docs]
        self._names = [(d[1] or "").casefold() for d in docs]
        self._hay = [
            f"{i} {n} {d[2].casefold()}"
            for i, n, d in zip(self._ids, self._names, docs, strict=True)
        ]
        # Runs of words joined without separators, for "bedlight" or "garagedoor".
        self._compact = ["".join(words(h)) for h in self._hay]
        vocab: dict[str, int] = {}
        self._doc_words: list[tuple[int, ...]] = []
        postings: list[list[int]] = []
        for n, hay in enumerate(self._hay):
            ids = []
            for w in dict.fromkeys(words(hay)):
                wid = vocab.setdefault(w, len(vocab))
                if wid == len(postings):
                    postings.append([])
                postings[wid].append(n)
                ids.append(wid)
            self._doc_words.append(tuple(ids))
        self._vocab = list(vocab)
        self._postings = postings
        self._sorted = sorted((w, i) for i, w in enumerate(self._vocab))

    def __len__(self) -> int:
        return len(self.docs)

    def _cover(self, n: int, wanted: int) -> float:
        """How much of entity ``n`` the query's words cover (0-1). A small share of the score,
        it breaks ties in favour of the entity the words name over one that merely has them."""
        own = len(self._doc_words[n])
        return min(1.0, max(wanted, 1) / max(own, 1))

    def _word_scores(self, word: str) -> dict[int, float]:
        """Similarity of ``word`` to every vocabulary word at or above the cutoff."""
        # Two C scorers: Indel (letters missing or extra) and OSA (wrong or swapped letters).
        extract, indel, osa = _rapidfuzz()
        found = {
            wid: score / 100
            for _, score, wid in extract(
                word, self._vocab, scorer=indel, limit=None, score_cutoff=CUTOFF * 100
            )
        }
        for _, score, wid in extract(
            word, self._vocab, scorer=osa, limit=None, score_cutoff=CUTOFF
        ):
            if score > found.get(wid, 0.0):
                found[wid] = score
        if len(word) >= MIN_PREFIX:
            start = bisect.bisect_left(self._sorted, (word, -1))
            for other, wid in self._sorted[start:]:
                if not other.startswith(word):
                    break
                found[wid] = max(found.get(wid, 0.0), PREFIX)
        return found

    def scores(self, query: str) -> dict[int, float]:
        """``{doc index: score}`` for every entity that matches ``query`` at all."""
        q = query.strip().casefold()
        if not q:
            return dict.fromkeys(range(len(self.docs)), 1.0)
        result: dict[int, float] = {}
        underscored = q.replace(" ", "_")
        compact = "".join(words(q))
        for n, hay in enumerate(self._hay):
            if q == self._ids[n]:
                result[n] = 100.0
            elif q == self._names[n]:
                result[n] = 95.0
            elif (
                q in hay
                or underscored in self._ids[n]
                or (len(compact) > 5 and compact in self._compact[n])
            ):
                result[n] = 78.0 + 2.0 * self._cover(n, len(words(q)))
        wanted = words(q)
        if not wanted:
            return result
        per_word = [self._word_scores(w) for w in wanted]
        # Candidates: entities with a close word for every query word (the rarest first).
        per_word.sort(key=len)
        candidates: set[int] | None = None
        for sims in per_word:
            docs = {d for wid in sims for d in self._postings[wid]}
            candidates = docs if candidates is None else candidates & docs
            if not candidates:
                return result
        for n in candidates or ():
            if n in result:
                continue
            own = self._doc_words[n]
            best = [max(sims.get(wid, 0.0) for wid in own) for sims in per_word]
            result[n] = 40.0 + 28.0 * (sum(best) / len(best)) + 2.0 * self._cover(n, len(wanted))
        return result


def match_score(query: str, entity_id: str, name: str | None, extra: str = "") -> float:
    """The score of one entity (for short lists; search many through one FuzzyIndex)."""
    return FuzzyIndex([(entity_id, name, extra)]).scores(query).get(0, 0.0)
