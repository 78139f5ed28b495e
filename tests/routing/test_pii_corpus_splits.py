"""The corpus loader's splits: the fresh corpus is read whole, and its absence is explained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.routing import pii_corpus
from tests.routing.pii_corpus import MissingCorpus, load


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_fresh_split_reads_both_files_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pii_corpus, "DATA", tmp_path)
    personal = [
        {"id": f"f-{i}", "lang": "en", "text": f"mail a{i}@example.org", "pii": [["EMAIL", "x"]]}
        for i in range(40)
    ]
    _write(tmp_path / "pii_personal_fresh.jsonl", personal)
    _write(tmp_path / "pii_clean_fresh.jsonl", [{"id": "c-1", "lang": "de", "text": "v1.2"}])
    loaded = load("personal", "fresh")
    # every prompt, whatever half its id's hash would put it in
    assert [s.id for s in loaded] == [f"f-{i}" for i in range(40)]
    assert {s.split for s in loaded} == {"tune", "held_out"}
    assert loaded[0].pii == (("EMAIL", "x"),)
    assert [(s.id, s.pii) for s in load("clean", "fresh")] == [("c-1", ())]


def test_missing_fresh_corpus_says_what_to_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pii_corpus, "DATA", tmp_path)
    with pytest.raises(MissingCorpus, match=r"pii_personal_fresh\.jsonl and pii_clean_fresh"):
        load("personal", "fresh")
