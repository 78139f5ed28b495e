"""Accuracy and confusion matrix of the routing classifier on the labelled example set.

    uv run python -m bench.routing_classifier

Two numbers: the rules classifier alone, and the router's gate (PII scan first, then the rules),
which is what decides a route. The examples (bench/data/routing_examples.yaml) were written by
hand, without looking at the rules.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from routing_mcp.classify import classify_rules
from routing_mcp.pii import PiiScanner
from routing_mcp.policy import TASK_CLASSES, load_policy

DATA = Path(__file__).parent / "data" / "routing_examples.yaml"
SHORT = {c: "".join(w[0] for w in c.split("_")).upper() for c in TASK_CLASSES}


def load_examples() -> list[tuple[str, str]]:
    raw: list[dict[str, Any]] = yaml.safe_load(DATA.read_text())["examples"]
    out = []
    for item in raw:
        prompt = item["prompt"]
        if "body" in item:
            prompt = prompt + "\n\n" + item["body"] * int(item.get("repeat_body", 1))
        out.append((item["class"], prompt))
    return out


def matrix(pairs: list[tuple[str, str]], title: str) -> float:
    classes = list(TASK_CLASSES)
    counts = Counter(pairs)
    correct = sum(n for (want, got), n in counts.items() if want == got)
    accuracy = correct / len(pairs)
    print(f"\n### {title}: accuracy {accuracy:.1%} ({correct}/{len(pairs)})\n")
    print("rows: true class, columns: predicted")
    header = "| true \\ predicted | " + " | ".join(SHORT[c] for c in classes) + " | recall |"
    print(header)
    print("|" + "---|" * (len(classes) + 2))
    for want in classes:
        row = [counts.get((want, got), 0) for got in classes]
        total = sum(row)
        recall = row[classes.index(want)] / total if total else 0.0
        cells = " | ".join(str(n) if n else "." for n in row)
        print(f"| {want} ({SHORT[want]}) | {cells} | {recall:.0%} |")
    return accuracy


async def main() -> None:
    examples = load_examples()
    policy = load_policy(environ={})
    print(f"{len(examples)} labelled prompts, {len(TASK_CLASSES)} classes")
    start = time.perf_counter()
    rules = [
        (want, classify_rules(p, long_document_tokens=policy.long_document_tokens).task_class)
        for want, p in examples
    ]
    rules_ms = (time.perf_counter() - start) * 1000 / len(examples)
    matrix(rules, "rules classifier")
    for half, name in (
        (0, "even-numbered prompts (the rules were tuned looking at these)"),
        (1, "odd-numbered prompts (held out: never looked at while tuning)"),
    ):
        part = [pair for i, pair in enumerate(rules) if i % 2 == half]
        ok = sum(want == got for want, got in part)
        print(f"- {name}: {ok / len(part):.1%} ({ok}/{len(part)})")
    scanner = PiiScanner()
    gated = []
    for want, prompt in examples:
        if scanner.scan(prompt):
            gated.append((want, "pii_sensitive"))
        else:
            got = classify_rules(prompt, long_document_tokens=policy.long_document_tokens)
            gated.append((want, got.task_class))
    matrix(gated, "router gate (PII scan, then rules)")
    pii_true = [(w == "pii_sensitive", g == "pii_sensitive") for w, g in gated]
    leaks = sum(1 for want, got in pii_true if want and not got)
    false_alarms = sum(1 for want, got in pii_true if got and not want)
    print(
        f"\nPII prompts that would have left the box: {leaks}; "
        f"non-PII prompts kept local: {false_alarms}; rules: {rules_ms:.3f} ms per prompt"
    )


if __name__ == "__main__":
    asyncio.run(main())
