"""Build routing_mcp/data/common_words.txt: the most frequent words of German, French, Spanish,
Italian and Dutch, and routing_mcp/data/german_words.txt: frequent German words the name lists
also hold (by hand; only the lists are committed).

    uv run --with wordfreq==3.1.1 python routing-mcp/tools/build_common_words.py

The name gazetteers hold many words of these languages as names ("día", "como", "mir", "bien",
"tan": given names somewhere in the world), and the English word list cannot say they are words:
written in lower case after a cue, they were read as names ("al día como máximo", "mir helfen").
The ``TOP`` most frequent words of each language (wordfreq's ``top_n_list``, CC BY-SA 4.0 data:
see routing_mcp/data/NAMES.md) are words when written in lower case; the few among them that are
more often a person's name than a word are left out (``NAMES``).
"""

from __future__ import annotations

import importlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "routing_mcp" / "data" / "common_words.txt"
LANGUAGES = ("de", "fr", "es", "it", "nl")
TOP = 500
# In those lists, but a person before a word in a prompt ("ask ben", "tell jean").
NAMES = frozenset(
    str.split(
        "jean pierre juan josé maría maria marie ben dan jan luca marco paul peter hans max "
        "martin thomas michael louis michel carlos luis john"
    )
)
HEADER = """\
# The most frequent words of German, French, Spanish, Italian and Dutch, read as ordinary words
# (not names) when written in lower case. Built by routing-mcp/tools/build_common_words.py from
# wordfreq 3.1.1 (top {top} words a language, letters only, less {names} given names); data:
# CC BY-SA 4.0, see NAMES.md. This file is under the same licence.
"""


GERMAN_OUT = OUT.with_name("german_words.txt")
GERMAN_TOP = 5000
# German nouns are capitalised, so a frequent German word the name lists also hold ("Tage",
# "Osten", "Sommer", "Koch": Swedish, Dutch and German names somewhere) was read as a person in
# German prose ("Wir haben 4 Tage"). These are words unless a cue says name ("Herr Koch",
# "Opa Ernst"), as the English names that are words (name_words.txt). Left out: those more often
# a person's name (or a public one's) than a word.
GERMAN_NAMES = frozenset(
    str.split(
        "michael thomas hans karl christian paul friedrich müller david franz wolfgang andreas "
        "robert alexander daniel klaus walter werner georg anna heinz heinrich johannes wilhelm "
        "simon johann josef otto richard stefan jürgen ludwig james schulz hermann christoph "
        "philipp joachim gerhard carl helmut mario fritz sebastian horst schmidt merkel jesus "
        "markus matthias ulrich ben gabriel marie meyer felix jean kevin schneider wagner albert "
        "angela bernd oliver tim adam henry rainer rosa bernhard charles erdogan weber barbara "
        "alex eva joseph lisa louis anne chris kurt rudolf manfred günter herbert patrick anton "
        "kim marco marc marx sarah leo andrea günther jörg obama william elisabeth dan donald "
        "oscar roth stephan adolf julian laura benjamin jens erich jones roland uwe jakob ned "
        "schröder alice harald joe phil rolf albrecht dennis eric arthur mercedes ernst"
    )
)
GERMAN_HEADER = """\
# Frequent German words the name lists also hold, read as words unless a cue says name (German
# capitalises nouns: "Wir haben 4 Tage", "nach Osten"). Built by
# routing-mcp/tools/build_common_words.py from wordfreq 3.1.1 (top {top} German words, letters
# only, three or more, in the given-name or surname lists, less {names} more often a person's
# name); data: CC BY-SA 4.0, see NAMES.md. This file is under the same licence.
"""


def german_words(wordfreq: object) -> list[str]:
    from routing_mcp.pii_lexicon import Lexicon, Token

    lex = Lexicon()
    out = []
    for word in wordfreq.top_n_list("de", GERMAN_TOP):  # type: ignore[attr-defined]
        if not word.isalpha() or len(word) < 3 or word in GERMAN_NAMES:
            continue
        token = Token(word.capitalize(), 0, len(word))
        if (lex.is_given(token) or lex.is_surname(token)) and not lex.is_word(token):
            out.append(word)
    return sorted(out)


def main() -> None:
    wordfreq = importlib.import_module("wordfreq")
    words: set[str] = set()
    for language in LANGUAGES:
        words |= {w for w in wordfreq.top_n_list(language, TOP) if w.isalpha() and len(w) > 1}
    words -= NAMES
    OUT.write_text(
        HEADER.format(top=TOP, names=len(NAMES)) + "\n".join(sorted(words)) + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(words)} words")
    GERMAN_OUT.write_text("", encoding="utf-8")  # built from the lists without it
    german = german_words(wordfreq)
    GERMAN_OUT.write_text(
        GERMAN_HEADER.format(top=GERMAN_TOP, names=len(GERMAN_NAMES)) + "\n".join(german) + "\n",
        encoding="utf-8",
    )
    print(f"{GERMAN_OUT}: {len(german)} words")


if __name__ == "__main__":
    main()
