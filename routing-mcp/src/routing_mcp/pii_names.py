"""Person names in any phrasing: gazetteers of given names and surnames plus context rules.

No NER model ships here (none can be downloaded; an operator may add one), so names are
found the way a careful reader would: a known given name followed by a known or capitalised
surname ("Sarah O'Connor", "maria garcia", "Anna Müller"), a title before a capitalised word
("Mrs. Okonkwo", "Herrn Özdemir"), a single given name in a place a person stands ("to Victor",
"my nephew Oliver", "Hi Sarah,", "Cheers, Tom"). Given names that are also ordinary words,
months, places or product names ("will", "May", "Charlotte", "Julia") count only with a surname
or a strong person cue, and then at a lower score: :data:`CONFIDENT` separates the likely names
from the possible ones (in ``redact`` mode any name keeps a prompt local:
``PiiScanner.keeps_local``).

What a word is (the gazetteers, package data) is :mod:`routing_mcp.pii_lexicon`; the words around
a name are :mod:`routing_mcp.pii_name_cues`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from routing_mcp import pii_name_cues as cues
from routing_mcp import pii_name_ids
from routing_mcp.pii_known import is_known, is_known_surname
from routing_mcp.pii_lexicon import GAELIC_SURNAME, Lexicon, Token
from routing_mcp.pii_lexicon import key as _key

CONFIDENT = 0.6  # a PERSON finding below this is a possible name
STRONG, LIKELY, POSSIBLE = 0.85, 0.7, 0.45


# German plurals of people, alone or as a compound's head, in the dative too ("Kindern",
# "Geschwisterkindern", "Kindergartenkindern", "Großeltern"): a group, never one person's name
# (round 80).
_GERMAN_PEOPLE = re.compile(
    r"(?:kinder|kindern|eltern|geschwister|geschwistern|leute|leuten|schülern|enkeln|"
    r"freunden|kollegen|nachbarn|mitarbeitern|gästen|jugendlichen|erwachsenen)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    score: float


_TITLE_END = re.compile(r"\b(\w+)\.?\s+$")
# Dutch's neuter article just before ("vertaal naar het Frans", "in het Engels"; round 25): a
# language or a thing, no person.
_NEUTER_ARTICLE = re.compile(r"(?<![^\W\d_])het\s+$", re.IGNORECASE)
# An elided article in lower case just before ("l'Ultima Cena", "dell'Accademia", "à l'Opéra";
# round 24): a work's or a place's name, no person's ("Dell'Orto", capitalised, is a surname).
_ELIDED_ARTICLE = re.compile(r"(?<![^\W\d_])(?:l|dell|all|nell|dall|sull|quell)['’]$")
# German's article after a title ("im Herrn der Ringe"); "von der Leyen" has its "von" first.
# Not "le", "la": "Mme Le Goff", "mme le goff" are Breton surnames.
_ARTICLE_AFTER_TITLE = frozenset(("der",))
# The writer and someone else, after a name: "Ayumi and I are expecting" (round 28).
_AND_ME = re.compile(r"\s+(?:and|und|et|y|e|en)\s+(?:I|me|ich|moi|yo|io|ik)\b")
# A name made an adjective, the manner of someone everyone knows (round 28).
_STYLE_OF = re.compile(
    r"-(?:style|esque|like|inspired|themed|type|stil|artig|inspiriert|mäßig|façon)$",
    re.IGNORECASE,
)
# A dash before a message's last word, its signature (round 30).
_DASH_SIGNED = re.compile(r"[.!?]\s*(?:[\u2014\u2013]|--?)\s*$")
_SIGNATURE_END = re.compile(r"\s*$")
# Two or three initials and nothing after them (round 30).
_BARE_INITIALS = re.compile(r"(?<![\w.-])(?:[A-Z]\.){2,3}(?![\w.-]|\s+[A-Z][a-z])")
# A message to send, its addressee before a colon: "text nkem: gate's open" (round 29).
_MESSAGE_TO = re.compile(r"(?:^|[\s(\"'])(?:text|message|msg|whatsapp|email|tell|remind)\s+$", re.I)
# A relative or a partner of the writer's, right before a name (round 29).
_KIN_BEFORE = re.compile(
    r"\b(?:my|our)\s+(?:(?:little|big|older|younger|baby|twin|kid|step|half)[\s-]+)?"
    r"(?:sister|brother|son|daughter|wife|husband|mum|mom|dad|aunt|auntie|aunty|uncle|cousin|"
    r"niece|nephew|grandma|grandpa|gran|nan|grandad|granddaughter|grandson|fianc[ée]e?|"
    r"girlfriend|boyfriend|partner|best friend|bestie|"
    # round 31: a child by what the parents call it ("our girl Marigold")
    r"girl|boy|baby|little one|youngest|eldest|oldest)\s*,?\s*$",
    re.IGNORECASE,
)
# Initials alone after a title: "Mr T.R. complained" (round 29).
_INITIALS_AFTER_TITLE = re.compile(r"\.?\s(?P<initials>(?:[A-Z]\.){1,3})(?!\s*[A-Z][a-z])")
# Where a place goes: "je postule à Londres and I" (no person goes "to" or is "in").
_PLACE_PREPOSITION = re.compile(r"\b(?:to|in|at|from|à|au|en|nach|aus|a|naar)\s+$", re.I)
# A word and a bracket opened after it: "the fitter (" (round 28).
_WORD_THEN_PAREN = re.compile(r"[^\W\d_]{3,} \($")
_RANKS = frozenset({"lady", "lord", "sir", "captain", "king", "queen", "saint", "st", "princess"})
# A knight's and a dame's title, before a given name only (round 76).
_KNIGHTED = frozenset({"sir", "dame"})


# An Italian title abbreviated with its ending after the period: "prof.ssa", "dott.ssa", "sig.ra",
# "sig.na", "avv.ta" (round 51).
_TITLE_ENDINGS = frozenset({"ssa", "ra", "na", "ta"})
_ABBREVIATED_TITLE = re.compile(r"\b(?:prof|dott|sig|avv|ing|arch|geom)\.\Z", re.IGNORECASE)


def _said_to_be(before: str, token: Token) -> bool:
    """A relation or a role said to be the token, right before it: "my brother is Mark", "der
    Käufer heißt" (not a nationality: "my contractor is Dutch")."""
    return (
        before.rstrip().endswith(cues.RELATION_IS_VERBS)  # (the cheap test first)
        and _key(token.text) not in cues.NATIONALITIES
        and cues.RELATION_IS.search(before) is not None
    )


def _called_thing(before: str) -> bool:
    """The words before a name say it is a thing's: "a server called", "unser Hund heißt"."""
    return cues.THING_NAMED.search(before) is not None or _thing_called(before)


def _thing_called(before: str) -> bool:
    """ "a <noun> called": a noun that is no person ("a vase called", not "a girl called")."""
    m = cues.NOUN_CALLED.search(before)
    return (
        m is not None
        and m.group(1).lower() not in cues.PERSON_NOUNS
        and not (cues.RELATION.search(m.group(1)))
        # (round 91: nor a relative said to be called so, "my daughter is called", "my son
        # really is called")
        and cues.RELATION_IS.search(before) is None
        and not any(cues.RELATION.search(w) for w in m.group().split()[1:])
    )


def _lettered(text: str, found: str, start: int, end: int) -> bool:
    """A single initial that letters an item of a list: the next or previous letter does too."""
    return found.count(".") == 1 and pii_name_ids.lettered(text, found[0], start, end)


_SENTENCE_SPLIT = re.compile(r"[.!?]\s|\n")
# Someone of the writer's own life in the sentence: the names are not a school topic then.
# Round 91: the name's own "name" right after it ("in Rukhsana's name", "in Tom's name").
_OWN_NAME_AFTER = re.compile(r"['’]s\s+(?:full\s+|legal\s+|own\s+)?name\b", re.IGNORECASE)
_FIRST_PERSON_NEAR = re.compile(
    r"\b(?:my|our|mein\w*|unser\w*|mon|ma|mes|notre|nos|mi|mis|nuestr\w*|mio|mia|miei|"
    r"nostr\w*|mijn|onze)\s+(?!(?:essay|homework|revision|referat|devoirs?|tarea|compiti|"
    r"students?|class|history|geschichte)\b)"
    # the writer as the subject: "what should i say to", "ich muss ihr"
    r"|(?-i:\bI(?:\s+[a-z]|['’][a-z]))|\bi\s+(?:need|want|have|had|am|was|should|must|will|can|"
    r"could)\b|"
    r"\b(?:ich|je|j['’]|yo|io|ik)\b",
    re.IGNORECASE,
)


_LOWER_INITIAL = re.compile(r"(?<![\w.-])[a-z]\.\s?(?P<surname>[a-z][a-z'’-]{2,})\b(?!\.\w)")


def _name_cased(word: str) -> bool:
    """Capitalised as a name is: "Encarni", "Watanabe-sensei", and each part of a double name
    ("Delacroix-Mbaye", round 23), not "McDonald", "iPhone" or "Wi-Fi"."""
    if word[1:].islower():
        return True
    parts = word.split("-")
    return all(len(p) > 2 and p[:1].isupper() and p[1:].islower() for p in parts)


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[ ]([^\W\d_][\w.]*)", text[end : end + 30])
    return m.group(1).rstrip(".") if m else ""


