"""monitor: the baseline each alert's clearing teaches, sized to the level the analyst saw

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


def downgrade() -> None:
    with op.batch_alter_table("monitor_alerts") as batch:
        batch.drop_column("clear_offset")
