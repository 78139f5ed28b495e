"""PII gate: format recognizers and offline rules, and two small statistical models.

No NLP pipeline runs (none that generalises could be shipped here): names and street addresses
are caught by offline patterns with context words, the formats (e-mail, phone, card, IBAN, IP,
national ids) by patterns with checksums (:mod:`routing_mcp.pii_national`) on our own small
recognizer model (:mod:`routing_mcp.pii_core`), with a score boost for context words just
before a match. E-mail domains are checked against the top-level domains shipped as package
data (nothing reaches for the network). A small statistical model trained on the hand-written
corpora (:mod:`routing_mcp.pii_context`) reads each text of prompt length as a whole: it drops
word-read findings from a text it reads as clean with high confidence, and (``balanced``, the
default) keeps local a text it reads as personal where the rules found nothing if the text also
holds a name-like word (:mod:`routing_mcp.pii_tokens`) or a health term; ``strict`` does so
without that condition, ``filter`` only drops.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

import phonenumbers
import regex

from routing_mcp import pii_examples, pii_known, pii_medical, pii_name_ids, pii_tokens
from routing_mcp import pii_name_cues as cues
from routing_mcp.pii_address import StreetAddressRecognizer, business_address_before, in_estate
from routing_mcp.pii_context import LONGEST, ContextModel, shipped
from routing_mcp.pii_core import (
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
    remove_contained,
)
from routing_mcp.pii_ids import (
    BUSINESS_LINE_BEFORE,
    ID_WORD_BEFORE,
    ORGANISATION_LINE_AFTER,
    ORGANISATION_LINE_BEFORE,
    SERVICES_LABEL_BEFORE,
    CardRecognizer,
    FrNirRecognizer,
    IssuedNhsRecognizer,
)
from routing_mcp.pii_lexicon import only_a_given_name
from routing_mcp.pii_national import (
    AuTfnRecognizer,
    BeNationalNumberRecognizer,
    BrCpfRecognizer,
    CaSinRecognizer,
    ChAhvRecognizer,
    CryptoRecognizer,
    DeRvnrRecognizer,
    DeTaxIdRecognizer,
    EsNieRecognizer,
    EsNifRecognizer,
    IbanRecognizer,
    IePpsnRecognizer,
    InAadhaarRecognizer,
    InPanRecognizer,
    ItFiscalCodeRecognizer,
    MxCurpRecognizer,
    PlPeselRecognizer,
    SePersonnummerRecognizer,
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UsItinRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)
from routing_mcp.pii_rules import (
    ID_NAMES,
    ModelNameRecognizer,
    NameRecognizer,
    PolicyIpRecognizer,
    rule_recognizers,
)
from routing_mcp.pii_tokens import NameWordModel
from routing_mcp.pii_worker import Finding

# Kinds read from the words around them, whose span is a judgement (see keeps_local), and the
# whole-text reading of the statistical model (balanced and strict mode): no span to redact.
CONTEXT = "PERSONAL_CONTEXT"
# How the whole-text model is used: not at all, to drop findings only, to drop and to add where a
# word reads as a name or a health term (default), or to drop and to add (ROUTING_PII_CONTEXT).
ContextMode = Literal["off", "filter", "balanced", "strict"]
READ_FROM_WORDS = frozenset(
    {"PERSON", "LOCATION", "MEDICAL", "DATE_OF_BIRTH", "ID_NUMBER", CONTEXT}
)


@cache
def top_level_domains() -> frozenset[str]:
    """The top-level domains (data/tlds.txt, see data/TLDS.md), and their IDNA forms."""
    text = (files("routing_mcp") / "data" / "tlds.txt").read_text(encoding="utf-8")
    names = {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return frozenset(names)


# (not "=", which RFC 5322 allows: a setting's name before it is no part of the address,
# "POSTMASTER_ADDRESS=postmaster@...", round 22)
_EMAIL_CHAR = r"[\w!#$%&'*+\-/?^`{|}~]"


class EmailRecognizer(PatternRecognizer):
    """An address ``local@domain`` whose domain ends in a top-level domain that exists: a local
    part of the characters RFC 5322 allows unquoted (dots inside), a domain of two or more
    labels (letters, digits, inner hyphens)."""

    ENTITY = "EMAIL_ADDRESS"
    CONTEXT = ("email",)
    PATTERNS = (
        Pattern(
            "e-mail",
            rf"\b(?:{_EMAIL_CHAR}|{_EMAIL_CHAR}[{_EMAIL_CHAR[1:-1]}.]*{_EMAIL_CHAR})"
            r"@\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+\b",
            0.5,
        ),
    )

    def validate_result(self, pattern_text: str) -> bool:
        labels = pattern_text.rsplit("@", 1)[-1].lower().split(".")
        return len(labels) > 1 and (
            labels[-1] in top_level_domains()
            # round 63: a mailbox at a public mail provider whose ending is mistyped
            # ("jb.kouassi@gmail.con"): still someone's address
            or (len(labels) == 2 and labels[0] in _MAIL_PROVIDERS and labels[-1].isalpha())
        )


# Public mail providers' domains, their name before the top-level domain.
_MAIL_PROVIDERS = frozenset(
    str.split(
        "gmail googlemail yahoo ymail hotmail outlook live msn icloud aol gmx protonmail proton "
        "fastmail zoho yandex mail orange wanadoo free laposte sfr libero virgilio tiscali "
        "alice tin ziggo kpnmail telenet web freenet posteo mailbox btinternet sky"
    )
)


class CandidatePhoneRecognizer(EntityRecognizer):
    """Phone numbers of the configured regions (libphonenumber's matcher, leniency 1: a number
    that is possible for its region), looked for only in digit runs that could be numbers.

    Matching every region over the whole prompt costs milliseconds; the candidate pre-filter
    keeps a prompt without phone-like digit runs at microseconds and finds the same numbers.
    """

    SCORE = 0.4
    CONTEXT = ("phone", "number", "telephone", "cell", "cellphone", "mobile", "call")

    def __init__(self, supported_regions: tuple[str, ...] = ("US", "GB")) -> None:
        super().__init__(["PHONE_NUMBER"], "CandidatePhoneRecognizer", list(self.CONTEXT))
        self.supported_regions = supported_regions
        self.leniency = 1

    # Digit runs with phone punctuation, on one line (no number spans a line break).
    _CANDIDATE = re.compile(r"[+(]?\d[\d \t().\-/]{5,}\d")
    _DATE = re.compile(r"^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$")
    _ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\b")
    # round 73: a reference led by its year and month, "Nr. 2026-04-3381"
    _DATED_REFERENCE = re.compile(r"^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-\d{3,}$")
    _IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
    # Digits that are part of an identifier, not a number on their own: glued to letters by a
    # dash or slash ("INV-2025-000417", "SN/4471902"), or named as an id just before ("Ticket
    # 4155550132", "order #", "Rechnung Nr.").
    _GLUED = re.compile(r"(?:[A-Za-z][\w]*[-_/#]|#)$")
    _GLUED_AFTER = re.compile(r"[-_/][A-Za-z]")
    # round 24: a dotted identifier's digits ("xsd:camt.053.001.02"), not "Tel.0612 ..."
    _DOTTED_NAME = re.compile(r"(?<![\w.])(?!(?:tel|tél|fon|ph|mob|nr|no)\.$)[A-Za-z]\w*\.$", re.I)
    _KEY = re.compile(r"\w=$")
    _PHONE_KEY = re.compile(r"(?:phone|tel|mobile|cell|fax|handy|telefon)\w*=$", re.IGNORECASE)
    _DECIMAL = re.compile(r"^\d+\.\d+$")
    _ID_WORD = ID_WORD_BEFORE
    # A phone's name or a call's verb just before a number (round 82).
    _NUMBER_SAID = re.compile(
        r"\b(?:(?:phone|mobile|cell|whatsapp|signal)(?:\s+(?:number|no\.?|nr\.?))?|number|tel|"
        r"téléphone|numéro|portable|nummer|handy|handynummer|telefon|número|móvil|numero|"
        r"cellulare|telefoonnummer|mobiel|call|ring|text|sms|reach|erreichbar|appelle|llama)"
        r"(?:\s+(?:is|ist|est|es|è|me|her|him|us|at|on|unter|au|al)){0,2}\s*[:=]?\s*\Z",
        re.IGNORECASE,
    )

    def _regions_for(self, chunk: str) -> list[str]:
        """A number written nationally starts with its region's trunk prefix where there is one
        ("0" in GB, DE, FR) and never with 0 where there is not (US): try only the regions
        whose numbers can start like this one (a fourth of the libphonenumber work on logs)."""
        if not hasattr(self, "_zero_regions"):
            self._zero_regions = [
                r
                for r in self.supported_regions
                if (meta := phonenumbers.PhoneMetadata.metadata_for_region(r.upper())) is not None
                and meta.national_prefix == "0"
            ]
            self._other_regions = [r for r in self.supported_regions if r not in self._zero_regions]
        first = next((c for c in chunk if c.isdigit()), "")
        return self._zero_regions if first == "0" else self._other_regions

    def analyze(self, text: str) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for match in self._CANDIDATE.finditer(text):
            digits = sum(c.isdigit() for c in match.group())
            if (
                digits < 7
                or self._IPV4.match(match.group())
                or self._DATE.match(match.group())
                or self._ISO_DATE.match(match.group())
                or self._DATED_REFERENCE.match(match.group())
            ):
                continue  # too short for a phone number, or an IP, or a date (and time)
            before = text[max(0, match.start() - 60) : match.start()]
            if (
                self._GLUED.search(before)
                or self._DOTTED_NAME.search(before)
                or self._ID_WORD.search(before)
                or self._GLUED_AFTER.match(text, match.end())
                or BUSINESS_LINE_BEFORE.search(before)
            ):
                continue  # part of an identifier ("INV-2025-000417", "7740-2291-A")
            if self._KEY.search(before) and not self._PHONE_KEY.search(before):
                continue  # a value in key=value ("offset=4382791680"), not "tel=..."
            if self._DECIMAL.match(match.group()):
                continue  # a decimal number: "[ 8123.441201]" (kernel log time)
            groups = match.group().split(".")
            dotted = len(groups) >= 4 and all(g.isdigit() for g in groups)
            if dotted and any(len(g) != 2 for g in groups):
                continue  # a version, "131.0.6778.108" (not "06.14.72.58.30")
            # More than 15 digits (E.164's maximum) can still be two numbers in a row: the
            # matcher below finds each of them.
            start, end = max(0, match.start() - 1), match.end()
            chunk = text[start:end]
            # An international number parses the same in every region: try one. Otherwise stop
            # once the numbers found cover every digit (the matcher alone would try every region).
            regions = self.supported_regions[:1] if "+" in chunk else self._regions_for(chunk)
            # Round 82: an international number said to be someone's ("Her number is +44 7911
            # 582604") counts when it is possible for its country, in a range libphonenumber
            # does not know as allocated too: its tables lag the ranges operators open (not
            # in North America, where a made-up number is written in the 555 ranges).
            leniency = (
                phonenumbers.Leniency.POSSIBLE
                if "+" in chunk
                and "+1" not in chunk
                and self._NUMBER_SAID.search(before) is not None
                else self.leniency
            )
            for region in regions:
                found = [
                    RecognizerResult("PHONE_NUMBER", start + m.start, start + m.end, self.SCORE)
                    for m in phonenumbers.PhoneNumberMatcher(chunk, region, leniency=leniency)
                    # (a date and its hour inside a longer run: "203.0.113.45 - 2024-05-21 19";
                    # round 28)
                    if not self._ISO_DATE.match(m.raw_string)
                ]
                results.extend(found)
                covered = sum(
                    c.isdigit() for r in found for c in chunk[r.start - start : r.end - start]
                )
                if covered >= digits:
                    break  # every digit of the candidate is in a number already
        return results


# A context word among the few words before a match raises its score by 0.35, to at least 0.4.
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
MEDICAL_SCORE = 0.7  # a lexicon term said of someone: redacted as found


# What a recognizer's patterns cannot match without (a cheap pre-check per prompt).
_NEEDS = {
    "EmailRecognizer": "@",
    "NameRecognizer": "",
    "ModelNameRecognizer": "",
    "PolicyIpRecognizer": "ip",
    "CryptoRecognizer": "",
}
# An IPv4 address or an IPv6 group pair: what the (slow) IP patterns need to match.
_IP_HINT = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d|[0-9a-fA-F]:[0-9a-fA-F]{0,4}:|::")
# Words without which a context recognizer cannot match: one plain search instead of its
# patterns' look-behinds tried at every date or number of a long text.
_HINTS = {
    "DateOfBirthRecognizer": re.compile(
        r"born|\bb\.|birth|\bbirt\b|b-?day|b['’]day|[†✝]|d\.?o\.?b|geb|geburt|née?\b|né\(|naissance|anniv|"
        r"nac|nací|"
        r"cumpleaños|cumple|nat[oa]\b|nascita|compleann|compie|geboorte|verjaardag|turns|wird|"
        r"fête",
        re.IGNORECASE,
    ),
    # any of the id names its pattern looks behind for (the same alternation, unanchored)
    "ContextIdRecognizer": re.compile(ID_NAMES, re.IGNORECASE),
}
_HINTS["BirthColumnRecognizer"] = _HINTS["DateOfBirthRecognizer"]  # a column named for it
# The ids that count only after their names (their patterns look behind for them)
_HINTS["CaSinRecognizer"] = re.compile(r"SIN|NAS|social insurance|assurance sociale", re.I)
_HINTS["AuTfnRecognizer"] = re.compile(r"TFN|tax file number", re.I)
_HINTS["IePpsnRecognizer"] = re.compile(r"PPS|personal public service", re.I)
_COUNTRY_CODES = {"US": 1, "CA": 1, "GB": 44, "DE": 49, "FR": 33, "IL": 972, "IN": 91, "BR": 55}


# A screen's regex costs memory as its patterns do (the ``regex`` module: about 5 MiB for the
# birth dates' 24,000 characters): a recognizer whose context word gates it already (_HINTS)
# gets none past this length, and its patterns run where the word is.
_SCREEN_LONGEST = 4_000


def _screen(recognizer: EntityRecognizer) -> regex.Pattern[str] | None:
    """All of a pattern recognizer's regexes as one, compiled as it compiles them (the
    ``regex`` module, its flags): a single search tells whether any can match."""
    if not isinstance(recognizer, PatternRecognizer) or not recognizer.patterns:
        return None
    joint = "|".join(f"(?:{p.regex})" for p in recognizer.patterns)
    if recognizer.name in _HINTS and len(joint) > _SCREEN_LONGEST:
        return None
    return regex.compile(joint, recognizer.global_regex_flags)


def _has_context(lowered: str, start: int, recognizer: EntityRecognizer) -> bool:
    window = lowered[max(0, start - recognizer.context_window) : start]
    return any(word.lower() in window for word in recognizer.context)


_GROUPED = re.compile(r"\d{4}(?: \d{4})+")
_GROUPED_ON = re.compile(r" \d{4}\b")


# A card's shape: four groups of four (or Amex's 4-6-5), or 16 to 19 digits in one run. No phone
# number is written so (E.164 allows 15 digits with the country code).
_CARD_SHAPED = re.compile(
    r"\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?|\d{4}([ -])\d{6}\2\d{5}|\d{16,19}"
)


# A number written with its switchboard's extension 0 after a separator ("0511 12685-0",
# "+49 30 2093 0"): German offices print their main line so; no one's own phone ends so.
_SWITCHBOARD = re.compile(r"\d{3}[ -]0$")


_YEARS = re.compile(r"(?:1[6-9]|20)\d\d\s?[-–]\s?(?:1[6-9]|20)\d\d")


def _not_a_persons_phone(text: str, result: RecognizerResult, regions: tuple[str, ...]) -> bool:
    """A phone finding that is no private person's number: part of a card-shaped number (a
    card that fails the Luhn check, "le numéro de carte 5064 4669 4769 1653", the valid ones
    are CREDIT_CARD's) or a freephone number (0800 in GB, DE and FR, 1-800 in the US) in every
    configured region that reads it as valid, an organisation's line (UK's 0808 and France's
    0805 stay: Germany reads them as landlines). Only freephone: a
    premium or shared-cost reading in one region is often a mobile or a landline of a region
    not configured (Irish 086, Italian 348, Japanese 090)."""
    start, end = result.start, result.end
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in " -"):
        start -= 1
    while end < len(text) and (text[end].isdigit() or text[end] in " -"):
        end += 1
    if _CARD_SHAPED.fullmatch(text[start:end].strip(" -")):
        return True
    if _IMEI_SHAPED.fullmatch(text[start:end].strip(" -")):
        return True  # an IMEI as phones print it, "35-209900-176148-1" (round 22)
    if business_address_before(text, result.start):
        # round 70: after a business's or a public place's address on its line, its contact
        # line, a mobile too ("Le camping municipal Les Pins, 3 route du Lac, 40150 Hossegor,
        # tél. 05 58 ...", "Highfield Minibus Hire Ltd, 14 Station Road, ..., tel 01777 ...")
        return True
    number = text[result.start : result.end].lstrip()
    if _YEARS.fullmatch(number) and number[:4] <= number[-4:]:
        return True  # round 80: a span of years, "Les Nymphéas, 1914-1926"
    if _DOTTED_QUAD.fullmatch(number):
        return True  # round 77: an IP address in brackets, "une IP fixe (192.168.1.60)"
    if _SWITCHBOARD.search(number):
        return True  # a German office's switchboard, extension 0: "0511 12685-0" (round 28)
    if number.startswith(("1-", "1 ", "+1")):
        regions = ("US",)  # the NANP's trunk prefix or country code: no other region's
    types = set()
    for region in regions[:1] if number.startswith("+") else regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            types.add(phonenumbers.number_type(parsed))
    if types == {phonenumbers.PhoneNumberType.TOLL_FREE}:
        return True
    if not types & _MAYBE_MOBILE and _REGISTRATION_BEFORE.search(
        text, max(0, result.start - 40), result.start
    ):
        return True  # round 77: a company's register number, "Our company registration is 0812..."
    if "GB" in regions and _UK_NON_GEOGRAPHIC.fullmatch(number) and _uk_wide(number):
        return True  # round 76: an organisation's UK-wide 03 number ("the Mind infoline 0300 ...")
    # an organisation's own line, unless a mobile (a sole trader's) in some region
    before = text[max(0, result.start - 60) : result.start]
    return (
        bool(types)
        and not types & _MAYBE_MOBILE
        and (
            ORGANISATION_LINE_BEFORE.search(before) is not None
            or ORGANISATION_LINE_AFTER.match(text, result.end) is not None
            # round 71: a helpline asked about, its number in the next sentence ("What's the
            # Stamma helpline number? Is 0808 802 0002 still the right one?")
            or _DESK_ASKED.search(text, max(0, result.start - 140), result.start) is not None
            or SERVICES_LABEL_BEFORE.search(text, max(0, result.start - 120), result.start)
            is not None
        )
    )


# Round 77: an IPv4 address the phone rules read, bracket and all ("(192.168.1.60"); a company's
# register number named right before ("Our company registration is 08123456", "KvK-nummer").
_DOTTED_QUAD = re.compile(r"\(?\d{1,3}(?:\.\d{1,3}){3}\)?")
_REGISTRATION_BEFORE = re.compile(
    r"\b(?:(?:company|companies house|charity|business|firm)\s+(?:registration|reg\.?|"
    r"registered)?|kvk|siren|siret|handelsregister|registro mercantil|partita iva|"
    r"ust-?id(?:nr)?|vat)\s*(?:no\.?|nr\.?|number|nummer|numéro|n°|#)?\s*(?:is|ist|est|:)?\s*\Z",
    re.IGNORECASE,
)


# Round 76: a UK-wide number as the UK writes it ("0300 123 3393", "+44 345 600 0000"): Ofcom
# gives the 03 range to organisations (0300 to public bodies and charities), not to households;
# grouped 4-3-4 as a German "0345" area code (Halle) is seldom written.
_UK_NON_GEOGRAPHIC = re.compile(r"(?:03\d\d|\+44\s?3\d\d)[ -]\d{3}[ -]\d{4}")


def _uk_wide(number: str) -> bool:
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.UAN


# A desk's line named up to two sentences before its number, with nothing of the writer's or
# anyone's own between (round 71).
_DESK_ASKED = re.compile(
    r"\b(?:helpline|hotline|advice line|support line|customer service|customer care|"
    r"customer support|service client|kundenservice|kundendienst|atención al cliente|"
    r"servizio clienti|klantenservice|switchboard|(?:le|du) standard|zentrale|centralita|"
    r"centralino|"
    # (round 76: an information or advice line by its other names, "the Mind infoline", "hat
    # eine Beratungsnummer")
    r"info ?line|information line|advice number|beratungsnummer|beratungstelefon|infotelefon|"
    r"servicenummer|servicetelefon|ligne d['’]écoute|numéro vert|numero verde|línea de ayuda|"
    r"hulplijn|informatielijn)\b"
    r"(?:(?!\b(?:my|mine|me|his|her|their|mein\w*|ihr\w*|mon|ma|mes|son|sa|ses|mi|mis|su|sus|"
    r"mio|mia|mijn|zijn|haar)\b)[^\n]){0,120}\Z",
    re.IGNORECASE,
)


# An order's, a booking's or an invoice's number named right before: a check digit that passes
# by chance ("Commande n° 4082-7716-5540" reads as an Aadhaar number; round 22).
_ORDER_BEFORE = re.compile(
    r"\b(?:order|invoice|ticket|tracking|confirmation|booking|reservation|transaction|"
    r"commande|facture|réservation|pedido|factura|reserva|ordine|fattura|prenotazione|"
    r"bestellung|rechnung|buchung|bestelling|factuur|boeking)\w*\s*"
    r"(?:no\.?|nr\.?|n\.º|n°|nº|#|number|num(?:éro|ero)?|número)?\s*[:#]?\s*"
    # (round 67: after the shop's prefix, "commande n° CMD-20250311-8842")
    r"(?:(?-i:[A-Z]{2,5})-)?$",
    re.IGNORECASE,
)


# The national numbers found by their format and check digit alone.
_NATIONAL_IDS = frozenset(
    str.split(
        "US_SSN US_ITIN UK_NHS UK_NINO UK_DRIVING_LICENCE DE_TAX_ID ES_NIF ES_NIE SE_PERSONNUMMER "
        "PL_PESEL IT_FISCAL_CODE IN_AADHAAR IN_PAN MX_CURP CH_AHV BE_NATIONAL_NUMBER CA_SIN AU_TFN "
        "IE_PPSN DE_RVNR BR_CPF FR_NIR"
    )
)
# What identifies one person by its format: their card, account, e-mail or line (round 79), or
# a national number of theirs (round 80: "Numéro AVS de ma mère ... bas de compression").
_IDENTIFIES = (
    frozenset({"CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS", "PHONE_NUMBER"}) | _NATIONAL_IDS
)


def _an_order_number(text: str, result: RecognizerResult) -> bool:
    return _ORDER_BEFORE.search(text[max(0, result.start - 40) : result.start]) is not None


_IMEI_SHAPED = re.compile(r"\d{2}([- ])\d{6}\1\d{6}\1\d{1,2}")
_MAYBE_MOBILE = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
}


def _inside_token(text: str, result: RecognizerResult) -> bool:
    """A number read out of a longer word: digits of a hex trace id ("trace=1d78691547276b50")
    or of an identifier ("405-1127834-9931702") pass the checksums of PESEL, Personnummer or NHS
    numbers by chance, but a number that is personal data stands on its own."""
    raw = text[result.start : result.end]
    if any(c.isalpha() for c in raw):
        return False  # an IBAN, an e-mail, a name: letters belong to it
    before = text[max(0, result.start - 2) : result.start].rjust(2)
    after = text[result.end : result.end + 2].ljust(2)
    if before[1].isalnum() or after[0].isalnum():
        return True
    # glued to more digits by a dash or slash: "405-1127834-9931702" is one id (phone numbers
    # written back to back, "415-555-0132/415-555-0199", are each a number)
    if result.entity_type == "PHONE_NUMBER":
        return False
    if (before[1] in "-/" and before[0].isdigit()) or (after[0] in "-/" and after[1].isdigit()):
        return True
    # the middle groups of a longer number in groups ("MPAN 00 801 100 23 1000 3541 726": no SSN
    # of "100 23 1000"; round 24)
    if " " in raw and before[0].isdigit() and before[1] == after[0] == " " and after[1].isdigit():
        return True
    # the first groups of a longer grouped number: "5555 4444 3333" of a 16-digit test card
    # passes the Aadhaar checksum by chance
    return _GROUPED_ON.match(text, result.end) is not None and bool(_GROUPED.fullmatch(raw))


# A stretch of four or more words in capitals, as a shouted message or a note typed with caps
# lock is written: "DOUGIE SAYS THE HEAT PUMP AND THE CHARGER CANT RUN TOGETHER" (round 55).
_SHOUTED = re.compile(
    r"(?<![\w'’])[A-ZÀ-ÖØ-Þ]{2,}(?:['’][A-Z]{1,2})?"
    r"(?:[ \t]+[A-ZÀ-ÖØ-Þ]+(?:['’][A-Z]{1,2})?){3,}(?![\w'’])"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|['\"‘“«]\s*)\Z")
_READ_QUIETLY = frozenset({"PERSON", "MEDICAL"})


def _quieted(text: str) -> str | None:
    """``text`` with each shouted stretch in lower case (its first letter kept at a sentence's
    start, "I" kept), the same length; None when it has none."""
    pieces, last = [], 0
    for m in _SHOUTED.finditer(text):
        quiet = m.group().lower()
        if len(quiet) != len(m.group()):
            continue  # a letter whose lower case is longer: offsets would shift
        quiet = re.sub(r"\bi\b", "I", quiet)
        if _SENTENCE_START.search(text, max(0, m.start() - 8), m.start()):
            quiet = quiet[0].upper() + quiet[1:]
        pieces += [text[last : m.start()], quiet]
        last = m.end()
    if not pieces:
        return None
    return "".join(pieces) + text[last:]


class PiiScanner:
    def __init__(
        self,
        threshold: float = 0.4,
        phone_regions: tuple[str, ...] = ("US", "GB"),
        ner_model: Path | None = None,
        context: ContextMode = "balanced",
    ) -> None:
        self.threshold = threshold
        self.context_mode: ContextMode = context
        self.context: ContextModel | None = None if context == "off" else shipped()
        self.name_words: NameWordModel | None = (
            pii_tokens.shipped() if context == "balanced" else None
        )
        self.regions = phone_regions
        self.ner_model = ner_model
        model = [ModelNameRecognizer(ner_model)] if ner_model else []
        recognizers = [
            EmailRecognizer(),
            CandidatePhoneRecognizer(supported_regions=phone_regions),
            CardRecognizer(),
            IbanRecognizer(),
            PolicyIpRecognizer(),
            UsSsnRecognizer(),
            UsItinRecognizer(),
            UsPassportRecognizer(),
            IssuedNhsRecognizer(),
            FrNirRecognizer(),
            UkNinoRecognizer(),
            UkDrivingLicenceRecognizer(),
            DeTaxIdRecognizer(),
            EsNifRecognizer(),
            EsNieRecognizer(),
            SePersonnummerRecognizer(),
            PlPeselRecognizer(),
            ItFiscalCodeRecognizer(),
            InAadhaarRecognizer(),
            InPanRecognizer(),
            MxCurpRecognizer(),
            ChAhvRecognizer(),
            BeNationalNumberRecognizer(),
            CaSinRecognizer(),
            AuTfnRecognizer(),
            IePpsnRecognizer(),
            DeRvnrRecognizer(),
            BrCpfRecognizer(),
            CryptoRecognizer(),
            NameRecognizer(),
            StreetAddressRecognizer(),
            *model,
            *rule_recognizers(),
        ]
        self.entities = sorted({e for r in recognizers for e in r.supported_entities})
        self._recognizers: list[EntityRecognizer] = recognizers
        self._screens = {id(r): _screen(r) for r in recognizers}
        self._warm_up(phone_regions)

    def _warm_up(self, regions: tuple[str, ...]) -> None:
        """Pay the lazy loads (regex compilation, libphonenumber region metadata, the offline
        suffix list) now instead of on a user's first prompts."""
        numbers = " ".join(f"+{_COUNTRY_CODES.get(r, 1)} 20 7946 0958 ({r})" for r in regions)
        self.scan(
            f"Mail a.b@gmail.com, call {numbers} or 415-555-0132, card 4111 1111 1111 1111, "
            "IBAN GB82 WEST 1234 5698 7654 32, ip 10.0.0.1, My name is Jane Doe, 1 Main Street"
        )

    def scan(self, text: str) -> list[Finding]:
        """Run every recognizer, boost scores by nearby context words, drop duplicates, apply
        the threshold. A stretch written in capitals ("DOUGIE SAYS THE HEAT PUMP ...") is also
        read in lower case, as it would be written, for the names and health facts in it
        (round 55): the name and health rules read case."""
        found = self._rules(text)
        quiet = _quieted(text)
        if quiet is not None:
            extra = [
                f
                for f in self._rules(quiet)
                if f.entity in _READ_QUIETLY
                and not any(f.start < g.end and g.start < f.end for g in found)
            ]
            found = sorted([*found, *extra], key=lambda f: (f.start, f.entity))
        return found if self.context is None else self._read_whole(text, found)

    def _rules(self, text: str) -> list[Finding]:
        lowered = text.lower()
        has_digit = any(ch.isdigit() for ch in text)
        has_at = "@" in text
        has_ip = has_digit and bool(_IP_HINT.search(text))
        results: list[RecognizerResult] = []
        for recognizer in self._recognizers:
            need = _NEEDS.get(recognizer.name, "digit")
            if (
                (need == "digit" and not has_digit)
                or (need == "@" and not has_at)
                or (need == "ip" and not has_ip)
            ):
                continue  # cannot match: every pattern of this recognizer needs that character
            hint = _HINTS.get(recognizer.name)
            if hint is not None and hint.search(text) is None:
                continue  # its context word is nowhere in the text
            screen = self._screens[id(recognizer)]
            if screen is not None and screen.search(text) is None:
                continue  # none of its patterns occurs: skip the per-pattern bookkeeping
            for result in recognizer.analyze(text):
                if recognizer.context and _has_context(lowered, result.start, recognizer):
                    result.score = max(result.score + CONTEXT_BOOST, MIN_SCORE_WITH_CONTEXT)
                results.append(result)
        health = pii_medical.terms(text)  # (read once: the names below and find)
        if any(r.entity_type == "PERSON" for r in results):
            results = _medicines_named_like_people(text, results, health)
        people = [(r.start, r.end) for r in results if r.entity_type == "PERSON"]
        for start, end in pii_medical.find(text, people, health):
            results.append(RecognizerResult("MEDICAL", start, end, MEDICAL_SCORE))
        kept = remove_contained(results)
        found = sorted(
            (
                Finding(r.entity_type, r.start, r.end, round(min(r.score, 1.0), 2))
                for r in kept
                if r.score >= self.threshold
                and not _inside_token(text, r)
                and not (r.entity_type == "PERSON" and _a_place_of_an_address(text, r))
                and not (r.entity_type == "PERSON" and _SPECIES_AFTER.match(text, r.end))
                and not pii_examples.is_example(text, r)
                and not (
                    r.entity_type == "PHONE_NUMBER" and _not_a_persons_phone(text, r, self.regions)
                )
                and not (r.entity_type in _NATIONAL_IDS and _an_order_number(text, r))
            ),
            key=lambda f: (f.start, f.entity),
        )
        if health and any(f.entity in _IDENTIFIES for f in found):
            found = _health_of_the_identified(text, found, people, health)
        return found

    def _read_whole(self, text: str, found: list[Finding]) -> list[Finding]:
        """The model's reading of the whole text over the rules' findings: word-read findings
        of one kind alone in a text it reads as clean with confidence are dropped (a format
        finding, an e-mail or a card, never is; nor two kinds, a name and a health fact, each
        read apart by the rules: on the leave-one-out corpora the filter never dropped such a
        pair in a clean prompt, and it did drop "my grandma Peggy ... end-stage COPD").
        In balanced and strict mode, a text it reads as personal,
        with no finding that keeps it local, also gets a whole-text :data:`CONTEXT` finding (so
        it stays local in redact mode too) — in balanced mode only if a word of it reads as
        part of a name or names a health condition, so that the tone of an everyday request is
        not enough. With format findings the model reads the text as redact mode would send it
        (each replaced by ``<KIND>``): what could still be personal. A text longer than the
        models were trained on (:data:`~routing_mcp.pii_context.LONGEST`) is left to the rules.
        Thresholds and how they were chosen: :mod:`routing_mcp.pii_context`."""
        model = self.context
        assert model is not None
        if len(text) > LONGEST:
            return found  # longer than the texts the models learned from: the rules alone
        word_read = [f.entity in READ_FROM_WORDS for f in found]
        if found and all(word_read):
            if len({f.entity for f in found}) > 1:
                return found  # two kinds read apart (a name and a health fact): never vetoed
            if any(
                _named_person(text, f)
                or _own_health(text, f)
                or _in_identifier(text, f)
                or _OWN_DATA_BEFORE.search(text, max(0, f.start - 40), f.start)
                for f in found
            ):
                # "someone called Fran": said to be a person (round 23); "I've got a broken
                # ankle": the writer's own health; "sensor.telefoon_lotte_batterij": a name the
                # rules read in an identifier, where a text's tone says nothing (round 25)
                return found
            return [] if model.probability(text) < model.clean else found
        if self.context_mode == "filter" or any(word_read) or not text.strip():
            return found  # filter mode adds nothing; a word-read finding keeps it local already
        p = model.probability(self.redact(text, found) if found else text)
        if p <= model.personal or (
            self.name_words is not None
            # (round 67: not a public figure's name or health, "Che acconciatura aveva Sophia
            # Loren?")
            and not self.name_words.any_name_like(pii_known.without_public(text))
            and not pii_medical.said_of_someone_private(text, pii_medical.terms(text))
        ):
            return found
        return [*found, Finding(CONTEXT, 0, len(text), round(p, 2))]

    @staticmethod
    def keeps_local(findings: list[Finding]) -> bool:
        """Whether the findings cannot be redacted with confidence, so that redact mode keeps
        the prompt local: any kind read from the words around it (a name, an address, a health
        detail, a birth date, an id). Its span is a judgement, and measured on text the rules
        were not tuned on it is often short of the personal data (a name found, the health
        fact next to it not; 68 % of the first blind corpus's personal prompts fully covered),
        so redacting it would send the rest. Kinds found by their format (e-mail, card, IBAN,
        phone, IP, national ids with checksums) are redacted exactly and may leave."""
        return any(f.entity in READ_FROM_WORDS for f in findings)

    def redact(self, text: str, findings: list[Finding] | None = None) -> str:
        """Replace every finding with ``<ENTITY>`` (:func:`redaction_spans`)."""
        found = self.scan(text) if findings is None else findings
        out, at = [], 0
        for entity, start, end in redaction_spans(text, found):
            out += [text[at:start], f"<{entity}>"]
            at = end
        out.append(text[at:])
        return "".join(out)


