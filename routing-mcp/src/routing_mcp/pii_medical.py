"""Health facts tied to a person (MEDICAL): a lexicon term near a person.

A condition, medication or treatment (``data/medical_terms.txt``, EN/DE/FR/ES/IT/NL; see
data/MEDICAL.md) is personal data when it is said of someone: a pronoun or possessive of the six
languages ("my wife's insulin", "mein Sohn hat Asthma", "il a une gastro"), a diagnosis verb ("he
was diagnosed with"), an age ("a 78-year-old with Parkinson's"), or a name the name rules found,
in the same sentence or the one before. A general question ("what are the early signs of
dementia?") has none of them and stays clean.

The lexicon is matched word by word (sets and a prefix table), not as one regex alternation of
hundreds of terms: a megabyte is then a single pass over its words.
"""

from __future__ import annotations

import bisect
from collections.abc import Container
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import regex

from routing_mcp import pii_known, pii_medical_phrases
from routing_mcp.pii_lexicon import a_given_name, english_words, fold, only_a_given_name
from routing_mcp.pii_medical_phrases import DOSE

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’/-]*")
_ELISION = regex.compile(r"^(?:[ldjmnst]|qu)['’]", regex.IGNORECASE)

# Someone the fact is about: pronouns, possessives, "has"-verbs of the six languages, a
# diagnosis, an age. Whole words only (a single regex over the window around a term). Not the
# object pronouns: "explain to me" / "erkläre mir" / "explique-moi" name the one who asks; nor
# a third person's "has" ("chi ha il diabete", "wie heeft migraine": anyone who has it) or Dutch
# "zijn" (also "are").
_PERSON_CUE = regex.compile(
    # "I", and a lower-case "i" that is the pronoun: "i'm", "i've", "i had", "i started"
    r"(?-i:\bI\b)|\bi(?:['’](?:m|ve|d)|\s+(?:have|had|am|was|take|took|got|suffer|started|"
    # (round 44: "i keep falling asleep after starting amitriptyline", "i need", "i feel")
    r"stopped|keep|kept|need|needed|feel|felt|get|use|used|went|tried|just|also|still|really|"
    r"can['’]?t|don['’]?t|didn['’]?t|cant|dont|didnt))\b|"
    # German without "ich" at a sentence's start: "Bin Diabetiker Typ 2", "Habe seit Jahren ..."
    r"(?-i:(?:^|(?<=[.!?\n]\s{0,2}))(?:Bin|Habe|Hab|Nehme)\s)|\bbin\s+\d|"
    # (session 19: in lower case too at the text's start, "hab histaminintoleranz")
    r"(?-i:^(?:hab|habe|nehme)\s)|"
    # (round 56: "bin seit letztem jahr auf allopurinol", lower case anywhere)
    r"\bbin\s+(?:seit|schon|auf|gerade|wieder|jetzt)\b|"
    # first-person verbs of Spanish, Italian, French and Dutch without the pronoun
    r"\b(?:estoy|estaba|me\s+han|me\s+dieron|me\s+(?:l[oa]s?\s+)?recetaron|"
    # (round 105: prescribed to him, her or us, "El médico le recetó permetrina")
    r"(?:le|les|nos)\s+(?:ha\s+|han\s+)?recet(?:ó|aron|ado)|prendo|soffro|"
    r"mi\s+hanno|"
    # round 37: the English question "am I ...", and "im" for "I'm" before an English word
    r"am\s+i|(?-i:im\s+(?:a|an|on|so|still|really|allergic|pregnant))|"
    # (session 19: "im 7 months post partum"; not German "im 7. Monat")
    r"(?-i:im\s+\d{1,2}\s+(?:months?|weeks?|wks?|days?))|"
    r"me\s+ha\s+(?:recetado|diagnosticado|operado|dicho)|llevo|tengo|"
    r"sono\s+(?:in\s+cura|incinta|stat[oa]|malat[oa]|allergic[oa]|diabetic[oa]|celiac[oa])|"
    r"j['’]ai|je\s+suis|je\s+prends|ik\s+ben|ik\s+heb|ik\s+neem)\b|"
    r"\b(?:my|mine|myself|he|she|him|his|her|hers|he's|she's|"
    r"we|our|mum|mom|dad|grandma|grandpa|"
    # (round 53: the other grandparents' words, "Grandad's cardiology appointment")
    r"grandad|granddad|granny|grandmother|grandfather|nana|grampy|grampa|gramps|"
    # (round 100: "gran" by its possessive only, not Spanish "gran", great: "gran's cyst")
    r"gran['’]s|"
    r"ich|mein\w*|er|sein\w*|ihre[mnrs]?|unser\w*|mama|papa|oma|opa|"
    # (round 86: not the pronoun a French question inverts after its verb, which stands for
    # the thing asked about: "La dystonie est-elle héréditaire ?", "se transmet-elle")
    # (round 99: not the Dutch "je", you, after a Dutch verb: "Hoe lang mag je een neusspray";
    # round 100: nor before a Dutch article or pronoun, "Hoe onderscheid je een likdoorn")
    r"j['’]|(?<!\b(?:mag|kan|moet|wil|zal|kun|zou|heb|ben|hoef|mogen|moeten)\s)je"
    r"(?!\s+(?:een|de|het|dat|die|deze|dit|van|met|zo|nog|ook|niet|wel|er|hem|ze|jouw|uw|dan|"
    r"toch)\b)|mon|ma|mes|(?<!-)elle|lui|sa|ses|notre|nos|maman|mamie|papi|"
    # round 57: the other grandparents' and the in-laws' words ("papy a un appareil auditif",
    # "Schwiegermutter hat Arthrose")
    # (round 100: not a folk remedy's grandmother, "des remèdes de grand-mère contre les verrues")
    r"papy|mamy|pépé|mémé|(?<!remèdes?\s+de\s+)grand-mère|grand-père|schwiegermutter|"
    r"schwiegervater|"
    r"schwiegereltern|belle-mère|beau-père|suegr[oa]|suocer[oa]|schoonmoeder|schoonvader|"
    r"(?:mother|father|sister|brother)[- ]in[- ]law|"
    # French "son" (his), not Spanish "son" (are): "cuáles son los síntomas"
    # (round 97: nor before an adverb or an adjective, "¿Qué son exactamente las hemorroides?")
    r"son(?!\s+(?:los|las|el|la|un|una|unos|unas|muy|más|de|del|como|para|tan|exactamente|"
    r"realmente|normalmente|normales|comunes|frecuentes|graves|peligros[oa]s|contagios[oa]s|"
    r"hereditari[oa]s|tod[oa]s|es[oa]s|est[oa]s|sus|mis|iguales|diferentes|distint[oa]s)\b)|"
    r"yo|mi|mis|tengo|él|ella|sus|nuestr[oa]s?|abuel[oa]|"
    r"io|mio|mia|miei|mie|ho|lei|suo|sua|nostr[oa]|nonn[oa]|"
    r"ik|mijn|hij|zij|haar|onze|heb|oma|opa|"
    r"diagnosed|diagnostiziert|festgestellt|diagnostiqué\w*|diagnosticad[oa]s?|"
    r"diagnosticat[oa]|"
    r"gediagnosticeerd|patient|patientin|patiente|paciente|paziente|pt(?=\s*:))\b"
    # a clinician's verdict is about a patient: "the doctor said it's probably asthma"
    r"|\b(?:doctor|gp|nurse|consultant|specialist|paediatrician|pediatrician|dermatologist|"
    # (round 97: and the surgeon's, "the surgeon says thats why", "Le chirurgien dit que")
    r"surgeon|chirurg|chirurgin|chirurgien|cirujano|cirujana|chirurgo|"
    r"arzt|ärztin|kinderarzt|médecin|pédiatre|médico|pediatra|medico|dokter|huisarts)\s+"
    r"(?:said|says|thinks|suspects|confirmed|told us|sagt|sagte|meint|a dit|dit|pense|dice|dijo|"
    r"cree|ha detto|dice che|zegt|denkt|"
    # (round 105: or what the clinician gave or prescribed someone, "GP gave me permethrin")
    r"gave\s+(?:me|us|him|her|them)|prescribed\s+(?:me|us|him|her|them)|"
    r"put\s+(?:me|us|him|her|them)\s+on)\b"
    r"|\b\d{1,3}[- ](?:year-old|years? old|yo|jährige[rn]?|jahre alt|ans|años|anni|jaar)\b"
    # round 105: a German relative as the subject without "mein" ("bruder hat sich ... nen
    # sonnenstich geholt", "Schwester ist seit gestern ...")
    r"|\b(?:bruder|schwester|sohn|tochter|kind|enkel|enkelin)\s+(?:hat|hatte|ist|war|nimmt|"
    r"bekommt|kriegt|kann)\b"
    # round 55: the writer compared with someone ("when you're on ramipril like me", "wie ich")
    r"|\b(?:like|as|than)\s+(?:me|mine|myself)\b|\bwie\s+(?:ich|mich|bei\s+mir)\b|"
    r"\bcomme\s+moi\b|\bcomo\s+yo\b|\bcome\s+me\b|\bzoals\s+ik\b"
    # round 76: a German parent's or grandparent's genitive ("aus Papas Ileostoma", "Omas
    # Tabletten"; capitalised: not Spanish "papas", potatoes)
    r"|(?-i:\b(?:Papas|Mamas|Omas|Opas|Vaters|Mutters)\b)"
    # round 97: a parent's without the apostrophe before a noun ("for dads diagnosis", "mums
    # piles"), and the Spanish parents with their accent ("las hemorroides de papá"); round 98:
    # the Italian ones ("papà ha fatto l'infiltrazione alla spalla")
    r"|\b(?:mums|moms|dads|nans)\s+(?=\p{Ll})|\b(?:papá|mamá|papà|mamma)(?!\p{L})"
    # round 77: Spanish "su" before a relative ("su padre murió de un infarto"; not Italian
    # "su", about)
    r"|\bsu\s+(?:padre|madre|hij[oa]|marido|mujer|espos[oa]|herman[oa]|abuel[oa]|novi[oa]|"
    r"pareja)\b",
    regex.IGNORECASE,
)
# A sentence ends at ., !, ? or a line break; the window is this sentence and the one before.
_SENTENCE_END = regex.compile(r"[.!?]\s|\n")
_WINDOW_BEFORE, _WINDOW_AFTER = 160, 80

