"""What both front doors ask (a ``ChatRequest``) and the PII gate every request passes first.

Every text that would leave the box is scanned: the system text and every turn of the
conversation (an earlier assistant turn can quote an e-mail address as well as the user can).
One finding anywhere keeps the whole request on local models (or, in redact mode, has it
redacted, unless a kind read from words, such as a name, cannot be redacted with confidence).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from fastmcp.exceptions import ToolError

from routing_mcp.classify import Classification, estimate_tokens
from routing_mcp.models import PiiField
from routing_mcp.providers.base import Params, Turn

if TYPE_CHECKING:
    from routing_mcp.router import Router

AUTO_MODEL = "homelab-auto"  # the virtual model that routes; any other name is a policy model


@dataclass(frozen=True)
class ChatRequest:
    """A conversation to answer. ``fields`` name each turn in PII reports (``prompt`` for an
    MCP ``ask``, ``messages[3]`` for the HTTP API); ``model`` is an explicit choice."""

    turns: tuple[Turn, ...]
    fields: tuple[str, ...]
    system: str | None = None
    task_class: str | None = None
    model: str | None = None
    params: Params = field(default_factory=lambda: Params(1024, 0.2))
    door: str = "mcp.ask"

    @classmethod
    def prompt(
        cls,
        prompt: str,
        task_class: str | None = None,
        system: str | None = None,
        params: Params | None = None,
        door: str = "mcp.ask",
    ) -> ChatRequest:
        return cls(
            (Turn("user", prompt),),
            ("prompt",),
            system,
            task_class,
            params=params or Params(1024, 0.2),
            door=door,
        )

    def last_user(self) -> int:
        return max(i for i, t in enumerate(self.turns) if t.role == "user")


@dataclass
class Gate:
    """What the PII gate and classifier decided for one request."""

    classification: Classification
    pii_types: list[str]
    text: str  # the request's last user turn as sent (redacted in redact mode)
    local_only: bool
    candidates: list[str] = field(default_factory=list)
    system: str | None = None  # the system instruction to send (redacted in redact mode)
    pii_fields: dict[str, list[str]] = field(default_factory=dict)  # field -> kinds found
    turns: list[Turn] = field(default_factory=list)  # the conversation as sent

    def fields_found(self) -> list[PiiField]:
        return [PiiField(field=name, types=kinds) for name, kinds in self.pii_fields.items()]

    def with_last_user(self, text: str) -> list[Turn]:
        """The turns with the last user turn replaced (a local pre-analysis appended)."""
        index = max(i for i, t in enumerate(self.turns) if t.role == "user")
        turns = list(self.turns)
        turns[index] = replace(turns[index], text=text)
        return turns


class Refused(ToolError):
    """The request was not sent anywhere (an expected outcome: logged as a warning)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level=logging.WARNING)


class BadRequest(Refused):
    """The request itself is wrong (empty, too large, an unknown model): fix it, not retry."""


async def run_gate(router: Router, request: ChatRequest) -> Gate:
    from routing_mcp.router import REFUSALS

    last = request.last_user() if any(t.role == "user" for t in request.turns) else -1
    if last < 0 or not request.turns[last].text.strip():
        REFUSALS.labels("empty").inc()
        raise BadRequest(
            "The prompt is empty or only whitespace: give the request text. It was not sent "
            "to any model and nothing was billed."
        )
    if request.model is not None and request.model not in router.policy.models:
        known = ", ".join([AUTO_MODEL, *router.policy.models])
        raise BadRequest(f"unknown model {request.model!r}; known: {known}")
    texts = {name: t.text for name, t in zip(request.fields, request.turns, strict=True)}
    if request.system and request.system.strip():
        texts = {"system": request.system, **texts}
    scans = await router.scan_fields({k: v for k, v in texts.items() if v})
    found = {name: scan.types for name, scan in scans.items() if scan.findings}
    types = sorted({kind for kinds in found.values() for kind in kinds})
    unsure = [name for name, scan in scans.items() if scan.unsure]
    where = "; ".join(f"{name}: {', '.join(kinds)}" for name, kinds in found.items())
    size = sum(estimate_tokens(t) for t in texts.values())
    prompt = request.turns[last].text
    if found and (router.pii_mode == "local" or unsure):
        reasons = [f"PII found ({where})"]
        if router.pii_mode == "redact":
            reasons.append(
                f"personal data read from words (a name, address, health detail, birth date "
                f"or id) in the {' and '.join(unsure)} cannot be redacted with confidence, "
                "so the request stays local"
            )
        classification = Classification("pii_sensitive", "pii", reasons, estimate_tokens(prompt))
        candidates = _chosen(router, request, router.candidates("pii_sensitive", 0), True)
        sent_system = texts.get("system")
        turns = list(request.turns)
        return Gate(
            classification, types, prompt, True, candidates, sent_system, found, turns
        )  # fmt: skip

    def sent(name: str, original: str) -> str:
        scan = scans.get(name)
        return (scan.redacted if scan else None) or original

    turns = [
        replace(t, text=sent(n, t.text)) for n, t in zip(request.fields, request.turns, strict=True)
    ]
    sent_system = sent("system", texts["system"]) if "system" in texts else None
    text = turns[last].text
    classification = await router.classify(text, request.task_class)
    if found:
        classification.reasons.append(f"PII redacted before routing ({where})")
    local_only = classification.task_class == "pii_sensitive"
    # The whole conversation must fit the model's context, not only the last turn.
    tokens = max(classification.tokens, size)
    route = router.candidates(classification.task_class, 0 if local_only else tokens)
    candidates = _chosen(router, request, route, local_only)
    return Gate(classification, types, text, local_only, candidates, sent_system, found, turns)


def _chosen(router: Router, request: ChatRequest, route: list[str], local_only: bool) -> list[str]:
    """An explicit model replaces the route, unless the gate keeps the request local and that
    model is not local (then the local route answers, and says which model did)."""
    if request.model is None:
        return route
    if local_only and not router.policy.models[request.model].local:
        return route
    return [request.model]