# Round 71: a UK postcode right after a word: the word is its town ("Kendal LA9 4TN").
_POSTCODE_AFTER = re.compile(r",?[ \t]+[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")


# Round 80: a species' Latin name in brackets right after: the "name" is an animal's or a
# plant's common name ("Oscar (Astronotus ocellatus)", "Molly (Poecilia sphenops)").
_SPECIES_AFTER = re.compile(r"\s*\((?-i:[A-Z][a-z]{2,} [a-z]{3,}(?: [a-z]{3,})?)\)")


def _a_place_of_an_address(text: str, r: RecognizerResult) -> bool:
    """A one-word "name" that is a town before its postcode or a word of a business estate's
    name ("Tannery Business Park, Kendal LA9 6DR": neither "Park" nor "Kendal" is anyone)."""
    if " " in text[r.start : r.end].strip():
        return False
    return _POSTCODE_AFTER.match(text, r.end) is not None or in_estate(text, r.start, r.end)


def _health_of_the_identified(
    text: str, found: list[Finding], people: list[tuple[int, int]], health: list[tuple[int, int]]
) -> list[Finding]:
    """With a person's card, account, e-mail, phone number or national number (:data:`_IDENTIFIES`)
    in the text, its health terms are that person's even without a word that says whose ("pay
    the CPAP rental with 5424 ...", "Meine E-Mail ist ..., bitte schicken Sie den Schlafbericht
    dorthin"; round 79; "Numéro AVS de ma mère ... bas de compression", round 80): redacting
    the number and sending the health fact would leave it with whoever reads the rest. Terms
    that are no one's (a topic, a public figure's, a pet's, a template's) stay out."""
    extra = [
        Finding("MEDICAL", start, end, MEDICAL_SCORE)
        for start, end in pii_medical.find(text, people, health, identified=True)
        if not any(start < f.end and f.start < end for f in found)
    ]
    return sorted([*found, *extra], key=lambda f: (f.start, f.entity)) if extra else found


