"""A statistical reading of a whole text: does it carry personal data at all?

The rules (:mod:`routing_mcp.pii`) find spans by their shape and the words around them; measured
on corpora they were not tuned on they miss one personal prompt in twenty (names in phrasing
nobody wrote a cue for) and flag one clean prompt in seven. This model reads the text as a whole
instead: a logistic regression over hashed features (words, word pairs, word shapes after the word
before them, character 3- to 5-grams), trained offline on the hand-written PII corpora by
``tests/routing/pii_context_train.py`` and shipped as package data (``data/pii_context.bin``, one
signed byte per feature bucket, and ``data/pii_context.json``: scale, bias, thresholds and what it
was trained on). Nothing is downloaded; the scan needs no NumPy.

It finds no span, so it cannot redact. The scanner uses it as ``ROUTING_PII_CONTEXT`` says
(:meth:`routing_mcp.pii.PiiScanner.scan`): every mode but ``off`` drops findings read from words
alone (a name, an address...) in a text it reads as clean with high confidence (below
``clean``); ``strict`` also gives a text it reads as personal (above ``personal``) with no
finding that keeps it local a whole-text ``PERSONAL_CONTEXT`` finding, so that it stays local,
and ``balanced`` (the default) does so only if a word of the text reads as part of a name
(:mod:`routing_mcp.pii_tokens`) or names a health condition. Kinds found by their format
(e-mail, card, IBAN, phone, IP, national ids) are never dropped. Measured (README, fourteenth
round): alone, the model reads the tone of everyday requests as personal; the gate keeps most
of the recall it adds and little of that.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from array import array
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

# The longest text the models read: what they were trained on (prompts of the corpora, cut here;
# few are over 2 KB). A longer text (a pasted log, a document) is the rules' alone: read whole, a
# machine log reads as personal throughout, and a name in a long document as clean.
LONGEST = 6000
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_REPEAT = re.compile(r"(.)\1+")


def shape(token: str) -> str:
    """``Müller`` → ``Xxx``: case, letter, digit, runs cut to two."""
    out = "".join(
        "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        for ch in token[:6]
    )
    return _REPEAT.sub(r"\1\1", out)


def features(text: str, bits: int) -> list[int]:
    """The feature buckets of ``text`` (its first :data:`LONGEST` characters), each once."""
    text = text[:LONGEST]
    tokens = _WORD.findall(text)
    lowered = [t.lower() for t in tokens]
    shapes = [shape(t) for t in tokens]
    found: set[str] = set()
    before, shape_before = "^", ""
    for token, form in zip(lowered, shapes, strict=True):
        found.add("w:" + token)
        found.add("s:" + form + ":" + before)
        if before != "^":
            found.add("b:" + before + " " + token)
            found.add("ss:" + shape_before + " " + form)
        before, shape_before = token, form
    padded = " " + _SPACE.sub(" ", text.lower()) + " "
    for n in (3, 4, 5):
        for i in range(len(padded) - n + 1):
            found.add(f"c{n}:" + padded[i : i + n])
    mask = (1 << bits) - 1
    return sorted({zlib.crc32(f.encode()) & mask for f in found})


@dataclass(frozen=True)
class Packaged:
    """A logistic regression over hashed feature buckets, shipped as signed bytes."""

    weights: array  # signed bytes, one per bucket, times scale
    scale: float
    bias: float
    bits: int

    def sigmoid(self, buckets: list[int], norm: float = 1.0) -> float:
        """The probability of the buckets' summed weights, times ``norm``, plus the bias."""
        weights = self.weights
        z = sum(weights[i] for i in buckets) * self.scale * norm + self.bias
        return 1 / (1 + math.exp(-z)) if z > -30 else 0.0


@dataclass(frozen=True)
class ContextModel(Packaged):
    personal: float  # a probability above it: the text is personal
    clean: float  # below it: the text is clean with confidence (drops word-read findings)

    def probability(self, text: str) -> float:
        """How likely ``text`` (its first :data:`LONGEST` characters) carries personal data."""
        buckets = features(text, self.bits)
        return self.sigmoid(buckets, 1 / math.sqrt(len(buckets)) if buckets else 0.0)


def packaged(name: str) -> tuple[array, dict[str, Any]]:
    """The weights (``data/NAME.bin``, signed bytes) and the description (``data/NAME.json``)
    of a model shipped as package data."""
    data = files("routing_mcp") / "data"
    meta = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
    weights = array("b")
    weights.frombytes((data / f"{name}.bin").read_bytes())
    if len(weights) != 1 << meta["bits"]:
        raise ValueError(f"data/{name}.bin does not match data/{name}.json")
    return weights, meta


@cache
def shipped() -> ContextModel:
    """The model in the package data (built once per process)."""
    weights, meta = packaged("pii_context")
    return ContextModel(
        weights,
        meta["scale"],
        meta["bias"],
        meta["bits"],
        meta["thresholds"]["personal"],
        meta["thresholds"]["clean"],
    )
