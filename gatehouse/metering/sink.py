"""The metering sink: every billed record becomes a ledger entry; every record feeds metrics.

`submit()` prices nothing new: it asks the gateway's pricer for the same deterministic quote
that set `record.cost_micros`, enqueues the entry, updates the Prometheus counters and the
running spend totals. The write itself happens in the LedgerWriter's background task.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from gatehouse.metering.ledger import LedgerWriter, usage_row
from gatehouse.metering.metrics import Metrics
from gatehouse.metering.pricer import Pricer, from_config
from gatehouse.metering.tables import ledger_daily
from gatehouse.pipeline import RequestRecord
from gatehouse.store.db import Store

if TYPE_CHECKING:
    from gatehouse.gateway import Gateway

__all__ = ["MeteringSink", "SpendTotals", "build", "month_start"]

log = logging.getLogger("gatehouse.metering")


def month_start(d: date) -> date:
    return date(d.year, d.month, 1)


class SpendTotals:
    """Month-to-date net spend per tenant: the rollup's totals plus entries not yet written.

    Refreshed from `ledger_daily` every `refresh_s` (so other processes' spend is seen);
    budgets (governance) read `month_to_date(tenant)` without touching the database.
    """

    def __init__(self, store: Store, refresh_s: float = 2.0) -> None:
        self.store = store
        self.refresh_s = refresh_s
        self.month = month_start(datetime.now(timezone.utc).date())
        self._written: dict[str, int] = {}
        self._pending: defaultdict[str, int] = defaultdict(int)

    def month_to_date(self, tenant_id: str) -> int:
        return self._written.get(tenant_id, 0) + self._pending.get(tenant_id, 0)

    def add(self, row: dict[str, Any]) -> None:
        if month_start(row["ts"].date()) == self.month:
            self._pending[row["tenant_id"]] += row["amount_micros"]

    def written(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if month_start(row["ts"].date()) == self.month:
                self._pending[row["tenant_id"]] -= row["amount_micros"]
                self._written[row["tenant_id"]] = self._written.get(row["tenant_id"], 0) + row["amount_micros"]

    async def refresh(self) -> None:
        month = month_start(datetime.now(timezone.utc).date())
        q = (select(ledger_daily.c.tenant_id, func.sum(ledger_daily.c.amount_micros))
             .where(ledger_daily.c.day >= month).group_by(ledger_daily.c.tenant_id))
        async with self.store.engine.connect() as conn:
            rows = (await conn.execute(q)).all()
        if month != self.month:
            self.month = month
            self._pending.clear()
        self._written = {r[0]: int(r[1]) for r in rows}

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.refresh()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("refreshing spend totals failed")
            try:
                await asyncio.wait_for(stop.wait(), self.refresh_s)
            except TimeoutError:
                pass


class MeteringSink:
    def __init__(self, pricer: Pricer, writer: LedgerWriter, metrics: Metrics, totals: SpendTotals) -> None:
        self.pricer = pricer
        self.writer = writer
        self.metrics = metrics
        self.totals = totals
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    def submit(self, record: RequestRecord) -> None:
        try:
            quote = record.price_quote if record.price_quote is not None else self.pricer.quote(record)
            if quote is not None:
                row = usage_row(record, quote)
                self.writer.put(row)
                self.totals.add(row)
            self.metrics.observe(record, quote)
        except Exception:
            log.exception("metering record %s failed", record.id)

    async def start(self) -> None:
        await self.writer.start()
        self._task = asyncio.create_task(self.totals.run(self._stop), name="metering-totals")

    async def aclose(self) -> None:
        if self._task is not None:
            # Stop between refreshes: cancelling mid-query strands the driver's thread.
            self._stop.set()
            await asyncio.wait([self._task], timeout=2)
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.writer.aclose()


def build(gateway: Gateway) -> MeteringSink:
    pricer = gateway.pricer if isinstance(gateway.pricer, Pricer) else from_config(gateway.config)
    lc = gateway.config.logging
    totals = SpendTotals(gateway.store)
    writer = LedgerWriter(gateway.store, batch_size=lc.batch_size, interval_s=lc.flush_interval_s,
                          queue_max=lc.queue_max, on_written=totals.written)
    return MeteringSink(pricer, writer, Metrics(), totals)
