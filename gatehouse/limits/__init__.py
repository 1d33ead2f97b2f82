"""Rate limits, concurrency caps and spend budgets per key and per tenant."""

__all__: list[str] = []
