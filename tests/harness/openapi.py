"""respx routes checked against an official OpenAPI spec.

Every request the client under test sends is validated against the spec (path, method, parameters,
body), and so is every fixture response the route returns, so a test fails both when our client
builds a request the real upstream would reject and when a fixture drifts from the real shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

import httpx
import respx
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.exceptions import OpenAPIError
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.harness.swagger2 import to_openapi3
from tests.peers import spec_path


@cache
def load_spec(name: str) -> OpenAPI:
    path = spec_path(name)
    text = path.read_text(encoding="utf-8")
    # libyaml's loader parses the 0.7 MB Plex spec in ~0.5 s; the pure-Python one takes ~16 s.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) if path.suffix in (".yaml", ".yml") else json.loads(text)  # noqa: S506
    if str(data.get("swagger", "")).startswith("2"):
        data = to_openapi3(data)  # ArgoCD's spec is Swagger 2.0
    # Upstream specs are not always valid OpenAPI documents (Sonarr's has an unresolved path
    # parameter); check requests and responses against them without judging the document.
    skip = Config(spec_validator_cls=None)  # pyright: ignore[reportArgumentType]  (None = skip)
    return OpenAPI.from_dict(data, config=skip)


class _Request:
    """openapi-core's request protocol over an httpx.Request."""

    def __init__(self, request: httpx.Request, server_root: str) -> None:
        self._request = request
        url = request.url
        path = url.path
        if server_root and path.startswith(server_root):
            path = path[len(server_root) :] or "/"
        self.host_url = f"{url.scheme}://{url.netloc.decode()}{server_root}"
        self.path = path
        self.full_url_pattern = self.host_url + path
        self.method = request.method.lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(url.params.multi_items())),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict(),
        )
        self.content_type = request.headers.get("content-type", "application/json").split(";")[0]
        self.body = request.content or None


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.data = response.content
        self.content_type = response.headers.get("content-type", "application/json").split(";")[0]
        self.headers = Headers(dict(response.headers))


class SpecViolation(AssertionError):
    """A request or fixture response that the upstream's official spec does not allow."""


def _describe(err: Exception) -> str:
    parts = [type(err).__name__]
    cause: BaseException | None = err
    while cause is not None:
        if str(cause):
            parts.append(str(cause))
        cause = cause.__cause__ or cause.__context__
        if len(parts) > 4:
            break
    return ": ".join(parts)


def checked(
    spec: OpenAPI,
    handler: Callable[[httpx.Request], httpx.Response],
    server_root: str = "",
    *,
    check_response: bool = True,
) -> Callable[[httpx.Request], httpx.Response]:
    """Wrap a respx side effect: validate the request, call the handler, validate its response.

    ``check_response=False`` is for streamed bodies (JSON lines) that a schema cannot describe.
    """

    def side_effect(request: httpx.Request) -> httpx.Response:
        wrapped = _Request(request, server_root)
        where = f"{request.method} {request.url.path}"
        try:
            spec.validate_request(wrapped)
        except OpenAPIError as err:
            raise SpecViolation(f"request {where} breaks the spec: {_describe(err)}") from err
        response = handler(request)
        if not check_response:
            return response
        try:
            spec.validate_response(wrapped, _Response(response))
        except OpenAPIError as err:
            raise SpecViolation(
                f"fixture response to {where} breaks the spec: {_describe(err)}"
            ) from err
        return response

    return side_effect


def spec_route(
    router: respx.MockRouter,
    spec: OpenAPI,
    method: str,
    url: str | re.Pattern[str],
    handler: Callable[[httpx.Request], httpx.Response] | httpx.Response,
    *,
    server_root: str = "",
    check_response: bool = True,
) -> respx.Route:
    """Add a route whose requests and responses are validated against ``spec``.

    ``handler`` is a function of the request, or a ready ``httpx.Response``.
    """
    if isinstance(handler, httpx.Response):
        ready = handler
        fn: Callable[[httpx.Request], httpx.Response] = lambda _r: ready  # noqa: E731
    else:
        fn = handler
    return router.request(method, url).mock(
        side_effect=checked(spec, fn, server_root, check_response=check_response)
    )
