"""Ranking tools for a plain-language request: FastMCP's BM25 over the fields of each tool.

FastMCP's BM25 search indexes a tool's name, description and parameters as one string. Across
six servers that misses what a person says: "the nas" (TrueNAS), "k8s", "what is airing this
week", a misspelt word, "lights" for "light". This ranker keeps FastMCP's BM25 index
(``_BM25Index``, one per field, for the counts) and scores three fields of each tool together
as BM25F, weighted by ``FIELD_WEIGHTS``:

- ``name``: the name split into words (``plex_on_deck`` -> "plex on deck");
- ``terms``: the tool's search vocabulary, the everyday words for what it does that its name
  and description do not say (``homelab_shared.spec.Vocabulary``; never in tools/list);
- ``text``: description and parameters.

Words are stemmed and mapped through a small thesaurus (``homelab_gateway.lexicon``); a query
word the catalogue does not know is looked up by its German and French stems, then replaced by
the closest known word (rapidfuzz OSA, similarity >= ``TYPO_CUTOFF``), so "kichen" finds
"kitchen". A word that names one server's app ("plex", "nas", "k8s") multiplies that server's
tools' scores, and a request pointing at two servers gets the best tool of each in its top k.

The measured effect (top-1 / top-3 on the labelled requests) is in bench/README.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from fastmcp.server.transforms.search.bm25 import _BM25Index
from fastmcp.tools.base import Tool
from rapidfuzz import process
from rapidfuzz.distance import OSA

from homelab_gateway.lexicon import (
    ASKING_WORDS,
    Stems,
    asks,
    clauses,
    first_word,
    joined,
    term,
    terms,
    words,
)
from homelab_shared.spec import Vocabulary

TYPO_CUTOFF = 79.0  # one edit in five letters (OSA: a swap is one edit)
SERVER_WEIGHT = 0.5
# A request naming an app ("plex", "the nas", "k8s", "sonarr", "bucket") multiplies its server's
# tools' scores by 1 + APP_WEIGHT.
APP_WEIGHT = 1.0
NAMED_WEIGHT = 0.5  # what a word naming an app still counts as a match
# A server whose tools together match at least this share of the best server's match counts as
# one the request points at (with the servers it names).
POINTED_RATIO = 0.7
MIN_FUZZY_LEN = 4  # shorter words are too ambiguous to correct
# A part of a compound request needs this many query terms to ask for a tool of its own
# ("turn off the lights and the tv": "the tv" is part of the first order).
MIN_CLAUSE_TERMS = 2
# A name word says most about what a tool does; the vocabulary was written for search.
FIELD_WEIGHTS = {"name": 2.0, "terms": 1.0, "text": 1.0}
# Length normalisation per field (BM25's b). A vocabulary is a list of alternatives, each said
# once: a tool with more everyday words is not a longer document about something else.
FIELD_B = {"name": 0.75, "terms": 0.3, "text": 0.75}
# A question ("is the garage door open", "welche Lichter sind an") multiplies the read-only
# tools' scores by 1 + INTENT_WEIGHT; a command opening with an action verb ("rename ...",
# "lock ...") the action tools'. Read or action comes from the tools' annotations
# (readOnlyHint), else from the verb their name starts with.
INTENT_WEIGHT = 1.0
# Name verbs of tools that only read, for tools without annotations.
READ_VERBS = frozenset(
    ["list", "get", "search", "find", "check", "describe", "show", "lookup", "top"]
)


def fields(tool: Tool, terms_text: str) -> dict[str, str]:
    """The text of each field of a tool."""
    parts = [tool.description or ""]
    props = (tool.parameters or {}).get("properties", {})
    for name, info in props.items():
        parts.append(name.replace("_", " "))
        if isinstance(info, dict) and isinstance(info.get("description"), str):
            parts.append(info["description"])
    return {"name": tool.name.replace("_", " "), "terms": terms_text, "text": joined(parts)}


class ScoredBM25(_BM25Index):
    """FastMCP's BM25 index, also giving every document's score (to combine several indexes)."""

    def scores(self, query: Sequence[str]) -> list[float]:
        found = [0.0] * self._n
        for token in query:
            df = self._df.get(token)
            if not df:
                continue
            idf = math.log((self._n - df + 0.5) / (df + 0.5) + 1.0)
            for i, tf in enumerate(self._tf):
                count = tf.get(token, 0)
                if count:
                    norm = 1 - self.b + self.b * self._doc_lengths[i] / self._avg_dl
                    found[i] += idf * count * (self.k1 + 1) / (count + self.k1 * norm)
        return found


def _index(docs: Sequence[Sequence[str]]) -> ScoredBM25:
    index = ScoredBM25()
    index.build([" ".join(doc) for doc in docs])
    return index


class ToolIndex:
    """A BM25 index of one catalogue; build once per catalogue, query many times."""

    def __init__(self, tools: Sequence[Tool], servers: Mapping[str, Vocabulary]) -> None:
        """``servers``: namespace -> its vocabulary (``app``: the words naming the server, "plex
        tautulli"; ``tools``: own tool name -> search words); "" -> the gateway's own tools'."""
        self.names = [t.name for t in tools]
        texts = [fields(t, _words(t, servers)[1]) for t in tools]
        docs = {f: [terms(text[f]) for text in texts] for f in FIELD_WEIGHTS}
        self._fields = {f: _index(found) for f, found in docs.items()}
        surface = {w for text in texts for f in FIELD_WEIGHTS for w in words(text[f])}
        self._known = {t for found in docs.values() for doc in found for t in doc}
        self._df: dict[str, int] = {}
        for i in range(len(tools)):
            for t in {t for f in FIELD_WEIGHTS for t in docs[f][i]}:
                self._df[t] = self._df.get(t, 0) + 1
        # Typos are corrected against the words as written (stems are not words: "temperatur"),
        # a tie going to the word more tools say.
        self._surface = sorted(surface)
        self._surface_df = {w: self._df.get(term(w), 0) for w in self._surface}
        self._stems = Stems(surface)
        # One document per server (all its tools and the words naming it): a request in a
        # server's vocabulary ("sensor", "download") favours that server's tools even when no
        # single tool says the word.
        self._server_of = [_namespace(t, servers) for t in tools]
        self._servers = sorted(set(self._server_of))
        joined_docs: dict[str, list[str]] = {ns: [] for ns in self._servers}
        for i, ns in enumerate(self._server_of):
            for f in FIELD_WEIGHTS:
                joined_docs[ns].extend(docs[f][i])
        for ns in self._servers:
            joined_docs[ns].extend(terms(_server_words(ns, servers)))
        self._server_bm25 = _index([joined_docs[ns] for ns in self._servers])
        self._names_server = _app_terms(self._servers, servers, docs, self._server_of)
        self._app_words = {ns: set(terms(_server_words(ns, servers))) for ns in self._servers}
        self._reads = [_reads(t, servers) for t in tools]
        # The verbs action tools' names start with ("rename" is not one: update_entity's is
        # "update"), minus those a read tool's name starts with.
        verbs = {
            r: {
                term(_own(t, servers).split("_")[0])
                for t, ro in zip(tools, self._reads, strict=True)
                if ro is r
            }
            for r in (True, False)
        }
        self._action_verbs = verbs[False] - verbs[True]

    def correct(self, word: str) -> str:
        """The catalogue's closest word to an unknown one (a typo: a letter missing, extra,
        wrong or two swapped), else the word."""
        if len(word) < MIN_FUZZY_LEN:
            return word
        found: Any = process.extract(
            word,
            self._surface,
            scorer=OSA.normalized_similarity,
            limit=5,
            score_cutoff=TYPO_CUTOFF / 100,
        )
        if not found:
            return word
        best = max(found, key=lambda hit: (round(hit[1], 6), self._surface_df[hit[0]]))
        return str(best[0])

    def query_terms(self, query: str) -> list[str]:
        found = []
        for word in words(query):
            t = term(word)
            if t not in self._known:
                t = self._stems.lookup(word) or term(self.correct(word))
            found.append(t)
        return found

    def named(self, query: str) -> list[str]:
        """The servers a request names by an app word ("plex", "nas", "k8s"), in its order."""
        found: list[str] = []
        for t in self.query_terms(query):
            ns = self._names_server.get(t)
            if ns is not None and ns not in found:
                found.append(ns)
        return found

    def scores(self, query: str) -> list[float]:
        return self._scored(query)[0]

    def _scored(self, query: str) -> tuple[list[float], list[str]]:
        """Every tool's score, and the servers the request points at: those it names, then
        those whose tools together match it nearly as well as the best server's."""
        asked = self.query_terms(query)
        named = self.named(query)
        # A word naming an app acts mostly through the prior below; as a full match it would
        # favour the tools that repeat the app's name ("restart_home_assistant", "back up Home
        # Assistant" for "home assistant history").
        app = {t for ns in named for t in self._app_words.get(ns, ())}
        total = self._bm25f(asked, {t: NAMED_WEIGHT for t in app})
        server_scores = dict(zip(self._servers, self._server_bm25.scores(asked), strict=True))
        top = max(server_scores.values(), default=0.0) or 1.0
        boosted = {*named, ""} if named else set()  # status (what is configured) concerns all
        favoured = self._intent(query)
        final = [
            score
            * (1 + SERVER_WEIGHT * server_scores[ns] / top)
            * (1 + APP_WEIGHT * (ns in boosted))
            * (1 + INTENT_WEIGHT * (favoured is not None and reads is favoured))
            for score, ns, reads in zip(total, self._server_of, self._reads, strict=True)
        ]
        close = sorted(
            (ns for ns, s in server_scores.items() if ns and s >= POINTED_RATIO * top),
            key=lambda ns: -server_scores[ns],
        )
        return final, [*named, *(ns for ns in close if ns not in named)]

    def _spell_asking(self, word: str) -> str:
        """An unknown opening word corrected to the interrogative it misspells ("wich")."""
        if len(word) < MIN_FUZZY_LEN or word in self._surface_df:
            return word
        found: Any = process.extractOne(
            word, ASKING_WORDS, scorer=OSA.normalized_similarity, score_cutoff=TYPO_CUTOFF / 100
        )
        return str(found[0]) if found else word

    def _intent(self, query: str) -> bool | None:
        """True: a question (read tools answer it); False: a command opening with an action
        verb (action tools do it); None: neither ("show me ...", "list ...")."""
        if asks(query, self._spell_asking):
            return True
        verb = first_word(query)
        return False if verb is not None and term(verb) in self._action_verbs else None

    def _bm25f(self, asked: Sequence[str], weights: Mapping[str, float]) -> list[float]:
        """BM25F: a term's frequency summed over the fields, each weighted and normalised by its
        own length, then saturated once (a word said in the name and the vocabulary is not worth
        two separate matches), with the document frequency over all fields."""
        indexes = self._fields
        k1 = next(iter(indexes.values())).k1
        found = [0.0] * len(self.names)
        for token in set(asked):
            df = self._df.get(token)
            if not df:
                continue
            n = len(self.names)
            idf = math.log((n - df + 0.5) / (df + 0.5) + 1.0) * asked.count(token)
            idf *= weights.get(token, 1.0)
            for i in range(n):
                tf = 0.0
                for f, weight in FIELD_WEIGHTS.items():
                    index = indexes[f]
                    count = index._tf[i].get(token, 0)
                    if count:
                        length = index._doc_lengths[i] / (index._avg_dl or 1.0)
                        b = FIELD_B[f]
                        tf += weight * count / (1 - b + b * length)
                if tf:
                    found[i] += idf * tf * (k1 + 1) / (tf + k1)
        return found

    def _parts(self, query: str) -> list[str]:
        """The parts of a compound request that each ask for something: enough terms besides
        interrogatives and the words naming an app ("... on truenas and home assistant" and
        "... and how big is it" are no parts of their own)."""
        found: list[str] = []
        for part in clauses(query):
            asked = [
                t
                for t, w in zip(self.query_terms(part), words(part), strict=True)
                if t not in self._names_server and w not in ASKING_WORDS
            ]
            if len(asked) >= MIN_CLAUSE_TERMS or not found:
                found.append(part)
            else:
                found[-1] = f"{found[-1]} {part}"
        return found

    def search(self, query: str, k: int) -> list[str]:
        """The best k tools. A request pointing at two or more servers ("pause plex and the
        downloads in sabnzbd") also gets the best tool of each such server missing from the top
        k, in the last places (each still needs a match of its own)."""
        final, pointed = self._scored(query)
        ranked = sorted((i for i in range(len(final)) if final[i] > 0), key=lambda i: -final[i])
        top = ranked[:k]
        parts = self._parts(query) if k > 1 else []
        if len(parts) > 1:
            # A compound request: the best tool for the whole, then the best for each part.
            head = ranked[:1]
            for part in parts:
                scores = self._scored(part)[0]
                best = max(range(len(scores)), key=lambda i: scores[i])
                if scores[best] > 0 and best not in head:
                    head.append(best)
            head = head[:k]
            top = head + [i for i in ranked if i not in head][: k - len(head)]
        if len(pointed) > 1 and k > 1:
            shown = {self._server_of[i] for i in top}
            best = {
                ns: next((i for i in ranked if self._server_of[i] == ns), None) for ns in pointed
            }
            extra = [best[ns] for ns in pointed if ns not in shown and best[ns] is not None]
            extra = extra[: k - 1]
            top = top[: k - len(extra)] + [i for i in extra if i is not None]
        return [self.names[i] for i in top]


def _namespace(tool: Tool, servers: Mapping[str, Vocabulary]) -> str:
    """The namespace of the tool's server; "" for the gateway's own tools (status)."""
    ns, _, own = tool.name.partition("_")
    return ns if ns in servers and own else ""


def _own(tool: Tool, servers: Mapping[str, Vocabulary]) -> str:
    """The tool's name without its server's namespace."""
    ns = _namespace(tool, servers)
    return tool.name[len(ns) + 1 :] if ns else tool.name


def _reads(tool: Tool, servers: Mapping[str, Vocabulary]) -> bool:
    """Whether the tool only reads: its readOnlyHint, else the verb its name starts with."""
    hint = tool.annotations.read_only_hint if tool.annotations is not None else None
    if hint is not None:
        return bool(hint)
    return _own(tool, servers).split("_")[0] in READ_VERBS


def _words(tool: Tool, servers: Mapping[str, Vocabulary]) -> tuple[str, str]:
    """The words naming the tool's server, and the tool's search vocabulary."""
    found = servers.get(_namespace(tool, servers))
    return (found.app, found.tools.get(_own(tool, servers), "")) if found is not None else ("", "")


def _app_terms(
    namespaces: Sequence[str],
    servers: Mapping[str, Vocabulary],
    docs: Mapping[str, Sequence[Sequence[str]]],
    server_of: Sequence[str],
) -> dict[str, str]:
    """term -> the one server it names: a word of the server's ``app`` that no other server's
    app words or tools say ("plex" yes; "server", "storage", "home" of plex's home_stats no)."""
    said: dict[str, set[str]] = {}
    for ns in namespaces:
        for t in terms(_server_words(ns, servers)):
            said.setdefault(t, set()).add(ns)
    for field in docs.values():
        for ns, doc in zip(server_of, field, strict=True):
            for t in doc:
                said.setdefault(t, set()).add(ns)
    return {
        t: ns for ns in namespaces for t in terms(_server_words(ns, servers)) if said[t] == {ns}
    }


def _server_words(ns: str, servers: Mapping[str, Vocabulary]) -> str:
    found = servers.get(ns)
    return found.app if found is not None else ""
