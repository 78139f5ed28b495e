"""Swagger 2.0 -> OpenAPI 3.0, enough for openapi-core to validate requests and responses.

ArgoCD publishes a Swagger 2.0 document (grpc-gateway); openapi-core reads OpenAPI 3 only. The
conversion is mechanical: non-body parameters get a ``schema``, the body parameter becomes the
``requestBody``, response schemas get a media type, and ``#/definitions`` moves to
``#/components/schemas``.
"""

from __future__ import annotations

from typing import Any

PARAM_SCHEMA_KEYS = ("type", "items", "format", "enum", "default", "minimum", "maximum", "pattern")


def _refs(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                out[key] = item.replace("#/definitions/", "#/components/schemas/")
            else:
                out[key] = _refs(item)
        return out
    if isinstance(value, list):
        return [_refs(v) for v in value]
    return value


def _parameter(param: dict[str, Any]) -> dict[str, Any]:
    schema = {k: param[k] for k in PARAM_SCHEMA_KEYS if k in param}
    out: dict[str, Any] = {
        "name": param["name"],
        "in": param["in"],
        "required": bool(param.get("required", param["in"] == "path")),
        "schema": schema,
    }
    if param.get("type") == "array":
        # collectionFormat multi: ?projects=a&projects=b; csv: ?projects=a,b
        out["style"] = "form"
        out["explode"] = param.get("collectionFormat", "csv") == "multi"
    return out


def _operation(op: dict[str, Any], consumes: list[str], produces: list[str]) -> dict[str, Any]:
    out = {
        k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes", "produces")
    }
    params = []
    for param in op.get("parameters") or []:
        if param.get("in") == "body":
            media = (op.get("consumes") or consumes or ["application/json"])[0]
            out["requestBody"] = {
                "required": bool(param.get("required")),
                "content": {media: {"schema": param.get("schema", {})}},
            }
        elif param.get("in") != "formData":
            params.append(_parameter(param))
    if params:
        out["parameters"] = params
    responses = {}
    for code, response in (op.get("responses") or {}).items():
        converted: dict[str, Any] = {"description": response.get("description", "")}
        if "schema" in response:
            media = (op.get("produces") or produces or ["application/json"])[0]
            converted["content"] = {media: {"schema": response["schema"]}}
        responses[code] = converted
    out["responses"] = responses
    return out


def to_openapi3(doc: dict[str, Any]) -> dict[str, Any]:
    consumes = doc.get("consumes") or ["application/json"]
    produces = doc.get("produces") or ["application/json"]
    paths: dict[str, Any] = {}
    for path, item in (doc.get("paths") or {}).items():
        paths[path] = {
            method: _operation(op, consumes, produces)
            for method, op in item.items()
            if method in ("get", "put", "post", "delete", "patch", "head", "options")
        }
    return _refs(
        {
            "openapi": "3.0.3",
            "info": doc.get("info") or {"title": "converted", "version": "0"},
            "servers": [{"url": doc.get("basePath") or "/"}],
            "paths": paths,
            "components": {"schemas": doc.get("definitions") or {}},
        }
    )
