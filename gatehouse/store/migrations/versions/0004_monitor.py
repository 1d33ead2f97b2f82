"""monitor tables: alerts, enforcement decisions, tenant baselines

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitor_alerts",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("tenant_id", sa.String(length=40), nullable=False),
        sa.Column("key_id", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("samples", sa.JSON(), nullable=False),
        sa.Column("campaign", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitor_alerts")),
    )
    with op.batch_alter_table("monitor_alerts", schema=None) as batch_op:
        batch_op.create_index("ix_monitor_alerts_status_created", ["status", "created_at"], unique=False)
        batch_op.create_index("ix_monitor_alerts_tenant", ["tenant_id"], unique=False)
    op.create_table(
        "monitor_decisions",
        sa.Column("subject", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_monitor_decisions")),
    )
    op.create_table(
        "monitor_baselines",
        sa.Column("tenant_id", sa.String(length=40), nullable=False),
        sa.Column("offset", sa.Float(), nullable=False),
        sa.Column("cleared", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_monitor_baselines")),
    )


def downgrade() -> None:
    op.drop_table("monitor_baselines")
    op.drop_table("monitor_decisions")
    with op.batch_alter_table("monitor_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_monitor_alerts_tenant")
        batch_op.drop_index("ix_monitor_alerts_status_created")
    op.drop_table("monitor_alerts")