# What belongs to a term: "type 1", "stage 2", "beginnende", "complications", "de la prostate",
# "allergies: peanuts", "Kreuzband gerissen".
_BEFORE = regex.compile(
    r"(?i)(?:\b(?:diagnosed with|diagnostiziert mit|diagnostiquée? (?:avec|d['’]une?)|"
    r"diagnosticad[oa] (?:con|de)|diagnosticat[oa] (?:con|di))\s+(?:an?\s+|une?\s+)?|"
    r"\b(?:type|typ|tipo)\s*(?:[12]|i{1,2})\s+|"
    r"\bstage\s+\w{1,3}\s+|"
    rf"\b{DOSE}\s+(?:of\s+)?|"
    r"\b(?:starting|started|taking|takes|on|nimmt|prend|toma|prende|neemt)\s+(?=\p{L})|"
    r"\b\p{L}+-(?:induced|onset|stage|related|dependent|resistant)\s+|"
    r"\b(?:early|early-onset|late|severe|mild|chronic|acute|advanced|beginnende[nr]?|"
    r"leichte[nr]?|schwere[nr]?|chronische[nr]?|akute[nr]?|sévère|chronique|grave|crónic[oa]|"
    r"lieve|ernstige|cronic[oa]|psoriatic|rheumatoid|atopic|generali[sz]ed|sickle cell|"
    r"bicuspid|exercise-induced|early-stage|late-stage|end-stage)\s+)$"
)
_AFTER = regex.compile(
    r"(?i)^(?:\s+(?:type|typ|tipo|stage|stadium|stade|grade|grado)\s*[\divx]{1,3}\b|"
    r"\s+(?:disease|disorder|syndrome|complications?|pump|surgery|operation|attack|"
    r"medication|gerissen|riss|operiert|cassée?|rotta?|roto)\b|"
    r"\s+(?:of the|du|de la|des|del|della|di|der)\s+\p{L}+|"
    r"(?-i:\s+(?:I{1,3}|IV)\b)|"  # bipolar II
    rf"\s*,?\s+(?:to\s+)?{DOSE}|\s+\d{{1,4}}\b(?![.,:/]\d)|"  # a dose: "amlodipine 5mg", "ASS 100"
    r"\s*\(\d{1,2}\.?\s*SSW\)|\s*\((?:rash|hives|anaphylaxis|Ausschlag|urticaire)\)|"
    r"\s+(?:twice|once|three times)\s+(?:a\s+)?(?:day|daily|week|weekly)|"
    r"\s+(?:im\s+\p{L}*stadium|mit\s+aura|with(?:out)?\s+aura|atopique|atopic|"
    r"généralisée?|generalizad[oa]|generalizzat[oa]|ferriprive|ferropénica|sideropenica|"
    r"chronique|crónica|cronica|laterale amiotrofica|latérale amyotrophique|"
    r"lateral amiotrófica|radiating to \p{L}+ \p{L}+|on (?:his|her|my) (?:left|right) \p{L}+)\b)"
)
# After an allergy or intolerance: what to ("allergies: peanuts", "allergisch gegen Nüsse"); a
# list only as far as its "and" ("to shellfish and sesame, plan ..." ends at sesame).
_ALLERGEN = regex.compile(
    r"(?i)^\s*(?::|to|against|gegen|auf|à|aux?|al|a)\s+[\p{L}-]+"
    r"(?:(?:,\s*[\p{L}-]+){0,3},?\s+(?:and|or|und|oder|et|ou|y|o|e|en)\s+[\p{L}-]+)?"
)
_ALLERGY = ("allerg", "intoler", "unverträglich", "intolérant")


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]  # one-word terms, case-folded
    stems: frozenset[str]  # one-word terms ending in *
    suffixes: frozenset[str]  # one-word terms starting with *: INN stems, compound heads
    english: Container[str]  # ordinary English words (a suffix alone does not make a term)
    suffix_lengths: tuple[int, ...]
    acronyms: frozenset[str]  # upper-case terms, matched as written
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the terms it starts


@cache
def lexicon() -> Lexicon:
    text = (files("routing_mcp") / "data" / "medical_terms.txt").read_text(encoding="utf-8")
    words, stems, suffixes, acronyms, phrases = set(), set(), set(), set(), {}
    for line in text.splitlines():
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        # (round 76: or in mixed case with two capitals or more, matched as written: "PrEP",
        # not the word "prep")
        if term.isupper() or (" " not in term and sum(c.isupper() for c in term) >= 2):
            acronyms.add(term)
        elif " " in term:
            parts = tuple(term.casefold().split())
            phrases.setdefault(parts[0], []).append(parts)
        elif term.startswith("*"):
            suffixes.add(fold(term[1:].casefold()))
        elif term.endswith("*"):
            stems.add(term[:-1].casefold())
        else:
            words.add(term.casefold())
    return Lexicon(
        frozenset(words),
        frozenset(stems),
        frozenset(suffixes),
        english_words(),  # the name rules' set, loaded once
        tuple(sorted({len(x) for x in suffixes})),
        frozenset(acronyms),
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
    )


def _stemmed(word: str, stems: frozenset[str]) -> bool:
    return any(word[:n] in stems for n in range(3, len(word) + 1))


_MIN_BEFORE_SUFFIX = 4  # letters before an INN stem or a compound head ("enal|april", not "April")


def _suffixed(word: str, lex: Lexicon) -> bool:
    """A word ending in an INN stem or a compound head, with a language's final vowel dropped
    (amlodipino, sertralina, metformine), that is no ordinary English word ("semicolon")."""
    if len(word) < 7 or not word.isalpha() or word in lex.english:
        return False
    folded = word if word.isascii() else fold(word)
    if folded.endswith(_NOT_A_DISEASE):
        return False
    forms = (folded, folded[:-1]) if folded[-1] in "aeo" else (folded,)
    return any(
        form[-n:] in lex.suffixes
        for form in forms
        for n in lex.suffix_lengths
        if len(form) - n >= _before_suffix(n)
    )


# Round 73: words in -osis of the other languages that name no disease, for the "-osis" stem
# ("simbiosis", "metamorfosis", "apoteosis", "hipnosis", a medicine's "dosis"; a diagnosis).
_NOT_A_DISEASE = (
    "biosis",
    "morfosis",
    "morphosis",
    "teosis",
    "gnosis",
    "pnosis",
    "osmosis",
    "dosis",
    "mitosis",
    "meiosis",
)


def _before_suffix(n: int) -> int:
    """Letters needed before a suffix of ``n`` letters: fewer before a long INN stem
    ("lo|sartan", "val|sartan"), four before a short one ("enal|april", never "A|pril")."""
    return 2 if n >= 6 else 3 if n == 5 else _MIN_BEFORE_SUFFIX


@lru_cache(maxsize=65_536)  # a pasted log repeats the same words thousands of times
def _spelled_elsewhere(word: str, words: frozenset[str]) -> bool:
    """A medicine of the lexicon as Spanish, Italian or German spell its international name:
    "sertralina", "Sertralin" for "sertraline" (the English "-ine" becomes "-ina" and "-in")."""
    if len(word) < 7:
        return False
    if word.endswith("ina"):
        return word[:-1] + "e" in words
    if word.endswith("ine") and len(word) >= 8:
        # round 44: French adds an "e" to the English "-in": "prégabaline", "metformine"
        return fold(word)[:-1] in words
    return word.endswith("in") and word + "e" in words


