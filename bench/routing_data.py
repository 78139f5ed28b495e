"""The labelled routing prompts, with their fixed split (``tune`` or ``held_out``).

- ``routing_examples.yaml``: the first 186 hand-written prompts. The rules were tuned looking at
  them, so all of them count as ``tune``.
- ``routing_examples_more.yaml``: prompts per class and split, plus long pasted documents and
  shorter pastes composed from ``routing_paragraphs.yaml`` by a seeded generator (the same text on
  every run, no files of tens of KB in the repository).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

DATA = Path(__file__).parent / "data"
Split = Literal["tune", "held_out"]
SPLITS: tuple[Split, ...] = ("tune", "held_out")


@dataclass(frozen=True)
class Example:
    task_class: str
    prompt: str
    split: Split


def compose(kb: int, seed: int) -> str:
    """A document of about ``kb`` KB: paragraphs in a seeded order, none twice in a row."""
    paragraphs: list[str] = yaml.safe_load((DATA / "routing_paragraphs.yaml").read_text())[
        "paragraphs"
    ]
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < kb * 1000:
        choice = rng.choice(paragraphs)
        if parts and choice == parts[-1]:
            continue
        parts.append(choice.strip())
        size += len(choice) + 2
    return "\n\n".join(parts)


def _place(instruction: str, document: str, position: str) -> str:
    if position == "before":
        return f"{document}\n\n{instruction}"
    if position == "both":
        return f"{instruction}\n\n{document}\n\n{instruction}"
    return f"{instruction}\n\n{document}"


def _first_set() -> list[Example]:
    raw: list[dict[str, Any]] = yaml.safe_load((DATA / "routing_examples.yaml").read_text())[
        "examples"
    ]
    out = []
    for item in raw:
        prompt = item["prompt"]
        if "body" in item:
            prompt = prompt + "\n\n" + item["body"] * int(item.get("repeat_body", 1))
        out.append(Example(item["class"], prompt, "tune"))
    return out


def _more() -> list[Example]:
    data: dict[str, Any] = yaml.safe_load((DATA / "routing_examples_more.yaml").read_text())
    out = []
    for cls, halves in data["classes"].items():
        for split in SPLITS:
            out += [Example(cls, prompt, split) for prompt in halves[split]]
    for split in SPLITS:
        for doc in data["documents"][split]:
            text = compose(doc["kb"], doc["seed"])
            out.append(
                Example("long_document", _place(doc["instruction"], text, doc["position"]), split)
            )
        for paste in data["pastes"][split]:
            text = _place(paste["instruction"], compose(paste["kb"], paste["seed"]), "after")
            out.append(Example(paste["class"], text, split))
    return out


def load_examples() -> list[Example]:
    return _first_set() + _more()
