"""Offline recognizers for what the format recognizers (pii_national, pii) miss or over-read.

- PERSON: :mod:`routing_mcp.pii_names` (gazetteers + context), wrapped as a recognizer.
- IP_ADDRESS, by policy: an address that identifies a subscriber on the internet (public IPv4 or
  IPv6) is personal data; a private, loopback, link-local or CGNAT address names a box on a home
  network and is not, nor are documentation ranges and well-known public resolvers; a dotted
  quad after "version"/"firmware"/"v", or inside a longer dotted number, is no address.
- DATE_OF_BIRTH: words of the six languages around a date. Street addresses:
  :mod:`routing_mcp.pii_address`; health facts: :mod:`routing_mcp.pii_medical`.
- ID_NUMBER and PHONE_NUMBER by context: a code after "passport", "DNI", "licence" ..., digits
  after "phone", "Handy", "móvil" ... whatever the country's format.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path

from routing_mcp.pii_core import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from routing_mcp.pii_ids import BUSINESS_LINE_BEFORE, ID_WORD_BEFORE, Filtered
from routing_mcp.pii_known import not_private
from routing_mcp.pii_names import NameFinder

_I = re.IGNORECASE
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")  # "Alan Turing's", "Jess'"


class ModelNameRecognizer(EntityRecognizer):
    """Person entities from a spaCy pipeline the operator provides as a local directory
    (``ROUTING_PII_NER_MODEL``); nothing is downloaded. Its names join the rule-based ones.

    Only the components that find entities run (the entity recognizer and the token-to-vector
    layer it listens to, if any): a trained pipeline's tagger, parser and lemmatizer would more
    than double the time per prompt for nothing the scanner reads. A text is fed to the model in
    pieces of at most :attr:`PIECE` characters cut at line breaks (or spaces), so a prompt of a
    megabyte stays under spaCy's ``max_length`` and its memory bounded."""

    LABELS = frozenset({"PERSON", "PER"})
    ENTITY_FACTORIES = frozenset({"ner", "beam_ner", "entity_ruler"})
    PIECE = 10_000

    def __init__(self, path: Path) -> None:
        from homelab_shared.errors import ConfigError  # the MCP stack: not in a scan worker

        try:
            import spacy  # the optional `ner` extra; loaded only when a model is configured
        except ImportError:
            raise ConfigError(
                f"ROUTING_PII_NER_MODEL={path} needs spaCy, which is not installed: install "
                "homelab-suite-routing[ner] (its `ner` extra), or unset it."
            ) from None

        try:
            self.nlp = spacy.load(path)
        except (OSError, ValueError) as err:
            raise ConfigError(
                f"ROUTING_PII_NER_MODEL={path} is not a spaCy pipeline directory "
                f"({type(err).__name__}); unset it to use the name rules alone."
            ) from None
        for name in self.nlp.component_names:
            if name not in self._entity_components():
                self.nlp.remove_pipe(name)
        super().__init__(supported_entities=["PERSON"], name="ModelNameRecognizer")

    def _entity_components(self) -> set[str]:
        """The components that set entities and those they listen to; every component when
        none is of a known entity factory (a custom pipeline: run it as it is)."""
        nlp = self.nlp
        keep = {
            name
            for name in nlp.component_names
            if nlp.get_pipe_meta(name).factory in self.ENTITY_FACTORIES
        }
        if not keep:
            return set(nlp.component_names)
        for name in nlp.component_names:
            listeners = getattr(nlp.get_pipe(name), "listening_components", None) or ()
            if keep.intersection(listeners):
                keep.add(name)
        return keep

    @classmethod
    def pieces(cls, text: str) -> list[tuple[int, str]]:
        """``text`` cut into (offset, piece) of at most :attr:`PIECE` characters, at the last
        line break of each piece, else its last space, else hard."""
        out = []
        start = 0
        while len(text) - start > cls.PIECE:
            end = start + cls.PIECE
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut <= start:
                cut = end - 1
            out.append((start, text[start : cut + 1]))
            start = cut + 1
        out.append((start, text[start:]))
        return out

    def analyze(self, text: str) -> list[RecognizerResult]:
        """The model's persons, without a possessive ending ("Alan Turing's"), less the public
        ones the name rules leave out too ("Who was Ada Lovelace?": :func:`not_private`)."""
        pieces = self.pieces(text)
        docs = self.nlp.pipe(piece for _, piece in pieces)
        spans = []
        for (offset, _), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                if ent.label_ in self.LABELS:
                    cut = _POSSESSIVE_END.search(ent.text)
                    end = ent.end_char - (len(cut.group()) if cut else 0)
                    spans.append((offset + ent.start_char, offset + end))
        public = not_private(text, spans)
        return [
            RecognizerResult("PERSON", start, end, 0.85)
            for i, (start, end) in enumerate(spans)
            if i not in public and end > start
        ]


class NameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        self.finder = NameFinder()
        super().__init__(supported_entities=["PERSON"], name="NameRecognizer")

    def analyze(self, text: str) -> list[RecognizerResult]:
        hits = self.finder.find(text)
        public = not_private(text, [(h.start, h.end) for h in hits])
        return [
            RecognizerResult("PERSON", h.start, h.end, h.score)
            for i, h in enumerate(hits)
            if i not in public
        ]


_VERSION_WORD = (  # singular and plural ("versions", "Versionen", "versiones", "versioni")
    r"(?:\bv|\bversions?|\bversionen|\bver\.?|\bfirmwares?|\bfw|\breleases?|\bbuilds?|\bbios|"
    r"\bkernels?|\bupdates?|\bupgrades?|\bpatch(?:es)?|\bdrivers?|\bpackages?|\bapps?|\bos|"
    r"\bdsm|\bversión|\bversiones|\bversione|\bversioni|\bbump(?:s|ed|ing)?)"
)
_VERSION_BEFORE = re.compile(
    rf"{_VERSION_WORD}\s*:?\s*(?:(?:is|was|now|still|to|from)\s+)?(?:v\s*)?$"
    # (session 19: not an app and where it logged in from, "my banking app from 86.147.203.18")
    r"(?<!\bapp from )(?<!\bapps from )(?<!\bapp to )",
    _I,
)
_VERSION_IN_CLAUSE = re.compile(rf"{_VERSION_WORD}\b", _I)
_ADDRESS_BEFORE = re.compile(
    r"(?:\bip|\baddress|\bat|\bfrom|\bhost|\bserver|\bvps|\bwan|\bexit|\bis|\bvon|\bde|"
    r"\badresse|\bdirección)\s*:?\s*$",
    _I,
)


