"""What a word is, for the name rules: a given name, a surname, an ordinary word, a place.

The lists are package data built by ``routing-mcp/tools/build_name_lists.py`` (see data/NAMES.md):
gazetteers of given names and surnames, names that are also words, places that contain a name,
products that are names, and the English words that are no name.
"""

from __future__ import annotations

import gzip
import itertools
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from routing_mcp import pii_name_cues as cues

_MEMO_SIZE = 50_000
# A Scottish or Irish surname by its prefix: "Mc" or "Mac" and a capitalised rest.
GAELIC_SURNAME = re.compile(r"(?:Mc|Mac)(?=[A-Z][a-z]{2,}$)")


def key(word: str) -> str:
    return word.casefold().replace("\u2019", "'").replace("'", "")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class Words:
    """A large word list held as the sorted hashes of its words: membership in a microsecond,
    8 bytes a word (a frozenset of the same strings takes about 15 times that; the name and
    word lists are ~170,000 words). Hashes are this process's own, computed when the list is
    loaded; two words of a list colliding on 64 bits is not a practical concern."""

    __slots__ = ("_hashes",)

    def __init__(self, words: Iterable[str]) -> None:
        hashes = sorted({hash(w) for w in words})
        self._hashes = array("q", hashes)

    @classmethod
    def of_hashes(cls, hashes: Iterable[int]) -> Words:
        """From the hashes of the words, taken as the words were read (none kept at once)."""
        words = cls(())
        words._hashes = array("q", sorted(set(hashes)))
        return words

    def __contains__(self, word: object) -> bool:
        h = hash(word)
        i = bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h


class Either:
    """Membership in any of several word lists."""

    __slots__ = ("_lists",)

    def __init__(self, *lists: Container[str]) -> None:
        self._lists: tuple[Container[Any], ...] = lists

    def __contains__(self, word: object) -> bool:
        return any(word in words for words in self._lists)


