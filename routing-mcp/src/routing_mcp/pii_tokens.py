"""A statistical reading of single words: could this word be part of a private person's name?

Trained offline by ``tests/routing/pii_tokens_train.py``, on the corpora the whole-text model
learns from, from the PERSON strings they list: a logistic regression over hashed features of a
word and its neighbours (the words, their shapes, whether the name lists know them as given
names, surnames or words, the punctuation around). Shipped as package data
(``data/pii_tokens.bin``, one signed byte per bucket, and ``data/pii_tokens.json``). Nothing is
downloaded; no NumPy.

Measured alone it adds little to the name rules (README, fourteenth round). Its use is as a
gate: in ``balanced`` mode the whole-text model keeps a text local only when the text also holds
a word this model finds name-like (or a health term), so that the tone of an everyday request
("write a friendly note to my neighbours") is not enough.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache

from routing_mcp.pii_context import Packaged, packaged, shape
from routing_mcp.pii_lexicon import _lists, key

WORD = re.compile(r"\w+(?:['’]\w+)*")
_NOT_WORD_OR_SPACE = re.compile(r"[\w\s]")
Token = tuple[str, int, int]  # the word, its start, its end


def tokens(text: str) -> list[Token]:
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def candidate(word: str) -> bool:
    """Words the model reads: two characters or more, a letter among them."""
    return len(word) >= 2 and not word.isdigit() and any(c.isalpha() for c in word)


def _lexical(word: str) -> str:
    """What the name lists say of ``word``: G given name, S surname, E word; ``-`` none."""
    lists = _lists()
    k = key(word)
    out = "G" if k in lists["given_names"] else ""
    out += "S" if k in lists["surnames"] else ""
    out += "E" if k in lists["english_words"] or k in lists["common_words"] else ""
    return out or "-"


class _Words:
    """The words of one text, each described once (lower case, shape, lists)."""

    def __init__(self, found: list[Token]) -> None:
        self.found = found
        self._seen: dict[int, tuple[str, str, str]] = {}

    def __getitem__(self, i: int) -> tuple[str, str, str]:
        if i < 0:
            return ("<s>", "<s>", "<s>")
        if i >= len(self.found):
            return ("</s>", "</s>", "</s>")
        if i not in self._seen:
            word = self.found[i][0]
            self._seen[i] = (word.lower(), shape(word), _lexical(word))
        return self._seen[i]


def features(text: str, words: _Words, i: int, bits: int) -> list[int]:
    """The feature buckets of the ``i``-th word of ``text``."""
    word, start, end = words.found[i]
    w0, s0, l0 = words[i]
    w1, s1, l1 = words[i - 1]
    w2 = words[i - 2][0]
    n1, ns1, nl1 = words[i + 1]
    n2 = words[i + 2][0]
    before, after = text[max(0, start - 3) : start], text[end : end + 2]
    mark_before = _NOT_WORD_OR_SPACE.sub("", before)[-1:] or ("NL" if "\n" in before else "_")
    mark_after = _NOT_WORD_OR_SPACE.sub("", after)[:1] or "_"
    names = [
        "w:" + w0,
        "s:" + s0,
        "l:" + l0,
        "p3:" + w0[:3],
        "x3:" + w0[-3:],
        "x2:" + w0[-2:],
        "sl:" + s0 + l0,
        "w-1:" + w1,
        "w-2:" + w2,
        "w+1:" + n1,
        "w+2:" + n2,
        "w-1s0:" + w1 + "|" + s0,
        "w-1l0:" + w1 + "|" + l0,
        "s0w+1:" + s0 + "|" + n1,
        "s-1:" + s1 + "|" + s0,
        "s+1:" + s0 + "|" + ns1,
        "l-1:" + l1 + "|" + l0,
        "l+1:" + l0 + "|" + nl1,
        "w-2w-1:" + w2 + " " + w1,
        "w+1w+2:" + n1 + " " + n2,
        "pb:" + mark_before + "|" + s0,
        "pa:" + mark_after + "|" + s0,
        "u:" + ("U" if "_" in word else "") + ("D" if before[-1:] == "." else ""),
        "bias",
    ]
    mask = (1 << bits) - 1
    return [zlib.crc32(name.encode()) & mask for name in names]


def labelled(text: str, people: list[str], bits: int) -> list[tuple[list[int], int]]:
    """Training rows of ``text``: each candidate word's buckets, 1 if it lies in one of the
    ``people`` strings (every occurrence)."""
    person = bytearray(len(text) + 1)
    for value in people:
        at = text.find(value)
        while at != -1:
            person[at : at + len(value)] = b"\x01" * len(value)
            at = text.find(value, at + 1)
    words = _Words(tokens(text))
    return [
        (features(text, words, i, bits), int(any(person[start:end])))
        for i, (word, start, end) in enumerate(words.found)
        if candidate(word)
    ]


@dataclass(frozen=True)
class NameWordModel(Packaged):
    gate: float  # a word above it is name-like enough to let the whole-text model keep a text

    def probability(self, buckets: list[int]) -> float:
        return self.sigmoid(buckets)

    def any_name_like(self, text: str) -> bool:
        """Whether a word of ``text`` reads as part of a person's name (above ``gate``); stops
        at the first."""
        words = _Words(tokens(text))
        return any(
            candidate(word) and self.probability(features(text, words, i, self.bits)) > self.gate
            for i, (word, _, _) in enumerate(words.found)
        )


@cache
def shipped() -> NameWordModel:
    """The model in the package data (built once per process)."""
    weights, meta = packaged("pii_tokens")
    return NameWordModel(weights, meta["scale"], meta["bias"], meta["bits"], meta["gate"])
