"""Public model names to deployments, and the choice among them."""

__all__: list[str] = []
