"""The in-memory view of API keys every gateway process authenticates against.

Loaded whole at start and reloaded when the `keys` or `tenants` signal changes (polled,
see `gatehouse.store.signals`), so revocations and suspensions reach every process within
the poll interval. A key not in memory is looked up once in the database (a key created a
moment ago works at once); unknown secrets are remembered briefly so that guessing
cannot load the database.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select

from gatehouse.errors import AuthenticationFailed, PermissionDenied
from gatehouse.store.db import Store
from gatehouse.tenancy.tables import api_keys, tenants
from gatehouse.tenancy.principal import Principal
from gatehouse.tenancy.secrets import hash_secret

__all__ = ["Keyring", "principal_query", "principal_from_row"]

_NEGATIVE_TTL_S = 1.0
_NEGATIVE_MAX = 10_000


def principal_query() -> Any:
    return select(
        api_keys.c.id, api_keys.c.hash, api_keys.c.tenant_id, api_keys.c.project_id, api_keys.c.scopes,
        api_keys.c.expires_at, api_keys.c.revoked_at, api_keys.c.grace_until, api_keys.c.suspended_at,
        tenants.c.name, tenants.c.status, tenants.c.jurisdiction, tenants.c.entity_type,
    ).join(tenants, tenants.c.id == api_keys.c.tenant_id)


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt


def principal_from_row(r: Any) -> Principal | None:
    """None for a key that can no longer authenticate (revoked without grace)."""
    grace = _aware(r.grace_until)
    if r.revoked_at is not None and grace is None:
        return None
    return Principal(
        key_id=r.id, tenant_id=r.tenant_id, tenant_name=r.name, tenant_status=r.status,
        jurisdiction=r.jurisdiction, entity_type=r.entity_type, project_id=r.project_id,
        scopes=frozenset(r.scopes or ()), expires_at=_aware(r.expires_at), grace_until=grace,
        key_status="suspended" if r.suspended_at is not None else "active",
    )


class Keyring:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._by_hash: dict[str, Principal] = {}
        self._unknown: dict[str, float] = {}

    async def load(self) -> None:
        async with self.store.engine.connect() as conn:
            rows = (await conn.execute(principal_query())).all()
        fresh: dict[str, Principal] = {}
        for r in rows:
            p = principal_from_row(r)
            if p is not None:
                fresh[r.hash] = p
        self._by_hash = fresh
        self._unknown.clear()

    def __len__(self) -> int:
        return len(self._by_hash)

    async def _lookup(self, h: str) -> Principal | None:
        seen = self._unknown.get(h)
        now = time.monotonic()
        if seen is not None and now - seen < _NEGATIVE_TTL_S:
            return None
        async with self.store.engine.connect() as conn:
            row = (await conn.execute(principal_query().where(api_keys.c.hash == h))).first()
        p = principal_from_row(row) if row is not None else None
        if p is None:
            if len(self._unknown) >= _NEGATIVE_MAX:
                self._unknown.clear()
            self._unknown[h] = now
        else:
            self._by_hash[h] = p
        return p

    async def authenticate(self, secret: str) -> Principal:
        h = hash_secret(secret)
        p = self._by_hash.get(h)
        if p is None:
            p = await self._lookup(h)
            if p is None:
                raise AuthenticationFailed("Incorrect API key provided. You can find your API key in the Gatehouse console.")
        if p.key_status != "active":
            raise PermissionDenied("This API key is suspended. Contact your account manager.", code="api_key_suspended")
        if p.expires_at is not None or p.grace_until is not None:
            now = datetime.now(timezone.utc)
            if p.expires_at is not None and now >= p.expires_at:
                raise AuthenticationFailed("This API key has expired.", code="expired_api_key")
            if p.grace_until is not None and now >= p.grace_until:
                raise AuthenticationFailed("This API key was rotated and its grace period is over.", code="invalid_api_key")
        return p
