"""Card, wallet, bank-account and national identity numbers, with their check digits.

Each recognizer is a :class:`~routing_mcp.pii_core.PatternRecognizer`: scored patterns find the
candidates, and where a format carries a check digit the candidate that passes it scores 1.0
and one that fails is dropped (or, for the Italian fiscal code, stays at its weak score). The
class names, entity types, pattern scores and context words are those of the predefined
recognizers of the PII framework the scan used before, so the scan finds the same spans; the
code is our own, written from the published format definitions.

A pattern's ``\\d`` is Unicode-aware (the ``regex`` module), as before; ``[0-9]`` is ASCII.
"""

from __future__ import annotations

import hashlib
from collections import Counter

import regex

from routing_mcp.pii_core import MAX_SCORE, Pattern, PatternRecognizer, RecognizerResult

__all__ = [
    "AuTfnRecognizer",
    "BeNationalNumberRecognizer",
    "BrCpfRecognizer",
    "CaSinRecognizer",
    "ChAhvRecognizer",
    "CreditCardRecognizer",
    "CryptoRecognizer",
    "DeRvnrRecognizer",
    "DeTaxIdRecognizer",
    "EsNieRecognizer",
    "EsNifRecognizer",
    "IbanRecognizer",
    "IePpsnRecognizer",
    "InAadhaarRecognizer",
    "InPanRecognizer",
    "ItFiscalCodeRecognizer",
    "MxCurpRecognizer",
    "NhsRecognizer",
    "PlPeselRecognizer",
    "SePersonnummerRecognizer",
    "UkDrivingLicenceRecognizer",
    "UkNinoRecognizer",
    "UsItinRecognizer",
    "UsPassportRecognizer",
    "UsSsnRecognizer",
]


def _strip(text: str, separators: str = "- ") -> str:
    """The text without its group separators."""
    return "".join(c for c in text if c not in separators)


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10): from the right, every second digit doubled (its digit sum taken), the
    total a multiple of ten."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# --- payment cards ------------------------------------------------------------------------------