def _sibling_version(text: str, start: int, end: int) -> bool:
    """A three-part version of the same line nearby: "3.11.7 ... a fix in 3.11.6.1"."""
    major_minor = ".".join(text[start:end].split(".")[:2]) + "."
    window = text[max(0, start - 80) : start] + " " + text[end : end + 80]
    return any(
        v.startswith(major_minor) for v in re.findall(r"(?<![\d.])\d+\.\d+\.\d+(?![\d.])", window)
    )


# A software name just before a dotted number ("nextcloud 30.0.2.2", "nextcloud from 29.0.8.1").
_NAME_BEFORE = re.compile(r"([A-Za-z][\w.-]{1,40})\s+(?:(?:from|to|von|auf|de|vers|a)\s+)?$")


def _tagged_name(text: str, start: int) -> bool:
    """The word before is a name the text also tags with a version, as an image or a package
    ("image: nextcloud:30.0.2-apache", "lodash@4.17.21"): software, and the number its version."""
    before = _NAME_BEFORE.search(text[max(0, start - 48) : start])
    if before is None:
        return False
    return before.group(1) in _tagged_names(text)


_TAGGED = re.compile(r"(?<![\w.-])([A-Za-z][\w.-]{1,40})[:@]v?\d+\.\d+")


@lru_cache(maxsize=1)  # the text being scanned: asked once per address in it
def _tagged_names(text: str) -> frozenset[str]:
    """Every name the text tags with a version, read once a text (a log with a thousand
    addresses asked the same question of the whole text a thousand times)."""
    return frozenset(m.group(1) for m in _TAGGED.finditer(text))


# The dotted number just before, in the same list: "1.10.0.2, 1.9.12.0 and 1.10.0.10".
_LISTED_AFTER = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+){2,3})(?:,\s*|\s+(?:and|or|und|et|y|e|en)\s+|\s+)$"
)


def _named_version_elsewhere(text: str, start: int, end: int) -> bool:
    """The same dotted number is called a version elsewhere nearby (within 2,000 characters)."""
    raw = text[start:end]
    left = max(0, start - 2000)
    for m in re.finditer(re.escape(raw), text[left : end + 2000]):
        at = left + m.start()
        if at != start and _VERSION_BEFORE.search(text[max(0, at - 12) : at]):
            return True
    return False


def _is_version(text: str, start: int, end: int, depth: int = 0) -> bool:
    """A version word just before, or within the clause with no address word in between:
    "firmware 4.0.2.118 and 4.0.3.6" is two versions; "update, my VPS is at 81.2.69.160" is not.
    A dotted number listed right after one that is a version is one too."""
    if _sibling_version(text, start, end) or _tagged_name(text, start):
        return True
    listed = _LISTED_AFTER.search(text[max(0, start - 24) : start])
    if listed and depth < 16:
        at = start - len(listed.group())
        if _is_version(text, at, at + len(listed.group(1)), depth + 1):
            return True
    near = text[max(0, start - 12) : start]
    if _VERSION_BEFORE.search(near) or _VERSION_AFTER.match(text, end):
        return True  # "firmware 1.2.3.4", "a 4.2.1.7 version number"
    if _upgrade(text, start, end):
        return True  # "went from 1.0.4.2 to 1.0.4.10"
    if _ADDRESS_BEFORE.search(near):
        return False
    clause = re.split(r"[.!?;]\s|\n", text[max(0, start - 40) : start])[-1]
    if _VERSION_IN_CLAUSE.search(clause) is not None:
        return True
    # the dotted number before it on the same line is a version of the same major number:
    # "Version du firmware : 4.7.6.1, celle recommandée : 4.8.0.2" (no address word right before
    # this one: checked above; "fw 1.2.3.4, ping 81.2.69.160" stays an address)
    line = text[max(0, start - 80) : start].rsplit("\n", 1)[-1]
    major = text[start:end].split(".")[0]
    previous = [m for m in _DOTTED.finditer(line) if m.group().split(".")[0] == major]
    if previous and depth < 16:
        at = start - len(line) + previous[-1].start()
        return _is_version(text, at, at + len(previous[-1].group()), depth + 1)
    return False


_DOTTED = re.compile(r"(?<![\d.])\d+(?:\.\d+){3}(?![\d.])")
_VERSION_AFTER = re.compile(
    r"[ -](?:version|release|build|firmware|update|versie|versión|versione)\b", re.IGNORECASE
)
_TO_NEXT = re.compile(r"\s*(?:to|->|→|auf|à|a|naar|nach)\s+(\d+(?:\.\d+){3})(?![\d.])", _I)
_FROM_PREVIOUS = re.compile(r"(?<![\d.])(\d+(?:\.\d+){3})\s*(?:to|->|→|auf|à|a|naar|nach)\s*$", _I)


def _upgrade(text: str, start: int, end: int) -> bool:
    """Two dotted numbers of the same major number, one changed into the other: an upgrade."""
    major = text[start:end].split(".")[0]
    after = _TO_NEXT.match(text, end)
    if after is not None and after.group(1).split(".")[0] == major:
        return True
    before = _FROM_PREVIOUS.search(text[max(0, start - 24) : start])
    return before is not None and before.group(1).split(".")[0] == major


