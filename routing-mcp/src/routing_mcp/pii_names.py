"""Person names in any phrasing: gazetteers of given names and surnames plus context rules.

No NER model ships here (none can be downloaded, and Presidio's PERSON needs one), so names are
found the way a careful reader would: a known given name followed by a known or capitalised
surname ("Sarah O'Connor", "maria garcia", "Anna Müller"), a title before a capitalised word
("Mrs. Okonkwo", "Herrn Özdemir"), a single given name in a place a person stands ("to Victor",
"my nephew Oliver", "Hi Sarah,", "Cheers, Tom"). Given names that are also ordinary words,
months, places or product names ("will", "May", "Charlotte", "Julia") count only with a surname
or a strong person cue, and then at a lower score: :data:`CONFIDENT` separates the names that
can be redacted from the ones that keep a prompt local in ``redact`` mode.

The lists are package data built by ``routing-mcp/tools/build_name_lists.py`` (see data/NAMES.md).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

CONFIDENT = 0.6  # a PERSON finding below this is a possible name: redact mode keeps it local
STRONG, LIKELY, POSSIBLE = 0.85, 0.7, 0.45


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A word with inner apostrophes or hyphens: O'Connor, Jean-Luc, d'Arcy.
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+|-[^\W\d_]+)*")
_ELISION = re.compile(r"^(?:[dlDLjJnNmMsStTcC]|[qQ]u)['\u2019]")
_PARTICLES = _words(
    "van der den de la le von zu di da del della du des dos das ter ten ó ní mac bin al el st"
)
_TITLES = _words(
    "mr mrs ms miss dr prof herr herrn frau m mme mlle madame monsieur señor señora sr sra srta "
    "don doña familie famille familia family"
)
# Function words of the four languages (some are also short given names: "Les", "Al", "Ella").
_STOP = _words(
    "i a an the team all everyone there sir madam folks guys you it we us them this that his her "
    "my our your their me him she he they one who what "
    "le la les un une des du de et en au aux il elle on ma mon mes ta ton tes sa son ses nous "
    "vous ils el los las una unos unas del al y o con por para su sus mi mis tu se "
    "der die das dem den ein eine einem einen einer und oder mit von zu im am vom zum zur ich "
    "du er sie es wir ihr"
)
_FLAGS = re.IGNORECASE | re.MULTILINE
_GREETING = re.compile(
    r"(?:^|[\n'\"(])\s*(?:hi|hello|hey|dear|hallo|liebe|lieber|sehr geehrte[rs]?|bonjour|salut|"
    r"coucou|cher|chère|hola|querid[oa]|estimad[oa])\s*$",
    _FLAGS,
)
_RELATION = re.compile(
    r"\b(?:colleague|co-?worker|friend|boss|manager|wife|husband|partner|son|daughter|kids?|"
    r"child(?:ren)?|brother|sister|mother|mum|mom|father|dad|aunt|uncle|cousin|nephew|niece|"
    r"grand(?:ma|mother|pa|father)|granny|neighbou?r|landlord|landlady|tenant|flatmate|"
    r"roommate|babysitter|nanny|teacher|client|customer|contractor|twins|fiancée?|girlfriend|"
    r"boyfriend|(?:mother|father|sister|brother)-in-law|candidate|technician|electrician|"
    r"plumber|kolleg(?:e|in)|freund(?:in)?|chef(?:in)?|mann|sohn|tochter|bruder|schwester|"
    r"mutter|vater|oma|opa|tante|onkel|nachbar(?:in)?|vermieter(?:in)?|praktikant(?:en|in)?|"
    r"collègue|ami|amie|patron|femme|mari|fils|fille|frère|sœur|mère|père|grand-(?:mère|père)|"
    r"oncle|voisine?|propriétaire|stagiaire|nièce|neveu|compañer[oa]|amig[oa]|jef[ea]|"
    r"espos[oa]|marido|mujer|hij[oa]|herman[oa]|madre|padre|abuel[oa]|tí[oa]|vecin[oa]|casero|"
    r"niñera|sobrin[oa]|técnico)s?\s*,?\s*$",
    _FLAGS,
)
_INTRO = re.compile(
    r"(?:my name is|i am|i'm|name:|named|called|under the name|signed|sign(?:ed)?(?: it| this)?"
    r"(?: off)? as|mein name ist|ich bin|ich heiße|je m'appelle|je suis|me llamo|soy|"
    r"mi nombre es|attendees were|anwesend waren|asistieron)\s*:?\s*$",
    _FLAGS,
)
_VERB = re.compile(
    r"\b(?:ask|asking|tell|telling|remind|thank|thanks|invite|inviting|call|text|message|email|"
    r"pay|cc|hey|felicita|frag|sag|demande|dis|pregunta|dile)\s*,?\s*$",
    _FLAGS,
)
_WEAK = re.compile(
    r"\b(?:to|for|with|and|or|about|by|from|für|an|mit|von|und|pour|avec|à|et|para|con|y|"
    r"de la part de)\s*,?\s*$",
    _FLAGS,
)
_CLOSING = re.compile(
    r"^\s*(?:cheers|regards|best(?: regards| wishes)?|kind regards|thanks|thank you|thx|love|"
    r"yours|sincerely|take care|(?:viele |liebe |beste )?grüße|gruß|lg|mfg|cordialement|"
    r"bien à (?:toi|vous)|amitiés|bises|(?:un )?saludos?|un abrazo|atentamente|besos)\s*[,!.]?\s*$",
    _FLAGS,
)
_INLINE_CLOSING = re.compile(
    r"(?:^|[.!?;:,'\"(]\s*)(?:cheers|regards|best|thanks|thank you|thx|love|grüße|gruß|"
    r"cordialement|bises|saludos|un abrazo|besos)\s*,\s*$",
    _FLAGS,
)
_SIGNATURE_WINDOW = 80  # characters: a closing line or a name line is short
_POSSESSIVE = re.compile(r"['\u2019]s$")


_MONTHS = _words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday januar februar märz mai juni juli "
    "oktober dezember janvier février mars avril juin juillet août septembre octobre novembre "
    "décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre jan feb mar apr jun jul aug sep sept oct nov dec"
)


def _key(word: str) -> str:
    return word.casefold().replace("\u2019", "'").replace("'", "")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def _lists() -> dict[str, frozenset[str]]:
    data = files("routing_mcp") / "data"
    out = {}
    for name in ("given_names", "surnames", "name_words", "name_places", "not_names"):
        lines = (data / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        out[name] = frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    return out


@dataclass
class Token:
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def _in(word: str, names: frozenset[str]) -> bool:
    k = _key(word)
    return k in names or _fold(k) in names


def _parts_in(word: str, names: frozenset[str], every: bool) -> bool:
    parts = [p for p in word.split("-") if p]
    found = [_in(p, names) for p in parts]
    return all(found) if every else any(found)


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    score: float


class NameFinder:
    def __init__(self) -> None:
        lists = _lists()
        self.given, self.surnames = lists["given_names"], lists["surnames"]
        self.words, self.places, self.tech = (
            lists["name_words"],
            lists["name_places"],
            lists["not_names"],
        )
        self.months = _MONTHS

    # --- what a token is -------------------------------------------------------------------

    def is_given(self, t: Token) -> bool:
        if "-" not in t.text:
            return _in(t.text, self.given)
        parts = [Token(p, t.start, t.end) for p in t.text.split("-") if p]
        # Jean-Luc, Emily-Rose: every part a given name, and not all of them words (Man-Month)
        return _in(t.text, self.given) or (
            all(_in(p.text, self.given) for p in parts) and not all(self.is_word(p) for p in parts)
        )

    def is_surname(self, t: Token) -> bool:
        return _in(t.text, self.surnames) or (
            "-" in t.text and _parts_in(t.text, self.surnames | self.given, False)
        )

    def is_word(self, t: Token) -> bool:
        """An ordinary word, a month, a place, a product or an acronym as well as a name."""
        k = _key(t.text)
        return (
            k in self.words
            or _fold(k) in self.words
            or self.is_place(t)
            or k in self.tech
            or k in _STOP
            or len(k) < 3
            or (t.text.isupper() and len(t.text) > 1)
        )

    def is_place(self, t: Token) -> bool:
        """Somewhere one goes "to" or is "in": a city, a country, a month, a weekday."""
        k = _key(t.text)
        return k in self.places or (k in self.words and k in self.months)

    # --- finding ---------------------------------------------------------------------------

    def tokens(self, text: str) -> list[Token]:
        out = []
        for m in _TOKEN.finditer(text):
            word, start, end = m.group(), m.start(), m.end()
            possessive = _POSSESSIVE.search(word)
            if possessive:  # Aisha's -> Aisha
                word, end = word[: possessive.start()], end - 2
            elided = _ELISION.match(word)
            if elided and not _in(word, self.surnames) and len(word) > elided.end():
                start += elided.end()  # French elision: d'Antoine -> Antoine
                word = word[elided.end() :]
            out.append(Token(word, start, end))
        return out

    def find(self, text: str) -> list[NameHit]:
        tokens = self.tokens(text)
        hits: list[NameHit] = []
        inside: set[int] = set()  # indices of the tokens already in a name
        i = 0
        while i < len(tokens):
            hit, used = self._at(text, tokens, i)
            used = max(used, 1)
            if hit is not None:
                hits.append(hit)
                inside.update(range(i, i + used))
            i += used
        hits.extend(self._signatures(text, tokens, inside))
        hits.extend(self._coordinated(text, tokens, inside))
        return hits

    def _coordinated(self, text: str, tokens: list[Token], inside: set[int]) -> list[NameHit]:
        """A given name joined to a found name ("Charlotte & James Whitfield") is a name too,
        even one that is also a word or a place."""
        out = []
        for j, (a, b) in enumerate(itertools.pairwise(tokens)):
            if j + 1 not in inside or j in inside or not a.cap:
                continue
            gap = text[a.end : b.start].strip().lower()
            if gap in ("&", "and", "und", "et", "y", "e") and self.is_given(a):
                out.append(NameHit(a.start, a.end, POSSIBLE))
        return out

    def _cue(self, text: str, token: Token) -> str | None:
        before = text[max(0, token.start - 48) : token.start]
        if _GREETING.search(before) or _RELATION.search(before) or _INTRO.search(before):
            return "strong"
        if _VERB.search(before):
            return "verb"
        if _WEAK.search(before):
            return "weak"
        return None

    def _joined(self, text: str, a: Token, b: Token) -> bool:
        """Two tokens in one name: separated by blanks only (no comma, no line break)."""
        gap = text[a.end : b.start]
        return 0 < len(gap) <= 2 and gap.strip() == ""

    def _rest(self, text: str, tokens: list[Token], i: int, cap: bool) -> int:
        """How many tokens after ``i`` continue the name (particles, given names, surnames)."""
        j = i + 1
        while j < len(tokens) and j - i < 5 and self._joined(text, tokens[j - 1], tokens[j]):
            t = tokens[j]
            if (
                _key(t.text) in _PARTICLES
                and j + 1 < len(tokens)
                and self._joined(text, t, tokens[j + 1])
                and (tokens[j + 1].cap or not cap)
                and self.is_surname(tokens[j + 1])
            ):
                j += 2
                continue
            if t.cap != cap or (t.text.isupper() and len(t.text) > 1):
                break
            known = self.is_given(t) or self.is_surname(t)
            unknown_surname = cap and j == i + 1 and not self.is_word(t) and len(t.text) > 2
            if not (known or unknown_surname) or (not cap and self.is_word(t)):
                break
            j += 1
        return j - i - 1

    def _at(self, text: str, tokens: list[Token], i: int) -> tuple[NameHit | None, int]:
        t = tokens[i]
        if _key(t.text) in _STOP:
            return None, 1
        if _key(t.text) in _TITLES and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            gap = text[t.end : nxt.start]
            if nxt.cap and gap.strip() in ("", ".") and not self.is_word(nxt) and len(gap) <= 2:
                more = self._rest(text, tokens, i + 1, True)
                return NameHit(t.start, tokens[i + 1 + more].end, STRONG), 2 + more
        if t.text.isupper() and len(t.text) > 1:
            return None, 1  # an acronym (NAS, SHA), never a name
        if not (self.is_given(t) or (t.cap and self.is_surname(t))):
            return self._unknown(text, tokens, i)
        cue = self._cue(text, t)
        if not self.is_given(t):  # a surname first: "Raj Malhotra" (Raj is a surname too)
            more = self._rest(text, tokens, i, True) if not self.is_word(t) else 0
            if more and not self.is_word(tokens[i + more]):
                score = LIKELY if cue else POSSIBLE + 0.05
                return NameHit(t.start, tokens[i + more].end, score), more + 1
            return self._single(t, cue), 1
        more = self._rest(text, tokens, i, t.cap)
        if more:
            return self._full_name(text, tokens[i : i + more + 1], cue), more + 1
        return self._single(t, cue), 1

    def _full_name(self, text: str, span: list[Token], cue: str | None) -> NameHit | None:
        first, rest = span[0], span[1:]
        place = " ".join(_key(t.text) for t in span) in self.places
        clear_first = not self.is_word(first)
        clear_rest = any(self.is_surname(t) and not self.is_word(t) for t in rest)
        start, end = first.start, span[-1].end
        if place and cue != "strong":
            return None
        if not first.cap:  # lower-case names need both parts to be unmistakable, or a cue
            if clear_rest and (clear_first or cue == "strong"):
                return NameHit(start, end, LIKELY)
            return NameHit(start, end, POSSIBLE) if cue and (clear_rest or clear_first) else None
        if clear_first:
            return NameHit(start, end, STRONG)
        if clear_rest or cue == "strong":
            return NameHit(start, end, LIKELY)
        return NameHit(start, end, POSSIBLE) if cue in ("weak", "verb") else None

    def _single(self, t: Token, cue: str | None) -> NameHit | None:
        if not self.is_given(t):  # a surname alone counts only after a strong cue
            return NameHit(t.start, t.end, LIKELY) if cue == "strong" and t.cap else None
        ambiguous = self.is_word(t)
        if t.cap:
            if not ambiguous:
                return NameHit(t.start, t.end, LIKELY if cue else CONFIDENT)
            if cue == "strong":
                return NameHit(t.start, t.end, CONFIDENT)
            # "to Paris", "to Alexa": a place or a product, not a person
            if cue in ("weak", "verb") and not self.is_place(t) and _key(t.text) not in self.tech:
                return NameHit(t.start, t.end, POSSIBLE)
            return None
        if not ambiguous and cue in ("strong", "verb"):  # "hey liam", "asking ryan to"
            return NameHit(t.start, t.end, POSSIBLE + 0.05)
        return None

    def _unknown(self, text: str, tokens: list[Token], i: int) -> tuple[NameHit | None, int]:
        """A capitalised word the lists do not know, where only a person can stand, or before
        a known surname ("Tariq Aziz")."""
        t = tokens[i]
        if not t.cap or self.is_word(t) or not t.text[1:].islower():
            return None, 1
        cue = self._cue(text, t)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            nxt is not None
            and nxt.cap
            and self._joined(text, t, nxt)
            and self.is_surname(nxt)
            and not self.is_word(nxt)
        ):
            return NameHit(t.start, nxt.end, LIKELY if cue else POSSIBLE + 0.05), 2
        if cue == "strong":
            before = text[max(0, t.start - 48) : t.start]
            if _GREETING.search(before) or _RELATION.search(before):
                return NameHit(t.start, t.end, POSSIBLE + 0.05), 1
        return None, 1

    def _signatures(self, text: str, tokens: list[Token], inside: set[int]) -> list[NameHit]:
        """Names under a closing ("Cheers,\\nTom") or after it on the same line ("Thx, Alfie").
        Every look-back is bounded, so a megabyte on one line stays linear."""
        out = []
        for j, t in enumerate(tokens):
            if j in inside or not t.cap or (self.is_word(t) and not self.is_given(t)):
                continue  # under a closing, "Tom" or "Will" is a name even though a word
            if t.text.isupper() and len(t.text) > 1:
                continue
            window = max(0, t.start - _SIGNATURE_WINDOW)
            line_start = text.rfind("\n", window, t.start) + 1
            before = text[max(line_start, window) : t.start]
            if _INLINE_CLOSING.search(before):
                out.append(NameHit(t.start, t.end, LIKELY))
                continue
            if (line_start == 0 and window > 0) or (
                before.strip(" -&") and not before.rstrip().endswith(("&", " and"))
            ):
                continue  # not at the start of a line (or after "Anya &")
            previous_start = text.rfind(
                "\n", max(0, line_start - _SIGNATURE_WINDOW), line_start - 1
            )
            previous = text[previous_start + 1 : max(line_start - 1, 0)]
            if _CLOSING.match(previous) is not None or previous.strip() == "--":
                out.append(NameHit(t.start, t.end, LIKELY))
        return out
