"""Retention: prompt and response bodies are erased once their period is over."""

from __future__ import annotations

from datetime import datetime, timezone

from gatehouse.store.db import Store
from gatehouse.store.tables import request_log

__all__ = ["purge_expired_bodies"]


async def purge_expired_bodies(store: Store, now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    async with store.engine.begin() as conn:
        res = await conn.execute(
            request_log.update()
            .where(request_log.c.bodies_expire_at.is_not(None), request_log.c.bodies_expire_at <= now)
            .values(request_body=None, response_text=None, bodies_expire_at=None)
        )
    return int(res.rowcount or 0)
