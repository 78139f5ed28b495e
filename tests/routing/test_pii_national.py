"""routing_mcp.pii_national: card, wallet, IBAN and national ID recognizers without Presidio.

Every number here is synthetic: a random body completed with a check digit computed by the
module's own checksum code (or, for wallets, a random payload encoded with its checksum), then
written down. The "invalid" variants change the check digit or break a format rule. The
equivalence with Presidio's recognizers is shown by routing-mcp/tools/compare_national.py.
"""

from __future__ import annotations

import pytest

from routing_mcp import pii_core, pii_national
from routing_mcp.pii_national import (
    CreditCardRecognizer,
    CryptoRecognizer,
    DeTaxIdRecognizer,
    EsNieRecognizer,
    EsNifRecognizer,
    IbanRecognizer,
    InAadhaarRecognizer,
    ItFiscalCodeRecognizer,
    NhsRecognizer,
    PlPeselRecognizer,
    SePersonnummerRecognizer,
    UkNinoRecognizer,
    UsItinRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

RULES_ONLY = True  # the scanner fixture: what the rules alone find (conftest.py)

CASES: list[tuple[type[pii_core.PatternRecognizer], str, list[tuple[int, int, float]]]] = [
    # cards: Luhn check digit appended to a random body
    (CreditCardRecognizer, "4532015112830366", [(0, 16, 1.0)]),
    (CreditCardRecognizer, "4532 0151 1283 0366", [(0, 19, 1.0)]),
    (CreditCardRecognizer, "5105-1051-0510-5100", [(0, 19, 1.0)]),
    (CreditCardRecognizer, "4532015112830367", []),  # Luhn fails
    (CreditCardRecognizer, "Paid with card 6011000999900016 yesterday.", [(15, 31, 1.0)]),
    # wallets: random hash160 / witness programs, Base58Check and bech32 / bech32m encoded
    (CryptoRecognizer, "1N9MHeENoUigTjAHeNbB23jayhPTr4yneg", [(0, 34, 1.0)]),
    (CryptoRecognizer, "3AaStfUp9YhcC5MjbCQnYiPfSf7CLa9c93", [(0, 34, 1.0)]),
    (CryptoRecognizer, "bc1qpu3n0nfhjnzjyzqqd4434uxqe0tz2ev2q9k95w", [(0, 42, 1.0)]),
    (
        CryptoRecognizer,
        "bc1p4skfl2s86y7ygl3nq50wa726vrjkzs7kcsau44mvqz9fkznttlys8uknkz",  # bech32m (taproot)
        [(0, 62, 1.0)],
    ),
    (CryptoRecognizer, "1N9MHeENoUigTjAHeNbB23jayhPTr4yneh", []),  # last character changed
    (CryptoRecognizer, "bc1qpu3n0nfhjnzjyzqqd4434uxqe0tz2ev2q9k95q", []),
    (CryptoRecognizer, "BC1QPU3N0NFHJNZJYZQQD4434UXQE0TZ2EV2Q9K95W", []),  # upper-case prefix
    (
        CryptoRecognizer,
        "send it to bc1qpu3n0nfhjnzjyzqqd4434uxqe0tz2ev2q9k95w please",
        [(11, 53, 1.0)],
    ),
    # IBANs: random BBANs of the country's layout, MOD 97-10 check digits
    (IbanRecognizer, "DE62370400440532013001", [(0, 22, 1.0)]),
    (IbanRecognizer, "DE62 3704 0044 0532 0130 01", [(0, 27, 1.0)]),
    (IbanRecognizer, "GB02NWBK60161331926820", [(0, 22, 1.0)]),
    (IbanRecognizer, "FR84 2004 1010 0505 0001 3M02 607", [(0, 33, 1.0)]),
    (IbanRecognizer, "NL64ABNA0417164301", [(0, 18, 1.0)]),
    (IbanRecognizer, "DE63370400440532013001", []),  # check digits off by one
    (IbanRecognizer, "de62370400440532013001", []),  # lower case: not matched
    (IbanRecognizer, "XX62370400440532013001", []),  # no such country
    (  # the trailing "2" is grouped with the IBAN first, then dropped to validate
        IbanRecognizer,
        "Überweisung an DE62 3704 0044 0532 0130 01 2 Tage später",
        [(15, 42, 1.0)],
    ),
    # US SSN: no checksum; invalid areas, groups, serials and mixed separators dropped
    (UsSsnRecognizer, "536-90-4399", [(0, 11, 0.5)]),
    (UsSsnRecognizer, "536 90 4399", [(0, 11, 0.5)]),
    (UsSsnRecognizer, "536904399", [(0, 9, 0.05)]),
    (UsSsnRecognizer, "53690-4399", [(0, 10, 0.05)]),
    (UsSsnRecognizer, "078-05-1120", []),  # the advertising number
    (UsSsnRecognizer, "000-12-3456", []),
    (UsSsnRecognizer, "536-00-4399", []),
    (UsSsnRecognizer, "536-90.4399", []),
    (UsSsnRecognizer, "111-11-1111", []),
    (UsSsnRecognizer, "my ssn is 536-90-4399.", [(10, 21, 0.5)]),
    # US ITIN: 9XX, group 50-65 / 70-88 / 90-92 / 94-99
    (UsItinRecognizer, "912-70-1234", [(0, 11, 0.5)]),
    (UsItinRecognizer, "912701234", [(0, 9, 0.3)]),
    (UsItinRecognizer, "912-701234", [(0, 10, 0.05)]),
    (UsItinRecognizer, "912-40-1234", []),
    # US passport
    (UsPassportRecognizer, "536904399", [(0, 9, 0.05)]),
    (UsPassportRecognizer, "A12345678", [(0, 9, 0.1)]),
    (UsPassportRecognizer, "AB1234567", []),
    # NHS: mod 11 check digit
    (NhsRecognizer, "9434765919", [(0, 10, 1.0)]),
    (NhsRecognizer, "943 476 5919", [(0, 12, 1.0)]),
    (NhsRecognizer, "401-023-2137", [(0, 12, 1.0)]),
    (NhsRecognizer, "9434765918", []),
    (NhsRecognizer, "NHS number 485 777 3457.", [(11, 23, 1.0)]),
    # UK NINO: no checksum; prefix and suffix rules
    (UkNinoRecognizer, "AB 12 34 56 C", [(0, 13, 0.5)]),
    (UkNinoRecognizer, "ab123456c", [(0, 9, 0.5)]),
    (UkNinoRecognizer, "QQ123456C", []),
    (UkNinoRecognizer, "GB123456A", []),
    (UkNinoRecognizer, "AB123456E", []),
    # German Steuer-ID: MOD 11,10 check digit, no digit more than three times
    (DeTaxIdRecognizer, "47159628032", [(0, 11, 1.0)]),
    (DeTaxIdRecognizer, "26895130471", [(0, 11, 1.0)]),
    (DeTaxIdRecognizer, "47159628033", []),
    (DeTaxIdRecognizer, "11115628032", []),  # four 1s
    (DeTaxIdRecognizer, "Steuer-ID 47159628032 bitte", [(10, 21, 1.0)]),
    # Spanish NIF / NIE: mod 23 control letter
    (EsNifRecognizer, "48291736Q", [(0, 9, 1.0)]),
    (EsNifRecognizer, "48291736-Q", [(0, 10, 1.0)]),
    (EsNifRecognizer, "48291736R", []),
    (EsNifRecognizer, "DNI 48291736q.", [(4, 13, 1.0)]),
    (EsNieRecognizer, "X3746219W", [(0, 9, 1.0)]),
    (EsNieRecognizer, "Z0912874D", [(0, 9, 1.0)]),
    (EsNieRecognizer, "X3746219A", []),
    (EsNieRecognizer, "X37462190W", []),  # eight digits after the prefix
    (EsNieRecognizer, "NIE: y5518230-s", [(5, 15, 1.0)]),
    # Swedish personnummer: date (day + 60 for samordningsnummer) and Luhn
    (SePersonnummerRecognizer, "850709-2388", [(0, 11, 1.0)]),
    (SePersonnummerRecognizer, "19850709-2388", [(0, 13, 1.0)]),
    (SePersonnummerRecognizer, "640823+3234", [(0, 11, 1.0)]),
    (SePersonnummerRecognizer, "850769-2385", [(0, 11, 1.0)]),  # samordningsnummer
    (SePersonnummerRecognizer, "850709-2389", []),
    (SePersonnummerRecognizer, "851309-2388", []),  # month 13
    # PESEL: weights 1 3 7 9
    (PlPeselRecognizer, "85070923815", [(0, 11, 1.0)]),
    (PlPeselRecognizer, "02221503429", [(0, 11, 1.0)]),  # born 2002: month + 20
    (PlPeselRecognizer, "85070923816", []),
    (PlPeselRecognizer, "PESEL: 99113034725, dziękuję", [(7, 18, 1.0)]),
    # codice fiscale: check letter; a wrong one keeps the weak score
    (ItFiscalCodeRecognizer, "BNCGLI80A41H501C", [(0, 16, 1.0)]),
    (ItFiscalCodeRecognizer, "bncgli80a41h501c", [(0, 16, 1.0)]),
    (ItFiscalCodeRecognizer, "BNCGLI80A41H501D", [(0, 16, 0.3)]),
    (ItFiscalCodeRecognizer, "BNCGLI80B30H501C", []),  # 30 February
    (
        ItFiscalCodeRecognizer,
        "Il mio codice fiscale è VRDLCU75M12F205J.",
        [(24, 40, 1.0)],
    ),
    # Aadhaar: Verhoeff check digit, not starting with 0 or 1
    (InAadhaarRecognizer, "234567890124", [(0, 12, 1.0)]),
    (InAadhaarRecognizer, "2345 6789 0124", [(0, 14, 1.0)]),
    (InAadhaarRecognizer, "6172:3094:8579", [(0, 14, 1.0)]),
    (InAadhaarRecognizer, "234567890125", []),
    (InAadhaarRecognizer, "134567890124", []),
    (InAadhaarRecognizer, "Aadhaar 4981-7362-5012 linked", [(8, 22, 1.0)]),
]


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    CASES,
    ids=[f"{cls.__name__}:{text[:30]}" for cls, text, _ in CASES],
)
def test_recognizer_finds(
    recognizer: type[pii_core.PatternRecognizer],
    text: str,
    expected: list[tuple[int, int, float]],
) -> None:
    rec = recognizer()
    found = sorted((r.start, r.end, r.score) for r in rec.analyze(text))
    assert found == expected
    assert all(r.entity_type == rec.ENTITY for r in rec.analyze(text))


