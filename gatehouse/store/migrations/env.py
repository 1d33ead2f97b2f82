"""Alembic environment: runs on the connection the Store hands in."""

from __future__ import annotations

from alembic import context

import gatehouse.store.all_tables  # noqa: F401  (registers every feature's tables)
from gatehouse.store.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through gatehouse.store.db.Store.migrate()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
