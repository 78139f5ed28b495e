"""Values that exist to be examples, not anyone's data.

- E-mail addresses at the domains reserved for documentation (RFC 2606, RFC 6761: example.com,
  .net and .org, and the ``.example``, ``.test``, ``.invalid`` and ``.localhost`` top-level
  domains): no one can receive mail there, in any prompt.
- The test card numbers of the card networks' and payment providers' documentation, the example
  IBANs of the IBAN standard's and the banks' documentation, and the US numbers reserved for
  fiction (555-0100 to 555-0199): real formats that belong to no one, but which people also type
  as if they were theirs ("charge my card 4111 1111 1111 1111"). They are examples only when the
  words around them on the line say so ("an example", "the test card", "e.g.", "Beispiel" ...).
- National ids that tutorials use (Italy's "Mario Rossi" fiscal code, the Dutch test BSN), and the
  UK's telephone numbers for drama (Ofcom), with the same condition.
- A number of one repeated digit ("0000000000"), a phone number ending in six zeros, an IBAN with
  an all-zero account: placeholders.
"""

from __future__ import annotations

import re

from routing_mcp import pii_known
from routing_mcp.pii_core import RecognizerResult
from routing_mcp.pii_lexicon import fold, key

_RESERVED_DOMAIN = re.compile(
    r"@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|test|invalid|localhost))$",
    re.IGNORECASE,
)
# A mailbox of a machine or a company's service desk, no one's: "no-reply@…", "billing@…",
# "git@github.com". Not the words a person's own domain uses too ("hello@", "info@",
# "contact@", "office@": "hello@annamueller.de" names her), default-deny.
# Since round 15 also a company's desks (sales, service, returns, claims, privacy, press,
# careers), after a department word too ("baggage.claims@", "customer-service@").
_ROLE_MAILBOX = re.compile(
    r"(?:[a-z]+[._-])?"
    r"(?:no-?reply|do-?not-?reply|noreply|mailer-daemon|postmaster|hostmaster|webmaster|abuse|"
    r"git|noc|root|support|helpdesk|billing|invoices?|newsletter|notifications?|alerts?|"
    r"bookings?|reservations?|orders?|rechnung|facturation|klantenservice|"
    r"sales|service|returns?|claims|privacy|datenschutz|dpo|press|presse|careers|jobs|"
    r"kundenservice|reklamation(?:en)?|retours?)@",
    re.IGNORECASE,
)
# A year in a date: a birth before 1900 is no living person's ("born 14 March 1879, Ulm").
_YEAR = re.compile(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)")
TEST_CARDS = frozenset(
    str.split(
        "4111111111111111 4242424242424242 4000056655665556 4012888888881881 4000000000000002 "
        "4000000000009995 4000002500003155 4000000000003220 5555555555554444 5200828282828210 "
        "5105105105105100 2223003122003222 378282246310005 371449635398431 6011111111111117 "
        "6011000990139424 3056930009020004 36227206271667 3566002020360505 6200000000000005"
    )
)
EXAMPLE_IBANS = frozenset(
    str.split(
        "GB82WEST12345698765432 GB29NWBK60161331926819 DE89370400440532013000 "
        "FR1420041010050500013M02606 FR7630006000011234567890189 ES9121000418450200051332 "
        "IT60X0542811101000000123456 NL91ABNA0417164300 BE68539007547034 AT611904300234573201 "
        "CH9300762011623852957 IE29AIBK93115212345678 PL61109010140000071219812874 "
        "SE4550000000058398257466 LU280019400644750000 DK5000400440116243 NO9386011117947 "
        "FI2112345600000785 PT50000201231234567890154"
    )
)
# The "anyone" of each language's forms and examples, which real people are also called: an
# example only when the words around say so (Jane Doe and Max Mustermann are always public:
# known_names.txt).
PLACEHOLDER_PEOPLE = frozenset(
    ("mario rossi", "jean dupont", "juan perez", "jan jansen", "john smith", "jane smith")
)
# National ids every tutorial uses: Italy's fiscal code of "Mario Rossi", the Dutch test BSN.
# Spain's "12345678Z", the DNI every letter-check tutorial computes.
# The Social Security Administration's numbers for advertisements (987-65-4320 to 4329, never
# issued) and the number printed on a wallet insert in 1938 (078-05-1120, voided).
EXAMPLE_IDS = frozenset(
    (
        *("RSSMRA80A01H501U", "RSSMRA85T10A562S", "999999990", "12345678Z", "078051120"),
        *(f"98765432{d}" for d in range(10)),
    )
)
# The sentence says it is an example (English and the five other languages).
_EXAMPLE_WORD = re.compile(
    r"\b(?:example\w*|sample\w*|test\w*|dummy|fake|placeholder|docs|documentation|tutorial|"
    r"mock|beispiel\w*|muster\w*|exemples?|fictif|fictive|ejemplos?|prueba|esempio|esempi|"
    r"fittizi[oa]|voorbeeld\w*)\b|\b(?:e\.\s?g\.|z\.\s?b\.|p\.\s?ej\.|bijv\.)",
    re.IGNORECASE,
)