def _medicines_named_like_people(
    text: str, results: list[RecognizerResult], health: list[tuple[int, int]]
) -> list[RecognizerResult]:
    """Without the "names" that are a capitalised medicine or start with one and go on with a
    word of its variant ("Evorel Conti", "Femoston Conti"; round 61): a drug's name, no person
    near a health term. A title before it keeps a surname ("Mr Parkinson"). Round 86: nor a
    name that starts a longer term, the disease named after someone ("Addison's", "Wilson's
    disease", "Williams syndrome"), unless what follows is what a person owns ("Addison's
    birthday party")."""
    starts = {s: e for s, e in health if text[s : s + 1].isupper()}

    def eponym(r: RecognizerResult) -> bool:
        # a term that starts with the name, or with its last word (round 87: "Can Sjögren's be
        # diagnosed", the modal read as a given name before the disease), and goes on past it
        return any(
            r.start <= s < r.end < e and not cues.OWNED_AFTER.match(text, r.end)
            for s, e in starts.items()
        )

    return [
        r
        for r in results
        if not (
            r.entity_type == "PERSON"
            and ((r.start in starts and starts[r.start] <= r.end) or eponym(r))
        )
    ]


def _named_person(text: str, finding: Finding) -> bool:
    """A name the text says a person bears ("someone called Fran", "a nurse named Ilse"), or a
    relative's or a friend's ("my son Bilal", "my brother is Mark", "Kids are Bongani and"; round
    27)."""
    before = text[max(0, finding.start - 40) : finding.start]
    if finding.entity != "PERSON":
        return False
    capitalised = text[finding.start : finding.start + 1].isupper()
    if cues.PERSON_CALLED.search(before) is not None:
        return True
    said = _SELF_NAMED_BEFORE.search(before)
    if said is not None and (
        said.group("named") is not None
        or only_a_given_name(text[finding.start : finding.end])  # not "I'm British"
    ):
        return True  # the writer's own name: "I'm Ayşe by the way" (round 35)
    # whose room, phone, wedding it is: "Maximilian's room", "le mariage d'Anaïs" (round 29)
    if cues.OWNED_AFTER.match(text, finding.end) or cues.OWNED_BEFORE.search(before):
        return True
    if cues.KIN_OF.search(before) is not None:
        return True  # a relative of someone: "la madre de carmen" (round 67)
    if _WRITTEN_FOR_BEFORE.search(before):
        return True  # whom the writer writes to: "ein Gedicht für Noah" (round 52)
    if _WHO_AFTER.match(text, finding.end):
        return True  # "Winifred, who is away watching the eclipse": only a person is "who"
    if capitalised and any(p.match(text, finding.end) for p in _PERSON_AFTER):
        # "Dr. Alice Smith asked me to ...", "Éloïse dort avec nous", "driver is Aditi, age 11",
        # "Bärbel ist krank": what only a person does or is, right after a capitalised name
        return True
    if _VOCATIVE_AFTER.match(text, finding.end) and _VOCATIVE_BEFORE.search(before):
        return True  # spoken to: "'Torsten, your Mephisto was brilliant'" (round 47)
    if _USER_KEY_BEFORE.search(before) is not None:
        return True  # a config's user key: "ansible_user: kaveh" (round 54)
    if _PERSON_FIELD_BEFORE.search(before) is not None:
        return True  # a field for a person: 'person="Kaveh"', "patient: Okafor" (round 44)
    if text[finding.start - 1 : finding.start] in _ACCOUNT_QUOTES and any(
        m.span("name") == (finding.start, finding.end)
        and _ACCOUNT_FIELD.search(text, m.start(), m.start("name")) is not None
        for m in pii_name_ids.LOGIN.finditer(text, max(0, finding.start - 80), finding.end)
    ):
        return True  # an account quoted in a log-in field: "under user 'dhruv'" (round 44)
    if pii_name_ids.commanded_account(text, finding.start):
        return True  # "curl -u 'hpatel:hunter2'" (round 63)
    party = cues.PAYMENT_PARTY_BEFORE.search(before)
    if party is not None and (
        party.group("quote") is not None or text[finding.start : finding.end].isupper()
    ):
        return True  # "a payment from 'WANG XIAOMEI'": who paid or was paid (session 19)
    # (capitalised: "our customer hotline", "my kids argue" are words the model may veto)
    return capitalised and (
        cues.RELATION_BEFORE_ANY.search(before) is not None
        or cues.RELATION_IS.search(before) is not None
        or cues.PEOPLE_ARE.search(before) is not None
    )


