"""Tenants, vetting, projects and API keys."""

__all__: list[str] = []
