"""Request classification: fast rules by default, an optional local LLM, or an explicit class.

The rules look at size, code, keywords and explicit hints. The LLM classifier asks a local model
for one label of the strict set (temperature 0, short timeout) and falls back to the rules when it
is slow, down or answers anything else.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from routing_mcp.policy import TASK_CLASSES

CHARS_PER_TOKEN = 4


def estimate_tokens(text: str) -> int:
    return max(1, len(text) // CHARS_PER_TOKEN)


@dataclass
class Classification:
    task_class: str
    by: str  # "explicit" | "hint" | "rules" | "llm"
    reasons: list[str] = field(default_factory=list)
    tokens: int = 0


_HINT = re.compile(r"^\s*\[(?:class|task)?:?\s*([a-z_]+)\]", re.IGNORECASE)
_CODE_FENCE = re.compile(r"```")
_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import|function |const |let |var |public |private |"
    r"#include|package |func |fn |SELECT |INSERT |apiVersion:|kind:|\$ |[{}]\s*$|.*;\s*$)",
    re.MULTILINE,
)


def _words(*items: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.IGNORECASE)


# Each rule: (class, pattern, weight). Weights favour the specific classes over the broad ones.
_RULES: list[tuple[str, re.Pattern[str], float]] = [
    (
        "premium_code_review",
        _words(
            r"code review",
            r"review (?:this|my|the|our) (?:code|pr|pull request|diff|patch|function|"
            r"class|module|script|implementation)",
            r"security (?:review|audit)",
            r"audit (?:this|my)",
            r"pull request",
            r"critique (?:this|my)",
            r"look (?:over|at) (?:this|my) code",
            r"any (?:bugs|issues|vulnerabilities) in",
            r"is this code",
            r"vulnerabilit(?:y|ies)",
        ),
        3.0,
    ),
    (
        "architecture_decision",
        _words(
            r"architecture",
            r"architect",
            r"microservices?",
            r"monolith",
            r"system design",
            r"design (?:decision|choice)",
            r"adr",
            r"event sourcing",
            r"cqrs",
            r"message (?:bus|queue)",
            r"(?:which|what) database",
            r"kubernetes or",
            r"k8s (?:vs|or)",
            r"docker compose (?:vs|or)",
            r"should (?:we|i) (?:use|pick|choose|go with|move to|migrate to)",
            r"scalab(?:le|ility)",
            r"high availability",
            r"service mesh",
            r"data model",
            r"sharding",
        ),
        2.5,
    ),
    (
        "deep_reasoning",
        _words(
            r"prove",
            r"proof",
            r"derive",
            r"derivation",
            r"puzzle",
            r"riddle",
            r"paradox",
            r"step[- ]by[- ]step",
            r"think (?:carefully|hard|it through)",
            r"reason (?:through|about)",
            r"logic(?:al)?",
            r"how many ways",
            r"probability",
            r"theorem",
            r"induction",
            r"contradiction",
            r"expected value",
            r"brain ?teaser",
            r"lemma",
            r"invariant",
        ),
        2.2,
    ),
    (
        "multi_step_planning",
        _words(
            r"plan",
            r"roadmap",
            r"step[- ]by[- ]step plan",
            r"steps to",
            r"migration plan",
            r"schedule",
            r"itinerary",
            r"milestones?",
            r"phases?",
            r"break (?:it|this) down",
            r"checklist",
            r"timeline",
            r"sequence of",
            r"project plan",
            r"learning path",
            r"week[- ]by[- ]week",
            r"order (?:should|do) i",
        ),
        2.0,
    ),
    (
        "creative_writing",
        _words(
            r"poem",
            r"haiku",
            r"limerick",
            r"sonnet",
            r"story",
            r"short story",
            r"lyrics",
            r"song",
            r"slogan",
            r"tagline",
            r"fiction(?:al)?",
            r"dialogue",
            r"screenplay",
            r"fairy tale",
            r"toast",
            r"wedding speech",
            r"rap",
            r"verse",
            r"creative",
            r"bedtime story",
            r"jingle",
        ),
        2.2,
    ),
    (
        "data_extraction",
        _words(
            r"extract",
            r"parse",
            r"pull out",
            r"to json",
            r"as json",
            r"into json",
            r"to csv",
            r"as csv",
            r"into a table",
            r"as a table",
            r"structured (?:data|format)",
            r"list all (?:the )?"
            r"(?:dates|names|emails|amounts|prices|items|products|numbers|urls)",
            r"key[- ]value",
            r"fields?",
            r"convert (?:this|the following) (?:to|into)",
        ),
        2.0,
    ),
    (
        "code_completion",
        _words(
            r"function",
            r"regex",
            r"regular expression",
            r"snippet",
            r"script",
            r"one[- ]liner",
            r"implement",
            r"complete (?:this|the) code",
            r"fix (?:this|the|my) (?:bug|code|error)",
            r"python",
            r"javascript",
            r"typescript",
            r"bash",
            r"golang",
            r"rust",
            r"sql query",
            r"dockerfile",
            r"yaml",
            r"compile",
            r"stack ?trace",
            r"traceback",
            r"unit test",
            r"write (?:a|an|the) (?:method|class|program|query|cron|systemd unit)",
        ),
        1.6,
    ),
    (
        "complex_analysis",
        _words(
            r"analy[sz]e",
            r"analysis",
            r"compare",
            r"comparison",
            r"evaluate",
            r"assess(?:ment)?",
            r"pros and cons",
            r"trade-?offs?",
            r"implications",
            r"in[- ]depth",
            r"critically",
            r"root cause",
            r"interpret",
            r"what (?:explains|drives)",
            r"weigh",
            r"versus",
            r"vs\.?",
            r"detailed",
            r"breakdown",
        ),
        1.5,
    ),
    (
        "pii_sensitive",
        _words(
            r"my (?:medical|health|bank|salary|ssn|social security|passport|diagnosis|tax return)",
            r"diagnos(?:is|ed)",
            r"prescription",
            r"home address",
            r"password is",
        ),
        2.5,
    ),
    (
        "simple_qa",
        _words(
            r"what is",
            r"what's",
            r"who (?:is|was|wrote|invented)",
            r"when (?:is|was|did)",
            r"where (?:is|was)",
            r"how many",
            r"how much",
            r"define",
            r"definition of",
            r"capital of",
            r"convert \d",
            r"what does \S+ stand for",
            r"meaning of",
        ),
        1.2,
    ),
]


def classify_rules(
    prompt: str, *, long_document_tokens: int = 8000, explicit: str | None = None
) -> Classification:
    tokens = estimate_tokens(prompt)
    if explicit:
        return Classification(explicit, "explicit", ["task_class given by the caller"], tokens)
    hint = _HINT.match(prompt)
    if hint and hint.group(1).lower() in TASK_CLASSES:
        return Classification(hint.group(1).lower(), "hint", [f"hint [{hint.group(1)}]"], tokens)
    if tokens > long_document_tokens:
        return Classification(
            "long_document", "rules", [f"~{tokens} tokens > {long_document_tokens}"], tokens
        )
    scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    head = prompt[:2000]
    for cls, pattern, weight in _RULES:
        hits = {m.group(0).lower() for m in pattern.finditer(head)}
        if hits:
            scores[cls] = scores.get(cls, 0.0) + weight * (1 + 0.25 * (len(hits) - 1))
            reasons.setdefault(cls, []).extend(sorted(hits)[:3])
    has_code = bool(_CODE_FENCE.search(prompt)) or len(_CODE_LINE.findall(prompt)) >= 2
    if has_code:
        if "premium_code_review" in scores:
            scores["premium_code_review"] += 2.0
        elif "data_extraction" not in scores:
            scores["code_completion"] = scores.get("code_completion", 0.0) + 2.0
        reasons.setdefault("code_completion", []).append("contains code")
    words = len(prompt.split())
    if not scores:
        if words <= 20 and prompt.rstrip().endswith("?"):
            return Classification("simple_qa", "rules", ["short question"], tokens)
        return Classification("general", "rules", ["no specific signal"], tokens)
    if "simple_qa" in scores and words > 30:
        scores["simple_qa"] -= 1.0  # a long "what is" is rarely a quick fact
    best = max(scores, key=lambda c: scores[c])
    if scores[best] <= 0:
        return Classification("general", "rules", ["weak signals"], tokens)
    return Classification(best, "rules", reasons.get(best, []), tokens)


LABEL_PROMPT = (
    "Classify the user request into exactly one label. Labels: {labels}. "
    "Answer with the label only.\n\nRequest:\n{prompt}"
)

Chat = Callable[[str], Awaitable[str]]


async def classify_llm(
    prompt: str, chat: Chat, *, long_document_tokens: int = 8000
) -> Classification:
    """Ask a local model for a label; anything but a valid label falls back to the rules."""
    rules = classify_rules(prompt, long_document_tokens=long_document_tokens)
    if rules.by == "hint" or rules.task_class == "long_document":
        return rules
    question = LABEL_PROMPT.format(labels=", ".join(TASK_CLASSES), prompt=prompt[:4000])
    try:
        answer = (await chat(question)).strip().strip(".`'\"").lower()
    except Exception as err:  # the LLM classifier is optional: any failure means rules
        rules.reasons.append(f"llm classifier unavailable ({type(err).__name__}); used rules")
        return rules
    label = answer.split()[0] if answer else ""
    if label in TASK_CLASSES:
        return Classification(label, "llm", ["local model label"], rules.tokens)
    rules.reasons.append(f"llm answered {answer[:30]!r}; used rules")
    return rules