ENTITIES = {
    CreditCardRecognizer: "CREDIT_CARD",
    CryptoRecognizer: "CRYPTO",
    IbanRecognizer: "IBAN_CODE",
    UsSsnRecognizer: "US_SSN",
    UsItinRecognizer: "US_ITIN",
    UsPassportRecognizer: "US_PASSPORT",
    NhsRecognizer: "UK_NHS",
    UkNinoRecognizer: "UK_NINO",
    DeTaxIdRecognizer: "DE_TAX_ID",
    EsNifRecognizer: "ES_NIF",
    EsNieRecognizer: "ES_NIE",
    SePersonnummerRecognizer: "SE_PERSONNUMMER",
    PlPeselRecognizer: "PL_PESEL",
    ItFiscalCodeRecognizer: "IT_FISCAL_CODE",
    InAadhaarRecognizer: "IN_AADHAAR",
}


@pytest.mark.parametrize(("recognizer", "entity"), ENTITIES.items())
def test_constructed_without_arguments(
    recognizer: type[pii_core.PatternRecognizer], entity: str
) -> None:
    rec = recognizer()
    assert rec.supported_entities == [entity]
    assert rec.name == recognizer.__name__
    assert rec.patterns and rec.context
    assert rec.analyze("") == []


def test_subclass_can_add_a_pattern() -> None:
    """The scanner's card recognizer appends a pattern after construction."""

    class Cards(CreditCardRecognizer):
        def __init__(self) -> None:
            super().__init__()
            self.patterns.append(pii_core.Pattern("2-series", r"\b2[2-7]\d{14}\b", 0.3))

    # a Mastercard 2-series number: Luhn digit appended to a random body
    number = "2221000010000015"
    assert pii_national.luhn_valid(number)
    assert CreditCardRecognizer().analyze(number) == []
    assert [(r.start, r.end, r.score) for r in Cards().analyze(number)] == [(0, 16, 1.0)]


def test_context_words_are_kept() -> None:
    assert "nhs" in NhsRecognizer().context
    assert "credit" in CreditCardRecognizer().context
    assert "iban" in IbanRecognizer().context


@pytest.mark.parametrize(
    ("number", "valid"),
    [("234567890124", True), ("234567890125", False), ("236", True), ("237", False)],
)
def test_verhoeff(number: str, valid: bool) -> None:
    # 236 is the textbook Verhoeff example (check digit 6 for 23)
    assert pii_national.verhoeff_valid(number) is valid