def _single(raw: str, word: str) -> bool:
    """Whether one word is a term: an acronym as written, a word, a stem, an INN stem or a
    compound head, or the last part of a hyphenated word ("Knie-OP", "L-Thyroxin",
    "Marfan-Syndrom")."""
    lex = lexicon()
    if raw in lex.acronyms:
        return True
    if raw.isupper() and len(raw) <= 4:
        return False  # an upper-case short word is an acronym or nothing ("AIDS", not "aids")
    last = word.rsplit("-", 1)[-1]
    return (
        word in lex.words
        # round 47: a term with an accent its English spelling lacks ("méthadone", "codeína")
        or (
            not word.isascii()
            and ((folded := fold(word)) in lex.words or _spelled_elsewhere(folded, lex.words))
        )
        or _clinical(word)
        or _plural(word, lex.words)
        or _spelled_elsewhere(word, lex.words)
        or _stemmed(word, lex.stems)
        or _suffixed(word, lex)
        or (last != word and (last in lex.words or _stemmed(last, lex.stems)))
        # round 47: a compound head after a hyphen, a name or a part before it
        # ("Marfan-Syndrom", "Knie-Prothese", "Herz-Erkrankung")
        or (last != word and len(word) - len(last) > 3 and fold(last) in lex.suffixes)
        # round 51: a term before what it caused ("chemo-related hair loss", "Cortison-bedingte")
        or (
            (last in _CAUSED or last in _HAS_IT)
            and (
                (first := word.split("-", 1)[0]) in lex.words
                or _stemmed(first, lex.stems)
                # (round 91: an inflammation by its suffix, "Uveitis-Schub", in any spelling,
                # "uveïtis-opvlamming")
                or _clinical(fold(first))
                # (round 76: a medicine as German spells it, "Duloxetin-Erhöhung")
                or _spelled_elsewhere(first, lex.words)
            )
        )
    )


# What a term caused or goes with, as the head of a hyphenated word after it.
_CAUSED = frozenset(
    str.split(
        "related induced associated caused triggered linked bedingt bedingte bedingter bedingten "
        "bedingtes induziert induzierte induit induite induits induites lié liée liés liées "
        "relacionado relacionada relacionados relacionadas inducido inducida correlato "
        "correlata indotto indotta gerelateerd"
    )
)


# Round 63: who has a term or what it brings, as the head of a hyphenated word after it
# ("Zöliakie-Patientin", "MS-Schub", "Migräne-Attacke", "Diabetes-Diagnose"); round 66: a test
# or a treatment of it ("Hepatitis-C-Testung").
_HAS_IT = frozenset(
    str.split(
        "patient patientin patienten patients patiente patiënt patiënte paciente paziente kranke "
        "kranker kranken erkrankte erkrankter betroffene betroffener diät diagnose diagnosis "
        "diagnostic schub anfall anfälle attacke attacken attack attacks crise "
        # round 66: a test or a treatment of it ("Hepatitis-C-Testung")
        "testung behandlung "
        # round 68: its booster or titre ("Hepatitis-B-Auffrischung", "Hepatitis-B-Titer")
        "auffrischung titer "
        # round 76: a medicine's dose raised, lowered or changed ("nach der Duloxetin-Erhöhung")
        "erhöhung reduktion reduzierung umstellung einnahme dosierung "
        # round 82: its values and its card ("ihre Marcumar-Werte", "der Marcumar-Pass")
        "wert werte pass ausweis "
        # round 85: its findings and its stones ("der Nierenstein-Befunde", "Calciumoxalat-Steine")
        "befund befunde steine "
        # round 91: its flare in Dutch and English ("een uveïtis-opvlamming", "arthritis-flare")
        "opvlamming opflakkering flare flares flareup "
        # round 97: its operation and the care after it ("die Bunion-OP meines Mannes", "ihre
        # Hallux-valgus-OP", "Hallux-OP Nachsorge")
        "op operation operationen nachsorge "
        # round 98: a medicine's form ("Nitrofurantoin-Saft", "Cortison-Salbe")
        "saft salbe creme tabletten tablette tropfen kapseln spritze spritzen pflaster infusion "
        # round 100: its removal ("die Ganglion-Entfernung meiner Frau")
        "entfernung"
    )
)


# The suffixes of clinical Greek and Latin that name an operation, an inflammation, a disease or
# a malformation in each of the six languages (round 34: "my appendectomy", "hip dysplasia"),
# terms whatever the lexicon lists, ordinary English words too: no everyday word ends so.
_CLINICAL = regex.compile(
    # (round 51: and an incision, "-otomy": "une trachéotomie", "episiotomy")
    # (round 76: and the German stoma itself, "-ostoma": "Ileostoma", "Kolostoma", "Urostoma")
    r"(?:[a-zà-ÿ]{2,}(?:itis|itiden|ectom(?:y|ies|ie|ía|ia)|ektomie|ostom(?:y|ies|ie|ía|ia|a|as|en)|"
    r"otom(?:y|ies|ie|ía|ia)|"
    r"opath(?:y|ies|ie|ía|ia)|opat(?:ía|ia)|plegi(?:a|e)|dysplas(?:ia|ie|ien)|displasia|plast(?:y|ies)|"
    # (round 87: and a look inside, "-oscopy": "a sialendoscopy", "une cystoscopie"; not a
    # laboratory's, "microscopy", "spectroscopy", "stereoscopy")
    r"(?<!micr|spectr|spettr|espectr|stere|kaleid|caleid)oscop(?:y|ies|ie|ía|ia)|"
    # (round 88: a substance in the urine, "-uria": "phenylketonuria", "Phenylketonurie",
    # "haematuria"; and a level in the blood too high or too low, "hyperphenylalaninemia")
    r"[a-zà-ÿ]{2}uri(?:a|e|en)|"
    # (round 92: a weakness, "-paresis": "gastroparesis", "Gastroparese", "gastroparésie",
    # "hemiparesis")
    r"pares(?:is|es|e|ie|ia|i))"
    r"|(?:hyper|hypo)[a-zà-ÿ]{3,}(?:a?emia|ämie|émie|emie)"
    r"|[a-zà-ÿ]{4,}(?:algia|algie|algien))$"
)
# (and a horse's hoof disease: "my mare has laminitis")
_NOT_CLINICAL = frozenset(
    {"nostalgia", "nostalgie", "dichotomy", "telepathy", "empathy", "laminitis", "hufrehe"}
    # (round 88: places and a Roman company in "-uria" with four letters before it, as the
    # suffix needs; "Liguria", "penuria" have three and never match)
    | {"manchuria", "mandchourie", "centuria"}
    # (round 51: a division in two, not an incision)
    | {"dichotomie", "dicotomía", "dicotomia", "dichotomies"}
)


def _clinical(word: str) -> bool:
    return _CLINICAL.match(word) is not None and word not in _NOT_CLINICAL


def _plural(word: str, words: frozenset[str]) -> bool:
    """An English plural of a one-word term ("my son's inhalers", "her crutches"; round 24), and
    a German one of a noun in -ung, -heit, -keit, -ion or -e ("Schlafstörungen",
    "Entzündungen", "Blutungen"; round 36)."""
    return (
        len(word) > 5
        and (
            (word.endswith("s") and word[:-1] in words)
            or (word.endswith("es") and word[:-2] in words)
            or (word.endswith("en") and word[:-2].endswith(_GERMAN_EN) and word[:-2] in words)
            or (word.endswith("en") and word[:-1] in words and word[:-1].endswith("e"))
            # round 44: a German plural in -e of a compound ("Zahnimplantate", "Hörgeräte" of
            # "Hörgerät"), nine letters or more
            or (len(word) >= 9 and word.endswith("e") and word[:-1] in words and word[-2] != "e")
        )
    )


_GERMAN_EN = ("ung", "heit", "keit", "ion")


# Terms that are also a thing's name after a determiner (round 21): French "enceinte" is
# pregnant, and "une enceinte connectée" a speaker; "elle est enceinte", "femme enceinte" stay.
_THING_AFTER_DETERMINER = frozenset({"enceinte", "enceintes"})
_DETERMINERS = frozenset(
    str.split(
        "une un des les mon ma ton ta son sa notre votre nos vos leur leurs mes tes ses cette ces "
        "nouvelle petite grande deux trois"
    )
)


def _a_thing(raw: str, elided: bool, previous: str | None) -> bool:
    """The noun, not the health term: "l'enceinte", "une enceinte", "nos enceintes"."""
    return raw.casefold() in _THING_AFTER_DETERMINER and (
        elided or (previous is not None and previous.casefold() in _DETERMINERS)
    )


