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

import functools
import itertools
import re

import phonenumbers

from routing_mcp import pii_known, pii_name_cues
from routing_mcp.pii_core import RecognizerResult
from routing_mcp.pii_lexicon import Lexicon, Token, fold, key
from routing_mcp.pii_name_ids import login_name, names_someone

_RESERVED_DOMAIN = re.compile(
    r"@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|test|invalid|localhost)|"
    # round 22: a home network's reserved domain (RFC 8375), and a domain that says it is an
    # example in the six languages ("firma-beispiel.de", "exemple.fr", "example-venues.co.uk")
    r"home\.arpa|(?:[\w-]+[.-])?(?:example|beispiel|exemple|ejemplo|esempio|voorbeeld)"
    r"(?:[.-][\w-]+)*\.[a-z]{2,})$",
    re.IGNORECASE,
)
# A machine's address: a local part of a UUID or a long hex id ("7f3c2a9e-4b1d-...@google.com",
# a calendar invite's UID; round 22).
_MACHINE_LOCAL = re.compile(
    r"^(?:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{16,})@", re.I
)
# A mailbox of a machine or a company's service desk, no one's: "no-reply@…", "billing@…",
# "git@github.com". Since round 15 also a company's desks (sales, service, returns, claims,
# privacy, press, careers), after a department word too ("baggage.claims@", "customer-service@").
# Since round 17 the departments and desks of the six languages and plurals ("accounts@",
# "customer.services@", "buchhaltung@", "team-einkauf@", "facturacion@", "soporte@",
# "amministrazione@", "itdesk@"); since round 18 a club's and a shop's ("vorstand@",
# "volunteers@", "sav@", "tienda@"); since round 21 security, release and legal desks.
_ROLE_MAILBOX = re.compile(
    r"(?:(?P<prefix>[a-z]+)[._-])?"
    r"(?:no-?reply|do-?not-?reply|noreply|mailer-daemon|postmaster|hostmaster|webmaster|abuse|"
    r"git|noc|root|support|(?:it|help|service|front)-?desk|billing|invoices?|newsletter|"
    r"notifications?|alerts?|bookings?|reservations?|orders?|rechnung(?:en)?|facturation|"
    r"klantenservice|sales|services?|returns?|claims|privacy|datenschutz|dpo|press|presse|"
    r"careers|jobs|kundenservice|reklamation(?:en)?|r[ée]clamations?|retours?|"
    r"accounts?|accounting|finance|payroll|hr|recruiting|recruitment|procurement|purchasing|"
    r"admissions?|enrol?ments?|lettings|rentals?|reception|"
    r"buchhaltung|einkauf|verkauf|vertrieb|verwaltung|zentrale|empfang|sekretariat|"
    r"bewerbung(?:en)?|personalabteilung|"
    r"comptabilite|compta|secretariat|accueil|commercial|recrutement|"
    r"facturacion|contabilidad|soporte|ventas|reservas|administracion|atencion(?:-?al-?cliente)?|"
    r"amministrazione|contabilita|assistenza|prenotazion[ei]|vendite|segreteria|"
    r"boekhouding|administratie|verkoop|inkoop|receptie|secretariaat|reserveringen|"
    # a club's or an association's desks, a shop's (round 18)
    r"volunteers?|vorstand|verein|mitglieder|membership|members|committee|board|secretary|"
    r"treasurer|kasse|kassenwart|tresorerie|tresorier|sav|tienda|shop|boutique|store|events?|"
    r"tickets?|jugend|youth|bestellungen|commandes|pedidos|ordini|winkel|"
    # a project's or a company's security, release and legal desks, a customer desk by its
    # other languages' names (round 21: "release@", "securite@", "service-client@")
    r"security|securite|sicherheit|seguridad|sicurezza|releases?|legal|compliance|"
    r"service-?clients?|servicio-?cliente|servizio-?clienti|kundendienst|"
    # round 22: the IT desk and a help desk ("it@", "help@")
    r"it|help)@",
    re.IGNORECASE,
)
# A desk's word glued to an English word before it ("fansupport@", "customerservice@",
# "itsupport@"); the word must be one, so that "rosales@" (a surname) stays someone's.
_GLUED_DESK = re.compile(
    r"(?P<prefix>[a-z]{2,12}?)(?:support|services?|helpdesk|billing|bookings?|tickets?|orders?|"
    r"returns?|enquiries|careers|payroll|accounts)@",
    re.IGNORECASE,
)
# The words a person's own domain uses too ("hello@annamueller.de" names her): a company's
# general mailbox only at a domain that names no one (round 17: "info@riverside-rowing.org.uk",
# "contact@camping-les-pins.fr"; default-deny, a domain with a clear given name or surname in
# it, or a given name glued to a surname, stays personal: "info@baeckerei-schmidt.de").
_GENERAL_MAILBOX = re.compile(
    r"(?:info|contact|kontakt|contacto|contatti|hello|hallo|bonjour|hola|ciao|office|buero|"
    r"bureau|team|mail|post|welcome|enquiries|inquiries|anfragen)@([^@\s]+)$",
    re.IGNORECASE,
)
_SUFFIXES = frozenset(("co", "com", "org", "net", "gov", "ac", "edu", "gouv", "gob"))
# The mail services people have their own addresses at: a desk's word there is a person's
# address ("pmcgrath.lettings@gmail.com", a landlord's), never a company's desk.
_PERSONAL_MAIL_SERVICE = re.compile(
    r"@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|gmx|web|"
    r"t-online|freenet|posteo|mailbox|protonmail|proton|pm|orange|wanadoo|free|laposte|sfr|"
    r"libero|virgilio|alice|tiscali|btinternet|sky|virginmedia|ziggo|kpnmail|hetnet|telenet|"
    r"skynet|bluewin|yandex|mail|zoho|fastmail|tutanota|tuta|hey|seznam|wp|o2|interia|onet)"
    r"\.[a-z.]+$",
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
# ... and the ones that are never anyone when written into an identifier ("person.john_doe"; in a
# sentence, "My name is Jane Doe" may be true).
_ANYONE = frozenset(("john doe", "jane doe", "max mustermann", "erika mustermann"))
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
    # (round 92: a German compound too, "mit dem Standardbeispiel DE89 ...")
    r"mock|\w*beispiel\w*|muster\w*|exemples?|fictif|fictive|ejemplos?|prueba|esempio|esempi|"
    r"fictional|fictitious|fiktiv\w*|fictici[oa]|"
    r"fittizi[oa]|voorbeeld\w*)\b|\b(?:e\.\s?g\.|z\.\s?b\.|p\.\s?ej\.|bijv\.)",
    re.IGNORECASE,
)


