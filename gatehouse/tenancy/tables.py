"""Governance tables: tenant history (vetting, transitions) and the governance columns that
the feature adds to the core `tenants` and `api_keys` tables (migration 0002).

Importing this module also registers the audit tables, so `all_tables` needs one line.
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Integer, String, Table, Text

from gatehouse.audit.tables import audit_head, audit_log
from gatehouse.store.tables import api_keys, metadata, tenants

__all__ = ["tenant_events", "audit_log", "audit_head", "tenants", "api_keys"]


def _add(table: Table, column: Column[object]) -> None:
    if column.name not in table.c:
        table.append_column(column)


# Governance columns on core tables (nullable; added by 0002 with batch operations).
_add(tenants, Column("limits", JSON))  # per-tenant limits overriding the configured defaults
_add(tenants, Column("terms_clauses", JSON))  # clauses accepted with terms_version
_add(tenants, Column("status_reason", Text))
_add(api_keys, Column("suspended_at", DateTime(timezone=True)))
_add(api_keys, Column("limits", JSON))  # per-key limits

tenant_events = Table(
    "tenant_events", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("tenant_id", String(40), nullable=False),
    Column("ts", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("kind", String(20), nullable=False),  # transition | vetting
    Column("from_status", String(20)),
    Column("to_status", String(20)),
    Column("reason", Text),
    Column("checks", JSON),
    Index("ix_tenant_events_tenant_ts", "tenant_id", "ts"),
)