# A text the writer wants written for or to someone, right before the name: "a poem for Noah",
# "ein Gedicht für Noah", "une carte pour Inès", "un mensaje para Lucía" (round 52).
_WRITTEN_FOR_BEFORE = re.compile(
    r"\b(?:poem|card|message|letter|note|speech|toast|e-?mail|text|wishes|limerick|song|haiku|"
    r"gedicht|karte|brief|nachricht|rede|glückwünsche|poème|poeme|carte|lettre|mot|discours|"
    r"poema|tarjeta|carta|mensaje|discurso|poesia|biglietto|lettera|messaggio|discorso|kaart|"
    r"kaartje|bericht|toespraak)\s+(?:[\w'’-]+\s+)?(?:for|to|für|an|pour|à|para|a|per|voor|aan)\s+$",
    re.IGNORECASE,
)
# Someone spoken to: a name opening a quote, a line or a sentence, then a comma and "you" or
# "your" in the six languages ("'Torsten, your Mephisto ...'", "Inès, tu viens ?").
_VOCATIVE_BEFORE = re.compile(r"(?:^|[.!?]\s+|['\"‘“«„]\s*)$", re.MULTILINE)
_VOCATIVE_AFTER = re.compile(
    r",\s+(?:you|your|you['’](?:re|ve|ll)|du|dein\w*|dich|dir|tu|ton|ta|tes|toi|vous|votre|vos|"
    r"tú|usted|jij|jouw)\b",
    re.IGNORECASE,
)


