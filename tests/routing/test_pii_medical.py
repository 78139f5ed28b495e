"""Health facts tied to a person (MEDICAL) through the real scanner: a lexicon term of the six
languages with a person near it is found and redacted; a general health question stays clean.

Examples written for each class (none from the corpora).
"""

from __future__ import annotations

import pytest

from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import strings_of


@pytest.mark.parametrize(
    ("prompt", "fact"),
    [
        ("remind me to refill my wife's insulin on Friday", "insulin"),
        (
            "my daughter was diagnosed with type 2 diabetes last spring",
            "diagnosed with type 2 diabetes",
        ),
        ("He is on warfarin, can he drink grapefruit juice?", "warfarin"),
        ("Draft a note: Kofi Mensah cannot attend, he has shingles", "shingles"),
        (
            "she's allergic to shellfish and sesame, plan the menu",
            "allergic to shellfish and sesame",
        ),
        ("Write to the school: our son has a nut allergy", "nut allergy"),
        ("mein Sohn hat Asthma, welche Luftreiniger helfen?", "Asthma"),
        ("Meine Mutter nimmt Blutverdünner und hatte einen Schlaganfall", "Blutverdünner"),
        ("ma mère a la maladie d'Alzheimer, quel pilulier connecté ?", "maladie d'Alzheimer"),
        ("mi padre tiene párkinson, ¿qué mando a distancia es fácil?", "párkinson"),
        ("mia sorella è celiaca, cosa cucino?", "celiaca"),
        ("mijn vader heeft de ziekte van Parkinson", "ziekte van Parkinson"),
        ("| name | condition |\n| Ines Duarte | epilepsy |", "epilepsy"),
        ("a 67-year-old with COPD needs a simple thermostat", "COPD"),
    ],
)
def test_health_facts_of_a_person_are_found(scanner: PiiScanner, prompt: str, fact: str) -> None:
    assert fact in strings_of(scanner, prompt, "MEDICAL"), scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "What are the early signs of dementia?",
        "Explain how insulin works in the body",
        "Write a blog post about living with type 2 diabetes",
        "Erkläre mir Asthma für einen Schulvortrag",
        "Quels sont les symptômes du diabète ?",
        "¿Qué es la esclerosis múltiple?",
        "Cos'è la celiachia e chi ha il rischio più alto?",
        "Wat zijn de symptomen van migraine?",
        "Summarise the 2023 guidelines on hypertension treatment",
        "Set the stroke width of my SVG icons to 2px",
    ],
)
def test_general_health_questions_stay_clean(scanner: PiiScanner, prompt: str) -> None:
    assert strings_of(scanner, prompt, "MEDICAL") == []


def test_a_health_fact_is_spanned_but_keeps_the_prompt_local(scanner: PiiScanner) -> None:
    """Redacted in full where a redaction is asked for (``scan_pii``), but read from words:
    redact mode keeps the request local instead of sending the text around the span."""
    prompt = "my husband has Crohn's disease, suggest dinner ideas"
    found = scanner.scan(prompt)
    assert scanner.keeps_local(found)
    assert "Crohn" not in scanner.redact(prompt, found)