# ... or, for a number reserved for drama, that code is to read its format (round 73: "a regex
# for UK numbers like 020 7946 0000"; not "format these numbers for a phone list": someone's).
_FORMAT_WORD = re.compile(
    r"\b(?:regex\w*|regexp|regular expression|validat\w*|pars(?:e|es|er|ing))\b", re.IGNORECASE
)


# Ofcom's numbers for drama (UK): the national form, without the leading 0.
_UK_DRAMA = re.compile(
    r"^(?:44)?0?(?:1632960|2079460|11[3-8]4960|1214960|1314960|1414960|1514960|1614960|2896496|"
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


@functools.cache
def _lexicon() -> Lexicon:
    return Lexicon()


# Round 92: a mail header's display name right before the address, "From: Accounts Receivable
# <ar@brightflow-chemicals.co.uk>": a desk's words there make the mailbox the desk's, whatever
# its letters ("ar@" might be anyone's initials).
_DISPLAY_NAME_BEFORE = re.compile(r"(?:^|[:,\n])[ \t]*(?P<name>[^<>\n:,@]{2,60}?)[ \t]*<$")


def _desk_named_before(text: str, start: int) -> bool:
    m = _DISPLAY_NAME_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return False
    words = m["name"].strip().strip("\"'").split()
    return bool(words) and any(w in pii_name_cues.BUSINESS_AFTER_NAME for w in words)


def _role_mailbox(address: str) -> bool:
    """A desk's mailbox, not a person's at that desk ("maria.sales@": a given name, even one
    that is also a word; "schmidt-buchhaltung@": a clear surname)."""
    if _PERSONAL_MAIL_SERVICE.search(address):
        return False
    m = _ROLE_MAILBOX.match(address)
    if m is None:
        local, domain = address.split("@", 1)
        if _words_only(local) and not _domain_names_someone(domain):
            return True  # "customer.relations@", "tournaments@": a desk's words (round 23)
        glued = _GLUED_DESK.match(address)  # "fansupport@", "customerservice@": a word on it
        if glued is None:
            return False
        word = glued["prefix"].lower()
        lex = _lexicon()
        return word in lex.english or (
            len(word) >= 3 and lex.is_plain_word(Token(word.capitalize(), 0, len(word)))
        )
    prefix = m["prefix"]
    return not prefix or not (
        _lexicon().is_given(Token(prefix.capitalize(), 0, len(prefix)))
        or names_someone(_lexicon(), prefix)
        or login_name(_lexicon(), prefix)  # "pmcgrath.lettings@": an initial and a surname
    )


def _words_only(local: str) -> bool:
    """A local part of ordinary words only, none of them a name in any list ("customer.relations",
    "tournaments"; not "rose.baker", "sunny", "j.smith": a name, a letter)."""
    parts = re.split(r"[._-]", local.lower())
    lex = _lexicon()
    return all(len(p) >= 3 and p.isalpha() and (p in lex.english or p in lex.common) for p in parts)


def _general_mailbox(address: str) -> bool:
    """A general mailbox ("info@", "contact@") at a domain whose name is no person's."""
    m = _GENERAL_MAILBOX.match(address)
    if m is None or _PERSONAL_MAIL_SERVICE.search(address):
        return False
    return not _domain_names_someone(m.group(1))


def _domain_names_someone(domain: str) -> bool:
    """A domain with a person's name in it ("ogundipe-translates.com"), or none but a suffix."""
    labels = [x for x in domain.lower().split(".")[:-1] if x not in _SUFFIXES]
    return not labels or any(names_someone(_lexicon(), label) for label in labels)


def _national_number(raw: str, digits: str) -> str:
    """A phone number's digits (``digits``, all of ``raw``'s) without its country code ("+33 1
    23 45 67 89": "123456789")."""
    if not raw.lstrip().startswith("+"):
        return digits
    try:
        return str(phonenumbers.parse(raw, None).national_number)
    except phonenumbers.NumberParseException:
        return digits


def is_example(text: str, result: RecognizerResult) -> bool:
    """Whether the finding is an example value (module doc), not personal data."""
    raw = text[result.start : result.end]
    if result.entity_type == "EMAIL_ADDRESS":
        return (
            _desk_named_before(text, result.start)
            or _RESERVED_DOMAIN.search(raw) is not None
            or _MACHINE_LOCAL.match(raw) is not None
            or _role_mailbox(raw)
            or _general_mailbox(raw)
        )
    if result.entity_type == "DATE_OF_BIRTH":
        year = _YEAR.search(raw)
        if year is not None and int(year.group()) < 1900:
            return True  # "Goethe ... 28. August 1749"
        # a public person's: "Katherine Johnson (born August 26, 1918)"
        return pii_known.public_name_before(text, result.start)
    if result.entity_type == "PERSON":
        name = " ".join(fold(key(w)) for w in raw.split())
        if ("_" in raw or "." in raw) and " ".join(re.split(r"[_.-]+", name)) in _ANYONE:
            return True  # round 80: written into an identifier, "person.john_doe"
        return (
            name in PLACEHOLDER_PEOPLE
            and _EXAMPLE_WORD.search(_around(text, result.start, result.end)) is not None
        )
    digits = re.sub(r"\D", "", raw)
    if len(digits) >= 6 and len(set(digits)) == 1:
        return True  # "0000000000"
    # (after a country code too: "+33 1 23 45 67 89", not "+33 6 12 34 56 78"; round 25)
    national = _national_number(raw, digits) if result.entity_type == "PHONE_NUMBER" else digits
    # (round 91: counted on past 9, "12345678901", a Steuer-ID's placeholder)
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(national)}
    counted = steps in ({1}, {9})
    if len(national) >= 8 and counted and not any(c.isalpha() for c in raw):
        return True  # "123456789 -> '1,234,567.89'": the digits counted, no one's number
    if result.entity_type == "PHONE_NUMBER" and digits.endswith("000000"):
        return True  # "01603 000 000": a line of zeros where the subscriber's number goes
    compact = re.sub(r"[\s-]", "", raw).upper()
    if result.entity_type == "IBAN_CODE" and len(compact) > 8 and set(compact[4:]) == {"0"}:
        return True  # "FR76 0000 0000 0000 0000 0000 000": no account
    around = _around(text, result.start, result.end)
    # a number reserved for drama, or a subscriber number counted up ("+49 30 1234567"): the
    # format, shown; round 73-74: in a question about code that reads numbers too ("a regex for
    # UK numbers like 020 7946 0000", "... French numbers like 06 12 34 56 78")
    if result.entity_type == "PHONE_NUMBER" and (_fictional_number(digits) or "1234567" in digits):
        return _EXAMPLE_WORD.search(around) is not None or _FORMAT_WORD.search(around) is not None
    known = (
        (result.entity_type == "CREDIT_CARD" and digits in TEST_CARDS)
        or (result.entity_type == "IBAN_CODE" and compact in EXAMPLE_IBANS)
        or compact in EXAMPLE_IDS
    )
    return known and _EXAMPLE_WORD.search(around) is not None
