"""Names that are not private people: public figures, fictional characters, brands, places.

"Who was Ada Lovelace?", "why does Don Quijote fight windmills", "a Saunier Duval boiler": the
name rules read a name there, rightly, but it is the topic of a question and no one's personal
data (tests/routing/data/FRESH.md). ``data/known_names.txt``, ``known_names_world.txt``,
``known_names_more.txt``, ``known_names_culture.txt``, ``known_names_world2.txt`` and
``known_names_world3.txt`` list such names (hand-written, see data/NAMES.md); a name found
by the rules is dropped when it is one of them, or a part of one written in full in the same
text ("Holmes" after "Sherlock Holmes"), or holds one ("Saunier Duval Kessel"), unless a
strong person cue stands before it ("my colleague Alan Turing", "Hi Frodo,"): a private person
may share a name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container
from functools import cache

from routing_mcp import pii_name_cues as cues
from routing_mcp.pii_lexicon import Words, a_plain_word, fold, key, only_a_given_name, read_list

_AROUND = 48  # characters each side of a reading where a known name holding it may be written
_CUE_WINDOW = 48  # characters before a name, as the name rules read them


@cache
def _known() -> tuple[Words, Words, int, Words]:
    """The known names (normalised), the first words of those of several words, the most
    words one has, and the last words of those of several words: held as hashes (``Words``),
    8 bytes a name, not as ~15,000 strings."""
    names, firsts, longest, lasts = set(), set(), 1, set()
    for lists in (
        "known_names",
        "known_names_world",
        "known_names_more",
        "known_names_culture",
        "known_names_world2",
        "known_names_world3",
    ):
        for name in read_list(lists):  # (one string at a time: a process keeps its peak)
            words = _norm(name).split(" ")
            names.add(hash(" ".join(words)))
            if len(words) > 1:
                firsts.add(hash(words[0]))
                lasts.add(hash(words[-1]))
                longest = max(longest, len(words))
    return Words.of_hashes(names), Words.of_hashes(firsts), longest, Words.of_hashes(lasts)


def known_names() -> Container[str]:
    return _known()[0]


def is_known_surname(word: str) -> bool:
    """The last word of a public name of the lists ("Kardashian" of "Kim Kardashian"; review
    of round 83: "the Kardashians are everywhere" is a public family)."""
    return _norm(word) in _known()[3]


def is_known(name: str) -> bool:
    """A public name of the lists, as written ("Albert Einstein")."""
    return _norm(name) in known_names()


def _norm(name: str) -> str:
    return " ".join(fold(key(part)) for part in name.replace("’s", "").split())


def _cued(text: str, start: int) -> bool:
    before = text[max(0, start - _CUE_WINDOW) : start]
    return bool(
        cues.RELATION.search(before) or cues.GREETING.search(before) or cues.INTRO.search(before)
    )


def _kin_and_given(name: str) -> bool:
    """A relative's word and a given name that is no word ("Grandpa Joe", "Tante Gerda"): the
    writer's relative, though a book has one too (round 26; "Granny Smith" stays an apple)."""
    words = name.split()
    return (
        len(words) == 2
        and cues.RELATION.search(words[0]) is not None
        and only_a_given_name(words[1])
    )


