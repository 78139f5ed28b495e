"""Features of a name reading for a learned "private person?" check (the session-6 experiment).

The name rules (:mod:`routing_mcp.pii_names`) read a name from its shape and a cue before it;
tuned on a corpus, they also read public figures, fictional characters and products of the next
author's text as private people, and the list of public names (``data/known_names.txt``) only
knows the names already seen. This check asks what the list cannot: is the name said about
someone the writer deals with (a cue, a greeting, the first person, a task, an e-mail or phone
number near) or as a topic (who was, a novel, a film, history, a company)? A logistic regression
over these features of the reading and its sentence, trained and checked across corpora by
``bench/routing_pii_person.py``. On that check it removed about as many true names as false
ones (numbers there and in the README), so the scanner does not use it and nothing of it is
package data; kept so the measurement can be repeated.

The topic word list was written after the first blind corpus's false positives had been looked
at (its misses were not): the blind rotation's false-positive figures are slightly optimistic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from routing_mcp import pii_name_cues as cues
from routing_mcp.pii_lexicon import Token
from routing_mcp.pii_names import NameFinder, NameHit

_I = re.IGNORECASE
_FIRST_PERSON = re.compile(
    r"\b(?:i|me|my|mine|myself|i'm|i've|we|our|us|ich|mein\w*|mir|mich|wir|unser\w*|je|j'|moi|"
    r"mon|ma|mes|nous|notre|nos|yo|mis?|nosotros|nuestr[oa]s?|io|mio|mia|miei|noi|nostr[oa]|"
    r"ik|mijn|mij|wij|we|ons|onze)\b",
    _I,
)
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|du|dein\w*|dir|dich|tu|toi|ton|ta|tes|vous|votre|tú|te|tuo|tua|jij|jouw)\b",
    _I,
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|him|his|her|hers|er|sie|sein\w*|ihm|ihn|il|elle|lui|son|sa|ses|él|ella|su|sus|"
    r"lei|suo|sua|hij|zij|hem|haar)\b",
    _I,
)
# A request about a person the writer deals with: write, send, invite, pay, meet, ...
_TASK = re.compile(
    r"\b(?:write|writing|send|sending|email|e-mail|mail|reply|answer|invite|invitation|remind|"
    r"reminder|call|text|message|meet|meeting|pay|paid|owe|owes|thank|congratulat\w*|birthday|"
    r"wedding|appointment|contract|invoice|cv|resume|letter|schreib\w*|schick\w*|antwort\w*|"
    r"einladung|erinner\w*|ruf\w*|bezahl\w*|brief|écri\w*|envoi\w*|envoy\w*|répond\w*|invit\w*|"
    r"rappel\w*|lettre|escrib\w*|envía|enviar|carta|scriv\w*|invia\w*|lettera|schrijf|stuur|"
    r"brief|uitnodig\w*)\b",
    _I,
)
# A name as the topic: history, fiction, the arts, science, a company or a product.
_TOPIC = re.compile(
    r"\b(?:who (?:was|is|were)|wer (?:war|ist)|qui (?:était|est)|quién (?:fue|es)|chi (?:era|è)|"
    r"wie (?:was|is)|biograph\w*|biografi\w*|novel|roman|novela|romanzo|film|movie|series|serie|"
    r"episode|season|character|figur|personnage|personaje|personaggio|book|buch|livre|libro|"
    r"boek|history|historical|geschichte|histoire|historia|storia|geschiedenis|famous|berühmt|"
    r"célèbre|famoso|beroemd|wrote|painted|invented|composed|discovered|founded|schrieb|malte|"
    r"écrit|escribió|scrisse|schreef|king|queen|könig\w*|roi|reine|rey|reina|emperor|kaiser|"
    r"empereur|emperador|century|jahrhundert|siècle|siglo|secolo|eeuw|quote|zitat|citation|"
    r"poem|gedicht|poème|poema|fairy|märchen|conte|cuento|fiaba|sprookje|opera|song|lied|"
    r"chanson|canción|canzone|album|painting|gemälde|tableau|cuadro|quadro|theorem|theory|"
    r"physicist|scientist|president|präsident|président|presidente|chancellor|kanzler\w*|"
    r"minister|philosoph\w*|filósofo|filosofo|author|autor|auteur|autore|actor|actress|"
    r"schauspieler\w*|acteur|actriz|attore|essay|summary|summar\w*|zusammenfassung|résumé|"
    r"resumen|riassunto|samenvatting|explain|erkläre|explique|explica|spiega|leg uit|car|model|"
    r"brand|company|firma|entreprise|empresa|azienda|bedrijf|café|cafe|restaurant|shop|store|"
    r"museum|musée|museo)\b",
    _I,
)
_FORMAT_NEAR = re.compile(r"@\w|\+?\d[\d ()./-]{6,}\d")
_SENTENCE = re.compile(r"[.!?]\s|\n")
_WINDOW = 100  # characters either side, cut at the sentence's ends


@dataclass(frozen=True)
class Model:
    """A logistic regression over standardised features, and its operating threshold."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, x: Sequence[float]) -> float:
        z = self.bias + sum(
            w * (v - m) / s
            for w, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


COLUMNS = (
    "score",
    "tokens",
    "lower_case",
    "given_known",
    "given_is_word",
    "surname_known",
    "cue_strong",
    "cue_verb",
    "cue_weak",
    "person_after",
    "sentence_start",
    "possessive",
    "first_person",
    "second_person",
    "third_person",
    "task",
    "topic",
    "question",
    "format_near",
    "names_in_text",
    "text_tokens",
)


def _count(pattern: re.Pattern[str], text: str) -> float:
    return math.log1p(sum(1 for _ in pattern.finditer(text)))


def _window(text: str, start: int, end: int) -> str:
    left = max(0, start - _WINDOW)
    ends = [m.end() for m in _SENTENCE.finditer(text, left, start)]
    left = ends[-1] if ends else left
    after = _SENTENCE.search(text, end, min(len(text), end + _WINDOW))
    right = after.start() + 1 if after else min(len(text), end + _WINDOW)
    return text[left:start] + " " + text[end:right]


def features(finder: NameFinder, text: str, hit: NameHit, hits: int) -> list[float]:
    """The features of one reading (:data:`COLUMNS`)."""
    name = text[hit.start : hit.end]
    words = [
        Token(m.group(), hit.start + m.start(), hit.start + m.end())
        for m in cues.TOKEN.finditer(name)
    ]
    first = words[0] if words else Token(text[hit.start : hit.end], hit.start, hit.end)
    cue = finder._cue(text, first)  # the same reading of the words before as the rules
    around = _window(text, hit.start, hit.end)
    before = text[max(0, hit.start - 3) : hit.start]
    return [
        hit.score,
        float(len(words)),
        float(not first.cap),
        float(finder.is_given(first)),
        float(finder.is_given(first) and finder.is_word(first)),
        float(any(finder.is_surname(w) for w in words[1:])),
        float(cue == "strong"),
        float(cue == "verb"),
        float(cue == "weak"),
        float(cues.AFTER_PERSON.match(text[hit.end :]) is not None),
        float(not before.strip() or before.rstrip().endswith((".", "!", "?", ":", "\n"))),
        float(text[hit.end : hit.end + 2] in ("'s", "\u2019s")),
        _count(_FIRST_PERSON, around),
        _count(_SECOND_PERSON, around),
        _count(_THIRD_PERSON, around),
        _count(_TASK, around),
        _count(_TOPIC, around),
        float("?" in around),
        float(_FORMAT_NEAR.search(text) is not None),
        math.log1p(hits),
        math.log1p(len(text) // 6),
    ]