# Multiple sclerosis by its two letters, only where someone has it and no product follows ("Mum
# has MS and can't work", "diagnosed with MS"; not "has MS Office", "MS-DOS"; session 19).
# Round 57: also someone's ("my husband's MS is flaring", not "my MS account"), and German ADD
# and Italian, French and Spanish ALS by theirs after their languages' "has" ("Mein Sohn hat
# ADS", "mia madre ha la SLA", "tiene ELA").
# (round 93: what follows letters that are a camera's, a plan's or a word's, not an illness:
# "HD footage", "CF cards", "AF points", "ALL the answers")
# (the letters without which _MS cannot match: a substring test skips it at once)
_MS_LETTERS = tuple(str.split("MS ADS LA ME CF HD EPP HS PMR AF ALL AML CLL CML RLS"))
_NOT_THE_ILLNESS = (
    r"\s+(?:footage|videos?|tv|cameras?|content|movies?|films?|quality|versions?|streams?|"
    r"resolution|screens?|display|channels?|recordings?|photos?|pictures?|audio|webcam|cards?|"
    r"storage|drives?|plan|subscription|account|package|dns|proxy|tunnel|workers?|pages|lens|"
    r"lenses|motor|points?|assist|mode|speed|system|the|of|my|your|his|her|our|their|these|"
    r"those|this|that|its|kinds?|sorts?|types?|rights?|day|night|week|year|along|over|around|"
    r"together|set|ready|done|good|fine)\b"
)
_KIN_OWNS = (
    r"mum|mom|dad|father|mother|husband|wife|partner|son|daughter|brother|sister|grandma|"
    r"grandpa|grandad|granny|nan|gran|aunt|uncle|cousin|nephew|niece|baby|kid|child|friend"
)
_MS = regex.compile(
    r"(?:\b(?:diagnosed with|has|have|had|got|hat|hab|habe|heeft|heb|tiene|tengo|ho|"
    r"living with|lives with)|['’]s|\b(?:my|his|her|their|our))\s+"
    # (round 88: and erythropoietic protoporphyria by its letters, "Er hat EPP"; not a
    # domain's transfer code, "my EPP code")
    # (round 89: and hidradenitis suppurativa by its letters, "his HS is in his groin"; not a
    # high school's, "my HS diploma", "her HS reunion", nor a customs code, "the HS code")
    # (round 90: and polymyalgia rheumatica, "nan's PMR flared"; not an airport's assistance
    # for reduced mobility, "her PMR assistance": the exclusions below)
    # (round 96: and restless legs syndrome by its letters, "Grandpa's RLS pills", "I do have
    # RLS"; not a database's row-level security, "my RLS policy", "has RLS enabled")
    r"(?-i:(MS|EPP|HS|PMR|RLS)\b(?![ \t]*(?:[-/.]\w|\p{Lu}|\d)))"
    r"(?!\s+(?:account|office|teams|word|excel|outlook|edge|store|paint|access|project|"
    r"sql|dos|windows|surface|points|rewards|login|password|subscription|licen[cs]e|key|"
    r"code|codes|auth|transfer|diploma|graduation|transcripts?|football|basketball|team|"
    r"class|classes|teachers?|friends?|sweetheart|reunion|years|days|student|students|"
    r"musical|prom|yearbook|degree|tariff|assistance|service|desk|booking|passengers?|"
    r"polic(?:y|ies)|rules?|enabled|disabled|bypass|tables?|row)\b)"
    r"|(?:\b(?:hat|habe|hab|mit|wegen)\s+(?-i:(?=ADS))|\b(?:ha|a|avec|con)\s+la\s+(?-i:(?=SLA))|"
    r"\b(?:malat[oa]|atteinte?)\s+d[ie]\s+(?:la\s+)?(?-i:(?=SLA))|\btiene\s+(?-i:(?=ELA)))"
    r"(?-i:(ADS|SLA|ELA)\b(?![ \t]*(?:[-/.]\w|\p{Lu}|\d)))"
    # (round 58: German puts the verb last, "dass ich MS habe", "weil er ADS hat")
    r"|(?-i:\b(MS|ADS))(?=\s+(?:habe|hab|hat|haben|hast|habt)\b)"
    # (round 42: or before what only the illness has, "her MS diagnosis", "my MS flare-ups")
    r"|(?-i:\b(MS|HS|PMR))\s+(?:diagnosis|flare(?:-ups?|ups?|s)?|relapses?|nurse|symptoms|"
    # (round 89: what only hidradenitis has, "an HS abscess", "his HS surgeries")
    r"abscess(?:es)?|lesions?|surgery|surgeries|wounds?|"
    # (round 76: "Your MS infusion is cancelled")
    r"medication|meds|fatigue|treatment|diagnose|schub|schübe|infusions?)\b"
    # (round 76: myalgic encephalomyelitis by its two letters, only where someone has it: "he
    # has ME", "diagnosed with ME"; not "it's ME", "give ME", "ME/CFS" is a term already)
    r"|(?:\b(?:diagnosed with|has|have|had|got|living with|lives with)|\b(?:my|his|her|their|our))"
    r"\s+(?-i:(ME)\b(?![ \t]*(?:[-/.]\w|\p{Lu}|\d)))"
    # (round 78: cystic fibrosis and Huntington's by their letters, only after a person who has
    # or got it, "i have CF", "my father got HD at 52", "she doesnt have CF"; or someone's test
    # of it, "my HD test"; not "the site has CF in front", "the TV has HD")
    r"|\b(?:i|he|she|they|dad|mum|mom|father|mother|papa|mama|brother|sister|son|daughter|"
    r"husband|wife|partner|grandma|grandpa|grandad|granny|nan|aunt|uncle|cousin|nephew|niece|"
    r"baby|toddler|friend|kid|child|who)"
    r"\s+(?:(?:also\s+|doesn['’]?t\s+|don['’]?t\s+|didn['’]?t\s+)?(?:has|have|had|got)|"
    r"was\s+diagnosed\s+with|were\s+diagnosed\s+with)\s+"
    # (round 93: and atrial fibrillation and the leukaemias by their letters, "I have AF too",
    # "my son is 4 and has ALL"; or a relative's, "my mum's AF came back")
    r"(?-i:(CF|HD|AF|ALL|AML|CLL|CML)\b(?![ \t]*(?:[-/.]\w|\d)))"
    # (not what a camera or a subscription has: "i have HD footage", "I have CF cards"; nor
    # "she has ALL the answers", "I have AF points")
    rf"(?!{_NOT_THE_ILLNESS})"
    rf"|\b(?:{_KIN_OWNS})['’]s\s+(?-i:(AF|ALL|AML|CLL|CML)\b(?![ \t]*(?:[-/.]\w|\d)))"
    rf"(?!{_NOT_THE_ILLNESS})"
    # (a leukaemia's letters after "and has", the clause's end right after: "my son is 4 and
    # has ALL, he starts ...")
    r"|\band\s+has\s+(?-i:(ALL|AML|CLL|CML))(?=\s*(?:[,.;!?)]|$)|\s+(?:and|since)\b)"
    r"|\b(?:my|his|her|their|our)\s+(?-i:(CF|HD))\s+(?:test|result|diagnosis|gene|clinic|team|"
    r"nurse|symptoms)\b",
    regex.IGNORECASE,
)


def terms(text: str) -> list[tuple[int, int]]:
    """The spans of lexicon terms and health phrases in ``text``."""
    lex = lexicon()
    tokens = list(_TOKEN.finditer(text))
    out = []
    i = 0
    while i < len(tokens):
        raw = tokens[i].group()
        elided = _ELISION.match(raw)  # French: l'asthme, d'Alzheimer
        offset = elided.end() if elided and len(raw) > elided.end() + 2 else 0
        raw = raw[offset:]
        word = raw.casefold().rstrip("'’")
        span = 0
        for phrase in lex.phrases.get(word, ()):
            # (a closing quote glued to the last word: "'j'ai une sclérose en plaques'"; round 48)
            following = [t.group().casefold().rstrip("'’") for t in tokens[i : i + len(phrase)]]
            following[:1] = [word]  # (round 57: elided, "l'insuffisance cardiaque")
            if tuple(following) == phrase:
                span = len(phrase)
                break
        cut = 0
        if not span:
            # (round 86: or a term with "'s" glued on, its owner's or "is": "my anxiety's been
            # bad", "the dystonia's worse"; the span leaves the "'s" out)
            # (not after "a": "a wheelchair's wheels" is any wheelchair's)
            previous = tokens[i - 1].group() if i else None
            if (
                word[-2:] in ("'s", "’s")
                and (previous or "").casefold() not in ("a", "an")
                and not _single(raw, word)
            ):
                raw, word, cut = raw[:-2], word[:-2], 2
            if _single(raw, word):
                span = 0 if _a_thing(raw, bool(offset), previous) else 1
        if span:
            last = tokens[i + span - 1]
            end = last.start() + len(last.group().rstrip("'’")) - cut
            out.append((tokens[i].start() + offset, end))
            i += span
        else:
            i += 1
    if any(a in text for a in _MS_LETTERS):
        # (each alternative captures its letters alone: the one group that matched; never 0)
        out += [m.span(m.lastindex or 0) for m in _MS.finditer(text)]
    return sorted(out + _phrases(text, lex))


