"""Walking an automation's or script's actions: every step, nested ones too, with its path.

Home Assistant nests actions in ``choose`` (options with ``sequence`` and a ``default``), ``if``/
``then``/``else``, ``repeat.sequence``, ``parallel`` and ``sequence`` blocks. Every branch is
visited, whichever would run: the checks built on this judge what a config could do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from home_assistant_mcp.targets import TARGET_KEYS, TEMPLATE_MARKERS

Step = Mapping[str, Any]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def actions_of(kind: str, config: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The action list of an automation (``actions``, old ``action``) or script (``sequence``)."""
    if kind == "script":
        return "sequence", as_list(config.get("sequence"))
    key = "actions" if "actions" in config else "action"
    return key, as_list(config.get(key))


def steps(actions: list[Any], path: str) -> Iterator[tuple[str, Step]]:
    """Each step (a mapping) under ``actions``, depth first, with its path."""
    for i, step in enumerate(actions):
        where = f"{path}[{i}]"
        if not isinstance(step, Mapping):
            yield where, {"_invalid": step}
            continue
        yield where, step
        for key in ("sequence", "then", "else", "default", "parallel"):
            if key in step:
                yield from steps(as_list(step[key]), f"{where}.{key}")
        repeat = step.get("repeat")
        if isinstance(repeat, Mapping):
            yield from steps(as_list(repeat.get("sequence")), f"{where}.repeat.sequence")
        for j, option in enumerate(as_list(step.get("choose"))):
            if isinstance(option, Mapping):
                yield from steps(as_list(option.get("sequence")), f"{where}.choose[{j}].sequence")


def service_of(step: Step) -> str | None:
    """The service a step calls (``action``, older ``service`` / ``service_template``), or the
    scene it activates (``scene:`` shorthand) as ``scene.turn_on``."""
    for key in ("action", "service", "service_template"):
        value = step.get(key)
        if isinstance(value, str):
            return value
    if isinstance(step.get("scene"), str):
        return "scene.turn_on"
    return None


def target_of(step: Step) -> dict[str, Any]:
    """The step's target, merged from ``target``, step-level and ``data`` target keys."""
    target: dict[str, Any] = {}
    sources = [step.get("target"), step, step.get("data"), step.get("data_template")]
    for source in sources:
        if isinstance(source, Mapping):
            for key in TARGET_KEYS:
                if key in source and key not in target:
                    target[key] = source[key]
    if isinstance(step.get("scene"), str):
        target.setdefault("entity_id", step["scene"])
    return target


def data_of(step: Step) -> dict[str, Any]:
    data = step.get("data") or step.get("data_template") or {}
    return (
        {k: v for k, v in data.items() if k not in TARGET_KEYS} if isinstance(data, Mapping) else {}
    )


def templated(value: Any) -> bool:
    """Whether a Jinja template appears anywhere in ``value``."""
    if isinstance(value, str):
        return any(marker in value for marker in TEMPLATE_MARKERS)
    if isinstance(value, Mapping):
        return any(templated(k) or templated(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(templated(v) for v in value)
    return False
