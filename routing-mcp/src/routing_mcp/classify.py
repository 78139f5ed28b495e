"""Request classification: fast rules by default, an optional local LLM, or an explicit class.

The rules look at size, code and keywords. The LLM classifier asks a local model for one label of
the strict set (temperature 0, short timeout) and falls back to the rules when it is slow, down or
answers anything else.

Only the caller chooses a class (the ``task_class`` argument). Text inside the prompt never does:
a tag such as ``[class: architecture_decision]`` is just words, because a pasted document can carry
one and would otherwise pick any route, the most expensive included.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from routing_mcp.keywords import RULE_TABLE, TECH_TERMS
from routing_mcp.policy import TASK_CLASSES

CHARS_PER_TOKEN = 4
TOKENS_PER_WORD = 1.3


SPLIT_WORDS_UP_TO = 100_000  # characters; longer texts count their word breaks instead


def _word_count(text: str) -> int:
    """Words, by ``split`` for ordinary prompts. A pasted megabyte is counted by its blanks
    instead: ``split`` builds a string per word (tens of milliseconds on the event loop, a stall
    for every other client), counting runs in C without allocating."""
    if len(text) <= SPLIT_WORDS_UP_TO:
        return len(text.split())
    return text.count(" ") + text.count("\n") + text.count("\t") + 1


def estimate_tokens(text: str) -> int:
    """Tokens, roughly: the larger of 4 characters a token and 1.3 tokens a word (short words,
    numbers and code run above 4 characters a token)."""
    return max(1, len(text) // CHARS_PER_TOKEN, round(_word_count(text) * TOKENS_PER_WORD))


@dataclass
class Classification:
    task_class: str
    by: str  # "explicit" | "rules" | "llm"
    reasons: list[str] = field(default_factory=list)
    tokens: int = 0


_CODE_FENCE = re.compile(r"```")
_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import|function |const |let |var |public |private |"
    r"#include|package |func |fn |SELECT |INSERT |apiVersion:|kind:|\$ |[{}]\s*$|.*;\s*$)",
    re.MULTILINE,
)


# Code written inline after a colon ("fix this: for i in range(n): ..."), where no line starts
# with code and there is no fence.
_INLINE_CODE = re.compile(
    r":\s*(?:def |for \w+ in |if .*[=<>]|class |function |const |let |var |select |import |"
    r"\$\w+|<\?php|os\.|[a-z_][\w.]*\s*[+\-*/]?=\s*\S|[a-z_][\w.]*\([^)]*\)\s*(?:$|:|;))",
    re.MULTILINE,
)
# Kinds of personal identifiers: a prompt carrying them is personal whatever else it asks. A
# second line of defence behind the PII scanner (which decides first); kinds, not matches, count.
_PERSONAL = {
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}"),
    "iban": re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}"),
    "ssn": re.compile(r"\b\d{3}-\d{2}-\d{4}\b"),
    "card": re.compile(r"\b(?:\d{4}[ -]){3}\d{1,4}\b|\b\d{4} \d{6} \d{5}\b"),
    "phone": re.compile(r"(?:\+\d{2}|\(\d{3}\)|\b0\d{2,4})[ \d]{7,}\d"),
}


def _words(*items: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(items) + r")\b")


# Matched against the lower-cased prompt: about three times faster than re.IGNORECASE.
_RULES = [(cls, re.compile(rf"\b(?:{words})\b"), w) for cls, w, words in RULE_TABLE]


_TECH = _words(*TECH_TERMS)
_CHOICE = re.compile(r"\b(?:or|vs\.?|versus|oder|ou|o)\b")


def long_document(prompt: str, tokens: int, max_tokens: int, max_chars: int) -> str | None:
    """Why the prompt is a long document, or None. Size in characters as well as tokens: a pasted
    20 KB document is long whatever the token estimate says."""
    if tokens > max_tokens:
        return f"~{tokens} tokens > {max_tokens}"
    if len(prompt) > max_chars:
        return f"{len(prompt)} characters > {max_chars}"
    return None


def classify_rules(
    prompt: str,
    *,
    long_document_tokens: int = 8000,
    long_document_chars: int = 16000,
    explicit: str | None = None,
) -> Classification:
    tokens = estimate_tokens(prompt)
    if explicit:
        return Classification(explicit, "explicit", ["task_class given by the caller"], tokens)
    size = long_document(prompt, tokens, long_document_tokens, long_document_chars)
    if size:
        return Classification("long_document", "rules", [size], tokens)
    scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    head = prompt[:2000].lower()
    for cls, pattern, weight in _RULES:
        hits = {m.group(0).lower() for m in pattern.finditer(head)}
        if hits:
            scores[cls] = scores.get(cls, 0.0) + weight * (1 + 0.25 * (len(hits) - 1))
            reasons.setdefault(cls, []).extend(sorted(hits)[:3])
    tech = {m.group(0).lower() for m in _TECH.finditer(head)}
    if len(tech) >= 2 and _CHOICE.search(head) and "?" in head:
        scores["architecture_decision"] = scores.get("architecture_decision", 0.0) + 2.5
        reasons.setdefault("architecture_decision", []).append(
            "choice between " + ", ".join(sorted(tech)[:3])
        )
    personal = sorted(kind for kind, pattern in _PERSONAL.items() if pattern.search(prompt[:2000]))
    if personal:
        scores["pii_sensitive"] = scores.get("pii_sensitive", 0.0) + 2.0 * (
            1 + 0.5 * (len(personal) - 1)
        )
        reasons.setdefault("pii_sensitive", []).append(
            "personal identifiers: " + ", ".join(personal)
        )
    has_code = (
        bool(_CODE_FENCE.search(prompt))
        or len(_CODE_LINE.findall(prompt)) >= 2
        or bool(_INLINE_CODE.search(head))
    )
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
    prompt: str, chat: Chat, *, long_document_tokens: int = 8000, long_document_chars: int = 16000
) -> Classification:
    """Ask a local model for a label; anything but a valid label falls back to the rules."""
    rules = classify_rules(
        prompt, long_document_tokens=long_document_tokens, long_document_chars=long_document_chars
    )
    if rules.task_class == "long_document":
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
