"""The one batched, off-path writer: rows are queued in memory and inserted in batches."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection

from gatehouse.overflow import Overflow
from gatehouse.store.db import Store

__all__ = ["BatchWriter"]

log = logging.getLogger("gatehouse.store")


class BatchWriter:
    """Queue rows with `put()`; a background task inserts them every `interval_s` or when
    `batch_size` are waiting. `aclose()` flushes everything before returning, so a graceful
    shutdown loses nothing. If the queue is full the oldest rows are kept and the new one is
    counted (the response path never blocks on the database), logged and exported as metrics
    (`gatehouse.overflow.Overflow`)."""

    def __init__(self, store: Store, table: Table, *, batch_size: int = 500, interval_s: float = 0.5,
                 queue_max: int = 100_000, on_written: Callable[[list[dict[str, Any]]], None] | None = None) -> None:
        self.store = store
        self.table = table
        self.batch_size = batch_size
        self.interval_s = interval_s
        self.queue_max = queue_max
        self.written = 0
        self._rows: deque[dict[str, Any]] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._on_written = on_written
        self.overflow = Overflow(table.name, self._rows, queue_max, log, "its rows are not written")

    def put(self, row: dict[str, Any]) -> None:
        if len(self._rows) >= self.queue_max:
            self.overflow.drop()
            return
        self._rows.append(row)
        if len(self._rows) >= self.batch_size:
            self._wake.set()

    @property
    def pending(self) -> int:
        return len(self._rows)

    @property
    def dropped(self) -> int:
        return self.overflow.dropped

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"batch-writer:{self.table.name}")

    async def _run(self) -> None:
        while not self._closing:
            try:
                await asyncio.wait_for(self._wake.wait(), self.interval_s)
            except TimeoutError:
                pass
            self._wake.clear()
            await self.flush()

    async def flush(self) -> None:
        while self._rows:
            n = min(len(self._rows), self.batch_size)
            batch = [self._rows.popleft() for _ in range(n)]
            try:
                async with self.store.engine.begin() as conn:
                    await self.write(conn, batch)
            except Exception:
                log.exception("writing %d rows to %s failed; will retry", len(batch), self.table.name)
                self._rows.extendleft(reversed(batch))
                if self._closing:
                    raise
                await asyncio.sleep(self.interval_s)
                return
            self.written += len(batch)
            if self._on_written is not None:
                self._on_written(batch)

    async def write(self, conn: AsyncConnection, batch: list[dict[str, Any]]) -> None:
        """Write one batch inside its transaction; subclasses that write more than one table
        (a rollup, an index) override this and nothing else."""
        await conn.execute(self.table.insert(), batch)

    async def aclose(self) -> None:
        self._closing = True
        self._wake.set()
        if self._task is not None:
            try:
                await self._task
            except Exception:
                log.exception("batch writer for %s stopped with an error", self.table.name)
            self._task = None
        for _ in range(3):
            try:
                await self.flush()
                return
            except Exception:
                await asyncio.sleep(0.2)
