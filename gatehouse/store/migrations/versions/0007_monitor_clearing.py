"""monitor: the baseline each alert's clearing teaches, sized to the level the analyst saw, the
current campaign of each linked tenant (to confirm or clear a campaign as one), and the live
monitor's checkpoints

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("monitor_alerts", sa.Column("clear_offset", sa.Float(), nullable=True))
    op.create_table(
        "monitor_campaign_members",
        sa.Column("tenant_id", sa.String(length=40), nullable=False),
        sa.Column("campaign_id", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_monitor_campaign_members")),
    )
    op.create_index(op.f("ix_monitor_campaign_members_campaign"), "monitor_campaign_members", ["campaign_id"])
    op.create_table(
        "monitor_checkpoints",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requests", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_monitor_checkpoints")),
    )


def downgrade() -> None:
    op.drop_table("monitor_checkpoints")
    op.drop_index(op.f("ix_monitor_campaign_members_campaign"), table_name="monitor_campaign_members")
    op.drop_table("monitor_campaign_members")
    with op.batch_alter_table("monitor_alerts") as batch:
        batch.drop_column("clear_offset")
