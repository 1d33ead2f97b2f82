"""Monitor tables: the analyst queue (`monitor_alerts`), the enforcement decisions every
gateway applies (`monitor_decisions`) and the baselines analysts teach by clearing alerts
(`monitor_baselines`). Migration 0004; the alerts' `clear_offset` and the campaign rosters
(`monitor_campaign_members`) and the live monitor's checkpoints (`monitor_checkpoints`), 0007."""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, DateTime, Float, Index, Integer, LargeBinary, String, Table, Text

from gatehouse.store.tables import metadata

__all__ = ["monitor_alerts", "monitor_decisions", "monitor_baselines", "monitor_campaign_members", "monitor_checkpoints"]

monitor_alerts = Table(
    "monitor_alerts", metadata,
    Column("id", String(40), primary_key=True),
    Column("tenant_id", String(40), nullable=False),
    Column("key_id", String(40)),
    Column("status", String(20), nullable=False),  # open | cleared | confirmed
    Column("verdict", String(20), nullable=False),
    Column("action", String(20), nullable=False),
    Column("score", Float, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("samples", JSON, nullable=False),
    Column("campaign", JSON),
    # log-odds of baseline that clearing this alert teaches (`Monitor.clear_offset`; migration 0007)
    Column("clear_offset", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("resolved_by", String(200)),
    Column("resolution", Text),
    Index("ix_monitor_alerts_status_created", "status", "created_at"),
    Index("ix_monitor_alerts_tenant", "tenant_id"),
)

monitor_decisions = Table(
    "monitor_decisions", metadata,
    Column("subject", String(60), primary_key=True),  # "tenant:<id>" or "key:<id>"
    Column("action", String(20), nullable=False),  # watch | throttle | review | block
    Column("score", Float, nullable=False),
    Column("reason", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

monitor_baselines = Table(
    "monitor_baselines", metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("offset", Float, nullable=False),
    Column("cleared", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# which campaign each linked tenant is in now (written by the live monitor as campaigns change), so
# that an analyst can confirm or clear a whole campaign from any one of its alerts
monitor_campaign_members = Table(
    "monitor_campaign_members", metadata,
    Column("tenant_id", String(40), primary_key=True),
    Column("campaign_id", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_monitor_campaign_members_campaign", "campaign_id"),
)

# what the live monitor has learned (`gatehouse.monitor.checkpoint`), one row per checkpoint name
monitor_checkpoints = Table(
    "monitor_checkpoints", metadata,
    Column("name", String(60), primary_key=True),
    Column("taken_at", DateTime(timezone=True), nullable=False),
    Column("requests", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
)