# Ofcom's numbers for drama (UK): the national form, without the leading 0.
_UK_DRAMA = re.compile(
    r"^(?:44)?0?(?:1632960|207946|11[3-8]496|121496|131496|141496|151496|161496|2896496|"
    r"2920180|7700900|8081570|9098790|3069990)\d{3}$"
)


def _fictional_number(digits: str) -> bool:
    """The US 555-0100 to 555-0199 (with or without an area code and the country code 1) and
    the UK's drama ranges (01632 960xxx, 020 7946 0xxx, 07700 900xxx ...)."""
    if _UK_DRAMA.match(digits):
        return True
    if len(digits) in (8, 11) and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 10:
        digits = digits[3:]
    return len(digits) == 7 and digits.startswith("55501")


def _around(text: str, start: int, end: int) -> str:
    """The words before the value (the lines just above included: "fake examples:\n- phone
    +1 555 0100") and after it on its line (a sentence split would stop at "e.g.")."""
    before = text[max(0, start - 200) : start]
    after = text[end : end + 120].split("\n", 1)[0]
    return before + " " + after


def is_example(text: str, result: RecognizerResult) -> bool:
    """Whether the finding is an example value (module doc), not personal data."""
    raw = text[result.start : result.end]
    if result.entity_type == "EMAIL_ADDRESS":
        return _RESERVED_DOMAIN.search(raw) is not None or _ROLE_MAILBOX.match(raw) is not None
    if result.entity_type == "DATE_OF_BIRTH":
        year = _YEAR.search(raw)
        if year is not None and int(year.group()) < 1900:
            return True  # "Goethe ... 28. August 1749"
        # a public person's: "Katherine Johnson (born August 26, 1918)"
        return pii_known.public_name_before(text, result.start)
    if result.entity_type == "PERSON":
        name = " ".join(fold(key(w)) for w in raw.split())
        return (
            name in PLACEHOLDER_PEOPLE
            and _EXAMPLE_WORD.search(_around(text, result.start, result.end)) is not None
        )
    digits = re.sub(r"\D", "", raw)
    if len(digits) >= 6 and len(set(digits)) == 1:
        return True  # "0000000000"
    if result.entity_type == "PHONE_NUMBER" and digits.endswith("000000"):
        return True  # "01603 000 000": a line of zeros where the subscriber's number goes
    compact = re.sub(r"[\s-]", "", raw).upper()
    if result.entity_type == "IBAN_CODE" and len(compact) > 8 and set(compact[4:]) == {"0"}:
        return True  # "FR76 0000 0000 0000 0000 0000 000": no account
    known = (
        (result.entity_type == "CREDIT_CARD" and digits in TEST_CARDS)
        or (result.entity_type == "IBAN_CODE" and compact in EXAMPLE_IBANS)
        or (result.entity_type == "PHONE_NUMBER" and _fictional_number(digits))
        # a subscriber number counted up, "+49 30 1234567": the format, shown
        or (result.entity_type == "PHONE_NUMBER" and "1234567" in digits)
        or compact in EXAMPLE_IDS
    )
    return known and _EXAMPLE_WORD.search(_around(text, result.start, result.end)) is not None
