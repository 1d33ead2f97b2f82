"""The tamper-evident audit trail: an append-only, hash-chained log of governance actions."""

__all__: list[str] = []
