"""Change signals between processes: a version counter per name in `store_meta`.

Writers `bump()` inside their transaction; every gateway process polls `versions()` (a
single cheap query) and reloads what changed, so a revocation made by the CLI reaches
every replica within the poll interval. With Redis configured, `publish()` wakes pollers
at once.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.store.tables import store_meta

__all__ = ["bump", "versions", "CHANNEL"]

CHANNEL = "gatehouse:signals"


async def bump(conn: AsyncConnection, name: str) -> None:
    key = f"version:{name}"
    res = await conn.execute(
        update(store_meta).where(store_meta.c.key == key).values(version=store_meta.c.version + 1)
    )
    if res.rowcount == 0:
        await conn.execute(store_meta.insert().values(key=key, value=name, version=1))


async def versions(conn: AsyncConnection) -> dict[str, int]:
    rows = await conn.execute(select(store_meta.c.value, store_meta.c.version).where(store_meta.c.key.like("version:%")))
    return {r[0]: int(r[1]) for r in rows}