# A field or a tag whose value is a person, right before it: 'person="Kaveh"', "patient: ",
# "<member>" (round 44).
_PERSON_FIELD_BEFORE = re.compile(
    # (not a customer, a client or a contact: a business may be one)
    # (round 49: a school's or a carer's too, "STUDENT=caoimhe", "pupil: 'rhiannon'")
    rf"\b(?:person|persons|people|patients|member|members|tenant|guest|students|pupils|"
    rf"{cues.PERSON_ROLE_FIELDS}|patient_name|person_name|student_name|child_name|pupil_name)"
    # (round 68: a JSON key's closing quote before its colon, "{'child': 'Wren'}")
    r"['\"]?\s*[:=]\s*['\"‘“«]?$",
    re.IGNORECASE,
)


# A setting whose key names a user, right before its value ("ansible_user: kaveh", "DB_USER=").
_USER_KEY_BEFORE = re.compile(r"\b\w*_user(?:name)?\s*[:=]\s*['\"]?\Z", re.IGNORECASE)
# What stands right before an account's name in a log-in field when it is quoted or assigned
# ("user 'dhruv'", "USER=dhruv"): not a folder's ("/srv/fotos/hund") or a word's place.
_ACCOUNT_QUOTES = frozenset("'\"`‘“«=")
# The log-in fields that name an account (not "caused by", a folder or a profile's word).
_ACCOUNT_FIELD = re.compile(
    r"user|login|log-in|account|benutzer|nutzer|utilisat|usuari|utent|gebruiker|uid|identifiant|"
    # (round 70: an admin's account renamed, "change the jellyfin admin from 'cormac'")
    r"admin(?:istrator)? from",
    re.IGNORECASE,
)


