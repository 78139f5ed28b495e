"""Features of a text for a learned "personal data present?" scorer (the session-6 experiment).

Tried as a different principle from the rules (issue #8): a prompt-level classifier over
features that describe *how* personal text looks rather than *which* strings it holds: tokens
that are given names or surnames (and whether they are also ordinary words, capitalised, at a
sentence start), pairs of them, capitalised words no list knows, first-, second- and
third-person pronouns and relation words of the six languages, health terms, words of money,
identity and home, topic words of history and fiction, business words, digit runs by shape, the
marks of code and logs, and the rule findings by kind and score. ``bench/routing_pii_scorer.py``
trains it and checks it across corpora; it did **not** generalise better than the rules on that
check (numbers there and in the README), so the scanner does not use it and nothing of it is
package data. Kept so the measurement can be repeated and the next attempt starts from it.

The features read a text once, word by word (the gazetteer lookups are memoised); counts enter
as ``log1p`` so a long text is not personal by its length.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Protocol

from routing_mcp import pii_medical
from routing_mcp import pii_name_cues as cues
from routing_mcp.pii_lexicon import Lexicon, Token
from routing_mcp.pii_lexicon import key as _key

# Kinds the rules find by their format (checksums, libphonenumber, address syntax): precise
# enough to stand on their own. The others are read from words and are what the scorer weighs.
FORMAT_KINDS = frozenset(
    {
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "IBAN_CODE",
        "IP_ADDRESS",
        "US_SSN",
        "US_ITIN",
        "US_PASSPORT",
        "UK_NHS",
        "UK_NINO",
        "FR_NIR",
        "DE_TAX_ID",
        "ES_NIF",
        "ES_NIE",
        "SE_PERSONNUMMER",
        "PL_PESEL",
        "IT_FISCAL_CODE",
        "IN_AADHAAR",
        "CRYPTO",
    }
)
WORD_KINDS = ("PERSON", "LOCATION", "MEDICAL", "DATE_OF_BIRTH", "ID_NUMBER")

_I = re.IGNORECASE
_FIRST_PERSON = re.compile(
    r"\b(?:i|me|my|mine|myself|i'm|i've|ich|mein\w*|mir|mich|je|j'|moi|mon|ma|mes|yo|mis?|"
    r"io|mio|mia|miei|ik|mijn|mij)\b",
    _I,
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|him|his|her|hers|he's|she's|er|sie|sein\w*|ihm|ihn|ihre?[mnrs]?|il|elle|lui|"
    r"son|sa|ses|él|ella|su|sus|lei|suo|sua|hij|zij|zijn|haar|hem)\b",
    _I,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|du|dein\w*|tu|ton|ta|tes|vous|votre|tuo|tua|je)\b", _I)
# Money, identity, home and health words of the six languages: what personal requests are about.
_PRIVATE_TOPIC = re.compile(
    r"\b(?:salary|salaire|gehalt|sueldo|stipendio|salaris|debt|schulden|dette|deuda|loan|"
    r"mortgage|hypothek|rent|miete|loyer|alquiler|affitto|huur|bank|konto|compte|cuenta|conto|"
    r"rekening|account|tax|steuer|impôts?|impuestos?|tasse|belasting|pension|rente|retraite|"
    r"jubilación|divorce|scheidung|divorcio|divorzio|scheiding|custody|sorgerecht|garde|"
    r"lawsuit|court|gericht|tribunal|tribunale|rechtbank|police|polizei|polizia|politie|"
    r"passport|reisepass|passeport|pasaporte|passaporto|paspoort|licen[cs]e|führerschein|"
    r"permis|address|adresse|dirección|indirizzo|adres|birthday|geburtstag|anniversaire|"
    r"cumpleaños|compleanno|verjaardag|born|geboren|née?|nacid[oa]|nat[oa]|"
    r"doctor|arzt|ärztin|médecin|médico|medico|dokter|huisarts|hospital|krankenhaus|hôpital|"
    r"ospedale|ziekenhuis|appointment|termin|rendez-vous|cita|appuntamento|afspraak|"
    r"diagnos\w*|therapy|therapie|thérapie|terapia|pregnant|schwanger|enceinte|embarazada|"
    r"incinta|zwanger|sick|krank|malade|enfermo|malato|ziek|funeral|beerdigung|funérailles|"
    r"wedding|hochzeit|mariage|boda|matrimonio|bruiloft|lives|wohnt|habite|vive|woont)\b",
    _I,
)
# A name as the topic of a question (history, fiction, the arts) rather than someone's data.
_PUBLIC_TOPIC = re.compile(
    r"\b(?:who (?:was|is|were)|wer (?:war|ist)|qui (?:était|est)|quién (?:fue|es)|chi (?:era|è)|"
    r"wie (?:was|is)|biograph\w*|biografi\w*|novel|roman|novela|romanzo|film|movie|series|"
    r"serie|episode|character|figur|personnage|personaje|personaggio|book|buch|livre|libro|boek|"
    r"history|historical|geschichte|histoire|historia|storia|geschiedenis|famous|berühmt|"
    r"célèbre|famoso|beroemd|wrote|painted|invented|composed|discovered|schrieb|malte|a écrit|"
    r"escribió|scrisse|schreef|king|queen|könig\w*|roi|reine|rey|reina|emperor|kaiser|empereur|"
    r"emperador|imperatore|century|jahrhundert|siècle|siglo|secolo|eeuw|quote|zitat|citation|"
    r"citazione|poem|gedicht|poème|poema|poesia|fairy tale|märchen|conte|cuento|fiaba|sprookje|"
    r"opera|song|lied|chanson|canción|canzone|album|band|painting|gemälde|tableau|cuadro|"
    r"quadro|schilderij|theorem|theory|physicist|scientist|president|präsident|président|"
    r"presidente|chancellor|kanzler\w*|minister|philosopher|philosoph|philosophe|filósofo|"
    r"filosofo|author|autor|auteur|autore|auteur|actor|actress|schauspieler\w*|acteur|"
    r"actriz|attore|attrice)\b",
    _I,
)
# A business, an office or a public place: its address is no one's personal data.
_BUSINESS = re.compile(
    r"\b(?:museum|musée|museo|office|büro|bureau|oficina|ufficio|kantoor|shop|store|laden|"
    r"geschäft|magasin|boutique|tienda|negozio|winkel|café|cafe|restaurant|hotel|bakery|"
    r"bäckerei|boulangerie|panadería|ltd|gmbh|inc|llc|sarl|sas|plc|headquarters|hq|council|"
    r"rathaus|mairie|ayuntamiento|comune|gemeente|station|bahnhof|gare|airport|university|"
    r"clinic|opening hours|öffnungszeiten|horaires|horario|orario|openingstijden|company|"
    r"firma|entreprise|empresa|azienda|bedrijf|branch|filiale|succursale|sucursal|store|"
    r"supermarket|supermarkt|pharmacy|apotheke|pharmacie|farmacia|apotheek|library|bibliothek|"
    r"bibliothèque|biblioteca|bibliotheek|gallery|galerie|theatre|theater|théâtre|teatro|"
    r"warehouse|lager|entrepôt|almacén|magazzino|magazijn|factory|fabrik|usine|fábrica)\b",
    _I,
)
# Marks of code, logs and configuration: what risky-looking clean text is made of.
_HEX = re.compile(r"\b[0-9a-f]{8,}\b", _I)
_VERSION = re.compile(r"\bv?\d+\.\d+(?:\.\d+)+\b|\bv\d+(?:\.\d+)?\b")
_CODE = re.compile(r"[{}\[\]<>=;|`$\\]|::|->|=>|\(\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|dev|local|lan)\b", _I)
_KEY_VALUE = re.compile(r"\b\w+[=:]\S")
_PATH = re.compile(r"(?:^|\s)(?:/|~/|\./|[A-Z]:\\)[\w./\\-]+")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}T")
_DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{4}-\d{1,2}-\d{1,2}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?[A-Za-zéûä]{3,9}\.?\s+(?:de\s+)?\d{4}\b"
)
_DIGIT_RUN = re.compile(r"\+?\d[\d .()/-]{5,}\d")
_AGE = re.compile(
    r"\b\d{1,3}[- ](?:year-old|years? old|yo|jährige[rn]?|jahre alt|ans|años|anni|jaar)\b", _I
)
# The words around people, as counts over the whole text (the name rules read them anchored).
_RELATION = re.compile(cues.RELATION.pattern.removesuffix(r"\s*[,:]?\s*$") + r"\b", cues.FLAGS)
_GREETING = re.compile(
    r"(?:^|\n)\s*(?:hi|hello|hey|dear|hallo|liebe|lieber|sehr geehrte[rs]?|bonjour|salut|"
    r"coucou|cher|chère|hola|querid[oa]|estimad[oa]|ciao|caro|cara|gentile|hoi|beste)\b",
    _I,
)
_PERSON_VERB = re.compile(
    r"\b(?:said|says|told|asked|wants|needs|thinks|wrote|called|texted|sagt|sagte|meint|fragt|"
    r"dit|a dit|veut|demande|dice|dijo|quiere|ha detto|vuole|zegt|zei|wil)\b",
    _I,
)
_PLACEHOLDER = re.compile(r"<[A-Za-z_]+>|\$\{\w+\}|\{\{\s*\w+\s*\}\}|\[[A-Z_]+\]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"'(¿¡]\s*)$")
_HANDLE = re.compile(r"(?<![\w.])[a-z]{2,}[._][a-z]{2,}(?![\w@.])")


class _Finding(Protocol):
    @property
    def entity(self) -> str: ...
    @property
    def score(self) -> float: ...


def _log(n: float) -> float:
    return math.log1p(n)


class Features(Lexicon):
    """The features of a text (module doc), in the order of :attr:`columns`."""

    columns: tuple[str, ...] = (
        # rule findings
        "rule_person",
        "rule_person_confident",
        "rule_location",
        "rule_medical",
        "rule_birth_date",
        "rule_id_number",
        "rule_format",
        "rule_findings",
        # names
        "given_cap",
        "given_cap_word",
        "given_cap_start",
        "given_lower",
        "surname_cap",
        "name_pair_cap",
        "name_pair_lower",
        "unknown_cap",
        "unknown_cap_pair",
        "title_cap",
        "handle",
        "relation",
        "greeting",
        "closing",
        "person_verb",
        # who and what
        "first_person",
        "third_person",
        "second_person",
        "private_topic",
        "medical_terms",
        "age",
        "public_topic",
        "business",
        # numbers
        "digit_runs",
        "long_digit_runs",
        "dates",
        "at_sign",
        # code and logs
        "hex",
        "versions",
        "code_marks",
        "urls",
        "key_values",
        "paths",
        "times",
        "placeholders",
        "upper_tokens",
        # size
        "tokens",
        "lines",
    )

    def vector(self, text: str, findings: Sequence[_Finding] = ()) -> list[float]:
        kinds: dict[str, float] = {}
        for f in findings:
            kinds[f.entity] = max(kinds.get(f.entity, 0.0), f.score)
        person = kinds.get("PERSON", 0.0)
        rules = [
            float(person > 0),
            float(person >= 0.6),
            float("LOCATION" in kinds),
            float("MEDICAL" in kinds),
            float("DATE_OF_BIRTH" in kinds),
            float("ID_NUMBER" in kinds),
            float(any(k in FORMAT_KINDS for k in kinds)),
            _log(len(findings)),
        ]
        return rules + self._names(text) + self._words(text) + self._shapes(text)

    def _names(self, text: str) -> list[float]:
        tokens = self.tokens(text)
        given_cap = given_cap_word = given_start = given_lower = surname_cap = 0
        pair_cap = pair_lower = unknown = unknown_pair = title = 0
        previous: tuple[Token, bool, bool] | None = None  # token, a name?, an unknown cap?
        for t in tokens:
            k = _key(t.text)
            if k in cues.STOP or k in cues.DETERMINERS or len(k) < 2:
                previous = None
                continue
            if k in cues.TITLES:
                title += 1
                previous = None
                continue
            upper = t.text.isupper() and len(t.text) > 1
            given, surname = self.is_given(t), self.is_surname(t)
            word = self.is_word(t)
            start = _SENTENCE_START.search(text[max(0, t.start - 3) : t.start]) is not None
            is_name = (given or surname) and not upper
            is_unknown = t.cap and not upper and not word and not given and not surname
            if t.cap and not upper:
                if given and not word:
                    if start:
                        given_start += 1
                    else:
                        given_cap += 1
                elif given:
                    given_cap_word += 1
                if surname and not word and not given:
                    surname_cap += 1
                if is_unknown and not start and t.text[1:].islower():
                    unknown += 1
            elif given and not word and not upper:
                given_lower += 1
            if previous is not None and text[previous[0].end : t.start] == " ":
                before, was_name, was_unknown = previous
                if was_name and is_name and (surname or given):
                    if t.cap and before.cap:
                        pair_cap += 1
                    elif not t.cap and not before.cap and not (word and self.is_word(before)):
                        pair_lower += 1
                elif (was_unknown or was_name) and (is_unknown or is_name) and t.cap:
                    unknown_pair += 1
            previous = (t, is_name, is_unknown)
        return [
            _log(given_cap),
            _log(given_cap_word),
            _log(given_start),
            _log(given_lower),
            _log(surname_cap),
            _log(pair_cap),
            _log(pair_lower),
            _log(unknown),
            _log(unknown_pair),
            _log(title),
            _log(sum(1 for m in _HANDLE.finditer(text) if self._handle_is_name(m.group()))),
            _log(_count(_RELATION, text)),
            _log(_count(_GREETING, text)),
            _log(_count(cues.CLOSING, text)),
            _log(_count(_PERSON_VERB, text)),
        ]

    def _handle_is_name(self, handle: str) -> bool:
        first, last = re.split(r"[._]", handle, maxsplit=1)
        return self.is_given(Token(first, 0, 0)) and (
            self.is_surname(Token(last, 0, 0)) or self.is_given(Token(last, 0, 0))
        )

    def _words(self, text: str) -> list[float]:
        return [
            _log(_count(_FIRST_PERSON, text)),
            _log(_count(_THIRD_PERSON, text)),
            _log(_count(_SECOND_PERSON, text)),
            _log(_count(_PRIVATE_TOPIC, text)),
            _log(len(pii_medical.terms(text))),
            _log(_count(_AGE, text)),
            _log(_count(_PUBLIC_TOPIC, text)),
            _log(_count(_BUSINESS, text)),
        ]

    def _shapes(self, text: str) -> list[float]:
        runs = [sum(c.isdigit() for c in m.group()) for m in _DIGIT_RUN.finditer(text)]
        tokens = text.split()
        upper = sum(1 for w in tokens if len(w) > 1 and w.isupper())
        return [
            _log(sum(1 for n in runs if 7 <= n <= 15)),
            _log(sum(1 for n in runs if n > 15)),
            _log(_count(_DATE, text)),
            float("@" in text),
            _log(_count(_HEX, text)),
            _log(_count(_VERSION, text)),
            _log(_count(_CODE, text)),
            _log(_count(_URL, text)),
            _log(_count(_KEY_VALUE, text)),
            _log(_count(_PATH, text)),
            _log(_count(_TIME, text)),
            _log(_count(_PLACEHOLDER, text)),
            _log(upper),
            _log(len(tokens)),
            _log(text.count("\n")),
        ]


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))