_NOT_PERSONAL = [
    ipaddress.ip_network(n)
    for n in (
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
        "100.64.0.0/10", "0.0.0.0/8", "255.255.255.255/32", "224.0.0.0/4",
        # reserved (class E): no host has one; every netmask (255.255.255.224) falls here
        "240.0.0.0/4",
        "::1/128", "fe80::/10", "fc00::/7", "ff00::/8", "::/128",
        # documentation and benchmark ranges (RFC 5737, 3849, 2544): examples, no one's
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15", "2001:db8::/32",
        # well-known public resolvers: a service everyone uses, not a subscriber
        "1.1.1.1/32", "1.0.0.1/32", "8.8.8.8/32", "8.8.4.4/32", "9.9.9.9/32",
        "149.112.112.112/32", "208.67.222.222/32", "208.67.220.220/32", "94.140.14.14/32",
        "94.140.15.15/32", "2606:4700:4700::1111/128", "2606:4700:4700::1001/128",
        "2001:4860:4860::8888/128", "2001:4860:4860::8844/128", "2620:fe::fe/128",
        # (round 91: their filtering and family variants, "1.1.1.2 resolvers": Cloudflare's,
        # Quad9's, OpenDNS FamilyShield, AdGuard's family servers)
        "1.1.1.2/32", "1.0.0.2/32", "1.1.1.3/32", "1.0.0.3/32", "9.9.9.10/32", "9.9.9.11/32",
        "149.112.112.10/32", "149.112.112.11/32", "208.67.222.123/32", "208.67.220.123/32",
        "94.140.14.15/32", "94.140.15.16/32", "2606:4700:4700::1112/128",
        "2606:4700:4700::1002/128", "2606:4700:4700::1113/128", "2606:4700:4700::1003/128",
        "2620:fe::9/128", "2620:fe::11/128",
    )
]  # fmt: skip


# A service every subscriber of a provider uses, named right before the address.
_SERVICE_BEFORE = re.compile(
    r"\b(?:dns|dns[- ]?servers?|nameservers?|name servers?|resolvers?|ntp|ntp[- ]?servers?)"
    r"\s*[:=]?\s*$",
    _I,
)

# Round 71: a DNS resolver's log naming the address a public name resolves to or the upstream
# a query went to ("reply time.cloudflare.com is 162.159.200.1", "forwarded api.example.net to
# 9.9.9.9"): a server's, unless the name is a home's own by dynamic DNS ("reply
# castle.duckdns.org is 82.24.191.56": the subscriber's).
_RESOLVED_BEFORE = re.compile(
    r"\b(?:reply|cached|answer|forwarded|resolved)\s+(?P<name>[\w.-]+\.[a-z]{2,})\s+"
    r"(?:is|to|->|=>)\s*$",
    _I,
)
_HOME_DNS = re.compile(
    r"(?:duckdns|dyndns|dynv6|no-?ip|ddns|myfritz|synology|dyn|afraid|hopto|zapto|ddnss|"
    r"selfhost|spdyn|tplinkdns|asuscomm|freeboxos|\.lan|\.local|\.home|\.internal|\.arpa)\b",
    _I,
)
# A reverse lookup's name: the address written backwards before ".in-addr.arpa"
# ("34.1.168.192.in-addr.arpa" is 192.168.1.34).
_REVERSE_ZONE = re.compile(r"\.in-addr\.arpa\b", _I)


# An address a security log or question names as the other side: banned, blocked, dropped,
# scanning, attacking, a Tor exit ("fail2ban ... Banned IP list: 185.220.101.34", "[UFW BLOCK]
# ... SRC=45.155.205.233", "DoS Attack ... from source: 104.21.33.71"), or the server apt
# fetched from ("[IP: 212.224.123.70 443]"): no subscriber of the writer's side, unless the
# writer says it is theirs or someone's they know ("fail2ban banned my own home IP").
_ATTACK_LINE = re.compile(
    r"\b(?:bann?(?:ed|ing)?|blocked|block|drop(?:ped)?|denied|deny|reject(?:ed)?|attacks?|"
    r"attacker|scan(?:s|ner|ners|ning)?|brute[- ]?force|tor exit|exit nodes?|intrusion|abuse|"
    r"botnet|malicious|spam(?:mer)?|crowdsec|fail2ban|failed password|invalid user|d?dos|"
    r"jail|blacklist(?:ed)?|blocklist(?:ed)?|honeypot|hackers?|angriff|gesperrt|attaque|"
    r"bloqu[ée]e?|ataque|bloquead[oa]|attacco|bloccat[oa]|aanval|geblokkeerd)\b",
    _I,
)
_OWNER_NEAR = re.compile(
    r"\b(?:my|our|mine|me|own|home|house|his|her|their|he|she|they|mum|mom|dad|parents?|"
    r"sister|brother|wife|husband|partner|friend|girlfriend|boyfriend|grandma|grandpa|office|"
    r"mein\w*|unser\w*|ihre?|sein\w*|zuhause|eltern|mon|ma|mes|notre|sa|son|ses|chez|mi|mis|"
    r"su|sus|nuestr[oa]|casa|mio|mia|suo|sua|mijn|onze|zijn|haar|thuis)\b",
    _I,
)
_APT_SERVER = re.compile(r"\[IP:\s*$")


# A hop of a traceroute or an mtr report: " 3  62.115.120.104  11.2 ms": a carrier's router.
_HOP = re.compile(r"(?:^|\n)\s*\d{1,2}\.?\|?(?:--)?\s+(?:\S+\s+\()?$")
_HOP_AFTER = re.compile(r"\)?\s+(?:[\d.]+\s*ms|[\d.]+%)")


def _other_side(text: str, start: int, end: int) -> bool:
    """The address is an attacker's, a scanner's or a server's, by the words around it (above)."""
    if _APT_SERVER.search(text[max(0, start - 6) : start]):
        return True
    if _HOP.search(text[max(0, start - 80) : start]) and _HOP_AFTER.match(text, end):
        return True
    # the address's own line (a log line, a sentence), not the question above a log: "should
    # I worry?" above an attacker's line and the writer's own login
    line_start = max(text.rfind("\n", max(0, start - 200), start) + 1, start - 200)
    line_end = text.find("\n", end, end + 200)
    line = text[line_start : min(len(text), end + 200) if line_end < 0 else line_end]
    return (
        _ATTACK_LINE.search(line) is not None
        and _OWNER_NEAR.search(line) is None
        and not _someone_known(text)
    )


