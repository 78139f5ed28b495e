"""Model router: the words people use for each tool (see ``homelab_shared.spec.Vocabulary``)."""

from homelab_shared.spec import Vocabulary

VOCABULARY = Vocabulary(
    app="router routing llm ai model models openai anthropic claude gpt ollama chatgpt",
    tools={
        "route": (
            "which model would answer route decide routing decision dry run without calling "
            "handle where go"
        ),
        "ask": (
            "ask llm ai question answer prompt chat generate summarize write translate explain "
            "fragen demander model pregunta"
        ),
        "classify": (
            "classify categorize task class type of request kind coding question general chat "
            "category"
        ),
        "scan_pii": (
            "personal data pii privacy sensitive information detect email phone number credit "
            "card iban redact anonymize gdpr datenschutz info contains private"
        ),
        "quota_status": (
            "quota remaining budget left limit today this week how much can i still spend"
        ),
        "usage_report": (
            "usage report cost spend spent money tokens billing per day per model how much did ai "
            "cost kosten coût openai this week"
        ),
        "list_models": "models available providers health prices llms list",
        "set_limit": "change set limit budget cap quota model raise",
        "reset_window": "reset quota usage counter window clear",
    },
)
