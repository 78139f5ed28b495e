"""PII detection on the hand-written corpus: recall and false positives, held-out half.

    uv run python -m bench.routing_pii            # held-out half (the numbers to report)
    uv run python -m bench.routing_pii --split tune --misses   # what tuning looks at

Recall is counted three ways: prompts flagged at all (``local`` mode keeps them on the box),
prompts protected in ``redact`` mode (every personal string covered by a finding, or the prompt
kept local because a finding was not confident enough to redact), and personal strings covered,
per kind. False positives: clean prompts with any finding (they would be kept local for nothing).
"""

from __future__ import annotations

import argparse
import time

from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import false_positives, load, score_personal

REGIONS = ("US", "GB", "DE", "FR")


def main() -> None:
    parser = argparse.ArgumentParser(description="PII detection on the hand-written corpus")
    parser.add_argument("--split", choices=["tune", "held_out", "all"], default="held_out")
    parser.add_argument("--misses", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    scanner = PiiScanner(0.4, REGIONS)
    keep_local = getattr(scanner, "keeps_local", lambda findings: False)

    def scan(text: str) -> tuple[list, bool]:  # type: ignore[type-arg]
        found = scanner.scan(text)
        return found, keep_local(found)

    personal, clean = load("personal", args.split), load("clean", args.split)
    start = time.perf_counter()
    score = score_personal(personal, scan)
    wrong = false_positives(clean, scan)
    elapsed = time.perf_counter() - start
    print(f"## PII corpus, {args.split} half: {len(personal)} personal, {len(clean)} clean\n")
    print("| measure | value | goal |\n|---|---|---|")
    print(
        f"| prompts flagged (local mode) | {score.flagged / score.prompts:.1%} "
        f"({score.flagged}/{score.prompts}) | >= 99 % |"
    )
    print(
        f"| prompts protected (redact mode) | {score.protected / score.prompts:.1%} "
        f"({score.protected}/{score.prompts}) | >= 99 % |"
    )
    print(
        f"| clean prompts flagged (false positives) | {len(wrong) / len(clean):.1%} "
        f"({len(wrong)}/{len(clean)}) | <= 3 % |"
    )
    print(f"| scan time per prompt | {elapsed * 1000 / (len(personal) + len(clean)):.2f} ms | |")
    print("\n| kind | personal strings covered |\n|---|---|")
    for kind, (hit, total) in sorted(score.values.items()):
        print(f"| {kind} | {hit / total:.0%} ({hit}/{total}) |")
    if args.misses:
        print("\nmissed:")
        for sample_id, kind, value in score.misses:
            print(f"  {sample_id} {kind}: {value!r}")
        print("\nfalse positives:")
        for sample in wrong:
            found = [(f.entity, sample.text[f.start : f.end]) for f in scanner.scan(sample.text)]
            print(f"  {sample.id}: {found}")


if __name__ == "__main__":
    main()
