"""The admin REST API under /admin/v1 (admin keys with roles)."""

__all__: list[str] = []
