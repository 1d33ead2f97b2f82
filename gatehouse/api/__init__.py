"""The HTTP surface."""

__all__: list[str] = []
