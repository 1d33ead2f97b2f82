"""The provenance tables: one compact fingerprint per served response, and the inverted
index of their hashes, kept as segments of packed posting blocks (see
`gatehouse.provenance.index`)."""

from __future__ import annotations

from sqlalchemy import (BigInteger, Column, DateTime, Index, Integer, LargeBinary, PrimaryKeyConstraint, String,
                        Table)

from gatehouse.store.tables import metadata

__all__ = ["provenance_fingerprints", "provenance_segments", "provenance_blocks"]

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

# A segment indexes the fingerprints with ids in [lo, hi). Its postings are split by the
# top `bits` bits of the hash into blocks of about a hundred postings each.
provenance_segments = Table(
    "provenance_segments", metadata,
    Column("lo", BigInteger, primary_key=True, autoincrement=False),
    Column("hi", BigInteger, nullable=False),
    Column("bits", Integer, nullable=False),
    Column("responses", Integer, nullable=False),
    Column("postings", BigInteger, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One row per (segment, bucket): `data` is packed little-endian (uint32 hash, uint32 id - lo)
# records sorted by hash, 8 bytes a posting.
provenance_blocks = Table(
    "provenance_blocks", metadata,
    Column("seg", BigInteger, nullable=False),
    Column("bucket", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    PrimaryKeyConstraint("seg", "bucket", name="pk_provenance_blocks"),
)