def _entries(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        word = line.strip()
        if word and not word.startswith("#"):
            yield word


def read_list(name: str) -> Iterator[str]:
    """The entries of ``data/<name>.txt``: one a line, blank lines and ``#`` comments left out."""
    with (files("routing_mcp") / "data" / f"{name}.txt").open(encoding="utf-8") as lines:
        yield from _entries(lines)


# The large lists are read line by line into hashes (never held as strings); small ones: sets.
_SMALL = ("name_words", "german_words", "name_places", "not_names", "common_words")


@cache
def _lists() -> dict[str, Container[str]]:
    out: dict[str, Container[str]] = {}
    for name in _SMALL:  # (hashes too: ~13,000 words, 8 bytes each; round 26)
        out[name] = Words(read_list(name))
    given = (
        "given_names",
        "given_names_more",
        "given_names_world",
        "given_names_south_asia",
        "given_names_extra",
        "given_names_world2",
        "given_names_world3",
    )
    out["given_names"] = Words(itertools.chain.from_iterable(read_list(n) for n in given))
    out["surnames"] = Words(read_list("surnames"))
    english = files("routing_mcp") / "data" / "english_words.txt.gz"
    with english.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        out["english_words"] = Words(w for line in lines for w in line.split())
    return out


def only_a_given_name(word: str) -> bool:
    """A given name that is no word of any list ("Alois", not "Long", "Winter", "Sommer"):
    for the health lexicon's eponyms."""
    lists, k = _lists(), key(word)
    return k in lists["given_names"] and not any(
        k in lists[other]
        for other in ("english_words", "name_words", "german_words", "common_words")
    )


def a_given_name(word: str) -> bool:
    """A given name of the lists, also a word or not ("Grace", "Alois")."""
    return key(word) in _lists()["given_names"]


def a_plain_word(word: str) -> bool:
    """A word of the word lists that no name list holds ("Was", "Hatte", not "Khan", "Ali"):
    a capitalised word beside a public name that is no part of it (pii_known.public_spans)."""
    lists, k = _lists(), key(word)
    return any(k in lists[w] for w in ("english_words", "german_words", "common_words")) and not (
        k in lists["given_names"] or k in lists["surnames"]
    )


def english_words() -> Container[str]:
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


# A long German compound ending in a noun of law, money, time or paperwork, or an abstract
# noun's suffix: a capitalised word, never a surname the lists miss ("Widerrufsrecht",
# "Nebenkostenabrechnung", "Krankenversicherung").
_NOUN_ENDING = re.compile(
    r"(?:ung|heit|keit|schaft|recht|nis|tät|ierung|nummer|vertrag|zeit|stelle|gebühr|kosten|"
    r"pflicht|antrag|bescheid|amt|geld|steuer|karte)$"
)
# ö and ü spelled out after a consonant: "Bjoern", "Juergen", "Schroeder" (not "ae": "paella")
_UMLAUT_SPELLED = re.compile(r"(?<=[b-df-hj-np-tv-z])([ou])e")


def _in(word: str, names: Container[str]) -> bool:
    """A name of the lists, also without its accents ("Zoe" for Zoë) or with its umlauts spelled
    out as German writes them where they cannot be typed (log-ins, e-mail: "bjoern.hansen")."""
    k = key(word)
    if k in names or fold(k) in names:
        return True
    if len(k) < 5:
        return False  # "Tue", "Neue": words, not spelled-out names
    spelled = _UMLAUT_SPELLED.sub(r"\1", k)
    return spelled != k and spelled in names


def _parts_in(word: str, names: Container[str], every: bool) -> bool:
    parts = [p for p in word.split("-") if p]
    found = [_in(p, names) for p in parts]
    return all(found) if every else any(found)


class Lexicon:
    def __init__(self) -> None:
        lists = _lists()
        self.given, self.surnames = lists["given_names"], lists["surnames"]
        self.names = Either(self.given, self.surnames)
        self._memo: dict[tuple[str, str], bool] = {}
        self.german = lists["german_words"]
        self.words, self.places, self.tech = (
            Either(lists["name_words"], self.german),
            lists["name_places"],
            lists["not_names"],
        )
        self.months = cues.MONTHS
        self.english = lists["english_words"]  # ordinary words that are not names
        # frequent words of the other five languages: words when written in lower case
        self.common = lists["common_words"]

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

    def is_plain_word(self, t: Token) -> bool:
        """A word as an identifier's part is one: the frequent German words aside, which are words
        where German capitalises nouns (prose), not in "mkoch" or "sensor.tage_bis_abfuhr"."""
        return self.is_word(t) and key(t.text) not in self.german

    def _is_given(self, t: Token) -> bool:
        if "-" not in t.text:
            return _in(t.text, self.given) or self._diminutive(t.text)
        parts = [Token(p, t.start, t.end) for p in t.text.split("-") if p]
        # Jean-Luc, Emily-Rose: every part a given name, and not all of them words (Man-Month)
        return _in(t.text, self.given) or (
            all(_in(p.text, self.given) for p in parts) and not all(self.is_word(p) for p in parts)
        )

    def _diminutive(self, word: str) -> bool:
        """An English pet form of a given name the lists hold, made with "-ie" (round 28:
        "Dougie" of Doug, "Robbie" of Rob with its consonant doubled); not a word ("Cookie")
        and, on a stem of three letters, only with the doubling ("Linie" is no "Lin")."""
        k = key(word)
        if len(k) < 5 or not k.endswith("ie") or k in self.english or k in self.words:
            return False
        stem = k[:-2]
        if len(stem) >= 4 and stem[-1] == stem[-2] and _in(stem[:-1], self.given):
            return True
        # (a consonant before "-ie", not the l, n, r of French and German nouns: "Familie",
        # "mairie", "colonie", "essaie")
        return len(stem) >= 4 and stem[-1] not in "aeiouylnr" and _in(stem, self.given)

    def _is_surname(self, t: Token) -> bool:
        mac = GAELIC_SURNAME.match(t.text)
        if mac is not None:  # "McTavish", "MacLeod"; not "MacBook" (round 28)
            rest = Token(t.text[mac.end() :], t.start + mac.end(), t.end)
            if not self.is_word(rest):
                return True
        return (
            _in(t.text, self.surnames)
            or (
                # Picard-Dubois; not "Multi-tenant", "Man-Month"
                "-" in t.text
                and _parts_in(t.text, self.names, True)
                and not all(key(p) in self.english for p in t.text.split("-") if p)
            )
            or self._feminine_surname(key(t.text))
        )

    def _feminine_surname(self, k: str) -> bool:
        """A Slavic surname in its feminine form, the lists holding the masculine one (round 91:
        "Lewandowska" of Lewandowski, "Nováková" of Novák, "Ivanova" of Ivanov)."""
        if k.endswith(("ska", "cka")) and len(k) >= 7:
            return k[:-1] + "i" in self.surnames
        if k.endswith("ová") and len(k) >= 7:
            return k[:-3] in self.surnames or k[:-3] + "a" in self.surnames
        if k.endswith(("ova", "eva")) and len(k) >= 7:
            return k[:-1] in self.surnames
        return False

    def _is_word(self, t: Token) -> bool:
        """An ordinary word, a month, a place, a product or an acronym as well as a name."""
        k = key(t.text)
        return (
            k in self.words
            or k in self.english
            or k in self.months  # "Jan: rent 1150", "Thu 14:00"
            or (t.text.islower() and k in self.common)  # "al día como máximo", "mir helfen"
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
            or (len(k) >= 10 and _NOUN_ENDING.search(k) is not None and k not in self.surnames)
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
            # (a surname with its apostrophe, "D'Amico", but not a pronoun and a verb that spell
            # one: "m'ont" is no "Mont")
            if (
                elided
                and (not _in(word, self.surnames) or word[elided.end() :] in self.common)
                and len(word) > elided.end()
            ):
                start += elided.end()  # French elision: d'Antoine -> Antoine
                word = word[elided.end() :]
            out.append(Token(word, start, end))
        return out
