"""What the operator set: which of a settings class's variables are present, and likely typos.

``doctor``, ``serve`` and ``client-config`` use this to tell "nothing of this server was set"
(not configured) from "some of it was set but it does not load" (an error to fix), and to answer
``HA_ULR`` with "did you mean HA_URL". Everything is derived from the settings classes, so a new
server gets it without code of its own. A class that reads variables through a source of its own
(arr-suite's ``SONARR_URL``, ``RADARR_4K_API_KEY``...) names them with a classmethod
``known_variables(names) -> Iterable[str]``: given the names that are set, every variable it
reads, those of instances named in ``names`` included (``RADARR_4K_URL`` makes
``RADARR_4K_API_KEY`` known, so ``RADARR_4K_API_KYE`` gets its hint).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from dotenv import dotenv_values
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

from homelab_shared.settings import env_names, is_secret

# SequenceMatcher ratio above which an unknown name counts as a misspelling of a known one:
# HA_ULR/HA_URL is 0.83, while unrelated neighbours (REDIS_HOST/REDIS_URL) stay below 0.7.
TYPO_CUTOFF = 0.8
# Another tool's variable of the same shape (AWS_CA_BUNDLE vs HA_CA_BUNDLE) is no typo: the
# prefixes must look alike too (OLAMA/OLLAMA 0.91; AWS/HA 0.4).
PREFIX_CUTOFF = 0.75


OWN_SOURCE = "(own source)"  # the "field" of a variable that a class's own source reads


def variables(cls: type[BaseSettings], names: Iterable[str] = ()) -> dict[str, str]:
    """Every variable that sets a field of ``cls`` (``*_FILE`` twins of secrets too) -> field,
    plus the usual names a class reads through a source of its own (its ``registry_inputs``)
    and those its ``known_variables(names)`` hook names, given the ``names`` that are set."""
    found: dict[str, str] = {}
    for name, field in cls.model_fields.items():
        for var in env_names(cls, name):
            found[var] = name
            if is_secret(field.annotation):
                found[f"{var}_FILE"] = name
    for entry in registry_inputs(cls):
        found[entry["name"]] = entry["name"]
        if entry.get("isSecret"):
            found[f"{entry['name']}_FILE"] = entry["name"]
    own = getattr(cls, "known_variables", None)
    if callable(own):
        own_vars = cast("Iterable[str]", own(list(names)))
        found.update({var: OWN_SOURCE for var in own_vars if var not in found})
    return found


def registry_inputs(cls: type[BaseSettings]) -> list[dict[str, Any]]:
    """The variables a class reads outside its fields, as it offers them (arr-suite's
    ``SONARR_URL``...): ``[{"name", "description", "isSecret", ...}]``; none for most classes."""
    hook = getattr(cls, "registry_inputs", None)
    return cast("list[dict[str, Any]]", hook()) if callable(hook) else []


def dynamic_variables(cls: type[BaseSettings], values: Mapping[str, str]) -> dict[str, bool]:
    """Variables ``cls`` reads through a source of its own whose names the operator chooses
    (arr-suite's ``RADARR_4K_URL``), for the instances ``values`` touch -> holds a secret."""
    hook = getattr(cls, "dynamic_variables", None)
    return cast("dict[str, bool]", hook(values)) if callable(hook) else {}


def present(cls: type[BaseSettings], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Non-empty variables visible to ``cls``: the environment, then its ``.env`` file(s)."""
    values = {k.upper(): v for k, v in dotenv(cls).items() if v}
    env = os.environ if environ is None else environ
    values.update({k.upper(): v for k, v in env.items() if v})
    return values


def dotenv(cls: type[BaseSettings]) -> dict[str, str]:
    files = cls.model_config.get("env_file")
    if files is None:
        return {}
    names = [files] if isinstance(files, str | Path) else list(files)
    values: dict[str, str] = {}
    for name in names:
        if Path(name).is_file():
            values.update({k: v for k, v in dotenv_values(name).items() if v is not None})
    return values


def set_variables(cls: type[BaseSettings], environ: Mapping[str, str] | None = None) -> list[str]:
    """The variables of ``cls`` that the operator set (sorted)."""
    values = present(cls, environ)
    known = variables(cls, values) | dynamic_variables(cls, values)
    return sorted(var for var in values if var in known)


def typos(
    classes: Iterable[type[BaseSettings]], environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Set variables that no class knows but that look like one it does: ``{HA_ULR: HA_URL}``."""
    classes = list(classes)
    known: set[str] = set()
    seen: dict[str, str] = {}
    for cls in classes:
        values = present(cls, environ)
        known.update(variables(cls, values))
        known.update(dynamic_variables(cls, values))
        seen.update(values)
    hints: dict[str, str] = {}
    for var in sorted(seen):
        if var in known:
            continue
        close = difflib.get_close_matches(var, known, n=3, cutoff=TYPO_CUTOFF)
        close = [k for k in close if _ratio(_prefix(var), _prefix(k)) >= PREFIX_CUTOFF]
        if close:
            hints[var] = close[0]
    return hints


def _prefix(name: str) -> str:
    return name.split("_", 1)[0]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def typo_problems(cls: type[BaseSettings], hints: Mapping[str, str]) -> list[str]:
    """One line per misspelt variable of ``cls``: ``HA_ULR is set: did you mean HA_URL?``."""
    known = variables(cls, hints.values())
    return [f"{bad} is set: did you mean {good}?" for bad, good in hints.items() if good in known]


def _extra(field: FieldInfo, key: str) -> object:
    extra = field.json_schema_extra
    return extra.get(key) if isinstance(extra, dict) else None


def offered_fields(
    cls: type[BaseSettings], values: Mapping[str, str], everything: bool
) -> set[str]:
    """The fields whose variables ``client-config`` prints even though they are not set in
    ``values``: the rest of every group (``settings.companion``) of which something is set (the
    fields without a default) and,
    with ``everything``, the required fields and the offered ones, except the offered fields of
    the other groups once some group is started (an either/or is decided by what was set)."""
    fields = cls.model_fields
    started = {
        _extra(field, "group")
        for name, field in fields.items()
        if _extra(field, "group") is not None and _is_set(cls, name, values)
    }
    found: set[str] = set()
    for name, field in fields.items():
        group = _extra(field, "group")
        completes = group is not None and group in started and _needs_value(field)
        offered = field.is_required() or _extra(field, "client_config") is True
        if completes or (everything and offered and (group is None or not started)):
            found.add(name)
    return found


def _needs_value(field: FieldInfo) -> bool:
    """No usable default (a base URL with one is not printed: a placeholder left in fails)."""
    return field.is_required() or (field.default is None and field.default_factory is None)


def _is_set(cls: type[BaseSettings], name: str, values: Mapping[str, str]) -> bool:
    secret = is_secret(cls.model_fields[name].annotation)
    return any(v in values or (secret and f"{v}_FILE" in values) for v in env_names(cls, name))
