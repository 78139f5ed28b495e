"""What a word is, for the name rules: a given name, a surname, an ordinary word, a place.

The lists are package data built by ``routing-mcp/tools/build_name_lists.py`` (see data/NAMES.md):
gazetteers of given names and surnames, names that are also words, places that contain a name,
products that are names, and the English words that are no name.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from routing_mcp import pii_name_cues as cues

_MEMO_SIZE = 50_000


def key(word: str) -> str:
    return word.casefold().replace("\u2019", "'").replace("'", "")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def _lists() -> dict[str, frozenset[str]]:
    data = files("routing_mcp") / "data"
    out = {}
    for name in ("given_names", "surnames", "name_words", "name_places", "not_names"):
        lines = (data / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        out[name] = frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    more = (data / "given_names_more.txt").read_text(encoding="utf-8").splitlines()
    out["given_names"] |= frozenset(n.strip() for n in more if n.strip() and n[0] != "#")
    english = gzip.decompress((data / "english_words.txt.gz").read_bytes()).decode("utf-8")
    out["english_words"] = frozenset(english.split())
    return out


def english_words() -> frozenset[str]:
    """Lower-case English words that are no name (shared with the health lexicon)."""
    return _lists()["english_words"]


@dataclass
class Token:
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        """Capitalised, also after an elision kept in the word ("d'Arcy", "N'Diaye")."""
        return self.text[:1].isupper() or (
            len(self.text) > 2 and self.text[1] in "'\u2019" and self.text[2].isupper()
        )


def _in(word: str, names: frozenset[str]) -> bool:
    k = key(word)
    return k in names or fold(k) in names


def _parts_in(word: str, names: frozenset[str], every: bool) -> bool:
    parts = [p for p in word.split("-") if p]
    found = [_in(p, names) for p in parts]
    return all(found) if every else any(found)


class Lexicon:
    def __init__(self) -> None:
        lists = _lists()
        self.given, self.surnames = lists["given_names"], lists["surnames"]
        self.names = self.given | self.surnames
        self._memo: dict[tuple[str, str], bool] = {}
        self.words, self.places, self.tech = (
            lists["name_words"],
            lists["name_places"],
            lists["not_names"],
        )
        self.months = cues.MONTHS
        self.english = lists["english_words"]  # ordinary words that are not names

    # --- what a token is -------------------------------------------------------------------

    # What a word is depends on its text alone: the answers are kept (a pasted log repeats the
    # same few hundred words thousands of times), up to a bound.
    def _cached(self, kind: str, t: Token, test: Callable[[Token], bool]) -> bool:
        found = self._memo.get((kind, t.text))
        if found is None:
            if len(self._memo) > _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[(kind, t.text)] = test(t)
        return found

    def is_given(self, t: Token) -> bool:
        return self._cached("given", t, self._is_given)

    def is_surname(self, t: Token) -> bool:
        return self._cached("surname", t, self._is_surname)

    def is_word(self, t: Token) -> bool:
        return self._cached("word", t, self._is_word)

    def _is_given(self, t: Token) -> bool:
        if "-" not in t.text:
            return _in(t.text, self.given)
        parts = [Token(p, t.start, t.end) for p in t.text.split("-") if p]
        # Jean-Luc, Emily-Rose: every part a given name, and not all of them words (Man-Month)
        return _in(t.text, self.given) or (
            all(_in(p.text, self.given) for p in parts) and not all(self.is_word(p) for p in parts)
        )

    def _is_surname(self, t: Token) -> bool:
        return _in(t.text, self.surnames) or (
            # Picard-Dubois; not "Multi-tenant", "Man-Month"
            "-" in t.text
            and _parts_in(t.text, self.names, True)
            and not all(key(p) in self.english for p in t.text.split("-") if p)
        )

    def _is_word(self, t: Token) -> bool:
        """An ordinary word, a month, a place, a product or an acronym as well as a name."""
        k = key(t.text)
        return (
            k in self.words
            or k in self.english
            or k in self.months  # "Jan: rent 1150", "Thu 14:00"
            # "Âge" is the word "age"; "Léa" and "Clément" are names as spelt, not the words
            or (
                (f := fold(k)) != k
                and (f in self.words or f in self.english)
                and k not in self.given
                and k not in self.surnames
            )
            or self.is_place(t)
            or k in self.tech
            or k in cues.STOP
            or len(k) < 3
            or (t.text.isupper() and len(t.text) > 1)
        )

    def is_place(self, t: Token) -> bool:
        """Somewhere one goes "to" or is "in": a city, a country, a month, a weekday."""
        k = key(t.text)
        return k in self.places or (k in self.words and k in self.months)

    # --- finding ---------------------------------------------------------------------------

    def tokens(self, text: str) -> list[Token]:
        out = []
        for m in cues.TOKEN.finditer(text):
            word, start, end = m.group(), m.start(), m.end()
            possessive = cues.POSSESSIVE.search(word)
            if possessive:  # Aisha's -> Aisha
                word, end = word[: possessive.start()], end - 2
            elided = cues.ELISION.match(word)
            if elided and not _in(word, self.surnames) and len(word) > elided.end():
                start += elided.end()  # French elision: d'Antoine -> Antoine
                word = word[elided.end() :]
            out.append(Token(word, start, end))
        return out