def _phrases(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Health phrases of ordinary words, and a medicine the lexicon does not know named beside
    its dose (pii_medical_phrases)."""
    out = pii_medical_phrases.phrases(text) + pii_medical_phrases.eponyms(text, lex.english)
    for start, end, name in pii_medical_phrases.dosed(text):
        if name.casefold() not in lex.english:
            out.append((start, end))
    return out


def _window(text: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` and the one before, bounded."""
    left = max(0, start - _WINDOW_BEFORE)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    if len(ends) >= 2:
        left = ends[-2]
    after = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW_AFTER))
    right = after.start() if after else min(len(text), end + _WINDOW_AFTER)
    return text[left:start] + " " + text[end:right]


# Two terms in one fact: "sertraline for depression", "Ritalin wegen ADHS".
_JOIN = regex.compile(
    r"^\s+(?:for|against|with|wegen|gegen|mit|pour|contre|avec|para|con|per|voor|tegen)\s+"
    r"(?:(?:a|an|the|une?|la|le|el|il|een|de)\s+)?$",
    regex.IGNORECASE,
)
# The allergen before an allergy: "peanut allergy", "pollen allergies".
_ALLERGEN_BEFORE = regex.compile(r"\b\p{L}{3,}[ -]$")


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and (start <= out[-1][1] or _JOIN.match(text[out[-1][1] : start])):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(2):  # "diagnosed with", then "type 1"
        before = _BEFORE.search(text[max(0, start - 40) : start])
        if before is None:
            break
        start -= len(before.group())
    allergy = text[start:end].casefold().startswith(_ALLERGY)
    if allergy:
        allergen = _ALLERGEN_BEFORE.search(text[max(0, start - 20) : start])
        start -= len(allergen.group()) if allergen else 0
    for _ in range(3):
        after = _AFTER.match(text[end : end + 80])
        if after is None:
            break
        end += len(after.group())
    if allergy:
        allergen = _ALLERGEN.match(text[end : end + 80])
        end += len(allergen.group()) if allergen else 0
    return start, end


# The words for a vaccine or a jab, after a term: "flu jab", "HPV vaccine", "FSME-Impfung".
_VACCINES = r"jabs?|shots?|vaccines?|vaccination|impfung|vaccin|vacuna|vaccino|prik"
# A term used as a topic or a figure of speech, not a fact: "cancer research", "a stroke of luck",
# "an app for diabetes patients" ...
_NOT_A_FACT = regex.compile(
    r"(?i)[\s-]+(?:research|researchers?|charity|charities|awareness|foundation|society|"
    r"institute|trust|ribbon|screening programme|of luck|of genius|of midnight|of the pen|"
    # (round 68: a centre named for it, "a diabetes centre named after him")
    r"centres?|centers?|"
    r"patients|sufferers|patienten|malades|pacientes|pazienti|patiënten|"
    rf"{_VACCINES}|season|"
    # round 22: a device's or an app's feature ("the new sleep apnea feature", "fall detection
    # settings", "die EKG-App"), and a pandemic as a time ("Covid times")
    r"features?|detection|notifications?|alerts?|app|apps|mode|sensor|setting|settings|"
    r"tracking|function|funktion|fonction|funzione|función|times|era|rules|restrictions|"
    # round 41: a web app or page ("a hearing test web app")
    r"lockdowns?|web\s+apps?|web\s+pages?|websites?|"
    # round 67: the people who use a device as a group ("an app for hearing aid users"), a
    # hospital's department ("Neurology Outpatients, 1 Infirmary Road")
    r"users|wearers|nutzer|nutzerinnen|träger|utilisateurs|porteurs|usuarios|portadores|utenti|"
    r"portatori|gebruikers|dragers|outpatients|department|dept|abteilung|ambulanz|"
    # round 98: the condition as such ("tell the DVLA about type 1 diabetes in general")
    r"in\s+general|im\s+allgemeinen|en\s+général|en\s+general|in\s+generale|"
    r"in\s+het\s+algemeen)\b"
)
# Round 63: a vaccine someone had, their own by the possessive and an ordinal before it ("my
# second HPV jab", "her Covid booster", "seine zweite FSME-Impfung"): a health record, unlike
# "where can I get a flu jab?".
_VACCINE_AFTER = regex.compile(rf"(?i)[\s-]+(?:{_VACCINES}|boosters?)\b")
_RECEIVED = regex.compile(
    r"(?i)\b(?:my|his|her|their|our|mon|ma|sa|son|leur|mein\w*|sein\w*|ihr\w*|mi|su|"
    r"il suo|la sua|mijn|zijn|haar)\s+(?:(?:first|second|third|fourth|fifth|next|last|"
    r"\d+(?:st|nd|rd|th|e|ème|\.)?|erste\w*|zweite\w*|dritte\w*|vierte\w*|première|"
    r"deuxième|troisième|primera|segunda|tercera|prima|seconda|terza|eerste|tweede|derde)\s+)?$"
)


# The writer's possessive inside a phrase term: the phrase is theirs ("his", "her" may be a
# character's: "if Frodo had broken his ankle").
_POSSESSIVE_INSIDE = regex.compile(r"(?i)\b(?:my|our)\b")


def _received(text: str, start: int, end: int) -> bool:
    return (
        _VACCINE_AFTER.match(text, end, min(len(text), end + 30)) is not None
        and _RECEIVED.search(text, max(0, start - 40), start) is not None
    ) or (
        _DEVICE_AFTER.match(text, end, min(len(text), end + 30)) is not None
        and _OWNER_BEFORE.search(text, max(0, start - 40), start) is not None
    )


# Round 67: an app, a tracker or an alert of a term someone owns ("my wife's seizure tracking
# app", "Dad's wifi hearing aid app", "her glucose alerts"): the owner has it, unlike "a
# seizure tracking app" or "an app for diabetes patients".
_DEVICE_AFTER = regex.compile(
    r"(?i)[\s-]+(?:apps?|tracking|tracker|sensor|alerts?|alarms?|notifications?|settings|"
    r"diary|log|logs|detection|monitor)\b"
)
_OWNER_BEFORE = regex.compile(
    r"(?i)(?:\b(?:my|his|her|mein\w*|sein\w*|ihre[mnrs]?|mon|ma|mes|son|sa|ses|mi|mis|mijn|"
    r"zijn|haar)|(?-i:\b\p{L}+['’]s))\s+(?:[\p{L}-]+\s+){0,2}$"
)


# A pandemic named as a time ("during Covid", "pendant le Covid", "während Corona").
_PANDEMIC_TIME = regex.compile(
    r"(?i)\b(?:during|since|before|after|pre|post|pendant|depuis|avant|après|während|seit|"
    r"vor|nach|durante|desde|antes de|después de|dopo|prima del|tijdens|sinds|voor|na)\s+"
    r"(?:the\s+|le\s+|la\s+|el\s+|il\s+|de\s+)?$"
)
# A stutter of a picture or a sound, not of speech: "the stutter in my video playback", "my
# Jellyfin playback stutters on 4K" (round 43); a media word in the same sentence.
_SENTENCE_STOP = regex.compile(r"[.!?\n]")
_STUTTER = frozenset({"stutter", "stutters", "stuttering", "stottern", "stottert", "stottere"})
_MEDIA = regex.compile(
    r"\b(?:video|videos|playback|stream|streams|streaming|audio|sound|game|games|gaming|fps|"
    r"frames?|framerate|frame rate|jellyfin|plex|emby|kodi|tv|hdmi|4k|1080p|transcod\w*|"
    r"player|movie|film|bild|wiedergabe|ton|spiel|vidéo|lecture)\b",
    regex.IGNORECASE,
)


def _media_stutter(text: str, start: int, end: int) -> bool:
    """The term is a stutter and its sentence names a picture, a sound or a player."""
    if text[start:end].casefold() not in _STUTTER:
        return False
    before = _SENTENCE_STOP.split(text[max(0, start - 80) : start])[-1]
    after = _SENTENCE_STOP.split(text[end : end + 80])[0]
    return _MEDIA.search(f"{before} {after}") is not None


