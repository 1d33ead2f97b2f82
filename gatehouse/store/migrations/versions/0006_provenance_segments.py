"""provenance: the inverted index as segments of packed posting blocks, replacing the
row-per-posting table (its postings are rebuilt from the fingerprints by compaction)

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_provenance_postings_fp_id", table_name="provenance_postings")
    op.drop_index("ix_provenance_postings_hash", table_name="provenance_postings")
    op.drop_table("provenance_postings")
    op.create_table(
        "provenance_segments",
        sa.Column("lo", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hi", sa.BigInteger(), nullable=False),
        sa.Column("bits", sa.Integer(), nullable=False),
        sa.Column("responses", sa.Integer(), nullable=False),
        sa.Column("postings", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("lo", name="pk_provenance_segments"),
    )
    op.create_table(
        "provenance_blocks",
        sa.Column("seg", sa.BigInteger(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seg", "bucket", name="pk_provenance_blocks"),
    )
    if op.get_context().dialect.name == "postgresql":
        # Packed hashes do not compress: keep PostgreSQL from trying.
        op.execute("ALTER TABLE provenance_blocks ALTER COLUMN data SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("provenance_blocks")
    op.drop_table("provenance_segments")
    op.create_table(
        "provenance_postings",
        sa.Column("hash", sa.Integer(), nullable=False),
        sa.Column("fp_id", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_provenance_postings_hash", "provenance_postings", ["hash", "fp_id"])
    op.create_index("ix_provenance_postings_fp_id", "provenance_postings", ["fp_id"], postgresql_using="brin")
