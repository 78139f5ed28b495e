"""Values that exist to be examples, not anyone's data.

- E-mail addresses at the domains reserved for documentation (RFC 2606, RFC 6761: example.com,
  .net and .org, and the ``.example``, ``.test``, ``.invalid`` and ``.localhost`` top-level
  domains): no one can receive mail there, in any prompt.
- The test card numbers of the card networks' and payment providers' documentation, the example
  IBANs of the IBAN standard's and the banks' documentation, and the US numbers reserved for
  fiction (555-0100 to 555-0199): real formats that belong to no one, but which people also type
  as if they were theirs ("charge my card 4111 1111 1111 1111"). They are examples only when the
  words around them on the line say so ("an example", "the test card", "e.g.", "Beispiel" ...).
- A number of one repeated digit ("0000000000"): a placeholder.
"""

from __future__ import annotations

import re

from routing_mcp.pii_core import RecognizerResult

_RESERVED_DOMAIN = re.compile(
    r"@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|test|invalid|localhost))$",
    re.IGNORECASE,
)
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
# The sentence says it is an example (English and the five other languages).
_EXAMPLE_WORD = re.compile(
    r"\b(?:examples?|e\.\s?g\.|sample|test(?:ing)?|dummy|fake|placeholder|docs?|documentation|"
    r"tutorial|mock|beispiel\w*|z\.\s?b\.|muster\w*|exemples?|fictif|fictive|ejemplos?|"
    r"p\.\s?ej\.|prueba|esempio|esempi|fittizi[oa]|voorbeeld\w*|bijv\.)",
    re.IGNORECASE,
)


def _fictional_us_number(digits: str) -> bool:
    """555-0100 to 555-0199, with or without an area code and the country code 1."""
    if len(digits) in (8, 11) and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 10:
        digits = digits[3:]
    return len(digits) == 7 and digits.startswith("55501")


def _around(text: str, start: int, end: int) -> str:
    """The words around the value on its line (a sentence split would stop at "e.g.")."""
    before = text[max(0, start - 120) : start].rsplit("\n", 1)[-1]
    after = text[end : end + 120].split("\n", 1)[0]
    return before + " " + after


def is_example(text: str, result: RecognizerResult) -> bool:
    """Whether the finding is an example value (module doc), not personal data."""
    raw = text[result.start : result.end]
    if result.entity_type == "EMAIL_ADDRESS":
        return _RESERVED_DOMAIN.search(raw) is not None
    digits = re.sub(r"\D", "", raw)
    if len(digits) >= 6 and len(set(digits)) == 1:
        return True
    compact = re.sub(r"[\s-]", "", raw).upper()
    known = (
        (result.entity_type == "CREDIT_CARD" and digits in TEST_CARDS)
        or (result.entity_type == "IBAN_CODE" and compact in EXAMPLE_IBANS)
        or (result.entity_type == "PHONE_NUMBER" and _fictional_us_number(digits))
    )
    return known and _EXAMPLE_WORD.search(_around(text, result.start, result.end)) is not None
