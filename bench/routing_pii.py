"""PII detection on the hand-written corpora: recall and false positives.

    uv run python -m bench.routing_pii --split fresh   # the fresh corpus (tuned on since session 5)
    uv run python -m bench.routing_pii --split all --misses   # what tuning looks at
    uv run python -m bench.routing_pii --split blind13 --context strict  # or off, filter, balanced
    ROUTING_PII_NER_MODEL=/path/to/pipeline uv run python -m bench.routing_pii --split blind

Splits: ``tune`` and ``held_out`` are the two halves of pii_{personal,clean}.jsonl (both have been
tuned on since 2026-12-02, so neither is unseen any more), ``all`` is both, ``probe`` is a small
set the tuner wrote before that round (tuned on too), and ``fresh`` is the
whole of pii_{personal,clean}_fresh.jsonl, written independently of the detector (merged on its
own; the bench says so and exits 1 when the files are absent) and tuned on since session 5: the
held-out measure was ``blind`` (pii_{personal,clean}_blind.jsonl), written during that round
by someone who had not read the detector and run once after it (seen since); likewise ``blind2``
(session 6, tuned on in session 7), ``blind3`` (session 7: measured once before and once after
the fourth round, tuned on in session 8), ``blind4`` (measured once after the fifth round,
session 8; tuned on in session 9), ``blind5`` (written in session 7, held in reserve, measured
once after the sixth round, session 9; tuned on in the seventh: BLIND5.md), ``blind6``
(written during the seventh round, measured once after it, tuned on in the eighth: BLIND6.md)
``blind7`` (written during the eighth round to be adversarial, measured once after it, tuned on
in the ninth: BLIND7.md), ``blind8`` (written during the ninth round, measured once after it,
session 9; tuned on in the tenth: BLIND8.md), ``blind9`` (written at the start of session 10,
measured once after the tenth round, tuned on in the eleventh: BLIND9.md) and ``blind10``
(written beside it; three counts taken unread, then tuned on in the twelfth round: BLIND10.md)
``blind11`` (written during the twelfth round, measured once after it, tuned on in the
thirteenth: BLIND11.md), ``blind12`` (written during the thirteenth round, measured once after
it and once with the first whole-text model, then training data of that model: BLIND12.md),
``blind13`` to ``blind18`` (written during the fourteenth round, measured once per
``--context`` mode, then tuned on and trained on in the fifteenth: BLIND13.md to BLIND18.md),
``blind19`` to ``blind21`` (written during the fifteenth round, measured once per mode after it,
then tuned on and trained on in the sixteenth: BLIND19.md to BLIND21.md), ``blind22`` and
``blind23`` (written during the fifteenth round's measurement, measured once per mode after the
sixteenth, never trained on: BLIND22.md, BLIND23.md), ``blind24`` and ``blind25`` (written after
the sixteenth round's detector was final, measured once per mode on it, never trained on),
``blind26`` to ``blind37`` (session 13: written three at a time while the rounds before were
tuned, each batch measured once per mode on the detector of its time, then tuned on in the
seventeenth to twentieth rounds; never trained on: BLIND26.md to BLIND37.md), ``blind38`` to
``blind49`` (sessions 14-15, three at a time, likewise, then tuned on in the twenty-first to
twenty-fourth rounds and trained on), ``blind50`` to ``blind53`` (session 16, written from
RULES.md alone, measured once per mode on the twenty-fourth round's detector, then tuned on in
the twenty-fifth and trained on), ``blind54`` to ``blind57`` (session 16, likewise, measured
once per mode on the twenty-fifth round's detector, then tuned on in the twenty-sixth and
trained on), ``blind58`` to ``blind61`` (session 16, likewise, measured once per mode on the
twenty-sixth round's detector, then tuned on in the twenty-eighth and trained on),
``blind62`` to ``blind65`` (session 17, likewise, measured once per mode on the twenty-eighth
round's detector and models retrained on blind58-61, then tuned on in the twenty-ninth and
trained on), ``blind66`` to ``blind69`` (session 17, likewise, measured once per mode on the
twenty-ninth round's detector and models retrained on blind62-65, then tuned on in the
thirtieth and trained on), ``blind70`` to ``blind73`` (session 17, likewise, measured once per
mode on the thirtieth round's detector and models retrained on blind66-69, then tuned on in the
thirty-first and trained on), ``blind74`` to ``blind77`` (session 17, likewise, measured once
per mode on the thirty-first round's detector and models retrained on blind70-73, then tuned on
in the thirty-second and trained on), ``blind78`` to ``blind81`` (session 17, likewise, measured
once per mode on the thirty-second round's detector and models retrained on blind74-77, then
tuned on in the thirty-third and trained on), ``blind82`` to ``blind85`` (session 17, likewise,
measured once per mode on the thirty-third round's detector and models retrained on blind78-81,
then tuned on in the thirty-fourth and trained on; the brief the writers of blind62-89 were
given: BRIEF.md), ``blind86`` to ``blind89`` (session 18, likewise, measured once per mode on the
thirty-fourth round's detector and models retrained on blind82-85, then tuned on in the
thirty-fifth and trained on), ``blind90`` to ``blind93`` (session 18, likewise, measured once per
mode on the thirty-fifth round's detector and models retrained on blind86-89, then tuned on in
the thirty-sixth and trained on), ``blind94`` to ``blind97`` (session 18, likewise, measured once
per mode on the thirty-sixth round's detector and models retrained on blind90-93, then tuned on
in the thirty-seventh and trained on), ``blind98`` to ``blind101`` (session 18, likewise,
measured once per mode on the thirty-seventh round's detector and models retrained on
blind94-97, then tuned on in the thirty-eighth and trained on), ``blind102`` to ``blind105``
(session 19, likewise, measured once per mode on the thirty-eighth round's detector and models
retrained on blind98-101, then tuned on in the thirty-ninth and trained on), ``blind106`` to
``blind109`` (session 19, likewise, measured once per mode on the thirty-ninth round's detector
and models retrained on blind102-105, then tuned on in the fortieth and trained on),
``blind110`` to ``blind113`` (session 19, likewise, measured once per mode on the fortieth
round's detector and models retrained on blind106-109, then tuned on in the forty-first and
trained on), ``blind114`` to ``blind117`` (session 19, likewise, measured once per mode on the
forty-first round's detector and models retrained on blind110-113), ``blind118`` to
``blind121`` (session 19, measured once per mode on the same detector and models as
blind114-117, no round between; both batches then tuned on in the forty-second and
forty-third rounds and trained on), ``blind122`` to ``blind125`` (session 20, measured once per
mode on the forty-third round's detector and models retrained on blind114-121, then tuned on in
the forty-fourth and forty-fifth rounds and trained on), ``blind126`` to ``blind129`` (session
20, measured once per mode on the forty-fifth round's detector and models retrained on
blind122-125, then tuned on in the forty-sixth round and trained on), ``blind130`` to
``blind133`` (session 20, measured once per mode on the forty-sixth round's detector and models
retrained on blind126-129, then tuned on in the forty-seventh round and trained on),
``blind134`` to ``blind137`` (session 21, measured once per mode on the forty-seventh round's
detector and models retrained on blind130-133, then tuned on in the forty-eighth round and
trained on), ``blind138`` to ``blind141`` (session 21, measured once per mode on the
forty-eighth round's detector and models retrained on blind134-137, then tuned on in the
forty-ninth round and trained on), ``blind142`` to ``blind145`` (session 21, measured once per
mode on the forty-ninth round's detector and models retrained on blind138-141, then tuned on
in the fiftieth round and trained on), ``blind146`` to ``blind149`` (session 21, measured once
per mode on the fiftieth round's detector and models retrained on blind142-145, then tuned on
in the fifty-first round and trained on), ``blind150`` to ``blind153`` (session 22, measured once
per mode on the fifty-first round's detector and models retrained on blind146-149, then tuned
on in the fifty-second round and trained on), ``blind154`` to ``blind157`` (session 22,
measured once per mode on the fifty-second round's detector and models retrained on
blind150-153, then tuned on in the fifty-third round and trained on), ``blind158`` to
``blind161`` (session 22, measured once per mode on the fifty-third round's detector, the
names of given_names_world2.txt and models retrained on blind154-157, then tuned on in the
fifty-fourth round and trained on), ``blind162`` to ``blind169`` (session 22, measured once per
mode on the fifty-fourth round's detector and models retrained on blind158-161, then tuned on
in the fifty-fifth round and trained on), ``blind170`` to ``blind177`` (session 23, measured
once per mode on the fifty-fifth round's detector and models retrained on blind162-169, then
tuned on in the fifty-sixth round and trained on), ``blind178`` to ``blind193`` (session 23,
measured once per mode on the fifty-sixth round's detector and models retrained on
blind170-177, then tuned on in the fifty-seventh round and trained on), ``blind194`` to
``blind201`` (session 24, measured once per mode on the fifty-seventh round's detector and
models retrained on blind178-193, then tuned on in the fifty-eighth round and trained on),
``blind202`` to ``blind209`` (session 24, measured once per mode on the fifty-eighth round's
detector and models retrained on blind194-201, then tuned on in the fifty-ninth round and
trained on), ``blind210`` to ``blind217`` (session 24, measured once per mode on the
fifty-ninth round's detector and models retrained on blind202-209, then tuned on in the
sixtieth round and trained on), ``blind218`` to ``blind225`` (session 24, measured once per
mode on the sixtieth round's detector and models retrained on blind210-217, then tuned on in
the sixty-first round and trained on), ``blind226`` to ``blind233`` (session 25, measured once
per mode on the sixty-first round's detector and models retrained on blind218-225, then tuned
on in the sixty-second round and trained on), ``blind234`` to ``blind249`` (session 25,
measured once per mode on the sixty-second round's detector and models retrained on
blind226-233, then tuned on in the sixty-third round and trained on), ``blind250`` to
``blind257`` (session 26, measured once per mode on the sixty-third round's detector and
models retrained on blind234-249, then tuned on in the sixty-fourth round and trained on),
``blind258`` to ``blind265`` (session 26, measured once per mode on the sixty-fourth round's
detector and models retrained on blind250-257, then tuned on in the sixty-fifth round and
trained on), ``blind266`` to ``blind273`` (session 26, measured once per mode on the
sixty-fifth round's detector and models retrained on blind258-265, then tuned on in the
sixty-sixth round and trained on), ``blind274`` to ``blind281`` (session 27, measured once
per mode on the sixty-sixth round's detector and models retrained on blind266-273, then tuned
on in the sixty-seventh round and trained on), ``blind282`` to ``blind289`` (session 27,
measured once per mode on the sixty-seventh round's detector and models retrained on
blind274-281, then tuned on in the sixty-eighth round and trained on), ``blind290`` to
``blind297`` (session 27, measured once per mode on the sixty-eighth round's detector and
models retrained on blind282-289, then tuned on in the sixty-ninth round and trained on),
``blind298`` to ``blind305`` (session 28, measured once per mode on the sixty-ninth round's
detector and models retrained on blind290-297, then tuned on in the seventieth round and
trained on), ``blind306`` to ``blind313`` (session 28, measured once per mode on the seventieth
round's detector and models retrained on blind298-305, then tuned on in the seventy-first round
and trained on), ``blind314`` to ``blind321`` (session 28, measured once per mode on the
seventy-first round's detector and models retrained on blind306-313, then tuned on in the
seventy-second round and trained on), ``blind322`` to ``blind329`` (session 29, measured once
per mode on the seventy-second round's detector and models retrained on blind314-321, then
tuned on in the seventy-third round and trained on), ``blind330`` to ``blind337`` (session 29,
measured once per mode on the seventy-third round's detector and models retrained on
blind322-329, then tuned on in the seventy-fourth round and trained on), ``blind338`` to
``blind345`` (session 29, measured once per mode on the seventy-fourth round's detector and
models retrained on blind330-337, then tuned on in the seventy-fifth round and trained on),
``blind346`` to ``blind353`` (session 30, measured once per mode on the seventy-fifth round's
detector and models retrained on blind338-345, then tuned on in the seventy-sixth round and
trained on), ``blind354`` to ``blind361`` (session 30, measured once per mode on the
seventy-sixth round's detector and models retrained on blind346-353, then tuned on in the
seventy-seventh round and trained on), ``blind362`` to ``blind369`` (session 30, measured
once per mode on the seventy-seventh round's detector and models retrained on blind354-361,
then tuned on in the seventy-eighth round and trained on), ``blind370`` to ``blind377``
(session 30, measured once per mode on the seventy-eighth round's detector and models
retrained on blind362-369, then tuned on in the seventy-ninth round and trained on), ``blind378``
to ``blind385`` (session 31, measured once per mode on the seventy-ninth round's detector and
models retrained on blind370-377, then tuned on in the eightieth round and trained on),
``blind386`` to ``blind393`` (session 31, measured once per mode on the eightieth round's
detector and models retrained on blind378-385, then tuned on in the eighty-first round and trained
on),
``blind394`` to ``blind401`` (session 31, measured once per mode on the eighty-first round's
detector and models retrained on blind386-393, then tuned on in the eighty-second round and
trained on),
``blind402`` to ``blind409`` (session 32, measured once per mode on the eighty-second round's
detector and models retrained on blind394-401, then tuned on in the eighty-third round and
trained on),
``blind410`` to ``blind417`` (session 32, measured once per mode on the eighty-third round's
detector and models retrained on blind402-409, then tuned on in the eighty-fourth round and
trained on),
``blind418`` to ``blind425`` (session 32, measured once per mode on the eighty-fourth round's
detector and models retrained on blind410-417, then tuned on in the eighty-fifth round and
trained on),
``blind426`` to ``blind433`` (session 32, measured once per mode on the eighty-fifth round's
detector and models retrained on blind418-425, then tuned on in the eighty-sixth round and
trained on),
``blind434`` to ``blind441`` (session 33, measured once per mode on the eighty-sixth round's
detector and models retrained on blind426-433, then tuned on in the eighty-seventh round and
trained on),
``blind442`` to ``blind449`` (session 33, measured once per mode on the eighty-seventh round's
detector and models retrained on blind434-441, then tuned on in the eighty-eighth round and
trained on),
``blind450`` to ``blind457`` (session 33, measured once per mode on the eighty-eighth round's
detector and models retrained on blind442-449, then tuned on in the eighty-ninth round and
trained on),
``blind458`` to ``blind465`` (session 33, measured once per mode on the eighty-ninth round's
detector and models retrained on blind450-457, then tuned on in the ninetieth round and
trained on),
``blind466`` to ``blind473`` (session 34, measured once per mode on the ninetieth round's
detector and models retrained on blind458-465, then tuned on in the ninety-first round and
trained on),
``blind474`` to ``blind481`` (session 34, measured once per mode on the ninety-first round's
detector and models retrained on blind466-473, then tuned on in the ninety-second round and
trained on),
``blind482`` to ``blind489`` (session 34, measured once per mode on the ninety-second round's
detector and models retrained on blind474-481, then tuned on in the ninety-third round and
trained on),
``blind490`` to ``blind497`` (session 34, measured once per mode on the ninety-third round's
detector and models retrained on blind482-489, then tuned on in the ninety-fourth round and
trained on),
``blind498`` to ``blind505`` (session 35, measured once per mode on the ninety-fourth round's
detector and models retrained on blind490-497, then tuned on in the ninety-fifth round and
trained on),
``blind506`` to ``blind513`` (session 35, measured once per mode on the ninety-fifth round's
detector and models retrained on blind498-505, then tuned on in the ninety-sixth round and
trained on),
``blind514`` to ``blind521`` (session 35, measured once per mode on the ninety-sixth round's
detector and models retrained on blind506-513, then tuned on in the ninety-seventh round and
trained on),
``blind522`` to ``blind529`` (session 36, measured once per mode on the ninety-seventh round's
detector and models retrained on blind514-521, then tuned on in the ninety-eighth round and
trained on),
``blind530`` to ``blind537`` (session 36, measured once per mode on the ninety-eighth round's
detector and models retrained on blind522-529, then tuned on in the ninety-ninth round and
trained on),
``blind538`` to ``blind545`` (session 36, measured once per mode on the ninety-ninth round's
detector and models retrained on blind530-537, then tuned on in the hundredth round and
trained on),
``blind546`` to ``blind553`` (session 37, measured once per mode on the hundredth round's
detector and models retrained on blind538-545, then tuned on in the hundred-and-first round
and trained on),
``blind554`` to ``blind561`` (session 37, measured once per mode on the hundred-and-first
round's detector and models retrained on blind546-553, then tuned on in the
hundred-and-second round and trained on),
``blind562`` to ``blind569`` (session 37, measured once per mode on the hundred-and-second
round's detector and models retrained on blind554-561, then tuned on in the
hundred-and-third round and trained on),
``blind570`` to ``blind577`` (session 38, measured once per mode on the hundred-and-third
round's detector and models retrained on blind562-569, then tuned on in the
hundred-and-fourth round and trained on),
``blind578`` to ``blind585`` (session 38, measured once per mode on the hundred-and-fourth
round's detector and models retrained on blind570-577, then tuned on in the
hundred-and-fifth round and trained on),
``blind586`` to ``blind593`` (session 38, measured once per mode on the hundred-and-fifth
round's detector and models retrained on blind578-585; not yet tuned or trained on) and
``everyday`` (everyday requests with and without personal data; one half trains the whole-text
model: EVERYDAY.md).

Recall is counted three ways: prompts flagged at all (``local`` mode keeps them on the box),
prompts protected in ``redact`` mode (every personal string covered by a finding, or the prompt
kept local because a finding was not confident enough to redact), and personal strings covered,
per kind. False positives: clean prompts with any finding (they would be kept local for nothing).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import get_args

from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import MissingCorpus, Split, false_positives, load, score_personal

REGIONS = ("US", "GB", "DE", "FR")


def main() -> None:
    parser = argparse.ArgumentParser(description="PII detection on the hand-written corpus")
    parser.add_argument("--split", choices=get_args(Split), default="fresh")
    parser.add_argument("--misses", action="store_true", help="list misses and false positives")
    parser.add_argument(
        "--ner-model",
        type=Path,
        default=os.environ.get("ROUTING_PII_NER_MODEL") or None,
        help="a spaCy pipeline directory (default: $ROUTING_PII_NER_MODEL, as the server reads it)",
    )
    parser.add_argument(
        "--context",
        choices=["off", "filter", "balanced", "strict"],
        default="balanced",
        help="how the whole-text model (routing_mcp.pii_context) is used; "
        "as ROUTING_PII_CONTEXT (default balanced)",
    )
    args = parser.parse_args()
    built = time.perf_counter()
    scanner = PiiScanner(0.4, REGIONS, ner_model=args.ner_model, context=args.context)
    built = time.perf_counter() - built
    keep_local = getattr(scanner, "keeps_local", lambda findings: False)

    def scan(text: str) -> tuple[list, bool]:  # type: ignore[type-arg]
        found = scanner.scan(text)
        return found, keep_local(found)

    try:
        personal, clean = load("personal", args.split), load("clean", args.split)
    except MissingCorpus as err:
        sys.exit(f"routing_pii --split {args.split}: {err}")
    start = time.perf_counter()
    score = score_personal(personal, scan)
    wrong = false_positives(clean, scan)
    elapsed = time.perf_counter() - start
    print(f"## PII corpus, split {args.split}: {len(personal)} personal, {len(clean)} clean\n")
    model = f"NER model {args.ner_model}" if args.ner_model else "no NER model"
    whole = {
        "off": "the rules alone",
        "filter": "rules, filtered by the whole-text model",
        "balanced": "rules and the whole-text model, gated by name-like words and health terms",
    }.get(args.context, "rules and the whole-text model (strict: adds what it reads as personal)")
    print(f"{whole}, {model}; scanner built in {built:.2f} s\n")
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
