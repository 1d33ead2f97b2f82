"""Who is calling: the resolved identity behind an API key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["Principal"]


@dataclass(frozen=True, slots=True)
class Principal:
    key_id: str
    tenant_id: str
    tenant_name: str
    tenant_status: str
    jurisdiction: str
    entity_type: str
    project_id: str | None = None
    scopes: frozenset[str] = frozenset()  # allowed public models; empty = all
    expires_at: datetime | None = None
    grace_until: datetime | None = None
    key_status: str = "active"  # active | suspended
