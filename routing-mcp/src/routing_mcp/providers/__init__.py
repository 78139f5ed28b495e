"""Model providers: Ollama (local), Gemini, Anthropic, OpenAI-compatible."""