_PANDEMICS = frozenset({"covid", "covid-19", "corona", "coronavirus", "pandemic", "pandemie"})
# ... or what a text or a question is about: "a blog post about sickle cell disease", "un livre
# sur la dépression", "my thesis on brain tumours", "the genetics of asthma". Not "about his
# diabetes", "about Ellie's allergy" (someone between: see _topic).
_TOPIC_BEFORE = regex.compile(
    r"(?i)\b(?:about|regarding|concerning|sur|über|sobre|sulla|sul|sullo|sugli|sulle|"
    r"(?:thesis|essay|article|paper|talk|book|presentation|course|post|lecture|report|study|"
    r"project|blog|podcast|video|seminar|workshop|chapter)\s+on|"
    # not "history of": "history of hypertension" is a patient's medical history
    r"(?:causes|prevalence|epidemiology|statistics|genetics|guidelines|"
    r"geschichte|histoire|historia|storia|geschiedenis)\s+(?:of|der|des|de|del|della|van))"
    r"(?P<gap>(?:\s+[\p{L}'’-]+){0,2}?)\s+$"
)


# A title right before a term: the term is a surname ("Mr Whipple", "Frau Parkinson").
_TITLE_BEFORE = regex.compile(
    r"(?-i:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Sig|Dhr|Mevr)\.?\s+)\Z"
)


# Round 82: a world or national day, week or month of a condition: its awareness, no one's
# ("World Scleroderma Day", "International Epilepsy Day", "Welt-MS-Tag", "Journée mondiale de la
# sclérodermie", "Día Mundial de la Esclerodermia"): the words before the term, and after it —
# the day's own word in English and German (review: not "my grandmother has global aphasia."),
# the name's end in the languages that name the day before the condition.
_DAY_OF = regex.compile(
    r"(?i)(?:\b(?:world|international|national|global|welt)[\s-]+|"
    r"(?P<before>\b(?:journée|semaine|mois|día|semana|mes|giornata|settimana|mese|dag|week|maand)"
    r"\s+(?:mondiale?|nationale?|internationale?|mundial|nacional|internacional|nazionale|"
    r"internazionale|europea|européenne|europese)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|"
    r"de\s+los\s+|de\s+las\s+|del\s+|de\s+|della\s+|dello\s+|dei\s+|delle\s+|van\s+de\s+|"
    r"voor\s+)?))\Z"
)
_DAY_AFTER = regex.compile(r"(?i)[\s-]+(?:awareness\s+)?(?:day|week|month|tag|woche|monat|dag)\b")
_NAME_ENDS = regex.compile(r"\s*(?:[.,;:!?)»\"]|$)")


def _awareness_day(text: str, start: int, end: int) -> bool:
    """Whether the term at ``start:end`` names a condition's day, week or month."""
    day = _DAY_OF.search(text, max(0, start - 40), start)
    if day is None:
        return False
    if _DAY_AFTER.match(text, end):
        return True
    return day.group("before") is not None and _NAME_ENDS.match(text, end) is not None


# Who invented, discovered or first described a treatment or a disease, right before it: its
# history, no one's health ("invented manual lymphatic drainage", "a découvert l'insuline").
_INVENTED_BEFORE = regex.compile(
    r"(?i)\b(?:invent(?:s|ed)?|discover(?:s|ed)?|pioneer(?:s|ed)?|first describ(?:e|es|ed)|"
    r"erfand|erfunden|entdeckte|entdeckt|inventé|invente|découvert|découvre|inventó|descubrió|"
    r"inventato|inventò|scoperto|scoprì|uitgevonden|ontdekt|ontdekte)\s+(?:\p{L}+\s+){0,2}$"
    # (round 86: or a name right before who described it, "How did Hermann Oppenheim describe
    # dystonia in 1911?")
    r"|(?-i:\b\p{Lu}\p{Ll}+)\s+(?:describe|describes|described|beschrieb|beschreibt|décrit|"
    r"décrivait|describió|descrisse|beschreef)\s+$"
)


# A group, not someone: "cooking for people with allergies", "für Menschen mit Diabetes" (round
# 40, session 19).
_GROUP_BEFORE = regex.compile(
    r"(?i)\b(?:people|persons|those|anyone|everyone|guests|customers|visitors|kids|children|"
    r"menschen|personen|leute|gäste|kinder|personnes|gens|invités|enfants|personas|gente|"
    r"persone|mensen)\s+(?:with|who have|mit|avec|ayant|souffrant d[e']|con|met)\s+$"
)
# Allergens are what causes an allergy, not anyone's health: "allergen filters", "étiquetés avec
# les allergènes", "Allergene kennzeichnen" (round 40).
_ALLERGENS = ("allergen", "allergèn", "alérgeno", "allergeni")


def _topic(text: str, start: int) -> bool:
    topic = _TOPIC_BEFORE.search(text[max(0, start - 60) : start])
    if topic is None:
        return False
    gap = topic.group("gap")
    return not (_PERSON_CUE.search(gap) or "'s" in gap or "’s" in gap or gap != gap.lower())


# The term is what the writer is, takes or has been: a first-person verb right before it ("sono
# incinta di 20 settimane", "je suis enceinte", "estoy embarazada", "I'm diabetic"), or a
# sentence that drops its "I've" ("Been on 20mg fluoxetine for 2 years").
_SELF_BEFORE = regex.compile(
    r"(?i)(?:\b(?:sono|soy|sou|je\s+suis|ik\s+ben|ich\s+bin|i\s+am|i['’]m|estoy|estou)|"
    r"(?:^|(?<=[.!?\n]\s{0,2}))(?:been|currently|still)\s+(?:on|taking|having|prescribed))\s+"
    r"(?:(?:on|taking|a|an|una?|une?|een|ein(?:e|en)?|di|de|d['’])\s+)?"
    rf"(?:{DOSE}\s+(?:of\s+)?)?$"  # "been on 20mg fluoxetine"
)


# An animal's health is no person's: "my dog Luna ... vet says allergies", "Mein Hund Bruno hat
# Arthrose", "il mio gatto Felice ha il diabete" (the sentence names an animal and no person).
_ANIMAL = regex.compile(
    r"(?i)\b(?:dog|cat|puppy|kitten|pet|hamster|rabbit|horse|pony|parrot|budgie|tortoise|vet|"
    r"hund|hündin|welpe|katze|kater|tierarzt|tierärztin|chien|chienne|chiot|chaton|"
    r"vétérinaire|véto|perro|perra|gato|gata|veterinario|veterinaria|cane|gatto|gatta|hond|kat|"
    r"poes|dierenarts)\b"
)
_HUMAN = regex.compile(
    r"(?i)\b(?:I|me|my son|my daughter|my wife|my husband|my mum|my mom|my dad|he|she|his|her|"
    r"him|hospital|surgery|father|mother|parents?|partner|kids?|child|children|baby|grandma|"
    r"grandpa|vater|mutter|kind|père|mère|enfant|padre|madre|niño|niña|papà|mamma|bambin[oa]|"
    r"vader|moeder|"
    # (session 19: a grandparent or a toddler beside the dog, "mit Hund, Kleinkind und Oma")
    r"granny|nan|nana|grandmother|grandfather|toddler|oma|opa|kleinkind|baby|mamie|papi|"
    r"grand-mère|grand-père|abuela|abuelo|nonna|nonno|"
    r"ich|mein sohn|meine tochter|meine frau|mein mann|je|mon fils|ma fille|yo|mi hijo|mi hija|"
    r"io|mio figlio|mia figlia|ik|mijn zoon|mijn dochter)\b"
)


# A phrase that starts with the writer's or the reader's reflexive pronoun: "me rompí el tobillo",
# "te torciste la muñeca" (round 51; the window read for a person leaves the phrase out).
_SELF_PHRASE = regex.compile(r"(?:[Mm]e|[Tt]e|[Nn]os)\s")  # (not "ME", the illness)
# Round 71: someone's by their given name's possessive right before ("Will a sauna make Grace's
# eczema worse?", "Leo's asthma"); not an eponym's generic head ("Bell's palsy", "Graves'
# disease": the name is the condition's).
# (round 98: a short name too, "Jo's frozen shoulder")
_POSSESSOR_BEFORE = regex.compile(r"(?<![\w'’-])(?P<name>\p{Lu}\p{Ll}+)['’]s\s+\Z")
_EPONYM_HEAD = regex.compile(
    r"(?i)(?:disease|syndrome|palsy|phenomenon|sign|thyroiditis|sarcoma|lymphoma|neuroma|"
    r"ataxia|chorea|dystrophy|contracture|disorder|ulcer|cyst|node|fracture|law|test)\b"
)


def _possessor_before(text: str, start: int) -> bool:
    m = _POSSESSOR_BEFORE.search(text, max(0, start - 24), start)
    return (
        m is not None
        and a_given_name(m.group("name"))
        and _EPONYM_HEAD.match(text, start) is None
        # (round 76: not a public figure's, "Is Mariah Carey's bipolar II diagnosis ...")
        and not pii_known.public_spans(text[max(0, m.start() - 40) : m.end()])
    )


