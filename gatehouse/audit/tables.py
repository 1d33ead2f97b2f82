"""Audit tables: the chained entries and the one-row chain head that serializes writers."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, DateTime, Integer, String, Table, Text

from gatehouse.store.tables import metadata

__all__ = ["audit_log", "audit_head", "GENESIS_HASH"]

GENESIS_HASH = "0" * 64

audit_log = Table(
    "audit_log", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("ts", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False, index=True),
    Column("target", String(300), nullable=False, index=True),
    Column("before", JSON),
    Column("after", JSON),
    Column("reason", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# Exactly one row (id=1): the newest entry's seq and hash. Every writer updates it first, which
# takes a row lock on PostgreSQL and the write lock on SQLite, so the chain never forks.
audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)
