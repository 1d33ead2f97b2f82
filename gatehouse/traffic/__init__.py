"""Traffic traces: the request log in the shared JSON Lines format."""

__all__: list[str] = []
