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

from routing_mcp.policy import TASK_CLASSES

CHARS_PER_TOKEN = 4
TOKENS_PER_WORD = 1.3


def estimate_tokens(text: str) -> int:
    """Tokens, roughly: the larger of 4 characters a token and 1.3 tokens a word (short words,
    numbers and code run above 4 characters a token)."""
    return max(1, len(text) // CHARS_PER_TOKEN, round(len(text.split()) * TOKENS_PER_WORD))


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


def _words(*items: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(items) + r")\b")


# Each rule: class, weight, keywords (regex alternatives, "|"-separated). Weights favour the
# specific classes over the broad ones.
_RULE_TABLE: list[tuple[str, float, str]] = [
    (
        "premium_code_review",
        3.0,
        (
            r"code review|"
            r"review (?:this|my|the|our) "
            r"(?:code|pr|pull request|diff|patch|function|class|module|script|implementation)|"
            r"security (?:review|audit)|audit (?:this|my)|pull request|critique (?:this|my)|"
            r"look (?:over|at) (?:this|my) code|any (?:bugs|issues|vulnerabilities) in|"
            r"is this code|vulnerabilit(?:y|ies)|pr review|review(?:ing)?|soundness|be picky|"
            r"flag (?:security|risks)"
        ),
    ),
    (
        "architecture_decision",
        2.5,
        (
            r"architecture|architect|microservices?|monolith|system design|"
            r"design (?:decision|choice)|adr|event sourcing|cqrs|message (?:bus|queue)|"
            r"(?:which|what) database|kubernetes or|k8s (?:vs|or)|docker compose (?:vs|or)|"
            r"should (?:we|i) (?:use|pick|choose|go with|move to|migrate to)|scalab(?:le|ility)|"
            r"high availability|service mesh|data model|sharding|multi-tenant|"
            r"(?:shared|separate) (?:database|schema)s?|would you (?:build|run|use|pick|go with)"
        ),
    ),
    (
        "deep_reasoning",
        2.2,
        (
            r"prove|proof|derive|derivation|puzzle|riddle|paradox|step[- ]by[- ]step|"
            r"think (?:carefully|hard|it through)|reason (?:through|about)|logic(?:al)?|"
            r"how many ways|probability|theorem|induction|contradiction|expected value|"
            r"brain ?teaser|lemma|invariant|show the reasoning|knights?|knaves?|"
            r"find all (?:pairs|integers|solutions)"
        ),
    ),
    (
        "multi_step_planning",
        2.0,
        (
            r"plan|roadmap|step[- ]by[- ]step plan|steps to|migration plan|schedule|itinerary|"
            r"milestones?|phases?|break (?:it|this) down|checklist|timeline|sequence of|"
            r"project plan|learning path|week[- ]by[- ]week|order (?:should|do) i|"
            r"order of (?:work|steps|operations)|sequence the steps|lay out|"
            r"step[- ]by[- ]step (?:guide|runbook)|runbook"
        ),
    ),
    (
        "creative_writing",
        2.2,
        (
            r"poem|haiku|limerick|sonnet|story|short story|lyrics|song|slogan|tagline|"
            r"fiction(?:al)?|dialogue|screenplay|fairy tale|toast|wedding speech|rap|verse|"
            r"creative|bedtime story|jingle|backstory|npc|campaign|character"
        ),
    ),
    (
        "data_extraction",
        2.0,
        (
            r"extract|parse|pull out|to json|as json|into json|to csv|as csv|into a table|"
            r"as a table|structured (?:data|format)|"
            r"list all (?:the )?(?:dates|names|emails|amounts|prices|items|products|numbers|urls)|"
            r"key[- ]value|fields?|convert (?:this|the following) (?:to|into)|markdown table|"
            r"table (?:with|of)|turn (?:this|it|the \w+ output) into|as a list of|"
            r"pull (?:the \w+ )?out|csv of"
        ),
    ),
    (
        "code_completion",
        1.6,
        (
            r"function|regex|regular expression|snippet|script|one[- ]liner|implement|"
            r"complete (?:this|the) code|fix (?:this|the|my) (?:bug|code|error)|python|javascript|"
            r"typescript|bash|golang|rust|sql query|dockerfile|yaml|compile|stack ?trace|"
            r"traceback|unit test|"
            r"write (?:a|an|the) (?:method|class|program|query|cron|systemd unit)|nginx|caddyfile|"
            r"server block|prometheus|alerting rule|postgres query|powershell|crontab|terraform|"
            r"ansible|docker-compose\.ya?ml|jq|awk|systemd|(?:sql|promql|ldap) query"
        ),
    ),
    (
        "complex_analysis",
        1.5,
        (
            r"analy[sz]e|analysis|compare|comparison|evaluate|assess(?:ment)?|pros and cons|"
            r"trade-?offs?|implications|in[- ]depth|critically|root cause|interpret|"
            r"what (?:explains|drives)|weigh|versus|vs\.?|detailed|breakdown|survey|a/b test|"
            r"significan(?:t|ce)|results"
        ),
    ),
    (
        "pii_sensitive",
        2.5,
        (
            r"my (?:medical|health|bank|salary|ssn|social security|passport|diagnosis|tax return)|"
            r"diagnos(?:is|ed)|prescription|home address|password is"
        ),
    ),
    (
        "general",
        1.3,
        (
            r"what can i|some good|recommend(?:ation)?s?|do i (?:actually |really )?need|any tips|"
            r"advice|ideas? for|help me (?:write|decide|choose)"
        ),
    ),
    (
        "simple_qa",
        1.2,
        (
            r"what is|what's|who (?:is|was|wrote|invented)|when (?:is|was|did)|where (?:is|was)|"
            r"how many|how much|define|definition of|capital of|convert \d|"
            r"what does \S+ stand for|meaning of"
        ),
    ),
]

# Matched against the lower-cased prompt: about three times faster than re.IGNORECASE.
_RULES = [(cls, re.compile(rf"\b(?:{words})\b"), w) for cls, w, words in _RULE_TABLE]


_TECH = _words(
    r"kubernetes",
    r"k3s",
    r"k8s",
    r"docker(?: compose)?",
    r"proxmox",
    r"lxcs?",
    r"vms?",
    r"bare[- ]metal",
    r"postgres(?:ql)?",
    r"sqlite",
    r"mysql",
    r"mariadb",
    r"redis",
    r"kafka",
    r"rabbitmq",
    r"nats",
    r"wireguard",
    r"tailscale",
    r"cloudflare tunnel",
    r"truenas",
    r"unraid",
    r"zfs",
    r"ceph",
    r"nomad",
    r"serverless",
    r"grpc",
    r"graphql",
    r"rest api",
)
_CHOICE = re.compile(r"\b(?:or|vs\.?|versus)\b")


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
