"""An operator-provided spaCy pipeline (ROUTING_PII_NER_MODEL): loaded from a local directory,
its PERSON entities join the name rules. The pipeline here is one the test builds (a blank
English pipeline with an entity ruler), since no trained model can be downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from homelab_shared.errors import ConfigError
from homelab_shared.settings import load_settings
from routing_mcp.pii import PiiScanner
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
    with_model = PiiScanner(0.4, ("US",), ner_model=pipeline)
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