def _clear_surname_too(lex: Lexicon, t: Token) -> bool:
    """A given name the lists also hold as a surname, no word: "Fitzgerald", "Kennedy"."""
    return lex.is_surname(t) and not lex.is_plain_word(t)


# A number right before a word ("200 ms", "12 dr"): a unit or a street's type, no title.
_NUMBER_BEFORE = re.compile(r"\d\s*\Z")


# Round 76: a colour's word right after a name that is also a gem's, a flower's or a colour's
# ("Jade green metro tiles", "is Ruby red too much", "Rose pink", "Olive-green"): a shade.
_SHADE_AFTER = re.compile(
    r"[ -](?:green|red|blue|yellow|pink|purple|violet|grey|gray|white|black|brown|orange|"
    r"gold|silver|beige|cream|teal|turquoise|lilac|coloured|colored|grün|rot|blau|gelb|rosa|"
    r"vert|rouge|bleu|jaune|rose|verde|rojo|rosso|azul|azzurro|groen|rood|blauw)\b",
    re.IGNORECASE,
)


def _a_shade(text: str, hit: NameHit) -> bool:
    return (
        " " not in text[hit.start : hit.end]
        and _SHADE_AFTER.match(text, hit.end) is not None
        # (not after a relation: "my daughter Ruby red-faced after school")
        and cues.RELATION.search(text[max(0, hit.start - 48) : hit.start]) is None
    )


def _without_listed_flowers(text: str, hits: list[NameHit]) -> list[NameHit]:
    """Given names that are flowers, listed together where the text is about plants ("Rose,
    Marguerite et Violette : quelles fleurs planter ?", "Rose and Ivy are both plants in my
    garden"), no relation before the list: plants, not people (round 74)."""
    flowers = sorted(
        (h for h in hits if _key(text[h.start : h.end]) in cues.FLOWER_NAMES),
        key=lambda h: h.start,
    )
    listed: set[tuple[int, int]] = set()
    for a, b in itertools.pairwise(flowers):
        if cues.LIST_GLUE.fullmatch(text[a.end : b.start]):
            listed.update({(a.start, a.end), (b.start, b.end)})
    if not listed:
        return hits
    first = min(start for start, _ in listed)
    last = max(end for _, end in listed)
    if cues.RELATION.search(text[max(0, first - 48) : first]) or not cues.PLANTS.search(
        text, max(0, first - 120), last + 120
    ):
        return hits
    return [h for h in hits if (h.start, h.end) not in listed]


# A word in capitals joined by "_" to another: a constant's or an environment variable's name.
_CONSTANT_AFTER = re.compile(r"_[A-Z0-9]")
_CONSTANT_BEFORE = re.compile(r"[A-Z0-9]_\Z")


def _subject(text: str, t: Token) -> bool:
    """A word that starts a clause, followed by its verb, in a sentence that (or whose next
    sentence) speaks of "she" or "he": "Summer is coming back ... after her sabbatical"."""
    before = text[max(0, t.start - 12) : t.start]
    if not cues.CLAUSE_START.search(before) or cues.INITIAL_BEFORE.search(before):
        return False  # not after "J.R. " (the initials of the same name)
    if not cues.SUBJECT_NEXT.match(text[t.end : t.end + 24]):
        return False
    rest = text[t.end : t.end + 240]
    at = 0
    for _ in range(2):  # this sentence and the next
        stop = cues.SENTENCE_END.search(rest, at)
        if stop is None:
            at = len(rest)
            break
        at = stop.end()
    return cues.SHE_HE.search(rest[:at]) is not None


# What a person did to a thing of the house, right after a lower-case name, wherever it stands
# ("fix stuff roisin broke", "the lamp ngozi unplugged"; round 45).
_PERSON_DID = re.compile(
    r" (?:broke|borrowed|deleted|unplugged|renamed|forgot|texted|promised|lent|spilled|"
    r"dropped|lost|moved|reset|changed|installed|hid|took)\b"
)
# Round 92: a lower-case name said to be the writer's relative, friend or partner in business
# right after it ("ruby is my co-owner", "dev is my brother": the name rules had no cue after it).
_IS_MY = re.compile(r"\s+(?:is|was)\s+(?:my|our)\s+(?P<who>[\w-]+(?:\s+[\w-]+)?)", re.IGNORECASE)
_CO_WORKERS = frozenset(("co-owner", "co-founder", "cofounder", "business partner", "partner"))


def _said_related_after(text: str, t: Token) -> bool:
    said = _IS_MY.match(text, t.end)
    if said is None:
        return False
    words = said["who"].lower().split()
    # (the relation is one word or two: "my brother and he ...", "my business partner")
    return " ".join(words) in _CO_WORKERS or any(
        w in _CO_WORKERS or cues.RELATION.search(w) is not None for w in words[:1]
    )


# Round 82: a possessive's "'s" before a word, and what opens a text, a sentence or a quotation.
_POSSESSIVE_NEXT = re.compile(r"['’]s\s+[^\W\d_]")
_TEXT_OR_QUOTE_START = re.compile(r"(?:^|[.!?\n]\s*|[\"'‘“«]\s*)\Z")
# Round 83: what a family said by its plural does, right after it ("the Obiangs are", "the
# Nwachukwus, who").
_FAMILY_DID = re.compile(
    r"\s*(?:,\s*who\b|who\b|are\b|were\b|have\b|had\b|['’]ve\b|always\b|never\b|still\b|"
    r"keep\b|kept\b|paid\b|booked\b|came\b|said\b|asked\b|want\b|wanted\b|moved\b|"
    r"left\b|arrived\b)"
)
# Round 95: a configuration's name key opening its line ("    name: ..."), and lower-case words
# after a value on the same line (" meds taken").
_YAML_NAME_KEY = re.compile(r"(?:^|\n)[ \t-]*(?:friendly_)?name:[ \t]*[\"']?\Z")
_LOWER_WORDS_ON = re.compile(r"[ \t]+[a-z]+(?:[ \t]+[a-z]+)*[ \t]*[\"']?(?:\n|$)")
# Round 94: a preposition or a visit before a family's "the" ("apologise to the O'Donoghues").
_TO_THE = re.compile(
    r"\b(?:to|for|with|from|at|visit|visited|visiting|invite|invited|thank|thanked)\s+the\s+\Z",
    re.IGNORECASE,
)
# Round 95: what ends a family's mention after a preposition, not a noun it names ("for the
# Achebes and they paid", "to the O'Donoghues for"; not "for the Withings scale", "from the
# Minneapolis airport").
_FAMILY_END = re.compile(
    r"\s*(?:[.,;:!?)]|$|(?:and|for|who|to|about|with|on|at|last|yesterday|today)\b)",
    re.IGNORECASE,
)
# Round 94: the writer's own, after a character named in a piece of writing ("he's my
# nephew"): a real person.
_MINE = re.compile(r"\b(?:my|our|mine|ours)\b", re.IGNORECASE)
# Round 94: an article right before a name, as a procedure named after someone has it ("after
# a Hartmann's procedure"; not a person's, "Sarah's procedure").
_AN_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the)\s+$", re.IGNORECASE)
# A lower-case letter and its dot just before: the first half of "z. B.", "u. a.", "d. h.".
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])[a-z]\.\s?$")


def _family_acts(text: str, start: int, end: int) -> bool:
    """A family's plural at ``start:end`` doing something ("the Obiangs are"), or with something
    done for, to or with them, a clause's end after it ("a job for the Achebes and they paid")."""
    return bool(
        _FAMILY_DID.match(text, end)
        or (_TO_THE.search(text, max(0, start - 40), start) and _FAMILY_END.match(text, end))
    )


