"""The PII corpus (tests/routing/data/pii_*.jsonl) and how a scanner is scored on it.

The prompts were written by hand, before the recognizers were tuned and without looking at
them. Each personal prompt lists its personal strings by kind; each clean prompt has none. A
stable hash of the id puts every prompt in the tuning half or the held-out half once and for
all. Both halves have since been looked at while tuning (see bench/README.md), and so has the
``fresh`` split (``pii_personal_fresh.jsonl`` and ``pii_clean_fresh.jsonl``, written by someone
who never saw the detector, read whole): it was the unseen measure until session 5 and is tuning
data since; the held-out measure is a blind corpus written after that round. The fresh files
are merged separately; :class:`MissingCorpus` says so when they are absent.
The ``probe`` split (``pii_*_probe.jsonl``) is a small set the tuner wrote before the second
tuning round, for the classes the issue names; it was tuned on, so it is not held out either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, get_args

if TYPE_CHECKING:  # the bench and the tests import the scanner themselves
    from routing_mcp.pii import PiiScanner

DATA = Path(__file__).parent / "data"
Split = Literal[
    "tune",
    "held_out",
    "all",
    "probe",
    "fresh",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
    "blind14",
    "everyday",
    "blind15",
    "blind16",
    "blind17",
    "blind18",
    "blind19",
    "blind20",
    "blind21",
    "blind22",
    "blind23",
    "blind24",
    "blind25",
    "blind26",
    "blind27",
    "blind28",
    "blind29",
    "blind30",
    "blind31",
    "blind32",
    "blind33",
    "blind34",
    "blind35",
    "blind36",
    "blind37",
    "blind38",
    "blind39",
    "blind40",
    "blind41",
    "blind42",
    "blind43",
    "blind44",
    "blind45",
    "blind46",
    "blind47",
    "blind48",
    "blind49",
    "blind50",
    "blind51",
    "blind52",
    "blind53",
    "blind54",
    "blind55",
    "blind56",
    "blind57",
    "blind58",
    "blind59",
    "blind60",
    "blind61",
    "blind62",
    "blind63",
    "blind64",
    "blind65",
    "blind66",
    "blind67",
    "blind68",
    "blind69",
    "blind70",
    "blind71",
    "blind72",
    "blind73",
    "blind74",
    "blind75",
    "blind76",
    "blind77",
    "blind78",
    "blind79",
    "blind80",
    "blind81",
    "blind82",
    "blind83",
    "blind84",
    "blind85",
    "blind86",
    "blind87",
    "blind88",
    "blind89",
    "blind90",
    "blind91",
    "blind92",
    "blind93",
    "blind94",
    "blind95",
    "blind96",
    "blind97",
    "blind98",
    "blind99",
    "blind100",
    "blind101",
    "blind102",
    "blind103",
    "blind104",
    "blind105",
    "blind106",
    "blind107",
    "blind108",
    "blind109",
    "blind110",
    "blind111",
    "blind112",
    "blind113",
    "blind114",
    "blind115",
    "blind116",
    "blind117",
    "blind118",
    "blind119",
    "blind120",
    "blind121",
    "blind122",
    "blind123",
    "blind124",
    "blind125",
    "blind126",
    "blind127",
    "blind128",
    "blind129",
    "blind130",
    "blind131",
    "blind132",
    "blind133",
    "blind134",
    "blind135",
    "blind136",
    "blind137",
    "blind138",
    "blind139",
    "blind140",
    "blind141",
    "blind142",
    "blind143",
    "blind144",
    "blind145",
    "blind146",
    "blind147",
    "blind148",
    "blind149",
    "blind150",
    "blind151",
    "blind152",
    "blind153",
    "blind154",
    "blind155",
    "blind156",
    "blind157",
    "blind158",
    "blind159",
    "blind160",
    "blind161",
    "blind162",
    "blind163",
    "blind164",
    "blind165",
    "blind166",
    "blind167",
    "blind168",
    "blind169",
    "blind170",
    "blind171",
    "blind172",
    "blind173",
    "blind174",
    "blind175",
    "blind176",
    "blind177",
    "blind178",
    "blind179",
    "blind180",
    "blind181",
    "blind182",
    "blind183",
    "blind184",
    "blind185",
    "blind186",
    "blind187",
    "blind188",
    "blind189",
    "blind190",
    "blind191",
    "blind192",
    "blind193",
    "blind194",
    "blind195",
    "blind196",
    "blind197",
    "blind198",
    "blind199",
    "blind200",
    "blind201",
    "blind202",
    "blind203",
    "blind204",
    "blind205",
    "blind206",
    "blind207",
    "blind208",
    "blind209",
    "blind210",
    "blind211",
    "blind212",
    "blind213",
    "blind214",
    "blind215",
    "blind216",
    "blind217",
    "blind218",
    "blind219",
    "blind220",
    "blind221",
    "blind222",
    "blind223",
    "blind224",
    "blind225",
    "blind226",
    "blind227",
    "blind228",
    "blind229",
    "blind230",
    "blind231",
    "blind232",
    "blind233",
    "blind234",
    "blind235",
    "blind236",
    "blind237",
    "blind238",
    "blind239",
    "blind240",
    "blind241",
    "blind242",
    "blind243",
    "blind244",
    "blind245",
    "blind246",
    "blind247",
    "blind248",
    "blind249",
    "blind250",
    "blind251",
    "blind252",
    "blind253",
    "blind254",
    "blind255",
    "blind256",
    "blind257",
    "blind258",
    "blind259",
    "blind260",
    "blind261",
    "blind262",
    "blind263",
    "blind264",
    "blind265",
    "blind266",
    "blind267",
    "blind268",
    "blind269",
    "blind270",
    "blind271",
    "blind272",
    "blind273",
    "blind274",
    "blind275",
    "blind276",
    "blind277",
    "blind278",
    "blind279",
    "blind280",
    "blind281",
    "blind282",
    "blind283",
    "blind284",
    "blind285",
    "blind286",
    "blind287",
    "blind288",
    "blind289",
    "blind290",
    "blind291",
    "blind292",
    "blind293",
    "blind294",
    "blind295",
    "blind296",
    "blind297",
    "blind298",
    "blind299",
    "blind300",
    "blind301",
    "blind302",
    "blind303",
    "blind304",
    "blind305",
    "blind306",
    "blind307",
    "blind308",
    "blind309",
    "blind310",
    "blind311",
    "blind312",
    "blind313",
    "blind314",
    "blind315",
    "blind316",
    "blind317",
    "blind318",
    "blind319",
    "blind320",
    "blind321",
    "blind322",
    "blind323",
    "blind324",
    "blind325",
    "blind326",
    "blind327",
    "blind328",
    "blind329",
    "blind330",
    "blind331",
    "blind332",
    "blind333",
    "blind334",
    "blind335",
    "blind336",
    "blind337",
    "blind338",
    "blind339",
    "blind340",
    "blind341",
    "blind342",
    "blind343",
    "blind344",
    "blind345",
    "blind346",
    "blind347",
    "blind348",
    "blind349",
    "blind350",
    "blind351",
    "blind352",
    "blind353",
    "blind354",
    "blind355",
    "blind356",
    "blind357",
    "blind358",
    "blind359",
    "blind360",
    "blind361",
    "blind362",
    "blind363",
    "blind364",
    "blind365",
    "blind366",
    "blind367",
    "blind368",
    "blind369",
    "blind370",
    "blind371",
    "blind372",
    "blind373",
    "blind374",
    "blind375",
    "blind376",
    "blind377",
    "blind378",
    "blind379",
    "blind380",
    "blind381",
    "blind382",
    "blind383",
    "blind384",
    "blind385",
    "blind386",
    "blind387",
    "blind388",
    "blind389",
    "blind390",
    "blind391",
    "blind392",
    "blind393",
    "blind394",
    "blind395",
    "blind396",
    "blind397",
    "blind398",
    "blind399",
    "blind400",
    "blind401",
    "blind402",
    "blind403",
    "blind404",
    "blind405",
    "blind406",
    "blind407",
    "blind408",
    "blind409",
    "blind410",
    "blind411",
    "blind412",
    "blind413",
    "blind414",
    "blind415",
    "blind416",
    "blind417",
    "blind418",
    "blind419",
    "blind420",
    "blind421",
    "blind422",
    "blind423",
    "blind424",
    "blind425",
    "blind426",
    "blind427",
    "blind428",
    "blind429",
    "blind430",
    "blind431",
    "blind432",
    "blind433",
    "blind434",
    "blind435",
    "blind436",
    "blind437",
    "blind438",
    "blind439",
    "blind440",
    "blind441",
    "blind442",
    "blind443",
    "blind444",
    "blind445",
    "blind446",
    "blind447",
    "blind448",
    "blind449",
    "blind450",
    "blind451",
    "blind452",
    "blind453",
    "blind454",
    "blind455",
    "blind456",
    "blind457",
    "blind458",
    "blind459",
    "blind460",
    "blind461",
    "blind462",
    "blind463",
    "blind464",
    "blind465",
    "blind466",
    "blind467",
    "blind468",
    "blind469",
    "blind470",
    "blind471",
    "blind472",
    "blind473",
    "blind474",
    "blind475",
    "blind476",
    "blind477",
    "blind478",
    "blind479",
    "blind480",
    "blind481",
    "blind482",
    "blind483",
    "blind484",
    "blind485",
    "blind486",
    "blind487",
    "blind488",
    "blind489",
    "blind490",
    "blind491",
    "blind492",
    "blind493",
    "blind494",
    "blind495",
    "blind496",
    "blind497",
    "blind498",
    "blind499",
    "blind500",
    "blind501",
    "blind502",
    "blind503",
    "blind504",
    "blind505",
]
# Splits read whole from pii_<name>_<split>.jsonl: all but the halves of pii_<name>.jsonl.
HALVES = ("tune", "held_out", "all")
OWN_FILE: tuple[str, ...] = tuple(s for s in get_args(Split) if s not in HALVES)


class MissingCorpus(FileNotFoundError):
    """A corpus file that is not in this checkout (the fresh corpus is merged separately)."""


@dataclass(frozen=True)
class Sample:
    id: str
    lang: str
    text: str
    pii: tuple[tuple[str, str], ...] = ()  # (kind, the personal string as written)

    @property
    def split(self) -> str:
        return "tune" if hashlib.sha256(self.id.encode()).digest()[0] % 2 == 0 else "held_out"


def load(name: Literal["personal", "clean"], split: Split = "all") -> list[Sample]:
    """The ``name`` prompts of ``split``: the tuning or held-out half, both, or the whole probe or
    fresh corpus (a file of its own; :class:`MissingCorpus` when it is not there)."""
    path = DATA / (f"pii_{name}_{split}.jsonl" if split in OWN_FILE else f"pii_{name}.jsonl")
    if not path.is_file():
        raise MissingCorpus(
            f"{path} does not exist: the fresh corpus (pii_personal_fresh.jsonl and "
            "pii_clean_fresh.jsonl, same JSONL format) is written independently and merged on "
            "its own; add both files to tests/routing/data/ to measure on it"
            if split == "fresh"
            else f"{path} does not exist"
        )
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        pii = tuple((kind, value) for kind, value in raw.get("pii", []))
        samples.append(Sample(raw["id"], raw["lang"], raw["text"], pii))
    return [s for s in samples if split == "all" or split in OWN_FILE or s.split == split]


class Span(Protocol):
    start: int
    end: int


def covered(text: str, value: str, spans: Sequence[Span]) -> bool:
    """Whether every letter and digit of ``value`` (each occurrence) lies inside a finding:
    a half-redacted name or a card with its last digits left is not protected."""
    start = text.find(value)
    while start != -1:
        for i in range(start, start + len(value)):
            if text[i].isalnum() and not any(s.start <= i < s.end for s in spans):
                return False
        start = text.find(value, start + 1)
    return True


@dataclass
class Score:
    prompts: int = 0
    flagged: int = 0  # prompts with at least one finding (local mode keeps them local)
    protected: int = 0  # prompts whose every personal string is covered or that stay local
    values: dict[str, list[int]] = field(default_factory=dict)  # kind -> [covered, total]
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # id, kind, value


Scan = Callable[[str], tuple[Sequence[Span], bool]]  # text -> (findings, keep local anyway)


def score_personal(samples: list[Sample], scan: Scan) -> Score:
    score = Score()
    for sample in samples:
        spans, keep_local = scan(sample.text)
        score.prompts += 1
        score.flagged += bool(spans) or keep_local
        ok = True
        for kind, value in sample.pii:
            hit = covered(sample.text, value, spans)
            tally = score.values.setdefault(kind, [0, 0])
            tally[0] += hit
            tally[1] += 1
            if not hit:
                score.misses.append((sample.id, kind, value))
                ok = False
        score.protected += ok or keep_local
    return score


def false_positives(samples: list[Sample], scan: Scan) -> list[Sample]:
    return [s for s in samples if scan(s.text)[0]]


def strings_of(scanner: PiiScanner, text: str, entity: str) -> list[str]:
    """The strings of ``text`` the scanner found as ``entity`` (for the per-class tests)."""
    return [text[f.start : f.end] for f in scanner.scan(text) if f.entity == entity]
