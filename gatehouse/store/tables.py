"""The core tables. Features add their own tables to the same `metadata` in their packages."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["metadata", "tenants", "projects", "api_keys", "admin_keys", "request_log", "store_meta"]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)

tenants = Table(
    "tenants", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("registration_number", String(100)),
    Column("jurisdiction", String(2), nullable=False),
    Column("entity_type", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("founded_on", Date),
    Column("aliases", JSON, nullable=False, default=list),
    Column("contacts", JSON, nullable=False, default=list),
    Column("billing", JSON, nullable=False, default=dict),
    Column("terms_version", String(40)),
    Column("terms_accepted_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

projects = Table(
    "projects", metadata,
    Column("id", String(40), primary_key=True),
    Column("tenant_id", String(40), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_keys = Table(
    "api_keys", metadata,
    Column("id", String(40), primary_key=True),
    Column("tenant_id", String(40), nullable=False, index=True),
    Column("project_id", String(40)),
    Column("name", String(200)),
    Column("prefix", String(20), nullable=False, index=True),
    Column("hash", String(128), nullable=False, unique=True),
    Column("scopes", JSON, nullable=False, default=list),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
    Column("grace_until", DateTime(timezone=True)),
    Column("rotated_to", String(40)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

admin_keys = Table(
    "admin_keys", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("prefix", String(20), nullable=False),
    Column("hash", String(128), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

request_log = Table(
    "request_log", metadata,
    Column("id", String(64), primary_key=True),
    Column("ts", DateTime(timezone=True), nullable=False),
    Column("tenant_id", String(40)),
    Column("key_id", String(40)),
    Column("project_id", String(40)),
    Column("jurisdiction", String(2)),
    Column("endpoint", String(64), nullable=False),
    Column("model", String(200)),
    Column("deployment_id", String(300)),
    Column("provider", String(100)),
    Column("region", String(100)),
    Column("status", Integer, nullable=False),
    Column("error_code", String(100)),
    Column("stream", Boolean, nullable=False, default=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("prompt_tokens", Integer, nullable=False, default=0),
    Column("completion_tokens", Integer, nullable=False, default=0),
    Column("cached_tokens", Integer, nullable=False, default=0),
    Column("usage_estimated", Boolean, nullable=False, default=False),
    Column("latency_ms", Float),
    Column("ttft_ms", Float),
    Column("client_ip", String(64)),
    Column("user_agent", String(400)),
    Column("finish_reason", String(40)),
    Column("request_params", JSON),
    Column("request_body", JSON),
    Column("response_text", Text),
    Column("bodies_expire_at", DateTime(timezone=True)),
    Index("ix_request_log_ts", "ts"),
    Index("ix_request_log_tenant_ts", "tenant_id", "ts"),
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
    Column("version", BigInteger, nullable=False, default=0),
)
