"""Metering tables: the immutable ledger and its daily rollup.

`ledger_entries` is append-only (the migration installs triggers that refuse UPDATE and
DELETE); a correction is a new entry of kind `correction` that names the entry it corrects.
`ledger_daily` holds per-day sums, upserted in the same transaction as the entries, so that
reports never scan the ledger itself. Its key columns are NOT NULL ('' for "none") so that
the upsert's conflict target works on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Index, Integer, String, Table, Text

from gatehouse.store.tables import metadata

__all__ = ["ledger_entries", "ledger_daily", "ROLLUP_KEYS", "ROLLUP_SUMS"]

ledger_entries = Table(
    "ledger_entries", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),  # usage | correction
    Column("request_id", String(64)),
    Column("corrects", String(64)),
    Column("ts", DateTime(timezone=True), nullable=False),  # request start; posting time for corrections
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("tenant_id", String(40), nullable=False),
    Column("project_id", String(40)),
    Column("key_id", String(40)),
    Column("jurisdiction", String(2), nullable=False),  # the territory
    Column("endpoint", String(64)),
    Column("model", String(200), nullable=False),
    Column("deployment_id", String(300)),
    Column("provider", String(100), nullable=False),
    Column("region", String(100), nullable=False),
    Column("price_tier", String(40)),
    Column("status", Integer, nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("estimated", Boolean, nullable=False),
    Column("input_tokens", BigInteger, nullable=False),
    Column("cached_tokens", BigInteger, nullable=False),
    Column("output_tokens", BigInteger, nullable=False),
    Column("input_price", BigInteger),  # micros per million tokens, as applied
    Column("cached_price", BigInteger),
    Column("output_price", BigInteger),
    Column("price_source", String(16)),  # list | contract | none
    Column("discount_ppm", Integer, nullable=False),
    Column("list_micros", BigInteger, nullable=False),
    Column("amount_micros", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("actor", String(200)),
    Column("reason", Text),
    Index("ix_ledger_entries_tenant_ts", "tenant_id", "ts"),
    Index("ix_ledger_entries_ts", "ts"),
    Index("ix_ledger_entries_request_id", "request_id"),
)

ROLLUP_KEYS = ("day", "tenant_id", "jurisdiction", "model", "provider", "region", "currency")
ROLLUP_SUMS = ("requests", "input_tokens", "cached_tokens", "output_tokens", "list_micros", "amount_micros")

ledger_daily = Table(
    "ledger_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("tenant_id", String(40), primary_key=True),
    Column("jurisdiction", String(2), primary_key=True),
    Column("model", String(200), primary_key=True),
    Column("provider", String(100), primary_key=True),
    Column("region", String(100), primary_key=True),
    Column("currency", String(3), primary_key=True),
    Column("requests", BigInteger, nullable=False),
    Column("input_tokens", BigInteger, nullable=False),
    Column("cached_tokens", BigInteger, nullable=False),
    Column("output_tokens", BigInteger, nullable=False),
    Column("list_micros", BigInteger, nullable=False),
    Column("amount_micros", BigInteger, nullable=False),
)