# The writer saying their own name right before it.
_SELF_NAMED_BEFORE = re.compile(
    r"(?:^|[^\w'’])(?:i['’]m|i am|je suis|ich bin|soy|sono|ik ben|"
    r"(?P<named>my name is|my name['’]s|je m['’]appelle|ich hei(?:ß|ss)e|me llamo|mi chiamo|"
    # round 48: how the writer signs ("Sign off as Magnus & Solveig", "sign it as")
    r"ik heet|sign(?:ed)?(?:\s+(?:it|this|them|the\s+\w+))?(?:\s+off)?\s+as))\s+$",
    re.IGNORECASE,
)


# The writer giving their own address, birth date or id right before it ("Meine Adresse ist
# Hauptstraße 12", "my date of birth: ..."): no tone of the text makes that anyone else's.
_OWN_DATA_BEFORE = re.compile(
    r"\b(?:my|meine?|mon|ma|mi|il mio|la mia|mijn)\s+(?:home\s+|new\s+|old\s+|neue\s+|alte\s+)?"
    r"(?:address|adresse|anschrift|dirección|direccion|indirizzo|adres|postcode|post code|"
    r"date of birth|birthday|birth date|geburtsdatum|date de naissance|fecha de nacimiento|"
    r"data di nascita|geboortedatum|passport|passeport|reisepass|pasaporte|passaporto|paspoort|"
    r"ausweis|personalausweis|carte d['’]identité|id card|id number)\b[^.!?\n]{0,24}$",
    re.IGNORECASE,
)