# Someone the writer knows, anywhere in the prompt: the banned address may be theirs ("fail2ban
# keeps banning people I know", "that's my brother dmitri connecting from his flat").
_KNOWN_PERSON = re.compile(
    r"\b(?:mum|mom|dad|parents?|sister|brother|wife|husband|partner|friends?|girlfriend|"
    r"boyfriend|grandma|grandpa|aunt|uncle|cousin|son|daughter|neighbou?r|colleague|"
    r"people i know|(?:is|was|it['’]s|that['’]s) me|my own (?:home|ip|connection|address)|"
    r"my home|from home|home (?:ip|connection|broadband|line|network)|"
    r"eltern|mutter|vater|schwester|bruder|freund(?:in)?|zuhause|"
    r"mère|père|sœur|frère|ami|amie|chez (?:moi|lui|elle|eux)|"
    r"madre|padre|herman[oa]|amig[oa]|casa de|"
    r"sorella|fratello|amic[oa]|"
    r"moeder|vader|zus|broer|vriend(?:in)?|thuis)\b",
    _I,
)


@lru_cache(maxsize=1)
def _someone_known(text: str) -> bool:
    return _KNOWN_PERSON.search(text) is not None


_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_HEX = r"[0-9a-f]{1,4}"


class IpRecognizer(PatternRecognizer):
    """Candidates for IPv4 and IPv6 addresses (with a prefix length, an IPv6 zone, an IPv4 tail),
    each kept only when :mod:`ipaddress` reads it as an address or interface."""

    ENTITY = "IP_ADDRESS"
    CONTEXT = ("ip", "ipv4", "ipv6")
    PATTERNS = (
        Pattern("IPv4", rf"\b{_OCTET}(?:\.{_OCTET}){{3}}(?:/(?:3[0-2]|[12]?\d))?\b", 0.6),
        # two to seven groups ending in a colon ("::" counts), then a group or a dotted quad;
        # what is no address ("12:30:45", a MAC) ipaddress tells, what is no one's the policy
        Pattern(
            "IPv6",
            rf"(?<![\w:])(?:[0-9a-f]{{0,4}}:){{2,7}}(?:{_HEX}|{_OCTET}(?:\.{_OCTET}){{3}})?"
            r"(?:%[0-9a-z]+)?(?:/(?:12[0-8]|1[01]\d|[1-9]?\d))?(?![\w:]|\.\d)",
            0.6,
        ),
    )

    def invalidate_result(self, pattern_text: str) -> bool:
        try:
            ipaddress.ip_interface(pattern_text)
        except ValueError:
            return True
        return False


# Eight colon-separated pairs of hex digits: an EUI-64 (a Zigbee device's IEEE address as Home
# Assistant shows it) or a certificate serial. IPv6 groups are written without leading zeros and
# compressed with "::", so an address in this shape is not how anyone writes one.
_BYTE_PAIRS = re.compile(r"[0-9a-f]{2}(?::[0-9a-f]{2}){7}", re.IGNORECASE)


# Round 91: a question whether an address is in a range ("Is 172.32.0.1 private?", "Is
# 10.255.255.1 a valid private address? And 172.32.0.1?"), with no one's address in it (not
# "is my public IP 82.1.2.3 ...?", "our WAN address").
_RANGE_WORD = re.compile(
    r"\b(?:private|public|routable|non-routable|reserved|rfc\s?1918|bogon|privée?|publique|"
    r"privat|öffentlich|privada|pública|privato|pubblico|privé|publiek)\b",
    _I,
)
_WHOSE = re.compile(
    r"\b(?:my|our|mine|his|her|their|your|mein\w*|unser\w*|mon|ma|mes|notre|mi|mis|nuestr\w*|"
    r"mio|mia|nostr\w*|mijn|onze|wan|router|isp|home|from|attack\w*|ban\w*|blocked|"
    r"su|sus|suo|sua|son|sa|ses|sein\w*|ihr\w*|zijn|haar)\b",
    _I,
)
# ... nor the writer in the question itself ("do i need to ...?", "can we ...?").
_WRITER = re.compile(r"\b(?:i|i['’]m|we|me|us|ich|je|j['’]|yo|io|ik)\b", _I)


_SENTENCE_BREAK = re.compile(r"[.!?](?:\s+|$)|\n")


def _class_asked(text: str, start: int, end: int) -> bool:
    """The address is the subject of a question about its range (_RANGE_WORD) in a sentence
    ending in "?" (or the question is the sentence before, "... private address? And
    172.32.0.1?"), with nothing around saying whose address it is (_WHOSE)."""
    close = text.find("?", end, end + 80)
    if close < 0 or _SENTENCE_BREAK.search(text, end, close):
        return False
    if not _RANGE_WORD.search(text, end, close) and close - end > 2:
        return False  # the range asked after the address: "Is 172.32.0.1 private?" (not "old
        # public ip was 82.45.119.8, do i need ...?": the range says what the address is)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 160), start)]
    left = breaks[-1] if breaks else max(0, start - 160)
    question = text[left : close + 1]
    if not _RANGE_WORD.search(question):
        before = text[breaks[-2] if len(breaks) > 1 else max(0, left - 160) : left]
        alone = len(question) <= end - start + 8  # "And 172.32.0.1?"
        if not (alone and before.rstrip().endswith("?") and _RANGE_WORD.search(before)):
            return False
        question = before + question
    after = _SENTENCE_BREAK.search(text, close + 2)
    following = text[close + 1 : after.end() if after else close + 120]
    return _WHOSE.search(question + " " + following) is None and _WRITER.search(question) is None


class PolicyIpRecognizer(Filtered, IpRecognizer):
    """The IP recognizer, keeping only addresses that are personal data (module doc)."""

    def keep(self, text: str, result: RecognizerResult) -> bool:
        if _is_version(text, result.start, result.end):
            return False  # "firmware 1.2.3.4"
        if _SERVICE_BEFORE.search(text[max(0, result.start - 24) : result.start]):
            return False  # "DNS-Server: 217.237.150.51": the provider's resolver, no subscriber
        if _class_asked(text, result.start, result.end):
            return False  # "Is 172.32.0.1 private?": a question about the address's range
        if re.match(r"\.\d", text[result.end : result.end + 2]) or re.search(
            r"\d\.$", text[max(0, result.start - 2) : result.start]
        ):
            return False  # part of a longer dotted number: 10.0.19045.3803, "1.2.3.4.5"
        raw = text[result.start : result.end]
        if _REVERSE_ZONE.match(text, result.end):
            # round 71: a reverse lookup's name, the address backwards: read it the right way
            raw = ".".join(reversed(raw.split(".")))
        else:
            resolved = _RESOLVED_BEFORE.search(text[max(0, result.start - 120) : result.start])
            if resolved is not None and not _HOME_DNS.search(resolved.group("name")):
                return False  # "reply time.cloudflare.com is 162.159.200.1" (round 71)
        if _BYTE_PAIRS.fullmatch(raw):
            return False  # "00:12:4b:00:1c:a1:b2:c3": a Zigbee IEEE address, a cert serial
        try:
            address = ipaddress.ip_address(raw.split("/")[0].split("%")[0])
        except ValueError:
            return False
        if any(address in net for net in _NOT_PERSONAL):
            return False
        # (the costlier reads last, for the public addresses only)
        if _named_version_elsewhere(text, result.start, result.end):
            return False  # "bump to 2.14.0.3 broke ...? c'est quoi la version 2.14.0.3"
        return not _other_side(text, result.start, result.end)  # an attacker, a mirror


