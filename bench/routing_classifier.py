"""Accuracy, per-class recall and confusion matrices of the routing classifier.

    uv run python -m bench.routing_classifier

The labelled prompts (bench/routing_data.py) have a fixed split: ``tune`` (the rules may be tuned
looking at these) and ``held_out`` (never looked at while tuning; the number that counts). Two
classifiers per split: the rules alone, and the router's gate (PII scan first, then the rules),
which is what decides a route.
"""

from __future__ import annotations

import time
from collections import Counter

from bench.routing_data import SPLITS, Example, load_examples
from routing_mcp.classify import classify_rules
from routing_mcp.pii import PiiScanner
from routing_mcp.policy import TASK_CLASSES, load_policy

SHORT = {c: "".join(w[0] for w in c.split("_")).upper() for c in TASK_CLASSES}


def matrix(pairs: list[tuple[str, str]], title: str) -> float:
    classes = list(TASK_CLASSES)
    counts = Counter(pairs)
    correct = sum(n for (want, got), n in counts.items() if want == got)
    accuracy = correct / len(pairs)
    print(f"\n### {title}: accuracy {accuracy:.1%} ({correct}/{len(pairs)})\n")
    print("rows: true class, columns: predicted; last column: per-class accuracy (recall)")
    print("| true \\ predicted | " + " | ".join(SHORT[c] for c in classes) + " | accuracy |")
    print("|" + "---|" * (len(classes) + 2))
    for want in classes:
        row = [counts.get((want, got), 0) for got in classes]
        total = sum(row)
        recall = f"{row[classes.index(want)] / total:.0%} of {total}" if total else "-"
        cells = " | ".join(str(n) if n else "." for n in row)
        print(f"| {want} ({SHORT[want]}) | {cells} | {recall} |")
    return accuracy


def main() -> None:
    examples = load_examples()
    policy = load_policy(environ={})
    sizes = {"tokens": policy.long_document_tokens, "chars": policy.long_document_chars}
    print(f"{len(examples)} labelled prompts, {len(TASK_CLASSES)} classes")

    def rules(example: Example) -> str:
        found = classify_rules(
            example.prompt, long_document_tokens=sizes["tokens"], long_document_chars=sizes["chars"]
        )
        return found.task_class

    start = time.perf_counter()
    predicted = [rules(e) for e in examples]
    rules_ms = (time.perf_counter() - start) * 1000 / len(examples)
    scanner = PiiScanner()
    gated = [
        "pii_sensitive" if scanner.scan(e.prompt) else got
        for e, got in zip(examples, predicted, strict=True)
    ]
    summary = []
    for split in SPLITS:
        rows = [i for i, e in enumerate(examples) if e.split == split]
        want = [examples[i].task_class for i in rows]
        rule_acc = matrix(
            list(zip(want, [predicted[i] for i in rows], strict=True)), f"rules, {split}"
        )
        gate_acc = matrix(list(zip(want, [gated[i] for i in rows], strict=True)), f"gate, {split}")
        summary.append(
            f"- {split} ({len(rows)} prompts): rules {rule_acc:.1%}, gate {gate_acc:.1%}"
        )
    leaks = sum(
        1 for e, g in zip(examples, gated, strict=True) if e.task_class == "pii_sensitive" != g
    )
    print("\n" + "\n".join(summary))
    print(
        f"- PII prompts the gate would let leave the box: {leaks}; rules: {rules_ms:.3f} ms/prompt"
    )


if __name__ == "__main__":
    main()
