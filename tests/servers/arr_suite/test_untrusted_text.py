"""Text from strangers (release names, overviews, indexer and failure messages) is fenced: no
hidden or reordering characters, no terminal escapes, a length cap, and only in data fields."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from fastmcp import Client

from arr_suite_mcp.text import NAME_CAP, OVERVIEW_CAP, clean
from tests.servers.arr_suite.conftest import Lab, call
from tests.servers.arr_suite.data import INJECTION

HIDDEN = [
    *(chr(c) for c in range(0x00, 0x20) if c != 0x1B),  # ESC: see the escape sequence test
    "\x7f",
    *(chr(c) for c in range(0x80, 0xA0)),
    *"\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2060\ufeff",
    *(chr(c) for c in range(0x202A, 0x202F)),  # bidi embeddings and overrides
    *(chr(c) for c in range(0x2066, 0x206A)),  # bidi isolates
    *(chr(c) for c in range(0xE0000, 0xE0080)),  # tag characters
]
KEPT = ["Amélie", "千と千尋の神隠し", "Léon: The Professional", "Spider-Man 🕷", "Dune – Part Two"]
READS = [
    ("queue", {}),
    ("lookup", {"app": "sonarr", "term": "s"}),
    ("get_details", {"app": "sonarr", "id": 3}),
    ("history", {"app": "sonarr"}),
    ("list_indexers", {}),
    ("search_releases", {"query": "x"}),
    ("download_history", {}),
]


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_hidden_characters_are_removed(char: str) -> None:
    assert clean(f"Good{char}Name") in ("Good Name", "GoodName")


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_titles_survive(text: str) -> None:
    assert clean(text) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Show\x1b[31mRed\x1b[0m", "ShowRed"),
        ("a\x1b]8;;http://evil\x07link\x1b]8;;\x07b", "alinkb"),
        ("line one\nline two\r\n\tend", "line one line two end"),
    ],
)
def test_escape_sequences_and_newlines(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_length_is_capped() -> None:
    assert len(clean("x" * 10_000) or "") == NAME_CAP
    assert (clean("y" * 10_000, OVERVIEW_CAP) or "").endswith("…")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize(("tool", "args"), READS, ids=[t for t, _ in READS])
async def test_tool_output_is_fenced(ro: Client[Any], lab: Lab, tool: str, args: dict) -> None:
    result = await call(ro, tool, **args)
    texts = list(strings(result))
    assert any(INJECTION in t for t in texts), "the hostile fixture must reach this tool"
    for text in texts:
        assert len(text) <= OVERVIEW_CAP
        bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cf") or c == "\x1b"]
        assert not bad, f"{tool} returned hidden characters {bad!r}"


async def test_write_results_keep_release_names_in_data_fields(rw: Client[Any], lab: Lab) -> None:
    grabbed = await call(rw, "grab_release", guid="magnet-guid-2", indexer_id=2)
    assert INJECTION in grabbed["title"] and INJECTION not in grabbed["detail"]
    tested = await call(rw, "test_indexers")
    for result in (grabbed, tested):
        for text in strings(result):
            assert len(text) <= OVERVIEW_CAP
            assert not [c for c in text if unicodedata.category(c) in ("Cc", "Cf")]
