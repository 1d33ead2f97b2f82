"""Wire formats (OpenAI, Anthropic), kept apart from domain logic."""

__all__: list[str] = []