_MONTHS = (
    r"(?:jan(?:uary|uar|vier|uari)?|feb(?:ruary|ruar|ruari)?|février|mar(?:ch|s)?|märz|maart|"
    r"apr(?:il)?|avril|may|mai|mei|june?|juni|juin|july?|juli|juillet|aug(?:ust(?:us)?)?|août|"
    r"sep(?:t(?:ember)?)?|septembre|oct(?:ober)?|okt(?:ober)?|octobre|nov(?:ember|embre)?|"
    r"dec(?:ember)?|dez(?:ember)?|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|"
    r"settembre|ottobre|dicembre)"
)
_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    rf"{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|"
    rf"\d{{1,2}}-{_MONTHS}-\d{{4}}|"  # "07-Apr-1969"
    rf"\d{{1,2}}(?:st|nd|rd|th|er|º|°)?\.? (?:de |of )?{_MONTHS}\.?,? (?:de )?\d{{4}})"
)
# A day and a month without a year ("12 Feb", "3. Juli", "March 3rd").
_DAY_MONTH = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er)?\.? (?:de |of )?{_MONTHS}\b|"
    rf"{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?\b)(?!\.?,? \d)"
)
# Round 57: the feast days a birth is said to fall on.
_FEAST = (
    r"(?:Christmas Day|Christmas Eve|New Year['’]s (?:Day|Eve)|Boxing Day|Valentine['’]s Day|"
    r"Halloween|Heiligabend|Silvester|Neujahr|(?:le )?jour de Noël|(?:le )?jour de l['’]an|"
    r"Noël|(?:el )?día de Navidad|Nochebuena|Nochevieja|(?:il giorno di )?Natale|"
    r"(?:la )?vigilia di Natale|Kerstmis|eerste kerstdag)"
)
_BIRTHDAYS = r"\b(?:birthdays|geburtstage|anniversaires|cumpleaños|compleanni|verjaardagen)\b"
# A full date whose year can be a living person's birth year (not next month's meeting).
_BIRTH_YEAR_DATE = (
    r"(?:(?:19\d\d|20[01]\d)[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-](?:19\d\d|20[01]\d)|"
    rf"\d{{1,2}}-{_MONTHS}-(?:19\d\d|20[01]\d)|"
    rf"{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? (?:19\d\d|20[01]\d)|"
    rf"\d{{1,2}}(?:st|nd|rd|th|er)?\.? (?:de |of )?{_MONTHS}\.?,? (?:de )?(?:19\d\d|20[01]\d))"
)
# Words that say the next date is a birth date, in the six languages, with what may stand
# between ("born on the", "geb. am", "née le", "nacido el", "nata il", "geboren op").
_BIRTH = (
    r"(?:born|b\.|birthday|b-?day|b['’]day|birth ?date|date of birth|d\.?o\.?b\.?|geboren|geb\.|"
    # (round 96: French's short "anniv", "anniv de mon père le 21 octobre 1956")
    r"geburtsdatum|geburtstag|née?|né\(e\)|date de naissance|anniversaire|anniv|nacid[oa]|nació|"
    r"nací|"
    r"f\. ?nac\.|fecha de nacimiento|cumpleaños|nat[oa]|data di nascita|compleanno|"
    r"geboortedatum|verjaardag|turns \d{1,3}|(?:wird|fête ses|cumple|compie) \d{1,3})"
)
_BIRTH_FILLER = (
    r"(?:[\s:,(]{1,3}(?:(?:is|ist|est|es|è|on|the|am|le|el|il|op|der|den|was)[\s:]+){0,3})"
)
# The name of a birth-date field in the six languages (a form's label, a table's column).
_BIRTH_DATE_NAME = (  # also as a key: "date_naissance", "date-of-birth", "birth_date"
    # (round 43: and in the plural, "nos dates de naissance, la mienne c'est le 12/05/1998",
    # "Geburtsdaten", "fechas de nacimiento", "date di nascita")
    r"dates?[ _-]of[ _-]birth|dob|d\.o\.b\.?|birth[ _-]?dates?|geburts_?dat(?:um|en)|"
    r"dates?[ _-](?:de[ _-])?naissance|fechas?[ _-](?:de[ _-])?nacimiento|"
    r"dat[ae][ _-](?:di[ _-])?nascita|geboorte_?dat(?:um|a)"
)
# Form fields: a birth year date after "date of birth?" within a short stretch (a chat log
# asking for it, an address in between).
# A birthday list too ("Birthday list: Nan - 19/04/1943, ..."; "Geburtstag von Pauline ist der
# 29.02.2004"): a date whose year can be a living person's birth year, after "birthday", is one.
_BIRTH_FIELD = (
    rf"(?:{_BIRTH_DATE_NAME}|birthdays?|geburtstage?|born|geboren|"
    r"anniversaires?|anniv|cumpleaños|compleann[oi]|verjaardag(?:en)?)"
)
# The writer's own: "my", "meine", "mon", "mi", "mio", "mijn".
_OWN = r"(?:my|mein\w*|ma|mon|mi|mio|mia|mijn)"
# "number" after an id's name, in the six languages.
_NUMBER_WORDS = r"nummer|nr\.?|number|no\.?|num[ée]ro|número|numero"
_NUMBER_WORD = rf"(?:[-\s]?(?:{_NUMBER_WORDS}))?"
# Words that say an id follows, in the six languages (compounds too: "Personalausweisnummer").
ID_NAMES = (
    r"(?:passport|passeport|pasaporte|passaporto|paspoort|reisepass|pass(?=-?nummer)|"
    # round 80: a health card by its name ("ontario health card for my brother is 4829-...")
    r"health[- ]card|carte santé|tessera sanitaria|tarjeta sanitaria|"
    r"driving licen[cs]e|driver['’]?s licen[cs]e|drivers licen[cs]e|licen[cs]e number|"
    # round 60: a driver's licence by its letters ("my DL number D4829-1837-5502")
    r"dl(?=[\s-]*(?:number|no\.?|#))|"
    r"führerschein|permis de conduire|permis|carnet de conducir|carnet|patente|rijbewijs|"
    r"id card|identity card|national id|id number|identity number|carte d['’]identité|"
    r"carte nationale d['’]identité|cni|dni|nie|nif|nir|documento de identidad|"
    r"carta d['’]identità|identiteitskaart|id-kaart|personalausweis|ausweis|"
    r"ssn|social security|sécurité sociale|sécu|seguridad social|previdenza|"
    r"national insurance|ni number|insurance number|versichertennummer|"
    r"sozialversicherungsnummer|tax id|steuer-?id|steueridentifikationsnummer|steuernummer|"
    r"numéro fiscal|codice fiscale|bsn|burgerservicenummer|sofinummer|utr|"
    # German insurance numbers, also inside their compounds: "Rentenversicherungsnummer"
    r"rentenversicherungs(?:nummer)?|rv-nummer|sv-nummer|krankenversichertennummer|kvnr|"
    # round 29: the health insurer's number as people call it ("meine Krankenkassennummer")
    r"krankenkassen-?(?:nummer|nr)|versicherungsnummer|"
    # round 69: the insured's number abbreviated ("TK, Versichertennr. K482019337")
    r"versichertennr|"
    # round 50: the member's number at the health insurer ("Krankenkassen-Mitgliedsnummer")
    r"krankenkassen-?mitglieds(?:nummer|nr)|"
    # round 38: the health insurance's number in one word ("Krankenversicherungsnummer")
    r"krankenversicherungsnummer|"
    # round 32: the German ID card as people call it ("mein perso"); a health plan's member id
    # is round 47's below
    r"perso|"
    # round 40: Medicaid's or Medicare's id without "member" ("my son's Medicaid ID is ...")
    r"(?:medicaid|medicare)\s+(?:id|number|card number|card)|"
    # round 91: Medicare's new number by its name and letters ("Medicare Beneficiary Identifier
    # is 1EG4-TE5-MK72", "her MBI: ...")
    r"(?:medicare\s+)?beneficiary\s+(?:identifier|id)|mbi(?=\s*(?:number|no\.?|#|:|is)\b)|"
    # round 48: a health insurance card's number ("my son's health insurance card number: AXA
    # ..."; not the card's other codes, "insurance card says 'Rx BIN 610014'")
    r"(?:health\s+)?insurance\s+card(?=\s+(?:number|no|nr|id)\b)|"
    # round 47: a member's number where an insurer is named before it, right before or a few
    # words before ("health insurance member ID" (round 32), "the insurer: member no.", "her
    # Medicaid? member ID"; not a gym's or a club's membership number)
    r"(?:insurer|insurance|health plan|health fund|medicaid|medicare)\b[^\n\d]{0,40}?"
    r"\bmember(?:ship)?(?=\s+(?:id|no|number|nr|#)\b)(?:\s+id)?|"
    # round 70: the same in French, a member's number where a mutual insurer is named before it
    # ("La mutuelle veut le numéro d'adhérent de mamie"), and a Canadian province's health
    # card ("Canadian health card number for my son is 4829-617-305-KT")
    r"(?:mutuelle|complémentaire santé|assurance|assureur)\b[^\n\d]{0,40}?"
    r"\bnum[ée]ro d['’]adh[ée]rent|"
    r"health card(?=\s+(?:number|no|nr|#)\b)|carte santé|carte soleil|"
    # round 30: a residence permit's number ("the UK BRP number", "Aufenthaltstitel")
    r"brp|biometric residence permit|residence permit|residence card|aufenthaltstitel|"
    r"aufenthaltserlaubnis|titre de séjour|carte de séjour|permiso de residencia|"
    r"permesso di soggiorno|verblijfsvergunning|verblijfsdocument|"
    # the other national numbers by their names (a mistyped check digit is still someone's):
    # Sweden, Norway, Denmark, Finland, Ireland, Australia, Canada, Switzerland, Belgium, Poland
    r"personnummer|fødselsnummer|cpr-?nummer|henkilötunnus|hetu|pps number|ppsn|tfn|"
    # round 63: Denmark's by its letters and a number word ("my CPR number ... 150392-1847")
    r"cpr(?=[\s-]*(?:number|no\.?|nr\.?|#))|"
    r"tax file number|social insurance number|ahv-?nummer|numéro avs|"
    r"registre national|rijksregisternummer|pesel|"
    # round 44: a US service member's id ("the DoD ID on my CAC", "EDIPI", "military ID")
    r"dod id|edipi|military id|"
    # round 52: a US immigrant's number ("my dad's A-number"), a learner driver's permit
    r"a-number|alien (?:registration )?number|uscis (?:number|#)|"
    r"learner['’]?s? permit|licen[cs]e permit|provisional (?:driving )?licen[cs]e|"
    # round 53: a US permanent resident's card ("my green card number")
    r"green card|permanent resident card)"
)


