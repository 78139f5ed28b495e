"""An operator-provided spaCy pipeline (ROUTING_PII_NER_MODEL): loaded from a local directory,
its PERSON entities join the name rules. The pipeline here is one the test builds (a blank
English pipeline with an entity ruler), since no trained model can be downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from homelab_shared.errors import ConfigError
from homelab_shared.settings import load_settings
from routing_mcp import settings as routing_settings
from routing_mcp.pii import PiiScanner
from routing_mcp.pii_rules import ModelNameRecognizer
from routing_mcp.settings import RoutingSettings

# In lower case and in no name list: the rules cannot tell it from words (capitalised, two unknown
# words after "to" already read as a possible name).
UNKNOWN_NAME = "Write a reminder to zxqvor blampton about the invoice"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "PERSON", "pattern": [{"LOWER": "zxqvor"}, {"LOWER": "blampton"}]}]
    )
    path = tmp_path_factory.mktemp("ner")
    nlp.to_disk(path)
    return path


def test_model_names_join_the_rules(pipeline: Path, scanner: PiiScanner) -> None:
    assert [f for f in scanner.scan(UNKNOWN_NAME) if f.entity == "PERSON"] == []
    # (the rules and the pipeline alone: the whole-text model may veto a name of either kind in
    # a text it reads as clean, tested in test_pii_context.py; with the models trained on
    # blind50-53 it reads this reminder so)
    with_model = PiiScanner(0.4, ("US",), ner_model=pipeline, context="off")
    [found] = [f for f in with_model.scan(UNKNOWN_NAME) if f.entity == "PERSON"]
    assert UNKNOWN_NAME[found.start : found.end] == "zxqvor blampton"
    assert with_model.redact(UNKNOWN_NAME) == "Write a reminder to <PERSON> about the invoice"


def test_a_directory_that_is_no_pipeline_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ROUTING_PII_NER_MODEL"):
        PiiScanner(0.4, ("US",), ner_model=tmp_path)


def test_a_missing_model_path_fails_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROUTING_PII_NER_MODEL", str(tmp_path / "absent"))
    with pytest.raises(ConfigError, match="ROUTING_PII_NER_MODEL"):
        load_settings(RoutingSettings)


def test_a_model_without_spacy_installed_fails_at_start(
    pipeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy is the `ner` extra (not in the images): a model configured without it is refused
    when the settings load, naming the variable and the extra."""
    monkeypatch.setenv("ROUTING_PII_NER_MODEL", str(pipeline))
    assert load_settings(RoutingSettings).pii_ner_model == pipeline  # spaCy here: accepted
    monkeypatch.setattr(routing_settings, "spacy_installed", lambda: False)
    with pytest.raises(ConfigError, match=r"ROUTING_PII_NER_MODEL.*homelab-suite-routing\[ner\]"):
        load_settings(RoutingSettings)


def test_only_the_entity_components_run(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # a component the names do not need: not run per prompt
    nlp.add_pipe("entity_ruler").add_patterns(  # type: ignore[attr-defined]
        [{"label": "PER", "pattern": "Zxqvor"}]
    )
    nlp.to_disk(tmp_path)
    recognizer = ModelNameRecognizer(tmp_path)
    assert recognizer.nlp.component_names == ["entity_ruler"]
    [found] = recognizer.analyze("Ask Zxqvor about it")
    assert (found.entity_type, found.start, found.end) == ("PERSON", 4, 10)


def test_a_pipeline_without_a_known_entity_component_runs_whole(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path)
    assert ModelNameRecognizer(tmp_path).nlp.component_names == ["sentencizer"]


def test_pieces_cover_the_text_at_line_breaks() -> None:
    text = "".join(f"line {i} with some words\n" for i in range(2000)) + "x" * 25_000
    pieces = ModelNameRecognizer.pieces(text)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= ModelNameRecognizer.PIECE for _, piece in pieces)
    assert pieces[0][1].endswith("\n")


def test_a_prompt_longer_than_spacys_max_length(pipeline: Path) -> None:
    """spaCy refuses a text over ``nlp.max_length`` (1,000,000); prompts may have 1,200,000."""
    recognizer = ModelNameRecognizer(pipeline)
    filler = "a log line that names nobody at all\n" * 34_000
    text = filler + UNKNOWN_NAME
    assert len(text) > recognizer.nlp.max_length
    [found] = recognizer.analyze(text)
    assert text[found.start : found.end] == "zxqvor blampton"


@pytest.fixture(scope="module")
def famous(tmp_path_factory: pytest.TempPathFactory) -> ModelNameRecognizer:
    """A pipeline that reads "Ada Lovelace" (with the possessive, as trained models often do)
    and "zxqvor blampton" as persons."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": [{"LOWER": "ada"}, {"LOWER": "lovelace"}]},
            {
                "label": "PERSON",
                "pattern": [{"LOWER": "ada"}, {"LOWER": "lovelace"}, {"ORTH": "'s"}],
            },
            {
                "label": "PERSON",
                "pattern": [{"LOWER": "zxqvor"}, {"LOWER": "blampton"}, {"ORTH": "'s"}],
            },
        ]
    )
    path = tmp_path_factory.mktemp("famous")
    nlp.to_disk(path)
    return ModelNameRecognizer(path)


def _persons(recognizer: ModelNameRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text)]


def test_public_figures_are_left_out_as_by_the_rules(famous: ModelNameRecognizer) -> None:
    assert _persons(famous, "Who was Ada Lovelace?") == []
    assert _persons(famous, "Summarise Ada Lovelace's notes on the engine") == []
    assert _persons(famous, "My colleague Ada Lovelace needs a reminder") == ["Ada Lovelace"]


def test_a_possessive_ending_is_no_part_of_the_name(famous: ModelNameRecognizer) -> None:
    assert _persons(famous, "Book zxqvor blampton's dentist") == ["zxqvor blampton"]
