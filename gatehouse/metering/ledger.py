"""The ledger: immutable entries, the daily rollup kept in step, corrections, spend totals.

Entries are written by `LedgerWriter` (a BatchWriter) off the request path; each batch and
its rollup upsert commit in one transaction, so `ledger_daily` always equals the sums of
`ledger_entries`. A usage entry's id is its request id, so a request can never be entered
twice. Corrections are new entries (`kind = correction`) carrying signed deltas; they count
in the period of their own posting time and never change an entry already written.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime, time, timezone
from typing import Any

from sqlalchemy import Table, case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.errors import InvalidRequest, NotFound
from gatehouse.metering.pricer import Quote
from gatehouse.metering.tables import ROLLUP_KEYS, ROLLUP_SUMS, ledger_daily, ledger_entries
from gatehouse.pipeline import RequestRecord
from gatehouse.store.batch import BatchWriter
from gatehouse.store.db import Store

__all__ = [
    "usage_row",
    "rollup_rows",
    "write_entries",
    "LedgerWriter",
    "post_correction",
    "spend_micros",
    "spend_today_and_month",
    "rebuild_rollups",
]

log = logging.getLogger("gatehouse.metering")


def usage_row(r: RequestRecord, q: Quote, now: datetime | None = None) -> dict[str, Any]:
    """The ledger entry of one billed request."""
    dep = r.deployment
    assert dep is not None and r.usage is not None
    p = q.price
    return {
        "id": r.id, "kind": "usage", "request_id": r.id, "corrects": None, "ts": r.ts,
        "recorded_at": now or datetime.now(timezone.utc), "tenant_id": r.tenant_id or "",
        "project_id": r.project_id, "key_id": r.key_id, "jurisdiction": r.jurisdiction or "",
        "endpoint": r.endpoint, "model": dep.public_model, "deployment_id": dep.id, "provider": dep.provider,
        "region": dep.region, "price_tier": dep.price_tier, "status": r.status, "cancelled": r.cancelled,
        "estimated": r.usage.estimated, "input_tokens": q.input_tokens, "cached_tokens": q.cached_tokens,
        "output_tokens": q.output_tokens, "input_price": p.input if p else None,
        "cached_price": p.cached_input if p else None, "output_price": p.output if p else None,
        "price_source": p.source if p else "none", "discount_ppm": q.discount_ppm, "list_micros": q.list_micros,
        "amount_micros": q.amount_micros, "currency": q.currency, "actor": None, "reason": None,
    }


def _day(ts: datetime) -> date:
    return (ts if ts.tzinfo is None else ts.astimezone(timezone.utc)).date()


def rollup_rows(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries summed per rollup key, sorted by key (a stable lock order for upserts)."""
    acc: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in entries:
        key = (_day(e["ts"]), e["tenant_id"], e["jurisdiction"], e["model"], e["provider"], e["region"], e["currency"])
        row = acc.get(key)
        if row is None:
            row = acc[key] = dict(zip(ROLLUP_KEYS, key)) | {s: 0 for s in ROLLUP_SUMS}
        row["requests"] += 1 if e["kind"] == "usage" else 0
        for s in ROLLUP_SUMS[1:]:
            row[s] += e[s]
    return [acc[k] for k in sorted(acc, key=lambda k: (k[0].toordinal(), *k[1:]))]


def _upsert(conn: AsyncConnection) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    stmt: Any = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(ledger_daily)
    return stmt.on_conflict_do_update(
        index_elements=list(ROLLUP_KEYS),
        set_={s: ledger_daily.c[s] + stmt.excluded[s] for s in ROLLUP_SUMS},
    )


async def write_entries(conn: AsyncConnection, entries: Sequence[dict[str, Any]]) -> None:
    """Insert entries and fold them into the rollup, inside the caller's transaction."""
    if not entries:
        return
    await conn.execute(ledger_entries.insert(), list(entries))
    for row in rollup_rows(entries):  # one statement per key: upserts must not meet the same key twice
        await conn.execute(_upsert(conn), row)


class LedgerWriter(BatchWriter):
    """A BatchWriter whose batches also update the rollup in the same transaction."""

    def __init__(self, store: Store, *, batch_size: int = 500, interval_s: float = 0.5,
                 queue_max: int = 100_000, table: Table = ledger_entries,
                 on_written: Callable[[list[dict[str, Any]]], None] | None = None) -> None:
        super().__init__(store, table, batch_size=batch_size, interval_s=interval_s, queue_max=queue_max,
                         on_written=on_written)

    async def write(self, conn: AsyncConnection, batch: list[dict[str, Any]]) -> None:
        await write_entries(conn, batch)


