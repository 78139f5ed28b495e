"""Train the name-word model (:mod:`routing_mcp.pii_tokens`) on the corpora's PERSON strings.

    uv run python -m tests.routing.pii_tokens_train --cv scores.json  # leave one corpus out
    uv run python -m tests.routing.pii_tokens_train --write           # the shipped model

Logistic regression by full-batch Adam (deterministic), weights rounded to signed bytes. The same
corpora as the whole-text model (``pii_context_train.TRAIN_ON``, the everyday corpus's tune half;
the routing prompts' tune half without the ``pii_sensitive`` class, as words of no one), never
``HELD_OUT``. ``--cv`` writes, for every prompt of every corpus, the highest probability of a
word scored by a model trained on the other corpora: what the gate of ``balanced`` mode was
chosen on (README, fourteenth round).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from routing_mcp.pii_tokens import labelled
from tests.routing.pii_context_train import TRAIN_ON, batches, quantize, ship
from tests.routing.pii_corpus import load

BITS = 18
ITERATIONS = 200
RATE = 0.1
L2 = 1e-4
GATE = 0.1  # chosen on the --cv scores with the whole-text model (README, sixteenth round)

Rows = list[tuple[list[int], int]]


def prompts(split: str, half: str | None = None) -> list[tuple[str, Rows]]:
    out = []
    for name in ("personal", "clean"):
        for s in load(name, split):  # type: ignore[arg-type]
            if half is None or s.split == half:
                people = [value for kind, value in s.pii if kind == "PERSON"]
                out.append((s.id, labelled(s.text, people, BITS)))
    return out


def extra() -> Rows:
    from bench.routing_data import load_examples

    rows = [r for _, rs in prompts("everyday", "tune") for r in rs]
    for e in load_examples():
        if e.split == "tune" and e.task_class not in ("long_document", "pii_sensitive"):
            rows += labelled(e.prompt, [], BITS)
    return rows


def train(rows: Rows) -> np.ndarray:
    lengths = np.array([len(f) for f, _ in rows])
    cols = np.concatenate([np.array(f, dtype=np.int64) for f, _ in rows])
    row_of = np.repeat(np.arange(len(rows)), lengths)
    labels = np.array([y for _, y in rows], dtype=np.float64)
    weights = np.zeros(1 << BITS)
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, ITERATIONS + 1):
        z = np.bincount(row_of, weights=weights[cols], minlength=len(rows))
        error = 1 / (1 + np.exp(-z)) - labels
        grad = np.bincount(cols, weights=error[row_of], minlength=1 << BITS) / len(rows)
        grad += L2 * weights
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        weights -= RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


def highest(q: np.ndarray, scale: float, rows: Rows) -> float:
    if not rows:
        return 0.0
    z = max(float(q[f].astype(np.float64).sum()) * scale for f, _ in rows)
    return float(1 / (1 + np.exp(-z)))


def cross_validate(out: Path, groups: list[list[str]] | None = None) -> None:
    """Each corpus (or each group: a batch) scored by a model trained on the others."""
    data = {split: prompts(split) for split in TRAIN_ON}
    more = extra()
    scores: dict[str, float] = {}
    for group in groups or [[split] for split in data]:
        rows = [r for s, its in data.items() if s not in group for _, rs in its for r in rs]
        q, scale = quantize(train(rows + more))
        for split in group:
            scores.update((ident, highest(q, scale, rs)) for ident, rs in data[split])
        print(*group, flush=True)
    out.write_text(json.dumps(scores))


def write() -> None:
    rows = [r for split in TRAIN_ON for _, rs in prompts(split) for r in rs] + extra()
    meta = {
        "bits": BITS,
        "bias": 0.0,  # a feature of every word
        "gate": GATE,
        "training": {"iterations": ITERATIONS, "rate": RATE, "l2": L2},
        "also_trained_on": "the tune halves of pii_*_everyday.jsonl and of the routing "
        "prompts (bench/data/routing_examples*.yaml, no long documents, no pii_sensitive)",
        "words": len(rows),
    }
    ship("pii_tokens", train(rows), meta)


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the name-word model")
    parser.add_argument("--cv", type=Path, help="leave one corpus out; the scores to this file")
    parser.add_argument("--write", action="store_true", help="train on TRAIN_ON and write")
    parser.add_argument(
        "--batches", help="with --cv: leave out these batches only, FIRST:LAST:SIZE"
    )
    args = parser.parse_args()
    if args.cv:
        cross_validate(args.cv, batches(args.batches) if args.batches else None)
    if args.write:
        write()


if __name__ == "__main__":
    main()