class ContextPhoneRecognizer(Filtered, PatternRecognizer):
    """Digits after a phone word, unless an id word or a company's line stands right before
    them ("numéro de commande 405-1127834-9931702", "hotline: 030 2970") or they are glued to
    letters ("FR-2024-118734")."""

    _DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
    # glued to letters before it: "commande FR-2024-118734" is one identifier
    _GLUED = re.compile(r"\b[A-Za-z]\w*[-_/#]$")

    def keep(self, text: str, result: RecognizerResult) -> bool:
        if self._DATE.fullmatch(text[result.start : result.end].strip()):
            return False  # "Mobile team, due 2026-12-15": a date after a phone word
        before = text[max(0, result.start - 60) : result.start]
        return (
            ID_WORD_BEFORE.search(before) is None
            and BUSINESS_LINE_BEFORE.search(before) is None
            and self._GLUED.search(before) is None
        )


_BIRTH_COLUMN = re.compile(
    rf"^(?:{_BIRTH_DATE_NAME}|birthday|born|geburtstag|geboren|naissance|né\(e\) le|"
    r"nacimiento|nascita|geboren op)$",
    _I,
)
_FULL_DATE = re.compile(_DATE, _I)


class BirthColumnRecognizer(EntityRecognizer):
    """Dates in a table's birth-date column: a header row (comma, semicolon, tab or pipe
    separated) with a column named "dob", "Geburtsdatum", "date de naissance" ..., then the
    dates in that column of the rows below it (a CSV, a pasted spreadsheet, a Markdown table)."""

    SEPARATORS = (",", ";", "\t", "|")

    def __init__(self) -> None:
        super().__init__(["DATE_OF_BIRTH"], "BirthColumnRecognizer")

    def analyze(self, text: str) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        lines = text.split("\n")
        offsets, at = [], 0
        for line in lines:
            offsets.append(at)
            at += len(line) + 1
        for n, line in enumerate(lines):
            for sep in self.SEPARATORS:
                cells = [c.strip().strip("\"'") for c in line.split(sep)]
                column = next((i for i, c in enumerate(cells) if _BIRTH_COLUMN.match(c)), None)
                if column is None or len(cells) < 2:
                    continue
                for m in range(n + 1, len(lines)):
                    row = lines[m].split(sep)
                    if len(row) != len(cells):
                        break  # the table ended
                    start = offsets[m] + sum(len(c) + 1 for c in row[:column])
                    cell = row[column]
                    date = _FULL_DATE.search(cell)
                    if date is not None and not cell[: date.start()].strip(" \"'"):
                        out.append(
                            RecognizerResult(
                                "DATE_OF_BIRTH", start + date.start(), start + date.end(), 0.7
                            )
                        )
                break
        return out