def not_private(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The indices of ``spans`` that name someone or something public (module doc)."""
    if not spans:
        return set()
    known = known_names()
    names = [_genitive(_norm(text[s:e]), known) for s, e in spans]
    full = {n for n in names if n in known and " " in n} | _written_in(text, spans)
    full = {n for n in full if not _kin_and_given(n)}  # "Grandpa Joe": the writer's
    parts = {p for n in full for p in n.split()}
    public = {
        i
        for i, (name, (start, _)) in enumerate(zip(names, spans, strict=True))
        # (a part of a known name written out needs no cue test: the cue may be the name's
        # own first word, "Granny Smith"; round 23: of several words too, "J. Fox" read in
        # "Michael J. Fox")
        if (name in parts and name not in known)
        or (" " in name and name not in known and any(f" {name} " in f" {n} " for n in full))
        or (
            (name in known or _holds_known(name, known))
            and not _cued(text, start)
            and not _kin_and_given(name)
        )
    }
    return public | _paired(text, spans, public) | _reversed(text, spans, names, known)


def _reversed(
    text: str, spans: list[tuple[int, int]], names: list[str], known: Container[str]
) -> set[int]:
    """A known name written surname first, as lists and records do: "Kasparov, Garry" (round 23)."""
    out: set[int] = set()
    order = sorted(range(len(spans)), key=lambda k: spans[k])
    for i, j in itertools.pairwise(order):
        if text[spans[i][1] : spans[j][0]].strip() == "," and f"{names[j]} {names[i]}" in known:
            out |= {i, j}
    return out


def public_name_before(text: str, at: int, window: int = 100) -> bool:
    """A known public name of two words or more in the same sentence before ``at``: what
    follows is about a public person ("Grace Hopper was born on 9 December 1906")."""
    before = re.split(r"[.!?]\s|\n", text[max(0, at - window) : at])[-1]
    return bool(_written_in(before, [(0, len(before))]))


# Between two names of one comparison or pair: "Ada Lovelace vs Charles Babbage", "Pinocchio o il
# Grillo Parlante", "Max und Moritz".
_PAIRED = re.compile(
    r"^\s*(?:,|/|&|vs\.?|versus|or|and|und|oder|et|ou|y|o|e|en|of)\s*"
    r"(?:(?:the|der|die|das|le|la|el|il|lo|de|het)\s+)?$",
    re.IGNORECASE,
)


def _paired(text: str, spans: list[tuple[int, int]], public: set[int]) -> set[int]:
    """Names paired with a public one, with nothing personal said of them: a topic too."""
    out: set[int] = set()
    for i, (start, end) in enumerate(spans):
        if i in public or _cued(text, start):
            continue
        for j in public:
            other_start, other_end = spans[j]
            gap = text[end:other_start] if end <= other_start else text[other_end:start]
            if len(gap) <= 12 and _PAIRED.match(gap):
                out.add(i)
                break
    return out


def _genitive(name: str, known: Container[str]) -> str:
    """A German or Dutch genitive of a known name: "Goethes Faust", "Angela Merkels Politik"."""
    if name in known:
        return name
    if name.endswith("s") and name[:-1] in known:
        return name[:-1]  # "Angela Merkels"
    first = name.split(" ", 1)[0]
    if " " in name and first.endswith("s") and first[:-1] in known:
        return first[:-1]  # "Goethes Faust": the known name's work
    return name


def _written_in(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """The known names of several words written out around the readings ("Jack and Jill", "the
    Victoria and Albert Museum"): a word of one, read alone, is part of it and not someone."""
    around = " | ".join(text[max(0, s - _AROUND) : e + _AROUND] for s, e in spans)
    words = fold(key(around.replace("’s", ""))).split()  # _norm, in one pass
    known, firsts, longest, _ = _known()
    out = set()
    for i, word in enumerate(words):
        if word not in firsts:
            continue
        for k in range(2, min(longest, len(words) - i) + 1):
            *head, last = words[i : i + k]
            stem = " ".join(head) + " "
            # the last word's start, as written: "adichie" of "adichies", "ahab" of "ahab,"
            out.update(
                stem + last[:cut] for cut in range(len(last), 0, -1) if stem + last[:cut] in known
            )
    return out


def _holds_known(name: str, known: Container[str]) -> bool:
    """A known name of two words or more inside a longer reading ("Saunier Duval Kessel")."""
    words = name.split()
    return any(
        " ".join(words[i:j]) in known
        for i in range(len(words))
        for j in range(i + 2, len(words) + 1)
    )


# Capitalised runs of up to four words, particles between ("Alexander the Great", "Vincent van
# Gogh", "Sophia Loren"): where a public figure may be named in running text.
_CAPITALISED_RUN = re.compile(
    r"[^\W\d_a-zß-öø-ÿ][\w'’.-]+(?:\s+(?:(?:the|der|die|le|la|el|il|van|von|de|da|di|del|du)\s+)?"
    r"[^\W\d_a-zß-öø-ÿ][\w'’.-]+){0,3}"
)


_POSSESSIVE_END = re.compile(r"['’]s?$")


def public_spans(text: str) -> list[tuple[int, int]]:
    """The spans of capitalised runs of two words or more that are a known public name, or one
    with a plain word beside it (round 67: a public figure's health, "Thomas Edison was partly
    deaf"; a question about one, "Che acconciatura aveva Sophia Loren?")."""
    out = []
    for m in _CAPITALISED_RUN.finditer(text):
        # (round 76: up to its possessive, less it: "Is Mariah Carey's bipolar II diagnosis")
        words = []
        for word in m.group().split():
            words.append(_POSSESSIVE_END.sub("", word))
            if words[-1] != word:
                break
        if len(words) == 1:
            # a name of one word may be anyone's ("Isolde", "Moana"), a street's or a place's
            # ("Karl-Marx-Allee")
            continue
        # the run, or the run less a plain word at its start or end ("Was Thomas Edison"; not
        # less a surname: "Yaa Asantewaa Boateng" is someone else)
        if (
            is_known(" ".join(words))
            or (a_plain_word(words[0]) and is_known(" ".join(words[1:])) and len(words) > 2)
            or (a_plain_word(words[-1]) and is_known(" ".join(words[:-1])) and len(words) > 2)
        ):
            out.append(m.span())
    return out


def without_public(text: str) -> str:
    """``text`` with the known public names of :func:`public_spans` blanked out."""
    for start, end in reversed(public_spans(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
