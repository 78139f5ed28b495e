"""Words for the tool search: tokens, stems in three languages, a small homelab thesaurus.

Tools are indexed by English Snowball stems ("running", "runs" -> "run"). The servers'
vocabularies (``homelab_shared.spec.Vocabulary``) also hold German and French words, and people
inflect those too ("Festplatten" for "Festplatte"): ``Stems`` maps each indexed word's German and
French stem to its English-stemmed term, so a query word unknown in English is looked up in the
other two languages before it is treated as a typo.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

LANGUAGES = ("german", "french")
MIN_STEMMED = 5
# Words people use for what the tools call otherwise. Each group is one meaning, indexed as its
# first word on both sides (a synonym neither counts twice nor outweighs a plain match). Kept to
# the language of a homelab, general, never per request; per-tool words belong in the servers'
# vocabularies. ("show" is not "series": the verb would match TV shows.)
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("series", "tv"),
    ("movie", "film", "films"),
    ("nas", "truenas"),
    ("kubernetes", "k8s", "k3s", "kubectl"),
    ("space", "capacity", "free", "available"),
    ("delete", "remove", "erase"),
    ("error", "failure", "fail", "problem", "issue"),
    ("restart", "reboot"),
    ("update", "upgrade"),
    ("llm", "model"),
    ("light", "lamp", "bulb"),
    ("room", "area"),
    ("picture", "photo", "image"),
    ("application", "app"),
    ("disk", "drive"),
    ("usage", "consumption"),
)
# Function words, dropped on both sides. Question words stay: "when did", "who is" and "how
# much" point at history, sessions and usage (measured: dropping them lost requests).
_FUNCTION_WORDS = """a an the of to in for and or is are it its my me i this that be
    der die das den dem des ein eine und oder ist sind wird wie le la les un une du de et ou est"""
STOP_WORDS = frozenset(_FUNCTION_WORDS.split())

_STEMMERS = {lang: snowballstemmer.stemmer(lang) for lang in ("english", *LANGUAGES)}


def words(text: str) -> list[str]:
    """Lower-cased words of two or more letters or digits, stop words dropped."""
    normalized = unicodedata.normalize("NFKC", text).casefold()
    return [w for w in re.findall(r"[^\W_]{2,}", normalized) if w not in STOP_WORDS]


@lru_cache(maxsize=16384)
def stem(word: str, language: str = "english") -> str:
    return str(_STEMMERS[language].stemWord(word))


def _synonyms() -> dict[str, str]:
    return {stem(w): stem(group[0]) for group in SYNONYMS for w in group}


_SYNONYMS = _synonyms()


def term(word: str) -> str:
    """The indexed term of a word: its English stem, or its synonym group's."""
    s = stem(word)
    return _SYNONYMS.get(s, s)


def terms(text: str) -> list[str]:
    return [term(w) for w in words(text)]


class Stems:
    """German and French stems of the indexed words -> their indexed term."""

    def __init__(self, indexed: Iterable[str]) -> None:
        self._by_language: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
        for word in set(indexed):
            for lang, found in self._by_language.items():
                found.setdefault(stem(word, lang), term(word))

    def lookup(self, word: str) -> str | None:
        if len(word) < MIN_STEMMED:  # short stems collide across languages ("wats", "water")
            return None
        for lang in LANGUAGES:
            found = self._by_language[lang].get(stem(word, lang))
            if found is not None:
                return found
        return None


def joined(parts: Sequence[str]) -> str:
    return " ".join(p for p in parts if p)
