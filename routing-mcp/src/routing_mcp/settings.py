"""Routing settings. Provider keys use the architecture's names (``GEMINI_API_KEY`` ...); the rest
is ``ROUTING_*``. Nothing is required: with no keys the router runs local-only on Ollama."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, DirectoryPath, Field, SecretStr, field_validator

from homelab_shared.settings import BaseServerSettings, companion, server_config

# What to set to make each provider usable (named in "not configured" and readiness messages).
CONFIG_VARS = {
    "ollama": "OLLAMA_HOST (and `ollama pull` the model)",
    "gemini": "GEMINI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "openai": "OPENAI_BASE_URL (and OPENAI_API_KEY if the endpoint needs one)",
}


# A base URL of its own means that provider is wanted: client-config prints its key to fill in.
GEMINI = companion("gemini")
ANTHROPIC = companion("anthropic")


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class RoutingSettings(BaseServerSettings):
    model_config = server_config("ROUTING_")

    ollama_host: str = Field(
        "http://127.0.0.1:11434",
        validation_alias=_alias("OLLAMA_HOST", "ROUTING_OLLAMA_HOST"),
        description="Ollama base URL",
    )
    gemini_api_key: SecretStr | None = Field(
        None,
        validation_alias=_alias("GEMINI_API_KEY"),
        json_schema_extra=GEMINI,
        description="Google AI Studio API key",
    )
    gemini_base_url: str = Field(
        "https://generativelanguage.googleapis.com",
        validation_alias=_alias("GEMINI_BASE_URL"),
        json_schema_extra=GEMINI,
        description="Gemini API base URL (proxies, regional endpoints)",
    )
    anthropic_api_key: SecretStr | None = Field(
        None,
        validation_alias=_alias("ANTHROPIC_API_KEY"),
        json_schema_extra=ANTHROPIC,
        description="Anthropic API key",
    )
    anthropic_base_url: str = Field(
        "https://api.anthropic.com",
        validation_alias=_alias("ANTHROPIC_BASE_URL"),
        json_schema_extra=ANTHROPIC,
        description="Anthropic API base URL",
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias=_alias("OPENAI_BASE_URL"),
        description="OpenAI-compatible base URL incl. /v1 (LiteLLM proxy, llama.cpp, vLLM)",
    )
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=_alias("OPENAI_API_KEY"), description="Key for OPENAI_BASE_URL"
    )
    redis_url: SecretStr | None = Field(
        None,
        validation_alias=_alias("REDIS_URL", "ROUTING_REDIS_URL"),
        description="Redis for quota state shared by replicas (default: SQLite in the state dir)",
    )
    policy_file: Path | None = Field(None, description="Routing policy YAML (default: built in)")
    db_path: Path | None = Field(
        None, description="SQLite quota file (default: <state>/routing.db)"
    )
    classifier: Literal["rules", "llm"] = Field(
        "rules", description="rules: fast heuristics; llm: ask the local model, rules as fallback"
    )
    classifier_model: str = Field("local-qwen", description="Model of the LLM classifier")
    classifier_timeout: float = Field(3.0, gt=0, le=30, description="LLM classifier timeout, s")
    pii_mode: Literal["local", "redact"] = Field(
        "local",
        description="local: PII never leaves the box; redact: anonymise, then route normally",
    )
    pii_threshold: float = Field(0.4, ge=0, le=1, description="Minimum PII detection score")
    phone_regions: str = Field("US,GB,DE,FR", description="Regions for phone number detection")
    max_prompt_chars: int = Field(
        1_200_000, gt=0, description="Largest request (prompt + system, characters) accepted"
    )
    pii_process_from: int = Field(
        100_000, gt=0, description="Texts from this many characters are scanned in a process"
    )
    pii_workers: int = Field(1, ge=1, le=8, description="Processes scanning large texts")
    pii_scan: Literal["process", "thread"] = Field(
        "process",
        description="process: scans in worker processes (~31 MiB each), the server never "
        "builds the scanner; thread: short texts scanned in the server process",
    )
    pii_worker_idle: float = Field(
        600.0, gt=0, description="Seconds without a scan after which the scan workers end"
    )
    pii_context: Literal["off", "filter", "balanced", "strict"] = Field(
        "balanced",
        description="The shipped whole-text model: filter drops name-like findings in text it "
        "reads as clean; balanced also keeps local what it reads as personal when a word reads "
        "as a name or a health term; strict without that condition; off: rules alone",
    )
    pii_ner_model: DirectoryPath | None = Field(
        None, description="A local spaCy pipeline directory whose PERSON entities add to names"
    )
    alert_webhook: SecretStr | None = Field(None, description="URL that receives quota alerts")
    deadline: float = Field(
        45.0,
        gt=0,
        le=3600,
        description="Overall deadline of one ask (classification, every model tried, fallbacks), s",
    )
    connect_timeout: float = Field(5.0, gt=0, description="Connect timeout of a model call, s")
    read_timeout: float = Field(
        30.0, gt=0, description="Longest wait for a model's answer (one attempt); then the next, s"
    )
    timeout_cooldown: float = Field(
        120.0, ge=0, description="How long a model that timed out is skipped, s"
    )
    max_output_tokens: int = Field(2048, gt=0, description="Default output token cap")
    stream_timeout: float = Field(
        600.0,
        gt=0,
        le=3600,
        description="Longest streamed answer (HTTP API), s; its quota reservation lives as long",
    )
    trace_prompts: bool = Field(
        False,
        description="Put prompt and answer text into trace spans (off: kinds and counts only)",
    )

    @field_validator("pii_ner_model")
    @classmethod
    def _spacy_for_the_model(cls, path: Path | None) -> Path | None:
        """A model needs spaCy, which only the ``ner`` extra installs: say so at start, not
        on the first scan (in a worker, where the reason would be lost)."""
        if path is not None and not spacy_installed():
            raise ValueError(
                "a spaCy pipeline needs spaCy, which is not installed: install "
                "homelab-suite-routing[ner] (its `ner` extra), or unset it"
            )
        return path


def spacy_installed() -> bool:
    return importlib.util.find_spec("spacy") is not None
