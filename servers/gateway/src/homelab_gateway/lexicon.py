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
from collections.abc import Callable, Iterable, Sequence
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


# Whether a request asks (a question: read/status tools answer it) or orders (a command: action
# tools do it). Grammar words of English, German, French and Spanish, never requests: a request
# opening with an interrogative or an inverted auxiliary, or ending in "?", asks, unless it
# opens with a polite order ("can you", "please": "can you turn the fan off?" orders).
_ASKING = """is are was were am what whats what's which who whos who's whose whom when where why
    how did does has have had any anything should whether
    ist sind war waren welche welcher welches welchen wer wen wem wann wo woher warum wieso
    weshalb wie hat haben hast gibt läuft laufen brennt
    est-ce qu'est-ce quel quelle quels quelles qui quand où pourquoi comment combien y a-t-il
    qué cuál cuáles quién quiénes cuándo dónde por cómo cuánto cuánta cuántos cuántas está están
    estan esta hay es son"""
ASKING_WORDS = frozenset(_ASKING.split())
_POLITE = re.compile(
    r"^\s*(?:please\s+|pls\s+|bitte\s+|s'il te plaît\s+|por favor\s+)*"
    r"(?:(?:can|could|would|will) you|kannst du|könntest du|peux-tu|pourrais-tu|"
    r"pouvez-vous|puedes|podrías|please|bitte|por favor)\b",
    re.IGNORECASE,
)
# French inversion ("le scrub est-il terminé", "y a-t-il"): a verb joined to a subject pronoun.
_INVERTED = re.compile(r"\w-(?:t-)?(?:il|elle|ils|elles|on|vous|tu)\b", re.IGNORECASE)


def asks(text: str, spell: Callable[[str], str] | None = None) -> bool:
    """True when the request is a question (about a state, a list, the past). ``spell``
    corrects a misspelt opening word ("wich lights are on")."""
    normalized = unicodedata.normalize("NFKC", text).casefold().strip()
    if _POLITE.match(normalized):
        return False
    if normalized.startswith("¿") or normalized.rstrip().endswith("?"):
        return True
    if _INVERTED.search(normalized):
        return True
    first = re.findall(r"[^\W_][\w'-]*", normalized)[:1]
    if not first:
        return False
    return first[0] in ASKING_WORDS or (spell is not None and spell(first[0]) in ASKING_WORDS)


def first_word(text: str) -> str | None:
    """The request's first word after a polite opening ("please", "can you"): the verb of a
    command."""
    normalized = unicodedata.normalize("NFKC", text).casefold()
    normalized = _POLITE.sub("", normalized, count=1)
    found = re.findall(r"[^\W_]{2,}", normalized)
    return found[0] if found else None


# Where a compound request ("is the nas full and is sonarr still downloading") splits into the
# things it asks for: punctuation and coordinating conjunctions in the four languages.
_CLAUSE_BREAK = re.compile(
    r"[,;?!¿]|\b(?:and|or|but|then|also|und|oder|aber|dann|et|ou|mais|puis|y|o|pero|luego)\b",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """The parts of a compound request (the whole request when it has one part)."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(unicodedata.normalize("NFKC", text))]
    return [p for p in parts if p] or [text]


def joined(parts: Sequence[str]) -> str:
    return " ".join(p for p in parts if p)