def rule_recognizers() -> list[EntityRecognizer]:
    """The pattern rules (module doc); scores below 0.6 need a context word to count."""
    flags = re.MULTILINE
    birth = PatternRecognizer(
        supported_entity="DATE_OF_BIRTH",
        name="DateOfBirthRecognizer",
        global_regex_flags=flags | _I,
        patterns=[
            # each lookbehind only where a date starts (checked first: the cheap part)
            Pattern("birth date", rf"(?={_DATE})(?<=\b{_BIRTH}{_BIRTH_FILLER}){_DATE}", 0.7),
            # round 31: where before when ("She was born at home on the farm on 28/01/2025")
            Pattern(
                "born where, then when",
                rf"(?={_DATE})(?<=\b(?:born|geboren|née?|nacid[oa]|nat[oa])\b[^.!?\d\n]{{0,40}}?"
                r"\b(?:on|am|le|el|il|op)\s+)"
                rf"{_DATE}",
                0.7,
            ),
            # round 57: a birth on a feast day of a given year ("born on Christmas Day 1939", "née
            # le jour de Noël 1941", "an Heiligabend 1950 geboren" is "date, then born"'s)
            Pattern(
                "born on a feast day",
                r"(?<=\b(?:born|geboren|née?|nacid[oa]|nat[oa])\s+(?:on\s+|am\s+|an\s+|le\s+|el\s+|"
                rf"il\s+|a\s+)?(?:the\s+)?){_FEAST}(?:,?\s+(?:in\s+|de\s+|del\s+)?(?:19|20)\d\d)\b",
                0.7,
            ),
            # German and French put it after: "am 3. März 1985 geboren", "1985 née"
            Pattern("date, then born", rf"{_DATE}(?=\s+(?:geboren|born|née?|nacid[oa])\b)", 0.7),
            Pattern(
                "date, then its name",
                rf"{_DATE}(?=[^\n.]{{0,30}}?\b(?:{_BIRTH_DATE_NAME}|birthday|geburtstag)\b)",
                0.6,
            ),
            Pattern(
                "birth year date after the field's name",
                rf"(?<![\d/.-])(?={_BIRTH_YEAR_DATE})"
                rf"(?<=\b{_BIRTH_FIELD}\b[^\n]{{0,120}}?\n?[^\n]{{0,120}}?){_BIRTH_YEAR_DATE}",
                0.6,
            ),
            # round 25: someone's birthday without its year, said of a birth that happened
            # ("my daughter was born on 2 Feb", "elle est née le 3 mars", "am 3. März geboren";
            # not "born on 29 February" in general)
            Pattern(
                "day and month of a birth",
                rf"(?<![\d/.-])(?={_DAY_MONTH})"
                # (not anyone's: "if someone is born on 29 February", "wenn jemand am ...")
                r"(?<!\b(?:someone|somebody|anyone|jemand|quelqu['’]un|alguien|qualcuno)\b"
                r"[^.\n]{0,24})"
                rf"(?:(?<=\b(?:was|were) born(?: on)?(?: the)?\s|\b(?:est|suis|était) née? le\s)"
                rf"{_DAY_MONTH}|(?<=\b(?:ist|bin|sind|war|wurde|wurden) am\s){_DAY_MONTH}"
                r"(?=\s+geboren\b))",
                0.7,
            ),
            # a death notice's "* 4. März 1938 † 28. November 2026": the star is the birth
            Pattern("star date, then a cross", rf"(?<=\*\s?){_DATE}(?=\s*[-–]?\s*[†✝])", 0.7),
            # a list of birthdays without years ("birthdays: Ama 12 Feb, Kai 3 Jul"): two dates
            # or more after the word, not one ("ages on birthdays: born on 29 February")
            Pattern(
                "days and months after birthdays",
                rf"(?<![\d/.-])(?={_DAY_MONTH})(?:"
                rf"(?<={_BIRTHDAYS}[^\n]{{0,160}}?)(?={_DAY_MONTH}[^\n]{{1,80}}?{_DAY_MONTH})|"
                rf"(?<={_BIRTHDAYS}[^\n]{{0,160}}?{_DAY_MONTH}[^\n]{{1,80}}?)){_DAY_MONTH}",
                0.6,
            ),
            # a GEDCOM record's birth event: "1 BIRT" then "2 DATE 14 APR 1902"
            Pattern("GEDCOM birth", r"(?<=^\s*1\s+BIRT\s*\n\s*2\s+DATE\s+)[^\n]*\d{4}", 0.7),
        ],
    )
    ids = PatternRecognizer(
        supported_entity="ID_NUMBER",
        name="ContextIdRecognizer",
        global_regex_flags=flags | _I,
        patterns=[
            Pattern(
                "id after its name",
                # the name, "number", then a few words without digits ("? The number is")
                r"(?<![\w-])(?-i:(?=(?:[A-Z -]*\d){2})(?=[A-Z0-9][A-Z0-9 -]{4,22}[A-Z0-9]\b))"
                # (German's genitive too: "ein Foto seines Personalausweises ..., Nummer"; round
                # 30)
                # (round 91: up to 60 characters, "Reisepass für meinen Sohn verlängern, alte
                # Nummer C4J8R2T71"; a placeholder counted up is an example: pii_examples)
                rf"(?<=\b{ID_NAMES}(?:es)?(?:[-\s]?(?:{_NUMBER_WORDS}|n°|nº|#))?\b[^\d\n]{{0,60}}?)"
                r"(?-i:[A-Z0-9][A-Z0-9 -]{4,22}[A-Z0-9])\b",
                0.6,
            ),
            # round 28: the writer's own id, given further on in the prompt ("my passport
            # number ... The form wants it in the 'ID' box and I've typed 563920184")
            Pattern(
                "own id further on",
                r"(?<![\w-])(?-i:(?=(?:[A-Z -]*\d){2})(?=[A-Z0-9][A-Z0-9 -]{4,22}[A-Z0-9]\b))"
                rf"(?<=\b{_OWN}\s+{ID_NAMES}{_NUMBER_WORD}\b[^\d\n]{{41,100}}?"
                # (round 29: or whose it is after its name, "BSN van mijn overleden vader voor
                # de notaris: 604918239")
                rf"|\b{ID_NAMES}{_NUMBER_WORD}\s+(?:of|de|van|von|di|del|des)\s+{_OWN}\b"
                r"[^\d\n]{0,100}?"
                # (round 68: or whose it is by their name, "Le numéro de passeport d'Inès (pour
                # la sortie scolaire) : 18FV42719")
                rf"|\b{ID_NAMES}{_NUMBER_WORD}\s+(?:of|de|van|von|di|del|des|d['’])\s*"
                r"(?-i:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})\b[^\d\n]{0,100}?"
                # (round 67: or in German's genitive, "Versichertennummer meiner Tochter für das
                # Formular vom Kinderarzt: K482917365")
                rf"|\b{ID_NAMES}{_NUMBER_WORD}\s+(?:meine[rs]|seine[rs]|ihre[rs]|unsere[rs])\b"
                r"[^\d\n]{0,100}?"
                # (round 30: the name, then "mine is": "does the BRP number go in the box? mine
                # is ZR4817293")
                rf"|\b{ID_NAMES}{_NUMBER_WORD}\b[^\d\n]{{0,100}}?\b(?:mine|meine[rs]?|le mien|"
                # (round 52: or "one": "passport renewal ... his current one is 532871946")
                r"la mienne|el mío|la mía|il mio|la mia|de mijne|one)\s+"
                r"(?:is|ist|est|es|è)\s*:?\s*)"
                r"(?-i:[A-Z0-9][A-Z0-9 -]{4,22}[A-Z0-9])\b",
                0.6,
            ),
            # round 21: the name right after ("ist 47 036 892 815 meine Steuer-ID?", "is
            # X1234567 my passport number or")
            Pattern(
                "id before its name",
                r"(?<![\w-])(?-i:(?=(?:[A-Z -]*\d){2})[A-Z0-9][A-Z0-9 -]{4,22}[A-Z0-9])\b"
                r"(?=\s+(?:(?:is|ist|est|es|è|or|oder|ou|o)\s+)?"
                r"(?:my|his|her|their|meine?|seine?|ihre?|ma|mon|sa|son|mi|su|mio|mia|mijn|zijn|"
                r"haar)\s+"
                rf"{ID_NAMES})",
                0.6,
            ),
        ],
    )
    phones = ContextPhoneRecognizer(
        supported_entity="PHONE_NUMBER",
        name="ContextPhoneRecognizer",
        global_regex_flags=flags | _I,
        patterns=[
            Pattern(
                "digits after a phone word",
                r"(?<=\b(?:phone|tel|telephone|mobile|cell|call|ring|text|whatsapp|handy|"
                r"handynummer|telefon|festnetz(?:nummer)?|rückruf|mobil|portable|téléphone|"
                r"appelez|appelle|fixe|numéro|móvil|teléfono|llámame|llama|fijo|número|"
                # round 55: Italian "number" ("mantenendo il numero 333 ...")
                r"numero|"
                r"cellulare|telefono|chiamami|mobiel|telefoonnummer|bel me|"
                # round 24: a number that called or wrote ("me escribieron al", "SMS von")
                r"sms|escribieron|escribió|llamaron|llamó|appelé|angerufen|gebeld|chiamato)"
                r"\b[^\n\d]{0,16}"
                # round 29: the writer's own number, given further on ("Pon mi número en la
                # invitación para confirmar asistencia: 612 83 47 19")
                rf"|\b{_OWN}\s+(?:(?:phone|mobile|cell)\s+)?(?:number|número|numéro|nummer|"
                r"numero|handynummer|telefonnummer|portable|móvil|cellulare|telefoonnummer)"
                r"\b[^\n\d]{17,64})"
                # (not glued to more of an identifier: "número de pedido 7740-2291-A")
                r"(?!\d{1,3}(?:\.\d{1,3}){3}\b)"  # (an IPv4 address is no phone number)
                r"\+?\(?\d[\d ().-]{6,16}\d\b(?![-_/][A-Za-z0-9])",
                0.6,
            )
        ],
    )
    return [birth, ids, phones, BirthColumnRecognizer()]