def _overlaps(hits: list[NameHit], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps a name found already."""
    return any(h.start < end and start < h.end for h in hits)


class NameFinder(Lexicon):
    """The rules (module doc) over a :class:`Lexicon`."""

    _capitals_of: tuple[str, bool] | None = None  # the last text :meth:`_in_capitals` counted

    def find(self, text: str) -> list[NameHit]:
        tokens = self.tokens(text)
        hits: list[NameHit] = []
        inside: set[int] = set()  # indices of the tokens already in a name
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            hit, used = self._at(text, tokens, i)
            used = max(used, 1)
            if hit is not None and hit.score < LIKELY and self._two_word_place(text, hit):
                hit = None  # "Sri Lanka", "Costa Rica" read without a cue (session 19)
            if hit is not None and not self._thing(text, tokens, i, i + used):
                hits.append(hit)
                spans.append((i, i + used))
                inside.update(range(i, i + used))
            i += used
        hits.extend(self._signatures(text, tokens, inside))
        hits.extend(self._handles(text, hits))
        hits.extend(self._families(text, hits))
        hits.extend(self._coordinated(text, tokens, inside))
        hits.extend(self._pairs(text, tokens, inside))
        hits.extend(self._name_lists(text, tokens, inside))
        for m in cues.ITS_ME.finditer(text):  # "it's Bongani from #14"
            t = Token(m.group("name"), m.start("name"), m.end("name"))
            said_where = text[t.end : t.end + 1].isspace()  # "... from", "... here": not "!"
            # round 57: or greeted before ("salut c'est Djibril, rappelle-moi"), no program
            said_where = said_where or (
                m.group("greeting") is not None and _key(t.text) not in self.tech
            )
            if not t.text[:1].isupper():
                if self.is_given(t) and not self.is_word(t) and _key(t.text) not in self.common:
                    hits.append(NameHit(t.start, t.end, LIKELY))  # "hey its elif,"
            elif self.is_given(t) or (said_where and not (self.is_word(t) or self.is_place(t))):
                hits.append(NameHit(t.start, t.end, LIKELY))
        for m in cues.IM_NAME.finditer(text):  # "hey. im ilya." (round 30)
            t = Token(m.group("name"), m.start("name"), m.end("name"))
            if self.is_given(t) and not self.is_word(t) and _key(t.text) not in self.common:
                hits.append(NameHit(t.start, t.end, LIKELY))
        hits.extend(self._listed(text, tokens, spans, inside))
        hits.extend(self._initialled(text, hits))
        found = [(h.start, h.end) for h in hits]
        hits.extend(NameHit(s, e, LIKELY) for s, e in pii_name_ids.find(self, text, found))
        return _without_listed_flowers(text, [h for h in hits if not _a_shade(text, h)])

    def _initialled(self, text: str, hits: list[NameHit]) -> list[NameHit]:
        """Initials before a surname ("J.R. Haverford", "P. Chakrabarti", "Dr. L. Marchetti"),
        and initials alone before what a person does ("A.K. said she'd review it")."""
        out = []
        taken = [(h.start, h.end) for h in hits]
        for m in cues.INITIALS.finditer(text):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            if cues.ARTICLE_BEFORE.search(text[max(0, start - 5) : start]):
                continue  # "the U.N. Charter", "The E.U. said"
            if _ABBREVIATION_BEFORE.search(text[max(0, start - 4) : start]):
                continue  # "z. B. Rollator", "u. A. Müller-Werke": an abbreviation's letters
            surname = m.group("surname")
            if surname is not None:
                t = Token(surname, m.start("surname"), end)
                if self.is_word(t) and not self.is_surname(t):
                    continue  # "U.S. Army", "A. Levels"
                if _lettered(text, m.group(), start, end):
                    continue  # "A. Backend B. Frontend": items lettered A, B, C
            out.append(NameHit(start, end, LIKELY))
        # round 23: in lower case after what names a person ("reservation in name of d.
        # kaminski", "booked under j. okafor"): an initial and a surname the lists know
        for m in _LOWER_INITIAL.finditer(text):
            start, end = m.start(), m.end()
            t = Token(m.group("surname"), m.start("surname"), end)
            if (
                not any(s < end and start < e for s, e in taken)
                and cues.INTRO.search(text[max(0, start - 48) : start])
                and self.is_surname(t)
                and not self.is_word(t)
                and _key(t.text) not in self.common
            ):
                out.append(NameHit(start, end, LIKELY))
        # round 30: initials alone after a relation's word ("our flatmate T.J. who's moving")
        for m in _BARE_INITIALS.finditer(text):
            start, end = m.start(), m.end()
            if not any(s < end and start < e for s, e in taken) and cues.RELATION.search(
                text[max(0, start - 40) : start]
            ):
                out.append(NameHit(start, end, LIKELY))
        return out

    def _thing(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """Whether tokens ``i:j``, read as a name, name a thing instead: code or a product glued
        to punctuation ("Victor.Engine", "Fritz!Box"), a place ("San Diego", "Saint-Malo", "San
        Luis Obispo"), or something named after a person ("the Monty Hall problem")."""
        start, end = tokens[i].start, tokens[j - 1].end
        before = text[max(0, start - 48) : start]
        titled = _TITLE_END.search(before)  # "a boat called 'Lady Margaret'"
        if titled is not None and _key(titled.group(1)) in cues.TITLES | _RANKS:
            before = before[: titled.start()]
        if _called_thing(before) and text[end : end + 2] not in ("'s", "\u2019s"):
            return True  # "a cat called Mr Whiskers", "a server called Marvin" (not "a room
            # called 'Oskar's room'": his)
        if cues.STREET_OF.search(before):
            return True  # "17 rue du Docteur Bouchut"
        # (the article of a rank in lower case is the rank's: "l'adjudant Guillou"; round 44)
        ranked = not tokens[i].cap and _key(tokens[i].text) in cues.TITLES
        if (_ELIDED_ARTICLE.search(before) and not ranked) or _NEUTER_ARTICLE.search(before):
            return True  # "l'Ultima Cena", "naar het Frans"
        if _key(tokens[i].text) in cues.FOOD_FIRST and j - i > 1:
            return True  # "Poire Belle-Hélène" (round 26)
        if _STYLE_OF.search(tokens[j - 1].text):
            return True  # in someone's manner: "a Ted Lasso-style pep talk" (round 28)
        if j - i > 1 and tokens[j - 1].text in cues.BUSINESS_AFTER_NAME:
            return True  # a company's last word read into the name: "Warner Bros" (round 87)
        if self._named_thing(text, tokens, i, start, end):
            return True
        # a mention's handle goes on with "_" or digits ("@svetlana_k", "@tom92"): still a person
        handle = text[start - 1 : start] == "@" and cues.HANDLE_REST.match(text, end) is not None
        if not handle and (
            cues.GLUED_AFTER.match(text[end : end + 2])
            or cues.GLUED_BEFORE.search(text[max(0, start - 3) : start])
        ):
            return True
        parts = (p for t in tokens[i:j] if "-" in t.text for p in t.text.split("-"))
        if any(_key(p) in cues.PLACE_HYPHEN_PARTS for p in parts):
            return True
        keys = [_key(t.text) for t in tokens[i:j]]
        if (
            j - i > 1
            and keys[-1] in cues.EPONYM_NOUNS
            and cues.ARTICLE_BEFORE.search(text[max(0, start - 5) : start])
        ):
            return True  # "the Elizabeth Line"
        if i > 0 and tokens[i - 1].cap and text[tokens[i - 1].end : start] in (" ", "-"):
            before = _key(tokens[i - 1].text)
            if before in cues.PLACE_PREFIXES or " ".join([before, *keys]) in self.places:
                return True
            if (
                j - i == 1
                and keys[0] in cues.STREET_SUFFIXES
                and not self.is_given(tokens[i - 1])
                and before not in cues.TITLES
            ):
                return True  # a street's word after its name: "on Mill Lane says" (round 94)
        if cues.LEGAL_FORM_AFTER.match(text, end):
            return True  # "Nagel Groothandel B.V.": a company (round 73)
        if j < len(tokens) and text[end : tokens[j].start] in (" ", "'s ", "\u2019s "):
            after = _key(tokens[j].text)
            # "the Mandelbrot set", but "my roommate Chase set the wifi name": a person
            related = cues.RELATION.search(text[max(0, start - 48) : start]) is not None
            # (but someone's own in lower case after "'s": "Anjali's library", "Mo's house")
            owned = (
                text[end : end + 1] in "'\u2019"
                and tokens[j].text.islower()
                and cues.OWNED_AFTER.match(text, end) is not None
            )
            if after in cues.DISEASE_HEADS:
                return True  # a disease named after someone: "Marek's disease" (round 86)
            eponym = after in cues.EPONYM_NOUNS and not related and not owned
            if eponym and after == "number" and text[end : end + 1] in "'\u2019" and j - i == 1:
                # round 68: a given name that is no surname owns its number ("Sinéad's number",
                # not "Avogadro's number", "Dunbar's number")
                eponym = not (self.is_given(tokens[i]) and not self.is_surname(tokens[i]))
            if after in cues.PROCEDURE_NOUNS and not related and not owned:
                # round 94: a procedure or a sign named after someone ("Tinel's sign", "the
                # Valsalva manoeuvre", "after a Hartmann's procedure", "Tommy John surgery"
                # without the "'s"), not a given name's own ("Sinéad's procedure went well")
                article = _AN_ARTICLE_BEFORE.search(text[max(0, start - 5) : start])
                if text[end : end + 1] == " " or (after != "surgery" and j - i == 1):
                    eponym = eponym or article is not None or not self.is_given(tokens[i])
            if tokens[j].text in cues.LAW_TITLE_ENDS:
                return True  # "the Tenant Fees Act" (a tenant's word before it, no tenant)
            if (
                tokens[j].text in cues.REGNAL
                and j - i == 1
                and text[end : end + 1] == " "
                and not related
            ):
                return True  # a ruler by number: "Herzog Wilhelm IV." (round 87)
            if eponym or " ".join([*keys, after]) in self.places:
                return True
            if tokens[j].text in cues.BUSINESS_AFTER_NAME or (
                text[end : end + 1] in "'\u2019"
                and tokens[j].text.capitalize() in cues.BUSINESS_AFTER_NAME
                and not related  # "my sister Gail's bakery": hers
            ):
                return True  # "Frieda's Kitchen", "Gail's bakery"
            if after in cues.PRODUCT_NOUNS and cues.ARTICLE_BEFORE.search(
                text[max(0, start - 5) : start]
            ):
                return True  # "the Matilda desk lamp"
        return self._product(text, tokens, i, end)

    def _named_thing(self, text: str, tokens: list[Token], i: int, start: int, end: int) -> bool:
        """A business, a firm, an animal, a storm, a dish, a street, a work or a figure of history
        or literature called by the name, or a name talked about as a name (the false positives
        of the fifth to seventh blind corpora, rounds 7 to 9)."""
        if (
            i > 0
            and _key(tokens[i - 1].text) in cues.BUSINESS_BEFORE_NAME
            and text[tokens[i - 1].end : start] == " "
        ):
            return True  # "Bäckerei Hoffmann", "Praxis Dr. Lindner"
        institution = cues.INSTITUTION_BEFORE.search(text, max(0, start - 40), start)
        if _key(tokens[i].text) in cues.INSTITUTION_WORDS or (
            institution is not None and institution.group()[:1].isupper()
        ):
            return True  # "Hôpital Édouard Herriot", "Scuola di Musica Verdi" (round 91)
        after = text[end : end + 60]
        word = text[start:end]
        if cues.FIRM_AFTER.match(after) or after.startswith(f" & {word}"):
            return True  # "Dr. Lindner & Kollegen", "Johnson & Johnson"
        if text[max(0, start - len(word) - 3) : start] == f"{word} & ":
            return True
        if cues.THING_AFTER_THE.match(after):
            return True  # "Penny the robot vacuum"
        if cues.PET_BEFORE.search(text[max(0, start - 24) : start]):
            return True  # "my dog Charlie", "Unsere Katze Frieda"
        if (
            cues.INVENTED_BEFORE.search(text[max(0, start - 48) : start])
            and cues.WRITING.search(text, max(0, start - 120), start)
            and not _MINE.search(text, end, end + 120)
        ):
            # "a limerick about a man called Frank" (round 94); not one about someone of the
            # writer's ("a boy named Rafferty ... he's my nephew")
            return True
        if cues.SHOP_BEFORE.search(text[max(0, start - 32) : start]):
            return True  # "Bestellung bei Otto", "mi pedido de Zara" (round 22)
        near = text[max(0, start - 30) : start]
        if (
            cues.STORM_BEFORE.search(near)
            or cues.FOOD_BEFORE.search(near)
            or cues.ANATOMY_BEFORE.search(near)
        ):
            return True  # "Storm Ciarán", "pizza Margherita", "le tendon d'Achille"
        if cues.NAME_AFTER.match(text, end) or (
            cues.NAME_BEFORE.search(near)
            and cues.NAME_MEANING.search(text[max(0, start - 80) : end + 80])
        ):
            return True  # "what does the name Siobhan mean", "is Kai a boy's name"
        last = word.split()[-1] if " " in word else ""
        if len(last) > 2 and _key(last) in cues.STREET_SUFFIXES:
            return True  # "Baker Street" read whole (not "Prof. Dr": a title)
        if i > 0 and _key(tokens[i - 1].text) in cues.STREET_PREFIXES:
            return True  # "rue Jean Jaurès"
        following = _next_word(text, end)
        if following[:1].isupper() and _key(following) in cues.STREET_SUFFIXES:
            return True  # "Baker Street", "Drury Way"
        related = cues.RELATION.search(text[max(0, start - 48) : start]) is not None
        titled = _key(tokens[i].text) in cues.TITLES  # "ms. nakamura-lee at parents evening"
        if not titled and not related:
            sentence = (
                _SENTENCE_SPLIT.split(text[max(0, start - 200) : start])[-1]
                + word
                + _SENTENCE_SPLIT.split(text[end : end + 200], maxsplit=1)[0]
            )
            if (
                cues.SCHOOL_TOPIC.search(sentence)
                and not _FIRST_PERSON_NEAR.search(sentence)
                # (round 91: not a name the text says someone bears, "homework for a 9yo named
                # Solomon")
                and not cues.PERSON_CALLED.search(text[max(0, start - 40) : start])
            ):
                return True  # "analyse Lady Macbeth's guilt", "Warum wurde Bismarck ..."
        before = text[max(0, start - 100) : start]
        if cues.WORK_QUOTED.search(before[-30:]) or cues.PET_NAME_IS.search(before):
            return True  # "the song 'Jolene'", "a new puppy ... her name is Mabel"
        if cues.WHO_WAS.search(before[-30:]) and cues.WHO_WAS_END.match(after):
            return True  # "Who were Bonnie and Clyde?"
        if related:
            return False  # "names for our baby: ... also my husband Cathal says"
        sentence = (
            _SENTENCE_SPLIT.split(before)[-1]
            + word
            + _SENTENCE_SPLIT.split(text[end : end + 100], maxsplit=1)[0]
        )
        # "a good name for a boat" (round 91: not a name whose own it is, "the card in
        # Rukhsana's name for the parking app")
        return cues.NAME_FOR.search(sentence) is not None and not _OWN_NAME_AFTER.match(text, end)

    def _product(self, text: str, tokens: list[Token], i: int, end: int) -> bool:
        """A product or a thing named like a person: a maker before ("Renault Zoé"), a model
        number after ("Symo 8.2-3-M"), offered as a name ("'Esperanza' as a name for a boat"),
        or a word made of a place ("Berliner Mauer", "Wiener Schnitzel")."""
        start = tokens[i].start
        if _key(tokens[i].text) in cues.MAKERS and i + 1 < len(tokens):
            return True  # "Renault Kangoo" read as one name
        if (
            i > 0
            and text[tokens[i - 1].end : start] == " "
            and _key(tokens[i - 1].text) in cues.MAKERS
        ):
            return True
        if cues.MODEL_AFTER.match(text[end : end + 24]) or cues.AS_A_NAME.match(text[end:]):
            return True
        first = tokens[i].text
        return (
            first[:1].isupper()
            and len(first) > 5
            and first.endswith("er")
            and self.is_place(Token(first[:-2], start, end))
        )

    def _item(self, t: Token, lower: bool) -> float | None:
        """The score of ``t`` as an item of a list that holds a name, or None."""
        k = _key(t.text)
        if k in cues.STOP or (t.text.isupper() and len(t.text) > 1) or k in self.tech:
            return None
        if t.text[:2] in ("I'", "I\u2019"):
            return None  # "Emma Watson and I've": the writer (round 25)
        if lower:
            ok = not t.cap and self.is_given(t) and not self.is_word(t)
            return POSSIBLE + 0.05 if ok else None
        if not t.cap or self.is_place(t):
            return None
        if self.is_given(t):
            return POSSIBLE if self.is_word(t) else LIKELY
        if not self.is_word(t) and len(t.text) > 2 and t.text[1:].islower():
            return POSSIBLE
        return None

    def _listed(
        self, text: str, tokens: list[Token], spans: list[tuple[int, int]], inside: set[int]
    ) -> list[NameHit]:
        """The other items of a list that holds a name ("Priya, Tomasz and Kwame", "ingrid and
        mateo"): one-word items in the same case, either side, up to the list's end."""
        out = []
        for i, j in spans:
            lower = not tokens[i].cap
            for step, last in ((1, j - 1), (-1, i)):
                while True:
                    k = last + step
                    if 0 <= k < len(tokens) and _key(tokens[k].text) in cues.CONJUNCTIONS:
                        k += step  # "and", "et": part of the glue between two items
                    if not 0 <= k < len(tokens) or k in inside:
                        break
                    a, b = (tokens[last], tokens[k]) if step == 1 else (tokens[k], tokens[last])
                    score = self._item(tokens[k], lower)
                    if score is None or not cues.LIST_GLUE.match(text[a.end : b.start]):
                        break
                    out.append(NameHit(tokens[k].start, tokens[k].end, score))
                    inside.add(k)
                    last = k
        return out

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

    def _pairs(self, text: str, tokens: list[Token], inside: set[int]) -> list[NameHit]:
        """Two capitalised given names joined by "and" and followed by what people do ("Will
        and Rose are getting married", "Dawn and Bill from next door"): both names, even the
        ones that are also words."""
        out = []
        for j in range(len(tokens) - 1):
            a, k = tokens[j], j + 1
            if _key(tokens[k].text) in cues.PAIR_GLUE and text[a.end : tokens[k].start] == " ":
                k += 1  # "Will and Rose" ("&" is no token: "Will & Rose")
            if k >= len(tokens):
                break
            b = tokens[k]
            if j in inside or k in inside or not (a.cap and b.cap):
                continue
            if text[a.end : b.start].strip().lower() not in cues.PAIR_GLUE:
                continue
            if not (self.is_given(a) and self.is_given(b)):
                continue
            if self.is_place(a) or self.is_place(b):
                continue
            if cues.PAIR_AFTER.match(text, b.end) is None:
                continue
            out += [NameHit(a.start, a.end, POSSIBLE), NameHit(b.start, b.end, POSSIBLE)]
            inside.update((j, k))
        return out

    def _name_lists(self, text: str, tokens: list[Token], inside: set[int]) -> list[NameHit]:
        """A comma-separated list of single lower-case words, two or more of them names the
        lists know and no word ("zoë, marek, björn, aylin, paddy"): its given names."""
        out: list[NameHit] = []
        run: list[int] = []

        def close() -> None:
            clear = [k for k in run if self.is_given(tokens[k]) and not self.is_word(tokens[k])]
            if len(run) >= 3 and len(clear) >= 2:
                for k in run:
                    if k not in inside and self.is_given(tokens[k]):
                        out.append(NameHit(tokens[k].start, tokens[k].end, POSSIBLE))
                        inside.add(k)

        for k, t in enumerate(tokens):
            item = not t.cap and t.text.isalpha()
            glued = bool(run) and text[tokens[run[-1]].end : t.start] in (", ", ",")
            if item and (glued or not run):
                run.append(k)
                continue
            close()
            run = [k] if item else []
        close()
        return out

    def _cue(self, text: str, token: Token) -> str | None:
        before = text[max(0, token.start - 48) : token.start]
        if before.endswith("@") and not before[-2:-1].strip(" \t\n(\"'"):
            return "verb"  # a mention: "@maria can you check" (not "image@sha256:…")
        if (
            cues.INTRO.search(before)
            and _called_thing(before)
            # (round 91: not a name whose own the thing is, "a bulb named 'Kev's lamp'")
            and text[token.end : token.end + 2] not in ("'s", "\u2019s")
        ):
            return "thing"  # "a server called Marvin", "a vase called 'Henrietta'"
        if (
            before.endswith("(")
            and not token.cap
            and text.startswith(")", token.end)
            and _WORD_THEN_PAREN.search(before)
        ):
            return "verb"  # a name in brackets after who it is: "the fitter (kwame)" (round 28)
        if (
            _YAML_NAME_KEY.search(before)
            and _LOWER_WORDS_ON.match(text, token.end)
            and (self.is_word(token) or _key(token.text) in self.english)
        ):
            # round 95: a configuration's name key whose value is a word going on in lower-case
            # words, a label ("name: Morning meds taken"; not "name: Anna", "name: John Smith",
            # "name: Olusegun work", a person's)
            return "thing"
        tail = before.rstrip()  # (the cheap tests of two cues below)
        if not token.cap and _key(token.text) in cues.ROLE_COMPOUND_HEADS:
            return None  # a role's service in lower case: "our nurse line", "customer line"
        if cues.RELATION_AS_VERB.search(before):
            return "verb"  # "to contact Monzo": a verb, not "my contact Monzo"
        if (
            cues.GREETING.search(before)
            or cues.RELATION.search(before)
            or cues.INTRO.search(before)
            or (tail.endswith(",") and cues.PERSON_THEN_NAME.search(before))
            or _said_to_be(before, token)
            or (tail.endswith((":", "(")) and cues.NAMES_LIST.search(before))
        ):
            return "strong"
        if cues.VERB.search(before):
            return "verb"
        if cues.WEAK.search(before) or cues.KIN_OF.search(before):
            return "weak"
        return None

    def _joined(self, text: str, a: Token, b: Token) -> bool:
        """Two tokens in one name: separated by blanks only (no comma, no line break), or by the
        elided particle of "Margaux d'Arcy", "François N'Diaye"."""
        gap = text[a.end : b.start]
        blanks = gap.strip(" \t\u00a0") == ""  # a line break ends the name
        return (0 < len(gap) <= 2 and blanks) or cues.ELIDED_GAP.match(gap) is not None

    def _rest(self, text: str, tokens: list[Token], i: int, cap: bool) -> int:
        """How many tokens after ``i`` continue the name (particles, given names, surnames)."""
        j = i + 1
        while j < len(tokens) and j - i < 5 and self._joined(text, tokens[j - 1], tokens[j]):
            t = tokens[j]
            if _key(t.text) in cues.PARTICLES:  # van der Berg, El Idrissi: particles, a surname
                k = j
                while (
                    k + 1 < len(tokens)
                    and _key(tokens[k].text) in cues.PARTICLES
                    and self._joined(text, tokens[k], tokens[k + 1])
                ):
                    k += 1
                last = tokens[k]
                if (
                    k > j
                    and (last.cap or not cap)
                    and (self.is_surname(last) or (last.cap and not self.is_word(last)))
                ):
                    j = k + 1
                    continue
            if (
                t.cap != cap
                or (t.text.isupper() and len(t.text) > 1)
                or _key(t.text) in cues.TITLES
            ):
                break  # a title starts the next name
            known = self.is_given(t) or self.is_surname(t)
            unknown_surname = cap and j == i + 1 and not self.is_word(t) and len(t.text) > 2
            if not (known or unknown_surname) or (not cap and self.is_word(t)):
                break
            j += 1
        return j - i - 1

    def _two_word_place(self, text: str, hit: NameHit) -> bool:
        words = text[hit.start : hit.end].split()
        return len(words) > 1 and " ".join(_key(w) for w in words) in self.places

    def _at(self, text: str, tokens: list[Token], i: int) -> tuple[NameHit | None, int]:
        t = tokens[i]
        key = _key(t.text)
        if key in _TITLE_ENDINGS and _ABBREVIATED_TITLE.search(text, max(0, t.start - 8), t.start):
            # round 51: an Italian title's abbreviation, its ending after the period ("prof.ssa
            # Ferraresi", "dott.ssa Lanza", "sig.ra Bianchi"): read as the title it stands for
            key = "signora"
        elif (
            i + 2 < len(tokens)
            and _key(tokens[i + 1].text) in _TITLE_ENDINGS
            and _ABBREVIATED_TITLE.search(text, t.start, tokens[i + 1].start)
        ):
            inner, used = self._at(text, tokens, i + 1)  # the name after the whole title
            if inner is not None:
                return NameHit(t.start, inner.end, inner.score), used + 1
        knighted = (  # round 76: "Sir Nigel Ashcombe-Price", "Dame Judith" (not "Dear Sir,")
            key in _KNIGHTED
            and t.cap
            and i + 1 < len(tokens)
            and tokens[i + 1].cap
            and text[t.end : tokens[i + 1].start] == " "
            and self.is_given(tokens[i + 1])
        )
        if not knighted and (
            key in cues.STOP or key in cues.DETERMINERS or key in cues.PLACEHOLDER_ADDRESSEES
        ):
            return None, 1  # (a placeholder: "Sehr geehrte Kundin", whoever the letter reaches)
        if t.text[:2] in ("I'", "I\u2019"):
            return None, 1  # the writer: "Hi Mum, I've got a new number" (round 28)
        if (
            not t.cap
            and _key(t.text) in cues.DOCTOR_TITLES
            and i + 1 < len(tokens)
            and not tokens[i + 1].cap
            and text[t.end : tokens[i + 1].start] == " "
            and self._lower_after_title(text, tokens, i + 1, words=False)
        ):
            return NameHit(t.start, tokens[i + 1].end, LIKELY), 2  # "call doctor nwosu's office"
        if cues.RELATION.search(t.text):
            return None, 1  # a role or a relation ("Oma", "Praktikanten") is not the name
        if t.cap and len(t.text) > 7 and t.text.endswith("innen"):
            # "Liebe Kundinnen und Kunden", "Sehr geehrte Mieterinnen und Mieter": a group
            k = i + 1
            if k + 1 < len(tokens) and _key(tokens[k].text) == "und" and tokens[k + 1].cap:
                k += 2
            return None, k - i
        if t.cap and len(t.text) > 5 and _GERMAN_PEOPLE.search(t.text):
            return None, 1  # "Wie erkläre ich Geschwisterkindern ...": people, no one (round 80)
        if t.cap and _key(t.text) in cues.STREET_PREFIXES:
            return None, 1 + self._rest(text, tokens, i, True)  # "Calle de Fuencarral"
        if (
            i + 1 < len(tokens)  # (the cheap tests first: this runs for every word)
            and tokens[i + 1].cap
            and text[t.end : tokens[i + 1].start].strip(" '\"‘“«„") == ""
            and "\n" not in text[t.end : tokens[i + 1].start]
            and (
                _key(t.text) in cues.BUSINESS_BEFORE_NAME
                or cues.PET_BEFORE.match(t.text)
                or cues.STORM_BEFORE.match(t.text + " ")  # "Storm Eunice", "Sturmtief Zoltan"
                or (
                    _key(t.text) in cues.NAME_WORDS  # "der Nachname Müller", asked about
                    and cues.NAME_MEANING.search(text[max(0, t.start - 80) : t.end + 80])
                )
            )
        ):
            # "Metzgerei Baumann", "Kater Moritz", "Storm Eunice": the word and the name it gives
            return None, 2 + self._rest(text, tokens, i + 1, True)
        # (English "family" in lower case is a noun's modifier, no title: "the family Nextcloud";
        # round 28)
        if (
            key in cues.TITLES
            and i + 1 < len(tokens)
            and (t.cap or key != "family")
            and (key != "mx" or t.text == "Mx")
        ):
            nxt = tokens[i + 1]
            if _key(nxt.text) in cues.PLACEHOLDER_ADDRESSEES:
                return None, 2  # "Mr & Mrs Occupier": whoever lives there
            if (
                t.text.isupper()
                and len(t.text) > 1
                and nxt.text[1:].islower()
                and self.is_word(nxt)
                and not self.is_given(nxt)
                and not self.is_surname(nxt)
            ):
                return None, 1  # an acronym before a word: "the MS Society", "MS Trust" (round 76)
            if _key(nxt.text) in cues.TITLES and i + 2 < len(tokens):  # "Prof. Dr. Weißenfels"
                inner, used = self._at(text, tokens, i + 1)
                if inner is not None:
                    return NameHit(t.start, inner.end, inner.score), used + 1
            initials = _INITIALS_AFTER_TITLE.match(text, t.end)
            if initials is not None and _key(t.text) in cues.FORMAL_TITLES:
                letters = initials.group("initials").count(".")
                return NameHit(t.start, initials.end(), LIKELY), 1 + letters
            if nxt.text.isupper() and (capitals := self._capitals(text, tokens, i)) is not None:
                return capitals
            if (  # "Frau von Wedel-Parlow", "Mevrouw van der Berg" (not "famille de Jacques")
                _key(nxt.text) in cues.PARTICLES
                # an article, not a particle, right after the title: "im Herrn der Ringe"
                and _key(nxt.text) not in _ARTICLE_AFTER_TITLE
                and _key(t.text) not in cues.FAMILY_WORDS
                and not nxt.cap
                # (round 57: or after the title's period, "Mr. de Villiers")
                and (self._joined(text, t, nxt) or text[t.end : nxt.start] == ". ")
                and i + 2 < len(tokens)
                and self._joined(text, nxt, tokens[i + 2])
            ):
                k = i + 2
                while (
                    k + 1 < len(tokens)
                    and _key(tokens[k].text) in cues.PARTICLES
                    and self._joined(text, tokens[k], tokens[k + 1])
                ):
                    k += 1  # "van der", "de la"
                last = tokens[k]
                if last.cap and (
                    self.is_surname(last)
                    or "-" in last.text
                    or not (self.is_word(last) or _key(last.text) in self.common)
                ):
                    return NameHit(t.start, last.end, STRONG), k - i + 1
            gap = text[t.end : nxt.start]
            # after "Mr", "Herrn", "Mme" even a word is a surname ("Mr Brown"), never a place
            formal = _key(t.text) in cues.FORMAL_TITLES
            word = self.is_word(nxt) and not formal
            # after "mr", "mme" a lower-case name counts if the lists know it ("mr kapoor")
            lower_ok = (
                not nxt.cap
                and (_key(t.text) in cues.LOWER_TITLES or gap.strip() == ".")
                and gap != "."  # the title's own ending: "dott.ssa", "sig.ra"
                and _key(nxt.text) not in _ARTICLE_AFTER_TITLE
                and self._lower_after_title(text, tokens, i + 1)
            ) or (
                # round 57: "ms" and "dr" without their period, not after a number
                # (milliseconds, a drive), before a name the lists hold that is no word ("my
                # counsellor ms petrova")
                not nxt.cap
                and t.text in ("ms", "dr")
                and gap == " "
                and not _NUMBER_BEFORE.search(text, max(0, t.start - 12), t.start)
                and self._lower_after_title(text, tokens, i + 1, words=False)
            )
            elided = cues.ELIDED_GAP.match(gap) is not None  # "Mme N'Diaye", "mme n'diaye"
            if (
                (nxt.cap or lower_ok)
                # (round 77: not across a line's end, "... took 1422 ms\nMay 14 02:11:03")
                and (elided or (gap.strip() in ("", ".") and len(gap) <= 2 and "\n" not in gap))
                and not word
            ):
                more = self._rest(text, tokens, i + 1, nxt.cap)
                return NameHit(t.start, tokens[i + 1 + more].end, STRONG), 2 + more
        if t.cap and t.text[1:].islower() and self._frequent_at_start(text, tokens, i):
            return None, 1  # "Dann nach 2 Minuten", "Lange Frage zu ...", "Davor habe ich ..."
        if (
            t.cap
            and _key(t.text) in self.common
            and cues.ARTICLE_BEFORE.search(text[max(0, t.start - 5) : t.start])
        ):
            return None, 1  # "el Día de los Muertos", "la Casa": a word of a title or a place
        if t.text.isupper() and len(t.text) > 1:
            capitals = self._capitals(text, tokens, i)
            if capitals is not None:  # "name on card PRIYA NAIR", "MS YUKI TANAKA-BROWN"
                return capitals
            # (a name in capitals of several words, "ROSALIND M OYELARAN", is NAME_FIELD's)
            alone = not (
                i > 0 and tokens[i - 1].text.isupper() and self._joined(text, tokens[i - 1], t)
            ) and not (
                i + 1 < len(tokens)
                and tokens[i + 1].text.isupper()
                and self._joined(text, t, tokens[i + 1])
            )
            return (self._shouted(text, t) if alone else None), 1  # an acronym, or a name
        if not (self.is_given(t) or (t.cap and self.is_surname(t))):
            return self._unknown(text, tokens, i)
        cue = (
            self._cue(text, t)
            or ("after" if cues.AFTER_PERSON.match(text[t.end :]) else None)
            or ("after" if t.cap and _subject(text, t) else None)
            # round 43: a writer who types no capitals starts a clause with the name and its
            # verb ("kofi has had a cough", "so aroha wants to know"); only a clear given name
            # (no word, no frequent word, no product) counts, and only as a possible one
            or ("verb" if not t.cap and self._lower_subject(text, t) else None)
            # round 92: said to be the writer's relative or partner right after, a word or not
            # ("ruby is my co-owner")
            or ("strong" if _said_related_after(text, t) else None)
        )
        if cue == "thing":
            return None, 1
        if not self.is_given(t):  # a surname first: "Raj Malhotra" (Raj is a surname too)
            more = self._rest(text, tokens, i, True) if not self.is_word(t) else 0
            if more and not self.is_word(tokens[i + more]):
                score = LIKELY if cue else POSSIBLE + 0.05
                return NameHit(t.start, tokens[i + more].end, score), more + 1
            return self._single(text, t, cue), 1
        more = self._rest(text, tokens, i, t.cap)
        if more:
            hit = self._full_name(text, tokens[i : i + more + 1], cue)
            if hit is not None:
                return hit, more + 1
            # not a name from here ("my friend zoë van der berg"): the next word may start one
        return self._single(text, t, cue), 1

    def _lower_after_title(
        self, text: str, tokens: list[Token], i: int, words: bool = True
    ) -> bool:
        """A lower-case word after "mrs", "mme", "herrn" is a surname when the lists know it as a
        name ("mr kapoor", and "frau ritter" though it is also a word), when it is no word at
        all ("mme n'diaye": after a title anything but a word is a surname), or when a given
        name that is also a word is followed by such a surname ("mrs hope larkin")."""
        t = tokens[i]
        if self.is_word(t):
            if words and self.is_surname(t) and len(t.text) > 3 and _key(t.text) not in cues.STOP:
                # "frau ritter", "mrs baker": a surname that is also a word (round 24; not after
                # "doctor", also a noun: "how would a doctor tell")
                return True
            if not self.is_given(t) or i + 1 >= len(tokens):
                return False
            nxt = tokens[i + 1]
            return (
                not nxt.cap
                and self._joined(text, t, nxt)
                and not self.is_word(nxt)
                and len(nxt.text) > 2
                and _key(nxt.text) not in cues.STOP
            )
        # (a double surname too: "frau schmitt-özkan")
        plain = t.text.replace("-", "")
        return (
            self.is_surname(t) or self.is_given(t) or (len(plain) > 2 and plain.isalpha())
        ) and _key(t.text) not in cues.STOP

    def _shouted(self, text: str, t: Token) -> NameHit | None:
        """A given name alone in capitals, in a text otherwise written in lower and title
        case, where a person stands: "BEATRIX left her laundry in the machine", "tell KOFI I
        said thanks" (round 43). The lists must hold it as a name and as no word, product or
        frequent word; an acronym is none of these."""
        if len(t.text) < 4 or not t.text.isalpha():
            return None
        if _CONSTANT_AFTER.match(text, t.end) or _CONSTANT_BEFORE.search(
            text, max(0, t.start - 2), t.start
        ):
            return None  # a part of a constant's name in capitals, "ROTA_DB_URL" (round 73)
        name = Token(t.text[:1] + t.text[1:].lower(), t.start, t.end)
        if (
            not self.is_given(name)
            or self.is_word(name)
            or _key(t.text) in self.common
            or _key(t.text) in self.tech
        ):
            return None
        if self._in_capitals(text):
            return None  # a text in capitals: a form, a banner, a shouted line
        if (
            cues.AFTER_PERSON.match(text[t.end :])
            or _subject(text, name)
            or self._cue(text, t) in ("strong", "verb")
        ):
            return NameHit(t.start, t.end, POSSIBLE + 0.05)
        return None

    def _in_capitals(self, text: str) -> bool:
        """More than half the text's letters are capitals (counted once per text)."""
        memo = self._capitals_of  # (read once: scans may run in threads)
        if memo is None or memo[0] is not text:
            upper = sum(1 for c in text if c.isupper())
            memo = self._capitals_of = (text, 2 * upper > sum(1 for c in text if c.isalpha()))
        return memo[1]

    def _lower_subject(self, text: str, t: Token) -> bool:
        """A lower-case word that starts a clause, followed by a verb whose subject is a
        person ("kofi has had", "mcgregor keeps"), when the lists hold it as a name and as no
        word of any of the six languages, no product and no auxiliary."""
        if len(t.text) < 4 or not self._no_lower_word(t):
            return False
        if _PERSON_DID.match(text, t.end):
            return True  # anywhere before what a person did: "fix stuff roisin broke" (round 45)
        before = text[max(0, t.start - 12) : t.start]
        if _POSSESSIVE_NEXT.match(text, t.end) and _TEXT_OR_QUOTE_START.search(before):
            # round 82: or whose something is, opening the text, a sentence or a quotation
            # ("lena's headaches are worse", "the hint is 'mabel's maiden name'")
            return True
        return (
            cues.CLAUSE_START.search(before) is not None
            and cues.SUBJECT_NEXT.match(text[t.end : t.end + 24]) is not None
        )

    def _frequent_at_start(self, text: str, tokens: list[Token], i: int) -> bool:
        """A frequent word of the five other languages, capitalised only because it starts a
        sentence, and not followed by a surname ("Dann nach 2 Minuten", not "Jan Kowalski")."""
        t = tokens[i]
        if _key(t.text) not in self.common:
            return False
        before = text[max(0, t.start - 3) : t.start]
        if before.strip(" \t\"'¿¡(") and not text[: t.start].rstrip(" \t\r\n\"'¿¡(").endswith(
            (".", "!", "?", ":")
        ):
            return False  # ("¿Esa cuarta cifra ...?" starts a sentence too)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return nxt is None or not (nxt.cap and self.is_surname(nxt) and not self.is_word(nxt))

    def _capitals(self, text: str, tokens: list[Token], i: int) -> tuple[NameHit, int] | None:
        """A name in capitals, as forms and tickets print it: a given name and a surname (a
        title before them skipped), none of them an ordinary word ("PRIYA NAIR", not "MARK
        AS READ" or "NAS RAID")."""
        j = i + 1 if _key(tokens[i].text) in cues.TITLES else i
        span: list[Token] = []
        while j < len(tokens) and len(span) < 4 and tokens[j].text.isupper():
            if span and not self._joined(text, span[-1], tokens[j]):
                break
            t = tokens[j]
            span.append(Token(t.text[:1] + t.text[1:].lower(), t.start, t.end))
            j += 1
        # (a particle between: "ANTHONY DE SOUZA"; round 32)
        if len(span) < 2 or any(
            self.is_word(t)
            for t in span[:1] + [t for t in span[1:] if _key(t.text) not in cues.PARTICLES]
        ):
            return None
        if not (self.is_given(span[0]) and self.is_surname(span[-1])):
            return None
        return NameHit(span[0].start, span[-1].end, LIKELY), j - i

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

    def _single(self, text: str, t: Token, cue: str | None) -> NameHit | None:
        if _key(t.text) in cues.HOLIDAYS and cue != "strong":
            return None  # "avant Noël", "a Natale"
        if not self.is_given(t):  # a surname alone counts only after a strong cue
            return NameHit(t.start, t.end, LIKELY) if cue == "strong" and t.cap else None
        ambiguous = self.is_word(t)
        if t.cap:
            if not ambiguous:
                return NameHit(t.start, t.end, LIKELY if cue else CONFIDENT)
            if cue == "strong":
                return NameHit(t.start, t.end, CONFIDENT)
            # "to Paris", "to Alexa": a place or a product, not a person
            if cue and not self.is_place(t) and _key(t.text) not in self.tech:
                return NameHit(t.start, t.end, POSSIBLE)
            return None
        if not ambiguous and cue and _key(t.text) not in cues.AUXILIARIES:
            # "hey liam", "asking ryan to", "für tobias", "nathan and i" (not "mon ami vit")
            return NameHit(t.start, t.end, POSSIBLE + 0.05)
        if (
            not ambiguous
            and len(t.text) > 2
            and _key(t.text) not in self.common
            and cues.ARTICLE_BEFORE_NAME.search(text[max(0, t.start - 5) : t.start])
            and not t.text.endswith(("en", "em", "er", "es"))  # "dem hellen Sofa": declined
        ):
            return NameHit(t.start, t.end, POSSIBLE + 0.05)  # "wie sag ich dem jens"
        before = text[max(0, t.start - 48) : t.start]
        if (
            cue == "verb"
            and _key(t.text) not in cues.AUXILIARIES
            and len(t.text) > 2
            and cues.PERSON_VERB.search(before)
        ):
            return NameHit(t.start, t.end, POSSIBLE)  # "how do i tell jasmine", "text rose"
        if (
            cue == "strong"
            and _key(t.text) not in cues.AUXILIARIES
            and _key(t.text) not in self.common  # "ich bin mir nicht sicher", "je suis sur"
            and len(t.text) > 2
            and (
                not cues.RELATION.search(before)
                or cues.POSSESSIVE_BEFORE.search(before)
                or cues.GREETING.search(before)
            )  # "a school caretaker job", "candidate numbers": a noun's halves (round 25)
            and not cues.I_AM_BEFORE.search(before)  # "I'm sad" (round 26)
        ):
            return NameHit(t.start, t.end, POSSIBLE)  # "my brother tyler", not "my boss will"
        return None

    def _unknown(self, text: str, tokens: list[Token], i: int) -> tuple[NameHit | None, int]:
        """A capitalised word the lists do not know, where only a person can stand, before a
        known surname ("Tariq Aziz"), or two of them after a cue ("from Dmitri Volkov")."""
        t = tokens[i]
        if not t.cap and self._related(text, t):
            return NameHit(t.start, t.end, POSSIBLE), 1  # "my neighbour sunita"
        if (
            not t.cap
            and self.is_surname(t)
            and cues.AFTER_PERSON.match(text[t.end :])
            and self._lower_subject(text, t)
        ):
            return NameHit(t.start, t.end, POSSIBLE), 1  # "mcgregor keeps turning" (round 43)
        if (
            not t.cap
            and text.startswith(":", t.end)
            and _MESSAGE_TO.search(text, max(0, t.start - 12), t.start)
            and self._unknown_lower(t)
        ):
            return NameHit(t.start, t.end, POSSIBLE), 1  # "text nkem: gate's open" (round 29)
        if (
            t.cap
            and _name_cased(t.text)
            and self.is_word(t)
            and not self.is_place(t)
            and _key(t.text) not in self.tech
            and _KIN_BEFORE.search(text, max(0, t.start - 40), t.start)
        ):
            # a relative's name that is also a word: "my sister Temperance" (round 29)
            return NameHit(t.start, t.end, POSSIBLE + 0.05), 1
        if not t.cap or self.is_word(t) or not _name_cased(t.text) or cues.RELATION.search(t.text):
            return None, 1  # a role is not a name: "Praktikanten Jonas Wolf"
        cue = self._cue(text, t) or ("verb" if _subject(text, t) else None)
        if cue == "thing":
            return None, 1
        # At the start of a sentence every word is capitalised ("Welche Rosen ..."): there a
        # word the lists do not know counts only after a cue.
        first = not text[max(0, t.start - 3) : t.start].strip(" \t\"'¿¡(") or text[
            : t.start
        ].rstrip().endswith((".", "!", "?", ":", ";", "\n"))
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        pair = (
            nxt is not None
            and nxt.cap
            and self._joined(text, t, nxt)
            and not self.is_word(nxt)
            and (nxt.text[1:].islower() or GAELIC_SURNAME.match(nxt.text) is not None)
        )
        if nxt is not None and pair and self.is_surname(nxt) and (cue or not first):
            return NameHit(t.start, nxt.end, LIKELY if cue else POSSIBLE + 0.05), 2
        if (
            not pair
            and len(t.text) > 2
            and (
                (  # "Ayumi and I are expecting" (not "je postule à Londres and I")
                    _AND_ME.match(text, t.end)
                    and not _PLACE_PREPOSITION.search(text, max(0, t.start - 6), t.start)
                )
                # whose room or phone: "Ibukun's Pixel 8" (round 29)
                or (t.text[1:].islower() and cues.OWNED_AFTER.match(text, t.end))
            )
        ):
            return NameHit(t.start, t.end, POSSIBLE + 0.05), 1
        after = nxt is not None and cues.AFTER_PERSON.match(text[nxt.end :]) is not None
        if nxt is not None and pair and (cue or after) and len(t.text) > 2 and len(nxt.text) > 2:
            return NameHit(t.start, nxt.end, POSSIBLE + 0.05), 2
        before = text[max(0, t.start - 48) : t.start]
        if cue == "strong" and cues.SELF_INTRO.search(before):
            # "my name is Fatou Sow", "je m'appelle Ngozi": a name, with the capitalised word
            # after it, even one that is also a word ("Sow")
            two = nxt is not None and nxt.cap and self._joined(text, t, nxt)
            two = two and nxt is not None and _key(nxt.text) not in cues.STOP
            end = nxt.end if two and nxt is not None else t.end
            return NameHit(t.start, end, LIKELY), 2 if two else 1
        if cue == "verb" or (
            cue == "strong"
            # "a recruiter named Tallulah", "his name's Crispin" (a thing named: cue "thing")
            and (
                # (not a frequent word after a greeting: "Beste Zeit für Kyoto"; session 19)
                (cues.GREETING.search(before) and _key(t.text) not in self.common)
                or cues.RELATION.search(before)
                or cues.NAMING.search(before)
                # round 56: a relation or a role said to be someone ("der Käufer heißt
                # Berisha", "my neighbour is Kaboré"): a name, if it is no word or nationality
                or (
                    _said_to_be(before, t)
                    and _key(t.text) not in self.common
                    and not self.is_word(t)
                )
            )
        ):
            return NameHit(t.start, t.end, POSSIBLE + 0.05), 1
        return None, 1

    def _families(self, text: str, hits: list[NameHit]) -> list[NameHit]:
        """A family by its surname in the plural: "the Nakamuras", "the Okafors" (the singular a
        known surname, no ordinary word: not "the Browns", "the Smiths"), "bei Müllers", "les
        Lemaire", "the Nakamura family reunion"; and names by the field or the form they stand
        in: a card's holder or a transfer's payee, a German genitive ("Wiebkes Heimatstadt").
        None where a name was found already."""
        out = []
        for m in cues.FAMILY.finditer(text):
            start, end = m.start("name"), m.end("name")
            stem = m.group("name")
            french = text[m.start() : m.start() + 3].lower() == "les"
            if french == bool(m.group("plural")):
                continue  # a plural after "the" and "bei"; the name as it is after "les"
            singular = Token(stem[: len(stem) - len(m.group("plural"))], start, end)
            if m.group("plural") == "es" and not self.is_surname(singular):
                # (round 70: a surname that ends in "e" takes an "s" alone, "the Whitmores")
                singular = Token(stem[:-1], start, end)
            plural = Token(stem, start, end)
            acts = _family_acts(text, m.start("name"), end)
            if m.group("gaelic") and not acts:
                # round 94: a family by an Irish or a Scottish surname's prefix ("the
                # O'Donoghues") doing something, or with something done to, for, with them (not
                # a title's "Inside the O'Briens")
                continue
            if (
                # (round 94: or "es" after a singular that ends in "e", "the Thistlethwaites")
                (m.group("plural") == "s" or singular.text == stem[:-1])
                and not french
                # (round 95: or something done for, to, with them, "a job for the Achebes")
                and acts
                and len(singular.text) >= 4
                and self._unlisted(singular)
                and not self.is_word(plural)
                and not self.is_given(plural)
                and not self.is_place(singular)
                and not self.is_place(plural)
                and _key(stem) not in cues.PLURAL_PLACES
                and _key(stem) not in self.tech
                and _key(singular.text) not in self.tech
                and not is_known(stem)
                and not is_known(f"the {stem}")
                and not is_known_surname(singular.text)
                and not _overlaps(hits, start, end)
            ):
                # round 83: a family by a surname no list holds, doing what people do ("the
                # Obiangs are always an hour late", "the Nwachukwus, who booked twice")
                out.append(NameHit(start, end, LIKELY))
                continue
            if (
                self.is_surname(singular)
                and not self.is_word(plural)
                and not self.is_given(plural)  # "the Mercedes Sprinter": a name, a brand
                and _key(stem) not in cues.PLURAL_PLACES  # "the Netherlands", "the Andes"
                and _key(stem) not in self.tech  # "the Barclays number": a bank (round 24)
                and not self.is_word(singular)
                # (round 60: a given name that is a surname too after a lower-case "the", "the
                # Fitzgeralds"; not a title's "In The Simpsons")
                and (
                    not self.is_given(singular)
                    or (text[m.start()] in "tb" and _clear_surname_too(self, singular))
                )
                and not _overlaps(hits, start, end)
            ):
                out.append(NameHit(start, end, LIKELY))
        for m in cues.NAME_FIELD.finditer(text):
            if (m.group("field") or m.group("kv")) and not m.group("name").isupper():
                continue  # a name field's capitals only ("...: ABIGAIL ROSE STANNARD")
            words = m.group("name").split()
            named = [Token(w, 0, 0) for w in words if len(w.rstrip(".")) > 1]
            end = m.start("name") + len(m.group("name").rstrip("'’"))  # "'WANG XIAOMEI'"
            if m.group("kv") is not None:
                # round 94: a key's value, no ordinary word in it ("name=R OYELOWO", not
                # "name=LIVING ROOM TV"), an initial or a name the lists hold
                capitalised = [Token(t.text[:1] + t.text[1:].lower(), 0, 0) for t in named]
                if any(
                    _key(t.text) in self.english or self.is_word(t) for t in capitalised
                ) or not (
                    len(named) < len(words)
                    or any(self.is_given(t) or self.is_surname(t) for t in named)
                ):
                    continue
                if not _overlaps(hits, m.start("name"), end):
                    out.append(NameHit(m.start("name"), end, LIKELY))
                continue
            # round 50: after a card holder's field, a name no list holds but no word either
            # ("CARDHOLDER R. OYELARAN"): the field names a person
            # (round 79: or initials before a word, "cardholder is listed as 'S J MACKINTOSH'")
            holder = m.group("holder") is not None and (
                any(
                    not self.is_word(Token(w[:1] + w[1:].lower(), 0, 0))
                    for w in words
                    if len(w) > 2
                )
                or len(named) < len(words)
            )
            if (
                holder or any(self.is_given(t) or self.is_surname(t) for t in named)
            ) and not _overlaps(hits, m.start("name"), end):
                out.append(NameHit(m.start("name"), end, LIKELY))
        for m in cues.NAME_OF_RECORD.finditer(text):
            words = m.group("name").split()
            last = Token(words[-1], 0, 0)
            if (
                self.is_given(last)
                or self.is_surname(last)
                or (m.group("maiden") is not None and not self.is_word(last))
                or (
                    m.group("account") is not None
                    and any(len(w.rstrip(".")) == 1 for w in words[:-1])
                )
            ) and not _overlaps(hits, m.start("name"), m.end("name")):
                out.append(NameHit(m.start("name"), m.end("name"), LIKELY))
        for m in cues.GERMAN_GENITIVE.finditer(text):
            t = Token(m.group("name"), m.start("name"), m.end("name"))
            owner = Token(m.group()[:-1], m.start(), m.end() - 1)
            after = text[m.end() : m.end() + 40].split(" ", 1)[0]
            if (
                self.is_given(t)
                and not self.is_word(t)
                and not self.is_surname(t)
                and self._unlisted(owner)
                and _key(after) not in self.names
                and not _overlaps(hits, t.start, owner.end)
            ):
                out.append(NameHit(t.start, t.end, LIKELY))  # the name, not its "s"
        for m in cues.FAMILY_OF.finditer(text):  # "the Nakamura family reunion" (round 33)
            t = Token(m.group("name"), m.start("name"), m.end("name"))
            if (
                # (round 70: before a family's children, a word no list holds too, "the
                # Adeyinka twins"; not a public family's, "the Olsen twins")
                (self.is_surname(t) or (m.group("children") is not None and not is_known(t.text)))
                and not self.is_word(t)
                and not self.is_given(t)
                and _key(t.text) not in self.tech
                and not _overlaps(hits, t.start, t.end)
            ):
                out.append(NameHit(t.start, t.end, LIKELY))
        return out

    def _unlisted(self, t: Token) -> bool:
        """No given name, surname or word the lists hold."""
        return not self.is_given(t) and not self.is_surname(t) and not self.is_word(t)

    def _unknown_lower(self, t: Token) -> bool:
        """A lower-case word of letters no list knows: no word, name, product or frequent
        word."""
        return len(t.text) >= 3 and self._no_lower_word(t) and not self.is_surname(t)

    def _no_lower_word(self, t: Token) -> bool:
        """Letters only, and no word, frequent word, product or auxiliary of the lists."""
        k = _key(t.text)
        return (
            t.text.isalpha()
            and not self.is_word(t)
            and k not in self.common
            and k not in self.tech
            and k not in cues.AUXILIARIES
        )

    def _related(self, text: str, t: Token) -> bool:
        """A lower-case word no list knows right after an English relation ("my neighbour
        sunita", "our cleaner marisol"): where only a person's name can stand."""
        if len(t.text) < 3 or not t.text.isalpha() or self.is_word(t) or self.is_surname(t):
            return False
        if _key(t.text) in self.tech or _key(t.text) in cues.AUXILIARIES:
            return False
        before = text[max(0, t.start - 32) : t.start]
        return cues.RELATION_BEFORE.search(before) is not None

    def _handles(self, text: str, hits: list[NameHit]) -> list[NameHit]:
        """A given name and a surname joined into one word: a user name or an entity id
        ("fatima.zahra", "person.anna_kowalski", "TODO(svetlana.ivanova)")."""
        out = []
        for m in cues.HANDLE.finditer(text):
            first = Token(m.group(1), m.start(1), m.end(1))
            last = Token(m.group(2), m.start(2), m.end(2))
            if (
                self.is_given(first)
                and self.is_surname(last)
                and not self.is_word(last)
                and _key(last.text) not in cues.LOCAL_DOMAINS  # "backup@nas.lan": a host
                and not any(h.start <= first.start < h.end for h in hits)
            ):
                out.append(NameHit(first.start, last.end, LIKELY))
        return out

    def _signatures(self, text: str, tokens: list[Token], inside: set[int]) -> list[NameHit]:
        """Names under a closing ("Cheers,\\nTom") or after it on the same line ("Thx, Alfie").
        Every look-back is bounded, so a megabyte on one line stays linear."""
        out = []
        for j, t in enumerate(tokens):
            if j in inside or not t.cap or (self.is_word(t) and not self.is_given(t)):
                continue  # under a closing, "Tom" or "Will" is a name even though a word
            if t.text.isupper() and len(t.text) > 1:
                continue
            window = max(0, t.start - cues.SIGNATURE_WINDOW)
            line_start = text.rfind("\n", window, t.start) + 1
            before = text[max(line_start, window) : t.start]
            # "Thx, Alfie" after a sentence; "LG Wolfi", "Cheers Tom" as a line of their own
            if cues.INLINE_CLOSING.search(before) or (
                line_start >= window and cues.CLOSING.match(before)
            ):
                out.append(NameHit(t.start, t.end, LIKELY))
                continue
            if (
                _DASH_SIGNED.search(before)
                and _SIGNATURE_END.match(text, t.end)
                and not self.is_word(t)
                and (self.is_given(t) or self.is_surname(t))
            ):
                # a message signed after a dash at its end: "... Applied 14 Jan. — Sung-min"
                # (round 30)
                out.append(NameHit(t.start, t.end, LIKELY))
                continue
            if (line_start == 0 and window > 0) or (
                before.strip(" -&\u2013\u2014") and not before.rstrip().endswith(("&", " and"))
            ):
                continue  # not at the start of a line (or after "Anya &")
            previous_start = text.rfind(
                "\n", max(0, line_start - cues.SIGNATURE_WINDOW), line_start - 1
            )
            previous = text[previous_start + 1 : max(line_start - 1, 0)]
            if cues.CLOSING.match(previous) is not None or previous.strip() == "--":
                out.append(NameHit(t.start, t.end, LIKELY))
        return out
