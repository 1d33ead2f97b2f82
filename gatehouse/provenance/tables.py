"""The provenance table: one compact fingerprint per served response."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, LargeBinary, String, Table

from gatehouse.store.tables import metadata

__all__ = ["provenance_fingerprints"]

provenance_fingerprints = Table(
    "provenance_fingerprints", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("request_id", String(64), nullable=False),
    Column("tenant_id", String(40), nullable=False),
    Column("key_id", String(40)),
    Column("model", String(200)),
    Column("served_at", DateTime(timezone=True), nullable=False),
    Column("n_hashes", Integer, nullable=False),
    # Packed little-endian uint32 shingle hashes (see gatehouse.provenance.fingerprint).
    Column("hashes", LargeBinary, nullable=False),
    Index("ix_provenance_fingerprints_served_at", "served_at"),
    Index("ix_provenance_fingerprints_tenant_id", "tenant_id"),
)
