"""Ranking quality on the labelled typo queries (bench/data/ha_search_typos.yaml).

A case is a hit at k when the entity the person meant is among the first k results. The same
functions serve the bench (old vs new matcher) and the test (new matcher through MCP).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
TYPOS = DATA / "ha_search_typos.yaml"
DEMO_STATES = DATA / "ha_demo_states.json"


@dataclass(frozen=True)
class Case:
    query: str
    expect: str
    kind: str
    split: str


def cases(split: str | None = None) -> list[Case]:
    rows = yaml.safe_load(TYPOS.read_text())
    return [Case(**row) for row in rows if split is None or row["split"] == split]


def demo_states() -> list[dict[str, Any]]:
    return json.loads(DEMO_STATES.read_text())


@dataclass(frozen=True)
class Quality:
    cases: int
    hit1: int
    hit5: int
    mrr: float  # mean reciprocal rank over the first 20 (0 when not among them)
    misses: tuple[str, ...]  # queries whose entity is not in the first 5

    def row(self) -> str:
        n = self.cases
        return (
            f"{self.hit1}/{n} ({self.hit1 / n:.0%}) | {self.hit5}/{n} ({self.hit5 / n:.0%}) | "
            f"{self.mrr:.3f}"
        )


def quality(ranked: Callable[[str], Sequence[str]], of: Iterable[Case]) -> Quality:
    """Run every case through ``ranked`` (query -> entity ids, best first) and count hits."""
    hit1 = hit5 = 0
    rr = 0.0
    misses: list[str] = []
    total = 0
    for case in of:
        total += 1
        ids = list(ranked(case.query))[:20]
        rank = ids.index(case.expect) + 1 if case.expect in ids else None
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0.0
        if rank is None or rank > 5:
            misses.append(case.query)
    return Quality(total, hit1, hit5, rr / max(total, 1), tuple(misses))