# A relative's health said right before: "my husband's on", "my wife has", "meine Mutter hat".
_RELATIVE_HAS = re.compile(
    r"\b(?:my|our|mein\w*|unser\w*|mon|ma|mi|mio|mia|mijn)\s+(?:\w+\s+)?"
    r"(?:husband|wife|partner|son|daughter|mum|mom|mother|dad|father|brother|sister|baby|"
    r"grandma|grandpa|nan|gran|mann|frau|sohn|tochter|mutter|vater|bruder|schwester|mari|"
    r"femme|fils|fille|mère|père|marido|mujer|hijo|hija|madre|padre|marito|moglie|figlio|"
    r"figlia|man|vrouw|zoon|dochter|moeder|vader)"
    r"(?:['’]s|\s+(?:is|has|had|was|hat|hatte|ist|a|est|tiene|ha|heeft))"
    r"(?:\s+(?:been|got|on|a|an|the|ein|eine|einen|un|une|una|een|auf|sous))*\s+$"
    # round 76: a parent's or grandparent's word said as their name, without "my" ("mum's
    # lithium level", "papa heeft zijn Priadel", "Oma nimmt ihr Ramipril")
    r"|(?<![\w'’])(?:mum|mom|mummy|mommy|dad|daddy|mama|papa|grandma|grandpa|granny|nana|nan|"
    r"gran|grandad|oma|opa|maman|mamie|papi|papy|nonna|nonno|abuela|abuelo)"
    r"(?:['’]s|\s+(?:is|has|had|was|takes|hat|hatte|ist|nimmt|a|est|prend|tiene|toma|ha|"
    r"prende|heeft|neemt))"
    r"(?:\s+(?:been|got|on|a|an|the|his|her|ein|eine|einen|sein\w*|ihr\w*|un|une|una|son|sa|"
    r"ses|su|sus|suo|sua|il|la|een|zijn|haar|auf|sous))*\s+$",
    re.IGNORECASE,
)
# A relative clause only a person takes, right after a name: "Winifred, who is away".
_WHO_AFTER = re.compile(r",?\s+who(?:['’]s|\s)", re.IGNORECASE)
# A capitalised name, then what its bearer did to the writer ("Dr. Alice Smith asked me to",
# "Priya sent us the invoice", "Frau Brandt hat mich gebeten", "Mme Roux m'a demandé"): a person
# the writer deals with, whatever the text's tone (session 37: a retrained model read "Dr. Alice
# Smith asked me to compare the two treatments in depth" as clean).
_ASKED_ME_AFTER = re.compile(
    r"\s+(?:(?:has|had|just|already)\s+)?(?:asked|told|sent|emailed|e-mailed|texted|called|rang|"
    r"messaged|invited|wants|wanted|needs|needed|gave|owes|paid|phoned)\s+(?:me|us)\b"
    r"|\s+hat\s+(?:mich|mir|uns)\b|\s+(?:m['’]a|nous\s+a)\s",
    re.IGNORECASE,
)
# A capitalised name, then that its bearer sleeps, lives or stays with the writer ("Éloïse dort
# avec nous", "Nadia is staying with us", "Ingeborg wohnt bei uns"): one of the household
# (round 104).
_WITH_US_AFTER = re.compile(
    r"\s+(?:(?:still|now|also|often|always|sometimes|currently|has\s+been|is|has|encore|"
    r"toujours|souvent|maintenant|noch|jetzt|oft|auch)\s+)?"
    r"(?:sleeps|slept|sleeping|lives|lived|living|stays|stayed|staying|moved\s+in|"
    r"dort|dormait|vit|vivait|habite|habitait|reste|schläft|schlief|wohnt|wohnte|lebt|lebte|"
    r"duerme|dormía|vive|vivía|dorme|dormiva|abita|slaapt|sliep|woont|woonde)\s+"
    r"(?:\S+\s+){0,2}?(?:with|bei|avec|chez|con|bij)\s+(?:us|me|uns|mir|nous|moi|nosotros|"
    r"nosotras|mí|noi|ons|mij)\b",
    re.IGNORECASE,
)
# A capitalised name, then its bearer's age ("Aditi, age 11", "Aditi (11)", "Lea, 7 Jahre") or
# that they are ill ("Bärbel ist krank", "Bärbel is ill", "Inès est malade"): said of a person
# (round 79).
_AGED_AFTER = re.compile(
    r"\s*(?:\(\s*\d{1,2}\s*\)|,?\s*(?:aged?|âgée?|alter|edad|età|leeftijd)\s*:?\s*\d{1,2}\b|"
    r",\s*\d{1,2}\s*(?:years?\s+old|y/?o|jahre(?:\s+alt)?|ans|años|anni|jaar)\b)",
    re.IGNORECASE,
)
_ILL_AFTER = re.compile(
    r"\s+(?:is|was|ist|war|est|était|está|estaba|è|era)\s+(?:(?:still|so|very|really|noch|sehr|"
    r"encore|très|muy|molto|nog|erg)\s+)?(?:ill|sick|unwell|poorly|krank|erkrankt|malade|"
    r"enferm[oa]|malat[oa]|ziek)\b",
    re.IGNORECASE,
)

