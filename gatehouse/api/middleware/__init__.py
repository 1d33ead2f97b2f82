"""Pure ASGI middleware, one job per file."""

__all__: list[str] = []
