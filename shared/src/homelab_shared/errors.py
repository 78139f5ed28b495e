"""One error hierarchy by cause, mapped once at the client boundary.

Clients raise these (``raise AuthFailed(...) from err``); tools never see httpx or websocket
exceptions. :func:`to_tool_error` turns them into messages that a model and a person can act on.
"""

from __future__ import annotations

import logging

from fastmcp.exceptions import ToolError, ValidationError


class ConfigError(Exception):
    """The server is not configured well enough to start; the message names the variable.

    ``problems`` holds one line per variable when there are several.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class SafetyRefusal(ToolError):
    """A write the safety model judged destructive (it unlocks, opens, reaches further than its
    targets...), refused before anything was sent; the message names the confirmed path.

    Distinct from a plain ``ToolError`` (a typo, a bad id) so that audits and metrics tell a
    refused attack from a mistake: the audit outcome is ``refused:sensitive``.
    """

    def __init__(self, message: str) -> None:
        # Expected and handled (the caller is told the confirmed path), not a server failure.
        super().__init__(message, log_level=logging.WARNING)


class UpstreamError(ToolError):
    """Base of every upstream failure. ``service`` is the human name ("Home Assistant").

    It is a ``ToolError``, so its message (built to be actionable and free of secrets) reaches
    the client even with ``mask_error_details`` on; every other exception is masked.
    """

    cause = "upstream error"

    def __init__(self, service: str, detail: str = "", *, hint: str = "") -> None:
        self.service = service
        self.detail = detail
        self.hint = hint
        # An upstream failing is an expected condition reported to the caller, not a server bug.
        super().__init__(self.message(), log_level=logging.WARNING)

    def message(self) -> str:
        text = f"{self.service}: {self.cause}"
        if self.detail:
            text += f" ({self.detail})"
        if self.hint:
            text += f". {self.hint[:1].upper()}{self.hint[1:]}"
        return text


class Unreachable(UpstreamError):
    cause = "cannot connect"


class UpstreamTimeout(UpstreamError):
    cause = "timed out"


class AuthFailed(UpstreamError):
    cause = "rejected the credentials"


class Forbidden(UpstreamError):
    cause = "refused the request (forbidden)"


class NotFound(UpstreamError):
    cause = "not found"


class RateLimited(UpstreamError):
    cause = "rate limited"

    def __init__(
        self, service: str, detail: str = "", *, hint: str = "", retry_after: float | None = None
    ) -> None:
        self.retry_after = retry_after
        super().__init__(service, detail, hint=hint)

    def message(self) -> str:
        text = super().message()
        if self.retry_after is not None:
            text += f" Retry after {self.retry_after:g} s."
        return text


class BadRequest(UpstreamError):
    cause = "rejected the request as invalid"


class UpstreamServerError(UpstreamError):
    cause = "failed with a server error"


class BadResponse(UpstreamError):
    cause = "sent a response that could not be understood"


def error_class(err: BaseException) -> str:
    """A short, stable label for metrics and logs: ``auth_failed``, ``timeout``, ``internal``..."""
    labels = {
        Unreachable: "unreachable",
        UpstreamTimeout: "timeout",
        AuthFailed: "auth_failed",
        Forbidden: "forbidden",
        NotFound: "not_found",
        RateLimited: "rate_limited",
        BadRequest: "bad_request",
        UpstreamServerError: "upstream_error",
        BadResponse: "bad_response",
    }
    for cls, label in labels.items():
        if isinstance(err, cls):
            return label
    if isinstance(err, SafetyRefusal):
        return "refused_sensitive"
    if isinstance(err, ToolError):
        return "tool_error"
    if isinstance(err, ValidationError):
        return "invalid_arguments"
    return "internal"


def in_cause_chain(err: BaseException, *types: type[BaseException]) -> bool:
    """Whether ``err`` or anything it was raised from is one of ``types``."""
    seen: BaseException | None = err
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:  # chains can loop back on themselves
        if isinstance(seen, types):
            return True
        visited.add(id(seen))
        seen = seen.__cause__ or seen.__context__
    return False


def was_reset(err: BaseException) -> bool:
    """Whether a reset or abort (not a refusal) is anywhere in the cause chain of ``err``.

    A reset can go differently on the next try (a restarting proxy, a full backlog); a refused
    connection or an unknown host will not, so retry policies ask this before retrying.
    """
    return in_cause_chain(err, ConnectionResetError, ConnectionAbortedError)