class CreditCardRecognizer(PatternRecognizer):
    """Card numbers: 13 to 19 digits led by 1, 3, 4, 5 (51-55) or 6, in up to four groups
    separated by a space or dash; the last digit is a Luhn check digit. Thirteen digits
    starting with 1 are left out (timestamps)."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = (
        Pattern(
            "All Credit Cards (weak)",
            r"\b(?!1\d{12}(?!\d))(?:[1346]\d{3}|5[0-5]\d{2})"
            r"[- ]?\d{3,4}[- ]?\d{3,4}[- ]?\d{3,5}\b",
            0.3,
        ),
    )
    CONTEXT = (
        "credit",
        "card",
        "visa",
        "mastercard",
        "cc ",
        "amex",
        "discover",
        "jcb",
        "diners",
        "maestro",
        "instapayment",
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        return luhn_valid(_strip(pattern_text))


# --- cryptocurrency wallets ---------------------------------------------------------------------

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
BECH32_CONSTANTS = (1, 0x2BC830A3)  # BIP-173 (bech32), BIP-350 (bech32m)


def base58check_valid(address: str) -> bool:
    """Base58Check (legacy P2PKH/P2SH addresses): the base-58 number, with one zero byte per
    leading ``1``, ends in the first four bytes of the double SHA-256 of the bytes before."""
    value = 0
    for char in address:
        index = BASE58.find(char)
        if index < 0:
            return False
        value = value * 58 + index
    zeros = len(address) - len(address.lstrip("1"))
    raw = b"\0" * zeros + value.to_bytes((value.bit_length() + 7) // 8, "big")
    body, check = raw[:-4], raw[-4:]
    return hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] == check


def _bech32_polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = ((checksum & 0x1FFFFFF) << 5) ^ value
        for bit, generator in enumerate(BECH32_GENERATOR):
            if (top >> bit) & 1:
                checksum ^= generator
    return checksum


def bech32_valid(address: str) -> bool:
    """Bech32 / bech32m (BIP-173, BIP-350): printable ASCII in one case, at most 90 characters;
    after the last ``1`` at least six characters of the 32-letter alphabet; the BCH checksum
    over the expanded human-readable part and the data equals bech32's or bech32m's constant."""
    if any(not 33 <= ord(c) <= 126 for c in address):
        return False
    if address not in (address.lower(), address.upper()) or len(address) > 90:
        return False
    address = address.lower()
    separator = address.rfind("1")
    if separator < 1 or len(address) - separator - 1 < 6:
        return False
    hrp, data = address[:separator], address[separator + 1 :]
    if any(c not in BECH32_CHARSET for c in data):
        return False
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    return _bech32_polymod(expanded + [BECH32_CHARSET.index(c) for c in data]) in BECH32_CONSTANTS


class CryptoRecognizer(PatternRecognizer):
    """Bitcoin addresses: legacy ones start with 1 or 3 (Base58Check), segwit ones with
    ``bc1`` (bech32/bech32m); 26 to 62 characters in all. Only a valid checksum counts."""

    ENTITY = "CRYPTO"
    PATTERNS = (Pattern("Crypto (Medium)", r"(?:bc1|[13])[0-9a-z]{25,59}", 0.5),)
    CONTEXT = ("wallet", "btc", "bitcoin", "crypto")

    def validate_result(self, pattern_text: str) -> bool | None:
        if pattern_text[:1] in ("1", "3"):
            return base58check_valid(pattern_text)
        if pattern_text.startswith("bc1"):
            return bech32_valid(pattern_text)
        return False


# --- IBAN ---------------------------------------------------------------------------------------

# BBAN layout per country (after the country code and the two check digits), ISO 13616 style:
# n digits, a upper-case letters, c letters or digits; "=0" a literal zero.
IBAN_BBAN = {
    "AD": "8n 12c",
    "AE": "19n",
    "AL": "8n 16c",
    "AT": "16n",
    "AZ": "4c 20n",
    "BA": "16n",
    "BE": "12n",
    "BG": "4a 6n 8c",
    "BH": "4a 14c",
    "BR": "23n 1a 1c",
    "BY": "4c 4n 16c",
    "CH": "5n 12c",
    "CR": "=0 17n",
    "CY": "8n 16c",
    "CZ": "20n",
    "DE": "18n",
    "DK": "14n",
    "DO": "4a 20n",
    "EE": "16n",
    "EG": "25n",
    "ES": "20n",
    "FI": "14n",
    "FO": "14n",
    "FR": "10n 11c 2n",
    "GB": "4a 14n",
    "GE": "2c 16n",
    "GI": "4a 15c",
    "GL": "14n",
    "GR": "7n 16c",
    "GT": "24c",
    "HR": "17n",
    "HU": "24n",
    "IE": "4c 14n",
    "IL": "19n",
    "IQ": "4a 15n",
    "IS": "22n",
    "IT": "1a 10n 12c",
    "JO": "4a 22n",
    "KW": "4a 22c",
    "KZ": "3n 13c",
    "LB": "4n 20c",
    "LC": "4a 24c",
    "LI": "5n 12c",
    "LT": "16n",
    "LU": "3n 13c",
    "LV": "4a 13c",
    "LY": "21n",
    "MC": "10n 11c 2n",
    "MD": "20c",
    "ME": "18n",
    "MK": "3n 10c 2n",
    "MR": "23n",
    "MT": "4a 5n 18c",
    "MU": "4a 19n 1a",
    "NL": "4a 10n",
    "NO": "11n",
    "PK": "4c 16n",
    "PL": "24n",
    "PS": "4c 17n",
    "PT": "17n",
    "QA": "4a 17c",
    "RO": "4a 16c",
    "RS": "18n",
    "SA": "2n 18c",
    "SC": "4a 20n 3a",
    "SE": "20n",
    "SI": "15n",
    "SK": "20n",
    "SM": "1a 10n 12c",
    "TL": "19n",
    "TN": "20n",
    "TR": "5n 17c",
    "UA": "6n 19c",
    "VA": "18n",
    "VG": "4c 16n",
    "XK": "16n",
}
_IBAN_CLASS = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Za-z0-9]"}


def _bban_regex(layout: str) -> regex.Pattern[str]:
    parts = []
    for field in layout.split():
        if field.startswith("="):
            parts.append(regex.escape(field[1:]))
        else:
            parts.append(f"{_IBAN_CLASS[field[-1]]}{{{int(field[:-1])}}}")
    return regex.compile("".join(parts))


_IBAN_LAYOUTS = {country: _bban_regex(layout) for country, layout in IBAN_BBAN.items()}


# The lengths an IBAN of any country has (Norway's 15 to Russia's 33, the standard's 34).
_SHORTEST_IBAN, _LONGEST_IBAN = 15, 34


def iban_valid(iban: str) -> bool:
    """An IBAN without separators: a known country, and ISO 7064 MOD 97-10: check digits 02-98,
    and the number read from the BBAN, country code and check digits (letters as 10-35) leaves
    remainder 1 modulo 97. The country's BBAN layout is checked as a prefix, as before:
    characters beyond the country's length pass when the MOD 97 check holds over all of them
    (1 in 97 by chance). Round 47: an account whose check digits hold but whose length is not
    its country's ("FR13 3000 6000 0112 3456 7890 18", a digit short of France's 27) counts
    too: an account number as someone holds it, whatever the registry's table says, and 1 in
    97 by chance; a number that fails the check (the clean corpora's "invalid IBAN") does not."""
    layout = _IBAN_LAYOUTS.get(iban[:2])
    if layout is None or not iban[2:4].isdigit() or not 2 <= int(iban[2:4]) <= 98:
        return False
    if layout.match(iban, 4) is None and not (_SHORTEST_IBAN <= len(iban) <= _LONGEST_IBAN):
        return False
    rearranged = iban[4:] + iban[:4]
    if not all(c.isascii() and c.isalnum() for c in rearranged):
        return False
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


class IbanRecognizer(PatternRecognizer):
    """IBANs: two upper-case letters, two check digits and the account in groups of four,
    optionally separated by a space or dash (case-sensitive). Only a valid IBAN counts; when the
    whole run does not validate, it is retried without a trailing group of one to three
    characters, then also without the last group of four (so a number or word that the
    grouping took along, "DE.. .... 2 Tage", does not spoil it)."""

    ENTITY = "IBAN_CODE"
    PATTERNS = (
        Pattern(
            "IBAN Generic",
            r"(?<![A-Z0-9])(?P<body>[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,6})"
            r"(?P<group>(?:[ -]?[A-Z0-9]{4})?)(?P<rest>(?:[ -]?[A-Z0-9]{1,3})?)(?![A-Z0-9])",
            0.5,
        ),
    )
    CONTEXT = ("iban", "bank", "transaction")
    FLAGS = regex.DOTALL | regex.MULTILINE  # upper case as written: no IGNORECASE

    def validate_result(self, pattern_text: str) -> bool | None:
        return iban_valid(_strip(pattern_text))

    def analyze(self, text: str) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        results = []
        for _pattern, compiled in self._patterns():
            for match in compiled.finditer(text):
                start = match.start()
                for group in range(len(match.groups()), 0, -1):
                    end = match.end(group) if match.end(group) > 0 else match.end()
                    if end > start and self.validate_result(text[start:end]):
                        results.append(RecognizerResult(entity, start, end, MAX_SCORE))
                        break
        return results


# --- United States ------------------------------------------------------------------------------

_NOT_SSNS = ("123456789", "987654320", "078051120")


class UsSsnRecognizer(PatternRecognizer):
    """US Social Security numbers: area (3) - group (2) - serial (4) digits; the dashed 3-2-4
    form (or dotted or spaced) scores 0.5, bare or oddly dashed nine digits 0.05. Never issued:
    area 000 or 666, group 00, serial 0000, one digit repeated, advertising numbers."""

    ENTITY = "US_SSN"
    PATTERNS = (
        Pattern("SSN1 (very weak)", r"\b[0-9]{5}-[0-9]{4}\b", 0.05),
        Pattern("SSN2 (very weak)", r"\b[0-9]{3}-[0-9]{6}\b", 0.05),
        Pattern("SSN3 (very weak)", r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b", 0.05),
        Pattern("SSN4 (very weak)", r"\b[0-9]{9}\b", 0.05),
        Pattern("SSN5 (medium)", r"\b[0-9]{3}[- .][0-9]{2}[- .][0-9]{4}\b", 0.5),
    )
    CONTEXT = ("social", "security", "ssn", "ssns", "ssid")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        if len({c for c in pattern_text if c in ".- "}) > 1:
            return True
        digits = "".join(c for c in pattern_text if c.isdigit())
        return (
            len(set(digits)) == 1
            or digits[:3] in ("000", "666")
            or digits[3:5] == "00"
            or digits[5:] == "0000"
            or digits in _NOT_SSNS
        )


_ITIN_GROUP = r"(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])"


class UsItinRecognizer(PatternRecognizer):
    """US Individual Taxpayer Identification numbers: nine digits 9XX-GG-SSSS whose group GG is
    50-65, 70-88 or 90-92, 94-99; bare 0.3, both separators 0.5, one separator 0.05."""

    ENTITY = "US_ITIN"
    PATTERNS = (
        Pattern(
            "Itin (very weak)",
            rf"\b9\d{{2}}[- ]{_ITIN_GROUP}\d{{4}}\b|\b9\d{{2}}{_ITIN_GROUP}[- ]\d{{4}}\b",
            0.05,
        ),
        Pattern("Itin (weak)", rf"\b9\d{{2}}{_ITIN_GROUP}\d{{4}}\b", 0.3),
        Pattern("Itin (medium)", rf"\b9\d{{2}}[- ]{_ITIN_GROUP}[- ]\d{{4}}\b", 0.5),
    )
    CONTEXT = ("individual", "taxpayer", "itin", "tax", "payer", "taxid", "tin")


class UsPassportRecognizer(PatternRecognizer):
    """US passport numbers: nine digits (0.05), or a letter and eight digits (next-generation
    books, 0.1). Without a context word these are barely evidence."""

    ENTITY = "US_PASSPORT"
    PATTERNS = (
        Pattern("Passport (very weak)", r"\b[0-9]{9}\b", 0.05),
        Pattern("Passport Next Generation (very weak)", r"\b[A-Z][0-9]{8}\b", 0.1),
    )
    CONTEXT = ("us", "united", "states", "passport", "passport#", "travel", "document")


# --- United Kingdom -----------------------------------------------------------------------------


class NhsRecognizer(PatternRecognizer):
    """NHS numbers: ten digits, often 3-3-4; weighting the first nine 10 down to 2 and the
    check digit 1, the sum is a multiple of 11 (mod 11)."""

    ENTITY = "UK_NHS"
    PATTERNS = (Pattern("NHS (medium)", r"\b[0-9]{3}[- ]?[0-9]{3}[- ]?[0-9]{4}\b", 0.5),)
    CONTEXT = ("national health service", "nhs", "health services authority", "health authority")

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = _strip(pattern_text)
        return sum(int(d) * (10 - i) for i, d in enumerate(digits)) % 11 == 0


class UkNinoRecognizer(PatternRecognizer):
    """UK National Insurance numbers: two prefix letters (not D, F, I, Q, U, V; the second not
    O either; not BG, GB, KN, NK, NT, TN, ZZ), six digits (pairs may be spaced), a suffix A-D."""

    ENTITY = "UK_NINO"
    PATTERNS = (
        Pattern(
            "NINO (medium)",
            r"\b(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]"
            r"(?: ?[0-9]{2}){3} ?[a-d]\b",
            0.5,
        ),
    )
    CONTEXT = ("national insurance", "ni number", "nino")


class UkDrivingLicenceRecognizer(PatternRecognizer):
    """UK (DVLA) driving licence numbers, 16 characters: the surname's first five letters
    (padded with 9), the birth date as decade digit, month (plus 50 for a woman), day and the
    year's last digit, two initials (or 9), an arbitrary digit and two check letters
    ("MORGA753116SM9IJ"); the date must be one (round 25)."""

    ENTITY = "UK_DRIVING_LICENCE"
    PATTERNS = (
        Pattern(
            "DVLA licence",
            r"(?-i:\b[A-Z][A-Z9]{4} ?[0-9](?:[05][1-9]|[16][0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]"
            r" ?[A-Z][A-Z9][0-9] ?[A-Z]{2}\b)",
            0.5,
        ),
    )
    CONTEXT = ("driving licence", "driving license", "licence", "license", "dvla")

    def validate_result(self, pattern_text: str) -> bool | None:
        compact = _strip(pattern_text)
        surname = compact[:5]
        return "9" not in surname.rstrip("9")  # the padding only at the end: "LEE99", not "L9E"


# --- Germany ------------------------------------------------------------------------------------


def steuer_id_valid(number: str) -> bool:
    """German tax ID (Steuer-IdNr.): 11 digits, no leading zero, no digit more than three
    times among the first ten, and an ISO 7064 MOD 11,10 check digit."""
    if len(number) != 11 or not number.isdigit() or number[0] == "0":
        return False
    digits = [int(d) for d in number]
    if max(Counter(digits[:10]).values()) > 3:
        return False
    carry = 10
    for digit in digits[:10]:
        carry = ((digit + carry) % 10 or 10) * 2 % 11
    return (11 - carry) % 10 == digits[10]


class DeTaxIdRecognizer(PatternRecognizer):
    """German tax IDs (Steueridentifikationsnummer), see :func:`steuer_id_valid`."""

    ENTITY = "DE_TAX_ID"
    PATTERNS = (
        Pattern("Steueridentifikationsnummer (High)", r"\b[1-9]\d{10}\b", 0.5),
        # as the tax office prints it: "47 156 839 220"
        Pattern("Steueridentifikationsnummer, grouped", r"\b[1-9]\d \d{3} \d{3} \d{3}\b", 0.5),
    )
    CONTEXT = (
        "steueridentifikationsnummer",
        "steuer-id",
        "steuerid",
        "steuerliche identifikationsnummer",
        "steuerliche identifikation",
        "persönliche identifikationsnummer",
        "steuer identifikation",
        "idnr",
        "steuer-idnr",
        "steuernummer",
        "bzst",
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        return steuer_id_valid(pattern_text.replace(" ", ""))


# --- Spain --------------------------------------------------------------------------------------

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"  # the control letter of number mod 23


class EsNifRecognizer(PatternRecognizer):
    """Spanish NIF/DNI: seven or eight digits and a control letter (optionally after a dash),
    the letter being the number's remainder modulo 23 looked up in the official sequence."""

    ENTITY = "ES_NIF"
    PATTERNS = (Pattern("NIF", r"\b[0-9]{7,8}-?[A-Z]\b", 0.5),)
    CONTEXT = ("documento nacional de identidad", "DNI", "NIF", "identificación")

    def validate_result(self, pattern_text: str) -> bool | None:
        text = _strip(pattern_text).upper()
        number = int("".join(c for c in text if c.isdigit()))
        return text[-1] == DNI_LETTERS[number % 23]


class EsNieRecognizer(PatternRecognizer):
    """Spanish foreigner numbers (NIE): X, Y or Z, seven digits and a control letter; the
    prefix counts as 0, 1 or 2 before the number's remainder modulo 23 picks the letter."""

    ENTITY = "ES_NIE"
    PATTERNS = (Pattern("NIE", r"\b[X-Z]?[0-9]{7,8}-?[A-Z]\b", 0.5),)
    CONTEXT = ("número de identificación de extranjero", "NIE")

    def validate_result(self, pattern_text: str) -> bool | None:
        text = _strip(pattern_text).upper()
        prefix, number = text[0], text[1:-1]
        if prefix not in "XYZ" or not number.isdigit() or not 8 <= len(text) <= 9:
            return False
        return text[-1] == DNI_LETTERS[int(str("XYZ".index(prefix)) + number) % 23]


# --- Sweden -------------------------------------------------------------------------------------


class SePersonnummerRecognizer(PatternRecognizer):
    """Swedish personal identity numbers: (YY)YYMMDD, an optional ``-`` or ``+`` and four
    digits; of the last ten digits, month 01-12, day 01-31 (61-91 for a coordination number,
    samordningsnummer), and a Luhn check digit."""

    ENTITY = "SE_PERSONNUMMER"
    PATTERNS = (
        Pattern("Swedish Personnummer (Medium)", r"\b\d{6,8}[-+]?\d{4}\b", 0.5),
        Pattern("Swedish Personnummer (Very Weak)", r"\d{6,8}[-+]?\d{4}", 0.1),
    )
    CONTEXT = (
        "personnummer",
        "svenskt personnummer",
        "svensk id",
        "ssn",
        "personal identity number",
        "samordningsnummer",
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        number = "".join(c for c in pattern_text if c.isdigit())[-10:]
        if len(number) != 10:
            return False
        month, day = int(number[2:4]), int(number[4:6])
        if day > 60:
            day -= 60
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return False
        return luhn_valid(number)


# --- Poland -------------------------------------------------------------------------------------

PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


class PlPeselRecognizer(PatternRecognizer):
    """Polish PESEL: YYMMDD (the month plus 20, 40, 60 or 80 for other centuries), a serial of
    four and a check digit making the weighted sum (1, 3, 7, 9, ...) a multiple of ten."""

    ENTITY = "PL_PESEL"
    PATTERNS = (
        Pattern(
            "PESEL",
            r"[0-9]{2}(?:[02468][1-9]|[13579][0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{5}",
            0.4,
        ),
    )
    CONTEXT = ("PESEL",)

    def validate_result(self, pattern_text: str) -> bool | None:
        if len(pattern_text) != 11 or not pattern_text.isdigit():
            return False
        total = sum(int(d) * w for d, w in zip(pattern_text[:10], PESEL_WEIGHTS, strict=True))
        return (total + int(pattern_text[10])) % 10 == 0


# --- Italy --------------------------------------------------------------------------------------

# Omocodia: a digit of the code may be replaced by a letter, L M N P Q R S T U V for 0-9.
_D = "[0-9LMNP-V]"
_D1 = "[1-9MNP-V]"  # not zero
_VOWEL = "[AEIOU]"
_CONSONANT = "[B-DF-HJ-NP-TV-Z]"
_NAME = rf"(?:{_CONSONANT}{_CONSONANT}[A-Z]|[A-Z]{_VOWEL}[AEIOUX]|{_VOWEL}XX)"
# Month letters: A B C D E H L M P R S T for January to December.
_DAY_ANY_MONTH = r"(?:[04LQ][1-9MNP-V]|[15MR][0-9LMNP-V]|[26NS][0-8LMNP-U])"  # +40: women
_LEAP_YEAR = r"(?:[02468LNQSU][048LQU]|[13579MPRTV][26NS])"
_BIRTH = (
    rf"(?:{_D}{_D}(?:[ABCDEHLMPRST]{_DAY_ANY_MONTH}"  # days 1-28 of any month
    r"|[ACDEHLMPRST](?:[26NS][9V]|[37PT][0L])"  # 29th and 30th but in February
    r"|[ACELMRT][37PT][1M])"  # 31st of the long months
    rf"|{_LEAP_YEAR}B[26NS][9V])"  # 29 February of a leap year
)
_TOWN = rf"(?:[A-M](?![0L]{{3}})|Z(?![0L])){_D}{{3}}"  # cadastral code, not 000
# The value of A-Z (and 0-9 as A-J) in an odd position (first, third, ...) of the code,
# written as a letter (A = 0, B = 1, ...): A is worth 1, B 0, C 5, ...
_FISCAL_ODD = "BAFHJNPRTVCESULDGIMOQKWZYX"


def _fiscal_value(char: str, odd: bool) -> int | None:
    """A character's value for the check letter: digits as the letters A-J."""
    if "0" <= char <= "9":
        index = ord(char) - ord("0")
    elif "A" <= char <= "Z":
        index = ord(char) - ord("A")
    else:
        return None
    return ord(_FISCAL_ODD[index]) - ord("A") if odd else index


class ItFiscalCodeRecognizer(PatternRecognizer):
    """Italian fiscal codes (codice fiscale): three letters each from surname and name, birth
    year, month letter and day (plus 40 for women, checked against the month and leap years),
    the birthplace's cadastral code, and a check letter: odd positions valued by a fixed
    table, even ones by place in the alphabet, the sum modulo 26 as a letter. A wrong check
    letter leaves the weak score (it is not dropped)."""

    ENTITY = "IT_FISCAL_CODE"
    PATTERNS = (Pattern("Fiscal Code", rf"{_NAME}{{2}}{_BIRTH}{_TOWN}[A-Z]", 0.3),)
    CONTEXT = ("codice fiscale", "cf")

    def validate_result(self, pattern_text: str) -> bool | None:
        code = pattern_text.upper()
        total = 0
        for position, char in enumerate(code[:-1]):
            value = _fiscal_value(char, odd=position % 2 == 0)
            if value is None:
                return None
            total += value
        return True if code[-1] == chr(ord("A") + total % 26) else None


# --- India --------------------------------------------------------------------------------------


def _dihedral(a: int, b: int) -> int:
    """The product in the dihedral group of order 10 (0-4 rotations, 5-9 reflections)."""
    if a < 5:
        return (a + b) % 5 + (5 if b >= 5 else 0)
    return (a - b) % 5 + (0 if b >= 5 else 5)


_VERHOEFF_STEP = (1, 5, 7, 6, 2, 8, 3, 0, 9, 4)  # the permutation applied once per position


def _verhoeff_permutation(times: int, digit: int) -> int:
    for _ in range(times % 8):
        digit = _VERHOEFF_STEP[digit]
    return digit


def verhoeff_valid(digits: str) -> bool:
    """Verhoeff: from the right, each digit permuted by its position and multiplied in the
    dihedral group D5; a valid number (check digit included) ends at the identity."""
    check = 0
    for position, char in enumerate(reversed(digits)):
        check = _dihedral(check, _verhoeff_permutation(position, int(char)))
    return check == 0


class InAadhaarRecognizer(PatternRecognizer):
    """Aadhaar numbers: twelve digits (or 4-4-4 with space, dash or colon), not starting with 0
    or 1, not a palindrome, the last a Verhoeff check digit."""

    ENTITY = "IN_AADHAAR"
    PATTERNS = (
        Pattern("AADHAAR (Very Weak)", r"\b[0-9]{12}\b", 0.01),
        Pattern("AADHAR (Very Weak)", r"\b[0-9]{4}[- :][0-9]{4}[- :][0-9]{4}\b", 0.01),
    )
    CONTEXT = ("aadhaar", "uidai")

    def validate_result(self, pattern_text: str) -> bool | None:
        number = _strip(pattern_text, "- :")
        return (
            len(number) == 12
            and number.isdigit()
            and number[0] not in "01"
            and number != number[::-1]
            and verhoeff_valid(number)
        )


class InPanRecognizer(PatternRecognizer):
    """Indian Permanent Account Numbers: five letters, four digits, a letter; the fourth letter
    names the holder's kind (P a person, C a company, H a family, F a firm ...). Upper case only:
    a word of ten letters and digits in lower case is no PAN. No check digit is published."""

    ENTITY = "IN_PAN"
    PATTERNS = (Pattern("PAN", r"(?-i:\b[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]\b)", 0.85),)
    CONTEXT = ("pan", "permanent account number", "income tax")


_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


class MxCurpRecognizer(PatternRecognizer):
    """Mexico's CURP: four letters, the birth date (YYMMDD), H or M, the state, three
    consonants, a letter or digit, and a check digit over the first seventeen characters."""

    ENTITY = "MX_CURP"
    PATTERNS = (
        Pattern(
            "CURP",
            r"(?-i:\b[A-Z][AEIOUX][A-Z]{2}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
            r"[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9][0-9]\b)",
            0.5,
        ),
    )
    CONTEXT = ("curp",)

    def validate_result(self, pattern_text: str) -> bool | None:
        total = sum(_CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(pattern_text[:17]))
        return (10 - total % 10) % 10 == int(pattern_text[17])


class ChAhvRecognizer(PatternRecognizer):
    """Switzerland's social security number (AHV/AVS): 756, nine digits and an EAN-13 check
    digit, usually written 756.1234.5678.97."""

    ENTITY = "CH_AHV"
    PATTERNS = (Pattern("AHV", r"\b756[. ]?[0-9]{4}[. ]?[0-9]{4}[. ]?[0-9]{2}\b", 0.5),)
    CONTEXT = ("ahv", "avs", "sozialversicherung", "assurance")

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = _strip(pattern_text, ". ")
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits[:12]))
        return len(digits) == 13 and (10 - total % 10) % 10 == int(digits[12])


class BeNationalNumberRecognizer(PatternRecognizer):
    """Belgium's national register number, written as printed on the identity card:
    YY.MM.DD-SSS.CC, the check 97 minus the first nine digits modulo 97 (with a 2 before them
    for those born from 2000)."""

    ENTITY = "BE_NATIONAL_NUMBER"
    PATTERNS = (
        Pattern(
            "national register number",
            r"\b[0-9]{2}\.(?:0[0-9]|1[0-2])\.(?:[0-2][0-9]|3[01])-[0-9]{3}\.[0-9]{2}\b",
            0.5,
        ),
    )
    CONTEXT = ("registre national", "rijksregister", "national number", "numéro national")

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = _strip(pattern_text, ".-")
        first, check = int(digits[:9]), int(digits[9:])
        return check in (97 - first % 97, 97 - int("2" + digits[:9]) % 97)


class CaSinRecognizer(PatternRecognizer):
    """Canada's Social Insurance Number (NAS in French): nine digits, written 123 456 782, with
    a Luhn check digit; never starting with 0 or 8. One number in ten passes Luhn, so only after
    its name ("SIN", "NAS", "social insurance number", "numéro d'assurance sociale")."""

    ENTITY = "CA_SIN"
    PATTERNS = (
        Pattern(
            "SIN after its name",
            r"(?<=(?:(?-i:\bSIN\b|\bNAS\b)|\bsocial insurance\b|\bassurance sociale\b)"
            r"[^\d\n]{0,60})\b[1-79][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3}\b",
            0.5,
        ),
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        return luhn_valid(_strip(pattern_text))


_TFN_WEIGHTS = {9: (1, 4, 3, 7, 5, 8, 6, 9, 10), 8: (10, 7, 8, 4, 6, 3, 5, 1)}


class AuTfnRecognizer(PatternRecognizer):
    """Australia's Tax File Number: eight or nine digits (123 456 782) whose weighted sum is a
    multiple of 11; after its name ("TFN", "tax file number"), as a random number passes the
    check one time in eleven."""

    ENTITY = "AU_TFN"
    PATTERNS = (
        Pattern(
            "TFN after its name",
            r"(?<=(?:(?-i:\bTFN\b)|\btax file number\b)[^\d\n]{0,60})"
            r"\b[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{2,3}\b",
            0.5,
        ),
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = _strip(pattern_text)
        weights = _TFN_WEIGHTS.get(len(digits))
        if weights is None:
            return False
        return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


class IePpsnRecognizer(PatternRecognizer):
    """Ireland's Personal Public Service Number: seven digits and a check letter (mod 23 of the
    digits weighted 8 to 2, and of a second letter weighted 9), after its name ("PPS", "PPSN")."""

    ENTITY = "IE_PPSN"
    PATTERNS = (
        Pattern(
            "PPSN after its name",
            r"(?<=(?:(?-i:\bPPSN?\b)|\bpps number\b|\bpersonal public service\b)[^\n]{0,60}?)"
            r"(?-i:\b[0-9]{7}[A-W][ABHW]?\b)",
            0.5,
        ),
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        total = sum(int(d) * (8 - i) for i, d in enumerate(pattern_text[:7]))
        if len(pattern_text) == 9:
            total += (ord(pattern_text[8]) - 64) * 9 % 23 if pattern_text[8] != "W" else 0
        remainder = total % 23
        return pattern_text[7] == ("W" if remainder == 0 else chr(64 + remainder))


class DeRvnrRecognizer(PatternRecognizer):
    """Germany's pension insurance number (Rentenversicherungsnummer, also the social
    insurance number): the office's two digits, the birth date (DDMMYY), the surname's initial,
    a serial of two digits and a check digit ("65 170839 J 003"). The check: the letter as its
    position in the alphabet (two digits), the twelve digits weighted 2 1 2 5 7 1 2 1 2 1 2 1,
    the digit sums of the products added, modulo 10."""

    ENTITY = "DE_RVNR"
    PATTERNS = (
        Pattern(
            "RVNR",
            r"(?-i:\b[0-9]{2} ?(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2} ?[A-Z] ?"
            r"[0-9]{3}\b)",
            0.5,
        ),
    )
    CONTEXT = ("rentenversicherung", "sozialversicherung", "rv-nummer", "svnr")

    def validate_result(self, pattern_text: str) -> bool | None:
        compact = _strip(pattern_text)
        digits = compact[:8] + f"{ord(compact[8]) - 64:02d}" + compact[9:11]
        weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
        products = (int(d) * w for d, w in zip(digits, weights, strict=True))
        return sum(p // 10 + p % 10 for p in products) % 10 == int(compact[11])


class BrCpfRecognizer(PatternRecognizer):
    """Brazil's CPF, written 123.456.789-09: nine digits and two mod-11 check digits."""

    ENTITY = "BR_CPF"
    PATTERNS = (Pattern("CPF", r"\b[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}\b", 0.5),)
    CONTEXT = ("cpf",)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = [int(d) for d in _strip(pattern_text, ".-")]
        if len(set(digits)) == 1:
            return False  # 111.111.111-11 passes the checks and is no one's
        for n in (9, 10):
            check = sum(d * (n + 1 - i) for i, d in enumerate(digits[:n])) * 10 % 11 % 10
            if check != digits[n]:
                return False
        return True
