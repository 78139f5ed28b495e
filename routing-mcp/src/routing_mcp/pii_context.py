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
(:meth:`routing_mcp.pii.PiiScanner.scan`): ``filter`` (default) drops findings read from words
alone (a name, an address...) in a text it reads as clean with high confidence (below
``clean``); ``strict`` also gives a text it reads as personal (above ``personal``) with no
finding that keeps it local a whole-text ``PERSONAL_CONTEXT`` finding, so that it stays local.
Kinds found by their format (e-mail, card, IBAN, phone, IP, national ids) are never dropped.
Measured (README, fourteenth round): ``filter`` removes false positives without losing recall on
unseen corpora; ``strict`` adds recall but reads the tone of everyday requests as personal.
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

# A text is read in chunks of this many characters (the model was trained on texts cut there);
# a longer text is personal when any of its chunks is, and clean when every chunk is.
CHUNK = 6000
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
    """The feature buckets of ``text`` (its first :data:`CHUNK` characters), each once."""
    text = text[:CHUNK]
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


def chunks(text: str) -> list[str]:
    """``text`` cut into pieces of at most :data:`CHUNK` characters, at a space where one is
    near the cut, so that a name is not split in two."""
    out, start = [], 0
    while len(text) - start > CHUNK:
        cut = text.rfind(" ", start + CHUNK // 2, start + CHUNK)
        cut = cut if cut > start else start + CHUNK
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


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
        """How likely ``text`` carries personal data: the highest of its chunks."""
        return max(self._chunk(piece) for piece in chunks(text))

    def _chunk(self, text: str) -> float:
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