async def post_correction(store: Store, *, entry_id: str, reason: str, actor: str,
                          amount_micros: int | None = None, void: bool = False,
                          at: datetime | None = None) -> dict[str, Any]:
    """Post a correction of an entry: a signed amount delta, or `void` (reverse it in full)."""
    if not reason.strip():
        raise InvalidRequest("a correction needs a reason", param="reason")
    if void == (amount_micros is not None):
        raise InvalidRequest("give either an amount delta or void, not both", param="amount")
    async with store.engine.begin() as conn:
        orig = (await conn.execute(select(ledger_entries).where(ledger_entries.c.id == entry_id))).mappings().first()
        if orig is None:
            raise NotFound(f"no ledger entry {entry_id!r}", param="entry")
        entry = {str(k): v for k, v in orig.items()}
        sign = -1 if void else 0
        entry.update(
            id="cor_" + secrets.token_hex(12), kind="correction", corrects=entry_id,
            ts=at or datetime.now(timezone.utc), recorded_at=datetime.now(timezone.utc), status=0,
            input_tokens=sign * orig["input_tokens"], cached_tokens=sign * orig["cached_tokens"],
            output_tokens=sign * orig["output_tokens"],
            list_micros=-orig["list_micros"] if void else amount_micros,
            amount_micros=-orig["amount_micros"] if void else amount_micros,
            actor=actor, reason=reason,
        )
        await write_entries(conn, [entry])
        await _audit(conn, actor, entry, reason)
    return entry


async def _audit(conn: AsyncConnection, actor: str, entry: dict[str, Any], reason: str) -> None:
    try:
        from gatehouse.audit.trail import record
    except ImportError:
        return
    await record(conn, actor=actor, action="billing.correction", target=str(entry["corrects"]),
                 after={"id": entry["id"], "amount_micros": entry["amount_micros"]}, reason=reason)


async def spend_micros(conn: AsyncConnection, tenant_id: str, start: date, end: date,
                       currency: str | None = None) -> int:
    """A tenant's net spend over [start, end) from the rollup (budgets read this)."""
    q = select(func.coalesce(func.sum(ledger_daily.c.amount_micros), 0)).where(
        ledger_daily.c.tenant_id == tenant_id, ledger_daily.c.day >= start, ledger_daily.c.day < end)
    if currency is not None:
        q = q.where(ledger_daily.c.currency == currency)
    return int((await conn.execute(q)).scalar_one())


async def spend_today_and_month(conn: AsyncConnection, by: str, today: date,
                                ids: Collection[str] | None = None) -> dict[str, tuple[int, int]]:
    """Net spend on `today` (UTC) and over its month so far, per tenant (`by="tenant"`, from the
    rollup) or per API key (`by="key"`, from the entries): {id: (day, month)}. `ids` narrows it.
    The limits guard seeds its spend caps from this at start, so that they survive a restart."""
    first = today.replace(day=1)
    if by == "tenant":
        col, amount, when = ledger_daily.c.tenant_id, ledger_daily.c.amount_micros, ledger_daily.c.day
        lo: Any = first
        day_lo: Any = today
    elif by == "key":
        col, amount, when = ledger_entries.c.key_id, ledger_entries.c.amount_micros, ledger_entries.c.ts
        lo = datetime.combine(first, time(), timezone.utc)
        day_lo = datetime.combine(today, time(), timezone.utc)
    else:
        raise ValueError(f"by must be 'tenant' or 'key', not {by!r}")
    q = (select(col, func.sum(case((when >= day_lo, amount), else_=0)), func.sum(amount))
         .where(when >= lo, col.is_not(None)).group_by(col))
    if ids is not None:
        if not ids:
            return {}
        q = q.where(col.in_(list(ids)))
    return {r[0]: (int(r[1] or 0), int(r[2] or 0)) for r in (await conn.execute(q)).all()}


async def rebuild_rollups(store: Store) -> int:
    """Recompute `ledger_daily` from the entries (after a bulk load; idempotent)."""
    day = func.date(ledger_entries.c.ts) if store.is_sqlite else func.date(func.timezone("UTC", ledger_entries.c.ts))
    cols = [day.label("day"), *(ledger_entries.c[k] for k in ROLLUP_KEYS[1:])]
    sums = [func.sum(case((ledger_entries.c.kind == "usage", 1), else_=0)).label("requests"),
            *(func.sum(ledger_entries.c[s]).label(s) for s in ROLLUP_SUMS[1:])]
    q = select(*cols, *sums).group_by(*cols)
    async with store.engine.begin() as conn:
        await conn.execute(ledger_daily.delete())
        res = await conn.execute(ledger_daily.insert().from_select([*ROLLUP_KEYS, *ROLLUP_SUMS], q))
    return int(res.rowcount or 0)