# The writer's own, right before a term ("I have MS", "i've got shingles", "my IBS", "j'ai un
# reflux"): no animal in the sentence makes it a pet's (round 37).
_OWN_RIGHT_BEFORE = regex.compile(
    r"(?i)(?:\bi\s+(?:have|had|got)|\bi['’]ve\s+(?:got|had)|\bmy|\bj['’]ai|\bich\s+hab(?:e)?|"
    r"\bik\s+heb|\btengo)\s+(?:(?:a|an|un|une|ein|eine|einen|een|una?)\s+)?(?:\w+\s+)?\Z"
)


# "im anaemic", "im diabetic": "I'm" without its apostrophe right before an English adjective
# in lower case (session 19; not German "im Koma", "im Wochenbett": nouns, capitalised).
_IM_BEFORE = regex.compile(r"(?-i:\bim)\s+$")
_ADJECTIVE_END = ("ic", "ed", "ant", "ent", "ive")


def _im_adjective(text: str, start: int, end: int) -> bool:
    term = text[start:end]
    return (
        term.islower()
        and term.endswith(_ADJECTIVE_END)
        and _IM_BEFORE.search(text, max(0, start - 6), start) is not None
    )


# A question about a term, and the next sentence says whose it is: "What is a normal recovery
# time after PRK? mine was done 5 days ago", "Wie lange hält ein Implantat? Bei mir wurde ...",
# "is it safe to eat grapefruit on simvastatin? my doctor didn't say" (round 41). Only a
# sentence that starts with the writer's own or a relative's: "... a stroke? I want to make a
# poster" stays a general question.
_WHOSE_NEXT = regex.compile(
    # (round 98: anyone's relative, "... to a 9 year old? her grandma (my mom) has it")
    r"(?i)\s*(?:mine\b|(?:it['’]?s\s+for\s+)?(?:my|our|his|her|their)\s+(?:own\s+)?(?:husband|wife|"
    r"partner|son|daughter|mum|mom|mother|dad|father|brother|sister|baby|kid|child|doctor|gp|"
    r"dentist|optician|consultant|surgeon|"
    # (round 97: the other relatives, "... after a laser? my grandad says", "its for my pops")
    r"grandma|grandpa|grandad|granddad|granny|nan|nana|grandmother|grandfather|stepdad|stepmum|"
    r"stepmom|aunt|auntie|uncle|girlfriend|boyfriend|fiancée?|pops)\b|"
    # (round 97: a relative who has it, "a 'skin tag' after haemorrhoids? mom has one", and a
    # relative's letter it is on, "Its on my dad's letter")
    r"(?:mum|mom|dad|grandma|grandpa|grandad|nan|nana|granny)\s+(?:has|had|got|says|was|is)\b|"
    r"it['’]?s\s+(?:on|in|from)\s+(?:my|our)\s+\w+['’]?s?\s+(?:letter|notes?|report|results?|"
    r"discharge|prescription|records?|file)\b|"
    r"i(?:['’]ve\s+(?:got|had|been)|\s+(?:have|had|take|took|got|was\s+(?:diagnosed|prescribed|"
    r"told))|['’]m\s+on)\b|"
    # round 74: the writer's age right after ("... tired on apalutamide? I'm 64 and ...")
    r"i(?:['’]?m|\s+am)\s+\d{2}\b(?!\s+and\s+(?:doing|writing|making|studying|working|learning|"
    r"researching))|"
    # (round 104: and in the other languages, "... une entorse de grade 2 ? J'ai 45 ans", and
    # the writer saying it is them, "... after an ankle sprain? it's me, no cast")
    r"(?:j['’]ai|tengo|ho|ik\s+ben|ich\s+bin)\s+\d{2}\s+(?:ans|años|anni|jaar|jahre)\b|"
    r"it['’]?s\s+(?:just\s+)?me\b(?!\s+(?:again|here|asking))|"
    # (round 98: not what the writer read or heard, "Ich habe was von StroVac gelesen")
    r"bei\s+mir\b|ich\s+(?:habe|hab|nehme|bekomme|fange)\b"
    r"(?![^.!?\n]{0,40}\b(?:gelesen|gehört|gesehen)\b)|"
    r"(?:es\s+ist\s+für\s+)?mein(?:e|em|er|en)?\s+(?:mann|frau|sohn|tochter|mutter|vater|arzt|"
    r"ärztin|zahnarzt|bruder|schwester|oma|opa|freund|freundin|partner|partnerin|"
    r"schwiegermutter|schwiegervater|"
    # (round 105: a child, "... ist krätze meldepflichtig? mein kind geht in die krippe")
    r"kind|baby|enkel|enkelin)\b|"
    r"j['’](?:en\s+ai|ai\s+eu)\b|je\s+(?:prends|suis\s+sous)\b|"
    r"(?:c['’]est\s+pour\s+)?(?:mon\s+(?:mari|fils|médecin|dentiste|compagnon|conjoint|copain|"
    r"père|frère|papa|grand-père|beau-père)|ma\s+(?:femme|fille|mère|compagne|copine|"
    r"s(?:œ|oe)ur|maman|grand-mère|belle-mère))\b|"
    # (round 97: Spanish, Italian and Dutch: "... una apendicectomía? Es para Hugo, 10 años",
    # "Mi padre ...", "è per mia madre", "het is voor mijn vader")
    r"es\s+para\s+(?-i:\p{Lu}\p{Ll}+)\s*,\s*\d{1,2}\s+años|"
    r"(?:es\s+para\s+)?mi\s+(?:padre|madre|hij[oa]|marido|mujer|espos[oa]|abuel[oa]|"
    r"herman[oa])\b|"
    r"(?:è\s+per\s+)?(?:mio\s+(?:padre|figlio|marito|nonno|fratello)|mia\s+(?:madre|figlia|"
    r"moglie|nonna|sorella))\b|"
    r"(?:het\s+is\s+voor\s+)?mijn\s+(?:vader|moeder|man|vrouw|zoon|dochter|opa|oma)\b|"
    r"(?:he|she)(?:['’]s\s+on|\s+(?:has|had|takes|took))\b|"
    # round 44: "... buying gluten-free food? asking for myself", "c'est pour moi"
    r"(?:i['’]m\s+)?asking\s+for\s+(?:myself|me|my\s+\w+)\b|it['’]?s\s+for\s+me\b|"
    r"(?:ich\s+)?frage\s+für\s+mich\b|c['’]est\s+pour\s+moi\b|je\s+demande\s+pour\s+moi\b|"
    r"pregunto\s+por\s+mí\b|chiedo\s+per\s+me\b|ik\s+vraag\s+het\s+voor\s+mezelf\b)"
)


def whose_next(text: str, end: int) -> bool:
    after = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW_AFTER))
    return (
        after is not None
        and text[after.start()] == "?"
        and _WHOSE_NEXT.match(text, after.end(), min(len(text), after.end() + 40)) is not None
    )


# Round 67: a public figure's health, told or asked about ("Thomas Edison was partly deaf", "I
# read that Alexander the Great may have had epilepsy"): a name of the known lists in the window
# (pii_known.public_spans) and no one of the writer's (the writer, a relative) there.
_LEARNED = (
    r"(?:only\s+|just\s+|also\s+|always\s+|often\s+)?(?:read|heard|saw|seen|wonder|wondered|"
    r"think|learned|learnt|remember|know|believe|watched)\b"
)
_WRITERS_OWN = regex.compile(
    r"(?i)\b(?:my|mine|our|we|me|mein\w*|unser\w*|mir|mich|mon|ma|mes|notre|nos|moi|"
    r"mi|mis|nuestr[oa]s?|mio|mia|miei|mie|nostr[oa]|mijn|onze|"
    r"mum|mom|dad|grandma|grandpa|granny|nana|mama|papa|oma|opa|maman|mamie|papi|"
    r"abuel[oa]|nonn[oa])\b|\bi['’](?:m|d)\b|\b(?:ich|je|j['’]|yo|io|ik)\b|"
    # (the writer, not as who read or heard about it: "I read that ...", round 76: "I've read
    # everything from epilepsy to bipolar", "I only know him from the films")
    rf"\bi['’]ve\b(?!\s+{_LEARNED})|(?-i:\bI\b)(?!['’](?:ve|m|d)\b)(?!\s+{_LEARNED})"
)


def _public_subject(window: str) -> bool:
    return _WRITERS_OWN.search(window) is None and bool(pii_known.public_spans(window))


def said_of_someone_private(text: str, spans: list[tuple[int, int]]) -> bool:
    """A term of ``spans`` (:func:`terms`) that is not a public figure's (round 67: the gate of
    the model's whole-text finding, pii.PiiScanner._read_whole)."""
    return any(not _public_subject(_window(text, start, end)) for start, end in spans)


