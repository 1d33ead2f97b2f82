"""The request log: every request, written in batches off the response path."""

__all__: list[str] = []
