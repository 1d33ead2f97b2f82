"""The provenance tables: one compact fingerprint per served response, and the inverted
index of its hashes (one posting per hash and response) that a scan looks hashes up in."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, LargeBinary, String, Table

from gatehouse.store.tables import metadata

__all__ = ["provenance_fingerprints", "provenance_postings"]

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

# One row per (hash, response). `hash` is the uint32 shingle hash stored as a signed int32;
# the (hash, fp_id) btree answers a scan's lookups from the index alone. Rows are appended
# in fp_id order, so a BRIN index on fp_id (PostgreSQL; a btree on SQLite) finds a pruned
# range of responses without a btree the size of the table. No primary key: (hash, fp_id)
# is unique by construction and a key would only add a second index.
provenance_postings = Table(
    "provenance_postings", metadata,
    Column("hash", Integer, nullable=False),
    Column("fp_id", BigInteger, nullable=False),
    Index("ix_provenance_postings_hash", "hash", "fp_id"),
    Index("ix_provenance_postings_fp_id", "fp_id", postgresql_using="brin"),
)
