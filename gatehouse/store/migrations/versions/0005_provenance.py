"""provenance tables: response fingerprints and their inverted index (postings)

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provenance_fingerprints",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("tenant_id", sa.String(40), nullable=False),
        sa.Column("key_id", sa.String(40)),
        sa.Column("model", sa.String(200)),
        sa.Column("served_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_hashes", sa.Integer(), nullable=False),
        sa.Column("hashes", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_provenance_fingerprints"),
    )
    op.create_index("ix_provenance_fingerprints_served_at", "provenance_fingerprints", ["served_at"])
    op.create_index("ix_provenance_fingerprints_tenant_id", "provenance_fingerprints", ["tenant_id"])
    op.create_table(
        "provenance_postings",
        sa.Column("hash", sa.Integer(), nullable=False),
        sa.Column("fp_id", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_provenance_postings_hash", "provenance_postings", ["hash", "fp_id"])
    op.create_index("ix_provenance_postings_fp_id", "provenance_postings", ["fp_id"], postgresql_using="brin")


def downgrade() -> None:
    op.drop_index("ix_provenance_postings_fp_id", table_name="provenance_postings")
    op.drop_index("ix_provenance_postings_hash", table_name="provenance_postings")
    op.drop_table("provenance_postings")
    op.drop_index("ix_provenance_fingerprints_tenant_id", table_name="provenance_fingerprints")
    op.drop_index("ix_provenance_fingerprints_served_at", table_name="provenance_fingerprints")
    op.drop_table("provenance_fingerprints")
