"""The recognizer model of the PII scan: a span with a score, patterns, validation, context words.

The scan needs no NLP pipeline, so it carries its own small recognizer model instead of a PII
framework's: a framework built around an NLP engine imports it (and a machine-learning stack)
even when only its patterns run, which cost the scan worker about 140 MiB.

A :class:`PatternRecognizer` finds each of its patterns (``regex`` module: variable-width
look-behinds), skips empty matches, and scores a match with its pattern's score, or 1.0 when
:meth:`~PatternRecognizer.validate_result` says it is valid (a checksum holds), dropping it when
that says invalid or :meth:`~PatternRecognizer.invalidate_result` rejects it. Its ``context``
words raise the score of a match they stand just before (the scanner applies that, see
``routing_mcp.pii``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

DEFAULT_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
MAX_SCORE = 1.0


@dataclass(slots=True)
class RecognizerResult:
    """One span of one kind of personal data; the score may be raised by context words."""

    entity_type: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: str
    score: float


class EntityRecognizer:
    """Finds spans of its entities in a text."""

    # How many characters before a match its context words are looked for (about five words).
    context_window = 60

    def __init__(
        self,
        supported_entities: list[str],
        name: str | None = None,
        context: list[str] | None = None,
    ) -> None:
        self.supported_entities = supported_entities
        self.name = name or type(self).__name__
        self.context = context or []

    def analyze(self, text: str) -> list[RecognizerResult]:
        raise NotImplementedError


def remove_contained(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Results less those inside another of the same entity with at least their score, in one
    sweep per entity."""
    kept: list[RecognizerResult] = []
    by_entity: dict[str, list[RecognizerResult]] = {}
    for result in results:
        by_entity.setdefault(result.entity_type, []).append(result)
    for group in by_entity.values():
        group.sort(key=lambda r: (r.start, -r.end, -r.score))
        cover: RecognizerResult | None = None
        for result in group:
            if cover is not None and result.end <= cover.end and result.score <= cover.score:
                continue
            kept.append(result)
            if cover is None or result.end > cover.end:
                cover = result
    return kept


class PatternRecognizer(EntityRecognizer):
    """Regular expressions with scores, optionally validated (module doc). Subclasses set
    ``ENTITY``, ``PATTERNS``, ``CONTEXT`` (and ``FLAGS``) or pass them."""

    ENTITY = ""
    PATTERNS: tuple[Pattern, ...] = ()
    CONTEXT: tuple[str, ...] = ()
    FLAGS = DEFAULT_FLAGS

    def __init__(
        self,
        supported_entity: str | None = None,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        name: str | None = None,
        global_regex_flags: int | None = None,
    ) -> None:
        super().__init__([supported_entity or self.ENTITY], name, list(context or self.CONTEXT))
        self.patterns = list(patterns or self.PATTERNS)
        self.global_regex_flags = self.FLAGS if global_regex_flags is None else global_regex_flags
        self._compiled: list[tuple[Pattern, Any]] = []

    def validate_result(self, pattern_text: str) -> bool | None:
        """True: certainly this entity (score 1.0); False: not it (dropped); None: as scored."""
        return None

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """True: not this entity after all (dropped)."""
        return None

    def _patterns(self) -> list[tuple[Pattern, Any]]:
        if len(self._compiled) != len(self.patterns):
            self._compiled = [
                (p, regex.compile(p.regex, self.global_regex_flags)) for p in self.patterns
            ]
        return self._compiled

    def analyze(self, text: str) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        results = []
        for pattern, compiled in self._patterns():
            for match in compiled.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                found = text[start:end]
                score = pattern.score
                valid = self.validate_result(found)
                if valid is not None:
                    score = MAX_SCORE if valid else 0.0
                if self.invalidate_result(found):
                    score = 0.0
                if score > 0:
                    results.append(RecognizerResult(entity, start, end, score))
        return remove_contained(results)
