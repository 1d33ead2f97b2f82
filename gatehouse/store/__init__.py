"""Storage: SQLAlchemy 2 (async) on SQLite or PostgreSQL, migrated by Alembic."""

__all__: list[str] = []