# What only a person does or is, right after a capitalised name (_named_person): deals with the
# writer (session 37), lives with them (round 104), has an age or is ill (round 79).
_PERSON_AFTER = (_ASKED_ME_AFTER, _WITH_US_AFTER, _AGED_AFTER, _ILL_AFTER)


# The writer saying they have it: "I've got a", "I have", "ich habe", "j'ai", "tengo", "ik heb",
# "ho" (and one word, an article or "seit Jahren", between).
_OWN_HEALTH = re.compile(
    # (not a phrase quoted to learn it: "is 'Ich habe Kopfschmerzen' right?")
    r"(?<!['\"‘“«„])(?:\bi(?:['’]ve| have)(?: got| had)?|"
    # (round 104: "I got food poisoning from the catering")
    r"\bi got|\bi['’]m on|\bi am on|\bich hab(?:e)?|"
    r"\bj['’]ai|\btengo|\bik heb|\bho|"
    # round 46: the writer, then the condition as a verb ("I stammer", "I stutter")
    r"\bi(?=\s+$)|"
    # round 35: the writer's own, by the possessive or "I'm" ("my bunions", "I'm lactose
    # intolerant", "meine Migräne", "mon diabète")
    r"\bmy|\bmeine?[mnrs]?|\bmon|\bma|\bmes|\bmi|\bmis|\bmijn|\bi['’]m|\bi am|\bich bin|"
    r"\bje suis)\s+"
    r"(?:(?:a|an|the|ein|eine|einen|un|une|una|uno|een|seit)\s+)?(?:[^\W\d_]+\s+)?$",
    re.IGNORECASE,
)


def _own_health(text: str, finding: Finding) -> bool:
    """A health fact the writer says they have ("I've got a broken ankle", "ich habe Rheuma"),
    or a relative of theirs ("my husband's on blood thinners"; round 31), or a question about it
    followed by whose it is ("... after PRK? mine was done 5 days ago"; round 41)."""
    before = text[max(0, finding.start - 40) : finding.start]
    return finding.entity == "MEDICAL" and (
        _OWN_HEALTH.search(before) is not None
        or _RELATIVE_HAS.search(before) is not None
        or pii_medical.whose_next(text, finding.end)
    )


def _in_identifier(text: str, finding: Finding) -> bool:
    """A name read inside an identifier: a user name or an entity id ("oliver_hartnell88",
    "sensor.telefoon_lotte_batterij")."""
    if finding.entity != "PERSON":
        return False
    start, end = finding.start, finding.end
    inside = text[start:end]
    if "_" in inside and " " not in inside:
        return True  # "oliver_hartnell"
    glued_before = text[start - 1 : start] in ("_", ".") and text[start - 2 : start - 1].isalnum()
    glued_after = text[end : end + 1] in ("_", ".") and text[end + 1 : end + 2].isalnum()
    # a URL's user ("rtsp://lwilkerson:...@"; round 29)
    url_user = text[start - 3 : start] == "://" and text[end : end + 1] == ":"
    # a URL parameter's value ("?u=ella&src=..."; round 34)
    url_value = _URL_PARAMETER_BEFORE.search(text, max(0, start - 12), start) is not None
    # a folder of a path ("/consume/ruairi/", "/home/elspeth/"; round 34)
    # (round 104: or a ZFS dataset's snapshot, "tank/home/ruthanne@auto-2024-10-12")
    folder = text[start - 1 : start] in ("/", "\\") and text[end : end + 1] in ("/", "\\", "@")
    # a JSON value or a log's quoted user ("{\"who\":\"astrid\"}", "u'cristobal'"; round 51)
    quoted_value = _QUOTED_VALUE_BEFORE.search(text, max(0, start - 8), start) is not None
    # round 67: a relative's name in a host's or a device's name glued by dashes, all in lower
    # case ("kitchen-scale-grandpa-vusi"; not a double-barrelled name, "Mackenzie-Reid", nor a
    # word the rules read after a room, "chambre-bebe")
    kin = _PART_BEFORE.search(text, max(0, start - 30), start)
    dashed = (
        kin is not None
        and kin.group(1).lower() in pii_name_ids.KIN_WORDS
        and not any(c.isupper() for c in _compound_around(text, start, end))
    )
    # "telefoon_lotte_batterij", not "Ophelia."
    return glued_before or glued_after or url_user or url_value or folder or quoted_value or dashed


_PART_BEFORE = re.compile(r"([^\W_]+)-\Z")
_COMPOUND_BEFORE = re.compile(r"[\w-]*\Z")
_COMPOUND_AFTER = re.compile(r"[\w-]*")


def _compound_around(text: str, start: int, end: int) -> str:
    """The run of word characters and dashes that holds ``start``..``end``."""
    before = _COMPOUND_BEFORE.search(text, max(0, start - 60), start)
    after = _COMPOUND_AFTER.match(text, end)
    return text[before.start() if before else start : after.end() if after else end]


_URL_PARAMETER_BEFORE = re.compile(r"[?&][a-z_]{1,10}=\Z", re.IGNORECASE)
_QUOTED_VALUE_BEFORE = re.compile(r"(?:\w['\"]\s*[:=]\s*|[(,\s]u)['\"]\Z")


def redaction_spans(text: str, findings: list[Finding]) -> list[tuple[str, int, int]]:
    """The spans to replace, in order, none overlapping, covering every finding: findings of
    one kind that overlap, or stand apart by spaces only, become one; a finding inside another
    goes (equal spans: the higher score's kind); findings of two kinds that overlap become one
    span of the higher score's kind (of the earlier on a tie). Nothing found is left out."""
    spans: list[tuple[str, int, int, float]] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end, -f.score)):
        if spans:
            entity, start, end, score = spans[-1]
            if f.end <= end:
                continue  # inside the span so far
            gap = text[end : f.start]
            if f.start < end or (f.entity == entity and gap.strip(" ") == ""):
                kind = entity if f.entity == entity or score >= f.score else f.entity
                spans[-1] = (kind, start, f.end, max(score, f.score))
                continue
        spans.append((f.entity, f.start, f.end, f.score))
    return [(entity, start, end) for entity, start, end, _ in spans]
