"""Build routing_mcp/data/common_words.txt: the most frequent words of German, French, Spanish,
Italian and Dutch (by hand; only the list is committed).

    uv run --no-project --with wordfreq==3.1.1 python routing-mcp/tools/build_common_words.py

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


if __name__ == "__main__":
    main()