def _animal(window: str) -> bool:
    return _ANIMAL.search(window) is not None and _HUMAN.search(window) is None


# A capitalised given name right before a capitalised term: the term is a surname, the person a
# disease is named after ("Wer war Alois Alzheimer", "James Parkinson's essay"; round 23).
_NAME_BEFORE = regex.compile(r"(?-i:\p{Lu}\p{Ll}+) $")


# ... unless the name is the subject and the term what they have: "dass Opa Heinz Krebs hat".
_HAS_AFTER = regex.compile(r"\S*\s+(?:hat|hatte|has|had|a|avait|heeft|tiene|tenía|ha|aveva)\b")


def _eponym(text: str, start: int) -> bool:
    if not text[start : start + 1].isupper() or _HAS_AFTER.match(text, start):
        return False
    m = _NAME_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return False
    return only_a_given_name(m.group().strip())


# Round 78: a template's placeholder for the person near the term ("Dear [Teacher name], my
# child [Child name] has Tourette syndrome", "notre enfant [prénom] présente", "{{ vorname }}"):
# a letter being drafted for anyone, no one's health.
_PLACEHOLDER = regex.compile(
    r"(?i)\[[^\]\n\d]{0,25}\b(?:name|namen?|nom|prénom|prenom|nombre|nome|naam|child|kind|"
    r"enfant|hij[oa](?:/a)?|figli[oa]|teacher|lehrkraft|professeur|profesor)\b[^\]\n\d]{0,25}\]|"
    r"\{\{\s*(?:name|first_?name|vorname|pr[ée]nom|nombre|nome|naam)\s*\}\}"
)


# "explain it like I'm five": a way of asking, not the writer (session 19).
_LIKE_IM = regex.compile(
    r"(?i)\b(?:like|as if|as though)\s+(?:i['’]?m|i\s+am|i\s+was)\s+(?:five|ten|twelve|\d{1,2}|"
    # (round 74: "like I'm a curious 12 year old")
    r"an?\s+(?:[a-z]+\s+)?(?:child|kid|toddler|beginner|\d{1,2}[- ]year[- ]old)|"
    r"an?\s+(?:idiot|alien))\b"
    # (round 98: or explaining to one of an age, "Explain hydrodilatation to a 10-year-old",
    # "short answer for a 10 year old")
    r"|(?<=\b(?:explain\w*|describe\w*|answer|simply|simple|plain\s+english)\b[^.?!\n]{0,80}?)"
    r"\b(?:to|for)\s+an?\s+\d{1,2}[- ]years?[- ]old\b"
)


# Round 74: a specialist as any one of them, the subject of a question ("What fields would a
# rheumatologist want in an export?", "Does a dermatologist need ..."): no one's doctor.
_SPECIALIST_ENDS = (
    "ologist",
    "ologe",
    "ologin",
    "ologue",
    "ólogo",
    "óloga",
    "ologo",
    "ologa",
    "oloog",
    "iatrist",
    "iatre",
    "iater",
    "iatra",
    "ician",
)
# (the subject of a question about any of them: "would a", "does any", "should a")
_ANY_BEFORE = regex.compile(
    r"(?i)\b(?:would|does|do|should|can|could|will|might|may|did|what)\s+(?:a|an|any|every)\s+\Z"
)


def _any_specialist(text: str, start: int, end: int) -> bool:
    return (
        text[start:end].casefold().endswith(_SPECIALIST_ENDS)
        and _ANY_BEFORE.search(text, max(0, start - 16), start) is not None
    )


# After "lithium", a battery's chemistry, not a medicine: "lithium batteries", "Lithium-Ionen-Akku"
# (round 81; read after lithium only, review: "my dad's cancer cells have spread" is a fact).
_CELL_AFTER = regex.compile(
    r"(?i)[\s-]+(?:batter(?:y|ies)|ion|ionen|polymer|cells?|akkus?|batterien?|piles?|pilas?|"
    r"batterie|accu'?s?)\b"
)


def _compound_thing(term: str) -> bool:
    """A compound whose head after the dash is a thing, not a fact: "Schwangerschafts-App",
    "diabetes-app" (session 19)."""
    _, dash, head = term.rpartition("-")
    return bool(dash) and _NOT_A_FACT.fullmatch("-" + head) is not None


# Round 87: the ground's tremor, no one's ("we felt a tremor last night, was it an earthquake?",
# "an earth tremor shook our street").
_SEISMIC = regex.compile(
    r"(?i)\b(?:earthquakes?|quakes?|seismic|seismo\w*|richter|aftershocks?|erdbeben|séismes?|"
    r"terremotos?|sismos?|aardbevingen?|volcan\w*|vulkan\w*|earth(?=\s+tremors?))\b"
)


def find(
    text: str,
    people: list[tuple[int, int]],
    spans: list[tuple[int, int]] | None = None,
    identified: bool = False,
) -> list[tuple[int, int]]:
    """Health terms said of someone: a person cue in the window, or a found name there.
    ``spans``: :func:`terms` of ``text`` if the caller has them already. ``identified``: the
    text holds a person's card, account, e-mail, phone or national number, so a term no one
    else's is theirs (rounds 79-80)."""
    ends = sorted(e for _, e in people)  # a name ending before a term, in its window
    starts = sorted(s for s, _ in people)  # or starting after it, in its window
    out = []
    for start, end in _joined(text, terms(text) if spans is None else spans):
        if (
            (
                _NOT_A_FACT.match(text, end, min(len(text), end + 30))
                and not _received(text, start, end)
            )
            or _topic(text, start)
            or _compound_thing(text[start:end])
            or (
                text[start:end].casefold().startswith("lithium")
                and _CELL_AFTER.match(text, end) is not None
            )
            or (  # "for people with coeliac disease? asking for myself": the writer's (round 44)
                _GROUP_BEFORE.search(text, max(0, start - 40), start) is not None
                and not whose_next(text, end)
            )
            or text[start:end].casefold().startswith(_ALLERGENS)
            or _media_stutter(text, start, end)
            or _any_specialist(text, start, end)
            or (text[start:end].casefold().startswith("tremor") and _SEISMIC.search(text))
        ):
            continue
        if _eponym(text, start):
            continue  # "Alois Alzheimer", "James Parkinson": the person a disease is named after
        if _TITLE_BEFORE.search(text, max(0, start - 8), start):
            continue  # "Mr Whipple is my landlord": a surname after a title (round 81)
        if _awareness_day(text, start, end):
            continue  # "World Scleroderma Day", "Journée mondiale de la sclérodermie" (round 82)
        invented = _INVENTED_BEFORE.search(text, max(0, start - 40), start)
        if invented is not None and not _PERSON_CUE.search(
            text, max(0, invented.start() - 40), invented.start()
        ):
            # "Did Dr Emil Vodder invent manual lymphatic drainage?": its history (round 80; not
            # "my dad discovered a melanoma")
            continue
        if _PLACEHOLDER.search(text, max(0, start - 150), min(len(text), end + 60)):
            continue  # a template's, "my child [Child name] has Tourette syndrome" (round 78)
        if text[start:end].casefold() in _PANDEMICS and _PANDEMIC_TIME.search(
            text[max(0, start - 24) : start]
        ):
            continue  # "during Covid": a time, not someone's illness
        i, j = bisect.bisect_left(ends, start - _WINDOW_BEFORE), bisect.bisect_left(starts, end)
        near_name = (i < len(ends) and ends[i] <= start) or (
            j < len(starts) and starts[j] < end + _WINDOW_AFTER
        )
        window = "" if near_name else _window(text, start, end)  # built once, read twice
        # (read only where no name is near: a name makes the term someone's already)
        own = not near_name and (
            _OWN_RIGHT_BEFORE.search(text, max(0, start - 30), start) is not None
            # round 64: the writer's inside the phrase ("rolled my ankle")
            or _POSSESSIVE_INSIDE.search(text, start, end) is not None
            # round 71: a given name's ("Grace's eczema")
            or _possessor_before(text, start)
        )
        if not near_name and not own and _animal(window):
            continue  # a pet's (but "i have ibs and the new puppy ...": the writer's; round 37)
        if (
            near_name
            or own
            or (
                (
                    identified
                    or _PERSON_CUE.search(_LIKE_IM.sub(" ", window))
                    or _SELF_BEFORE.search(text[max(0, start - 40) : start])
                    or _im_adjective(text, start, end)
                    or whose_next(text, end)
                    or _SELF_PHRASE.match(text, start) is not None
                )
                # (read only for a term a cue would keep: a public figure's, "Thomas Edison was
                # partly deaf", round 67)
                and not _public_subject(window)
            )
        ):
            out.append(_widen(text, start, end))
    return out
